//! The leader's side (#31), the same figure on every surface: the week's feedback mirror
//! (what was said, the pairs seen differently, who placed the leader where), trust handed
//! over (the week's counts and the leader's share of open follow-ups, each person's over
//! the trend's months and in the review), each computed from the tables by the rules of
//! docs/insights.md ("Feedback to me", "Trust handed over", Week's "Delegated").

use chrono::Duration;

use super::read::unreadable;
use super::surfaces::person;
use super::truth::{
    DelegationTruth, FeedbackTruth, PAIRS, PersonTruth, add_months, first_of_month,
};
use super::{Fact, Of, World};

/// A pair's rating and where people placed the leader two steps or more apart: seen
/// differently (`DIFFERS_AT`).
const DIFFERS_AT: f64 = 2.0;

pub fn facts() -> Vec<Fact> {
    vec![
        Fact {
            name: "handed over this week",
            of: Of::Team,
            expected: |w, _| week_handover(w),
            surfaces: &[
                ("TUI Week", |w, _| {
                    labelled(&w.week_screen.lines(), "Delegated")
                }),
                ("week", |w, _| {
                    let text = w.cli(&["week"]);
                    Some(
                        text.lines()
                            .find_map(|l| l.strip_prefix("Delegated "))
                            .map_or(unreadable(&text), |rest| rest.trim().to_string()),
                    )
                }),
                ("week --json", |w, _| {
                    let h = &w.json(&["week", "--json"])["handover"];
                    let share = h["mine_percent"]
                        .as_u64()
                        .map_or(String::new(), |p| format!(" ({p}%)"));
                    let (mine, theirs) = (h["open_mine"].as_u64()?, h["open_theirs"].as_u64()?);
                    Some(format!(
                        "{} · stuck {} · back {} · mine {mine}/{} open{share}",
                        h["handed_over"],
                        h["stuck"],
                        h["came_back"],
                        mine + theirs
                    ))
                }),
            ],
        },
        Fact {
            name: "feedback said and pairs seen differently this week",
            of: Of::Team,
            expected: |w, _| {
                let (said, differing) = week_feedback(w);
                format!("{said} said, {differing} seen differently")
            },
            surfaces: &[
                ("TUI Week", |w, _| {
                    let headline = labelled(&w.week_screen.lines(), "Feedback")?;
                    Some(headline_counts(&headline))
                }),
                ("week", |w, _| {
                    let text = w.cli(&["week"]);
                    Some(
                        text.lines()
                            .find_map(|l| l.strip_prefix("Feedback "))
                            .map_or(unreadable(&text), |rest| headline_counts(rest.trim())),
                    )
                }),
                ("week --json", |w, _| {
                    let f = &w.json(&["week", "--json"])["feedback"];
                    Some(format!(
                        "{} said, {} seen differently",
                        f["quotes"].as_array()?.len(),
                        f["pairs_differing"]
                    ))
                }),
            ],
        },
        Fact {
            name: "where people placed the leader this week",
            of: Of::Team,
            expected: |w, _| {
                let monday = w.truth.monday;
                placed(
                    w.truth.feedback.iter().filter(|f| {
                        f.heard_on >= monday && f.heard_on < monday + Duration::days(7)
                    }),
                )
            },
            surfaces: &[
                ("week", |w, _| {
                    let text = w.cli(&["week"]);
                    // "  directing ↔ serving  you … · they … · directing 2 · serving 0 · both 0 · 2 said"
                    let rows: Vec<String> = text
                        .lines()
                        .filter(|l| l.starts_with("  ") && l.contains(" ↔ ") && l.contains(" said"))
                        .filter_map(|l| {
                            let (pair, _) = l.trim_start().split_once("  ")?;
                            let parts: Vec<&str> = l.split(" · ").collect();
                            Some(format!(
                                "{}: {}, {}, {}",
                                pair.trim(),
                                parts.get(2)?,
                                parts.get(3)?,
                                parts.get(4)?
                            ))
                        })
                        .collect();
                    Some(rows.join("; "))
                }),
                ("week --json", |w, _| {
                    let f = &w.json(&["week", "--json"])["feedback"];
                    let rows: Vec<String> = f["pairs"]
                        .as_array()?
                        .iter()
                        .filter(|p| {
                            [
                                "said_managing",
                                "said_leading",
                                "said_both",
                                "said_unplaced",
                            ]
                            .iter()
                            .any(|k| p[*k].as_u64().unwrap_or(0) > 0)
                        })
                        .map(|p| {
                            let (m, l) = (
                                p["managing"].as_str().unwrap_or("?"),
                                p["leading"].as_str().unwrap_or("?"),
                            );
                            format!(
                                "{m} ↔ {l}: {m} {}, {l} {}, both {}",
                                p["said_managing"], p["said_leading"], p["said_both"]
                            )
                        })
                        .collect();
                    Some(rows.join("; "))
                }),
            ],
        },
        Fact {
            name: "handed over in the trend's months",
            of: Of::EachPerson,
            expected: |w, s| {
                let p = person(s);
                let today = w.truth.today;
                let since = p
                    .there_from()
                    .max(add_months(first_of_month(today), -11))
                    .min(today);
                handed(
                    w.truth
                        .delegations
                        .iter()
                        .filter(|d| d.person == p.name && d.handed_on >= since),
                )
            },
            surfaces: &[
                ("trends", |w, s| {
                    let text = w.cli(&["trends", &person(s).name]);
                    Some(
                        text.lines()
                            .find_map(|l| l.strip_prefix("Delegated "))
                            .map_or(unreadable(&text), |rest| rest.trim().to_string()),
                    )
                }),
                ("trends --json", |w, s| {
                    let h = &w.json(&["trends", &person(s).name, "--json"])["handed"];
                    Some(format!(
                        "{} · stuck {} · back {} · not checked {}",
                        h["handed_over"], h["stuck"], h["came_back"], h["not_checked"]
                    ))
                }),
                ("TUI trends", |w, s| {
                    let screen = w.trends_screens.get(&person(s).name)?;
                    labelled(&screen.lines(), "Delegated")
                }),
            ],
        },
        Fact {
            name: "where they placed me in the review",
            of: Of::EachPerson,
            expected: |w, s| {
                let p = person(s);
                let since = review_since(w, p);
                placed(
                    w.truth
                        .feedback
                        .iter()
                        .filter(|f| f.person == p.name && f.heard_on >= since),
                )
            },
            surfaces: &[
                ("review (Markdown)", |w, s| {
                    let text = w.cli(&["review", &person(s).name]);
                    Some(after_placed(&text, "."))
                }),
                ("review (HTML)", |w, s| {
                    let text = w.cli(&["review", &person(s).name, "--format", "html"]);
                    Some(after_placed(&text, ".</p>"))
                }),
            ],
        },
        Fact {
            name: "trust handed over in the review",
            of: Of::EachPerson,
            expected: |w, s| {
                let p = person(s);
                let since = review_since(w, p);
                let items: Vec<String> = w
                    .truth
                    .delegations
                    .iter()
                    .filter(|d| d.person == p.name)
                    .filter(|d| d.handed_on >= since || d.checked_on.is_some_and(|on| on >= since))
                    .map(review_item)
                    .collect();
                items.join(", ")
            },
            surfaces: &[
                ("review (Markdown)", |w, s| {
                    let text = w.cli(&["review", &person(s).name]);
                    let items: Vec<String> = text
                        .lines()
                        .skip_while(|l| *l != "## Trust handed over")
                        .skip(1)
                        .take_while(|l| !l.starts_with("## "))
                        .filter_map(|l| day_and_state(l.strip_prefix("- ")?))
                        .collect();
                    Some(items.join(", "))
                }),
                ("review (HTML)", |w, s| {
                    let text = w.cli(&["review", &person(s).name, "--format", "html"]);
                    let section = text
                        .split("<section id=\"handed-over\">")
                        .nth(1)?
                        .split("</section>")
                        .next()?;
                    let items: Vec<String> = section
                        .split("<li>")
                        .skip(1)
                        .filter_map(|item| day_and_state(item.split("</li>").next()?))
                        .collect();
                    Some(items.join(", "))
                }),
            ],
        },
    ]
}

/// The text after `label` on the row of a screen that starts with it (inside a pane's
/// borders), trimmed; `None` when no row does.
fn labelled(lines: &[String], label: &str) -> Option<String> {
    lines.iter().find_map(|line| {
        line.split('│').find_map(|cell| {
            let rest = cell.trim_start().strip_prefix(label)?;
            rest.starts_with("  ").then(|| rest.trim().to_string())
        })
    })
}

/// The week's "Delegated" figure in the words of docs/insights.md: `2 · stuck 1 · back 1 ·
/// mine 3/4 open (75%)`, the share rounded half up, none when nothing is open.
fn week_handover(w: &World) -> String {
    let monday = w.truth.monday;
    let in_week = |day: chrono::NaiveDate| day >= monday && day < monday + Duration::days(7);
    let all = &w.truth.delegations;
    let handed = all.iter().filter(|d| in_week(d.handed_on)).count();
    let checked = |outcome: &str| {
        all.iter()
            .filter(|d| d.outcome.as_deref() == Some(outcome) && d.checked_on.is_some_and(in_week))
            .count()
    };
    let (mine, theirs) = w.truth.open_at_week_end;
    let open = mine + theirs;
    let share = if open == 0 {
        String::new()
    } else {
        format!(" ({}%)", (200 * mine + open) / (2 * open))
    };
    format!(
        "{handed} · stuck {} · back {} · mine {mine}/{open} open{share}",
        checked("stuck"),
        checked("came-back")
    )
}

/// The pole counts of a pair over some feedback: (managing, leading, both, said at all).
fn counts<'a>(feedback: impl Iterator<Item = &'a FeedbackTruth> + Clone, key: &str) -> [u32; 4] {
    let about = feedback.filter(|f| f.pair.as_deref() == Some(key));
    let lean = |word: &str| {
        about
            .clone()
            .filter(|f| f.lean.as_deref() == Some(word))
            .count() as u32
    };
    [
        lean("managing"),
        lean("leading"),
        lean("both"),
        about.clone().count() as u32,
    ]
}

/// This week's feedback: how much was said, and on how many pairs the leader's rating and
/// where people placed them (1 managing, 5 leading, 3 both, their mean to one decimal) are
/// two steps or more apart.
fn week_feedback(w: &World) -> (usize, usize) {
    let monday = w.truth.monday;
    let week = w
        .truth
        .feedback
        .iter()
        .filter(|f| f.heard_on >= monday && f.heard_on < monday + Duration::days(7));
    let round1 = |v: f64| (v * 10.0).round() / 10.0;
    let differing = PAIRS
        .iter()
        .filter(|(key, ..)| {
            let [managing, leading, both, _] = counts(week.clone(), key);
            let placed = managing + leading + both;
            let rating = w
                .truth
                .week_ratings
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, r)| f64::from(*r));
            match (rating, placed) {
                (Some(own), 1..) => {
                    let place = round1(
                        (f64::from(managing) + 5.0 * f64::from(leading) + 3.0 * f64::from(both))
                            / f64::from(placed),
                    );
                    round1(own - place).abs() >= DIFFERS_AT
                }
                _ => false,
            }
        })
        .count();
    (week.count(), differing)
}

/// "N said, K seen differently" from a feedback headline: "3 this week · 1 pair seen
/// differently", "2 this week", or the nudge when nothing was said.
fn headline_counts(headline: &str) -> String {
    if headline.starts_with("none this week") {
        return "0 said, 0 seen differently".into();
    }
    let said = headline.split(" this week").next().unwrap_or(headline);
    let differing = headline
        .split(" · ")
        .nth(1)
        .and_then(|part| part.split(' ').next())
        .unwrap_or("0");
    format!("{said} said, {differing} seen differently")
}

/// "directing ↔ serving: directing 2, serving 0, both 0; …" over the pairs spoken of, in
/// the self-check's order.
fn placed<'a>(feedback: impl Iterator<Item = &'a FeedbackTruth> + Clone) -> String {
    PAIRS
        .iter()
        .filter_map(|(key, managing, leading)| {
            let [m, l, b, said] = counts(feedback.clone(), key);
            (said > 0)
                .then(|| format!("{managing} ↔ {leading}: {managing} {m}, {leading} {l}, both {b}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the review's "Where they placed me:" sentence says, up to its `end`; empty when
/// the review has no such sentence.
fn after_placed(text: &str, end: &str) -> String {
    text.split("Where they placed me: ")
        .nth(1)
        .and_then(|rest| rest.split(&format!("{end}\n")).next())
        .unwrap_or_default()
        .to_string()
}

/// `3 · stuck 1 · back 1 · not checked 1`.
fn handed<'a>(delegations: impl Iterator<Item = &'a DelegationTruth>) -> String {
    let (mut all, mut stuck, mut back, mut open) = (0, 0, 0, 0);
    for d in delegations {
        all += 1;
        match d.outcome.as_deref() {
            Some("stuck") => stuck += 1,
            Some("came-back") => back += 1,
            _ => open += 1,
        }
    }
    format!("{all} · stuck {stuck} · back {back} · not checked {open}")
}

/// The review's first day: a year back, or the day they were first there when later.
fn review_since(w: &World, p: &PersonTruth) -> chrono::NaiveDate {
    let today = w.truth.today;
    (today - Duration::days(365)).max(p.there_from().min(today))
}

/// A delegation in the review, by its day and how it stands: "2026-11-02 stuck (checked
/// 2026-11-20)", "2026-11-10 not checked yet".
fn review_item(d: &DelegationTruth) -> String {
    let state = match (d.outcome.as_deref(), d.checked_on) {
        (Some("stuck"), Some(on)) => format!("stuck (checked {on})"),
        (Some(_), Some(on)) => format!("came back to me (checked {on})"),
        _ => "not checked yet".into(),
    };
    format!("{} {state}", d.handed_on)
}

/// "2026-11-02: the release notes — stuck (checked 2026-11-20)" → "2026-11-02 stuck
/// (checked 2026-11-20)".
fn day_and_state(item: &str) -> Option<String> {
    let (day, rest) = item.split_once(": ")?;
    let (_, state) = rest.rsplit_once(" — ")?;
    Some(format!("{day} {state}"))
}
