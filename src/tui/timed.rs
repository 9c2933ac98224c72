//! What time alone changes: search answers arriving, a draft written once typing pauses,
//! status messages expiring, and another Rapport's changes to the journal shown.

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use crate::tui::app::{App, DRAFT_DEBOUNCE, LOOK_FOR_CHANGES};
use crate::tui::overlay::Overlay;
use crate::tui::sync_worker::{AFTER_SAVE, SyncWorker, WORDS_EVERY};

/// How long a status message stays.
const STATUS_FOR: Duration = Duration::from_secs(5);
/// How often an outstanding search is looked for when its worker cannot wake the event loop
/// (an app driven without one, as the tests drive it).
const SEARCH_POLL: Duration = Duration::from_millis(5);

impl App {
    /// Whether a search answer is awaited.
    pub fn searching(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Search(panel)) if panel.waiting_for.is_some())
    }

    /// Has the search worker (started later) write a byte to `wake` whenever an answer is
    /// ready.
    pub fn wake_on_answers(&mut self, wake: UnixStream) {
        self.answer_wake = Some(wake);
    }

    /// When time alone next changes something [`App::tick`] does: a draft to write, a message
    /// to clear, or (only without a wake-up from the worker) a search answer to look for.
    /// `None` when only input can change anything.
    pub fn next_timed_work(&self, now: Instant) -> Option<Instant> {
        let draft = self.draft_pending.map(|since| since + DRAFT_DEBOUNCE);
        let status = self.status.as_ref().map(|s| s.since + STATUS_FOR);
        let search = (self.searching() && !self.worker_wakes).then(|| now + SEARCH_POLL);
        let sync = self.syncing.as_ref().and_then(|syncing| {
            if syncing.running {
                // Without a wake-up from the worker, its answer is looked for.
                (!syncing.wakes).then(|| now + SEARCH_POLL)
            } else {
                [syncing.due, syncing.words_change]
                    .into_iter()
                    .flatten()
                    .min()
            }
        });
        [draft, status, search, sync].into_iter().flatten().min()
    }

    /// Time passing: takes search answers, writes a pending draft once typing pauses, and
    /// clears old messages.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut redraw = self.look_for_changes(now);
        redraw |= self.sync_when_due(now);
        if let (Some(Overlay::Search(panel)), Some(worker)) =
            (&mut self.overlay, &self.search_worker)
            && let Some(answer) = worker.newest_answer()
        {
            redraw |= panel.receive(answer);
        }
        if self
            .draft_pending
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DEBOUNCE)
        {
            self.save_draft_now();
            redraw = true;
        }
        if self
            .status
            .as_ref()
            .is_some_and(|s| now.duration_since(s.since) >= STATUS_FOR)
        {
            self.status = None;
            redraw = true;
        }
        redraw
    }

    /// How syncing stands, for the status line ("synced 2 min ago · conflict: 1"), and
    /// whether it needs the leader (a failure, a conflict); `None` for a journal that does
    /// not sync.
    /// The words come in parts, least pressing first (where room is short, the first give
    /// way).
    pub fn sync_words(&self) -> Option<(Vec<String>, bool)> {
        let syncing = self.syncing.as_ref()?;
        let now = self.store.now().with_timezone(&chrono::Utc);
        let conflicts = self.sync_conflicts();
        Some(match (syncing.failure, &syncing.status) {
            (Some(failure), _) => {
                let mut words = vec![failure.phrase().to_string()];
                if conflicts > 0 {
                    words.push(format!("conflict: {conflicts}"));
                }
                (words, true)
            }
            (None, Some(status)) => (
                crate::views::sync::summary_parts(status, now),
                conflicts > 0,
            ),
            (None, None) => (vec!["syncing…".to_string()], false),
        })
    }

    /// How many conflicts the last sync found waiting (0 for a journal that does not sync).
    pub(crate) fn sync_conflicts(&self) -> usize {
        self.syncing
            .as_ref()
            .and_then(|s| s.status.as_ref())
            .map_or(0, |status| status.conflicts.len())
    }

    /// Whether a sync was asked for and has not answered yet.
    pub fn sync_running(&self) -> bool {
        self.syncing.as_ref().is_some_and(|s| s.running)
    }

    /// A journal that syncs: takes the worker's answers (reading the screens again when it
    /// brought other devices' changes), plans a sync after a save, and asks for the sync that
    /// is due. True when the status line changed.
    fn sync_when_due(&mut self, now: Instant) -> bool {
        let Some(syncing) = &mut self.syncing else {
            return false;
        };
        let mut redraw = false;
        let mut answered = false;
        let mut applied = false;
        // Whether the answers' syncs wrote the only commits since the journal was last read.
        let mut only_own_writes = true;
        let answers = syncing
            .worker
            .as_ref()
            .map(|worker| worker.answers())
            .unwrap_or_default();
        for answer in answers {
            syncing.running = false;
            if answer.status.is_some() {
                syncing.status = answer.status;
            }
            syncing.failure = answer.failure;
            syncing.clock_seen = answer.clock_sent;
            applied |= answer.applied > 0;
            only_own_writes &= !answer.others_wrote;
            if let Some(every) = syncing.every {
                syncing.want_by(now + every);
            }
            syncing.words_change = Some(now + WORDS_EVERY);
            answered = true;
            redraw = true;
        }
        if let Some(at) = syncing.words_change
            && at <= now
        {
            syncing.words_change = Some(now + WORDS_EVERY);
            redraw = true;
        }
        if applied {
            self.reload_or_complain();
            // Read already: the once-a-second look need not read it again.
            self.seen_version = self.store.data_version().ok();
        } else if answered && only_own_writes {
            // A sync that applied nothing still writes its bookkeeping (when it synced, how
            // far it sent), which moves the data version: that is no change to read. Another
            // commit since the sync was asked for moved the worker's data version (during
            // the sync) or the sync clock (a record saved), and is read at the next look.
            // The version is read before the clock, so a save between the two is not lost.
            let version = self.store.data_version().ok();
            let clock = self.store.sync_clock().ok();
            if let Some(syncing) = &self.syncing
                && clock.is_some()
                && clock == syncing.clock_at_ask
            {
                self.seen_version = version;
            }
        }
        let Some(syncing) = &mut self.syncing else {
            return redraw;
        };
        // Every save moves the journal's generation on; a save to send moves its clock too.
        if syncing.checked != Some(self.journal) {
            syncing.checked = Some(self.journal);
            if self
                .store
                .sync_clock()
                .is_ok_and(|clock| clock > syncing.clock_seen)
            {
                syncing.want_by(now + AFTER_SAVE);
            }
        }
        if !syncing.running && syncing.due.is_some_and(|due| due <= now) {
            // What others committed before the sync is read now, so that after it the sync's
            // own bookkeeping can be told from their changes. The clock is read first: a
            // save between the two then reads as a clock moved.
            let clock_at_ask = self.store.sync_clock().ok();
            redraw |= self.look_now();
            let Some(syncing) = &mut self.syncing else {
                return redraw;
            };
            syncing.clock_at_ask = clock_at_ask;
            if syncing.worker.is_none() {
                let wake = self.answer_wake.as_ref().and_then(|w| w.try_clone().ok());
                syncing.wakes = wake.is_some();
                syncing.worker = Some(SyncWorker::start(self.store.reopener(), wake));
            }
            if let Some(worker) = &syncing.worker {
                worker.ask();
            }
            syncing.running = true;
            syncing.due = None;
        }
        redraw
    }

    /// When the journal is next looked at for changes made by another Rapport.
    pub fn next_look(&self) -> Instant {
        self.next_look
    }

    /// Once a second: when another Rapport committed to the journal since the screens were
    /// read, reads them again (cursors and open forms stay as they are). Nothing is read when
    /// nothing changed.
    fn look_for_changes(&mut self, now: Instant) -> bool {
        if now < self.next_look {
            return false;
        }
        self.next_look = now + LOOK_FOR_CHANGES;
        self.look_now()
    }

    /// Reads the screens again when another Rapport committed to the journal since they were
    /// read; says a journal replaced or gone. True when there is something to draw.
    fn look_now(&mut self) -> bool {
        // A journal replaced or gone is said, and not read: its old side files may now
        // belong to the new file.
        if let Some(moved) = self.store.moved() {
            let said = self.status.as_ref().is_some_and(|s| s.error);
            if !said {
                self.complain(moved.to_string());
            }
            return !said;
        }
        let Ok(version) = self.store.data_version() else {
            return false;
        };
        let changed = self.seen_version != Some(version);
        self.seen_version = Some(version);
        if changed {
            self.reload_or_complain();
        }
        changed
    }
}
