//! Two or three journals take random operations of every kind (records of every kind made,
//! texts edited, follow-ups ticked, ideas answered, aspirations moved on, people paused,
//! weeks reflected on, records deleted)
//! and sync through one folder on a random schedule, while the folder does what sync tools
//! do: it duplicates a file under a "conflicted copy" name, holds one back so that files
//! arrive out of order, and delivers one cut short; and a device settles a conflict it lists
//! (takes the other version, or keeps its own). Once every file has arrived and each
//! device has synced, every journal's export is the same, and no acknowledged edit of a text
//! is lost silently: it is in the journal, or a device overwrote it having it, or it is the
//! other version of a conflict every device lists.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;

use crate::common::{self, Journal};
use crate::sync::{export, folder_files};

/// Operations, syncs and folder mishaps run by every case so far (printed, for the record).
static OPERATIONS: AtomicUsize = AtomicUsize::new(0);
static SYNCS: AtomicUsize = AtomicUsize::new(0);
static MISHAPS: AtomicUsize = AtomicUsize::new(0);
static SETTLED: AtomicUsize = AtomicUsize::new(0);
static CASES: AtomicUsize = AtomicUsize::new(0);

/// A text written by an acknowledged command: which record (its table and UUID, or for a
/// reflection its week, which two devices may each make), which field, what value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Written {
    table: &'static str,
    key: String,
    field: &'static str,
    value: String,
}

/// How many kinds of operation `World::operate` knows.
const KINDS: u32 = 24;

struct World {
    devices: Vec<Journal>,
    _place: tempfile::TempDir,
    folder: PathBuf,
    /// Files held back (not arrived yet): where they belong, where they wait.
    held: Vec<(PathBuf, PathBuf)>,
    /// Files delivered cut short: where, and their whole bytes.
    cut: Vec<(PathBuf, Vec<u8>)>,
    written: Vec<Written>,
    /// Values a device replaced while it held them: not lost, overwritten knowingly.
    replaced: BTreeSet<Written>,
    next: usize,
}

impl World {
    fn new(devices: usize, joins_with_records: bool) -> World {
        let place = tempfile::tempdir().expect("a temp folder");
        let folder = place.path().join("shared");
        let first = Journal::new();
        first.ok(&["person", "add", "Ana Lima"]);
        first.ok(&[
            "log",
            "Ana Lima",
            "--summary",
            "first",
            "--followup",
            "f0",
            "--idea",
            "i0",
        ]);
        first.ok(&["sync", "init", &folder.display().to_string()]);
        let mut world = World {
            devices: vec![first],
            _place: place,
            folder,
            held: Vec::new(),
            cut: Vec::new(),
            written: Vec::new(),
            replaced: BTreeSet::new(),
            next: 1,
        };
        for n in 1..devices {
            let device = Journal::new();
            if joins_with_records {
                device.ok(&["person", "add", &format!("Joiner {n}")]);
            }
            device.ok(&["sync", "join", &world.folder.display().to_string()]);
            world.devices.push(device);
        }
        world
    }

    fn text(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// `(local id, UUID in hex)` of the records of `table` on a device, in UUID order (so
    /// the same pick names the same record on every device that has it).
    fn records(&self, device: usize, table: &str, filter: &str) -> Vec<(String, String)> {
        self.devices[device]
            .rows(&format!(
                "SELECT id || '|' || hex(uuid) FROM {table} {filter} ORDER BY uuid"
            ))
            .into_iter()
            .map(|row| {
                let (id, uuid) = row.split_once('|').expect("id|uuid");
                (id.to_string(), uuid.to_string())
            })
            .collect()
    }

    fn pick(
        &self,
        device: usize,
        table: &str,
        filter: &str,
        seed: u32,
    ) -> Option<(String, String)> {
        let found = self.records(device, table, filter);
        (!found.is_empty()).then(|| found[seed as usize % found.len()].clone())
    }

    fn person(&self, device: usize, seed: u32) -> Option<(String, String)> {
        self.pick(device, "person", "WHERE archived = 0", seed)
            .map(|(_, uuid)| {
                let name = self.devices[device].rows(&format!(
                    "SELECT name FROM person WHERE hex(uuid) = '{uuid}'"
                ));
                (name[0].clone(), uuid)
            })
    }

    /// The value of `field` of a record on a device, `None` when it does not hold it.
    fn value(&self, device: usize, table: &str, key: &str, field: &str) -> Option<String> {
        let which = if table == "reflection" {
            format!("week = '{key}'")
        } else {
            format!("hex(uuid) = '{key}'")
        };
        self.devices[device]
            .rows(&format!(
                "SELECT coalesce({field}, '') FROM {table} WHERE {which}"
            ))
            .pop()
    }

    /// Runs a command that writes `value` into `field`; when it is acknowledged, records
    /// the write and the value it replaced on that device.
    fn write(
        &mut self,
        device: usize,
        args: &[&str],
        table: &'static str,
        key: &str,
        field: &'static str,
        value: &str,
    ) {
        let before = self.value(device, table, key, field).unwrap_or_default();
        if self.run(device, args) {
            self.replaced.insert(Written {
                table,
                key: key.to_string(),
                field,
                value: before,
            });
            self.written.push(Written {
                table,
                key: key.to_string(),
                field,
                value: value.to_string(),
            });
        }
    }

    /// Runs a command; true when it was acknowledged. A refusal (a follow-up ticked twice)
    /// is fine; a crash is not.
    fn run(&self, device: usize, args: &[&str]) -> bool {
        let run = self.devices[device].run(args);
        assert!(
            (0..=2).contains(&run.code),
            "{args:?} failed with {}: {}",
            run.code,
            run.stderr
        );
        OPERATIONS.fetch_add(usize::from(run.code == 0), Ordering::Relaxed);
        run.code == 0
    }

    fn sync(&self, device: usize) {
        self.devices[device].ok(&["sync"]);
        SYNCS.fetch_add(1, Ordering::Relaxed);
    }

    /// Every segment and snapshot in the folder now.
    fn files(&self) -> Vec<PathBuf> {
        folder_files(&self.folder, &["rapport", "snapshot"])
    }

    /// What a sync tool does to a file: a duplicate, a file held back, a file cut short.
    fn mishap(&mut self, kind: u32, seed: u32) {
        let files = self.files();
        if files.is_empty() {
            return;
        }
        let file = files[seed as usize % files.len()].clone();
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        let extension = file.extension().unwrap().to_string_lossy().to_string();
        match kind % 3 {
            0 => {
                let copy =
                    file.with_file_name(format!("{stem} (conflicted copy {seed}).{extension}"));
                std::fs::copy(&file, copy).expect("a duplicate");
            }
            1 => {
                let waiting = self._place.path().join(format!("held-{}", self.next));
                self.next += 1;
                std::fs::rename(&file, &waiting).expect("held back");
                self.held.push((file, waiting));
            }
            _ => {
                if self.cut.iter().any(|(path, _)| *path == file) {
                    return;
                }
                let bytes = std::fs::read(&file).expect("the file");
                std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("cut");
                self.cut.push((file, bytes));
            }
        }
        MISHAPS.fetch_add(1, Ordering::Relaxed);
    }

    /// Every file held back or cut arrives whole.
    fn deliver(&mut self) {
        for (path, waiting) in self.held.drain(..) {
            std::fs::rename(waiting, path).expect("delivered");
        }
        for (path, bytes) in self.cut.drain(..) {
            std::fs::write(path, bytes).expect("delivered whole");
        }
    }

    fn operate(&mut self, op: u32, device: usize, seed: u32) {
        let d = device % self.devices.len();
        match op % KINDS {
            0 => {
                let name = self.text("Person ");
                self.run(d, &["person", "add", &name]);
            }
            1 | 2 => {
                // Mostly the first two people: two devices editing one text before either
                // syncs is what a conflict is made of.
                let Some((name, uuid)) = self.person(d, seed % 3) else {
                    return;
                };
                let (flag, field) = if op % KINDS == 1 {
                    ("--would-change", "would_change")
                } else {
                    ("--role", "role")
                };
                let value = self.text("v");
                self.write(
                    d,
                    &["person", "edit", &name, flag, &value],
                    "person",
                    &uuid,
                    field,
                    &value,
                );
            }
            3 => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                let (summary, followup, idea) = (self.text("s"), self.text("f"), self.text("i"));
                self.run(
                    d,
                    &[
                        "log",
                        &name,
                        "--summary",
                        &summary,
                        "--followup",
                        &followup,
                        "--idea",
                        &idea,
                        "--need",
                        "autonomy",
                    ],
                );
            }
            4 => {
                if let Some((id, _)) = self.pick(d, "follow_up", "WHERE done_on IS NULL", seed) {
                    self.run(d, &["followup", "done", &id]);
                }
            }
            5 => {
                let Some((id, uuid)) = self.pick(d, "follow_up", "", seed) else {
                    return;
                };
                let value = self.text("t");
                self.write(
                    d,
                    &["followup", "edit", &id, "--text", &value],
                    "follow_up",
                    &uuid,
                    "text",
                    &value,
                );
            }
            6 => {
                let Some((id, uuid)) = self.pick(d, "idea", "", seed) else {
                    return;
                };
                let value = self.text("a");
                self.write(
                    d,
                    &[
                        "idea", "answer", &id, "--status", "trying", "--answer", &value,
                    ],
                    "idea",
                    &uuid,
                    "answer",
                    &value,
                );
            }
            7 => {
                let table = if seed.is_multiple_of(2) {
                    "follow_up"
                } else {
                    "idea"
                };
                let command = if table == "follow_up" {
                    "followup"
                } else {
                    "idea"
                };
                if let Some((id, _)) = self.pick(d, table, "", seed / 2) {
                    self.run(d, &[command, "delete", &id, "--yes"]);
                }
            }
            8 => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                if seed.is_multiple_of(2) {
                    self.run(d, &["person", "pause", &name, "--until", "2027-01-15"]);
                } else {
                    self.run(d, &["person", "resume", &name]);
                }
            }
            9 => {
                let week = format!("2026-W{}", 40 + seed % 4);
                let value = self.text("g");
                self.write(
                    d,
                    &["reflect", "--week", &week, "--went-well", &value],
                    "reflection",
                    &week,
                    "went_well",
                    &value,
                );
            }
            10 => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                let point = self.text("p");
                self.run(d, &["raise", &name, &point]);
            }
            11 => {
                if let Some((id, _)) = self.pick(d, "conversation", "", seed) {
                    self.run(d, &["conversation", "delete", &id, "--yes"]);
                }
            }
            12 | 13 => self.sync(d),
            14 => self.mishap(seed, seed / 3),
            15 => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                let title = self.text("h");
                self.run(d, &["aspiration", "add", &name, &title]);
            }
            16 => {
                if let Some((id, _)) = self.pick(d, "aspiration", "", seed) {
                    let note = self.text("n");
                    let status = ["exploring", "active", "achieved"][seed as usize % 3];
                    self.run(
                        d,
                        &[
                            "aspiration",
                            "update",
                            &id,
                            "--status",
                            status,
                            "--note",
                            &note,
                        ],
                    );
                }
            }
            17 => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                let (ack, moment) = (self.text("k"), self.text("m"));
                let day = format!("2027-03-{:02}", 1 + seed % 28);
                self.run(d, &["ack", &name, &ack]);
                self.run(d, &["moment", "add", &name, &day, &moment]);
            }
            18 => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                let (feedback, meets, handed) = (self.text("fb"), self.text("mt"), self.text("dl"));
                self.run(
                    d,
                    &["feedback", "add", &name, &feedback, "--need", "competence"],
                );
                self.run(d, &["meets", &name, "belonging", &meets]);
                self.run(d, &["delegate", &name, &handed]);
            }
            19 => {
                let statement = self.text("dr");
                self.run(d, &["direction", "add", &statement]);
            }
            20 => {
                let Some((id, uuid)) = self.pick(d, "direction", "WHERE retired_on IS NULL", seed)
                else {
                    return;
                };
                let value = self.text("de");
                self.write(
                    d,
                    &["direction", "edit", &id, &value],
                    "direction",
                    &uuid,
                    "text",
                    &value,
                );
            }
            21 => self.settle(d, seed),
            22 => {
                // The same text edited on two devices before either syncs.
                let other = (d + 1) % self.devices.len();
                let Some((name, uuid)) = self.person(d, seed % 2) else {
                    return;
                };
                if self.value(other, "person", &uuid, "motivations").is_none() {
                    return;
                }
                for device in [d, other] {
                    let value = self.text("c");
                    self.write(
                        device,
                        &["person", "edit", &name, "--motivations", &value],
                        "person",
                        &uuid,
                        "motivations",
                        &value,
                    );
                }
            }
            _ => {
                let Some((name, _)) = self.person(d, seed) else {
                    return;
                };
                let summary = self.text("s");
                let tag = format!("tag{}", seed % 3);
                self.run(
                    d,
                    &[
                        "log",
                        &name,
                        "--summary",
                        &summary,
                        "--tag",
                        &tag,
                        "--need",
                        "fun",
                    ],
                );
            }
        }
    }
}

impl World {
    /// Settles one of the conflicts a device lists: takes the other version (a write of it,
    /// over the version the record held) or keeps this one (the other, dropped knowingly).
    fn settle(&mut self, device: usize, seed: u32) {
        let listed: serde_json::Value =
            serde_json::from_str(&self.devices[device].ok(&["sync", "conflicts", "--json"]))
                .expect("JSON");
        let Some(conflict) = listed
            .as_array()
            .filter(|list| !list.is_empty())
            .map(|list| list[seed as usize % list.len()].clone())
        else {
            return;
        };
        let text = |k: &str| conflict[k].as_str().unwrap_or_default().to_string();
        let Some(&(table, field)) = TEXTS
            .iter()
            .find(|(t, f)| *t == text("table") && *f == text("field"))
        else {
            return;
        };
        let uuid = text("record").replace('-', "").to_uppercase();
        let key = if table == "reflection" {
            self.devices[device]
                .rows(&format!(
                    "SELECT week FROM reflection WHERE hex(uuid) = '{uuid}'"
                ))
                .pop()
                .unwrap_or_default()
        } else {
            uuid
        };
        let other = text("other_version");
        let id = text("id");
        SETTLED.fetch_add(1, Ordering::Relaxed);
        if seed.is_multiple_of(2) {
            self.write(device, &["sync", "take", &id], table, &key, field, &other);
        } else if self.run(device, &["sync", "keep", &id]) {
            self.replaced.insert(Written {
                table,
                key,
                field,
                value: other,
            });
        }
    }
}

/// The texts the operations write, by table: the fields a conflict can name.
const TEXTS: [(&str, &str); 7] = [
    ("person", "would_change"),
    ("person", "motivations"),
    ("person", "role"),
    ("follow_up", "text"),
    ("idea", "answer"),
    ("reflection", "went_well"),
    ("direction", "text"),
];

/// The conflicts a device lists: (table, record in hex, field, the other version).
fn conflicts(journal: &Journal) -> BTreeSet<(String, String, String, String)> {
    let status: serde_json::Value =
        serde_json::from_str(&journal.ok(&["sync", "status", "--json"])).expect("JSON");
    status["conflicts"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (
                text("table"),
                text("record").replace('-', "").to_uppercase(),
                text("field"),
                text("other_version"),
            )
        })
        .collect()
}

fn converge_and_check(world: &mut World) -> Result<(), TestCaseError> {
    world.deliver();
    for _ in 0..3 {
        for device in 0..world.devices.len() {
            world.sync(device);
        }
    }
    let first = export(&world.devices[0]);
    let kept = conflicts(&world.devices[0]);
    for device in &world.devices {
        common::assert_need_standing_in_step(&device.path);
    }
    for device in &world.devices[1..] {
        prop_assert_eq!(&export(device), &first, "every journal ends the same");
        prop_assert_eq!(
            &conflicts(device),
            &kept,
            "every device lists the same conflicts"
        );
    }
    for write in &world.written {
        // A record deleted (or gone with the record it belonged to) takes its texts along.
        let Some(now) = world.value(0, write.table, &write.key, write.field) else {
            continue;
        };
        if now == write.value || world.replaced.contains(write) {
            continue;
        }
        let record = if write.table == "reflection" {
            world.devices[0]
                .rows(&format!(
                    "SELECT hex(uuid) FROM reflection WHERE week = '{}'",
                    write.key
                ))
                .pop()
                .unwrap_or_default()
        } else {
            write.key.clone()
        };
        prop_assert!(
            kept.contains(&(
                write.table.to_string(),
                record,
                write.field.to_string(),
                write.value.clone()
            )),
            "{write:?} was lost silently: the journal holds {now:?}, the conflicts are {kept:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if common::soak() { 48 } else { 4 },
        max_shrink_iters: 16,
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_work_on_two_or_three_devices_ends_the_same_and_loses_no_text_silently(
        devices in 2usize..=3,
        joins_with_records in any::<bool>(),
        operations in prop::collection::vec((0u32..KINDS, 0usize..3, any::<u32>()), 24..48),
    ) {
        let mut world = World::new(devices, joins_with_records);
        for (op, device, seed) in operations {
            world.operate(op, device, seed);
        }
        converge_and_check(&mut world)?;
        let cases = CASES.fetch_add(1, Ordering::Relaxed) + 1;
        eprintln!(
            "{cases} cases: {} operations acknowledged, {} syncs, {} folder mishaps, {} conflicts settled",
            OPERATIONS.load(Ordering::Relaxed),
            SYNCS.load(Ordering::Relaxed),
            MISHAPS.load(Ordering::Relaxed),
            SETTLED.load(Ordering::Relaxed)
        );
    }
}
