//! Two devices, one journal (issue 30): real journals and a real shared folder, through the
//! real binary. Each "device" is a journal in its own temp folder; the folder they sync
//! through is a third.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use rusqlite::Connection;

use rapport::tui::app::App;

use crate::common::{self, Journal, Run};

const PASSPHRASE: &str = "maple lantern quietly 42";
const OTHER_PASSPHRASE: &str = "harbour violet seventeen";

/// A shared folder (created by `sync init`, so it does not exist yet).
struct Shared {
    dir: tempfile::TempDir,
    /// Where its devices' journals are made: the system's temp folder, or for a fixture
    /// that lives in a static (never dropped) the build's own temp folder.
    place: Option<PathBuf>,
}

impl Shared {
    fn new() -> Shared {
        Shared {
            dir: tempfile::tempdir().expect("a temp folder"),
            place: None,
        }
    }

    /// A shared folder, and its devices' journals, in the build's temp folder
    /// (`target/tmp`): for the fixture every property-test case reads, which is never
    /// dropped and so must leave nothing in the system's temp folder.
    fn lasting() -> Shared {
        let place = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        Shared {
            dir: tempfile::tempdir_in(&place).expect("a temp folder"),
            place: Some(place),
        }
    }

    /// A new device's journal.
    fn device(&self) -> Journal {
        match &self.place {
            Some(place) => Journal::new_in(place),
            None => Journal::new(),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("shared")
    }

    fn arg(&self) -> String {
        self.path().display().to_string()
    }

    /// Every segment file in the folder, sorted.
    fn segments(&self) -> Vec<PathBuf> {
        self.files_ending(&["rapport"])
    }

    /// Every segment and snapshot in the folder, sorted.
    fn files(&self) -> Vec<PathBuf> {
        self.files_ending(&["rapport", "snapshot"])
    }

    fn files_ending(&self, extensions: &[&str]) -> Vec<PathBuf> {
        folder_files(&self.path(), extensions)
    }
}

/// Every file in the device folders of `folder` whose name ends with one of `extensions`
/// (each device's applied file beside its files is not one), sorted.
pub(crate) fn folder_files(folder: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in std::fs::read_dir(folder).expect("the folder").flatten() {
        if dir.path().is_dir() {
            for file in std::fs::read_dir(dir.path())
                .expect("a device folder")
                .flatten()
            {
                // Each device's applied file beside its segments is not one.
                if file
                    .path()
                    .extension()
                    .is_some_and(|e| extensions.iter().any(|x| e == *x))
                {
                    found.push(file.path());
                }
            }
        }
    }
    found.sort();
    found
}

/// The journal's export, as JSON, without drafts (a device's own unsaved forms).
pub(crate) fn export(journal: &Journal) -> serde_json::Value {
    let mut value: serde_json::Value =
        serde_json::from_str(&journal.ok(&["export"])).expect("the export is JSON");
    value.as_object_mut().expect("an object").remove("draft");
    value
}

/// The local id of the row of `table` whose `column` is `text`.
fn id_of(journal: &Journal, table: &str, column: &str, text: &str) -> String {
    let ids = journal.rows(&format!(
        "SELECT id FROM {table} WHERE {column} = '{}'",
        text.replace('\'', "''")
    ));
    assert_eq!(ids.len(), 1, "one {table} with {column} {text:?}: {ids:?}");
    ids[0].clone()
}

fn status_json(journal: &Journal) -> serde_json::Value {
    serde_json::from_str(&journal.ok(&["sync", "status", "--json"])).expect("status is JSON")
}

/// A first device with one person, a conversation with a follow-up and an idea, that starts
/// the folder; and a second that joins it.
fn two_devices(shared: &Shared) -> (Journal, Journal) {
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima", "--role", "Engineer"]);
    a.ok(&[
        "log",
        "Ana Lima",
        "--summary",
        "Planning",
        "--notes",
        "talked about the roadmap",
        "--need",
        "autonomy:picked the plan",
        "--followup",
        "send the deck",
        "--idea",
        "rotate the on-call",
    ]);
    a.ok(&["sync", "init", &shared.arg()]);
    let b = shared.device();
    b.ok(&["sync", "join", &shared.arg()]);
    (a, b)
}

#[test]
fn a_second_device_gets_everything_and_its_edits_come_back() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    assert_eq!(export(&a), export(&b), "the joined journal is a copy");
    // What `import` drops with "Nothing to add": a follow-up ticked, an idea answered, a
    // profile edited on the second device.
    b.ok(&[
        "followup",
        "done",
        &id_of(&b, "follow_up", "text", "send the deck"),
    ]);
    b.ok(&[
        "idea",
        "answer",
        &id_of(&b, "idea", "text", "rotate the on-call"),
        "--status",
        "trying",
        "--answer",
        "from next sprint",
    ]);
    b.ok(&["person", "edit", "Ana Lima", "--strengths", "clear writing"]);
    let said = b.ok(&["sync"]);
    assert!(said.starts_with("Synced: 3 changes sent"), "{said}");
    let said = a.ok(&["sync"]);
    assert!(said.contains("3 changes received from 1 segment"), "{said}");
    assert_eq!(
        a.rows("SELECT done_on IS NOT NULL, (SELECT answer FROM idea), (SELECT strengths FROM person) FROM follow_up"),
        vec!["1|from next sprint|clear writing"]
    );
    assert_eq!(export(&a), export(&b));
    // Nothing new: a sync sends and applies nothing, and changes nothing.
    let before = a.dump();
    assert!(
        a.ok(&["sync"])
            .starts_with("Synced: 0 changes sent, 0 changes received")
    );
    let after = a.dump();
    assert_eq!(
        before.get("conversation"),
        after.get("conversation"),
        "a sync with nothing new leaves the records alone"
    );
}

/// The first device's records travel as a copy of its journal (no segment holds them), and
/// a device joining with an empty journal takes that copy whole — without what belongs to
/// the first device alone (an unsaved form, a conflict it keeps to settle).
#[test]
fn a_device_joining_with_an_empty_journal_takes_the_first_ones_journal_whole() {
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    a.ok(&[
        "log",
        "Ana Lima",
        "--summary",
        "Planning",
        "--followup",
        "send the deck",
    ]);
    common::connect(&a.path)
        .execute(
            "INSERT INTO draft (uuid, form, body, created_at, updated_at)
             VALUES (randomblob(16), 'log', 'an unsaved note about Ana', 1, 1)",
            [],
        )
        .unwrap();
    a.ok(&["sync", "init", &shared.arg()]);
    assert_eq!(shared.segments(), Vec::<PathBuf>::new(), "no segment yet");
    assert_eq!(
        shared.files().len(),
        1,
        "one snapshot: {:?}",
        shared.files()
    );
    let b = shared.device();
    let said = b.ok(&["sync", "join", &shared.arg()]);
    let records: i64 = ["person", "conversation", "follow_up"]
        .iter()
        .map(|t| a.count(t))
        .sum();
    assert!(
        said.contains(&format!(
            "It was empty, so it took the first device's journal whole: {records} records."
        )),
        "{said}"
    );
    assert_eq!(export(&a), export(&b));
    assert_eq!(b.count("draft"), 0, "A's unsaved form stays on A");
    assert_eq!(a.count("draft"), 1);
    // B is a device of its own: what it changes travels, and A is not behind it for long.
    b.ok(&["person", "edit", "Ana Lima", "--role", "Lead"]);
    assert!(b.ok(&["sync"]).starts_with("Synced: 1 change sent"));
    assert!(a.ok(&["sync"]).contains("1 change received from 1 segment"));
    assert_eq!(export(&a), export(&b));
    b.ok(&["sync"]);
    let status = status_json(&a);
    assert!(
        status["devices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["behind"] == false),
        "{status}"
    );
}

/// `sync join` killed (SIGKILL) at random moments while it takes the first device's journal:
/// the journal is never damaged and never syncs as the first device (a copy with its id
/// would write into its folder as it); joining again converges.
#[test]
fn a_join_killed_at_random_moments_never_leaves_a_copy_of_the_first_device() {
    use crate::reliability_crash::{Rng, kill_within};
    let rounds: usize = if common::soak() { 40 } else { 6 };
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    a.ok(&[
        "log",
        "Ana Lima",
        "--summary",
        "Planning",
        "--followup",
        "send the deck",
    ]);
    a.ok(&["sync", "init", &shared.arg()]);
    let first = status_json(&a)["device"].clone();
    let mut rng = Rng::new();
    let mut window = 150_000;
    let mut midway = 0;
    for round in 0..rounds {
        let b = shared.device();
        let mut join = b.command(&["sync", "join", &shared.arg()]);
        if round % 2 == 0 {
            // For sure between taking the journal and recording that it syncs.
            join.env("RAPPORT_FAULT", "join-kill");
            let died = join.output().expect("rapport runs");
            assert!(!died.status.success(), "the fault stops it");
        } else {
            midway += usize::from(kill_within(join, &mut rng, &mut window));
        }
        if b.path.exists() {
            assert_eq!(integrity(&b.path), ["ok"]);
        }
        let status = b.run(&["sync", "status", "--json"]);
        if status.code == 0 {
            let status: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
            assert_ne!(status["device"], first, "a device of its own");
        } else {
            assert!(
                status.stderr.contains("does not sync yet"),
                "{}",
                status.stderr
            );
            b.ok(&["sync", "join", &shared.arg()]);
        }
        b.ok(&["sync"]);
        assert_eq!(export(&a), export(&b));
    }
    eprintln!(
        "{} joins died once the journal was taken, {midway} of {} more killed part-way",
        rounds.div_ceil(2),
        rounds / 2
    );
}

/// A journal another Rapport has open (the interface, here) is not replaced under it, even
/// empty: the first device's snapshot is merged record by record instead, and what the
/// interface saves meanwhile stays.
#[test]
fn a_journal_open_elsewhere_merges_the_snapshot_rather_than_taking_it() {
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    a.ok(&["sync", "init", &shared.arg()]);
    let b = shared.device();
    let home = b.dir().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut app = crate::pty::Session::start(&b.path, &home, &[]);
    app.wait_for("Welcome to Rapport");
    let said = b.ok(&["sync", "join", &shared.arg()]);
    assert!(!said.contains("took the first device's journal"), "{said}");
    assert!(said.contains("from 1 segment"), "{said}");
    app.type_text("q");
    app.wait_exit();
    assert_eq!(export(&a), export(&b));
}

/// A device that joins with records of its own merges the first device's snapshot record by
/// record, and sends its own; one whose snapshot was still arriving when it joined merges
/// it at the sync after it arrives.
#[test]
fn a_snapshot_is_merged_into_a_journal_with_records_of_its_own_or_when_it_arrives_late() {
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    a.ok(&[
        "log",
        "Ana Lima",
        "--summary",
        "Planning",
        "--need",
        "autonomy:picked the plan",
    ]);
    a.ok(&["sync", "init", &shared.arg()]);
    let snapshot = shared.files().pop().expect("A's snapshot");
    let b = shared.device();
    b.ok(&["person", "add", "Bo Chen"]);
    let said = b.ok(&["sync", "join", &shared.arg()]);
    assert!(!said.contains("took the first device's journal"), "{said}");
    assert!(said.contains("from 1 segment"), "{said}");
    assert_eq!(b.count("person"), 2);
    a.ok(&["sync"]);
    assert_eq!(export(&a), export(&b));
    // The snapshot still arriving (a sync tool's temp name) when C joins.
    let arriving = snapshot.with_file_name(format!(
        ".syncthing.{}.tmp",
        snapshot.file_name().unwrap().to_string_lossy()
    ));
    std::fs::rename(&snapshot, &arriving).unwrap();
    let c = shared.device();
    let said = c.ok(&["sync", "join", &shared.arg()]);
    assert!(!said.contains("took the first device's journal"), "{said}");
    assert_eq!(
        c.rows("SELECT name FROM person ORDER BY name"),
        vec!["Bo Chen"]
    );
    std::fs::rename(&arriving, &snapshot).unwrap();
    let said = c.ok(&["sync"]);
    assert!(said.contains("from 1 segment"), "{said}");
    assert_eq!(export(&a), export(&c));
    assert!(
        c.ok(&["sync"])
            .contains("0 changes received from 0 segments")
    );
}

#[test]
fn a_deletion_travels_and_links_are_resolved_by_uuid() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    // B's own record first, so that its local ids differ from A's.
    b.ok(&["person", "add", "Bo Chen"]);
    b.ok(&[
        "log",
        "Bo Chen",
        "--summary",
        "intro",
        "--followup",
        "share the notes",
    ]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(export(&a), export(&b));
    let conversation = id_of(&a, "conversation", "summary", "Planning");
    a.ok(&["conversation", "delete", &conversation, "--yes"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(b.rows("SELECT summary FROM conversation"), vec!["intro"]);
    // Its need went with it; its follow-up stays, no longer linked (as on A).
    assert_eq!(b.count("conversation_need"), 0);
    assert_eq!(
        b.rows("SELECT f.text, c.summary FROM follow_up f LEFT JOIN conversation c ON c.id = f.conversation_id ORDER BY f.text"),
        vec!["send the deck|NULL", "share the notes|intro"]
    );
    assert_eq!(export(&a), export(&b));
}

#[test]
fn a_moment_to_acknowledge_travels_with_its_edits_and_its_deletion() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    b.ok(&["moment", "add", "Ana Lima", "2026-12-10", "back from leave"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(
        a.rows("SELECT falls_on, label, yearly FROM moment"),
        vec!["2026-12-10|back from leave|0"]
    );
    let on_a = id_of(&a, "moment", "label", "back from leave");
    a.ok(&["moment", "edit", &on_a, "--label", "back", "--yearly"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(
        b.rows("SELECT falls_on, label, yearly FROM moment"),
        vec!["2026-12-10|back|1"]
    );
    assert_eq!(export(&a), export(&b));
    b.ok(&[
        "moment",
        "delete",
        &id_of(&b, "moment", "label", "back"),
        "--yes",
    ]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.count("moment"), 0);
}

#[test]
fn a_text_edited_on_two_devices_keeps_the_other_version_and_lists_it() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    b.ok(&[
        "person",
        "edit",
        "Ana Lima",
        "--motivations",
        "written on the laptop",
    ]);
    // The later save wins; the clock is the system's, so the two saves are apart.
    std::thread::sleep(std::time::Duration::from_millis(5));
    a.ok(&[
        "person",
        "edit",
        "Ana Lima",
        "--motivations",
        "written on the desktop",
    ]);
    b.ok(&["sync"]);
    let said = a.ok(&["sync"]);
    assert!(said.contains("1 other version kept (1 in all"), "{said}");
    b.ok(&["sync"]);
    // Said once, when found: a later sync does not say it again.
    let said = a.ok(&["sync"]);
    assert!(!said.contains("other version"), "{said}");
    for device in [&a, &b] {
        assert_eq!(
            device.rows("SELECT motivations FROM person"),
            vec!["written on the desktop"]
        );
        let status = device.ok(&["sync", "status"]);
        assert!(
            status.contains(
                "motivations: edited on two devices — the other version: written on the laptop"
            ),
            "{status}"
        );
        let conflicts = &status_json(device)["conflicts"];
        assert_eq!(conflicts.as_array().map(Vec::len), Some(1), "{conflicts}");
        assert_eq!(conflicts[0]["other_version"], "written on the laptop");
    }
    // A change made on top of the other device's (after a sync) is no conflict.
    b.ok(&[
        "person",
        "edit",
        "Ana Lima",
        "--motivations",
        "agreed wording",
    ]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(
        a.rows("SELECT motivations FROM person"),
        vec!["agreed wording"]
    );
    assert_eq!(
        status_json(&a)["conflicts"].as_array().map(Vec::len),
        Some(1)
    );
}

/// Two devices that each add the same person, or reflect on the same week, end with the
/// same journal: the second person under a free name, the second reflection folded into
/// the first with its text kept as the other version.
#[test]
fn what_the_journal_allows_once_made_on_two_devices_is_settled_alike() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["person", "add", "Eve Stone", "--role", "on A"]);
    b.ok(&["person", "add", "Eve Stone", "--role", "on B"]);
    a.ok(&[
        "reflect",
        "--week",
        "2026-W47",
        "--went-well",
        "written on A",
    ]);
    b.ok(&[
        "reflect",
        "--week",
        "2026-W47",
        "--went-well",
        "written on B",
    ]);
    for _ in 0..2 {
        a.ok(&["sync"]);
        b.ok(&["sync"]);
    }
    assert_eq!(export(&a), export(&b));
    let people = a.rows("SELECT name FROM person WHERE name LIKE 'Eve%' ORDER BY name");
    assert_eq!(people, vec!["Eve Stone", "Eve Stone (2)"]);
    assert_eq!(a.count("reflection"), 1);
    let kept = a.rows("SELECT went_well FROM reflection")[0].clone();
    let other = if kept == "written on A" {
        "written on B"
    } else {
        "written on A"
    };
    for device in [&a, &b] {
        let status = device.ok(&["sync", "status"]);
        assert!(
            status.contains(&format!(
                "went_well: edited on two devices — the other version: {other}"
            )),
            "{status}"
        );
        assert!(!status.contains("Waiting"), "{status}");
    }
}

#[test]
fn the_reader_copes_with_cut_duplicated_and_renamed_files() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["raise", "Ana Lima", "ask about the conference"]);
    a.ok(&["sync"]);
    let segment = shared
        .segments()
        .into_iter()
        .max_by_key(|p| p.file_name().map(|n| n.to_owned()))
        .expect("A's newest segment");
    let bytes = std::fs::read(&segment).expect("the segment");
    let dir = segment.parent().expect("its device folder");
    // What sync tools leave: a copy under a "conflicted copy" name, a temp file still
    // arriving, and the segment itself not complete yet.
    std::fs::write(
        dir.join("00000002 (Ana's conflicted copy 2026-11-23).rapport"),
        &bytes,
    )
    .unwrap();
    std::fs::write(dir.join(".syncthing.00000002.rapport.tmp"), &bytes[..100]).unwrap();
    std::fs::write(dir.join("~syncthing~00000003.rapport.tmp"), b"partial").unwrap();
    std::fs::write(&segment, &bytes[..bytes.len() - 1024]).unwrap();
    let said = b.ok(&["sync"]);
    // The copy is applied once; the cut original is left for later.
    assert!(said.contains("1 change received from 1 segment"), "{said}");
    assert!(
        said.contains("1 file in the folder is still arriving or cut short"),
        "{said}"
    );
    assert_eq!(
        b.rows("SELECT text FROM talking_point"),
        vec!["ask about the conference"]
    );
    std::fs::write(&segment, &bytes).unwrap();
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("0 changes received from 0 segments"),
        "{said}"
    );
    assert!(!said.contains("still arriving"), "{said}");
    assert_eq!(b.count("talking_point"), 1, "applied once");
    assert_eq!(export(&a), export(&b));
}

/// A file cut short at a page boundary (its header counts pages it does not have) reads as
/// damaged to SQLite: it is still arriving, never a damaged journal.
#[test]
fn a_file_cut_at_a_page_boundary_is_read_again_when_whole() {
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    a.ok(&["sync", "init", &shared.arg()]);
    let snapshot = shared.files().pop().expect("A's snapshot");
    let bytes = std::fs::read(&snapshot).unwrap();
    assert!(bytes.len() >= 3 * 4096, "{} bytes", bytes.len());
    std::fs::write(&snapshot, &bytes[..bytes.len() / 2 / 4096 * 4096]).unwrap();
    let b = shared.device();
    let said = b.ok(&["sync", "join", &shared.arg()]);
    assert!(
        said.contains("1 file in the folder is still arriving or cut short"),
        "{said}"
    );
    assert_eq!(b.count("person"), 0);
    std::fs::write(&snapshot, &bytes).unwrap();
    let said = b.ok(&["sync"]);
    assert!(!said.contains("still arriving"), "{said}");
    assert_eq!(export(&a), export(&b));
}

/// Each `rapport sync` opens only the folder's files it has not read whole before (known by
/// their size and time, which the journal keeps): opening one of an encrypted journal costs
/// a key derivation, and a folder gathers a file for every sync of every device.
#[test]
fn a_sync_on_the_command_line_opens_only_files_it_has_not_read() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["raise", "Ana Lima", "the offsite"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    // Same sizes and times, other bytes: only a file opened again would notice.
    for file in shared.files() {
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        let len = std::fs::metadata(&file).unwrap().len();
        std::fs::write(&file, vec![0xA5; usize::try_from(len).unwrap()]).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("0 changes received from 0 segments"),
        "{said}"
    );
    // A new file is read.
    a.ok(&["raise", "Ana Lima", "the budget"]);
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("1 change received from 1 segment"), "{said}");
    assert_eq!(b.count("talking_point"), 2);
}

#[test]
fn a_segment_from_a_newer_rapport_is_refused_and_nothing_is_applied() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["ack", "Ana Lima", "the launch"]);
    a.ok(&["raise", "Ana Lima", "the offsite"]);
    a.ok(&["sync"]);
    // A newer Rapport's segment beside A's ordinary one.
    let newest = shared.segments().into_iter().max().expect("a segment");
    let newer = newest.with_file_name("99999999.rapport");
    std::fs::copy(&newest, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99; UPDATE segment SET format = 99")
        .unwrap();
    let before = b.dump();
    let stderr = b.fails(&["sync"], 1);
    assert!(
        stderr.contains("was written by a newer Rapport; update Rapport on this device to sync (nothing was applied)"),
        "{stderr}"
    );
    assert_eq!(b.dump(), before, "nothing applied");
    assert_eq!(b.count("acknowledgement"), 0);
}

/// A snapshot copied by a newer Rapport (a journal of a newer schema) is refused like a
/// segment: the device neither joins nor takes it.
#[test]
fn a_snapshot_from_a_newer_rapport_is_refused_and_nothing_is_taken() {
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    a.ok(&["sync", "init", &shared.arg()]);
    let snapshot = shared.files().pop().expect("A's snapshot");
    Connection::open(&snapshot)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    let b = shared.device();
    let stderr = b.fails(&["sync", "join", &shared.arg()], 1);
    assert!(
        stderr.contains("was written by a newer Rapport; update Rapport on this device to sync (nothing was applied)"),
        "{stderr}"
    );
    assert!(!b.path.exists() || b.count("person") == 0, "nothing taken");
    assert!(
        b.run(&["sync", "status"])
            .stderr
            .contains("does not sync yet")
    );
}

/// A restore on one device is not a rollback of the others: the restored journal takes back
/// from the folder what was sent since its backup, its own changes included.
#[test]
fn a_device_restored_from_a_backup_takes_back_what_was_sent_since() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    let backup = a.dir().join("before.db");
    a.ok(&["backup", &backup.display().to_string()]);
    a.ok(&["person", "add", "Di Rossi"]);
    a.ok(&["sync"]);
    b.ok(&["ack", "Ana Lima", "the on-call rota"]);
    b.ok(&["sync"]);
    a.ok(&["restore", &backup.display().to_string(), "--yes"]);
    assert_eq!(a.count("person"), 1, "the backup is from before Di");
    a.ok(&["sync"]);
    assert_eq!(
        a.rows("SELECT name FROM person ORDER BY name"),
        vec!["Ana Lima", "Di Rossi"]
    );
    assert_eq!(
        a.rows("SELECT text FROM acknowledgement"),
        vec!["the on-call rota"]
    );
    b.ok(&["sync"]);
    assert_eq!(export(&a), export(&b));
    assert_eq!(b.count("person"), 2, "nothing rolled back on B");
}

#[test]
fn each_device_writes_only_its_own_private_files() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    b.ok(&["person", "add", "Bo Chen"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    let a_device = status_json(&a)["device"].as_str().unwrap().to_string();
    let b_device = status_json(&b)["device"].as_str().unwrap().to_string();
    let mut writers = BTreeSet::new();
    for file in shared.files() {
        let device = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        writers.insert(device);
        assert_eq!(common::mode(&file) & 0o777, 0o600, "{}", file.display());
        assert_eq!(common::mode(file.parent().unwrap()) & 0o777, 0o700);
    }
    assert_eq!(writers, BTreeSet::from([a_device, b_device]));
    assert_eq!(common::mode(&shared.path()) & 0o777, 0o700);
    // Each device's file saying how far it has applied the others' is private too.
    let applied: Vec<PathBuf> = folder_bytes(&shared.path())
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path.ends_with("applied.json"))
        .collect();
    assert_eq!(applied.len(), 2, "{applied:?}");
    for file in applied {
        assert_eq!(common::mode(&file) & 0o777, 0o600, "{}", file.display());
    }
}

#[test]
fn commands_refuse_with_one_sentence_what_does_not_fit() {
    let shared = Shared::new();
    let lone = Journal::new();
    lone.ok(&["person", "add", "Ana Lima"]);
    let said = lone.fails(&["sync"], 1);
    assert!(
        said.contains("this journal does not sync yet: start with `rapport sync init FOLDER`"),
        "{said}"
    );
    let said = lone.fails(&["sync", "join", &shared.arg()], 1);
    assert!(
        said.contains("is not a sync folder yet: start it with `rapport sync init`"),
        "{said}"
    );
    // A refused join on a new device leaves no journal behind.
    let fresh = Journal::new();
    fresh.fails(&["sync", "join", &shared.arg()], 1);
    assert!(!fresh.path.exists(), "no blank journal left");
    lone.ok(&["sync", "init", &shared.arg()]);
    let said = lone.fails(&["sync", "init", &shared.arg()], 1);
    assert!(
        said.contains("this journal already syncs through"),
        "{said}"
    );
    let other = Journal::new();
    other.ok(&["person", "add", "Bo Chen"]);
    let said = other.fails(&["sync", "init", &shared.arg()], 1);
    assert!(
        said.contains("is already a sync folder: on this device, use `rapport sync join"),
        "{said}"
    );
}

/// The journal keeps no change log until it syncs: nothing of the leader's edits lingers in
/// it, and nothing is counted.
#[test]
fn a_journal_that_does_not_sync_records_no_changes() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Ana Lima"]);
    journal.ok(&[
        "log",
        "Ana Lima",
        "--notes",
        "private words",
        "--followup",
        "call",
    ]);
    journal.ok(&["person", "edit", "Ana Lima", "--role", "Lead"]);
    assert_eq!(journal.count("sync_clock"), 0);
    assert_eq!(journal.count("sync_tombstone"), 0);
    assert_eq!(journal.count("sync_state"), 0, "no part in any folder");
}

/// Every change of every command lands in the log: the triggers, not the commands, record
/// them. Each kind of change names its record and field.
#[test]
fn every_change_is_recorded_with_its_record_and_field() {
    let shared = Shared::new();
    let (a, _b) = two_devices(&shared);
    let clock_before: i64 = a.rows("SELECT hlc FROM sync_state")[0].parse().unwrap();
    a.ok(&["person", "edit", "Ana Lima", "--team", "Platform"]);
    a.ok(&[
        "followup",
        "done",
        &id_of(&a, "follow_up", "text", "send the deck"),
    ]);
    a.ok(&[
        "idea",
        "delete",
        &id_of(&a, "idea", "text", "rotate the on-call"),
        "--yes",
    ]);
    a.ok(&["reflect", "--went-well", "shipped"]);
    let pending = a.rows(
        "SELECT c.tbl, c.field FROM sync_clock c, sync_state s
          WHERE c.device = s.device AND c.hlc > s.sent ORDER BY c.hlc, c.field",
    );
    assert_eq!(
        pending,
        // (The clock every test runs on is pinned, so no save changes updated_at.)
        vec!["person|team", "follow_up|done_on", "reflection|*"]
    );
    assert_eq!(
        a.rows("SELECT t.tbl FROM sync_tombstone t, sync_state s WHERE t.hlc > s.sent"),
        vec!["idea"]
    );
    let clock_after: i64 = a.rows("SELECT hlc FROM sync_state")[0].parse().unwrap();
    assert!(clock_after > clock_before, "the clock moved forward");
    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("Not sent    4 changes"), "{status}");
}

/// The change log's triggers are in a journal only while it syncs (SQLite parses every
/// trigger at every open): none in a journal that does not, all of them from `sync init` and
/// `sync join` on, and after a migration of a syncing journal, as this Rapport makes them.
#[test]
fn a_journal_carries_the_change_log_triggers_only_while_it_syncs() {
    let triggers = |journal: &Journal| {
        journal.rows(
            "SELECT count(*) FROM sqlite_master
              WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'",
        )[0]
        .parse::<usize>()
        .unwrap()
    };
    let every = 3 * rapport::store::export_rows::TABLES
        .iter()
        .filter(|t| **t != "draft")
        .count();
    let shared = Shared::new();
    let a = shared.device();
    a.ok(&["person", "add", "Ana Lima"]);
    assert_eq!(triggers(&a), 0, "a journal that does not sync");
    a.ok(&["sync", "init", &shared.arg()]);
    assert_eq!(triggers(&a), every);
    let b = shared.device();
    b.ok(&["sync", "join", &shared.arg()]);
    assert_eq!(triggers(&b), every, "a journal taken whole on joining");
    let c = shared.device();
    c.ok(&["person", "add", "Bo Chen"]);
    c.ok(&["sync", "join", &shared.arg()]);
    assert_eq!(triggers(&c), every, "a journal with records of its own");

    // A syncing journal from before migration 25 (its triggers as an older Rapport left
    // them, here none): migrated, it has them all, and its changes travel.
    let raw = common::connect(&b.path);
    let names: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for name in names {
        raw.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    raw.execute_batch("PRAGMA user_version = 24").unwrap();
    drop(raw);
    b.ok(&["person", "edit", "Ana Lima", "--role", "Staff engineer"]);
    assert_eq!(triggers(&b), every);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert!(
        a.ok(&["person", "show", "Ana Lima"])
            .contains("Staff engineer")
    );

    // One missing at this version (a migration's triggers never made, a Rapport stopped in
    // between): the next open makes them again, and a change still travels.
    common::connect(&a.path)
        .execute_batch("DROP TRIGGER sync_person_update")
        .unwrap();
    a.ok(&["person", "edit", "Ana Lima", "--role", "Principal engineer"]);
    assert_eq!(triggers(&a), every);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert!(
        b.ok(&["person", "show", "Ana Lima"])
            .contains("Principal engineer")
    );
}

/// Every column of every synced table has its line in the update trigger: a column added
/// later without one would never travel.
#[test]
fn every_synced_column_is_watched_by_its_trigger() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Ana Lima"]);
    let shared = Shared::new();
    journal.ok(&["sync", "init", &shared.arg()]);
    let conn = common::connect(&journal.path);
    let tables: Vec<String> = rapport::store::export_rows::TABLES
        .iter()
        .filter(|t| **t != "draft")
        .map(|t| t.to_string())
        .collect();
    // Every table the export carries but drafts: the people, their records and the
    // leader's own.
    assert!(
        [
            "person",
            "conversation",
            "follow_up",
            "reflection",
            "feedback"
        ]
        .iter()
        .all(|t| tables.iter().any(|found| found == t)),
        "{tables:?}"
    );
    for table in tables {
        let trigger: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [format!("sync_{table}_update")],
                |r| r.get(0),
            )
            .unwrap_or_else(|_| panic!("{table} has an update trigger"));
        let mut columns = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let columns: Vec<String> = columns
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in columns {
            // Its own id, its UUID, and what the journal copies from the conversation.
            let copied =
                table == "conversation_need" && (column == "person_id" || column == "happened_at");
            if column == "id" || column == "uuid" || copied {
                continue;
            }
            assert!(
                trigger.contains(&format!("NEW.{column} IS NOT OLD.{column}")),
                "{table}.{column} is watched by sync_{table}_update"
            );
        }
        for kind in ["insert", "delete"] {
            let found: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [format!("sync_{table}_{kind}")],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(found, 1, "sync_{table}_{kind}");
        }
    }
}

fn passphrase_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

fn keyed(journal: &Journal, key: &Path, args: &[&str]) -> Run {
    let mut command = journal.command(args);
    command.arg("--passphrase-file").arg(key);
    common::execute(&mut command, None)
}

fn keyed_ok(journal: &Journal, key: &Path, args: &[&str]) -> String {
    let run = keyed(journal, key, args);
    assert_eq!(run.code, 0, "{args:?}: {run:#?}");
    run.stdout
}

/// Every byte of every file in the folder, for a search.
fn folder_bytes(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut dirs = vec![folder.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().is_dir() {
                dirs.push(entry.path());
            } else {
                all.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    all
}

#[test]
fn an_encrypted_journal_syncs_encrypted_and_a_wrong_passphrase_applies_nothing() {
    let shared = Shared::new();
    let marker = "zqxsyncmarker7731";
    let a = Journal::new();
    let key = passphrase_file(a.dir(), "key", PASSPHRASE);
    keyed_ok(&a, &key, &["person", "add", "Ana Lima"]);
    keyed_ok(
        &a,
        &key,
        &["log", "Ana Lima", "--notes", marker, "--summary", marker],
    );
    keyed_ok(&a, &key, &["sync", "init", &shared.arg()]);
    let files = folder_bytes(&shared.path());
    assert!(files.len() >= 2, "a marker and a snapshot: {files:?}");
    for (path, bytes) in &files {
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
            "{} holds the note in the clear",
            path.display()
        );
        if path
            .extension()
            .is_some_and(|e| e == "rapport" || e == "snapshot")
        {
            assert!(
                !bytes.starts_with(b"SQLite format 3"),
                "{} encrypted",
                path.display()
            );
        }
    }
    // The same passphrase on the second device reads it.
    let b = Journal::new();
    let b_key = passphrase_file(b.dir(), "key", PASSPHRASE);
    let said = keyed_ok(&b, &b_key, &["sync", "join", &shared.arg()]);
    assert!(
        said.contains("took the first device's journal whole"),
        "an encrypted journal takes the encrypted snapshot: {said}"
    );
    assert!(
        keyed_ok(&b, &b_key, &["search", marker]).contains(marker),
        "the second device reads the note"
    );
    // Another passphrase applies nothing, and says why in one sentence.
    let c = Journal::new();
    let c_key = passphrase_file(c.dir(), "key", OTHER_PASSPHRASE);
    keyed_ok(&c, &c_key, &["person", "add", "Cy"]);
    let run = keyed(&c, &c_key, &["sync", "join", &shared.arg()]);
    common::assert_one_line_failure(&run, 1, &["sync", "join"]);
    assert!(
        run.stderr.contains("cannot be read with this journal's key: every device must use the same passphrase (nothing was applied)"),
        "{}",
        run.stderr
    );
    let found = keyed_ok(&c, &c_key, &["search", marker]);
    assert_eq!(found.trim(), format!("Nothing matches {marker}."));
    assert_eq!(
        keyed_ok(&c, &c_key, &["person", "list"]).lines().count(),
        2,
        "Cy alone"
    );
    // It did not join: nothing of it is in the folder, and the others sync on.
    let run = keyed(&c, &c_key, &["sync", "status"]);
    assert!(
        run.stderr.contains("this journal does not sync yet"),
        "{}",
        run.stderr
    );
    assert_eq!(shared.files().len(), 1, "A's snapshot alone");
    keyed_ok(&a, &key, &["raise", "Ana Lima", "the budget"]);
    keyed_ok(&a, &key, &["sync"]);
    assert!(keyed_ok(&b, &b_key, &["sync"]).contains("1 change received"));
    // A plain journal cannot join an encrypted folder.
    let plain = Journal::new();
    let said = plain.fails(&["sync", "join", &shared.arg()], 1);
    assert!(
        said.contains("holds an encrypted journal's changes"),
        "{said}"
    );
}

fn integrity(path: &Path) -> Vec<String> {
    let conn = common::connect(path);
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every file a device left in the folder that is not a whole segment (a temp file of a
/// killed sync).
fn leftovers(shared: &Shared) -> Vec<PathBuf> {
    folder_bytes(&shared.path())
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            !name.ends_with(".rapport")
                && !name.ends_with(".snapshot")
                && name != "rapport-sync.json"
                && name != "applied.json"
        })
        .collect()
}

/// `rapport sync` killed (SIGKILL) at random moments on both devices, while they write their
/// segments and while they apply each other's: no journal is damaged, nothing is applied
/// twice, no temp file stays behind, and the next syncs converge.
#[test]
fn a_sync_killed_at_random_moments_damages_nothing_and_the_next_one_converges() {
    use crate::reliability_crash::{Rng, kill_within};
    let rounds = if common::soak() { 100 } else { 12 };
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    let mut rng = Rng::new();
    let (mut window_a, mut window_b) = (150_000, 150_000);
    let mut midway = 0;
    for round in 0..rounds {
        a.ok(&["followup", "add", "Ana Lima", &format!("promise {round}")]);
        b.ok(&["raise", "Ana Lima", &format!("point {round}")]);
        midway += usize::from(kill_within(a.command(&["sync"]), &mut rng, &mut window_a));
        midway += usize::from(kill_within(b.command(&["sync"]), &mut rng, &mut window_b));
        for device in [&a, &b] {
            assert_eq!(integrity(&device.path), ["ok"], "after round {round}");
        }
    }
    converge_after_kills(&shared, &a, &b, rounds);
    println!(
        "{midway} of {} kills landed inside a running sync",
        rounds * 2
    );
    assert!(
        midway >= rounds / 2,
        "too few kills landed inside a sync: {midway}"
    );
}

/// After rounds of a promise made on `a` and a point raised on `b`, each round's syncs
/// killed: two more syncs each bring both to one journal, holding each promise and each
/// point once, and no temp file is left in the folder.
fn converge_after_kills(shared: &Shared, a: &Journal, b: &Journal, rounds: usize) {
    for _ in 0..2 {
        a.ok(&["sync"]);
        b.ok(&["sync"]);
    }
    assert_eq!(export(a), export(b));
    for device in [a, b] {
        assert_eq!(
            device.count("follow_up"),
            rounds as i64 + 1,
            "each promise once"
        );
        assert_eq!(
            device.count("talking_point"),
            rounds as i64,
            "each point once"
        );
    }
    assert_eq!(leftovers(shared), Vec::<PathBuf>::new());
}

/// Three devices' segments (and the first one's snapshot), made once: records of every kind, edits of one field on two
/// devices, a deletion, links across devices.
struct Made {
    shared: Shared,
    segments: Vec<PathBuf>,
    /// The export every device ends with, after all synced in turn.
    expected: serde_json::Value,
    conflicts: serde_json::Value,
    _devices: Vec<Journal>,
}

fn made() -> &'static Made {
    static MADE: std::sync::OnceLock<Made> = std::sync::OnceLock::new();
    MADE.get_or_init(|| {
        let shared = Shared::lasting();
        let (a, b) = two_devices(&shared);
        let c = shared.device();
        c.ok(&["sync", "join", &shared.arg()]);
        c.ok(&["person", "add", "Cy Park", "--team", "Data"]);
        c.ok(&[
            "log",
            "Cy Park",
            "--summary",
            "first 1:1",
            "--their-followup",
            "read the doc",
        ]);
        b.ok(&[
            "log",
            "Ana Lima",
            "--summary",
            "check-in",
            "--kind",
            "check-in",
            "--ack",
            "the migration",
        ]);
        a.ok(&["reflect", "--went-well", "hiring", "--week", "2026-W47"]);
        a.ok(&["aspiration", "add", "Ana Lima", "Lead a team"]);
        b.ok(&[
            "person",
            "edit",
            "Ana Lima",
            "--would-change",
            "fewer meetings (b)",
        ]);
        c.ok(&[
            "person",
            "edit",
            "Ana Lima",
            "--would-change",
            "fewer meetings (c)",
        ]);
        std::thread::sleep(std::time::Duration::from_millis(3));
        a.ok(&[
            "person",
            "edit",
            "Ana Lima",
            "--would-change",
            "fewer meetings (a)",
        ]);
        // What the journal allows once, made on two devices.
        b.ok(&["person", "add", "Eve Stone"]);
        c.ok(&["person", "add", "eve stone", "--role", "Designer"]);
        b.ok(&["reflect", "--week", "2026-W48", "--went-well", "b's week"]);
        c.ok(&["reflect", "--week", "2026-W48", "--went-well", "c's week"]);
        for device in [&a, &b, &c] {
            device.ok(&["sync"]);
        }
        b.ok(&[
            "followup",
            "done",
            &id_of(&b, "follow_up", "text", "send the deck"),
        ]);
        c.ok(&["raise", "Ana Lima", "the conference budget"]);
        a.ok(&[
            "idea",
            "delete",
            &id_of(&a, "idea", "text", "rotate the on-call"),
            "--yes",
        ]);
        c.ok(&["person", "edit", "Cy Park", "--role", "Analyst"]);
        for _ in 0..2 {
            for device in [&a, &b, &c] {
                device.ok(&["sync"]);
            }
        }
        let expected = export(&a);
        assert_eq!(expected, export(&b));
        assert_eq!(expected, export(&c));
        let conflicts = conflict_set(&a);
        assert_eq!(conflicts, conflict_set(&b));
        assert_eq!(conflicts, conflict_set(&c));
        let segments = shared.files();
        Made {
            shared,
            segments,
            expected,
            conflicts,
            _devices: vec![a, b, c],
        }
    })
}

/// The conflicts a device lists, without when it found them.
fn conflict_set(journal: &Journal) -> serde_json::Value {
    let mut conflicts = status_json(journal)["conflicts"].clone();
    for conflict in conflicts.as_array_mut().expect("a list") {
        conflict
            .as_object_mut()
            .expect("an object")
            .remove("found_at");
    }
    let mut list = conflicts.as_array().cloned().unwrap_or_default();
    list.sort_by_key(|c| c.to_string());
    serde_json::Value::Array(list)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if common::soak() { 64 } else { 6 },
        .. ProptestConfig::default()
    })]

    /// The same segments, applied in any order, in any batches, any number of times (as
    /// duplicates under other names), give the same journal and the same conflicts.
    #[test]
    fn segments_in_any_order_and_any_number_of_times_give_one_journal(
        order in Just((0..made().segments.len()).collect::<Vec<usize>>()).prop_shuffle(),
        copies in prop::collection::vec(0..made().segments.len(), 0..4),
        batches in prop::collection::vec(1usize..4, made().segments.len()),
    ) {
        let made = made();
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("shared");
        std::fs::create_dir(&target).unwrap();
        std::fs::copy(made.shared.path().join("rapport-sync.json"), target.join("rapport-sync.json")).unwrap();
        let d = Journal::new();
        d.ok(&["sync", "join", &target.display().to_string()]);
        let mut queue: Vec<(PathBuf, String)> = order
            .iter()
            .map(|&i| (made.segments[i].clone(), String::new()))
            .collect();
        for (n, &i) in copies.iter().enumerate() {
            let at = (n * 7) % (queue.len() + 1);
            queue.insert(at, (made.segments[i].clone(), format!(" (conflicted copy {n})")));
        }
        let mut batch = batches.iter().cycle();
        let mut placed = 0;
        while placed < queue.len() {
            let take = (*batch.next().unwrap()).min(queue.len() - placed);
            for (source, suffix) in &queue[placed..placed + take] {
                let device = source.parent().unwrap().file_name().unwrap();
                let dir = target.join(device);
                std::fs::create_dir_all(&dir).unwrap();
                let stem = source.file_stem().unwrap().to_string_lossy();
                let extension = source.extension().unwrap().to_string_lossy();
                std::fs::copy(source, dir.join(format!("{stem}{suffix}.{extension}"))).unwrap();
            }
            placed += take;
            d.ok(&["sync"]);
        }
        d.ok(&["sync"]);
        prop_assert_eq!(&export(&d), &made.expected);
        prop_assert_eq!(&conflict_set(&d), &made.conflicts);
    }
}

/// Two devices with a text edited on both: the laptop's version lost to the desktop's and is
/// kept on both.
fn a_conflict(shared: &Shared) -> (Journal, Journal) {
    let (a, b) = two_devices(shared);
    b.ok(&[
        "person",
        "edit",
        "Ana Lima",
        "--motivations",
        "written on the laptop",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    a.ok(&[
        "person",
        "edit",
        "Ana Lima",
        "--motivations",
        "written on the desktop",
    ]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    (a, b)
}

fn conflict_ids(journal: &Journal) -> Vec<String> {
    let listed: serde_json::Value =
        serde_json::from_str(&journal.ok(&["sync", "conflicts", "--json"])).expect("JSON");
    listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| c["id"].as_str().expect("an id").to_string())
        .collect()
}

/// `sync take ID` puts the other version in the record as a change like any other: the
/// other device takes it at its next sync and its own conflict is settled with it, so both
/// end with one text and no conflict. `sync keep ID` drops the other version.
#[test]
fn taking_the_other_version_of_a_conflict_travels_and_settles_it_everywhere() {
    let shared = Shared::new();
    let (a, b) = a_conflict(&shared);
    let listed = a.ok(&["sync", "conflicts"]);
    let ids = conflict_ids(&a);
    assert_eq!(ids.len(), 1, "{listed}");
    assert!(
        listed.contains(&format!(
            "{}  person (Ana Lima) motivations: edited on two devices — the other version: written on the laptop",
            ids[0]
        )),
        "{listed}"
    );
    let took = a.ok(&["sync", "take", &ids[0]]);
    assert!(
        took.contains("Took the other version of the motivations"),
        "{took}"
    );
    assert_eq!(
        a.rows("SELECT motivations FROM person"),
        vec!["written on the laptop"]
    );
    assert_eq!(conflict_ids(&a), Vec::<String>::new());
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(
        b.rows("SELECT motivations FROM person"),
        vec!["written on the laptop"]
    );
    assert_eq!(conflict_ids(&b), Vec::<String>::new(), "settled on b too");
    assert_eq!(export(&a), export(&b));
    // An id that names nothing is refused in one sentence.
    let refused = a.run(&["sync", "take", &ids[0]]);
    assert_ne!(refused.code, 0);
    assert!(
        refused
            .stderr
            .contains(&format!("there is no conflict {}", ids[0])),
        "{}",
        refused.stderr
    );
}

#[test]
fn keeping_this_version_drops_the_other_and_changes_no_record() {
    let shared = Shared::new();
    let (a, b) = a_conflict(&shared);
    let ids = conflict_ids(&b);
    assert_eq!(ids.len(), 1);
    assert_eq!(conflict_ids(&a), ids, "both devices list it");
    let before = export(&b);
    let kept = b.ok(&["sync", "keep", &ids[0]]);
    assert!(
        kept.contains("Kept this version of the motivations"),
        "{kept}"
    );
    assert_eq!(conflict_ids(&b), Vec::<String>::new());
    assert_eq!(export(&b), before, "no record changed");
    // The choice travels: the other device drops the other version too.
    assert_eq!(status_json(&b)["pending"], 1, "the choice to send");
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(conflict_ids(&a), Vec::<String>::new(), "settled everywhere");
    assert_eq!(export(&a), before, "no record changed there either");
    b.ok(&["sync"]);
    assert_eq!(conflict_ids(&b), Vec::<String>::new());
}

/// A device is behind until it has applied everything this one wrote (it says so in its
/// own file in the folder), and `sync status` says how it stands in the interface's words.
#[test]
fn a_device_that_has_not_applied_this_ones_changes_is_behind() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["sync"]);
    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("State       synced just now\n"), "{status}");
    a.ok(&["followup", "add", "Ana Lima", "book the room"]);
    a.ok(&["sync"]);
    let status = a.ok(&["sync", "status"]);
    assert!(
        status.contains("State       synced just now · 1 device behind"),
        "{status}"
    );
    assert!(status.contains("· behind this device"), "{status}");
    assert_eq!(status_json(&a)["devices"][1]["behind"], true);
    b.ok(&["sync"]);
    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("State       synced just now\n"), "{status}");
    assert_eq!(status_json(&a)["devices"][1]["behind"], false);
    // b is behind no one: a has applied everything b wrote.
    assert!(!b.ok(&["sync", "status"]).contains("behind"));
}

// The interface: the real `App` on a device's journal, its sync worker on a real thread,
// time moved by handing `tick` later instants (no test waits for a timer).

fn app_on(journal: &Journal) -> App {
    let store = rapport::store::Store::open_with_clock(&journal.path, crate::tui::fixed_clock())
        .expect("the journal opens");
    App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        "journal.db".into(),
    )
    .expect("the app starts")
}

/// Ticks the app at `at` until the sync it is running has answered.
fn until_synced(app: &mut App, at: Instant) {
    let deadline = Instant::now() + Duration::from_secs(30);
    app.tick(at);
    assert!(app.sync_running(), "a sync was due at this tick");
    while app.sync_running() {
        assert!(Instant::now() < deadline, "the sync never answered");
        std::thread::sleep(Duration::from_millis(2));
        app.tick(at);
    }
}

fn status_line(app: &App) -> String {
    let screen = crate::tui::screen(app, 100, 24);
    screen.lines().last().unwrap_or_default().to_string()
}

fn names(app: &App) -> Vec<String> {
    app.people.iter().map(|p| p.person.name.clone()).collect()
}

#[test]
fn the_interface_syncs_on_start_after_a_change_and_on_its_timer() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["person", "add", "Bo Chen"]);
    a.ok(&["sync"]);
    let mut app = app_on(&b);
    assert!(!names(&app).contains(&"Bo Chen".to_string()));
    let start = Instant::now();
    // On start.
    until_synced(&mut app, start);
    assert!(
        names(&app).contains(&"Bo Chen".to_string()),
        "{:?}",
        names(&app)
    );
    let line = status_line(&app);
    assert!(line.contains("journal.db · synced just now"), "{line}");
    // Nothing due now: the next sync waits for a change or the timer.
    app.tick(start);
    assert!(!app.sync_running());
    // A change on this device (here made by another process, noticed within the second)
    // is sent a moment after it.
    b.ok(&["raise", "Ana Lima", "the offsite budget"]);
    let noticed = start + Duration::from_secs(2);
    app.tick(noticed);
    assert!(!app.sync_running(), "a burst of saves is waited for");
    until_synced(&mut app, noticed + Duration::from_secs(3));
    a.ok(&["sync"]);
    assert_eq!(
        a.rows("SELECT text FROM talking_point"),
        vec!["the offsite budget"]
    );
    // The timer (5 minutes by default) brings in what the other device did meanwhile.
    a.ok(&["person", "add", "Cy Diaz"]);
    a.ok(&["sync"]);
    app.tick(noticed + Duration::from_secs(60));
    assert!(!app.sync_running(), "not due yet");
    let last = noticed + Duration::from_secs(6 * 60);
    until_synced(&mut app, last);
    assert!(
        names(&app).contains(&"Cy Diaz".to_string()),
        "{:?}",
        names(&app)
    );
    // "synced 2 min ago" moves on by itself: the loop wakes within a minute to draw it.
    // (Half a minute on, the journal's other changes are read and nothing else is due.)
    let minute = Duration::from_secs(60);
    let half = last + minute / 2;
    app.tick(half);
    assert!(!app.tick(half), "nothing more to draw yet");
    assert!(
        app.next_timed_work(half)
            .is_some_and(|at| at <= last + minute),
        "a wake-up within the minute"
    );
    assert!(app.tick(last + minute), "the status line is drawn again");
    assert!(!app.sync_running(), "and no sync is due yet");
}

/// The screens not in view that the app would read again had the journal changed since
/// they were read (the one in view is read at once, so it tells nothing).
fn screens_behind(app: &App) -> Vec<rapport::keymap::Screen> {
    use rapport::keymap::Screen;
    [Screen::Timeline, Screen::Gaps, Screen::Week]
        .into_iter()
        .filter(|&screen| app.out_of_date(screen))
        .collect()
}

/// A sync that brings nothing still writes to the journal (when it synced, how far it sent),
/// which another connection sees as a commit. The interface does not read its screens again
/// for it (on the timer or after a save it sends), and still reads what another Rapport
/// saved meanwhile.
#[test]
fn a_sync_that_brings_nothing_reads_nothing_again() {
    let shared = Shared::new();
    let (_a, b) = two_devices(&shared);
    let mut app = app_on(&b);
    let start = Instant::now();
    until_synced(&mut app, start);
    // The first sync opens the worker's connection: what was committed while it opened is
    // seen by no one, so the look after it reads the journal again.
    app.tick(start + Duration::from_secs(1));
    // Every screen read as the journal stands.
    while app.prepare_unseen() {}
    assert_eq!(screens_behind(&app), vec![]);
    // The timer's sync: nothing new anywhere. The looks after it find nothing to read.
    let timer = start + Duration::from_secs(6 * 60);
    until_synced(&mut app, timer);
    assert!(!app.tick(timer + Duration::from_secs(2)), "nothing to draw");
    assert_eq!(
        screens_behind(&app),
        vec![],
        "read again for a sync's own write"
    );
    // A change saved by another Rapport is read once, at the look before its sync; the sync
    // that sends it changes nothing more to read.
    b.ok(&["person", "add", "Di Park"]);
    let saved = timer + Duration::from_secs(4);
    assert!(app.tick(saved), "the change is drawn");
    assert!(names(&app).contains(&"Di Park".to_string()));
    while app.prepare_unseen() {}
    until_synced(&mut app, saved + Duration::from_secs(3));
    assert_eq!(status_json(&b)["pending"], 0, "it was sent");
    app.tick(saved + Duration::from_secs(5));
    assert_eq!(
        screens_behind(&app),
        vec![],
        "read again for a sync's own write"
    );
    // A save by another Rapport while a sync runs (or just after it, before its answer is
    // taken) is not mistaken for the sync's own write.
    let later = saved + Duration::from_secs(12 * 60);
    app.tick(later);
    assert!(app.sync_running());
    b.ok(&["person", "add", "Eli Moss"]);
    while app.sync_running() {
        std::thread::sleep(Duration::from_millis(2));
        app.tick(later);
    }
    app.tick(later + Duration::from_secs(2));
    assert!(
        names(&app).contains(&"Eli Moss".to_string()),
        "{:?}",
        names(&app)
    );
}

#[test]
fn a_journal_that_does_not_sync_starts_no_sync_and_says_nothing_of_it() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Ana Lima"]);
    let mut app = app_on(&journal);
    let now = Instant::now();
    for later in [0, 10, 600] {
        app.tick(now + Duration::from_secs(later));
        assert!(!app.sync_running());
    }
    assert_eq!(app.next_timed_work(now + Duration::from_secs(600)), None);
    let line = status_line(&app);
    assert!(!line.contains("sync"), "{line}");
    assert!(app.sync_words().is_none());
}

#[test]
fn a_sync_that_fails_says_so_in_a_phrase_and_the_keys_still_answer() {
    let shared = Shared::new();
    let (_a, b) = two_devices(&shared);
    let mut app = app_on(&b);
    std::fs::rename(shared.path(), shared.dir.path().join("unmounted")).expect("moved");
    until_synced(&mut app, Instant::now());
    let line = status_line(&app);
    assert!(
        line.contains("journal.db · sync failed: folder not found"),
        "{line}"
    );
    crate::tui::press(&mut app, ratatui::crossterm::event::KeyCode::Char('2'));
    assert_eq!(app.screen, rapport::keymap::Screen::People);
}

/// A conflict shows on the status line, `C` lists it with the other version, `t` takes
/// it: the record holds it here, and the other device takes it at its next sync.
#[test]
fn conflicts_are_found_with_c_and_t_takes_the_other_version_everywhere() {
    use ratatui::crossterm::event::KeyCode;
    let shared = Shared::new();
    let (a, b) = a_conflict(&shared);
    let mut app = app_on(&a);
    let start = Instant::now();
    until_synced(&mut app, start);
    let line = status_line(&app);
    assert!(line.contains("synced just now · conflict: 1"), "{line}");
    crate::tui::press(&mut app, KeyCode::Char('C'));
    let screen = crate::tui::screen(&app, 100, 24);
    assert!(
        screen.contains("Ana Lima · person · motivations"),
        "{screen}"
    );
    assert!(
        screen.contains("edited on two devices — the other version:"),
        "{screen}"
    );
    assert!(screen.contains("    written on the laptop"), "{screen}");
    crate::tui::press(&mut app, KeyCode::Char('t'));
    assert!(
        crate::tui::status(&app).contains("Took the other version of Ana Lima's motivations"),
        "{}",
        crate::tui::status(&app)
    );
    assert!(
        crate::tui::screen(&app, 100, 24).contains("No conflicts"),
        "the sheet shows what is left"
    );
    assert_eq!(
        a.rows("SELECT motivations FROM person"),
        vec!["written on the laptop"]
    );
    // Taken is saved: it syncs a moment later, and the other device converges on it.
    app.tick(start + Duration::from_secs(1));
    assert!(!app.sync_running(), "a moment later");
    until_synced(&mut app, start + Duration::from_secs(3));
    b.ok(&["sync"]);
    assert_eq!(
        b.rows("SELECT motivations FROM person"),
        vec!["written on the laptop"]
    );
    assert_eq!(conflict_ids(&b), Vec::<String>::new());
    crate::tui::press(&mut app, KeyCode::Esc);
    assert!(!status_line(&app).contains("conflict"));
}

/// The acceptance's two processes: the interface in a pseudo-terminal on one device (it
/// syncs as it opens) and `rapport sync` on the other, one folder, each killed (SIGKILL) at
/// random moments while it syncs: no journal is damaged, nothing is applied twice, no temp
/// file stays, and the next syncs converge. Then the interface syncs to the end.
#[test]
fn the_interface_and_the_command_line_killed_while_syncing_damage_nothing() {
    use crate::pty::Session;
    use crate::reliability_crash::{Rng, kill_within};
    let rounds = if common::soak() { 60 } else { 6 };
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    let home = b.dir().join("home");
    std::fs::create_dir_all(&home).expect("a home");
    let mut rng = Rng::new();
    let mut window_a = 150_000;
    // Where each kill of the interface landed: before its segment was written, between
    // writing it and recording it as sent, or after.
    let (mut before, mut between, mut after) = (0, 0, 0);
    let mut midway_a = 0;
    let sent = || b.rows("SELECT sent FROM sync_state");
    for round in 0..rounds {
        a.ok(&["followup", "add", "Ana Lima", &format!("promise {round}")]);
        b.ok(&["raise", "Ana Lima", &format!("point {round}")]);
        let (segments, sent_before) = (shared.segments().len(), sent());
        if round % 2 == 0 {
            let tui = Session::start(&b.path, &home, &[]);
            tui.wait_for("Today");
            // The first frame is drawn before the sync on start begins.
            std::thread::sleep(Duration::from_micros(rng.below(120_000)));
            tui.signal(libc::SIGKILL);
        } else {
            // Killed for sure inside its sync: its segment is in the folder and the sync
            // (held there by the fault) has not recorded it as sent.
            let tui = Session::start(&b.path, &home, &[("RAPPORT_FAULT", "slow-segment")]);
            let deadline = Instant::now() + Duration::from_secs(20);
            while shared.segments().len() == segments {
                assert!(Instant::now() < deadline, "no segment came");
                std::thread::sleep(Duration::from_millis(2));
            }
            tui.signal(libc::SIGKILL);
        }
        match (shared.segments().len() > segments, sent() != sent_before) {
            (_, true) => after += 1,
            (true, false) => between += 1,
            (false, false) => before += 1,
        }
        midway_a += usize::from(kill_within(a.command(&["sync"]), &mut rng, &mut window_a));
        for device in [&a, &b] {
            assert_eq!(integrity(&device.path), ["ok"], "after round {round}");
        }
    }
    println!(
        "the interface killed {before} times before its segment, {between} between writing and recording it, {after} after; the command line {midway_a} of {rounds} times inside its sync"
    );
    assert!(
        between >= rounds / 2,
        "every other kill lands inside the sync"
    );
    let mut tui = Session::start(&b.path, &home, &[]);
    tui.wait_for("synced just now");
    tui.send(b"q");
    tui.wait_exit();
    converge_after_kills(&shared, &a, &b, rounds);
}

/// A save made while a sync writes its segment (the folder's slow part, encryption
/// included) does not wait for it: the sync holds the journal's write lock only to record
/// what it sent. The save travels in the next segment.
#[test]
fn a_save_made_while_a_sync_writes_its_segment_does_not_wait_for_it() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    a.ok(&["followup", "add", "Ana Lima", "book the room"]);
    let before = shared.segments().len();
    let mut sync = a.command(&["sync"]);
    sync.env("RAPPORT_FAULT", "slow-segment")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = sync.spawn().expect("rapport starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while shared.segments().len() == before {
        assert!(Instant::now() < deadline, "the segment never arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
    let started = Instant::now();
    a.ok(&["raise", "Ana Lima", "said while it synced"]);
    let took = started.elapsed();
    let still_syncing = child.try_wait().expect("polls").is_none();
    assert!(child.wait().expect("ends").success());
    assert!(still_syncing, "the save was made while the sync ran");
    assert!(
        took < Duration::from_millis(1500),
        "the save waited for the sync: {took:?}"
    );
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(
        b.rows("SELECT text FROM talking_point"),
        vec!["said while it synced"]
    );
    assert_eq!(export(&a), export(&b));
}

/// Every device reads the folder with the journal's one key, so a journal that syncs keeps
/// it: `encrypt`, `decrypt` and `rekey` are refused in one sentence, before any passphrase
/// is asked, and the journal and its sync stay as they were.
#[test]
fn a_journal_that_syncs_keeps_its_key() {
    let shared = Shared::new();
    let (plain, _b) = two_devices(&shared);
    let new_key = passphrase_file(plain.dir(), "new", OTHER_PASSPHRASE);
    let new_key = new_key.to_str().expect("a path");
    let refused = plain.fails(&["encrypt", "--new-passphrase-file", new_key], 2);
    assert!(
        refused.contains("this journal syncs through")
            && refused.contains("`rapport encrypt` would cut it off from them"),
        "{refused}"
    );
    let header = std::fs::read(&plain.path).expect("the journal");
    assert!(header.starts_with(b"SQLite format 3\0"), "still plain");
    plain.ok(&["sync"]);

    let other = Shared::new();
    let encrypted = Journal::new();
    let key = passphrase_file(encrypted.dir(), "key", PASSPHRASE);
    keyed_ok(&encrypted, &key, &["person", "add", "Ana Lima"]);
    keyed_ok(&encrypted, &key, &["sync", "init", &other.arg()]);
    for (args, conversion) in [
        (vec!["rekey", "--new-passphrase-file", new_key], "rekey"),
        (vec!["decrypt"], "decrypt"),
    ] {
        let run = keyed(&encrypted, &key, &args);
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(
            run.stderr.contains(&format!(
                "`rapport {conversion}` would cut it off from them"
            )),
            "{}",
            run.stderr
        );
    }
    // Still the old key: it opens the journal and the folder.
    keyed_ok(&encrypted, &key, &["sync"]);
}

/// A progress note that reached a device, then went there with its aspiration (deleted on a
/// third device that never had the note, so no tombstone names it): an edit of the note made
/// meanwhile on its own device is dropped and counted, never left waiting for ever, and the
/// three journals end the same.
#[test]
fn an_edit_of_a_record_gone_with_its_parent_is_dropped_not_kept_waiting() {
    let shared = Shared::new();
    let (a, b) = two_devices(&shared);
    let c = shared.device();
    c.ok(&["sync", "join", &shared.arg()]);
    c.ok(&["aspiration", "add", "Ana Lima", "lead the guild"]);
    c.ok(&["sync"]);
    a.ok(&["sync"]);
    let aspiration = id_of(&a, "aspiration", "title", "lead the guild");
    c.ok(&[
        "aspiration",
        "update",
        &id_of(&c, "aspiration", "title", "lead the guild"),
        "--note",
        "ran the first session",
    ]);
    c.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(b.count("aspiration_update"), 1);
    a.ok(&["aspiration", "delete", &aspiration, "--yes"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(b.count("aspiration_update"), 0, "gone with its aspiration");
    // On c, which has not heard of the deletion, the note is corrected (an edit made
    // straight in the file is recorded by the journal's triggers like any other).
    common::connect(&c.path)
        .execute(
            "UPDATE aspiration_update SET note = 'ran the first two sessions'",
            [],
        )
        .expect("the note is corrected");
    c.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(
        said.contains(
            "1 change dropped: their record was deleted here with the record it belonged to."
        ),
        "{said}"
    );
    assert_eq!(status_json(&b)["waiting"], 0, "nothing waits for ever");
    for _ in 0..2 {
        for device in [&a, &b, &c] {
            device.ok(&["sync"]);
        }
    }
    assert_eq!(export(&a), export(&b));
    assert_eq!(export(&b), export(&c));
    assert_eq!(c.count("aspiration_update"), 0);
}
