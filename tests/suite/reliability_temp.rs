//! Temp files: created exclusively under random names (a name someone else made first in a
//! shared folder never receives the journal), removed when an export is interrupted, and
//! swept when a killed Rapport left them behind.

use crate::common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{Journal, execute};

const MARKER: &str = "zqxsecret";

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The id of a process that has ended.
fn ended_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("true runs");
    let pid = child.id();
    child.wait().expect("true ends");
    pid
}

/// Run as root: `nobody` exports its journal into a sticky shared folder where root made,
/// first, every name the old predictable scheme (`.out.json.<pid>.tmp`) could use next, each
/// writable by anyone. None of them receives a byte; the export lands whole and private.
#[test]
fn names_made_first_in_a_shared_folder_never_receive_the_export() {
    let Some(nobody) = common::Nobody::when_root() else {
        return;
    };
    let (uid, gid) = (nobody.uid, nobody.gid);
    let journal = Journal::new();
    fs::set_permissions(journal.dir(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let own = journal.dir().join("own");
    fs::create_dir(&own).expect("a folder");
    std::os::unix::fs::chown(&own, Some(uid), Some(gid)).expect("chown");
    let db = own.join("journal.db");
    let as_nobody = |args: &[&str]| {
        let run = execute(&mut nobody.command(&journal, &db, args), None);
        common::assert_ok(&run, args);
        run
    };
    as_nobody(&["person", "add", "Tom Baker"]);
    as_nobody(&["log", "tom", "--summary", "rota", "--notes", MARKER]);

    let shared = journal.dir().join("shared");
    fs::create_dir(&shared).expect("a folder");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).expect("sticky");
    let next = ended_pid();
    let decoys: Vec<_> = (next + 1..=next + 400)
        .map(|pid| shared.join(format!(".out.json.{pid}.tmp")))
        .collect();
    for decoy in &decoys {
        fs::write(decoy, b"").expect("a decoy");
        fs::set_permissions(decoy, fs::Permissions::from_mode(0o666)).expect("chmod");
    }

    let out = shared.join("out.json");
    as_nobody(&["export", "-o", out.to_str().expect("UTF-8")]);
    for decoy in &decoys {
        assert_eq!(
            fs::metadata(decoy).expect("still there").len(),
            0,
            "{} received the export",
            decoy.display()
        );
    }
    let meta = fs::metadata(&out).expect("the export");
    assert_eq!((meta.uid(), meta.mode() & 0o777), (uid, 0o600));
    assert!(fs::read_to_string(&out).expect("reads").contains(MARKER));
    assert_eq!(
        listing(&shared).len(),
        decoys.len() + 1,
        "no temp file is left"
    );
}

/// SIGINT (Ctrl-C) in the middle of an export to a file: the export stops with one
/// sentence, and neither the file nor its temp file is left.
#[test]
fn an_interrupted_export_leaves_no_temp_file() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    for i in 0..20 {
        journal.ok(&[
            "log",
            "tom",
            "--summary",
            &format!("talk {i}"),
            "--notes",
            MARKER,
        ]);
    }
    let folder = journal.dir().join("exports");
    let out = folder.join("keep.json");
    let mut command = journal.command(&["export", "-o", out.to_str().expect("UTF-8")]);
    command
        .env("RAPPORT_FAULT", "slow-export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().expect("the export starts");
    let started = Instant::now();
    while !listing(&folder)
        .iter()
        .any(|n| n.starts_with(".keep.json."))
    {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "a temp file appears"
        );
        thread::sleep(Duration::from_millis(5));
    }
    thread::sleep(Duration::from_millis(100));
    // SAFETY: a signal to our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let output = child.wait_with_output().expect("the export ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(listing(&folder).is_empty(), "left: {:?}", listing(&folder));
}

/// Temp files of Rapports that were killed (their process has ended) are swept from the
/// journal's folder, the backups folder and an export's folder by the next restore, backup
/// and export there; one whose process still runs is left alone.
#[test]
fn stale_temp_files_are_swept_wherever_rapport_writes() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    let b1 = journal.dir().join("b1.db");
    journal.ok(&["backup", b1.to_str().expect("UTF-8")]);
    let dead = ended_pid();
    let backups = journal.dir().join("backups");
    let exports = journal.dir().join("exports");
    fs::create_dir_all(&backups).expect("a folder");
    fs::create_dir_all(&exports).expect("a folder");
    let stale = [
        journal
            .dir()
            .join(format!(".journal.db.restore-{dead}-Ab12Cd.tmp")),
        journal
            .dir()
            .join(format!(".journal.db.restore-{dead}-Ab12Cd.tmp-journal")),
        backups.join(format!(".rapport-x.db.backup-{dead}-Zz9Yy8.tmp")),
        exports.join(format!(".keep.json.export-{dead}-Q1w2E3.tmp")),
    ];
    let alive = exports.join(format!(
        ".keep.json.export-{}-Live01.tmp",
        std::process::id()
    ));
    for file in stale.iter().chain([&alive]) {
        fs::write(file, MARKER).expect("a temp file");
    }
    journal.ok(&["backup"]);
    journal.ok(&[
        "export",
        "-o",
        exports.join("keep.json").to_str().expect("UTF-8"),
    ]);
    journal.ok(&["restore", b1.to_str().expect("UTF-8"), "--yes"]);
    for file in &stale {
        assert!(!file.exists(), "{} was swept", file.display());
    }
    assert!(alive.exists(), "a running Rapport's temp file stays");
}
