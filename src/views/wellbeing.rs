//! "Are you okay?" as both front ends show it: who to ask, and why, in one line each.

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::insights::wellbeing::{self, CheckIn, LOOK_BACK_DAYS, MOODS_READ};
use crate::store::{PersonSummary, Result, Store};
use crate::views::text::printable;

/// The people to ask "are you okay?" today, read from the journal (see
/// [`wellbeing::who_to_ask`] for the rule).
pub(crate) fn check_ins(
    store: &Store,
    people: &[PersonSummary],
    today: NaiveDate,
) -> Result<Vec<CheckIn>> {
    let ids: Vec<i64> = people
        .iter()
        .filter(|p| !p.person.archived)
        .map(|p| p.person.id)
        .collect();
    let since = (today - Duration::days(LOOK_BACK_DAYS)).and_time(NaiveTime::MIN);
    let moods = store.recent_moods(&ids, since, MOODS_READ)?;
    Ok(wellbeing::who_to_ask(people, &moods, today))
}

/// Why someone is listed, in a few words: "moods 1 and 2 of 5 · security concern open 24d".
pub(crate) fn reasons(check: &CheckIn) -> String {
    let signs: Vec<String> = check.signs.iter().map(|s| s.describe()).collect();
    printable(&signs.join(" · "))
}

/// The support guide's questions (seed 002's "Are you okay?" and the two after it, or the
/// leader's own from questions.toml), quoted, on one line.
pub(crate) fn questions() -> String {
    crate::domain::bank()
        .texts(crate::domain::Topic::Guide(crate::domain::Guide::Support))
        .iter()
        .map(|q| format!("\u{201c}{q}\u{201d}"))
        .collect::<Vec<_>>()
        .join(" ")
}
