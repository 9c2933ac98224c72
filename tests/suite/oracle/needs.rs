//! The needs' facts of each person — each need's grade, its Gaps cell, the open concerns —
//! and the gap score with the reasons that make it, read from every surface that shows them.

use chrono::NaiveDate;
use serde_json::Value;

use super::read::{Screen, column, column_at, unreadable};
use super::surfaces::{person, starts_with_name};
use super::truth::{Grade, NEEDS, PersonTruth, Sign, iso};
use super::{Fact, Of, Reader, World};

/// The initials the strips head their columns with, in C B A F S order.
const INITIALS: [char; 5] = ['C', 'B', 'A', 'F', 'S'];

pub fn facts() -> Vec<Fact> {
    vec![
        Fact {
            name: "need grades",
            of: Of::EachPerson,
            expected: |w, s| strip(person(s).grades(w.truth.today).map(Grade::symbol)),
            surfaces: NEED_GRADES,
        },
        Fact {
            name: "need cells",
            of: Of::EachPerson,
            expected: |w, s| expected_cells(person(s), w.truth.today),
            surfaces: NEED_CELLS,
        },
        Fact {
            name: "open concerns",
            of: Of::EachPerson,
            expected: |_, s| {
                let p = person(s);
                concerns(p.needs.iter().enumerate().flat_map(|(i, need)| {
                    need.open_concerns
                        .iter()
                        .map(move |(day, what)| (i, *day, what.clone()))
                }))
            },
            surfaces: OPEN_CONCERNS,
        },
        Fact {
            name: "gap score",
            of: Of::EachPerson,
            expected: |w, s| score(&person(s).score_reasons(w.truth.today)),
            surfaces: GAP_SCORE,
        },
    ]
}

/// "C● B◐ A● F· S!": a grade per need.
fn strip(symbols: [char; 5]) -> String {
    INITIALS
        .iter()
        .zip(symbols)
        .map(|(initial, symbol)| format!("{initial}{symbol}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The five Gaps cells as docs/insights.md words them: the grade, then the days since the
/// need was met ("● 46d", "· never") or, while a concern is open, since the oldest open one
/// was raised ("! 4d"); zero days reads "today".
fn expected_cells(p: &PersonTruth, today: NaiveDate) -> String {
    let grades = p.grades(today);
    let cells = (0..5).map(|i| {
        let need = &p.needs[i];
        let since = need
            .open_concerns
            .first()
            .map(|(day, _)| *day)
            .or(need.last_met);
        cell(
            grades[i].symbol(),
            since.map(|day| (today - day).num_days()),
        )
    });
    cells.collect::<Vec<_>>().join(" | ")
}

fn cell(symbol: char, days: Option<i64>) -> String {
    match days {
        Some(0) => format!("{symbol} today"),
        Some(days) => format!("{symbol} {days}d"),
        None => format!("{symbol} never"),
    }
}

/// Open concerns in the oracle's words: "security 2026-11-19 worried about the reorg",
/// sorted.
fn concerns(all: impl Iterator<Item = (usize, NaiveDate, String)>) -> String {
    let mut all: Vec<String> = all
        .map(|(need, day, what)| format!("{} {} {what}", NEEDS[need], iso(day)))
        .collect();
    all.sort();
    if all.is_empty() {
        "none".into()
    } else {
        all.join("; ")
    }
}

/// "7 = 4 security + 2 fun + 1 acknowledgement": the score and its reasons in order.
fn score(reasons: &[(u32, Sign)]) -> String {
    let total: u32 = reasons.iter().map(|(points, _)| points).sum();
    let parts: Vec<String> = reasons
        .iter()
        .map(|(points, sign)| format!("{points} {}", sign.word()))
        .collect();
    if parts.is_empty() {
        format!("{total}")
    } else {
        format!("{total} = {}", parts.join(" + "))
    }
}

/// The row of `rapport gaps` for `p` and where its columns start.
fn gaps_row(text: &str, p: &PersonTruth) -> Option<(Vec<usize>, String)> {
    let header = text.lines().find(|line| line.starts_with("person"))?;
    gaps_columns(header, ["C", "B", "A", "F", "S"], text.lines(), p)
}

fn gaps_columns<'a>(
    header: &str,
    labels: [&str; 5],
    mut lines: impl Iterator<Item = &'a str>,
    p: &PersonTruth,
) -> Option<(Vec<usize>, String)> {
    let at_needs = column_at(header, "last 1:1")?;
    let mut at = Vec::new();
    let mut from = at_needs;
    for label in labels.into_iter().chain(["f-ups"]) {
        let rest: String = header.chars().skip(from).collect();
        let found = rest
            .find(&format!(" {label} "))
            .map(|i| i + 1)
            .or_else(|| {
                rest.find(&format!(" {label}"))
                    .map(|i| i + 1)
                    .filter(|_| label == "f-ups")
            })?;
        from += rest[..found].chars().count();
        at.push(from);
    }
    let line = lines.find(|line| starts_with_name(line.trim_start(), &p.name))?;
    Some((at, line.to_string()))
}

/// The five need cells of a Gaps row, given where the columns start.
fn need_cells(at: &[usize], line: &str) -> [String; 5] {
    std::array::from_fn(|i| column(line, at[i], at[i + 1]))
}

fn cells_text(cells: &[String; 5]) -> String {
    cells.join(" | ")
}

fn symbols_of(cells: &[String; 5]) -> String {
    let symbols = cells.clone().map(|c| c.chars().next().unwrap_or('?'));
    strip(symbols)
}

/// The TUI Gaps screen with `p`'s row selected.
fn gaps_screen<'a>(w: &'a World, p: &PersonTruth) -> Option<&'a Screen> {
    w.gaps_screens.get(&p.name)
}

fn tui_gaps_cells(w: &World, p: &PersonTruth) -> Option<[String; 5]> {
    let screen = gaps_screen(w, p)?;
    let lines = screen.lines();
    let header = lines
        .iter()
        .find(|line| line.trim_start().starts_with("person"))?;
    let (at, line) = gaps_columns(
        header,
        ["Competence", "Belonging", "Autonomy", "Fun", "Security"],
        lines.iter().map(String::as_str),
        p,
    )?;
    Some(need_cells(&at, &line))
}

fn json_row(w: &World, p: &PersonTruth) -> Option<Value> {
    let data = w.json(&["gaps", "--json"]);
    data["rows"]
        .as_array()?
        .iter()
        .find(|r| r["person"]["name"] == p.name.as_str())
        .cloned()
}

fn json_symbol(freshness: &Value) -> char {
    match freshness.as_str() {
        Some("fresh") => '●',
        Some("fading") => '◐',
        Some("missing") => '○',
        Some("never") => '·',
        Some("concern") => '!',
        _ => '?',
    }
}

/// One need of a person's needs: an object keyed by need (`gaps`), or a list of them each
/// with its `need` (`prep`).
fn json_need<'a>(needs: &'a Value, key: &str) -> Option<&'a Value> {
    match needs {
        Value::Object(map) => map.get(key),
        Value::Array(list) => list.iter().find(|n| n["need"] == key),
        _ => None,
    }
}

const NEED_GRADES: &[(&str, Reader)] = &[
    ("gaps", |w, s| {
        let (at, line) = gaps_row(&w.cli(&["gaps"]), person(s))?;
        Some(symbols_of(&need_cells(&at, &line)))
    }),
    ("gaps --json", |w, s| {
        let row = json_row(w, person(s))?;
        Some(strip(NEEDS.map(|key| {
            json_need(&row["needs"], key).map_or('?', |n| json_symbol(&n["freshness"]))
        })))
    }),
    ("TUI Gaps", |w, s| {
        Some(symbols_of(&tui_gaps_cells(w, person(s))?))
    }),
    ("TUI People", |w, s| {
        let pane = w.people_screen.pane("People (")?;
        let header = pane.iter().find(|line| line.contains("C B A F S"))?;
        let at = column_at(header, "C B A F S")?;
        let line = pane
            .iter()
            .find(|line| starts_with_name(line.trim_start(), &person(s).name))?;
        let chars: Vec<char> = line.chars().collect();
        Some(strip(std::array::from_fn(|i| {
            chars.get(at + 2 * i).copied().unwrap_or('?')
        })))
    }),
    ("prep", |w, s| {
        let text = w.cli(&["prep", &person(s).name]);
        let line = text.lines().find(|line| line.starts_with("Needs"))?;
        let words: Vec<&str> = line.split_whitespace().skip(1).collect();
        Some(words.join(" "))
    }),
    ("prep --json", |w, s| {
        let data = w.json(&["prep", &person(s).name, "--json"]);
        Some(strip(NEEDS.map(|key| {
            json_need(&data["needs"], key).map_or('?', |n| json_symbol(&n["freshness"]))
        })))
    }),
];

const NEED_CELLS: &[(&str, Reader)] = &[
    ("gaps", |w, s| {
        let (at, line) = gaps_row(&w.cli(&["gaps"]), person(s))?;
        Some(cells_text(&need_cells(&at, &line)))
    }),
    ("TUI Gaps", |w, s| {
        Some(cells_text(&tui_gaps_cells(w, person(s))?))
    }),
    ("gaps --json", |w, s| {
        let row = json_row(w, person(s))?;
        let cells = NEEDS.map(|key| {
            let Some(need) = json_need(&row["needs"], key) else {
                return format!("no {key}");
            };
            let days = need["concern_days"]
                .as_i64()
                .or_else(|| need["days"].as_i64());
            cell(json_symbol(&need["freshness"]), days)
        });
        Some(cells.join(" | "))
    }),
];

/// "! Security open 4d (19 Nov): worried about the reorg" lines of `rapport gaps`.
fn cli_concerns(w: &World, p: &PersonTruth) -> String {
    let text = w.cli(&["gaps"]);
    let mut lines = text.lines().skip_while(|line| line.trim() != "Why").skip(1);
    let mut found = Vec::new();
    let mut within = false;
    for line in lines.by_ref() {
        let trimmed = line.trim_start();
        if line.starts_with("  ") && !line.starts_with("    ") {
            within = starts_with_name(trimmed, &p.name);
            continue;
        }
        if !within {
            continue;
        }
        let Some(rest) = trimmed.strip_prefix("! ") else {
            continue;
        };
        found.push(concern_line(rest, w.truth.today));
    }
    concerns_text(found)
}

fn concerns_text(mut found: Vec<String>) -> String {
    found.sort();
    if found.is_empty() {
        "none".into()
    } else {
        found.join("; ")
    }
}

/// "Security open 4d (19 Nov): worried" as "security 2026-11-19 worried".
fn concern_line(rest: &str, today: NaiveDate) -> String {
    let mut words = rest.splitn(2, ' ');
    let need = words.next().unwrap_or_default().to_lowercase();
    let after = words.next().unwrap_or_default();
    let Some((_, dated)) = after.split_once('(') else {
        return unreadable(rest);
    };
    let Some((day, what)) = dated.split_once(')') else {
        return unreadable(rest);
    };
    let day = [
        today.format("%Y"),
        (today - chrono::Duration::days(365)).format("%Y"),
    ]
    .iter()
    .filter_map(|year| NaiveDate::parse_from_str(&format!("{day} {year}"), "%d %b %Y").ok())
    .find(|d| *d <= today);
    let what = what.strip_prefix(": ").unwrap_or(what);
    match day {
        Some(day) => format!("{need} {} {what}", iso(day)),
        None => unreadable(rest),
    }
}

const OPEN_CONCERNS: &[(&str, Reader)] = &[
    ("gaps", |w, s| Some(cli_concerns(w, person(s)))),
    ("gaps --json", |w, s| {
        let row = json_row(w, person(s))?;
        let mut found = Vec::new();
        for key in NEEDS {
            let need = json_need(&row["needs"], key)?;
            for concern in need["concerns"].as_array()? {
                let day = concern["raised"]
                    .as_str()
                    .map(|t| t.get(..10).unwrap_or(t).to_string())
                    .unwrap_or_else(|| format!("no day in {concern}"));
                let what = concern["text"].as_str().unwrap_or_default();
                found.push(format!("{key} {day} {what}"));
            }
        }
        Some(concerns_text(found))
    }),
];

/// "+3 1:1 overdue 46d" as (3, "1:1").
fn reason_of(text: &str) -> Option<(u32, String)> {
    let rest = text.trim().strip_prefix('+')?;
    let (points, what) = rest.split_once(' ')?;
    let points = points.parse().ok()?;
    let first = what.split_whitespace().next()?.to_lowercase();
    let sign = if NEEDS.contains(&first.as_str()) {
        first
    } else if first == "1:1" {
        "1:1".into()
    } else if what.contains("follow-up") {
        "follow-ups".into()
    } else if what.contains("aspiration") {
        "aspirations".into()
    } else if what.contains("acknowledged") {
        "acknowledgement".into()
    } else {
        return None;
    };
    Some((points, sign))
}

/// "10: +3 1:1 overdue 46d · +2 Fun never met" as the oracle's "10 = 3 1:1 + 2 fun".
fn score_line(line: &str) -> String {
    let Some((total, reasons)) = line.split_once(':') else {
        return unreadable(line);
    };
    let total = total.split_whitespace().last().unwrap_or_default();
    if total.parse::<u32>().is_err() {
        return unreadable(line);
    }
    // Someone unranked (away, not started) has a sentence saying so instead of reasons.
    if total == "0" && !reasons.contains('+') {
        return total.to_string();
    }
    let mut parts = Vec::new();
    for reason in reasons.split(" · ").filter(|r| !r.trim().is_empty()) {
        match reason_of(reason) {
            Some((points, sign)) => parts.push(format!("{points} {sign}")),
            None => return unreadable(reason),
        }
    }
    if parts.is_empty() {
        total.to_string()
    } else {
        format!("{total} = {}", parts.join(" + "))
    }
}

/// The score column of a Gaps row (the last cell) must agree with its reasons.
fn with_column(read: String, column_score: &str) -> String {
    let total = read.split(' ').next().unwrap_or_default();
    if total == column_score {
        read
    } else {
        format!("{read} (the score column says {column_score})")
    }
}

const GAP_SCORE: &[(&str, Reader)] = &[
    ("gaps", |w, s| {
        let p = person(s);
        let text = w.cli(&["gaps"]);
        let row = text
            .lines()
            .take_while(|line| line.trim() != "Why")
            .find(|line| starts_with_name(line, &p.name))?;
        let column_score = row.split_whitespace().last().unwrap_or_default();
        let why = text
            .lines()
            .skip_while(|line| line.trim() != "Why")
            .find(|line| starts_with_name(line.trim_start(), &p.name));
        let read = match why {
            Some(line) => score_line(&line.trim_start()[p.name.len()..]),
            // A score of 0 has no reasons to list.
            None => "0".into(),
        };
        Some(with_column(read, column_score))
    }),
    ("gaps --json", |w, s| {
        let row = json_row(w, person(s))?;
        let mut parts = Vec::new();
        for reason in row["reasons"].as_array()? {
            let points = reason["points"].as_u64().unwrap_or(0);
            let sign = match reason["sign"].as_str().unwrap_or_default() {
                "need" => reason["need"].as_str().unwrap_or("?").to_string(),
                "one_on_one" => "1:1".into(),
                "overdue_follow_ups" => "follow-ups".into(),
                "stalled_aspirations" => "aspirations".into(),
                "acknowledgement" => "acknowledgement".into(),
                other => format!("unknown sign {other}"),
            };
            parts.push(format!("{points} {sign}"));
        }
        let total = row["score"].as_u64().unwrap_or(u64::MAX);
        Some(if parts.is_empty() {
            total.to_string()
        } else {
            format!("{total} = {}", parts.join(" + "))
        })
    }),
    ("TUI Gaps", |w, s| {
        let p = person(s);
        let lines = gaps_screen(w, p)?.lines();
        let line = lines
            .iter()
            .find(|line| line.trim_start().starts_with("Score "))
            .map(|line| line.trim().to_string());
        Some(match line {
            Some(line) => score_line(&line),
            None => "no Score line".into(),
        })
    }),
];
