//! "Are you okay?": the people a leader should stop and ask, from their recent moods and
//! the concerns left open on their needs.
//!
//! The thresholds, documented in `docs/insights.md`:
//! - **low**: their last two moods (within [`LOOK_BACK_DAYS`]) are both [`LOW_MOOD`] or below;
//! - **falling**: their latest mood is at least [`FALL`] below the average of the two before
//!   it (within [`LOOK_BACK_DAYS`]);
//! - **a concern left open**: a need has had a concern open for longer than their cadence.
//!
//! Someone paused, archived or not yet started is never listed: they are not there to ask.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::{Mood, Need, Standing};
use crate::store::PersonSummary;

/// Only moods from the last twelve weeks count: an old low is not today's worry.
pub(crate) const LOOK_BACK_DAYS: i64 = 84;
/// How many recent moods each rule looks at, at most.
pub(crate) const MOODS_READ: usize = 3;
/// A mood at or below this is low (1 to 5).
pub(crate) const LOW_MOOD: u8 = 2;
/// A drop at least this large, from the average of two moods to the next, is a fall.
pub(crate) const FALL: f64 = 1.5;

/// Why someone is listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "sign", rename_all = "snake_case")]
pub(crate) enum Sign {
    /// Their last two moods, newest first, both low; in JSON `{"latest": 1, "before": 2}`.
    Low {
        #[serde(serialize_with = "latest_and_before")]
        moods: [u8; 2],
    },
    /// From the average of the two moods before to the latest.
    Falling { from: f64, to: u8 },
    /// A concern on a need, open since a day further back than their cadence.
    ConcernOpen {
        need: Need,
        since: NaiveDate,
        days: i64,
    },
}

fn latest_and_before<S: serde::Serializer>(
    moods: &[u8; 2],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut out = serializer.serialize_struct("Moods", 2)?;
    out.serialize_field("latest", &moods[0])?;
    out.serialize_field("before", &moods[1])?;
    out.end()
}

impl Sign {
    /// The sign in a few words, the same in the CLI and the interface.
    pub(crate) fn describe(&self) -> String {
        match self {
            Sign::Low { moods } => format!("moods {} and {} of 5", moods[1], moods[0]),
            Sign::Falling { from, to } => format!("mood fell from {from:.1} to {to}"),
            Sign::ConcernOpen { need, days, .. } => {
                format!("{} concern open {days}d", need.label().to_lowercase())
            }
        }
    }
}

/// Someone to ask "are you okay?", and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CheckIn {
    pub person_id: i64,
    pub person_uuid: uuid::Uuid,
    pub name: String,
    pub signs: Vec<Sign>,
}

crate::domain::serialize_with_person!(CheckIn {
    person(person_id, person_uuid, name),
    signs
});

/// The people to ask, those with the most signs first, then by name. `moods` holds each
/// person's recent moods, newest first (`Store::recent_moods` since
/// `today - LOOK_BACK_DAYS`, at most [`MOODS_READ`]).
pub(crate) fn who_to_ask(
    people: &[PersonSummary],
    moods: &HashMap<i64, Vec<(NaiveDateTime, Mood)>>,
    today: NaiveDate,
) -> Vec<CheckIn> {
    let mut listed: Vec<CheckIn> = people
        .iter()
        .filter(|p| !p.person.archived)
        .filter(|p| matches!(p.standing(today), Standing::Due { .. }))
        .filter_map(|p| {
            let recent: Vec<u8> = moods
                .get(&p.person.id)
                .into_iter()
                .flatten()
                .filter(|(at, _)| (today - at.date()).num_days() <= LOOK_BACK_DAYS)
                .map(|(_, mood)| mood.value())
                .take(MOODS_READ)
                .collect();
            let signs = signs_of(p, &recent, today);
            (!signs.is_empty()).then(|| CheckIn {
                person_id: p.person.id,
                person_uuid: p.person.uuid,
                name: p.person.name.clone(),
                signs,
            })
        })
        .collect();
    listed.sort_by(|a, b| {
        b.signs
            .len()
            .cmp(&a.signs.len())
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    listed
}

/// The signs one person shows; `recent` holds their moods, newest first.
fn signs_of(person: &PersonSummary, recent: &[u8], today: NaiveDate) -> Vec<Sign> {
    let mut signs = Vec::new();
    if let [latest, before, ..] = *recent
        && latest <= LOW_MOOD
        && before <= LOW_MOOD
    {
        signs.push(Sign::Low {
            moods: [latest, before],
        });
    }
    if let [latest, a, b, ..] = *recent {
        let from = (f64::from(a) + f64::from(b)) / 2.0;
        if from - f64::from(latest) >= FALL {
            signs.push(Sign::Falling { from, to: latest });
        }
    }
    for need in Need::ALL {
        if let Some(since) = person.concerns_since[need.index()] {
            let days = (today - since.date()).num_days();
            if days > i64::from(person.person.cadence_days) {
                signs.push(Sign::ConcernOpen {
                    need,
                    since: since.date(),
                    days,
                });
            }
        }
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Pause, Person};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn person(id: i64, name: &str) -> PersonSummary {
        let mut person = Person::unsaved(id, name, 14);
        person.added_on = Some(day("2026-01-05"));
        PersonSummary {
            person,
            last_conversation: None,
            last_one_on_one: Some(day("2026-11-20").and_hms_opt(10, 0, 0).unwrap()),
            first_conversation: None,
            open_follow_ups: 0,
            needs_last_met: [None; 5],
            concerns_since: [None; 5],
        }
    }

    fn moods(days_and_moods: &[(&str, i64)]) -> Vec<(NaiveDateTime, Mood)> {
        days_and_moods
            .iter()
            .map(|(d, m)| (day(d).and_hms_opt(9, 0, 0).unwrap(), Mood::new(*m).unwrap()))
            .collect()
    }

    const TODAY: &str = "2026-11-25";

    #[test]
    fn two_low_moods_in_a_row_are_a_sign_and_one_is_not() {
        let people = [person(1, "Ana"), person(2, "Bo")];
        let recent = HashMap::from([
            (
                1,
                moods(&[("2026-11-20", 2), ("2026-11-06", 1), ("2026-10-23", 4)]),
            ),
            (2, moods(&[("2026-11-20", 2), ("2026-11-06", 3)])),
        ]);
        let listed = who_to_ask(&people, &recent, day(TODAY));
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].name, "Ana");
        assert_eq!(listed[0].signs[0], Sign::Low { moods: [2, 1] });
        assert_eq!(listed[0].signs[0].describe(), "moods 1 and 2 of 5");
    }

    #[test]
    fn a_fall_of_one_and_a_half_from_the_two_before_is_a_sign() {
        let people = [person(1, "Ana"), person(2, "Bo")];
        let recent = HashMap::from([
            // 4.5 → 3: exactly the threshold.
            (
                1,
                moods(&[("2026-11-20", 3), ("2026-11-06", 4), ("2026-10-23", 5)]),
            ),
            // 4 → 3: a dip, not a fall.
            (
                2,
                moods(&[("2026-11-20", 3), ("2026-11-06", 4), ("2026-10-23", 4)]),
            ),
        ]);
        let listed = who_to_ask(&people, &recent, day(TODAY));
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].signs, [Sign::Falling { from: 4.5, to: 3 }]);
    }

    #[test]
    fn old_moods_and_paused_people_are_left_out() {
        let mut away = person(2, "Bo");
        away.person.pause = Some(Pause::new(day("2026-11-01"), day("2026-12-20")).unwrap());
        let people = [person(1, "Ana"), away];
        let low = moods(&[("2026-11-20", 1), ("2026-11-06", 1)]);
        let stale = moods(&[("2026-06-01", 1), ("2026-05-20", 1)]);
        let recent = HashMap::from([(1, stale), (2, low)]);
        assert_eq!(who_to_ask(&people, &recent, day(TODAY)), []);
    }

    #[test]
    fn a_concern_open_longer_than_the_cadence_is_a_sign() {
        let mut worried = person(1, "Ana");
        worried.concerns_since[Need::Security.index()] =
            Some(day("2026-11-01").and_hms_opt(9, 0, 0).unwrap());
        let mut recent_worry = person(2, "Bo");
        recent_worry.concerns_since[Need::Security.index()] =
            Some(day("2026-11-20").and_hms_opt(9, 0, 0).unwrap());
        let listed = who_to_ask(&[worried, recent_worry], &HashMap::new(), day(TODAY));
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(
            listed[0].signs,
            [Sign::ConcernOpen {
                need: Need::Security,
                since: day("2026-11-01"),
                days: 24
            }]
        );
        assert_eq!(listed[0].signs[0].describe(), "security concern open 24d");
    }

    #[test]
    fn a_concern_open_exactly_one_cadence_is_not_yet_a_sign() {
        // Cadence 14, today 2026-11-25: raised on the 11th is 14 days, on the 10th 15.
        let mut exactly = person(1, "Ana");
        exactly.concerns_since[Need::Fun.index()] =
            Some(day("2026-11-11").and_hms_opt(23, 59, 0).unwrap());
        let mut one_more = person(2, "Bo");
        one_more.concerns_since[Need::Fun.index()] =
            Some(day("2026-11-10").and_hms_opt(0, 0, 0).unwrap());
        let listed = who_to_ask(&[exactly, one_more], &HashMap::new(), day(TODAY));
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].name, "Bo");
        assert_eq!(
            listed[0].signs,
            [Sign::ConcernOpen {
                need: Need::Fun,
                since: day("2026-11-10"),
                days: 15
            }]
        );
    }

    #[test]
    fn a_mood_counts_for_exactly_the_look_back_days() {
        // Today 2026-11-25: 84 days back is 2026-09-02, 85 is 2026-09-01.
        let people = [person(1, "Ana"), person(2, "Bo")];
        let recent = HashMap::from([
            (1, moods(&[("2026-11-20", 1), ("2026-09-02", 1)])),
            (2, moods(&[("2026-11-20", 1), ("2026-09-01", 1)])),
        ]);
        let listed = who_to_ask(&people, &recent, day(TODAY));
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].name, "Ana");
        assert_eq!(listed[0].signs, [Sign::Low { moods: [1, 1] }]);
    }
}
