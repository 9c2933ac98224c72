//! Reading a fact back from what a surface shows: the one spelling of each phrase
//! (docs/insights.md, "Words"), parsed strictly. A phrase in any other spelling ("due -5d",
//! "0d ago", "due 09 Dec") does not parse, and reads as `unreadable: …`, which matches no
//! expected value.

use chrono::{Datelike, Duration, NaiveDate};

use super::truth::iso;

/// What a surface said that is not in the one spelling.
pub fn unreadable(text: &str) -> String {
    format!("unreadable: {:?}", text.trim())
}

fn days(token: &str) -> Option<i64> {
    let number = token.strip_suffix('d')?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| number.parse().ok())
        .flatten()
}

/// "today", "3d ago", "never" at the start of `text`: the day it names ("never" for none),
/// and the rest of the text.
pub fn ago(text: &str, today: NaiveDate) -> (String, String) {
    let text = text.trim_start();
    let words: Vec<&str> = text.split_whitespace().collect();
    let rest = |taken: usize| words[taken.min(words.len())..].join(" ");
    match words.as_slice() {
        ["today", ..] => (iso(today), rest(1)),
        ["never", ..] => ("never".into(), rest(1)),
        [n, "ago", ..] if days(n).is_some() => {
            (iso(today - Duration::days(days(n).unwrap_or(0))), rest(2))
        }
        _ => (unreadable(text), String::new()),
    }
}

/// A day of this year or a neighbouring one written without its year ("15 Dec"): the one
/// nearest to today.
fn nearest_day(day_month: &str, today: NaiveDate) -> Option<NaiveDate> {
    [today.year() - 1, today.year(), today.year() + 1]
        .into_iter()
        .filter_map(|year| {
            NaiveDate::parse_from_str(&format!("{day_month} {year}"), "%d %b %Y").ok()
        })
        .min_by_key(|day| (*day - today).num_days().abs())
}

/// When the next 1:1 is due, at the start of `text`: "overdue 46d", "due today", "in 3d",
/// "paused", "from 15 Dec". Gives "next DATE" or "paused", and the rest of the text.
pub fn next_due(text: &str, today: NaiveDate) -> (String, String) {
    let text = text.trim_start();
    let words: Vec<&str> = text.split_whitespace().collect();
    let rest = |taken: usize| words[taken.min(words.len())..].join(" ");
    let next = |day: NaiveDate| format!("next {}", iso(day));
    match words.as_slice() {
        ["overdue", n, ..] if days(n).is_some() => {
            (next(today - Duration::days(days(n).unwrap_or(0))), rest(2))
        }
        ["due", "today", ..] => (next(today), rest(2)),
        ["in", n, ..] if days(n).is_some() => {
            (next(today + Duration::days(days(n).unwrap_or(0))), rest(2))
        }
        ["paused", ..] => ("paused".into(), rest(1)),
        ["from", d, m, ..] => match nearest_day(&format!("{d} {m}"), today) {
            Some(day) => (next(day), rest(3)),
            None => (unreadable(text), String::new()),
        },
        _ => (unreadable(text), String::new()),
    }
}

/// A follow-up's state at the start of `text`: "overdue 5d", "due today", "in 2d", "done
/// 3d ago", "open". Gives "due DATE", "done DATE" or "open", and the rest.
pub fn follow_up_state(text: &str, today: NaiveDate) -> (String, String) {
    let text = text.trim_start();
    if let Some(after) = text.strip_prefix("done ") {
        let (day, rest) = ago(after, today);
        return (format!("done {day}"), rest);
    }
    if let Some(rest) = text.strip_prefix("open") {
        return ("open".into(), rest.trim_start().to_string());
    }
    let (next, rest) = next_due(text, today);
    match next.strip_prefix("next ") {
        Some(day) => (format!("due {day}"), rest),
        None if next == "paused" => ("paused".into(), rest),
        None => (next, rest),
    }
}

/// A follow-up's state at the end of `text` (Today's right-aligned column, People's "·
/// overdue 5d"): the last two words.
pub fn follow_up_state_at_end(text: &str, today: NaiveDate) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let tail = |n: usize| words[words.len().saturating_sub(n)..].join(" ");
    for n in [3, 2, 1] {
        let (state, rest) = follow_up_state(&tail(n), today);
        if !state.starts_with("unreadable") && rest.is_empty() {
            return state;
        }
    }
    unreadable(&tail(2))
}

/// The words after the first `marker` in `text`, if any.
pub fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    text.find(marker).map(|at| &text[at + marker.len()..])
}

/// "3 held", "met 2 of 5 due", "7 conversations" in a line of the week: the figures, each
/// `None` when the line does not say it in those words.
pub fn week_figures(text: &str) -> [Option<String>; 3] {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty();
    let mut held = None;
    let mut met = None;
    let mut conversations = None;
    for (i, word) in words.iter().enumerate() {
        if *word == "held" && i > 0 && number(words[i - 1]) {
            held = Some(words[i - 1].to_string());
        }
        if *word == "conversations" && i > 0 && number(words[i - 1]) {
            conversations = Some(words[i - 1].to_string());
        }
        if *word == "met"
            && let [m, "of", d, "due", ..] = words[i + 1..].iter().as_slice()
            && number(m)
            && number(d)
        {
            met = Some(format!("{m} of {d}"));
        }
    }
    [held, met, conversations]
}

/// A screen as rows of cells, as the terminal shows them.
pub struct Screen {
    rows: Vec<Vec<String>>,
}

impl Screen {
    pub fn of(buffer: &ratatui::buffer::Buffer) -> Screen {
        let area = buffer.area;
        let rows = (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        Screen { rows }
    }

    fn text(&self, row: usize, from: usize, to: usize) -> String {
        self.rows[row][from..to.min(self.rows[row].len())].concat()
    }

    pub fn lines(&self) -> Vec<String> {
        (0..self.rows.len())
            .map(|r| self.text(r, 0, self.rows[r].len()))
            .collect()
    }

    /// The inner rows of the bordered pane whose title begins with `title`, or `None` when
    /// no pane has it.
    pub fn pane(&self, title: &str) -> Option<Vec<String>> {
        let wanted: Vec<String> = format!("┌ {title}").chars().map(String::from).collect();
        for (y, row) in self.rows.iter().enumerate() {
            for x in 0..row.len() {
                if row[x..].starts_with(&wanted) {
                    let right = (x + 1..row.len()).find(|&c| row[c] == "┐")?;
                    let bottom = (y + 1..self.rows.len()).find(|&r| self.rows[r][x] == "└")?;
                    return Some(
                        (y + 1..bottom)
                            .map(|r| self.text(r, x + 1, right))
                            .collect(),
                    );
                }
            }
        }
        None
    }
}

/// The cell of `line` under a header column that starts at `from` and ends where the next
/// column starts (`to`), trimmed.
pub fn column(line: &str, from: usize, to: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    chars[from.min(chars.len())..to.min(chars.len())]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

/// Where `label` starts in a header line, in characters.
pub fn column_at(header: &str, label: &str) -> Option<usize> {
    header.find(label).map(|at| header[..at].chars().count())
}
