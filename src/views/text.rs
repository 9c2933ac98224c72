//! The wording and fitting every front end shares: how a day reads relative to today, how
//! journal text is made safe for a terminal, how text is fitted to display columns.

use chrono::{Datelike, NaiveDate};

use crate::domain::{FollowUp, Standing};
use crate::store::PersonSummary;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text from the journal made safe for a terminal: control characters shown as `�`, line
/// breaks as spaces.
pub(crate) use crate::domain::{first_name, printable};

/// Like [`printable`] but keeps line breaks, indenting continuation lines.
pub(crate) fn block(text: &str, indent: &str) -> String {
    text.lines()
        .map(printable)
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

// Every relative day on every surface is worded by the functions below, so that a day reads
// the same on Today, People, Gaps, prep, the Log form and every command: zero days is always
// the word "today" (never "0d"), a past due day is "overdue 5d" (never "due -5d"), a day to
// come is "in 2d" (never a bare date in one place and a count in another).

/// A day `days` before today: "today", "3d ago" ("in 2d" for a day to come).
pub(crate) fn days_ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        n if n > 0 => format!("{n}d ago"),
        n => format!("in {}d", -n),
    }
}

/// An age in a narrow column, with no "ago": "today", "3d" (the Gaps cells).
pub(crate) fn age(days: i64) -> String {
    match days {
        0 => "today".into(),
        n => format!("{n}d"),
    }
}

/// How long an idea has waited for an answer: "waiting 3d", "waiting today".
pub(crate) fn waiting(days: i64) -> String {
    format!("waiting {}", age(days))
}

/// "today", "3d ago", "in 2d".
pub(crate) fn relative(date: NaiveDate, today: NaiveDate) -> String {
    days_ago((today - date).num_days())
}

/// How a due date reads: "overdue 6d", "due today", "in 2d".
pub(crate) fn due(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "due today".into(),
        n if n < 0 => format!("overdue {}d", -n),
        n => format!("in {n}d"),
    }
}

/// How leave reads wherever a due day would: "paused". One home, so Today, People, `person
/// list`, `followup list` and prep say it alike.
pub(crate) fn paused() -> String {
    "paused".into()
}

/// How an open follow-up's due day reads on `today`: "paused" while its person is away and
/// it falls due before they are back, else [`due`] of its day (one that fell due during a
/// pause is due the day back); `None` when it has no due day.
pub(crate) fn follow_up_due(item: &FollowUp, today: NaiveDate) -> Option<String> {
    if item.paused_until(today).is_some() {
        return Some(paused());
    }
    item.due_counting_pause().map(|day| due(day, today))
}

/// Where a follow-up stands, in a cell of 12 columns: "overdue 5d", "due today", "in 2d",
/// "paused", "done 3d ago", "open" (no due day). The one place a follow-up's state is worded, for
/// Today, People, the Log form and `rapport followup list` alike.
pub(crate) fn follow_up_state(item: &FollowUp, today: NaiveDate) -> String {
    match item.done_on {
        Some(done) => format!("done {}", relative(done, today)),
        None => follow_up_due(item, today).unwrap_or_else(|| "open".into()),
    }
}

/// The last 1:1 (a conversation of a cadence kind) and the last talk (a conversation of any
/// kind) of someone: one value read from [`PersonSummary`] for every surface that shows
/// either, so that no surface calls a check-in a 1:1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LastMet {
    pub one_on_one: Option<NaiveDate>,
    pub talk: Option<NaiveDate>,
}

impl LastMet {
    pub(crate) fn of(summary: &PersonSummary) -> LastMet {
        LastMet {
            one_on_one: summary.last_one_on_one.map(|at| at.date()),
            talk: summary.last_conversation.map(|at| at.date()),
        }
    }

    /// The last 1:1 in a short cell: "74d ago", "today", "never".
    pub(crate) fn one_on_one_cell(self, today: NaiveDate) -> String {
        self.one_on_one
            .map_or_else(|| "never".into(), |day| relative(day, today))
    }

    /// The last talk, only when it came after the last 1:1 (otherwise the 1:1 was it):
    /// "46d ago".
    pub(crate) fn later_talk(self) -> Option<NaiveDate> {
        self.talk.filter(|talk| Some(*talk) > self.one_on_one)
    }

    /// "last 1:1 74d ago · last talk 46d ago", "last 1:1 today", "never met", "no 1:1 yet ·
    /// last talk 3d ago": the phrase Today and prep give a person.
    pub(crate) fn phrase(self, today: NaiveDate) -> String {
        let talk = self
            .later_talk()
            .map(|talk| format!("last talk {}", relative(talk, today)));
        match (self.one_on_one, talk) {
            (None, None) => "never met".into(),
            (None, Some(talk)) => format!("no 1:1 yet · {talk}"),
            (Some(day), None) => format!("last 1:1 {}", relative(day, today)),
            (Some(day), Some(talk)) => format!("last 1:1 {} · {talk}", relative(day, today)),
        }
    }
}

/// Where someone stands, in a table cell of 12 columns: "overdue 6d", "due today", "in 2d",
/// "paused", "from 15 Dec".
pub(crate) fn standing(standing: Standing, today: NaiveDate) -> String {
    match standing {
        Standing::Due { on } => due(on, today),
        Standing::Paused { .. } => paused(),
        Standing::Starting { on } => format!("from {}", on.format("%-d %b")),
    }
}

/// Where someone stands, in a few words: "next due Fri 4 Dec (in 9d)", "due since Thu 8
/// Oct (overdue 46d)", "due today", "paused until Mon 7 Dec (back in 12d)", "starts Tue 15
/// Dec (in 20d)". The year is given only when it is not this one.
pub(crate) fn standing_sentence(standing: Standing, today: NaiveDate) -> String {
    let day = |on: NaiveDate| {
        if on.year() == today.year() {
            on.format("%a %-d %b").to_string()
        } else {
            on.format("%a %-d %b %Y").to_string()
        }
    };
    match standing {
        Standing::Due { on } if on == today => "due today".into(),
        Standing::Due { on } if on < today => {
            format!("due since {} ({})", day(on), due(on, today))
        }
        Standing::Due { on } => format!("next due {} ({})", day(on), relative(on, today)),
        Standing::Paused { until } => {
            format!(
                "paused until {} (back {})",
                day(until),
                relative(until, today)
            )
        }
        Standing::Starting { on } => format!("starts {} ({})", day(on), relative(on, today)),
    }
}

/// Cuts text to `width` display columns, with an ellipsis when cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Breaks text into rows of at most `width` display columns at spaces (a word longer than
/// a row is cut across rows), for a block whose rows are laid out by hand.
pub(crate) fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        let gap = usize::from(!row.is_empty());
        if !row.is_empty() && row.width() + gap + word.width() > width {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if row.width() + w > width {
                rows.push(std::mem::take(&mut row));
            }
            row.push(c);
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// Pads text with spaces to exactly `width` display columns (cutting if longer), so that
/// columns line up with wide characters (CJK, emoji) in them.
pub(crate) fn pad(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let w = cut.width();
    format!("{cut}{}", " ".repeat(width.saturating_sub(w)))
}

/// Today's nudge about roving leaders, in one sentence.
pub(crate) fn roving_nudge(nudge: &crate::insights::agenda::RovingNudge) -> String {
    let when = match nudge.weeks {
        1 => "this past week".to_string(),
        n => format!("in {n} weeks"),
    };
    format!(
        "No roving leader acknowledged or asked for their view {when}: {} — others follow them; notice them.",
        nudge
            .people
            .iter()
            .map(|p| printable(&p.name))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_defused() {
        assert_eq!(printable("a\u{1b}[2Jb\nc"), "a\u{fffd}[2Jb c");
        assert_eq!(block("one\ntwo", "  "), "one\n  two");
    }

    #[test]
    fn fitting_respects_wide_characters() {
        assert_eq!(fit("Priya Raman", 20), "Priya Raman");
        assert_eq!(fit("Priya Raman", 6), "Priya…");
        let cjk = fit("李小龍李小龍", 7);
        assert!(cjk.width() <= 7, "{cjk}");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("李小龍", 8).width(), 8);
        assert_eq!(pad("Priya Raman", 6), "Priya…");
    }

    #[test]
    fn days_read_the_same_everywhere() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let day = |n: i64| today + chrono::Duration::days(n);
        assert_eq!(due(day(0), today), "due today");
        assert_eq!(due(day(-6), today), "overdue 6d");
        assert_eq!(due(day(2), today), "in 2d");
        assert_eq!(relative(day(-3), today), "3d ago");
        assert_eq!(relative(day(0), today), "today");
    }
}
