//! 1:1s held against expected: by month on the trends and in the review, and over the
//! timeline strips' twelve weeks, read from every surface that shows them.

use chrono::{Datelike, Duration, NaiveDate};

use super::read::unreadable;
use super::surfaces::{person, starts_with_name};
use super::truth::{PersonTruth, add_months, first_of_month};
use super::{Fact, Of, Reader};

/// How many weeks the timeline's strips span, this one included.
const STRIP_WEEKS: i64 = 12;

pub fn facts() -> Vec<Fact> {
    vec![
        Fact {
            name: "1:1s held/expected by month (trends)",
            of: Of::EachPerson,
            expected: |w, s| {
                let today = w.truth.today;
                months(person(s), add_months(first_of_month(today), -11), today)
            },
            surfaces: BY_MONTH_TRENDS,
        },
        Fact {
            name: "1:1s held/expected by month (review)",
            of: Of::EachPerson,
            expected: |w, s| {
                let today = w.truth.today;
                months(person(s), today - Duration::days(365), today)
            },
            surfaces: BY_MONTH_REVIEW,
        },
        Fact {
            name: "1:1s held/expected over the strips' weeks",
            of: Of::EachPerson,
            expected: |w, s| {
                let today = w.truth.today;
                let monday =
                    today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                let start = monday - Duration::weeks(STRIP_WEEKS - 1);
                let (held, expected) =
                    person(s).held_between(start, monday + Duration::weeks(1), today);
                wording(held, expected)
            },
            surfaces: &[("TUI Timeline strips", |w, s| {
                let pane = w.timeline_screen.pane("1:1s per week")?;
                let line = pane
                    .iter()
                    .find(|line| starts_with_name(line.trim_start(), &person(s).name))?;
                Some(
                    line.split_whitespace()
                        .last()
                        .unwrap_or_default()
                        .to_string(),
                )
            })],
        },
    ]
}

/// "2/3", or "–" when none was held and none expected (docs/insights.md).
fn wording(held: usize, expected: i64) -> String {
    if held == 0 && expected == 0 {
        "–".into()
    } else {
        format!("{held}/{expected}")
    }
}

/// "Dec 2025 1/1, Jan 2026 –, …".
fn months(p: &PersonTruth, since: NaiveDate, today: NaiveDate) -> String {
    p.held_of_expected(since, today)
        .into_iter()
        .map(|(month, held, expected)| {
            format!("{} {}", month.format("%b %Y"), wording(held, expected))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Dec 2025" at the start of a table row's text.
fn month_label(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().take(2).collect();
    let label = words.join(" ");
    NaiveDate::parse_from_str(&format!("1 {label}"), "%d %b %Y")
        .ok()
        .map(|_| label)
}

/// The month rows of a plain-text table whose month is its first cell and whose
/// held/expected cell starts under `column` of the header.
fn text_table(text: &str, header_starts: &str, column: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with(header_starts))?;
    let at = super::read::column_at(lines[header], column)?;
    let rows: Vec<String> = lines[header + 1..]
        .iter()
        .map_while(|line| {
            let month = month_label(line)?;
            let cell: String = line.chars().skip(at).collect();
            let cell = cell
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            Some(format!("{month} {cell}"))
        })
        .collect();
    Some(rows.join(", "))
}

const BY_MONTH_TRENDS: &[(&str, Reader)] = &[
    ("trends", |w, s| {
        let text = w.cli(&["trends", &person(s).name]);
        Some(text_table(&text, "Month", "1:1s held/expected").unwrap_or(unreadable(&text)))
    }),
    ("trends --json", |w, s| {
        let data = w.json(&["trends", &person(s).name, "--json"]);
        let rows: Vec<String> = data["months"]
            .as_array()?
            .iter()
            .map(|m| {
                let month = m["month"]
                    .as_str()
                    .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
                    .map_or("no month".into(), |d| d.format("%b %Y").to_string());
                let held = m["one_on_ones"].as_u64().unwrap_or(u64::MAX);
                let expected = m["expected"].as_i64().unwrap_or(-1);
                format!(
                    "{month} {}",
                    wording(usize::try_from(held).unwrap_or(usize::MAX), expected)
                )
            })
            .collect();
        Some(rows.join(", "))
    }),
    ("TUI trends", |w, s| {
        let screen = w.trends_screens.get(&person(s).name)?;
        let lines = screen.lines();
        // Months are columns, the last one today's: the "1:1s" row names them in order.
        let row = lines.iter().find_map(|line| {
            let inside = line.split('│').find(|cell| cell.starts_with("1:1s"))?;
            Some(
                inside["1:1s".len()..]
                    .split_whitespace()
                    .map(String::from)
                    .collect::<Vec<_>>(),
            )
        })?;
        let last = first_of_month(w.truth.today);
        let count = i32::try_from(row.len()).unwrap_or(0);
        let months: Vec<String> = row
            .iter()
            .zip(0..)
            .map(|(figure, i)| {
                let month = add_months(last, i - count + 1);
                format!("{} {figure}", month.format("%b %Y"))
            })
            .collect();
        Some(months.join(", "))
    }),
];

const BY_MONTH_REVIEW: &[(&str, Reader)] = &[
    ("review (Markdown)", |w, s| {
        let text = w.cli(&["review", &person(s).name]);
        let rows: Vec<String> = text
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect();
                let month = month_label(cells.first()?)?;
                Some(format!("{month} {}", cells.last()?))
            })
            .collect();
        Some(rows.join(", "))
    }),
    ("review (HTML)", |w, s| {
        let text = w.cli(&["review", &person(s).name, "--format", "html"]);
        let rows: Vec<String> = text
            .split("<tr>")
            .filter_map(|row| {
                let cells: Vec<&str> = row
                    .split("<td>")
                    .skip(1)
                    .filter_map(|c| c.split("</td>").next())
                    .collect();
                let month = month_label(cells.first()?)?;
                Some(format!("{month} {}", cells.last()?))
            })
            .collect();
        Some(rows.join(", "))
    }),
];
