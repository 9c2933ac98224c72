//! `rapport raise` (talking points) and `rapport conversation show`, through the real
//! binary: output, JSON, prep, and every bad input refused with one sentence and nothing
//! changed.

use crate::common;

use common::{Journal, today};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn talking_points_are_raised_listed_in_prep_ticked_reopened_and_deleted() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    assert_eq!(
        journal.ok(&["raise", "priya", "on-call load in December"]),
        "Talking point #1 for your next 1:1 with Priya Raman (yours to bring up): \"on-call load in December\".\n"
    );
    let theirs = json(&journal.ok(&["raise", "priya", "the promotion case", "--theirs", "--json"]));
    assert_eq!(theirs["owner"], "them");
    assert_eq!(theirs["raised_on"], today().to_string());
    assert_eq!(theirs["ticked_on"], Value::Null);
    journal.ok(&["raise", "tom", "the offsite budget"]);

    let listed = journal.ok(&["raise", "list", "--person", "priya"]);
    assert_eq!(
        listed,
        "  #1     me    raised today       on-call load in December  (Priya Raman)\n  \
         #2     them  raised today       the promotion case  (Priya Raman)\n"
    );
    let prep = journal.ok(&["prep", "priya"]);
    assert!(
        prep.contains("To raise\n  #1    yours   on-call load in December  (raised today)\n  #2    theirs  the promotion case  (raised today)\n"),
        "{prep}"
    );
    let prep = json(&journal.ok(&["prep", "priya", "--json"]));
    assert_eq!(prep["talking_points"].as_array().unwrap().len(), 2);

    assert_eq!(
        journal.ok(&["raise", "tick", "#1"]),
        "Discussed: #1 on-call load in December (Priya Raman).\n"
    );
    let open = journal.ok(&["raise", "list"]);
    assert!(
        !open.contains("#1 ") && open.contains("#2") && open.contains("#3"),
        "{open}"
    );
    let all = journal.ok(&["raise", "list", "--all", "--json"]);
    let all = json(&all);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[2]["ticked_on"], today().to_string(), "ticked ones last");
    assert!(!journal.ok(&["prep", "priya"]).contains("on-call load"));

    assert_eq!(
        journal.ok(&["raise", "done", "1", "--undo"]),
        "Carried over again: #1 on-call load in December (Priya Raman).\n"
    );
    assert!(journal.ok(&["prep", "priya"]).contains("on-call load"));

    assert_eq!(
        journal.ok(&["raise", "delete", "3", "--yes"]),
        "Deleted Tom Baker's talking point #3 \"the offsite budget\".\n"
    );
    assert_eq!(journal.count("talking_point"), 2);
    assert_eq!(
        journal.ok(&["raise", "list", "--person", "tom"]),
        "No talking points to raise.\n"
    );
}

#[test]
fn bad_talking_points_are_one_sentence_and_change_nothing() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&["raise", "priya", "on-call load"]);
    let before = journal.dump();
    let cases: [(&[&str], i32, &str); 8] = [
        (
            &["raise", "priya", "  "],
            2,
            "the talking point cannot be empty",
        ),
        (&["raise", "priya", "two\nlines"], 2, "must be one line"),
        (&["raise", "nobody", "hello"], 1, "nobody"),
        (&["raise", "priya"], 2, "required"),
        (&["raise", "done", "9"], 1, "there is no talking point #9"),
        (
            &["raise", "done", "x"],
            2,
            "is not the number of a talking point",
        ),
        (&["raise", "delete", "1"], 2, "add --yes"),
        (&["raise", "list", "--person", "nobody"], 1, "nobody"),
    ];
    for (args, code, says) in cases {
        let said = journal.fails(args, code);
        assert!(said.contains(says), "{args:?}: {said}");
        assert_eq!(journal.dump(), before, "{args:?} changed nothing");
    }
}

#[test]
fn a_conversation_shows_with_everything_linked_to_it() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let logged = json(&journal.ok(&[
        "log",
        "priya",
        "--when",
        "today 10:00",
        "--summary",
        "Career chat",
        "--mood",
        "4",
        "--stance",
        "leading",
        "--need",
        "autonomy:picks the rollout plan",
        "--concern",
        "security:the bonus freeze",
        "--notes",
        "Feels ready.\nWorried about December.",
        "--tag",
        "growth",
        "--followup",
        "send the course link",
        "--ack",
        "the calm outage",
        "--idea",
        "rotate on-call in pairs",
        "--json",
    ]));
    let id = logged["id"].to_string();
    let shown = journal.ok(&["conversation", "show", &id]);
    assert_eq!(
        shown,
        format!(
            "#{id} · the one-on-one with Priya Raman on Mon 23 Nov 2026 10:00\n\
             mood 4 · leading · tags growth\n\
             Summary  Career chat\n\
             Needs    ✓ A Autonomy — \"picks the rollout plan\"\n         \
             ! S Security — \"the bonus freeze\"\n\
             \n\
             Notes\n  Feels ready.\n  Worried about December.\n\
             \n\
             Follow-ups made\n  #1    me    open         send the course link\n\
             \n\
             Acknowledged\n  \"the calm outage\"\n\
             \n\
             Ideas heard\n  #1    rotate on-call in pairs · heard\n"
        )
    );
    let as_json = json(&journal.ok(&["conversation", "show", &id, "--json"]));
    assert_eq!(as_json["summary"], "Career chat");
    assert_eq!(
        as_json["linked"]["follow_ups_made"][0]["text"],
        "send the course link"
    );
    assert_eq!(
        as_json["linked"]["ideas_heard"][0]["text"],
        "rotate on-call in pairs"
    );
    assert!(
        as_json["linked"]["talking_points_ticked"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let before = journal.dump();
    assert!(
        journal
            .fails(&["conversation", "show", "99"], 1)
            .contains("no conversation")
    );
    assert!(
        journal
            .fails(&["conversation", "show", "first"], 2)
            .contains("is not the number of a conversation")
    );
    assert_eq!(journal.dump(), before);
}
