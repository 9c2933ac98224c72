//! The only place that speaks SQL: opening the journal file safely, its migrations, and one
//! module per part of the journal.

mod aspirations;
pub mod backup;
mod bulk;
mod carried;
pub mod cipher;
mod conversations;
mod conversion;
mod delegations;
mod directions;
mod drafts;
mod error;
pub(crate) mod export_columns;
pub mod export_rows;
#[cfg(feature = "fault-injection")]
pub(crate) mod fault;
mod feedback;
mod files;
mod follow_ups;
mod health;
mod insight_rows;
mod key;
mod lock;
mod meets;
mod moments;
mod notes;
mod open;
mod people;
pub(crate) mod progress;
mod questions;
mod ranking;
mod reflections;
mod rows;
mod search;
pub(crate) mod sync;
mod talking_points;
pub(crate) mod targets;
pub(crate) mod temp;
#[cfg(test)]
mod test_journal;
mod timeline;
mod which;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use aspirations::NewAspiration;
pub(crate) use bulk::BulkLoad;
pub(crate) use carried::CarriedConcern;
pub use carried::{Linked, ProgressNoted};
pub use conversations::Record;
pub(crate) use conversations::{Alongside, DeletedRows};
pub(crate) use delegations::HandoverRows;
pub(crate) use drafts::DraftRow;
pub use error::Error;
pub(crate) use feedback::{FeedbackFilter, FeedbackPatch, NewFeedback};
pub use files::{SCHEMA_VERSION, Sealing, prepare_private_dir};
pub use follow_ups::FollowUpFilter;
pub(crate) use follow_ups::FollowUpPatch;
pub(crate) use insight_rows::{OpenConcern, PREP_CONVERSATIONS, TrendRows, WeekRows};
pub use insight_rows::{PersonFacts, PrepRows};
pub use key::{Key, Passphrase};
pub(crate) use moments::MomentPatch;
pub(crate) use notes::KeptWith;
// Rows the insights' unit tests build by hand.
#[cfg(test)]
pub(crate) use insight_rows::{AspirationPulse, PersonBefore};
pub(crate) use lock::lock_path;
pub(crate) use open::remove_if_blank;
pub use people::PersonSummary;
pub(crate) use people::{person_names, tag_names};
pub(crate) use questions::{AskedQuestion, LastAsked};
pub use reflections::ReflectionText;
pub(crate) use rows::{Stamp, StoredUuid};
pub use search::{HitKind, MATCH_END, MATCH_START, SearchHit, segments};
pub use talking_points::TalkingPointFilter;
pub(crate) use timeline::PersonWeekCount;
pub use timeline::{EventKind, TimelineCursor, TimelineEvent, TimelineFilter};
pub use which::Which;

pub use crate::clock::Clock;

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// An open journal.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    /// The shared lock on the journal, held while it is open (see `lock.rs`), exclusive
    /// during a load that has the journal alone (`bulk.rs`). Declared after `conn` so that
    /// it is released only once the connection is closed.
    lock: lock::JournalLock,
    /// The file that was opened: a write first checks the path still names it.
    identity: open::FileIdentity,
    /// Which kinds of conversation count as a 1:1 when reading who is due (a setting).
    cadence_kinds: crate::domain::CadenceKinds,
    /// The journal's passphrase, when it is encrypted: every other connection to it (the
    /// search, a backup) is keyed with it too.
    key: Key,
    /// Who hears how far long work has come (see `progress.rs`): nobody unless told.
    progress: Arc<dyn progress::Progress>,
    /// The sync folder's files this connection has read, so that its next sync opens only
    /// new ones (see `sync/segment.rs`).
    segment_headers: sync::SegmentHeaders,
}

/// What another thread needs to open its own connection to the same journal, on the same
/// clock and with the same key.
#[derive(Clone)]
pub(crate) struct Reopener {
    path: PathBuf,
    clock: Clock,
    key: Key,
    cadence_kinds: crate::domain::CadenceKinds,
}

/// Virtual machine steps between two questions of [`Store::give_way_when`]: some ten
/// microseconds of a query, so a key waits no longer than that for a statement to stop. The
/// question (one `poll` of the terminal, under a microsecond) only runs in reading the
/// interface does while it waits, where a few percent more time costs nobody anything.
const GIVE_WAY_STEPS: std::ffi::c_int = 1_000;

impl Reopener {
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn open(&self) -> Result<Store> {
        Store::open_reading(
            &self.path,
            self.key.clone(),
            Arc::clone(&self.clock),
            self.cadence_kinds,
        )
    }
}

impl Store {
    /// Opens (or creates) the journal at `path` on the system clock, refusing files that are
    /// not Rapport journals or were written by a newer Rapport, and a clock outside the
    /// journal's years; brings the schema up to date. The settings are the defaults.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_keyed(path, Key::plain(), crate::domain::CadenceKinds::default())
    }

    /// Opens an encrypted journal with its passphrase (or a plain one with [`Key::plain`]),
    /// reading "the last 1:1" as the last conversation of one of `cadence_kinds` (the
    /// leader's setting, given here so that no reader can be handed a journal without it).
    /// A new journal opened with a passphrase is created encrypted.
    pub(crate) fn open_keyed(
        path: &Path,
        key: Key,
        cadence_kinds: crate::domain::CadenceKinds,
    ) -> Result<Store> {
        let now = crate::clock::read()?;
        Store::open_reading(path, key, crate::clock::system_clock(now), cadence_kinds)
    }

    /// Opens a plain journal on `clock` with the default settings (tests and benches).
    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Store> {
        Store::open_keyed_with_clock(path, Key::plain(), clock)
    }

    /// [`Store::open_with_clock`] for a journal keyed with `key`.
    pub fn open_keyed_with_clock(path: &Path, key: Key, clock: Clock) -> Result<Store> {
        Store::open_reading(path, key, clock, crate::domain::CadenceKinds::default())
    }

    /// A journal kept as a symbolic link is opened (and later backed up, restored) where the
    /// link points.
    fn open_reading(
        path: &Path,
        key: Key,
        clock: Clock,
        cadence_kinds: crate::domain::CadenceKinds,
    ) -> Result<Store> {
        let path = targets::follow_links(path);
        let opened = open::open_connection(&path, clock(), &key)?;
        Ok(Store {
            conn: opened.conn,
            path,
            clock,
            lock: opened.lock,
            identity: opened.identity,
            cadence_kinds,
            key,
            progress: Arc::new(progress::Quiet),
            segment_headers: sync::SegmentHeaders::new(),
        })
    }

    /// Long work on this journal (an import, a backup, a check) tells `progress` how far it
    /// has come.
    pub(crate) fn report_progress_to(&mut self, progress: Arc<dyn progress::Progress>) {
        self.progress = progress;
    }

    pub(crate) fn progress(&self) -> Arc<dyn progress::Progress> {
        Arc::clone(&self.progress)
    }

    /// How another thread opens this journal again, with the same settings.
    pub(crate) fn reopener(&self) -> Reopener {
        Reopener {
            path: self.path.clone(),
            clock: Arc::clone(&self.clock),
            key: self.key.clone(),
            cadence_kinds: self.cadence_kinds,
        }
    }

    /// True when the journal is encrypted.
    pub(crate) fn is_encrypted(&self) -> bool {
        self.key.is_encrypted()
    }

    /// The key this journal was opened with, for another connection to it (a backup).
    pub(crate) fn key(&self) -> Key {
        self.key.clone()
    }

    /// The kinds of conversation this journal was opened to count as a 1:1.
    pub(crate) fn cadence_kinds(&self) -> crate::domain::CadenceKinds {
        self.cadence_kinds
    }

    /// A subquery for the time of `person`'s (an id column) last 1:1, before `before` (a
    /// parameter) when given: one walk back along the per-person time index that stops at
    /// the first conversation of a cadence kind.
    fn last_one_on_one_sql(&self, person: &str, before: Option<&str>) -> String {
        let before = before.map_or(String::new(), |at| format!(" AND c.happened_at < {at}"));
        format!(
            "(SELECT c.happened_at FROM conversation c
               WHERE c.person_id = {person}{before} AND {kinds}
               ORDER BY c.happened_at DESC LIMIT 1)",
            kinds = self.cadence_kind_test("c.kind"),
        )
    }

    /// `kind IN (…)` for the cadence kinds, to put in a query. The words come from the
    /// fixed vocabulary, never from the leader's text.
    fn cadence_kind_test(&self, column: &str) -> String {
        let words: Vec<String> = self
            .cadence_kinds
            .kinds()
            .iter()
            .map(|kind| format!("'{}'", kind.key()))
            .collect();
        format!("{column} IN ({})", words.join(", "))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A handle another thread can use to stop a long query on this connection (a search
    /// overtaken by more typing). The stopped query fails with an interrupted error.
    pub(crate) fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Asks `give_way` every [`GIVE_WAY_STEPS`] steps of every query until it is taken off
    /// (`None`); a query it answers true to stops there and fails as interrupted. The
    /// interface's reading while it waits for keys gives way to a key this way.
    pub(crate) fn give_way_when(&self, give_way: Option<impl FnMut() -> bool + Send + 'static>) {
        let steps = if give_way.is_some() {
            GIVE_WAY_STEPS
        } else {
            0
        };
        // Only a connection shared with another thread's handle refuses a handler; ours
        // is owned here, and a handler that could not be set only means no giving way.
        let _ = self.conn.progress_handler(steps, give_way);
    }

    /// Keeps more of the journal's pages in memory, for a reader that comes back to them:
    /// the interface, which reads the same people, weeks and indexes at every key (see
    /// `open::INTERFACE_CACHE_KIB`). A command keeps SQLite's default.
    pub fn keep_pages_for_the_interface(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -open::INTERFACE_CACHE_KIB)?;
        Ok(())
    }

    /// A number that changes whenever another connection (another Rapport, the command
    /// line) commits to the journal, and never for this connection's own writes.
    pub(crate) fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    pub(crate) fn now(&self) -> DateTime<Local> {
        (self.clock)()
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    pub fn local_now(&self) -> NaiveDateTime {
        self.now().naive_local()
    }

    /// The UTC stamp written into created_at / updated_at.
    fn stamp(&self) -> Stamp {
        Stamp::of(self.now().with_timezone(&chrono::Utc))
    }

    /// Every change the leader makes is one transaction taken with a write lock up front, so
    /// two Rapports never fail half-way with "database is locked".
    ///
    /// Once the write lock is held, the journal's path must still name the file this store
    /// opened: a file renamed over it or a removed journal (another program's restore)
    /// would leave this connection writing into a deleted file that nobody will ever read.
    ///
    /// A write that fails to begin is looked at the same way first: a file renamed over
    /// the journal shares its side files with this connection, whose next read then finds
    /// pages of another database and would call a healthy journal damaged.
    fn write(&mut self) -> Result<Transaction<'_>> {
        match self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
        {
            Ok(tx) => match moved(&self.path, self.identity) {
                Some(moved) => Err(moved),
                None => Ok(tx),
            },
            Err(e) => Err(moved(&self.path, self.identity).unwrap_or_else(|| e.into())),
        }
    }

    /// Why this store can no longer read or write its journal (see [`moved`]).
    pub(crate) fn moved(&self) -> Option<Error> {
        moved(&self.path, self.identity)
    }

    /// `error`, unless the journal's file was replaced or is gone: then that is what went
    /// wrong (a read through side files another journal now uses fails as "damaged"), and
    /// no restore is advised.
    pub(crate) fn explain(&self, error: Error) -> Error {
        self.moved().unwrap_or(error)
    }

    /// After text was deleted or overwritten: copies the WAL into the journal and empties
    /// it, so the old text does not linger in WAL frames (secure_delete already clears it
    /// from the journal's own pages). Best effort and without waiting: when another
    /// Rapport is reading, the frames are overwritten by later writes instead.
    fn forget_old_text(&self) {
        let _ = self.conn.busy_timeout(std::time::Duration::ZERO);
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        let _ = self.conn.busy_timeout(open::BUSY_TIMEOUT);
    }

    /// Makes the journal's lock exclusive when no other Rapport has the journal open (false
    /// otherwise); [`Store::share`] gives it back.
    fn try_alone(&self) -> Result<bool> {
        self.lock.try_exclusive()
    }

    /// Lets other Rapports open the journal again after [`Store::try_alone`].
    fn share(&self) -> Result<()> {
        self.lock.share()
    }

    /// Direct access for the bulk writers (the demo journal) inside this crate.
    #[cfg(test)]
    pub(crate) fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Why a store can no longer read or write its journal, when `path` no longer names the
/// file it opened (`identity`): the journal was replaced (renamed over by another program),
/// or it is gone (it, or its folder, was moved or removed). `None` while the path still
/// names that file.
fn moved(path: &Path, identity: open::FileIdentity) -> Option<Error> {
    match open::FileIdentity::of(path) {
        Some(found) if found == identity => None,
        Some(_) => Some(Error::Replaced),
        None => Some(Error::JournalGone(path.to_path_buf())),
    }
}

/// A fresh random (time-ordered) id for a new row.
pub(crate) fn new_uuid() -> StoredUuid {
    StoredUuid(uuid::Uuid::now_v7())
}
