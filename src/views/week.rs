//! The week against the one before: read once from the journal for `rapport week` and the
//! Week screen alike, with the wording both show.

use crate::domain::{Balance, balance_word};
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
    let mut summary = week::summarize(
        &WeekInput {
            week,
            this: &this_rows,
            previous: &previous_rows,
            weekly: &weekly,
            reflections: &reflections,
            cadence_kinds: store.cadence_kinds(),
        },
        store.today(),
    );
    summary.handover =
        crate::insights::handover::handover(store.handover_rows(week.start, week.end)?);
    summary.directions = store
        .directions(true)?
        .into_iter()
        .filter(|d| d.stated_on <= week.end && d.retired_on.is_none_or(|r| r > week.start))
        .collect();
    Ok(summary)
}

/// The week's 1:1 figures, worded once for Today, the Week screen and `rapport week`, each
/// with its change on the week before: "3 held" (1:1s, conversations of a cadence kind),
/// "met 2 of 5 due" (people due who had a 1:1), "7 conversations" (of any kind, a figure
/// of its own so that a check-in is never counted as a 1:1 held).
pub(crate) fn one_on_one_figures(summary: &WeekSummary) -> [(String, i64); 3] {
    [
        (
            format!("{} held", summary.one_on_ones.this_week),
            summary.one_on_ones.change,
        ),
        (
            format!(
                "met {} of {} due",
                summary.due_met.this_week, summary.due.this_week
            ),
            summary.due_met.change,
        ),
        (
            format!("{} conversations", summary.conversations.this_week),
            summary.conversations.change,
        ),
    ]
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

/// A rating on a centred scale of five places, the centre (3, "both") marked: "──●──" for
/// 3, "●─┼──" for 1, "──┼●─" for 4; "·····" when not rated. Neither end is the goal.
pub(crate) fn scale(rating: Option<u8>) -> String {
    match rating {
        Some(r) => (1..=5)
            .map(|i| match i {
                _ if i == r => '●',
                3 => '┼',
                _ => '─',
            })
            .collect(),
        None => "·····".into(),
    }
}

/// How many conversations fill a need bar: a dozen, more than a team of eight's week of
/// weekly 1:1s. The scale is fixed, so one conversation is a short bar in every week and
/// on every surface, and two weeks compare by length; past a dozen the bar is full and the
/// count beside it says how many.
pub(crate) const NEED_BAR_FULL: usize = 12;

/// A need's bar for `count` conversations in at most `room` cells: one cell a conversation
/// when there is room for a dozen, else the same fixed scale shrunk to the room (a
/// conversation never vanishes: any count draws at least one cell).
pub(crate) fn need_bar(count: u32, room: usize) -> String {
    let cells = room.min(NEED_BAR_FULL);
    let count = usize::try_from(count).unwrap_or(0).min(NEED_BAR_FULL);
    let length = if count == 0 || cells == 0 {
        0
    } else {
        (count * cells).div_ceil(NEED_BAR_FULL).max(1)
    };
    "█".repeat(length)
}

/// A rating as a bar of a trend: low ▁ towards the managing pole (1), high █ towards the
/// leading one (5), `·` for a week not rated.
pub(crate) fn rating_bar(value: Option<f64>) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    match value {
        Some(v) => {
            let level = ((v.clamp(1.0, 5.0) - 1.0) / 4.0 * 7.0).round();
            BARS[(level as usize).min(7)]
        }
        None => '·',
    }
}

/// The week's mood over the trend weeks, oldest first, on the fixed 1–5 scale of
/// [`rating_bar`]: the Week screen and `rapport week` draw this one string, so a week of
/// 3s reads the same middling bar on both and a missing week reads `·`, not low.
pub(crate) fn mood_trend(summary: &WeekSummary) -> String {
    summary
        .mood_trend
        .iter()
        .map(|p| rating_bar(p.value))
        .collect()
}

/// One pair's ratings over the trend weeks, oldest first.
pub(crate) fn pair_trend(summary: &WeekSummary, pair: usize) -> String {
    summary
        .balance_trend
        .iter()
        .map(|p| rating_bar(p.value.and_then(|b| b.ratings()[pair]).map(f64::from)))
        .collect()
}

/// "leading 2 · managing 1 · both 0": the stances recorded on the week's conversations.
pub(crate) fn recorded_stances(summary: &WeekSummary) -> String {
    let s = &summary.stance;
    format!(
        "leading {} · managing {} · both {}",
        s.leading.this_week, s.managing.this_week, s.both.this_week
    )
}

/// The balance as `rapport week` prints it: each of seed 003's pairs with the week's rating
/// on a centred scale, in words, and its twelve-week trend; then the stances recorded on
/// the week's conversations on the same scale, so self-image sits beside practice.
pub(crate) fn balance_rows(summary: &WeekSummary) -> Vec<String> {
    let ratings = summary
        .reflection
        .as_ref()
        .map(|r| r.balance.ratings())
        .unwrap_or_default();
    let managing_width = Balance::POLES
        .iter()
        .map(|p| p.managing.chars().count())
        .max()
        .unwrap_or(0);
    let leading_width = Balance::POLES
        .iter()
        .map(|p| p.leading.chars().count())
        .max()
        .unwrap_or(0);
    let mut rows = vec![format!(
        "Balance     self-check, 1 mostly managing · 3 both · 5 mostly leading; 12 weeks ▁ managing … █ leading"
    )];
    for (i, poles) in Balance::POLES.iter().enumerate() {
        let word = ratings[i].map_or("not rated", balance_word);
        rows.push(format!(
            "  {:>mw$} {} {:<lw$}  {:<15} {}",
            poles.managing,
            scale(ratings[i]),
            poles.leading,
            word,
            pair_trend(summary, i),
            mw = managing_width,
            lw = leading_width,
        ));
    }
    let place = summary.stance.place().map(|p| p.round() as u8);
    rows.push(format!(
        "  {:>mw$} {} {:<lw$}  {}",
        "this week's stances",
        scale(place),
        "",
        recorded_stances(summary),
        mw = managing_width,
        lw = leading_width,
    ));
    rows
}
