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
    let trend = trends::person_trend(
        &rows.person,
        &rows.conversations,
        &rows.follow_ups,
        config.cadence_kinds,
        today,
        months,
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

/// Moods in order as bars on a fixed scale: ▁ is 1, █ is 5, so a run of low moods looks low
/// however the rest went.
pub(crate) fn mood_bars(moods: &[u8]) -> String {
    const BARS: [char; 5] = ['▁', '▃', '▄', '▆', '█'];
    moods
        .iter()
        .map(|&m| BARS[usize::from(m.clamp(1, 5) - 1)])
        .collect()
}

/// The column heads of [`month_row`].
pub(crate) const HEADER: &str = "Month     Mood  C B A F S  1:1s held     I kept      They kept";

/// One month in a line: "Sep 2026  3.0   · · · ! ●  2 of 2.1      1 · 1 late  –".
pub(crate) fn month_row(month: &MonthTrend) -> String {
    let mood = month
        .mood
        .map(|m| format!("{m:.1}"))
        .unwrap_or_else(|| "–".into());
    let needs: Vec<String> = month.needs.iter().map(|n| n.mark().to_string()).collect();
    let held = if month.expected == 0.0 && month.one_on_ones == 0 {
        "–".to_string()
    } else {
        format!("{} of {:.1}", month.one_on_ones, month.expected)
    };
    format!(
        "{}  {mood:<4}  {}  {held:<12}  {:<10}  {}",
        month.month.format("%b %Y"),
        needs.join(" "),
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
