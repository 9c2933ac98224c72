//! The week against the one before: read once from the journal for `rapport week` and the
//! Week screen alike, with the wording both show.

use crate::domain::{Balance, Feedback, balance_word, printable};
use crate::insights::feedback::{Convergence, PairMirror, Verdict, converge};
use crate::insights::week::{self, WeekInput, WeekSpan, WeekSummary};
use crate::store::Store;

/// Reads the rows of a week, the week before and the twelve-week trends, and sums them up:
/// the one path from the journal to a [`WeekSummary`], for this command and the TUI's Week
/// screen alike.
pub fn week_summary(store: &Store, week: &WeekSpan) -> crate::store::Result<WeekSummary> {
    let previous = week.previous();
    let (previous_rows, this_rows) =
        store.weeks_rows((previous.start, previous.end), (week.start, week.end))?;
    let trend = week::trend_weeks(week);
    let weekly = store.conversations_by_week(week::trend_start(week), week::TREND_WEEKS)?;
    let (first, last) = (
        trend
            .first()
            .map_or(week.label.as_str(), |w| w.label.as_str()),
        week.label.as_str(),
    );
    let reflections = store.reflections_between(first, last)?;
    let feedback = store.feedback_list(crate::store::FeedbackFilter {
        person_id: None,
        from: Some(week::trend_start(week)),
        until: Some(week.end),
    })?;
    let mut summary = week::summarize(
        &WeekInput {
            week,
            this: &this_rows,
            previous: &previous_rows,
            weekly: &weekly,
            reflections: &reflections,
            feedback: &feedback,
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

/// The week's feedback in one line: "3 this week · 1 pair seen differently", or the nudge to
/// ask when nobody said anything.
pub(crate) fn feedback_headline(summary: &WeekSummary) -> String {
    let feedback = &summary.feedback;
    if feedback.quotes.is_empty() {
        return "none this week: ask someone \u{201c}How can I improve?\u{201d} and note it (rapport feedback add)".into();
    }
    let differing = match feedback.pairs_differing {
        0 => String::new(),
        1 => " · 1 pair seen differently".into(),
        n => format!(" · {n} pairs seen differently"),
    };
    format!("{} this week{differing}", feedback.quotes.len())
}

/// Where people placed the leader on a pair, as the self-check draws it: "●─┼── 1.0", or
/// "·····" when they spoke of it without placing the leader.
pub(crate) fn people_place(pair: &PairMirror) -> String {
    match pair.people_place {
        Some(value) => format!("{} {value:.1}", scale(Some(value.round() as u8))),
        None => scale(None),
    }
}

/// "≠ seen differently" when the self-rating and people's place are
/// [`crate::insights::feedback::DIFFERS_AT`] steps apart or more, else nothing.
pub(crate) fn differs_word(pair: &PairMirror) -> &'static str {
    if pair.differs {
        "≠ seen differently"
    } else {
        ""
    }
}

/// The pairs people spoke of this week, each with the leader's rating beside where they
/// placed the leader and how many placed them at each pole: `rapport week` prints these.
pub(crate) fn feedback_pair_rows(summary: &WeekSummary) -> Vec<String> {
    summary
        .feedback
        .pairs
        .iter()
        .filter(|p| p.said() > 0)
        .map(|p| {
            let you = p.self_rating.map_or("not rated".to_string(), |r| {
                format!("{} {r}", scale(Some(r)))
            });
            format!(
                "  {:<26} you {you} · they {} · {} {} · {} {} · both {} · {} said  {}",
                format!("{} ↔ {}", p.managing, p.leading),
                people_place(p),
                p.managing,
                p.said_managing,
                p.leading,
                p.said_leading,
                p.said_both,
                p.said(),
                differs_word(p)
            )
            .trim_end()
            .to_string()
        })
        .collect()
}

/// One thing someone said: "“You jump in too fast” — Priya Raman, Sun 22 Nov (about
/// directing)". The words are the leader's to escape where they are shown.
pub(crate) fn quote_line(feedback: &Feedback) -> String {
    format!(
        "\u{201c}{}\u{201d} — {}, {}{}",
        printable(&feedback.text),
        printable(&feedback.person_name),
        feedback.heard_on.format("%a %-d %b"),
        feedback.about()
    )
}

/// The week's question about the intention set the week before, worded once for the Week
/// screen and `rapport week`: "You meant to show up: “listen first” — did you?"; none when
/// the week before set none.
pub(crate) fn intention_question(summary: &WeekSummary) -> Option<String> {
    summary.intention_to_ask.as_ref().map(|intention| {
        format!(
            "You meant to show up: \u{201c}{}\u{201d} — did you?",
            printable(intention)
        )
    })
}

/// The self-check against feedback over the `count` weeks ending with `week`: read for
/// `rapport week --weeks N`, computed by the same [`converge`] as the Week screen's twelve.
pub(crate) fn feedback_over(
    store: &Store,
    week: &WeekSpan,
    count: u32,
) -> crate::store::Result<Convergence> {
    let weeks = week::weeks_ending(week, count);
    let first = weeks.first().unwrap_or(week);
    let reflections = store.reflections_between(&first.label, &week.label)?;
    let feedback = store.feedback_list(crate::store::FeedbackFilter {
        person_id: None,
        from: Some(first.start),
        until: Some(week.end),
    })?;
    Ok(converge(&week::trend_rows(&weeks, &reflections, &feedback)))
}

/// The verdict in words: "closer (gap 3.0 in the earlier weeks, 1.0 in the later)", "too
/// little feedback beside a self-check to tell".
pub(crate) fn convergence_words(trend: &Convergence) -> String {
    let gaps = match (trend.earlier_gap, trend.later_gap) {
        (Some(before), Some(after)) => {
            format!(" (gap {before:.1} in the earlier weeks, {after:.1} in the later)")
        }
        _ => String::new(),
    };
    match trend.verdict {
        Verdict::Closer => format!("coming closer{gaps}"),
        Verdict::FurtherApart => format!("drifting apart{gaps}"),
        Verdict::Steady => format!("no closer, no further apart{gaps}"),
        Verdict::TooLittle => "too little feedback beside a self-check to tell yet".into(),
    }
}

/// Each week's gap as a bar, oldest first: low ▁ when the self-check and what people said
/// agree, high █ four steps apart, `·` for a week with nothing to compare.
pub(crate) fn gap_trend(trend: &Convergence) -> String {
    trend
        .weeks
        .iter()
        .map(|w| rating_bar(w.gap.map(|g| g + 1.0)))
        .collect()
}
