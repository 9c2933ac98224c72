//! The table of facts and, for each, how every surface shows it.

use chrono::NaiveDate;
use serde_json::Value;

use super::read::{self, Screen, after, column, column_at, unreadable};
use super::truth::{self, FollowUpTruth, Next, PersonTruth, iso, json_day};
use super::{Fact, Of, Reader, Subject, World};

/// The facts #27 names, each with every surface that shows it.
pub fn facts() -> Vec<Fact> {
    vec![
        Fact {
            name: "1:1s held this week",
            of: Of::Team,
            expected: |w, _| w.truth.week_one_on_ones.to_string(),
            surfaces: &[
                ("TUI Today", |w, _| today_week_figure(w, 0)),
                ("TUI Week", |w, _| week_screen_figure(w, 0)),
                ("week", |w, _| cli_week_figure(w, 0)),
                ("week --json", |w, _| json_count(w, "one_on_ones")),
            ],
        },
        Fact {
            name: "people met of due this week",
            of: Of::Team,
            // Who was due comes from the rule asked of every day of the week; the JSON is the
            // reference the other surfaces must repeat.
            expected: |w, _| {
                let week = w.json(&["week", "--json"]);
                format!(
                    "{} of {}",
                    week["due_met"]["this_week"], week["due"]["this_week"]
                )
            },
            surfaces: &[
                ("TUI Today", |w, _| today_week_figure(w, 1)),
                ("TUI Week", |w, _| week_screen_figure(w, 1)),
                ("week", |w, _| cli_week_figure(w, 1)),
            ],
        },
        Fact {
            name: "conversations this week",
            of: Of::Team,
            expected: |w, _| w.truth.week_conversations.to_string(),
            surfaces: &[
                ("TUI Today", |w, _| today_week_figure(w, 2)),
                ("TUI Week", |w, _| week_screen_figure(w, 2)),
                ("week", |w, _| cli_week_figure(w, 2)),
                ("week --json", |w, _| json_count(w, "conversations")),
            ],
        },
        Fact {
            name: "last 1:1",
            of: Of::EachPerson,
            expected: |_, s| last(person(s).last_one_on_one),
            surfaces: LAST_ONE_ON_ONE,
        },
        Fact {
            name: "last talk",
            of: Of::EachPerson,
            expected: |_, s| last(person(s).last_talk),
            surfaces: LAST_TALK,
        },
        Fact {
            name: "next 1:1",
            of: Of::EachPerson,
            expected: |w, s| match person(s).next(w.truth.today) {
                Next::On(day) => format!("next {}", iso(day)),
                Next::Paused => "paused".into(),
            },
            surfaces: NEXT_ONE_ON_ONE,
        },
        Fact {
            name: "follow-up state",
            of: Of::EachFollowUp,
            expected: |w, s| follow_up(s).state(w.truth.today),
            surfaces: FOLLOW_UP_STATE,
        },
        Fact {
            name: "who is due on Today",
            of: Of::Team,
            expected: |w, _| names(w.truth.due_on_agenda().iter().map(|p| p.name.clone())),
            surfaces: &[
                ("TUI Today", |w, _| {
                    let pane = w.today_screen.pane("Due for a 1:1")?;
                    Some(names(
                        w.truth
                            .people
                            .iter()
                            .filter(|p| {
                                pane.iter()
                                    .any(|line| starts_with_name(line.trim_start(), &p.name))
                            })
                            .map(|p| p.name.clone()),
                    ))
                }),
                ("today", |w, _| {
                    let text = w.cli(&["today"]);
                    let section = section(&text, "Due for a 1:1");
                    Some(names(
                        w.truth
                            .people
                            .iter()
                            .filter(|p| {
                                section
                                    .iter()
                                    .any(|line| starts_with_name(line.trim_start(), &p.name))
                            })
                            .map(|p| p.name.clone()),
                    ))
                }),
                ("today --json", |w, _| {
                    let data = w.json(&["today", "--json"]);
                    Some(names(
                        data["due_for_one_on_one"]
                            .as_array()?
                            .iter()
                            .filter_map(|e| e["person"]["name"].as_str().map(String::from)),
                    ))
                }),
            ],
        },
        Fact {
            name: "follow-ups on Today",
            of: Of::Team,
            expected: |w, _| ids(w.truth.follow_ups_on_agenda().iter().map(|f| f.id)),
            surfaces: &[
                ("TUI Today", |w, _| {
                    let pane = w.today_screen.pane("Follow-ups")?;
                    Some(ids(w.truth.follow_ups.iter().filter_map(|f| {
                        (!tui_follow_up_lines(&pane, f).is_empty()).then_some(f.id)
                    })))
                }),
                ("today", |w, _| {
                    let text = w.cli(&["today"]);
                    let section = section(&text, "Follow-ups due");
                    Some(ids(section.iter().filter_map(|line| {
                        line.trim_start()
                            .strip_prefix('#')?
                            .split_whitespace()
                            .next()?
                            .parse()
                            .ok()
                    })))
                }),
                ("today --json", |w, _| {
                    let data = w.json(&["today", "--json"]);
                    Some(ids(data["follow_ups_due"]
                        .as_array()?
                        .iter()
                        .filter_map(|f| f["id"].as_i64())))
                }),
            ],
        },
    ]
}

const LAST_ONE_ON_ONE: &[(&str, Reader)] = &[
    ("TUI People", |w, s| {
        let (last, _) = people_list_cells(w, person(s))?;
        Some(read::ago(&last, w.truth.today).0)
    }),
    ("TUI People detail", |w, s| {
        Some(detail_last_met(w, person(s)).0)
    }),
    ("person list", |w, s| {
        let (last, _) = cli_person_list_cells(w, person(s))?;
        Some(read::ago(&last, w.truth.today).0)
    }),
    ("person list --json", |w, s| {
        json_person(w, person(s), "last_one_on_one")
    }),
    ("person show", |w, s| Some(person_show_last(w, person(s)).0)),
    ("person show --json", |w, s| {
        let data = w.json(&["person", "show", &person(s).name, "--json"]);
        Some(json_last(&data, "last_one_on_one"))
    }),
    ("gaps", |w, s| gaps_last(w, person(s))),
    ("gaps --json", |w, s| {
        let data = w.json(&["gaps", "--json"]);
        let row = data["rows"]
            .as_array()?
            .iter()
            .find(|r| r["person"]["name"] == person(s).name.as_str())?;
        Some(json_last(row, "last_one_on_one"))
    }),
    ("prep", |w, s| Some(prep_last_met(w, person(s)).0)),
    ("prep --json", |w, s| {
        let data = w.json(&["prep", &person(s).name, "--json"]);
        Some(json_last(&data, "last_one_on_one"))
    }),
    ("today", |w, s| Some(today_line(w, person(s))?.1)),
    ("today --json", |w, s| {
        Some(json_last(&today_entry(w, person(s))?, "last_one_on_one"))
    }),
    ("review (Markdown)", |w, s| {
        Some(review_last(w, person(s), true, ReviewFormat::Markdown))
    }),
    ("review (HTML)", |w, s| {
        Some(review_last(w, person(s), true, ReviewFormat::Html))
    }),
];

const LAST_TALK: &[(&str, Reader)] = &[
    ("TUI People detail", |w, s| {
        Some(detail_last_met(w, person(s)).1)
    }),
    ("person list --json", |w, s| {
        json_person(w, person(s), "last_talk")
    }),
    ("person show", |w, s| Some(person_show_last(w, person(s)).1)),
    ("person show --json", |w, s| {
        let data = w.json(&["person", "show", &person(s).name, "--json"]);
        Some(json_last(&data, "last_talk"))
    }),
    ("prep", |w, s| Some(prep_last_met(w, person(s)).1)),
    ("prep --json", |w, s| {
        let data = w.json(&["prep", &person(s).name, "--json"]);
        Some(json_last(&data, "last_talk"))
    }),
    ("today", |w, s| Some(today_line(w, person(s))?.2)),
    ("today --json", |w, s| {
        Some(json_last(&today_entry(w, person(s))?, "last_talk"))
    }),
    ("review (Markdown)", |w, s| {
        Some(review_last(w, person(s), false, ReviewFormat::Markdown))
    }),
    ("review (HTML)", |w, s| {
        Some(review_last(w, person(s), false, ReviewFormat::Html))
    }),
];

const NEXT_ONE_ON_ONE: &[(&str, Reader)] = &[
    ("TUI People", |w, s| {
        let (_, next) = people_list_cells(w, person(s))?;
        Some(read::next_due(&next, w.truth.today).0)
    }),
    ("TUI People detail", |w, s| {
        Some(sentence_next(&detail_head(w, person(s))?, w.truth.today))
    }),
    ("TUI Today", |w, s| {
        let pane = w.today_screen.pane("Due for a 1:1")?;
        let p = person(s);
        let line = pane
            .iter()
            .find(|line| starts_with_name(line.trim_start(), &p.name))?;
        let rest = &line.trim_start()[p.name.len()..];
        Some(read::next_due(rest, w.truth.today).0)
    }),
    ("person list", |w, s| {
        let (_, next) = cli_person_list_cells(w, person(s))?;
        Some(read::next_due(&next, w.truth.today).0)
    }),
    ("person list --json", |w, s| {
        let data = w.json(&["person", "list", "--json"]);
        let row = data
            .as_array()?
            .iter()
            .find(|r| r["name"] == person(s).name.as_str())?;
        Some(json_standing(&row["standing"]))
    }),
    ("person show", |w, s| {
        let text = w.cli(&["person", "show", &person(s).name]);
        let line = text.lines().nth(2).unwrap_or_default();
        Some(sentence_next(line, w.truth.today))
    }),
    ("person show --json", |w, s| {
        let data = w.json(&["person", "show", &person(s).name, "--json"]);
        Some(json_standing(&data["standing"]))
    }),
    ("prep", |w, s| {
        let text = w.cli(&["prep", &person(s).name]);
        let head = text.lines().next().unwrap_or_default();
        let next = head.rsplit(", ").next().unwrap_or_default();
        Some(match next.strip_prefix("next ") {
            Some(phrase) => read::next_due(phrase, w.truth.today).0,
            None if next.starts_with("paused until") => "paused".into(),
            None => match next.strip_prefix("starts ") {
                Some(day) => sentence_day(day, w.truth.today),
                None => unreadable(next),
            },
        })
    }),
    ("prep --json", |w, s| {
        let data = w.json(&["prep", &person(s).name, "--json"]);
        Some(json_standing(&data["standing"]))
    }),
    ("today", |w, s| Some(today_line(w, person(s))?.0)),
    ("today --json", |w, s| {
        Some(json_standing(&today_entry(w, person(s))?["standing"]))
    }),
    ("calendar (.ics)", |w, s| {
        let p = person(s);
        let event = calendar_events(w)
            .into_iter()
            .find(|e| e.uid == format!("one-on-one-{}@rapport", dashed(&p.uuid)))?;
        let since = after(&event.summary, "(due since ")
            .and_then(|rest| rest.get(..10))
            .map(String::from);
        // A calendar has no "paused": the first 1:1 back stands on the day they return.
        let today = w.truth.today;
        if let Some((from, until)) = p.pause
            && from <= today
            && today < until
            && event.start == iso(until)
        {
            return Some("paused".into());
        }
        Some(format!("next {}", since.unwrap_or(event.start)))
    }),
];

const FOLLOW_UP_STATE: &[(&str, Reader)] = &[
    ("followup list", |w, s| {
        let text = w.cli(&["followup", "list"]);
        Some(numbered_state(&text, follow_up(s).id, w.truth.today).unwrap_or("missing".into()))
    }),
    ("followup list --json", |w, s| {
        let data = w.json(&["followup", "list", "--json"]);
        let row = data
            .as_array()?
            .iter()
            .find(|r| r["id"] == follow_up(s).id)?;
        // The JSON holds the record as stored (its due day, not its state): the state is
        // read from it by the rule, the pause included.
        let stored = FollowUpTruth {
            due_on: json_day(&row["due_on"]),
            done_on: json_day(&row["done_on"]),
            ..follow_up(s).clone()
        };
        Some(stored.state(w.truth.today))
    }),
    ("today", |w, s| {
        let text = w.cli(&["today"]);
        numbered_state(
            &section(&text, "Follow-ups due").join("\n"),
            follow_up(s).id,
            w.truth.today,
        )
    }),
    ("TUI Today", |w, s| {
        let pane = w.today_screen.pane("Follow-ups")?;
        let lines = tui_follow_up_lines(&pane, follow_up(s));
        let [line] = lines.as_slice() else {
            return None;
        };
        Some(read::follow_up_state_at_end(line, w.truth.today))
    }),
    ("TUI People detail", |w, s| {
        let f = follow_up(s);
        if f.done_on.is_some() {
            return None;
        }
        let pane = w.details.get(&f.person)?;
        // "! me   Send the RFC · overdue 5d", "  them Pick a course".
        let states: Vec<String> = pane
            .iter()
            .filter_map(|line| {
                let shown = line.get(2..)?;
                let rest = shown
                    .strip_prefix("me   ")
                    .or_else(|| shown.strip_prefix("them "))?
                    .strip_prefix(&f.text)?;
                if rest.trim().is_empty() {
                    Some("open".to_string())
                } else {
                    let state = rest.strip_prefix(" · ")?;
                    Some(read::follow_up_state(state, w.truth.today).0)
                }
            })
            .collect();
        let [state] = states.as_slice() else {
            return None;
        };
        Some(state.clone())
    }),
    ("prep", |w, s| {
        let f = follow_up(s);
        if f.done_on.is_some() {
            return None;
        }
        let text = w.cli(&["prep", &f.person]);
        Some(numbered_state(&text, f.id, w.truth.today).unwrap_or("missing".into()))
    }),
    ("calendar (.ics)", |w, s| {
        let f = follow_up(s);
        let event = calendar_events(w).into_iter().find(|e| {
            e.uid.starts_with("follow-up-") && e.summary.ends_with(&format!("(#{})", f.id))
        })?;
        // A calendar has no "paused": the event stands on the day its person is back.
        if f.paused_on(w.truth.today) && f.pause.is_some_and(|(_, until)| event.start == iso(until))
        {
            return Some("paused".into());
        }
        Some(format!("due {}", event.start))
    }),
];

pub(super) fn person<'a>(subject: Subject<'a>) -> &'a PersonTruth {
    match subject {
        Subject::Person(p) => p,
        _ => panic!("a person's fact read for {}", subject.label()),
    }
}

fn follow_up<'a>(subject: Subject<'a>) -> &'a FollowUpTruth {
    match subject {
        Subject::FollowUp(f) => f,
        _ => panic!("a follow-up's fact read for {}", subject.label()),
    }
}

fn last(day: Option<NaiveDate>) -> String {
    day.map_or("never".into(), iso)
}

fn names(names: impl Iterator<Item = String>) -> String {
    let mut all: Vec<String> = names.collect();
    all.sort();
    all.join(", ")
}

fn ids(ids: impl Iterator<Item = i64>) -> String {
    let mut all: Vec<i64> = ids.collect();
    all.sort_unstable();
    all.dedup();
    all.iter()
        .map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` begins with `name` and then a space, a star or nothing.
pub(super) fn starts_with_name(text: &str, name: &str) -> bool {
    text.strip_prefix(name)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// The lines of a section of `rapport today`, up to the next blank line.
pub(super) fn section(text: &str, heading: &str) -> Vec<String> {
    text.lines()
        .skip_while(|line| *line != heading)
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(String::from)
        .collect()
}

/// The state of follow-up `#id` in lines such as `  #77    me    overdue 43d  Text`.
fn numbered_state(text: &str, id: i64, today: NaiveDate) -> Option<String> {
    let line = text.lines().find(|line| {
        line.trim_start()
            .strip_prefix(&format!("#{id}"))
            .is_some_and(|rest| rest.starts_with(' '))
    })?;
    let rest = after(line, &format!("#{id}"))?.trim_start();
    let rest = rest
        .strip_prefix("me ")
        .or_else(|| rest.strip_prefix("them "))
        .unwrap_or(rest);
    Some(read::follow_up_state(rest, today).0)
}

/// The lines of Today's follow-up pane that show `f`: "Priya: Send the RFC".
fn tui_follow_up_lines(pane: &[String], f: &FollowUpTruth) -> Vec<String> {
    if f.done_on.is_some() {
        return Vec::new();
    }
    let mine = format!("{}: {}", f.first_name(), f.text);
    let theirs = format!("{} (theirs): {}", f.first_name(), f.text);
    pane.iter()
        .filter(|line| {
            let shown = line.get(2..).unwrap_or_default();
            shown
                .strip_prefix(&mine)
                .or_else(|| shown.strip_prefix(&theirs))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .cloned()
        .collect()
}

/// The "1:1s held", "met of due" or "conversations" figure in Today's "This week" pane.
fn today_week_figure(w: &World, which: usize) -> Option<String> {
    let pane = w.today_screen.pane("This week")?;
    let [held, met, conversations] = read::week_figures(&pane.join(" "));
    Some(
        [held, met, conversations][which]
            .clone()
            .unwrap_or("missing".into()),
    )
}

fn week_screen_figure(w: &World, which: usize) -> Option<String> {
    let line = w
        .week_screen
        .lines()
        .into_iter()
        .find(|line| line.trim_start().starts_with("1:1s"))
        .unwrap_or_default();
    let figures = read::week_figures(&line);
    Some(figures[which].clone().unwrap_or("missing".into()))
}

fn cli_week_figure(w: &World, which: usize) -> Option<String> {
    let text = w.cli(&["week"]);
    let line = text
        .lines()
        .find(|line| line.starts_with("1:1s"))
        .unwrap_or_default();
    let figures = read::week_figures(line);
    Some(figures[which].clone().unwrap_or("missing".into()))
}

fn json_count(w: &World, field: &str) -> Option<String> {
    let week = w.json(&["week", "--json"]);
    Some(match week[field]["this_week"].as_u64() {
        Some(n) => n.to_string(),
        None => format!("missing field {field}"),
    })
}

/// A day or null in JSON as a last-met value; a missing field says so.
fn json_last(data: &Value, field: &str) -> String {
    match data.get(field) {
        None => format!("missing field {field}"),
        Some(Value::Null) => "never".into(),
        Some(value) => json_day(value).map_or(unreadable(&value.to_string()), iso),
    }
}

fn json_person(w: &World, p: &PersonTruth, field: &str) -> Option<String> {
    let data = w.json(&["person", "list", "--json"]);
    let row = data
        .as_array()?
        .iter()
        .find(|r| r["name"] == p.name.as_str())?;
    Some(json_last(row, field))
}

/// `{"state": "due", "on": …}` as a next-1:1 value.
fn json_standing(standing: &Value) -> String {
    match standing["state"].as_str() {
        Some("paused") => "paused".into(),
        Some("due" | "starting") => json_day(&standing["on"])
            .map_or(unreadable(&standing.to_string()), |on| {
                format!("next {}", iso(on))
            }),
        _ => unreadable(&standing.to_string()),
    }
}

fn today_entry(w: &World, p: &PersonTruth) -> Option<Value> {
    let data = w.json(&["today", "--json"]);
    data["due_for_one_on_one"]
        .as_array()?
        .iter()
        .find(|e| e["person"]["name"] == p.name.as_str())
        .cloned()
}

/// The next 1:1, last 1:1 and last talk in `rapport today`'s line for `p`.
fn today_line(w: &World, p: &PersonTruth) -> Option<(String, String, String)> {
    let text = w.cli(&["today"]);
    let line = section(&text, "Due for a 1:1")
        .into_iter()
        .find(|line| starts_with_name(line.trim_start(), &p.name))?;
    let rest = &line.trim_start()[p.name.len()..];
    let (next, rest) = read::next_due(rest, w.truth.today);
    let met = rest
        .split_once("d ")
        .filter(|(every, _)| every.starts_with("every"))
        .map_or(rest.as_str(), |(_, met)| met);
    let (one_on_one, talk) = last_met(met, w.truth.today);
    Some((next, one_on_one, talk))
}

/// "last 1:1 74d ago · last talk 46d ago", "last 1:1 today", "no 1:1 yet · last talk 3d
/// ago", "never met" at the start of `text`: the last 1:1 and the last talk.
fn last_met(text: &str, today: NaiveDate) -> (String, String) {
    let text = text.trim_start();
    if text.starts_with("never met") {
        return ("never".into(), "never".into());
    }
    let (one_on_one, rest) = if let Some(rest) = text.strip_prefix("no 1:1 yet") {
        ("never".to_string(), rest.to_string())
    } else if let Some(rest) = text.strip_prefix("last 1:1 ") {
        read::ago(rest, today)
    } else {
        return (unreadable(text), unreadable(text));
    };
    let talk = match after(&rest, "last talk ") {
        Some(talk) if rest.trim_start().starts_with("· last talk") => read::ago(talk, today).0,
        _ => one_on_one.clone(),
    };
    (one_on_one, talk)
}

/// The last 1:1 and last talk in the head line of someone's People detail.
fn detail_last_met(w: &World, p: &PersonTruth) -> (String, String) {
    let Some(head) = detail_head(w, p) else {
        return ("missing".into(), "missing".into());
    };
    let at = ["last 1:1 ", "no 1:1 yet", "never met"]
        .iter()
        .filter_map(|marker| head.find(marker))
        .min();
    match at {
        Some(at) => last_met(&head[at..], w.truth.today),
        None => (unreadable(&head), unreadable(&head)),
    }
}

/// The head of someone's People detail: the profile line, and the facts' own line when
/// they were given one for want of room.
fn detail_head(w: &World, p: &PersonTruth) -> Option<String> {
    let pane = w.details.get(&p.name)?;
    // The head's parts are packed into as many rows as they need; the labelled profile
    // texts ("Strengths: …") and the lists follow them.
    let head: Vec<&str> = pane
        .iter()
        .map(|line| line.trim())
        .take_while(|line| !line.is_empty() && !line.contains(": ") && !line.starts_with('★'))
        .collect();
    (!head.is_empty()).then(|| head.join(" · "))
}

/// The last 1:1 and last talk in prep's title line.
fn prep_last_met(w: &World, p: &PersonTruth) -> (String, String) {
    let text = w.cli(&["prep", &p.name]);
    let head = text.lines().next().unwrap_or_default();
    let at = ["last 1:1 ", "no 1:1 yet", "never met"]
        .iter()
        .filter_map(|marker| head.find(marker))
        .min();
    match at {
        Some(at) => {
            let phrase = head[at..].split(", ").next().unwrap_or_default();
            last_met(phrase, w.truth.today)
        }
        None => (unreadable(head), unreadable(head)),
    }
}

/// `person show`'s "last Thu 24 Sep 2026 (74d ago) · last talk Thu 22 Oct 2026 (46d ago)":
/// the day and its phrase must agree.
fn person_show_last(w: &World, p: &PersonTruth) -> (String, String) {
    let text = w.cli(&["person", "show", &p.name]);
    let line = text.lines().nth(1).unwrap_or_default();
    let today = w.truth.today;
    let read_day = |part: &str| -> String {
        let part = part.trim();
        if part.starts_with("never") {
            return "never".into();
        }
        let Some((date, phrase)) = part.split_once(" (") else {
            return unreadable(part);
        };
        let shown = NaiveDate::parse_from_str(date, "%a %d %b %Y").map(iso);
        let said = read::ago(phrase.trim_end_matches(')'), today).0;
        match shown {
            Ok(day) if day == said => day,
            _ => unreadable(part),
        }
    };
    let Some(rest) = after(line, "· last ") else {
        return (unreadable(line), unreadable(line));
    };
    match rest.split_once(" · last talk ") {
        Some((one_on_one, talk)) => (read_day(one_on_one), read_day(talk)),
        None => (read_day(rest), read_day(rest)),
    }
}

/// The next 1:1 in a sentence such as "due since Thu 22 Oct (overdue 46d)", "next due Fri 4
/// Dec (in 9d)", "due today", "paused until Mon 7 Dec (back in 12d)", "starts Tue 15 Dec
/// (in 20d)", at the end of `line`.
fn sentence_next(line: &str, today: NaiveDate) -> String {
    let sentence = line.rsplit(" · ").next().unwrap_or_default().trim();
    if sentence.starts_with("paused until") {
        return "paused".into();
    }
    if sentence == "due today" {
        return format!("next {}", iso(today));
    }
    match sentence.rsplit_once(" (") {
        Some((_, phrase)) => read::next_due(phrase.trim_end_matches(')'), today).0,
        None => unreadable(sentence),
    }
}

/// "Tue 15 Dec" (this year or the next) as a next-1:1 value.
fn sentence_day(text: &str, today: NaiveDate) -> String {
    let day_month: Vec<&str> = text.split_whitespace().skip(1).take(2).collect();
    read::next_due(&format!("from {}", day_month.join(" ")), today).0
}

/// The "last 1:1" and "next" cells of `p`'s row in People.
fn people_list_cells(w: &World, p: &PersonTruth) -> Option<(String, String)> {
    let pane = w.people_screen.pane("People (")?;
    let header = pane.iter().find(|line| line.contains("last 1:1"))?;
    let (at_last, at_next, at_open) = (
        column_at(header, "last 1:1")?,
        column_at(header, "next")?,
        column_at(header, "open")?,
    );
    let Some(line) = pane
        .iter()
        .find(|line| starts_with_name(line.trim_start(), &p.name))
    else {
        return Some(("missing".into(), "missing".into()));
    };
    Some((
        column(line, at_last, at_next),
        column(line, at_next, at_open),
    ))
}

fn cli_person_list_cells(w: &World, p: &PersonTruth) -> Option<(String, String)> {
    let text = w.cli(&["person", "list"]);
    let header = text.lines().next()?;
    let (at_last, at_next, at_open) = (
        column_at(header, "LAST 1:1")?,
        column_at(header, "NEXT")?,
        column_at(header, "OPEN")?,
    );
    let Some(line) = text.lines().find(|line| starts_with_name(line, &p.name)) else {
        return Some(("missing".into(), "missing".into()));
    };
    Some((
        column(line, at_last, at_next),
        column(line, at_next, at_open),
    ))
}

/// The last 1:1 cell of Gaps ("○ 74d (28)", "· never (14)"); `None` while paused, when
/// the cell says "paused" instead.
fn gaps_last(w: &World, p: &PersonTruth) -> Option<String> {
    let text = w.cli(&["gaps"]);
    let header = text.lines().find(|line| line.starts_with("person"))?;
    let at_last = column_at(header, "last 1:1")?;
    let at_c = at_last + column_at(&header[header.find("last 1:1")?..], " C ")? + 1;
    let line = text.lines().find(|line| starts_with_name(line, &p.name))?;
    let cell = column(line, at_last, at_c);
    let words: Vec<&str> = cell.split_whitespace().collect();
    match words.as_slice() {
        // Away or not started yet: the cell says where they stand, not their last 1:1.
        ["paused"] | ["from", ..] => None,
        [_, "never", ..] => Some("never".into()),
        [_, days, ..] => Some(read::ago(&format!("{days} ago"), w.truth.today).0),
        _ => Some(unreadable(&cell)),
    }
}

#[derive(Clone, Copy)]
enum ReviewFormat {
    Markdown,
    Html,
}

/// The newest conversation in someone's review (all of their history): of a cadence kind
/// for the last 1:1, of any kind for the last talk.
fn review_last(w: &World, p: &PersonTruth, one_on_one: bool, format: ReviewFormat) -> String {
    let args = match format {
        ReviewFormat::Markdown => vec!["review", p.name.as_str(), "--since", "2000-01-01"],
        ReviewFormat::Html => vec![
            "review",
            p.name.as_str(),
            "--since",
            "2000-01-01",
            "--format",
            "html",
        ],
    };
    let text = w.cli(&args);
    let headings = text.lines().filter_map(|line| match format {
        ReviewFormat::Markdown => line.strip_prefix("### "),
        ReviewFormat::Html => after(line, "<h3>").and_then(|rest| rest.split("</h3>").next()),
    });
    headings
        .filter_map(|heading| {
            let mut parts = heading.split(" · ");
            let day = NaiveDate::parse_from_str(parts.next()?.get(..10)?, "%Y-%m-%d").ok()?;
            let kind = parts.next()?;
            (!one_on_one || truth::CADENCE_KINDS.contains(&kind)).then_some(day)
        })
        .max()
        .map_or("never".into(), iso)
}

pub struct Event {
    pub uid: String,
    pub summary: String,
    /// DTSTART as 2026-11-23.
    pub start: String,
}

fn calendar_events(w: &World) -> Vec<Event> {
    calendar_events_of(w, &["calendar"])
}

/// The events of the calendar `args` print.
pub fn calendar_events_of(w: &World, args: &[&str]) -> Vec<Event> {
    let text = w.cli(args);
    // Lines folded at 75 octets continue with a space.
    let unfolded = text.replace("\r\n ", "").replace("\n ", "");
    unfolded
        .split("BEGIN:VEVENT")
        .skip(1)
        .map(|event| {
            let field = |name: &str| {
                event
                    .lines()
                    .find_map(|line| line.trim_end().strip_prefix(name))
                    .unwrap_or_default()
                    .to_string()
            };
            let start = field("DTSTART;VALUE=DATE:");
            Event {
                uid: field("UID:"),
                summary: field("SUMMARY:"),
                start: format!(
                    "{}-{}-{}",
                    start.get(..4).unwrap_or_default(),
                    start.get(4..6).unwrap_or_default(),
                    start.get(6..8).unwrap_or_default()
                ),
            }
        })
        .collect()
}

/// A uuid as 32 hex digits written with its dashes.
fn dashed(hex: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The People detail pane on `screen`: the selected person's name (its title) and rows.
pub fn detail_pane(screen: &Screen) -> Option<(String, Vec<String>)> {
    let lines = screen.lines();
    let title_row = lines.iter().find(|line| line.contains("┌ People ("))?;
    let rest = after(title_row, "┐┌ ")?;
    let name = rest.split(" ─").next()?.trim().to_string();
    let pane = screen.pane(&format!("{name} "))?;
    // Side by side, the profile (with the facts) has a box of its own below the list: it
    // heads the detail as it would in the pane.
    let mut lines = screen.pane("Profile ").unwrap_or_default();
    lines.extend(pane);
    Some((name, lines))
}
