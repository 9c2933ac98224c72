//! The question bank as the leader's data: `rapport questions` with and without their own
//! questions.toml, a bad file named with its line, and questions remembered once asked so
//! prep offers the ones not asked yet.

use crate::common;

use std::path::PathBuf;

use serde_json::Value;

use common::Journal;

/// The leader's question file, where Rapport looks for it: beside the settings file in the
/// config folder the tests point XDG_CONFIG_HOME at.
fn question_file(journal: &Journal) -> PathBuf {
    let dir = journal.dir().join("config").join("rapport");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("questions.toml")
}

fn json(journal: &Journal, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&journal.ok(&args)).expect("valid JSON")
}

fn texts(topic: &Value) -> Vec<String> {
    topic["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_built_in_bank_lists_needs_and_guides_with_their_source() {
    let journal = Journal::new();
    let listing = json(&journal, &["questions"]);
    assert_eq!(listing["file"], Value::Null);
    let topics: Vec<&str> = listing["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["topic"].as_str().unwrap())
        .collect();
    assert_eq!(
        topics,
        [
            "competence",
            "belonging",
            "autonomy",
            "fun",
            "security",
            "getting-to-know",
            "support",
            "future",
            "neck-up",
            "roving-leaders"
        ]
    );
    let support = json(&journal, &["questions", "--guide", "support"]);
    assert_eq!(
        texts(&support["topics"][0]),
        [
            "Are you okay?",
            "How can I support you?",
            "What do you need from me?"
        ]
    );
    assert_eq!(
        support["topics"][0]["questions"][0]["origin"]["kind"],
        "built-in"
    );
    let text = journal.ok(&["questions", "--need", "A"]);
    assert!(text.contains("Autonomy and freedom"), "{text}");
    assert!(text.contains("autonomy:1 "), "{text}");
    // Listing the bank never needs (or creates) a journal.
    assert!(!journal.path.exists());
}

#[test]
fn the_leaders_file_adds_replaces_and_hides_per_need_and_guide() {
    let journal = Journal::new();
    let file = question_file(&journal);
    std::fs::write(
        &file,
        "# My own questions\n\
         [autonomy]\n\
         hide = [\"Where do I get in your way, even with good intentions?\"]\n\
         add = [\"What would you stop doing tomorrow if you could?\"]\n\
         \n\
         [neck-up]\n\
         replace = [\"How would you do it?\", \"What do you need to try it?\"]\n",
    )
    .unwrap();
    let listing = json(
        &journal,
        &["questions", "--need", "autonomy", "--guide", "neck-up"],
    );
    assert_eq!(listing["file"], file.display().to_string());
    let autonomy = &listing["topics"][0];
    let questions = texts(autonomy);
    assert_eq!(questions.len(), 4);
    assert!(!questions.iter().any(|q| q.contains("get in your way")));
    assert_eq!(
        questions[3],
        "What would you stop doing tomorrow if you could?"
    );
    assert_eq!(autonomy["questions"][3]["origin"]["kind"], "added");
    assert_eq!(autonomy["questions"][3]["origin"]["line"], 4);
    assert_eq!(autonomy["hidden"].as_array().unwrap().len(), 1);
    let neck_up = &listing["topics"][1];
    assert_eq!(
        texts(neck_up),
        ["How would you do it?", "What do you need to try it?"]
    );
    assert_eq!(neck_up["questions"][1]["origin"]["kind"], "replaced");
    assert_eq!(neck_up["questions"][1]["origin"]["line"], 7);

    // Prep offers the leader's questions: an added one shows once the others are asked.
    journal.add_people(&["Priya Raman"]);
    for n in 1..=3 {
        journal.ok(&[
            "log",
            "Priya",
            "--when",
            &format!("2026-11-{:02} 10:00", 2 + n),
            "--asked",
            &format!("autonomy:{n}"),
        ]);
    }
    let prep = json(&journal, &["prep", "Priya"]);
    let autonomy = &prep["needs"][2];
    assert_eq!(autonomy["need"], "autonomy");
    assert_eq!(
        autonomy["questions"][0]["text"],
        "What would you stop doing tomorrow if you could?"
    );
    assert_eq!(autonomy["questions"][0]["last_asked"], Value::Null);
}

#[test]
fn a_bad_question_file_is_one_sentence_naming_the_file_and_the_line() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let file = question_file(&journal);
    for (text, line, words) in [
        (
            "[fun]\n\nhide = [\"No such question?\"]\n",
            "line 3",
            "no built-in question",
        ),
        ("[chores]\nadd = [\"Why?\"]\n", "line 1", "neither a need"),
        ("[fun]\nadd = [\"unclosed]\n", "line 2", ""),
        ("[fun]\nremove = [\"x\"]\n", "line 2", "remove"),
    ] {
        std::fs::write(&file, text).unwrap();
        for args in [&["questions"][..], &["prep", "Priya"][..]] {
            let stderr = journal.fails(args, 1);
            assert!(
                stderr.contains(&file.display().to_string()) && stderr.contains(line),
                "{text:?} {args:?}: {stderr}"
            );
            assert!(stderr.contains(words), "{text:?}: {stderr}");
        }
    }
}

/// `count` questions of `chars` characters each, none repeated, in the `add` lists of the
/// five needs, one a line.
fn many_questions(count: usize, chars: usize) -> String {
    let needs = ["competence", "belonging", "autonomy", "fun", "security"];
    let per_need = count.div_ceil(needs.len());
    let mut file = String::new();
    for (k, need) in needs.iter().enumerate() {
        file.push_str(&format!("[{need}]\nadd = [\n"));
        for n in (k * per_need)..((k + 1) * per_need).min(count) {
            let number = format!(" {n}?");
            file.push_str(&format!(
                "  \"{}{number}\",\n",
                "w".repeat(chars - number.len())
            ));
        }
        file.push_str("]\n");
    }
    file
}

/// A thousand questions of 300 characters load, and every command offering questions uses
/// them; one question more, a file past 2 MiB, a question over 300 characters, one that
/// reorders text or shows as nothing: one sentence naming the file and the line, from
/// `questions`, `prep` and `today` alike.
#[test]
fn a_question_file_past_its_limits_is_refused_naming_the_file_and_the_line() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let file = question_file(&journal);

    let full = many_questions(1000, 300);
    std::fs::write(&file, &full).unwrap();
    let listing = json(&journal, &["questions"]);
    let added: usize = listing["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|topic| texts(topic).iter().filter(|t| t.len() == 300).count())
        .sum();
    assert_eq!(added, 1000, "every question of the file is in the bank");
    journal.ok(&["prep", "Priya"]);
    journal.ok(&["today"]);

    let over = many_questions(1001, 40);
    // Question 1,001 is the last of [security], just before its closing bracket.
    let last = over.lines().count() - 1;
    let mut oversized = "[fun]\nadd = [\"Why?\"]\n".to_string();
    while oversized.len() <= 2 * 1024 * 1024 {
        oversized.push_str(&format!("# {}\n", "x".repeat(1022)));
    }
    let past_limit = oversized[..2 * 1024 * 1024].matches('\n').count() + 1;
    let cases = [
        (
            over,
            format!("line {last}: a question file holds at most 1000 questions"),
        ),
        (
            oversized,
            format!("line {past_limit}: the file goes past 2 MiB"),
        ),
        (
            format!("[fun]\nadd = [\n  \"ok?\",\n  \"{}\",\n]\n", "w".repeat(301)),
            "line 4: the question can have at most 300 characters".to_string(),
        ),
        (
            "[support]\n\nadd = [\"Are you \u{202E}?yako\"]\n".to_string(),
            "line 3: the question cannot contain marks that change the direction of text (such as U+202E)".to_string(),
        ),
        (
            "[fun]\nadd = [\"\u{2067}How is it going?\u{2069}\"]\n".to_string(),
            "line 2: the question cannot contain marks that change the direction of text".to_string(),
        ),
        (
            "[future]\nreplace = [\"\u{200B}\u{2060}\u{FEFF}\"]\n".to_string(),
            "line 2: the question needs at least one visible character".to_string(),
        ),
    ];
    for (text, words) in cases {
        std::fs::write(&file, &text).unwrap();
        for args in [&["questions"][..], &["prep", "Priya"][..], &["today"][..]] {
            let stderr = journal.fails(args, 1);
            let head = format!("the question file {} is not valid: ", file.display());
            assert!(stderr.contains(&head), "{args:?}: {stderr}");
            assert!(stderr.contains(&words), "{words} ({args:?}): {stderr}");
        }
    }
}

#[test]
fn asked_questions_are_remembered_and_prep_prefers_the_ones_not_asked() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Becker"]);
    let first_two = |prep: &Value| -> Vec<String> {
        prep["needs"][2]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_string())
            .collect()
    };
    let before = json(&journal, &["prep", "Priya"]);
    let offered = first_two(&before);
    assert_eq!(offered.len(), 2);
    // Questions rotate per person: two people do not start on the same question.
    let tom = json(&journal, &["prep", "Tom"]);
    assert_ne!(first_two(&tom)[0], offered[0]);

    // Asked by its text in one conversation, by topic and number in the next.
    let out = journal.ok(&[
        "log",
        "Priya",
        "--when",
        "2026-11-10 10:00",
        "--asked",
        &offered[0],
        "--asked",
        "support:1",
    ]);
    assert!(out.contains("2 questions asked"), "{out}");
    let after = json(&journal, &["prep", "Priya"]);
    let now_offered = first_two(&after);
    assert_eq!(
        now_offered[0], offered[1],
        "the ones not asked yet come first"
    );
    assert!(!now_offered.contains(&offered[0]), "{now_offered:?}");
    assert_eq!(
        journal.rows(
            "SELECT topic || '|' || question || '|' || asked_at FROM question_asked ORDER BY topic"
        ),
        [
            format!("autonomy|{}|2026-11-10 10:00", offered[0]),
            "support|Are you okay?|2026-11-10 10:00".to_string()
        ]
    );
    // Once every question is asked, the one asked longest ago comes back first, and the
    // sheet says when it was asked.
    let asked_first = index_of(&journal, &offered[0]);
    let others: Vec<String> = (1..=4)
        .filter(|n| *n != asked_first)
        .map(|n| format!("autonomy:{n}"))
        .collect();
    let mut args = vec!["log", "Priya", "--when", "2026-11-20 10:00"];
    for reference in &others {
        args.extend(["--asked", reference.as_str()]);
    }
    journal.ok(&args);
    let last = json(&journal, &["prep", "Priya"]);
    assert_eq!(
        last["needs"][2]["questions"][0]["text"],
        offered[0].as_str()
    );
    assert_eq!(last["needs"][2]["questions"][0]["last_asked"], "2026-11-10");
    let sheet = journal.ok(&["prep", "Priya"]);
    assert!(
        sheet.contains(&format!("\"{}\" (asked 13d ago)", offered[0])),
        "{sheet}"
    );

    // A question not in the bank is refused, and nothing is logged.
    let before = journal.count("conversation");
    let stderr = journal.fails(
        &["log", "Priya", "--asked", "What is your favourite colour?"],
        2,
    );
    assert!(stderr.contains("not a question of your bank"), "{stderr}");
    assert_eq!(journal.count("conversation"), before);
    // Deleting the conversation forgets what was asked in it.
    journal.ok(&["conversation", "delete", "1", "--yes"]);
    assert_eq!(journal.count("question_asked"), 3);
}

/// The number `rapport questions` gives an autonomy question.
fn index_of(journal: &Journal, text: &str) -> usize {
    let listing = json(journal, &["questions", "--need", "autonomy"]);
    texts(&listing["topics"][0])
        .iter()
        .position(|q| q == text)
        .unwrap()
        + 1
}

#[test]
fn asked_questions_travel_through_export_and_import() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&[
        "log",
        "Priya",
        "--when",
        "2026-11-10 10:00",
        "--asked",
        "getting-to-know:2",
    ]);
    let file = journal.dir().join("out.json");
    journal.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let rows = exported["question_asked"]
        .as_array()
        .expect("the table is exported");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["topic"], "getting-to-know");
    assert_eq!(rows[0]["question"], "What is your career aspiration?");

    let other = Journal::new();
    other.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        other.rows("SELECT p.name || '|' || q.question || '|' || q.asked_at FROM question_asked q JOIN person p ON p.id = q.person_id"),
        ["Priya Raman|What is your career aspiration?|2026-11-10 10:00"]
    );
    let prep = json(&other, &["prep", "Priya"]);
    let know = prep["guides"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["guide"] == "getting-to-know");
    // Met once already, so getting to know is no longer brought by itself.
    assert!(know.is_none(), "{prep}");
}

#[test]
fn roving_leaders_are_listed_nudged_until_noticed_and_counted_in_the_week() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Becker"]);
    journal.ok(&["person", "edit", "Tom", "--roving-leader", "true"]);
    let list = journal.ok(&["person", "list", "--roving"]);
    assert!(
        list.contains("Tom Becker") && !list.contains("Priya"),
        "{list}"
    );

    // Nobody ever noticed Tom: Today nudges, in text and in JSON.
    let today = journal.ok(&["today"]);
    assert!(
        today.contains(
            "No roving leader acknowledged or asked for their view in 4 weeks: Tom Becker"
        ),
        "{today}"
    );
    let agenda = json(&journal, &["today"]);
    let leaders: Vec<&str> = agenda["roving_leaders"]["people"]
        .as_array()
        .expect("the roving leaders")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(leaders, ["Tom Becker"]);
    assert_eq!(agenda["roving_leaders"]["weeks"], 4);
    // The setting: 0 never nudges.
    let settings = journal
        .dir()
        .join("config")
        .join("rapport")
        .join("config.toml");
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    std::fs::write(&settings, "roving_leader_weeks = 0\n").unwrap();
    assert!(!journal.ok(&["today"]).contains("No roving leader"));
    std::fs::write(&settings, "roving_leader_weeks = 2\n").unwrap();
    assert!(journal.ok(&["today"]).contains("in 2 weeks: Tom Becker"));

    // Asking Priya for her view notices nobody who leads; asking Tom does.
    journal.ok(&[
        "log",
        "Priya",
        "--when",
        "today 09:00",
        "--asked",
        "neck-up:1",
    ]);
    assert!(journal.ok(&["today"]).contains("No roving leader"));
    journal.ok(&[
        "log",
        "Tom",
        "--when",
        "today 10:00",
        "--asked",
        "roving-leaders:1",
    ]);
    assert!(!journal.ok(&["today"]).contains("No roving leader"));
    assert_eq!(json(&journal, &["today"])["roving_leaders"], Value::Null);

    // The week counts the conversation with him.
    let week = json(&journal, &["week"]);
    assert_eq!(week["with_roving_leaders"]["this_week"], 1);
    assert_eq!(week["conversations"]["this_week"], 2);

    // A wrong value of the setting names the file and the line.
    std::fs::write(&settings, "\nroving_leader_weeks = 99\n").unwrap();
    let stderr = journal.fails(&["today"], 1);
    assert!(
        stderr.contains("line 2") && stderr.contains("roving_leader_weeks"),
        "{stderr}"
    );
}

#[test]
fn are_you_okay_asks_the_support_guide_as_the_leader_wrote_it() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    for day in ["2026-11-16 10:00", "2026-11-20 10:00"] {
        journal.ok(&["log", "Priya", "--when", day, "--mood", "2"]);
    }
    let today = journal.ok(&["today"]);
    assert!(
        today.contains("“Are you okay?” “How can I support you?”"),
        "{today}"
    );
    std::fs::write(
        question_file(&journal),
        "[support]\nreplace = [\"How are you, honestly?\"]\n",
    )
    .unwrap();
    let today = journal.ok(&["today"]);
    assert!(today.contains("Ask: “How are you, honestly?”"), "{today}");
    assert!(!today.contains("Are you okay?”"), "{today}");
}
