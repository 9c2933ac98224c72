//! Who is due for a 1:1, and which follow-ups are due: the daily agenda.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{FollowUp, Owner, Standing};
use crate::store::PersonSummary;

/// How many days ahead "due soon" looks.
pub const DUE_SOON_DAYS: i64 = 2;

/// One person's place in the 1:1 rhythm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueEntry {
    pub person_id: i64,
    pub person_uuid: uuid::Uuid,
    pub name: String,
    pub cadence_days: u32,
    /// The day of the last 1:1 (a conversation of a cadence kind); `None` before the first.
    pub last_one_on_one: Option<NaiveDate>,
    /// The day of the last conversation of any kind (the last talk); `None` when never met.
    pub last_talk: Option<NaiveDate>,
    pub next_due: NaiveDate,
    /// Days until the next 1:1 is due: negative when overdue, 0 when due today.
    pub due_in_days: i64,
    /// Due, or starting soon (never paused: a paused person is not on the agenda).
    pub standing: Standing,
}

crate::domain::serialize_with_person!(DueEntry {
    person(person_id, person_uuid, name),
    cadence_days,
    last_one_on_one,
    last_talk,
    next_due,
    due_in_days,
    standing
});

/// Active people whose 1:1 is overdue, due today or due within [`DUE_SOON_DAYS`] (someone
/// starting within those days included), most overdue first; people who never had a 1:1
/// come first of all. Paused people are not listed.
pub fn due_for_one_on_one(people: &[PersonSummary], today: NaiveDate) -> Vec<DueEntry> {
    let mut due: Vec<DueEntry> = entries(people, today)
        .filter(|entry| entry.due_in_days <= DUE_SOON_DAYS)
        .collect();
    due.sort_by_key(|e| {
        (
            e.last_one_on_one.is_some(),
            e.due_in_days,
            e.name.to_lowercase(),
        )
    });
    due
}

/// Who comes next after the agenda: the active, unpaused person due soonest beyond
/// [`DUE_SOON_DAYS`] (ties by name), so "nobody is due" can say who is next and when.
pub(crate) fn next_after_agenda(people: &[PersonSummary], today: NaiveDate) -> Option<DueEntry> {
    coming_up(people, today).into_iter().next()
}

/// Everyone after the agenda in the order they fall due: [`next_after_agenda`] first, for
/// the screens with room to show who follows.
pub(crate) fn coming_up(people: &[PersonSummary], today: NaiveDate) -> Vec<DueEntry> {
    let mut next: Vec<DueEntry> = entries(people, today)
        .filter(|entry| entry.due_in_days > DUE_SOON_DAYS)
        .collect();
    next.sort_by_key(|e| (e.due_in_days, e.name.to_lowercase()));
    next
}

/// Everyone active and not paused, with where they stand in the 1:1 rhythm.
fn entries(people: &[PersonSummary], today: NaiveDate) -> impl Iterator<Item = DueEntry> + '_ {
    people
        .iter()
        .filter(|s| !s.person.archived)
        .map(move |s| (s, s.standing(today)))
        .filter(|(_, standing)| !matches!(standing, Standing::Paused { .. }))
        .map(move |(s, standing)| {
            let next_due = standing.due_on();
            DueEntry {
                person_id: s.person.id,
                person_uuid: s.person.uuid,
                name: s.person.name.clone(),
                cadence_days: s.person.cadence_days,
                last_one_on_one: s.last_one_on_one.map(|at| at.date()),
                last_talk: s.last_conversation.map(|at| at.date()),
                next_due,
                due_in_days: (next_due - today).num_days(),
                standing,
            }
        })
}

/// Follow-ups the leader owes come before the ones owed to them; then by due date.
pub(crate) fn order_follow_ups(mut items: Vec<FollowUp>) -> Vec<FollowUp> {
    items.sort_by_key(|f| (f.owner != Owner::Me, f.due_on, f.id));
    items
}

/// A gentle reminder that the people others already follow (seed 004's roving leaders) have
/// not been noticed lately: none acknowledged, asked for their view or heard with an idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct RovingNudge {
    /// The active roving leaders.
    pub people: Vec<crate::domain::PersonRef>,
    /// The setting: how many weeks without noticing one makes the nudge.
    pub weeks: u32,
    /// The last day one was noticed, if ever.
    pub last_noticed: Option<NaiveDate>,
}

/// The nudge, when there are active roving leaders and none was noticed in the last `weeks`
/// weeks (never, or `weeks` × 7 days ago or more); `weeks` 0 never nudges.
pub(crate) fn roving_nudge(
    people: &[PersonSummary],
    last_noticed: Option<NaiveDate>,
    today: NaiveDate,
    weeks: u32,
) -> Option<RovingNudge> {
    let leaders: Vec<crate::domain::PersonRef> = people
        .iter()
        .filter(|p| p.person.roving_leader && !p.person.archived)
        .map(|p| crate::domain::PersonRef::of(&p.person))
        .collect();
    let quiet = last_noticed.is_none_or(|day| (today - day).num_days() >= i64::from(weeks) * 7);
    (weeks > 0 && !leaders.is_empty() && quiet).then_some(RovingNudge {
        people: leaders,
        weeks,
        last_noticed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;
    use chrono::NaiveDateTime;

    fn person(
        id: i64,
        name: &str,
        cadence: u32,
        last: Option<&str>,
        archived: bool,
    ) -> PersonSummary {
        PersonSummary {
            person: Person {
                archived,
                ..Person::unsaved(id, name, cadence)
            },
            last_conversation: last
                .map(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()),
            last_one_on_one: last
                .map(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()),
            first_conversation: None,
            open_follow_ups: 0,
            needs_last_met: [None; 5],
            concerns_since: [None; 5],
        }
    }

    #[test]
    fn roving_leaders_not_noticed_for_weeks_are_nudged() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut ana = person(1, "Ana", 14, None, false);
        ana.person.roving_leader = true;
        let mut old = person(2, "Old", 14, None, true);
        old.person.roving_leader = true;
        let people = vec![ana, old, person(3, "Tom", 7, None, false)];
        let nudge = roving_nudge(&people, None, today, 4).expect("never noticed");
        assert_eq!(
            nudge
                .people
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            ["Ana"],
            "archived roving leaders are not asked for"
        );
        // Noticed 27 days ago: within four weeks; 28 days ago: nudged.
        assert_eq!(
            roving_nudge(&people, Some(day("2026-10-27")), today, 4),
            None
        );
        assert!(roving_nudge(&people, Some(day("2026-10-26")), today, 4).is_some());
        assert_eq!(
            roving_nudge(&people, None, today, 0),
            None,
            "0 turns it off"
        );
        assert_eq!(
            roving_nudge(&people[2..], None, today, 4),
            None,
            "no roving leader"
        );
    }

    #[test]
    fn overdue_first_then_due_soon_and_never_met_on_top() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let people = vec![
            person(1, "Ana", 14, Some("2026-11-21 10:00"), false), // due in 12d: not listed
            person(2, "Priya", 14, Some("2026-11-03 10:00"), false), // overdue 6d
            person(3, "Tom", 7, Some("2026-11-16 10:00"), false),  // due today
            person(4, "Jo", 14, None, false),                      // never met
            person(5, "Old", 7, Some("2025-01-01 10:00"), true),   // archived
            person(6, "Kim", 14, Some("2026-11-11 09:00"), false), // due in 2d
        ];
        let due = due_for_one_on_one(&people, today);
        let names: Vec<&str> = due.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["Jo", "Priya", "Tom", "Kim"]);
        assert_eq!(due[1].due_in_days, -6);
        assert_eq!(due[1].last_one_on_one, NaiveDate::from_ymd_opt(2026, 11, 3));
        assert_eq!(due[2].due_in_days, 0);
        assert_eq!(due[0].last_one_on_one, None);
    }
}
