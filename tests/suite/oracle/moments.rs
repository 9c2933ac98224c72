//! Moments to acknowledge: what each person has in the week ahead, and the one prep shows,
//! read from every surface that shows them.

use chrono::{Duration, NaiveDate};

use super::surfaces::{person, section, starts_with_name};
use super::truth::{MOMENT_DAYS, MomentTruth, PersonTruth, iso};
use super::{Fact, Of};

pub fn facts() -> Vec<Fact> {
    vec![
        Fact {
            name: "moments ahead",
            of: Of::EachPerson,
            expected: |w, s| listed(w.truth.moments_within(person(s), MOMENT_DAYS).into_iter()),
            surfaces: &[
                ("TUI Today", |w, s| {
                    let pane = w.today_screen.pane("To acknowledge").unwrap_or_default();
                    let lines: Vec<&str> = pane
                        .iter()
                        .filter_map(|line| line.trim().strip_prefix("★ "))
                        .collect();
                    Some(of_person(&lines, person(s), w.truth.today))
                }),
                ("today", |w, s| {
                    let text = w.cli(&["today"]);
                    let section = section(&text, "Moments to acknowledge");
                    let lines: Vec<&str> = section
                        .iter()
                        .filter_map(|line| line.strip_prefix("  ").filter(|l| !l.starts_with(' ')))
                        .collect();
                    Some(of_person(&lines, person(s), w.truth.today))
                }),
                ("today --json", |w, s| {
                    let data = w.json(&["today", "--json"]);
                    let shown: Vec<String> = data["moments"]
                        .as_array()?
                        .iter()
                        .filter(|m| m["person"]["name"] == person(s).name.as_str())
                        .map(json_moment)
                        .collect();
                    Some(joined(shown))
                }),
                ("moment list --days 7", |w, s| {
                    let text = w.cli(&["moment", "list", "--days", "7"]);
                    // "  Thu 26 Nov 2026  Ana Lima — 3 years here, in 3d  #4"
                    let lines: Vec<&str> = text
                        .lines()
                        .filter_map(|line| line.get(19..))
                        .filter(|line| line.contains(" — "))
                        .map(|line| line.split("  #").next().unwrap_or(line))
                        .collect();
                    Some(of_person(&lines, person(s), w.truth.today))
                }),
                ("calendar --with-notes (.ics)", |w, s| {
                    let p = person(s);
                    let until = iso(w.truth.today + Duration::days(MOMENT_DAYS));
                    let mut shown: Vec<(String, bool, String)> =
                        super::surfaces::calendar_events_of(w, &["calendar", "--with-notes"])
                            .into_iter()
                            .filter(|e| {
                                e.uid.starts_with("anniversary-") || e.uid.starts_with("moment-")
                            })
                            .filter(|e| e.start <= until)
                            .filter_map(|e| {
                                let what = e.summary.strip_prefix(&format!("{} — ", p.name))?;
                                Some((
                                    e.start.clone(),
                                    e.uid.starts_with("moment-"),
                                    what.to_string(),
                                ))
                            })
                            .collect();
                    // Events come in no order: the day, then an anniversary first.
                    shown.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
                    Some(joined(
                        shown
                            .into_iter()
                            .map(|(day, _, what)| format!("{day} {what}"))
                            .collect(),
                    ))
                }),
            ],
        },
        Fact {
            name: "moment in prep",
            of: Of::EachPerson,
            expected: |w, s| listed(w.truth.prep_moment(person(s)).into_iter()),
            surfaces: &[
                ("prep", |w, s| {
                    let text = w.cli(&["prep", &person(s).name]);
                    let lines: Vec<&str> = text
                        .lines()
                        .skip_while(|line| *line != "To acknowledge")
                        .skip(1)
                        .take(1)
                        .filter_map(|line| line.trim().strip_prefix("★ "))
                        .collect();
                    Some(of_person(&lines, person(s), w.truth.today))
                }),
                ("prep --json", |w, s| {
                    let data = w.json(&["prep", &person(s).name, "--json"]);
                    let moment = &data["next_moment"];
                    Some(if moment.is_null() {
                        "none".into()
                    } else {
                        json_moment(moment)
                    })
                }),
            ],
        },
    ]
}

/// The moments as the oracle compares them: "2026-11-26 3 years here; …", or "none".
fn listed<'a>(moments: impl Iterator<Item = &'a MomentTruth>) -> String {
    joined(moments.map(MomentTruth::shown).collect())
}

fn joined(shown: Vec<String>) -> String {
    if shown.is_empty() {
        "none".into()
    } else {
        shown.join("; ")
    }
}

/// A moment of the JSON: its day and what it is, in the oracle's words.
fn json_moment(m: &serde_json::Value) -> String {
    let what = match m["what"]["kind"].as_str() {
        Some("anniversary") => match m["what"]["years"].as_i64() {
            Some(1) => "1 year here".to_string(),
            Some(years) => format!("{years} years here"),
            None => "unreadable years".into(),
        },
        _ => m["what"]["label"]
            .as_str()
            .unwrap_or("no label")
            .to_string(),
    };
    format!("{} {what}", m["on"].as_str().unwrap_or("no day"))
}

/// The moments of `p` among lines worded "Ana Lima — 3 years here, in 3d (on leave)".
fn of_person(lines: &[&str], p: &PersonTruth, today: NaiveDate) -> String {
    let shown: Vec<String> = lines
        .iter()
        .filter(|line| starts_with_name(line, &p.name))
        .map(|line| {
            let rest = line
                .strip_prefix(&format!("{} — ", p.name))
                .unwrap_or("unreadable");
            let rest = rest.strip_suffix(" (on leave)").unwrap_or(rest);
            match rest.rsplit_once(", ") {
                Some((what, when)) => format!("{} {what}", day_of(when, today)),
                None => format!("unreadable {rest}"),
            }
        })
        .collect();
    joined(shown)
}

/// "today" or "in 3d" as a day.
fn day_of(when: &str, today: NaiveDate) -> String {
    let days = match when {
        "today" => Some(0),
        _ => when
            .strip_prefix("in ")
            .and_then(|d| d.strip_suffix('d'))
            .and_then(|d| d.parse::<i64>().ok()),
    };
    days.map_or(format!("unreadable {when}"), |d| {
        iso(today + Duration::days(d))
    })
}
