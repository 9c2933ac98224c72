//! The check every backup copy passes before it counts, through the binary: a copy that
//! fails it never replaces a good backup, under the automatic name or a name given, and the
//! command says why in one sentence. (The unit test beside `backup::verify` checks the same
//! rule on the store alone.)

use crate::common;

use std::fs;
use std::io::{Seek, SeekFrom, Write};

use common::Journal;

/// The names in the backups folder.
fn backups(journal: &Journal) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(journal.dir().join("backups"))
        .expect("the backups folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

#[test]
fn a_copy_that_fails_its_check_never_replaces_a_good_backup() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker", "Yan Li"]);
    journal.ok(&[
        "followup",
        "add",
        "tom",
        "send the rota",
        "--due",
        "2026-11-30",
    ]);
    journal.ok(&["backup"]);
    let given = journal.dir().join("given.db");
    journal.ok(&["backup", given.to_str().expect("UTF-8")]);
    let automatic = backups(&journal);
    assert_eq!(automatic.len(), 1, "{automatic:?}");
    let good = fs::read(journal.dir().join("backups").join(&automatic[0])).expect("reads");
    let given_good = fs::read(&given).expect("reads");

    // An index's first page made unreadable: the journal still opens (its first page is
    // whole), and the page goes into the copy as it is.
    let (root, page_size): (i64, i64) = common::connect(&journal.path)
        .query_row(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size)
               FROM sqlite_master WHERE name = 'follow_up_by_due'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the index");
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(&journal.path)
        .expect("opens");
    file.seek(SeekFrom::Start(
        u64::try_from((root - 1) * page_size).expect("an offset"),
    ))
    .expect("seeks");
    file.write_all(&[0xff; 16]).expect("damaged");
    drop(file);

    for args in [
        vec!["backup"],
        vec!["backup", given.to_str().expect("UTF-8")],
    ] {
        let stderr = journal.fails(&args, 1);
        assert!(
            stderr.contains("was not made: the copy failed its integrity check")
                && stderr.contains("any earlier backup was kept"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(backups(&journal), automatic, "no new backup, no temp file");
    assert_eq!(
        fs::read(journal.dir().join("backups").join(&automatic[0])).expect("reads"),
        good,
        "the automatic backup is untouched"
    );
    assert_eq!(
        fs::read(&given).expect("reads"),
        given_good,
        "the given one too"
    );
    let listed = journal.ok(&["backup", "--list"]);
    assert!(listed.contains(&automatic[0]), "{listed}");
}
