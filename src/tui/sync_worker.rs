//! Syncing a journal that syncs, off the keyboard's path: a thread with its own connection
//! writes this device's segment and applies the others' (the folder's files, the
//! encryption, the transaction that applies), while the interface keeps answering keys. The
//! interface asks for a sync on start, on a timer (`sync_every_minutes`) and after a save;
//! asks made while one runs become one more sync after it.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::store::sync::SyncStatus;
use crate::store::{self, Reopener, Store};
use crate::views::sync::SyncFailure;

/// How often the time since the last sync moves on ("synced 2 min ago").
pub(crate) const WORDS_EVERY: Duration = Duration::from_secs(60);

/// How long after a save the sync waits, so that a burst of saves (ticking off three
/// follow-ups) travels as one segment.
pub(crate) const AFTER_SAVE: Duration = Duration::from_secs(2);

/// What one sync came to.
pub(crate) struct SyncAnswer {
    /// The state after it (or the last known, when only the sync failed).
    pub status: Option<SyncStatus>,
    pub failure: Option<SyncFailure>,
    /// Other devices' changes applied to this journal.
    pub applied: usize,
    /// Whether another connection (the interface's own saves, another Rapport) may have
    /// committed while this sync ran: its own writes are then not the journal's only change.
    pub others_wrote: bool,
    /// The journal's clock as far as this sync sent it: a later one means a change to send.
    pub clock_sent: i64,
}

pub(crate) struct SyncWorker {
    requests: Sender<()>,
    answers: Receiver<SyncAnswer>,
}

impl SyncWorker {
    /// Starts the thread on its own connection to the journal; it writes a byte to `wake`
    /// after each sync so that a loop sleeping on the other end of it sees the answer.
    pub(crate) fn start(journal: Reopener, wake: Option<UnixStream>) -> SyncWorker {
        let (requests, inbox) = mpsc::channel::<()>();
        let (outbox, answers) = mpsc::channel::<SyncAnswer>();
        thread::spawn(move || {
            let mut store: Option<Store> = None;
            while inbox.recv().is_ok() {
                // Asks made meanwhile are answered by this one sync.
                while inbox.try_recv().is_ok() {}
                // Opened at the first sync, and tried again at the next when it could not
                // be. A journal gone by now (the app shut down, the journal moved) is never
                // created anew by a sync.
                let opened_now = store.is_none();
                if opened_now && journal.path().is_file() {
                    store = journal.open().ok();
                }
                let answer = match store.as_mut() {
                    Some(store) => {
                        let mut answer = sync_once(store);
                        // Commits made while this connection was being opened are seen by
                        // no one's before-and-after: counted as another's.
                        answer.others_wrote |= opened_now;
                        answer
                    }
                    None => SyncAnswer {
                        status: None,
                        failure: Some(SyncFailure::Failed),
                        applied: 0,
                        others_wrote: true,
                        clock_sent: 0,
                    },
                };
                if outbox.send(answer).is_err() {
                    return;
                }
                if let Some(mut wake) = wake.as_ref() {
                    // A full socket already holds a wake-up; a closed one has no loop.
                    let _ = wake.write(&[1]);
                }
            }
        });
        SyncWorker { requests, answers }
    }

    /// Asks for a sync. A worker that has gone away leaves it unanswered.
    pub(crate) fn ask(&self) {
        let _ = self.requests.send(());
    }

    /// The answers that have arrived, oldest first.
    pub(crate) fn answers(&self) -> Vec<SyncAnswer> {
        self.answers.try_iter().collect()
    }
}

fn sync_once(store: &mut Store) -> SyncAnswer {
    // This connection's data version moves only for other connections' commits.
    let version_before = store.data_version().ok();
    let clock_before = store.sync_clock().unwrap_or(0);
    let (applied, failure) = match store.sync_folder() {
        Ok(Some(folder)) if !folder.is_dir() => (0, Some(SyncFailure::FolderMissing)),
        Ok(Some(_)) => match store.sync_now() {
            Ok(report) => (report.applied, None),
            Err(store::Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                if e.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                (0, Some(SyncFailure::Busy))
            }
            Err(_) => (0, Some(SyncFailure::Failed)),
        },
        // No longer syncing (another Rapport changed that): nothing to do or show.
        Ok(None) => (0, None),
        Err(_) => (0, Some(SyncFailure::Failed)),
    };
    // Applying moves the clock on too; when nothing is left to send (counted after the
    // clock was read, so a save between the two counts as left), the clock now is sent.
    let clock_after = store.sync_clock().unwrap_or(0);
    let status = store.sync_status().ok();
    let nothing_left = failure.is_none() && status.as_ref().is_some_and(|s| s.pending == 0);
    let version_after = store.data_version().ok();
    SyncAnswer {
        status,
        failure,
        applied,
        others_wrote: version_before.is_none() || version_before != version_after,
        clock_sent: if nothing_left {
            clock_after
        } else {
            clock_before
        },
    }
}

/// The interface's side of syncing, present only for a journal that syncs.
pub(crate) struct Syncing {
    /// Started at the first sync, when the event loop's wake-up is known.
    pub(crate) worker: Option<SyncWorker>,
    /// When the next sync is due; `None` while one runs or none is planned.
    pub(crate) due: Option<Instant>,
    /// A sync asked for and not answered yet.
    pub(crate) running: bool,
    /// Whether the worker wakes the event loop when it answers.
    pub(crate) wakes: bool,
    /// The timer's period, `None` when `sync_every_minutes` is 0.
    pub(crate) every: Option<Duration>,
    pub(crate) status: Option<SyncStatus>,
    pub(crate) failure: Option<SyncFailure>,
    /// The journal's clock as the last sync found it; a later one is a save to send.
    pub(crate) clock_seen: i64,
    /// The journal's clock when the running sync was asked for.
    pub(crate) clock_at_ask: Option<i64>,
    /// The interface's journal generation when the clock was last compared.
    pub(crate) checked: Option<crate::tui::generation::Generation>,
    /// When "synced 2 min ago" next reads differently, so the status line is drawn again.
    pub(crate) words_change: Option<Instant>,
}

impl Syncing {
    pub(crate) fn new(every_minutes: u32, now: Instant) -> Syncing {
        Syncing {
            worker: None,
            due: Some(now),
            running: false,
            wakes: false,
            every: (every_minutes > 0).then(|| Duration::from_secs(u64::from(every_minutes) * 60)),
            status: None,
            failure: None,
            clock_seen: 0,
            clock_at_ask: None,
            checked: None,
            words_change: None,
        }
    }

    /// A sync is wanted by `at` at the latest.
    pub(crate) fn want_by(&mut self, at: Instant) {
        self.due = Some(self.due.map_or(at, |due| due.min(at)));
    }
}
