//! Arriving from other tools, through the real binary: `rapport import --from jrnl` with a
//! journal exported by jrnl 4.6 (`jrnl --export json`; the fixture was written by jrnl
//! itself), and `rapport import --from markdown` with a folder of notes as Obsidian keeps
//! them.

use crate::common::{Journal, assert_one_line_failure};

const EXPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/suite/fixtures/jrnl-4.6-export.json"
);

fn conversations(journal: &Journal) -> Vec<String> {
    journal.rows(
        "SELECT c.happened_at || ' ' || p.name || ' ' || c.kind || ' [' || \
         COALESCE((SELECT group_concat(t.tag, ',') FROM \
           (SELECT tag FROM conversation_tag WHERE conversation_id = c.id ORDER BY tag) t), '') \
         || '] ' || replace(c.notes, char(10), ' / ') \
         FROM conversation c JOIN person p ON p.id = c.person_id ORDER BY c.happened_at",
    )
}

#[test]
fn entries_become_conversations_of_the_people_their_tags_name_once() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);

    let dry = journal.ok(&["import", "--from", "jrnl", EXPORT, "--dry-run"]);
    assert!(dry.contains("Read 7 jrnl entries"), "{dry}");
    assert!(
        dry.contains(
            "Skipped the entry of 2024-04-02 09:15: no tag names someone in the journal (@bilal)"
        ),
        "{dry}"
    );
    assert!(dry.contains("Nothing was changed"), "{dry}");
    assert_eq!(journal.count("conversation"), 0, "a dry run adds nothing");

    let added = journal.ok(&["import", "--from", "jrnl", EXPORT, "--add-people"]);
    assert!(
        added.contains("Adds the people they name: Bilal, Chen Wei."),
        "{added}"
    );
    assert!(
        added
            .contains("Skipped the entry of 2024-04-09 11:00: it names 2 people (Ana Lima, Bilal)"),
        "{added}"
    );
    assert!(
        added.contains("Skipped the entry of 2024-04-05 16:45: it has no tag"),
        "{added}"
    );
    assert_eq!(
        conversations(&journal),
        [
            "2024-03-04 10:30 Ana Lima one-on-one [] 1:1 with @ana about the migration. / She wants to lead the next design review",
            "2024-03-18 14:00 Ana Lima one-on-one [oncall] Ana: checked in on on-call. / @ana @oncall Much better after the rota change.",
            "2024-04-02 09:15 Bilal one-on-one [] @bilal first 1:1 since he joined. / Talked about how he likes feedback: in writing first.",
            "2024-05-01 09:00 Chen Wei one-on-one [] @chen_wei 1:1. Body line one. / Second paragraph with \"quotes\" and a tab\there.",
            "2024-05-20 08:30 Ana Lima one-on-one [starred] @Ana wants to own the Q3 roadmap draft.",
        ]
    );

    // Again, in either mode: every entry is found, nothing is added.
    let again = journal.ok(&["import", "--from", "jrnl", EXPORT, "--add-people"]);
    assert!(again.contains("Nothing to add"), "{again}");
    let by_word = journal.ok(&[
        "import",
        "--from",
        "jrnl",
        EXPORT,
        "--person-by",
        "first-word",
    ]);
    assert!(by_word.contains("Nothing to add"), "{by_word}");
    assert!(
        by_word
            .contains("Skipped the entry of 2024-03-04 10:30: its first word (1:1) names nobody"),
        "{by_word}"
    );
    assert_eq!(journal.count("conversation"), 5);
    assert_eq!(journal.count("person"), 3);

    // Round trip: a journal made from Rapport's export of this one takes nothing from the
    // jrnl export again (the rows keep their UUIDs through the export).
    let export = journal.dir().join("export.json");
    journal.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        &export.display().to_string(),
    ]);
    let copy = Journal::new();
    copy.ok(&["import", &export.display().to_string()]);
    let from_copy = copy.ok(&["import", "--from", "jrnl", EXPORT, "--add-people"]);
    assert!(from_copy.contains("Nothing to add"), "{from_copy}");
    assert_eq!(conversations(&copy), conversations(&journal));
}

#[test]
fn the_first_word_can_name_the_person_and_the_kind_is_chosen() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima", "Bilal Khan"]);
    let run = journal.ok(&[
        "import",
        "--from",
        "jrnl",
        EXPORT,
        "--person-by",
        "first-word",
        "--kind",
        "check-in",
    ]);
    assert!(run.contains("conversation"), "{run}");
    assert_eq!(
        conversations(&journal),
        [
            "2024-03-18 14:00 Ana Lima check-in [oncall] Ana: checked in on on-call. / @ana @oncall Much better after the rota change.",
            "2024-04-02 09:15 Bilal Khan check-in [] @bilal first 1:1 since he joined. / Talked about how he likes feedback: in writing first.",
            "2024-05-20 08:30 Ana Lima check-in [starred] @Ana wants to own the Q3 roadmap draft.",
        ]
    );
}

#[test]
fn a_file_that_is_not_a_jrnl_export_is_refused_without_quoting_it() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let file = journal.dir().join("notes.json");
    std::fs::write(&file, "{\"entries\": [{\"title\": \"zqxsecret\"}]}").unwrap();
    let run = journal.run(&["import", "--from", "jrnl", &file.display().to_string()]);
    assert_one_line_failure(&run, 1, &["import"]);
    assert!(
        run.stderr
            .contains("is not a jrnl export as `jrnl --export json` writes it"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("zqxsecret"), "{}", run.stderr);
    assert_eq!(journal.count("conversation"), 0);
}

/// A folder of notes: a person's folder, front matter of every sort, an Obsidian link, a
/// hidden settings folder, and the notes that cannot be taken.
fn notes_folder(journal: &Journal) -> std::path::PathBuf {
    let root = journal.dir().join("1-1 notes");
    let files: [(&str, &str); 8] = [
        (
            "Ana Lima/2024-03-04.md",
            "---\nkind: check-in\nmood: 4\ntags: [growth, \"#oncall\", ana]\n---\n# 1:1\nTalked about the design review.\n",
        ),
        (
            "Ana Lima/1-1 2024-03-18.md",
            "Plain note, the date in its name.\n",
        ),
        (
            "misc/chen.md",
            "---\ndate: 2024-04-02 15:30\nperson: \"[[Chen Wei]]\"\n---\nChen's notes.\n",
        ),
        ("Bilal/thoughts.md", "No date anywhere.\n"),
        ("Bilal/2024-04-10.md", "Bilal's first.\n"),
        (".obsidian/2024-01-01.md", "settings, not a note"),
        (
            "misc/both.md",
            "---\ndate: 2024-04-09\npeople: [Ana Lima, Bilal]\n---\nBoth.\n",
        ),
        (
            "misc/broken.md",
            "---\ndate: [zqxsecret\n---\nBroken front matter.\n",
        ),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

#[test]
fn a_folder_of_markdown_notes_becomes_conversations_once() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let folder = notes_folder(&journal);
    let folder = folder.display().to_string();

    let dry = journal.ok(&["import", "--from", "markdown", &folder, "--dry-run"]);
    assert!(
        dry.contains("Read 7 Markdown notes"),
        "hidden folders are left out: {dry}"
    );
    assert!(
        dry.contains("Skipped Bilal/2024-04-10.md: its folder (Bilal) names nobody in the journal"),
        "{dry}"
    );
    assert_eq!(journal.count("conversation"), 0);

    let added = journal.ok(&["import", "--from", "markdown", &folder, "--add-people"]);
    assert!(
        added.contains("Adds the people they name: Bilal, Chen Wei."),
        "{added}"
    );
    for skipped in [
        "Skipped Bilal/thoughts.md: it has no date",
        "Skipped misc/both.md: its front matter names more than one person",
        "Skipped misc/broken.md: its front matter is not YAML",
    ] {
        assert!(added.contains(skipped), "{skipped}: {added}");
    }
    assert!(
        !added.contains("zqxsecret"),
        "the parser's quote is left out"
    );
    assert_eq!(
        conversations(&journal),
        [
            "2024-03-04 09:00 Ana Lima check-in [growth,oncall] # 1:1 / Talked about the design review.",
            "2024-03-18 09:00 Ana Lima one-on-one [] Plain note, the date in its name.",
            "2024-04-02 15:30 Chen Wei one-on-one [] Chen's notes.",
            "2024-04-10 09:00 Bilal one-on-one [] Bilal's first.",
        ]
    );
    assert_eq!(
        journal.rows("SELECT mood FROM conversation WHERE kind = 'check-in'"),
        ["4"]
    );

    let again = journal.ok(&["import", "--from", "markdown", &folder, "--add-people"]);
    assert!(again.contains("Nothing to add"), "{again}");

    let export = journal.dir().join("export.json");
    journal.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        &export.display().to_string(),
    ]);
    let copy = Journal::new();
    copy.ok(&["import", &export.display().to_string()]);
    let from_copy = copy.ok(&["import", "--from", "markdown", &folder, "--add-people"]);
    assert!(from_copy.contains("Nothing to add"), "{from_copy}");
}

#[test]
fn markdown_reads_a_folder_and_says_so_of_a_file() {
    let journal = Journal::new();
    let file = journal.dir().join("one.md");
    std::fs::write(&file, "A note").unwrap();
    let run = journal.run(&["import", "--from", "markdown", &file.display().to_string()]);
    assert_one_line_failure(&run, 1, &["import"]);
    assert!(
        run.stderr
            .contains("it is not a folder (--from markdown reads a folder of notes)"),
        "{}",
        run.stderr
    );
}
