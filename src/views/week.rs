//! The week against the one before: read once from the journal for `rapport week` and the
//! Week screen alike, with the wording both show.

use crate::insights::week::{self, WeekInput, WeekSpan, WeekSummary};
use crate::store::Store;

/// Reads the rows of a week, the week before and the twelve-week trends, and sums them up:
/// the one path from the journal to a [`WeekSummary`], for this command and the TUI's Week
/// screen alike.
pub fn week_summary(store: &Store, week: &WeekSpan) -> crate::store::Result<WeekSummary> {
    let previous = week.previous();
    let this_rows = store.week_rows(week.start, week.end)?;
    let previous_rows = store.week_rows(previous.start, previous.end)?;
    let trend = week::trend_weeks(week);
    let weekly = store.conversations_by_week(week::trend_start(week), week::TREND_WEEKS)?;
    let (first, last) = (
        trend
            .first()
            .map_or(week.label.as_str(), |w| w.label.as_str()),
        week.label.as_str(),
    );
    let reflections = store.reflections_between(first, last)?;
    Ok(week::summarize(
        &WeekInput {
            week,
            this: &this_rows,
            previous: &previous_rows,
            weekly: &weekly,
            reflections: &reflections,
            cadence_kinds: store.cadence_kinds(),
        },
        store.today(),
    ))
}

/// What the ▲▼ changes compare with: "week 47", or "week 47 to Wed" while this week is in
/// progress and the week before is counted only up to the same weekday.
pub(crate) fn compared_with(summary: &WeekSummary) -> String {
    let number = summary.previous.number();
    if summary.in_progress {
        format!("week {number} to {}", summary.compared_to.format("%a"))
    } else {
        format!("week {number}")
    }
}

/// "●●●○○" for a rating of 3, "·····" when not rated.
pub(crate) fn dots(rating: Option<u8>) -> String {
    match rating {
        Some(r) => (1..=5).map(|i| if i <= r { '●' } else { '○' }).collect(),
        None => "·····".into(),
    }
}
