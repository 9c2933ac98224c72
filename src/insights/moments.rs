//! Moments to acknowledge ahead: work anniversaries from each person's start date and the
//! dates the leader noted, on the day they next fall, with what the person likes to be
//! acknowledged for beside them.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{Moment, Person, next_anniversary, next_on};

/// How many days ahead Today and `rapport today` look for moments (today included): a week,
/// time enough to plan a word or a small gesture.
pub(crate) const MOMENTS_AHEAD_DAYS: i64 = 7;

/// What a moment is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum MomentKind {
    /// Whole years since the person's start date.
    Anniversary { years: u32 },
    /// A date the leader noted: the moment's own id and uuid.
    Noted {
        id: i64,
        uuid: Uuid,
        label: String,
        yearly: bool,
        /// The day noted: for a yearly moment, the first year it fell on.
        falls_on: NaiveDate,
    },
}

/// A moment on the next day it falls, on or after today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Upcoming {
    pub person_id: i64,
    pub person_uuid: Uuid,
    pub person_name: String,
    pub on: NaiveDate,
    /// Days from today: 0 today.
    pub in_days: i64,
    pub what: MomentKind,
    /// What the person likes to be acknowledged for (their profile), empty when not noted.
    pub acknowledge_for: String,
    /// On leave that day: the moment still shows, for a message rather than a 1:1.
    pub paused: bool,
}

crate::domain::serialize_with_person!(Upcoming {
    person(person_id, person_uuid, person_name),
    on,
    in_days,
    what,
    acknowledge_for,
    paused
});

/// Every moment of these people falling from `today` to `today + days` (both included),
/// soonest first, then by name, anniversaries before noted moments on the same day.
/// Archived people have none; paused people keep theirs. `moments` are the noted ones.
pub(crate) fn ahead(
    people: &[&Person],
    moments: &[Moment],
    today: NaiveDate,
    days: i64,
) -> Vec<Upcoming> {
    let until = today + chrono::Duration::days(days);
    let paused_on = |person: &Person, day: NaiveDate| {
        person
            .pause
            .is_some_and(|pause| pause.from <= day && day < pause.until)
    };
    let mut found: Vec<Upcoming> = Vec::new();
    for person in people.iter().filter(|p| !p.archived) {
        let upcoming = |on: NaiveDate, what: MomentKind| Upcoming {
            person_id: person.id,
            person_uuid: person.uuid,
            person_name: person.name.clone(),
            on,
            in_days: (on - today).num_days(),
            what,
            acknowledge_for: person.acknowledge_for.clone(),
            paused: paused_on(person, on),
        };
        if let Some((on, years)) = person
            .started_on
            .and_then(|started| next_anniversary(started, today))
            .filter(|(on, _)| *on <= until)
        {
            found.push(upcoming(on, MomentKind::Anniversary { years }));
        }
        for moment in moments.iter().filter(|m| m.person_id == person.id) {
            if let Some(on) =
                next_on(moment.falls_on, moment.yearly, today).filter(|on| *on <= until)
            {
                found.push(upcoming(
                    on,
                    MomentKind::Noted {
                        id: moment.id,
                        uuid: moment.uuid,
                        label: moment.label.clone(),
                        yearly: moment.yearly,
                        falls_on: moment.falls_on,
                    },
                ));
            }
        }
    }
    found.sort_by(|a, b| {
        (a.on, a.person_name.to_lowercase(), a.person_id)
            .cmp(&(b.on, b.person_name.to_lowercase(), b.person_id))
            .then_with(|| {
                matches!(a.what, MomentKind::Noted { .. })
                    .cmp(&matches!(b.what, MomentKind::Noted { .. }))
            })
    });
    found
}
