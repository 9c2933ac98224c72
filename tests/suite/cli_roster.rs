//! `rapport person import`: a team roster as spreadsheets save it, through the real binary.

use crate::common::{Journal, assert_one_line_failure};

/// Saved by a Windows spreadsheet: a byte-order mark, CR LF line ends, headers in its own
/// words, a column Rapport does not keep, an empty cell and a blank line.
const ROSTER: &[u8] =
    b"\xEF\xBB\xBFFull Name,Job Title,Department,Cadence (days),Start Date,Email\r\n\
Ana Lima,Backend engineer,Core,7,2024-03-01,ana@example.com\r\n\
Bilal Khan,Designer,,2 weeks,,bilal@example.com\r\n\
\r\n\
\"Chen, Wei\",Tester,Core,monthly,2025-01-10,\r\n";

fn roster(journal: &Journal, name: &str, bytes: &[u8]) -> String {
    let path = journal.dir().join(name);
    std::fs::write(&path, bytes).expect("the roster is written");
    path.display().to_string()
}

fn people(journal: &Journal) -> Vec<serde_json::Value> {
    let listed = journal.ok(&["person", "list", "--json"]);
    serde_json::from_str::<Vec<serde_json::Value>>(&listed).expect("person list --json parses")
}

#[test]
fn a_roster_with_its_own_headers_adds_each_person_once() {
    let journal = Journal::new();
    let file = roster(&journal, "team.csv", ROSTER);

    let dry = journal.ok(&["person", "import", &file, "--dry-run"]);
    assert!(
        dry.contains("Would add 3 people from") && dry.contains("Ana Lima, Bilal Khan, Chen, Wei"),
        "{dry}"
    );
    assert!(dry.contains("Nothing was changed"), "{dry}");
    assert!(dry.contains("Not read: the column Email"), "{dry}");
    assert_eq!(journal.count("person"), 0, "a dry run adds nobody");

    let added = journal.ok(&["person", "import", &file]);
    assert!(added.contains("Added 3 people"), "{added}");
    let listed = people(&journal);
    let ana = listed
        .iter()
        .find(|p| p["name"] == "Ana Lima")
        .expect("Ana is in the journal");
    assert_eq!(ana["role"], "Backend engineer");
    assert_eq!(ana["team"], "Core");
    assert_eq!(ana["cadence_days"], 7);
    assert_eq!(ana["started_on"], "2024-03-01");
    let bilal = listed.iter().find(|p| p["name"] == "Bilal Khan").unwrap();
    assert_eq!(bilal["cadence_days"], 14, "2 weeks");
    assert_eq!(bilal["team"], "");
    let chen = listed.iter().find(|p| p["name"] == "Chen, Wei").unwrap();
    assert_eq!(chen["cadence_days"], 30, "monthly");

    // Again: nobody new, each skipped person named by the line a spreadsheet shows.
    let again = journal.ok(&["person", "import", &file]);
    assert!(again.contains("Nobody new"), "{again}");
    for (line, name) in [(2, "Ana Lima"), (3, "Bilal Khan"), (5, "Chen, Wei")] {
        assert!(
            again.contains(&format!(
                "Skipped line {line}, {name}: already in the journal"
            )),
            "{again}"
        );
    }
    assert_eq!(journal.count("person"), 3);

    // Round trip: the export of the journal adds nothing back, and a journal made from that
    // export takes nobody from the roster again.
    let export = journal.dir().join("export.json");
    journal.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        &export.display().to_string(),
    ]);
    journal.ok(&["import", &export.display().to_string()]);
    assert_eq!(journal.count("person"), 3, "the export adds nobody back");
    let copy = Journal::new();
    copy.ok(&["import", &export.display().to_string()]);
    let from_copy = copy.ok(&["person", "import", &file]);
    assert!(from_copy.contains("Nobody new"), "{from_copy}");
    assert_eq!(copy.count("person"), 3);
}

#[test]
fn a_semicolon_roster_from_standard_input_reads_the_same_and_answers_in_json() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let run = journal.run_with_stdin(
        &["person", "import", "-", "--json"],
        b"NAME;Team;Started\nAna Lima;Core;\nDora Mills;Ops;2023-06-05\n",
    );
    assert_eq!(run.code, 0, "{run:#?}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["dry_run"], false);
    assert_eq!(report["added"][0]["name"], "Dora Mills");
    assert_eq!(report["added"][0]["team"], "Ops");
    assert!(
        report["added"][0]["id"].is_i64(),
        "every record carries its id"
    );
    assert!(report["added"][0]["uuid"].is_string());
    assert_eq!(report["skipped"][0]["line"], 2);
    assert_eq!(report["skipped"][0]["why"], "already in the journal");
}

#[test]
fn a_row_that_cannot_be_read_is_named_by_its_line_and_nobody_is_added() {
    let cases: [(&[u8], &str); 6] = [
        (
            b"Name,Team\r\nDora,Ops\r\nEve,Ops,extra\r\n",
            "line 3 has 3 fields where the header has 2",
        ),
        (
            b"Name,Start date\nDora,2024-01-02\nFay,31/12/2024\n",
            "line 3, start date: \"31/12/2024\" is not a date",
        ),
        (
            b"Name,Cadence\nDora,14\nGus,400\n",
            "line 3: cadence must be a whole number of days from 1 to 365, not 400",
        ),
        (
            b"Name,Cadence\nDora,soon\n",
            "line 2, cadence: \"soon\" is not a number of days",
        ),
        (
            b"Name\nHal\nhal\n",
            "line 3 names hal again (line 2 did first)",
        ),
        (
            b"Nom,Equipe\nIda,Ops\n",
            "line 1 has no column for the name (it has \"Nom\", \"Equipe\")",
        ),
    ];
    for (bytes, refusal) in cases {
        let journal = Journal::new();
        journal.add_people(&["Someone Else"]);
        let file = roster(&journal, "team.csv", bytes);
        let run = journal.run(&["person", "import", &file]);
        assert_one_line_failure(&run, 2, &["person", "import"]);
        assert!(
            run.stderr.contains(refusal) && run.stderr.contains("nobody was added"),
            "expected {refusal:?}, got {}",
            run.stderr
        );
        assert_eq!(journal.count("person"), 1, "nobody was added: {refusal}");
    }
}
