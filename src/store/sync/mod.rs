//! Two devices, one journal (docs/architecture.md, "Two devices"). The journal's triggers
//! (migration 18) keep a clock of every change to a synced record; a sync writes this
//! device's changes since the last one into a segment of its own in the shared folder
//! (`segment.rs`), then applies the other devices' segments (`apply.rs`): per field, the
//! latest clock wins, deletions are final, links are resolved by UUID.

mod apply;
mod clash;
mod conflicts;
mod folder_file;
mod segment;
mod settlement;
mod snapshot;
pub(super) mod triggers;

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};

use super::export_columns::Table;
use super::export_rows::{EachTable, TableRow, each_table};
use super::{Error, Result, Store};

pub(crate) use conflicts::SyncConflict;
pub(crate) use segment::{FOLDER_FORMAT, FORMAT, Headers as SegmentHeaders};

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct SyncReport {
    pub folder: PathBuf,
    /// Records this device made, changed or deleted, written to the folder.
    pub sent: usize,
    /// Other devices' segments applied.
    pub segments_applied: usize,
    /// Records their changes made, changed or deleted here.
    pub applied: usize,
    /// Changes waiting for a record they need (its making, its person) to arrive.
    pub waiting: usize,
    /// Files in the folder still arriving or cut short, read again next time.
    pub incomplete: usize,
    /// Other devices' changes to records this journal no longer has: deleted here with
    /// the record they belonged to (a conversation's need with its conversation).
    pub dropped: usize,
    /// Conflicts kept, in all.
    pub conflicts: usize,
    /// Conflicts this sync found.
    pub new_conflicts: usize,
    /// Records taken whole with the first device's snapshot, when this device joined with
    /// an empty journal.
    pub taken: usize,
}

/// A device that writes to the folder, as this journal knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct SyncDevice {
    pub device: String,
    pub this_device: bool,
    /// When this journal last applied one of its segments (UTC), `None` for this device.
    pub last_seen: Option<String>,
    /// Whether it has not yet applied every change this device has written to the folder
    /// (as its own file in the folder says); never for this device.
    pub behind: bool,
}

/// `rapport sync status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct SyncStatus {
    pub folder: PathBuf,
    pub device: String,
    pub synced_at: Option<String>,
    /// Records this device made, edited or deleted since its last sync.
    pub pending: i64,
    /// Other devices' changes read but waiting for a record they need.
    pub waiting: i64,
    pub devices: Vec<SyncDevice>,
    pub conflicts: Vec<SyncConflict>,
}

impl SyncStatus {
    /// Other devices that have not applied everything this one wrote.
    pub(crate) fn devices_behind(&self) -> usize {
        self.devices.iter().filter(|d| d.behind).count()
    }
}

/// The journal's next clock, in SQL over `sync_state`: a tick on from the last, or the
/// wall clock (milliseconds × 65536) when it is ahead — as the triggers stamp a change.
const NEXT_CLOCK: &str =
    "max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536)";

/// Records that the journal behind `conn` holds `device`'s changes from `from` to `to` (a
/// segment, or a snapshot as `0..upto`), seen at `seen_at`.
fn record_seen(
    conn: &rusqlite::Connection,
    device: &str,
    (from, to): (i64, i64),
    seen_at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_seen (device, from_hlc, to_hlc, seen_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![device, from, to, seen_at])?;
    Ok(())
}

/// How the journal takes part in syncing.
struct State {
    enabled: bool,
    device: String,
    folder: PathBuf,
    sent: i64,
    synced_at: String,
}

/// Every table that syncs: each the export carries, but drafts (a device's unsaved forms).
pub(crate) fn synced_tables() -> Vec<&'static Table> {
    struct Collect(Vec<&'static Table>);
    impl EachTable for Collect {
        type Error = std::convert::Infallible;
        fn table<T: TableRow>(&mut self) -> std::result::Result<(), Self::Error> {
            if T::TABLE.name != "draft" {
                self.0.push(T::TABLE);
            }
            Ok(())
        }
    }
    let mut collect = Collect(Vec::new());
    let Ok(()) = each_table(&mut collect);
    collect.0
}

fn table_named(name: &str) -> Option<&'static Table> {
    synced_tables().into_iter().find(|t| t.name == name)
}

impl Store {
    fn sync_state(&self) -> Result<State> {
        let state = self.conn.query_row(
            "SELECT enabled, device, folder, sent, synced_at FROM sync_state",
            [],
            |r| {
                Ok(State {
                    enabled: r.get(0)?,
                    device: r.get(1)?,
                    folder: PathBuf::from(r.get::<_, String>(2)?),
                    sent: r.get(3)?,
                    synced_at: r.get(4)?,
                })
            },
        );
        match state {
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(State {
                enabled: false,
                device: String::new(),
                folder: PathBuf::new(),
                sent: 0,
                synced_at: String::new(),
            }),
            other => Ok(other?),
        }
    }

    /// The journal's sync clock: moved on by every change recorded to send (and by every
    /// sync that applied another device's changes).
    pub(crate) fn sync_clock(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT hlc FROM sync_state", [], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// The folder this journal syncs through, when it does.
    pub(crate) fn sync_folder(&self) -> Result<Option<PathBuf>> {
        let state = self.sync_state()?;
        Ok(state.enabled.then_some(state.folder))
    }

    /// `rapport sync init FOLDER` (`join` false) and `sync join FOLDER` (`join` true): this
    /// journal starts syncing through `folder` as a new device and syncs once. The first
    /// device puts a snapshot of its journal in the folder; a device joining with an empty
    /// journal takes the furthest snapshot as its journal, any other has every record it
    /// holds counted as a change to send (and merges the snapshot at the sync).
    pub(crate) fn sync_start(&mut self, folder: &Path, join: bool) -> Result<SyncReport> {
        if let Some(current) = self.sync_folder()? {
            return Err(Error::Sync(format!(
                "this journal already syncs through {}; nothing was changed",
                current.display()
            )));
        }
        let marker = segment::read_marker(folder)?;
        match (&marker, join) {
            (Some(_), false) => {
                return Err(Error::Sync(format!(
                    "{} is already a sync folder: on this device, use `rapport sync join {}`",
                    folder.display(),
                    folder.display()
                )));
            }
            (None, true) => {
                return Err(Error::Sync(format!(
                    "{} is not a sync folder yet: start it with `rapport sync init` on the first device",
                    folder.display()
                )));
            }
            (Some(marker), true) if marker.encrypted != self.is_encrypted() => {
                return Err(Error::Sync(if marker.encrypted {
                    format!(
                        "{} holds an encrypted journal's changes: encrypt this journal with the same passphrase first (`rapport encrypt`)",
                        folder.display()
                    )
                } else {
                    format!(
                        "{} holds a plain journal's changes: an encrypted journal cannot join it",
                        folder.display()
                    )
                }));
            }
            _ => {}
        }
        if join {
            // A device that cannot read the folder (another passphrase, a newer Rapport's
            // files) must not join: its own segments would be unreadable to the others.
            // Each file is opened and its header read; no change is read (a first device's
            // snapshot is the size of its journal).
            segment::read_all(
                folder,
                &self.key(),
                &|_, _, _| true,
                &segment::Headers::new(),
            )?;
        }
        super::prepare_private_dir(folder)?;
        let folder = folder.canonicalize().map_err(|source| Error::Io {
            action: "open the folder",
            path: folder.to_path_buf(),
            source,
        })?;
        if marker.is_none() {
            segment::write_marker(
                &folder,
                &segment::Marker {
                    format: FOLDER_FORMAT,
                    encrypted: self.is_encrypted(),
                },
            )?;
        }
        let device = uuid::Uuid::now_v7().to_string();
        // A device that joins with an empty journal takes the first device's snapshot as
        // its journal, whole: nothing of its own can be lost. Only while no other Rapport
        // has the journal open (one could save into it meanwhile); otherwise the snapshot
        // is merged record by record at the first sync.
        let taken = if join && self.try_alone()? {
            let taken = match super::open::holds_nothing_in(&self.conn) {
                Ok(true) => self.take_snapshot(&folder, &device),
                Ok(false) => Ok(None),
                Err(e) => Err(e.into()),
            };
            self.share()?;
            taken?
        } else {
            None
        };
        #[cfg(feature = "fault-injection")]
        if taken.is_some() && super::fault::armed("join-kill") {
            std::process::abort();
        }
        let tx = self.write()?;
        tx.execute("INSERT OR IGNORE INTO sync_state (id) VALUES (1)", [])?;
        tx.execute(
            &format!(
                "UPDATE sync_state SET enabled = 1, device = ?1, folder = ?2, hlc = {NEXT_CLOCK}"
            ),
            params![device, folder.to_string_lossy()],
        )?;
        triggers::make(&tx)?;
        if taken.is_none() {
            // Everything already in the journal is this device's to send, made now.
            for table in synced_tables() {
                tx.execute(
                    &format!(
                        "INSERT OR IGNORE INTO sync_clock (record, field, tbl, hlc, device, base)
                         SELECT uuid, '*', '{0}', s.hlc, s.device, NULL FROM {0}, sync_state s",
                        table.name
                    ),
                    [],
                )?;
            }
        }
        let upto: i64 = tx.query_row("SELECT hlc FROM sync_state", [], |r| r.get(0))?;
        tx.commit()?;
        if !join {
            // The first device's records travel as a copy of its journal, not as changes.
            let now = self.stamp_text();
            snapshot::write(
                &self.conn,
                &self.path,
                &folder,
                &device,
                upto,
                &self.key(),
                &now,
            )?;
            let tx = self.write()?;
            tx.execute("UPDATE sync_state SET sent = max(sent, ?1)", [upto])?;
            record_seen(&tx, &device, (0, upto), &now)?;
            tx.commit()?;
        }
        let mut report = self.sync_now()?;
        report.taken = taken.unwrap_or(0);
        Ok(report)
    }

    /// Replaces this (empty) journal's pages with those of the folder's furthest snapshot,
    /// made this device's first (`device`), and returns how many records it holds. `None`
    /// when the folder has none whole yet (a later sync merges it when it has arrived).
    fn take_snapshot(&mut self, folder: &Path, device: &str) -> Result<Option<usize>> {
        let Some(snapshot) = segment::snapshots(folder, &self.key())?
            .into_iter()
            .max_by_key(|s| s.upto)
        else {
            return Ok(None);
        };
        let ours = snapshot::made_ours(&snapshot, &self.path, &self.key(), device, folder)?;
        // One step, no progress line: a copy stopped part-way would leave nothing true to say.
        super::backup::copy_pages(&ours.conn, &mut self.conn, &super::progress::Quiet, false)?;
        let mut records = 0;
        for table in synced_tables() {
            let count: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {}", table.name), [], |r| {
                        r.get(0)
                    })?;
            records += usize::try_from(count).unwrap_or(0);
        }
        Ok(Some(records))
    }

    /// Merges a snapshot from the folder a batch at a time, each in a transaction of its
    /// own (a save made meanwhile, in the interface, waits for one batch at most). Killed
    /// part-way, the next sync merges it again: applying is idempotent, and the snapshot
    /// counts as applied only once its last batch is in.
    fn merge_snapshot(
        &mut self,
        file: &folder_file::SnapshotFile,
        now: &str,
    ) -> Result<apply::Applied> {
        let staged;
        let conn = if file.version < super::SCHEMA_VERSION {
            staged = snapshot::for_merge(file, &self.path, &self.key())?;
            &staged.conn
        } else {
            &file.conn
        };
        let clock = snapshot::clock(conn)?;
        let tx = self.write()?;
        // The clock never runs behind a stamp it is about to take.
        tx.execute("UPDATE sync_state SET hlc = max(hlc, ?1)", [clock])?;
        tx.commit()?;
        let mut merged = apply::Applied::default();
        snapshot::batches(conn, &mut |batch| {
            let tx = self.write()?;
            merged.add(snapshot::apply_batch(&tx, batch, now)?);
            tx.commit()?;
            Ok(())
        })?;
        let tx = self.write()?;
        snapshot::merged(&tx, conn, file, now)?;
        tx.commit()?;
        // What waits is counted once, by the sync's own apply, which tries it again.
        merged.waiting = 0;
        Ok(merged)
    }

    /// `rapport sync`: writes this device's changes into the folder, then applies the other
    /// devices'. Refused when the journal does not sync.
    pub(crate) fn sync_now(&mut self) -> Result<SyncReport> {
        let state = self.sync_state()?;
        if !state.enabled {
            return Err(Error::Sync(
                "this journal does not sync yet: start with `rapport sync init FOLDER` (first device) or `rapport sync join FOLDER`".to_string(),
            ));
        }
        if !state.folder.is_dir() {
            return Err(Error::Sync(format!(
                "the sync folder {} is not there (is the drive or the synced folder mounted?); nothing was synced",
                state.folder.display()
            )));
        }
        if segment::read_marker(&state.folder)?.is_none() {
            return Err(Error::Sync(format!(
                "{} has no {} any more: it is not the sync folder this journal joined; nothing was synced",
                state.folder.display(),
                segment::MARKER
            )));
        }
        let sent = self.send(&state)?;
        let mut report = self.receive(&state.folder)?;
        report.sent = sent;
        // Only tells the other devices how far this one is; a failure to write it loses
        // nothing and the next sync writes it again.
        if let Ok(applied) = self.applied_upto() {
            let _ = segment::write_applied(&state.folder, &state.device, &applied);
        }
        Ok(report)
    }

    /// Writes this device's changes not yet in the folder as one segment (none when there
    /// are none). The journal records them as sent only once the segment is in place.
    ///
    /// The changes are read in one snapshot and the segment is written (and encrypted)
    /// without holding the journal's write lock, so a save made meanwhile (in the interface,
    /// beside its sync) never waits for the folder: its change is stamped after the
    /// snapshot's clock, so it goes in the next segment.
    fn send(&mut self, state: &State) -> Result<usize> {
        let key = self.key();
        let folder = state.folder.clone();
        // Temp files of a sync killed part-way, whose process has ended.
        super::temp::sweep(&folder.join(&state.device));
        let self_stamp = self.stamp_text();
        let (from, to, changes) = {
            let snapshot = self.conn.transaction()?;
            let (from, to) = snapshot.query_row("SELECT sent, hlc FROM sync_state", [], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?;
            let changes = apply::pending_changes(&snapshot, &state.device, from)?;
            (from, to, changes)
        };
        if changes.is_empty() {
            return Ok(0);
        }
        segment::write(&folder, &state.device, &key, (from, to), &changes)?;
        #[cfg(feature = "fault-injection")]
        if super::fault::armed("slow-segment") {
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
        let tx = self.write()?;
        // Another Rapport on this journal may have sent as far, or further, meanwhile.
        tx.execute("UPDATE sync_state SET sent = max(sent, ?1)", [to])?;
        // Its own segment is one this journal has: a copy restored from an older backup
        // has not, and takes back from the folder what it had sent since.
        record_seen(&tx, &state.device, (from, to), &self_stamp)?;
        tx.commit()?;
        let records: std::collections::HashSet<&[u8]> =
            changes.iter().map(|c| c.record.as_slice()).collect();
        Ok(records.len())
    }

    /// Reads the other devices' new segments and applies them in one transaction.
    fn receive(&mut self, folder: &Path) -> Result<SyncReport> {
        let key = self.key();
        if self.segment_headers.is_empty() {
            self.segment_headers = self.files_read()?;
        }
        let seen = {
            let mut stmt = self
                .conn
                .prepare("SELECT device, from_hlc, to_hlc FROM sync_seen")?;
            let rows: rusqlite::Result<std::collections::HashSet<(String, i64, i64)>> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect();
            rows?
        };
        let found = segment::read_all(
            folder,
            &key,
            &|d, from, to| seen.contains(&(d.to_string(), from, to)),
            &self.segment_headers,
        )?;
        let now = self.stamp_text();
        // Snapshots first, each in batches: the segments' changes are mostly to their records.
        let mut applied = apply::Applied::default();
        for snapshot in &found.snapshots {
            applied.add(self.merge_snapshot(snapshot, &now)?);
        }
        // Left empty should this sync fail: the next one reads them from the journal again.
        let known = std::mem::take(&mut self.segment_headers);
        let tx = self.write()?;
        let found_now = |tx: &rusqlite::Transaction<'_>| -> Result<i64> {
            Ok(tx.query_row(
                "SELECT count(*) FROM sync_conflict WHERE found_at = ?1",
                [&now],
                |r| r.get(0),
            )?)
        };
        let found_before = found_now(&tx)?;
        applied.add(apply::apply(&tx, &found.segments, &now)?);
        tx.execute("UPDATE sync_state SET synced_at = ?1", [&now])?;
        let conflicts: i64 =
            tx.query_row("SELECT count(*) FROM sync_conflict", [], |r| r.get(0))?;
        let new_conflicts = found_now(&tx)? - found_before;
        // Kept with what was applied from them, in the same transaction: the files new or
        // changed since, and those gone.
        for (path, header) in &found.headers {
            if known.get(path) != Some(header) {
                let (len, modified, device, from, to) = header.row();
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO sync_file (path, len, modified, device, from_hlc, to_hlc)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![path.to_string_lossy(), len, modified, device, from, to])?;
            }
        }
        for path in known.keys() {
            if !found.headers.contains_key(path) {
                tx.prepare_cached("DELETE FROM sync_file WHERE path = ?1")?
                    .execute([path.to_string_lossy()])?;
            }
        }
        tx.commit()?;
        // Applied: from now on these files are known by their size and time alone.
        self.segment_headers = found.headers;
        Ok(SyncReport {
            folder: folder.to_path_buf(),
            sent: 0,
            segments_applied: found.segments.len() + found.snapshots.len(),
            applied: applied.applied,
            waiting: applied.waiting,
            incomplete: found.incomplete,
            dropped: applied.dropped,
            conflicts: usize::try_from(conflicts).unwrap_or(0),
            new_conflicts: usize::try_from(new_conflicts).unwrap_or(0),
            taken: 0,
        })
    }

    /// The folder's files an earlier run read whole (`sync_file`).
    fn files_read(&self) -> Result<segment::Headers> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, len, modified, device, from_hlc, to_hlc FROM sync_file")?;
        let rows: rusqlite::Result<segment::Headers> = stmt
            .query_map([], |r| {
                Ok((
                    PathBuf::from(r.get::<_, String>(0)?),
                    segment::Header::from_row(
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ),
                ))
            })?
            .collect();
        Ok(rows?)
    }

    /// For each device, the clock up to which this journal holds every one of its segments:
    /// their ranges followed from the start for as long as they join up (a segment still on
    /// its way leaves the ones after it uncounted).
    fn applied_upto(&self) -> Result<segment::AppliedFile> {
        let mut stmt = self
            .conn
            .prepare("SELECT device, from_hlc, to_hlc FROM sync_seen ORDER BY device, from_hlc")?;
        let rows: rusqlite::Result<Vec<(String, i64, i64)>> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect();
        let mut applied = std::collections::BTreeMap::<String, i64>::new();
        let mut gap = std::collections::HashSet::new();
        for (device, from, to) in rows? {
            if gap.contains(&device) {
                continue;
            }
            let upto = applied.entry(device.clone()).or_insert(0);
            if from <= *upto {
                *upto = (*upto).max(to);
            } else {
                gap.insert(device);
            }
        }
        applied.retain(|_, upto| *upto > 0);
        Ok(segment::AppliedFile {
            format: FORMAT,
            applied,
        })
    }

    /// UTC now as RFC 3339 text, for what sync records of itself.
    fn stamp_text(&self) -> String {
        self.now()
            .with_timezone(&chrono::Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// `rapport sync status`.
    pub(crate) fn sync_status(&self) -> Result<SyncStatus> {
        let state = self.sync_state()?;
        if !state.enabled {
            return Err(Error::Sync(
                "this journal does not sync yet: start with `rapport sync init FOLDER` (first device) or `rapport sync join FOLDER`".to_string(),
            ));
        }
        // Records, as a sync counts them: made, edited or deleted here since the last one.
        let pending: i64 = self.conn.query_row(
            "SELECT count(*) FROM (
                 SELECT c.record FROM sync_clock c, sync_state s
                  WHERE c.device = s.device AND c.hlc > s.sent
                 UNION
                 SELECT t.record FROM sync_tombstone t, sync_state s
                  WHERE t.device = s.device AND t.hlc > s.sent)",
            [],
            |r| r.get(0),
        )?;
        let waiting: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sync_parked", [], |r| r.get(0))?;
        let mut devices = vec![SyncDevice {
            device: state.device.clone(),
            this_device: true,
            last_seen: None,
            behind: false,
        }];
        let mut stmt = self.conn.prepare(
            "SELECT device, max(seen_at) FROM sync_seen WHERE device <> ?1
              GROUP BY device ORDER BY device",
        )?;
        let others: rusqlite::Result<Vec<SyncDevice>> = stmt
            .query_map([&state.device], |r| {
                Ok(SyncDevice {
                    device: r.get(0)?,
                    this_device: false,
                    last_seen: r.get(1)?,
                    behind: false,
                })
            })?
            .collect();
        devices.extend(others?);
        // A device that joined and wrote nothing yet is known by its applied file.
        let said = segment::read_applied(&state.folder);
        for device in said.keys() {
            if !devices.iter().any(|d| &d.device == device) {
                devices.push(SyncDevice {
                    device: device.clone(),
                    this_device: false,
                    last_seen: None,
                    behind: false,
                });
            }
        }
        for device in devices.iter_mut().filter(|d| !d.this_device) {
            let holds = said
                .get(&device.device)
                .and_then(|file| file.applied.get(&state.device))
                .copied()
                .unwrap_or(0);
            device.behind = holds < state.sent;
        }
        Ok(SyncStatus {
            folder: state.folder,
            device: state.device,
            synced_at: (!state.synced_at.is_empty()).then_some(state.synced_at),
            pending,
            waiting,
            devices,
            conflicts: self.sync_conflicts()?,
        })
    }
}
