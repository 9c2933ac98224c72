//! How a moment to acknowledge reads, once for every surface: Today, `rapport today`,
//! prep, `moment list` and the calendar.

use chrono::NaiveDate;

use super::text::{printable, relative};
use crate::domain::Person;
use crate::insights::moments::{self, MomentKind, Upcoming};
use crate::store::{Result, Store};

/// The moments of the active people among `people` falling from today to `days` ahead,
/// soonest first. A person is all it needs of them: `moment list` reads no summaries.
pub(crate) fn ahead<'a>(
    store: &Store,
    people: impl IntoIterator<Item = &'a Person>,
    today: NaiveDate,
    days: i64,
) -> Result<Vec<Upcoming>> {
    let persons: Vec<&Person> = people.into_iter().collect();
    Ok(moments::ahead(&persons, &store.moments(None)?, today, days))
}

/// What the moment is: "3 years here", "1 year here", or the label the leader gave it.
pub(crate) fn what(moment: &Upcoming) -> String {
    match &moment.what {
        MomentKind::Anniversary { years: 1 } => "1 year here".into(),
        MomentKind::Anniversary { years } => format!("{years} years here"),
        MomentKind::Noted { label, .. } => printable(label),
    }
}

/// "Ana Lopez — 3 years here": who and what, the calendar's title of the moment and the
/// start of its [`line`].
pub(crate) fn title(moment: &Upcoming) -> String {
    format!("{} — {}", printable(&moment.person_name), what(moment))
}

/// "Ana Lopez — 3 years here, in 2d", "Tom — back from leave, today (on leave)": the one
/// wording of a moment.
pub(crate) fn line(moment: &Upcoming, today: NaiveDate) -> String {
    let away = if moment.paused { " (on leave)" } else { "" };
    format!("{}, {}{away}", title(moment), relative(moment.on, today))
}

/// "acknowledge for: calm in incidents", the person's own words set beside the moment;
/// `None` when their profile does not say.
pub(crate) fn acknowledge_for(moment: &Upcoming) -> Option<String> {
    let text = moment.acknowledge_for.trim();
    (!text.is_empty()).then(|| format!("acknowledge for: {}", printable(text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_moment_reads_the_same_everywhere() {
        let today = day("2026-12-07");
        let ana = Person {
            started_on: Some(day("2023-12-10")),
            acknowledge_for: "calm in incidents".into(),
            ..Person::unsaved(1, "Ana Lopez", 14)
        };
        let found = moments::ahead(&[&ana], &[], today, 7);
        assert_eq!(found.len(), 1);
        assert_eq!(line(&found[0], today), "Ana Lopez — 3 years here, in 3d");
        assert_eq!(
            acknowledge_for(&found[0]).as_deref(),
            Some("acknowledge for: calm in incidents")
        );
        assert!(
            moments::ahead(&[&ana], &[], today, 2).is_empty(),
            "3 days ahead is outside a 2-day window"
        );
    }
}
