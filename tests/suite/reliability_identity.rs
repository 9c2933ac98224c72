//! Identity: a change reaches the record it was meant for or nothing. Ids are never given
//! twice, every change from a form checks the UUID of the record the form was opened on, and
//! an undone delete brings back the same record (same id, same UUID).
//!
//! The two-window tests drive the real binary in a pseudo-terminal beside the command line
//! (issue #32, item 1). `RAPPORT_SOAK=1` runs the property test longer (60 cases, not 6).

use crate::common;
use crate::pty;
use crate::tui;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Journal, soak};
use proptest::prelude::*;
use pty::Session;

/// The interface on `journal`, started the way the leader starts it.
fn interface(journal: &Journal) -> Session {
    let home = journal.dir().join("home");
    std::fs::create_dir_all(&home).expect("a home folder");
    Session::start(&journal.path, &home, &[])
}

/// Opens the conversation whose summary holds `word` (found with search) in the Log form.
fn edit_conversation_found_by(app: &mut Session, word: &str) {
    app.wait_for("Due for a 1:1");
    app.type_text("/");
    app.type_text(word);
    app.wait_for(" 1 found");
    app.open_search_result(" A conversation ");
    app.type_text("e");
    app.wait_for("Edit a conversation");
    app.wait_for(word);
}

/// Opens the first follow-up on Today in its edit form, checking it is `person`'s.
fn edit_first_follow_up(app: &mut Session, person: &str) {
    app.wait_for("Due for a 1:1");
    app.type_text("l");
    app.type_text("e");
    app.wait_for(&format!("Follow-up for {person}"));
}

/// Every person, conversation and follow-up, by table and UUID, with all its columns:
/// what a change may or may not have touched.
fn records(path: &Path) -> BTreeMap<String, String> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the journal opens");
    let mut found = BTreeMap::new();
    for table in ["person", "conversation", "follow_up"] {
        let mut stmt = conn
            .prepare(&format!("SELECT '{table} ' || hex(uuid), * FROM {table}"))
            .expect("prepare");
        let width = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let values: Vec<String> = (1..width)
                    .map(|at| {
                        row.get_ref(at).map(|value| match value {
                            rusqlite::types::ValueRef::Text(text) => {
                                String::from_utf8_lossy(text).into_owned()
                            }
                            other => format!("{other:?}"),
                        })
                    })
                    .collect::<Result<_, _>>()?;
                Ok((row.get::<_, String>(0)?, values.join(" | ")))
            })
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        found.extend(rows);
    }
    found
}

/// The UUID (as `records` keys it) of the row of `table` whose `column` is `value`.
fn key_of(path: &Path, table: &str, column: &str, value: &str) -> String {
    let found = common::rows(
        path,
        &format!("SELECT '{table} ' || hex(uuid) FROM {table} WHERE {column} = '{value}'"),
    );
    assert_eq!(
        found.len(),
        1,
        "one {table} with {column} {value}: {found:?}"
    );
    found[0].clone()
}

fn drafts(path: &Path) -> Vec<String> {
    common::rows(path, "SELECT body FROM draft")
}

/// Issue #32, item 1, as reported: the edit form of Priya's conversation #1 is open; the
/// command line deletes it and logs Tom's (which took number 1 before ids were kept from
/// reuse); Ctrl-S must refuse, keep what was typed (on screen and as a draft), and leave
/// Tom's conversation as the command line wrote it.
#[test]
fn a_stale_conversation_form_never_saves_over_the_conversation_that_took_its_place() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Becker"]);
    journal.ok(&[
        "log",
        "priya",
        "--summary",
        "PRIYA-OLD",
        "--notes",
        "priya notes",
    ]);
    let mut app = interface(&journal);
    edit_conversation_found_by(&mut app, "PRIYA");
    app.type_text(" PRIYA-EDIT");
    app.wait_for("PRIYA-EDIT");

    journal.ok(&["conversation", "delete", "1", "--yes"]);
    journal.ok(&[
        "log",
        "tom",
        "--summary",
        "TOM-NEW",
        "--ack",
        "the calm rollout",
    ]);
    let before_save = records(&journal.path);
    app.ctrl('s');
    app.wait_for("Not saved, your text is kept: conversation #1 was deleted elsewhere");
    let screen = app.screen();
    assert!(!screen.contains("Updated the conversation"), "{screen}");
    assert!(
        screen.contains("PRIYA-OLD PRIYA-EDIT"),
        "the form keeps the text: {screen}"
    );
    common::eventually("the typed text is kept as a draft", || {
        drafts(&journal.path)
            .iter()
            .any(|d| d.contains("PRIYA-EDIT"))
    });

    assert_eq!(records(&journal.path), before_save, "nothing changed");
    assert_eq!(
        journal.rows(
            "SELECT p.name || ': ' || c.summary || ' / ' || c.notes FROM conversation c
               JOIN person p ON p.id = c.person_id"
        ),
        ["Tom Becker: TOM-NEW / "]
    );
    assert_eq!(
        journal.rows("SELECT text FROM acknowledgement"),
        ["the calm rollout"]
    );
    app.ctrl('c');
    assert_eq!(app.wait_exit(), 0);
}

/// The same for the follow-up form: Priya's follow-up #1 is deleted and Tom's added while
/// its form is open; saving refuses and Tom's text stays his.
#[test]
fn a_stale_follow_up_form_never_saves_over_the_follow_up_that_took_its_place() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Becker"]);
    journal.ok(&["followup", "add", "priya", "PRIYA-FU", "--due", "today"]);
    let mut app = interface(&journal);
    edit_first_follow_up(&mut app, "Priya Raman");
    app.type_text(" EDITED");
    app.wait_for("PRIYA-FU EDITED");

    journal.ok(&["followup", "delete", "1", "--yes"]);
    journal.ok(&["followup", "add", "tom", "TOM-FU", "--due", "today"]);
    let before_save = records(&journal.path);
    app.ctrl('s');
    app.wait_for("follow-up #1 was deleted elsewhere in the meantime");
    let screen = app.screen();
    assert!(!screen.contains("Changed the follow-up"), "{screen}");
    assert!(
        screen.contains("PRIYA-FU EDITED"),
        "the form stays open with the text: {screen}"
    );
    assert_eq!(records(&journal.path), before_save, "nothing changed");
    assert_eq!(
        journal.rows(
            "SELECT p.name || ': ' || f.text FROM follow_up f JOIN person p ON p.id = f.person_id"
        ),
        ["Tom Becker: TOM-FU"]
    );
    app.ctrl('c');
    assert_eq!(app.wait_exit(), 0);
}

/// A deleted number is never given again (the newest of every kind the command line
/// addresses by number), and the command line says a deleted number's record is gone
/// rather than that it never was.
#[test]
fn a_deleted_number_is_never_given_again_and_the_command_line_says_it_is_gone() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Becker"]);
    journal.ok(&[
        "log",
        "priya",
        "--summary",
        "first",
        "--followup",
        "send notes",
        "--ack",
        "thanks",
        "--idea",
        "a rota",
    ]);
    journal.ok(&["aspiration", "add", "priya", "Lead the guild"]);
    journal.ok(&["aspiration", "update", "1", "--note", "first step"]);
    journal.ok(&["raise", "priya", "the offsite"]);
    let kinds: [(&[&str], &str, &str); 7] = [
        (&["conversation", "delete"], "conversation", "conversation"),
        (&["followup", "delete"], "follow_up", "follow-up"),
        (&["ack", "delete"], "acknowledgement", "acknowledgement"),
        (&["idea", "delete"], "idea", "idea"),
        (
            &["aspiration", "delete-update"],
            "aspiration_update",
            "progress note",
        ),
        (&["raise", "delete"], "talking_point", "talking point"),
        (&["aspiration", "delete"], "aspiration", "aspiration"),
    ];
    for (delete, table, what) in kinds {
        let newest = journal.rows(&format!("SELECT max(id) FROM {table}"))[0].clone();
        let mut args = delete.to_vec();
        args.extend([newest.as_str(), "--yes"]);
        journal.ok(&args);
        let said = journal.fails(&args, 1);
        assert!(
            said.contains(&format!(
                "there is no {what} #{newest} any more: it was deleted"
            )),
            "{said}"
        );
    }
    // Numbers never given are told apart.
    let said = journal.fails(&["followup", "done", "99"], 1);
    assert!(
        said.contains("there is no follow-up #99") && !said.contains("deleted"),
        "{said}"
    );
    let said = journal.fails(&["followup", "edit", "1", "--text", "again"], 1);
    assert!(
        said.contains("there is no follow-up #1 any more: it was deleted"),
        "{said}"
    );

    // Every kind made again: each takes a number above the deleted one.
    journal.ok(&[
        "log",
        "tom",
        "--summary",
        "second",
        "--followup",
        "book the room",
        "--ack",
        "well done",
        "--idea",
        "a wiki",
    ]);
    journal.ok(&["aspiration", "add", "tom", "Speak at the meetup"]);
    journal.ok(&["aspiration", "update", "2", "--note", "abstract sent"]);
    journal.ok(&["raise", "tom", "the budget"]);
    for table in [
        "conversation",
        "follow_up",
        "acknowledgement",
        "idea",
        "aspiration",
        "aspiration_update",
        "talking_point",
    ] {
        assert_eq!(
            journal.rows(&format!("SELECT id FROM {table}")),
            ["2"],
            "{table}"
        );
    }
}

/// `D` then `u` on a conversation and on an aspiration in People's detail: each comes back
/// with the id and UUID it had, and so do the rows that went with it (needs, tags,
/// progress notes); a form opened before the delete can save it again after the undo.
#[test]
fn undo_brings_back_the_same_record_under_its_own_number() {
    use rapport::tui::screens::people::DetailItem;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&[
        "log",
        "priya",
        "--summary",
        "older talk",
        "--when",
        "2026-11-20 10:00",
    ]);
    journal.ok(&[
        "log",
        "priya",
        "--summary",
        "the rollout",
        "--need",
        "fun",
        "--tag",
        "plans",
        "--when",
        "2026-11-21 10:00",
    ]);
    journal.ok(&["aspiration", "add", "priya", "Lead the guild"]);
    journal.ok(&["aspiration", "update", "1", "--note", "first step"]);
    journal.ok(&["aspiration", "update", "1", "--note", "second step"]);
    // Ids of every row a delete takes, by UUID.
    let ids = |table: &str| {
        journal.rows(&format!(
            "SELECT hex(uuid) || ' ' || id FROM {table} ORDER BY id"
        ))
    };
    let tables = [
        "conversation",
        "conversation_need",
        "conversation_tag",
        "aspiration",
        "aspiration_update",
    ];
    let before: Vec<Vec<String>> = tables.iter().map(|t| ids(t)).collect();
    let whole = records(&journal.path);

    let mut app = rapport::tui::app::App::new(
        common::fixed_store(&journal),
        rapport::tui::theme::Theme::new(true),
        "j".into(),
    )
    .expect("the app starts");
    // A form opened on the conversation before it is deleted holds its id and UUID.
    let conversation = app.store.conversation(2).expect("the rollout is #2");
    app.log = rapport::tui::screens::log_form::LogForm::for_conversation(&conversation);
    assert_eq!(
        app.log.editing,
        Some(rapport::store::Which::held(2, conversation.uuid))
    );

    tui::press(&mut app, KeyCode::Char('2'));
    tui::press(&mut app, KeyCode::Right);
    for item in [DetailItem::Conversation(0), DetailItem::Aspiration(0)] {
        let detail = app.people_screen.detail.as_ref().expect("Priya's detail");
        app.people_screen.detail_selected = detail
            .items()
            .iter()
            .position(|shown| *shown == item)
            .expect("the item is shown");
        tui::press(&mut app, KeyCode::Char('D'));
        tui::press(&mut app, KeyCode::Char('y'));
        assert!(
            tui::status(&app).contains("u brings it back"),
            "{}",
            tui::status(&app)
        );
        assert_ne!(tables.iter().map(|t| ids(t)).collect::<Vec<_>>(), before);
        tui::press(&mut app, KeyCode::Char('u'));
        assert!(
            tui::status(&app).starts_with("Brought back"),
            "{}",
            tui::status(&app)
        );
    }
    let after: Vec<Vec<String>> = tables.iter().map(|t| ids(t)).collect();
    assert_eq!(after, before, "every row back under its own id");
    assert_eq!(records(&journal.path), whole);

    // The form opened before the delete saves the very conversation after the undo.
    tui::press(&mut app, KeyCode::Char('3'));
    tui::type_text(&mut app, " again");
    tui::press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        tui::status(&app),
        "Updated the conversation with Priya Raman."
    );
    assert_eq!(
        journal.rows("SELECT id || ' ' || summary FROM conversation ORDER BY id"),
        ["1 older talk", "2 the rollout again"]
    );
}

/// What the command line does beside the open form, in a property test case.
#[derive(Debug, Clone)]
enum Beside {
    /// Deletes the record the form was opened on.
    DeleteHeld,
    /// Deletes another record of this kind (a follow-up when true), picked by position.
    DeleteOther { follow_up: bool, pick: usize },
    /// Logs a new conversation with a follow-up, for one of the three people.
    Log { person: usize },
    /// Adds a follow-up for one of the three people.
    AddFollowUp { person: usize },
    /// Rewrites the text of a follow-up other than the one held, picked by position.
    EditOther { pick: usize },
}

fn beside() -> impl Strategy<Value = Beside> {
    prop_oneof![
        Just(Beside::DeleteHeld),
        (any::<bool>(), 0..8usize)
            .prop_map(|(follow_up, pick)| Beside::DeleteOther { follow_up, pick }),
        (0..3usize).prop_map(|person| Beside::Log { person }),
        (0..3usize).prop_map(|person| Beside::AddFollowUp { person }),
        (0..8usize).prop_map(|pick| Beside::EditOther { pick }),
    ]
}

const PEOPLE: [&str; 3] = ["Priya Raman", "Tom Becker", "Ana Silva"];

/// One case: a form (the Log form on a conversation, or a follow-up's form) open in the
/// interface, `ops` run by the command line, then the form saved.
fn edit_beside_the_command_line(follow_up_form: bool, ops: &[Beside]) {
    let journal = Journal::new();
    journal.add_people(&PEOPLE);
    for (n, day) in [(0, 20), (1, 21), (2, 22)] {
        let first = PEOPLE[n].split(' ').next().unwrap_or_default();
        journal.ok(&[
            "log",
            first,
            "--summary",
            &format!("{} talk", ["alpha", "bravo", "charlie"][n]),
            "--when",
            &format!("2026-11-{day} 10:00"),
        ]);
        // Priya's is due first, so Today lists it first.
        let due = ["today", "+1", "+2"][n];
        journal.ok(&["followup", "add", first, &format!("fu-{n}"), "--due", due]);
    }
    let mut app = interface(&journal);
    let held = if follow_up_form {
        edit_first_follow_up(&mut app, "Priya Raman");
        key_of(&journal.path, "follow_up", "text", "fu-0")
    } else {
        // Ana's conversation.
        edit_conversation_found_by(&mut app, "charlie");
        key_of(&journal.path, "conversation", "summary", "charlie talk")
    };
    app.type_text(" ZQ-EDIT");
    app.wait_for("ZQ-EDIT");

    let held_table = if follow_up_form {
        "follow_up"
    } else {
        "conversation"
    };
    let held_id = |journal: &Journal| {
        journal
            .rows(&format!(
                "SELECT id FROM {held_table} WHERE '{held_table} ' || hex(uuid) = '{held}'"
            ))
            .pop()
    };
    let mut made = 0;
    for op in ops {
        made += 1;
        match op {
            Beside::DeleteHeld => {
                if let Some(id) = held_id(&journal) {
                    let kind = if follow_up_form {
                        "followup"
                    } else {
                        "conversation"
                    };
                    journal.ok(&[kind, "delete", &id, "--yes"]);
                }
            }
            Beside::DeleteOther { follow_up, pick } => {
                let table = if *follow_up {
                    "follow_up"
                } else {
                    "conversation"
                };
                let others = journal.rows(&format!(
                    "SELECT id FROM {table} WHERE '{table} ' || hex(uuid) <> '{held}' ORDER BY id"
                ));
                if !others.is_empty() {
                    let kind = if *follow_up {
                        "followup"
                    } else {
                        "conversation"
                    };
                    journal.ok(&[kind, "delete", &others[pick % others.len()], "--yes"]);
                }
            }
            Beside::Log { person } => {
                let first = PEOPLE[*person].split(' ').next().unwrap_or_default();
                journal.ok(&[
                    "log",
                    first,
                    "--summary",
                    &format!("cli-talk-{made}"),
                    "--followup",
                    &format!("cli-fu-{made}"),
                    "--when",
                    &format!("2026-11-23 {:02}:00", 8 + made),
                ]);
            }
            Beside::AddFollowUp { person } => {
                let first = PEOPLE[*person].split(' ').next().unwrap_or_default();
                journal.ok(&["followup", "add", first, &format!("cli-add-{made}")]);
            }
            Beside::EditOther { pick } => {
                let others = journal.rows(&format!(
                    "SELECT id FROM follow_up WHERE 'follow_up ' || hex(uuid) <> '{held}' ORDER BY id"
                ));
                if !others.is_empty() {
                    journal.ok(&[
                        "followup",
                        "edit",
                        &others[pick % others.len()],
                        "--text",
                        &format!("cli-edit-{made}"),
                    ]);
                }
            }
        }
    }
    let held_gone = held_id(&journal).is_none();
    let before_save = records(&journal.path);

    app.ctrl('s');
    if held_gone {
        app.wait_for("was deleted elsewhere in the meantime");
    } else if follow_up_form {
        app.wait_for("Changed the follow-up");
    } else {
        app.wait_for("Updated the conversation with Ana Silva");
    }
    let after_save = records(&journal.path);
    app.ctrl('c');
    assert_eq!(app.wait_exit(), 0);

    // Nothing but the held record changed, and it only when it was still there.
    let mut expected = before_save.clone();
    if let Some(row) = after_save.get(&held) {
        assert!(!held_gone, "the deleted record came back: {row}");
        assert!(row.contains("ZQ-EDIT"), "{row}");
        expected.insert(held.clone(), row.clone());
    }
    assert_eq!(after_save, expected, "only {held} may change");
    for (key, row) in &after_save {
        assert!(key == &held || !row.contains("ZQ-EDIT"), "{key}: {row}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if soak() { 60 } else { 6 },
        max_shrink_iters: 16,
        ..ProptestConfig::default()
    })]

    /// Random edits and deletes from two processes, a form open in the interface and the
    /// command line beside it: saving the form never changes a record other than the one
    /// it was opened on, and never brings back a deleted one.
    #[test]
    fn a_form_changes_only_the_record_it_was_opened_on(
        follow_up_form in any::<bool>(),
        ops in prop::collection::vec(beside(), 0..4),
    ) {
        edit_beside_the_command_line(follow_up_form, &ops);
    }
}
