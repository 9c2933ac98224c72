//! One person's trends as both front ends show them: read from the journal once, and the
//! month rows worded once.

use std::collections::HashMap;

use chrono::NaiveTime;

use crate::config::Config;
use crate::domain::{Conversation, FollowUp};
use crate::insights::trends::{self, FollowThrough, MonthTrend, PersonTrend, TeamMonth};
use crate::store::{Result, Store, TrendRows};

/// The person's trend over `months` months up to today.
pub(crate) fn read(
    store: &Store,
    person_id: i64,
    config: &Config,
    months: u32,
) -> Result<PersonTrend> {
    Ok(read_with_rows(store, person_id, config, months)?.1)
}

/// The person's trend over `months` months up to today, with the rows it was made from: the
/// person, their conversations and their follow-ups since the first of those months.
pub(crate) fn read_with_rows(
    store: &Store,
    person_id: i64,
    config: &Config,
    months: u32,
) -> Result<(TrendRows, PersonTrend)> {
    let today = store.today();
    let since = trends::first_month(today, months).and_time(NaiveTime::MIN);
    let rows = store.trend_rows(person_id, since)?;
    let mut trend = trends::person_trend(
        &rows.person,
        &rows.conversations,
        rows.first_conversation,
        &rows.follow_ups,
        config.cadence_kinds,
        today,
        months,
    );
    trend.handed = crate::insights::handover::handed_since(
        &store.delegations(Some(person_id), false)?,
        trend.since,
    );
    Ok((rows, trend))
}

/// The whole team's months over `months` months up to today: everyone not archived.
pub(crate) fn read_team(store: &Store, config: &Config, months: u32) -> Result<Vec<TeamMonth>> {
    let today = store.today();
    let since = trends::first_month(today, months).and_time(NaiveTime::MIN);
    let until = (today + chrono::Duration::days(1)).and_time(NaiveTime::MIN);
    let mut conversations: HashMap<i64, Vec<Conversation>> = HashMap::new();
    for c in store.conversations_counted_between(since, until)? {
        conversations.entry(c.person_id).or_default().push(c);
    }
    let mut follow_ups: HashMap<i64, Vec<FollowUp>> = HashMap::new();
    // Only promises due in the months shown count.
    for f in store.follow_ups_due_between(since.date(), until.date())? {
        follow_ups.entry(f.person_id).or_default().push(f);
    }
    let team: Vec<_> = store
        .people(false)?
        .into_iter()
        .map(|person| {
            let id = person.id;
            (
                person,
                conversations.remove(&id).unwrap_or_default(),
                follow_ups.remove(&id).unwrap_or_default(),
            )
        })
        .collect();
    Ok(trends::team_trend(
        &team,
        config.cadence_kinds,
        today,
        months,
    ))
}

/// Moods in order as bars on the one fixed 1–5 scale every mood bar uses
/// ([`crate::views::week::rating_bar`]: ▁ is 1, █ is 5), so a run of low moods looks low
/// however the rest went, here as on the week's trend.
pub(crate) fn mood_bars(moods: &[u8]) -> String {
    moods
        .iter()
        .map(|&m| crate::views::week::rating_bar(Some(f64::from(m))))
        .collect()
}

/// How many months a trend shows, in words: "this month", "the last 5 months". A trend of
/// someone tracked since August counts from August, not from the months asked for.
pub(crate) fn span_words(trend: &PersonTrend) -> String {
    match trend.months.len() {
        1 => "this month".into(),
        n => format!("the last {n} months"),
    }
}

/// 1:1s held against what the cadence asked for, the one wording of the trends (screen and
/// command), the review (Markdown and HTML) and the timeline's strips: "2/4"; "–" when none
/// was held and none expected (paused, or not there yet).
pub(crate) fn held_of_expected(held: u32, expected: u32) -> String {
    if held == 0 && expected == 0 {
        "–".into()
    } else {
        format!("{held}/{expected}")
    }
}

/// A month's average mood to one decimal, or "–" when none was noted.
pub(crate) fn month_mood(month: &MonthTrend) -> String {
    month
        .mood
        .map(|m| format!("{m:.1}"))
        .unwrap_or_else(|| "–".into())
}

/// The column heads of [`month_row`].
pub(crate) const HEADER: &str =
    "Month     Mood  C B A F S  1:1s held/expected  I kept      They kept";

/// One month in a line: "Sep 2026  3.0   · · · ! ●  2/2                 1 · 1 late  –".
pub(crate) fn month_row(month: &MonthTrend) -> String {
    let needs: Vec<String> = month.needs.iter().map(|n| n.mark().to_string()).collect();
    format!(
        "{}  {:<4}  {}  {:<18}  {:<10}  {}",
        month.month.format("%b %Y"),
        month_mood(month),
        needs.join(" "),
        held_of_expected(month.one_on_ones, month.expected),
        kept(month.mine),
        kept(month.theirs)
    )
}

/// Promises due in a month: "2 · 1 late · 1 open", or "–" when none fell due.
pub(crate) fn kept(promises: FollowThrough) -> String {
    let mut parts = Vec::new();
    if promises.on_time > 0 {
        parts.push(promises.on_time.to_string());
    }
    if promises.late > 0 {
        parts.push(format!("{} late", promises.late));
    }
    if promises.open > 0 {
        parts.push(format!("{} open", promises.open));
    }
    if parts.is_empty() {
        "–".into()
    } else {
        parts.join(" · ")
    }
}
