//! One person's picture over months: mood per conversation, each need per month (met, a
//! concern, or not addressed), 1:1s held against what their cadence asked for, and
//! follow-through both ways. `rapport trends`, the trends view and the review dossier all
//! draw these series.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::{CadenceKinds, Conversation, FollowUp, Need, NeedState, Owner, Person};

/// The 1:1s a person's cadence asked for over `start..end`: the days they were there and not
/// paused over their cadence, as a whole number, half rounded up (4.3 is 4, 0.5 is 1). One
/// rule for the trends, the review and the timeline's strips, so none of them says
/// "4.3 expected". They were there from [`tracked_from`]: a 1:1 back-filled before the day
/// they were added counts against a cadence, never against 0 expected ("2/0").
pub(crate) fn expected_one_on_ones(
    person: &Person,
    first_conversation: Option<NaiveDate>,
    start: NaiveDate,
    end: NaiveDate,
) -> u32 {
    let days = days_there(person, first_conversation, start, end);
    let cadence = i64::from(person.cadence_days.max(1));
    u32::try_from((2 * days + cadence) / (2 * cadence)).unwrap_or(u32::MAX)
}

/// The days of `start..end` the person was there (from [`tracked_from`]) and not paused.
pub(crate) fn days_there(
    person: &Person,
    first_conversation: Option<NaiveDate>,
    start: NaiveDate,
    end: NaiveDate,
) -> i64 {
    let mut rhythm = person.rhythm();
    // A conversation only ever moves the day they came earlier; with no day known they were
    // there all along.
    if let (Some(known), Some(talked)) = (rhythm.earliest(), first_conversation) {
        rhythm.started_on = None;
        rhythm.added_on = Some(known.min(talked));
    }
    rhythm.days_present(start, end).max(0)
}

/// A need in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum NeedMonth {
    /// Met at least once, and no concern left open at the month's end.
    Met,
    /// A concern raised and still open at the month's end.
    Concern,
    /// Neither met nor raised.
    NotAddressed,
}

impl NeedMonth {
    /// One character for the heat strips, readable without colour.
    pub(crate) fn mark(self) -> char {
        match self {
            NeedMonth::Met => '●',
            NeedMonth::Concern => crate::domain::CONCERN_MARK,
            NeedMonth::NotAddressed => '·',
        }
    }
}

/// Promises due in a month, by how they were kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct FollowThrough {
    pub(crate) on_time: u32,
    pub(crate) late: u32,
    pub(crate) open: u32,
}

/// Promises over several months (or people): each count added up.
impl std::iter::Sum for FollowThrough {
    fn sum<I: Iterator<Item = FollowThrough>>(all: I) -> FollowThrough {
        all.fold(FollowThrough::default(), |a, b| FollowThrough {
            on_time: a.on_time + b.on_time,
            late: a.late + b.late,
            open: a.open + b.open,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct MonthTrend {
    /// The month's first day.
    pub(crate) month: NaiveDate,
    /// The average mood of the month's conversations that noted one.
    pub(crate) mood: Option<f64>,
    /// In C B A F S order; in JSON an object keyed by need.
    #[serde(serialize_with = "crate::insights::gaps::counts_by_key")]
    pub(crate) needs: [NeedMonth; 5],
    /// The days of the month the person was there and not paused, up to today.
    pub(crate) days_there: u32,
    /// 1:1s held: conversations of a cadence kind.
    pub(crate) one_on_ones: u32,
    /// What the cadence asked for over the days they were there and not paused
    /// ([`expected_one_on_ones`]).
    pub(crate) expected: u32,
    /// The follow-ups the leader owed that fell due this month.
    pub(crate) mine: FollowThrough,
    /// The follow-ups they owed that fell due this month.
    pub(crate) theirs: FollowThrough,
}

/// One conversation's mood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct MoodPoint {
    pub(crate) at: NaiveDateTime,
    pub(crate) mood: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PersonTrend {
    pub(crate) person: crate::domain::PersonRef,
    /// The first day the trend covers: the first of the months asked for, or the day the
    /// person was first there when that is later ([`tracked_from`]).
    pub(crate) since: NaiveDate,
    /// Each conversation's mood, oldest first.
    pub(crate) moods: Vec<MoodPoint>,
    /// Oldest first, from the month holding `since`; the last is the month holding `today`.
    pub(crate) months: Vec<MonthTrend>,
    /// What the leader handed over to them since `since`, and how it turned out.
    pub(crate) handed: super::handover::Handed,
}

/// The first day of the month `count - 1` months before the one holding `today`: where a
/// trend over `count` months starts.
pub(crate) fn first_month(today: NaiveDate, count: u32) -> NaiveDate {
    let this_month = today.with_day(1).expect("every month has a first day");
    this_month
        .checked_sub_months(Months::new(count.saturating_sub(1)))
        .unwrap_or(this_month)
}

/// The first day a person was there: the earlier of their first conversation (a back-filled
/// one shows they were there) and the day they were added or started; `None` when nothing
/// says.
pub(crate) fn tracked_from(
    person: &Person,
    first_conversation: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (person.rhythm().earliest(), first_conversation) {
        (Some(there), Some(talked)) => Some(there.min(talked)),
        (there, talked) => there.or(talked),
    }
}

/// The trend over `count` months up to `today`, from the person's conversations since
/// [`first_month`] (oldest first), their first conversation ever and their follow-ups. It
/// starts at the month the person was first there when that is later, so someone tracked
/// since August has no empty months before August.
pub(crate) fn person_trend(
    person: &Person,
    conversations: &[Conversation],
    first_conversation: Option<NaiveDate>,
    follow_ups: &[FollowUp],
    cadence_kinds: CadenceKinds,
    today: NaiveDate,
    count: u32,
) -> PersonTrend {
    let window = first_month(today, count);
    let this_month = first_month(today, 1);
    let since = tracked_from(person, first_conversation)
        .map_or(window, |there| there.max(window))
        .min(today);
    let start = since.with_day(1).unwrap_or(this_month).min(this_month);
    let months = months_between(start, today);
    let mut trend = months_of(
        person,
        conversations,
        first_conversation,
        follow_ups,
        cadence_kinds,
        today,
        months,
    );
    trend.since = since;
    trend
}

/// The months from the one holding `from` to the one holding `today`, both counted.
pub(crate) fn months_between(from: NaiveDate, today: NaiveDate) -> u32 {
    let months = (today.year() - from.year()) * 12 + today.month() as i32 - from.month() as i32;
    u32::try_from(months + 1).unwrap_or(1).clamp(1, 1200)
}

/// Every one of the `count` months up to `today`, whenever the person came.
fn months_of(
    person: &Person,
    conversations: &[Conversation],
    first_conversation: Option<NaiveDate>,
    follow_ups: &[FollowUp],
    cadence_kinds: CadenceKinds,
    today: NaiveDate,
    count: u32,
) -> PersonTrend {
    let start = first_month(today, count);
    let months = (0..count.max(1))
        .filter_map(|i| start.checked_add_months(Months::new(i)))
        .map(|month| {
            let next = month
                .checked_add_months(Months::new(1))
                .expect("a month after one in 1970–2100");
            let within: Vec<&Conversation> = conversations
                .iter()
                .filter(|c| c.happened_at.date() >= month && c.happened_at.date() < next)
                .collect();
            let moods: Vec<f64> = within
                .iter()
                .filter_map(|c| c.mood.map(|m| f64::from(m.value())))
                .collect();
            let end = next.min(today.succ_opt().unwrap_or(today));
            MonthTrend {
                month,
                mood: (!moods.is_empty()).then(|| moods.iter().sum::<f64>() / moods.len() as f64),
                needs: Need::ALL.map(|need| need_month(&within, need)),
                days_there: if month > today {
                    0
                } else {
                    u32::try_from(days_there(person, first_conversation, month, end)).unwrap_or(0)
                },
                one_on_ones: within
                    .iter()
                    .filter(|c| cadence_kinds.counts(c.kind))
                    .count() as u32,
                expected: if month > today {
                    0
                } else {
                    expected_one_on_ones(person, first_conversation, month, end)
                },
                mine: follow_through(follow_ups, Owner::Me, month, next, today),
                theirs: follow_through(follow_ups, Owner::Them, month, next, today),
            }
        })
        .collect();
    PersonTrend {
        person: crate::domain::PersonRef::of(person),
        // Counted by `views::trends::read_with_rows`, from the person's delegations.
        handed: super::handover::Handed::default(),
        since: start,
        moods: conversations
            .iter()
            .filter(|c| c.happened_at.date() >= start)
            .filter_map(|c| {
                c.mood.map(|m| MoodPoint {
                    at: c.happened_at,
                    mood: m.value(),
                })
            })
            .collect(),
        months,
    }
}

/// How a need stood in a month's conversations (oldest first): the last word wins, so a
/// concern met later in the month reads met.
fn need_month(within: &[&Conversation], need: Need) -> NeedMonth {
    within
        .iter()
        .flat_map(|c| c.needs.iter().filter(|n| n.need == need))
        .fold(NeedMonth::NotAddressed, |_, n| match n.state {
            NeedState::Met => NeedMonth::Met,
            NeedState::Concern => NeedMonth::Concern,
        })
}

/// The follow-ups `owner` owed that fell due in `month..next`: done by the due day, done
/// after it (or still open past it), or still open and not yet due.
fn follow_through(
    follow_ups: &[FollowUp],
    owner: Owner,
    month: NaiveDate,
    next: NaiveDate,
    today: NaiveDate,
) -> FollowThrough {
    let mut kept = FollowThrough::default();
    for item in follow_ups.iter().filter(|f| f.owner == owner) {
        let Some(due) = item.due_on.filter(|due| *due >= month && *due < next) else {
            continue;
        };
        // Kept on time counts a pause: one falling due while they were away was due the
        // day they came back.
        let due = item.due_counting_pause().unwrap_or(due);
        match item.done_on {
            Some(done) if done <= due => kept.on_time += 1,
            Some(_) => kept.late += 1,
            None if due < today => kept.late += 1,
            None => kept.open += 1,
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ConversationKind, ConversationNeed, Mood, Pause};
    use uuid::Uuid;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn talk(
        on: &str,
        kind: ConversationKind,
        mood: i64,
        needs: &[(Need, NeedState)],
    ) -> Conversation {
        Conversation {
            id: 0,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Ana".into(),
            person_uuid: uuid::Uuid::nil(),
            happened_at: day(on).and_hms_opt(10, 0, 0).unwrap(),
            kind,
            mood: Mood::new(mood),
            stance: None,
            summary: String::new(),
            notes: String::new(),
            needs: needs
                .iter()
                .map(|(need, state)| ConversationNeed {
                    need: *need,
                    state: *state,
                    how: String::new(),
                })
                .collect(),
            tags: Vec::new(),
        }
    }

    fn promise(owner: Owner, due: &str, done: Option<&str>) -> FollowUp {
        FollowUp {
            id: 0,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Ana".into(),
            person_uuid: uuid::Uuid::nil(),
            conversation_id: None,
            owner,
            text: "x".into(),
            due_on: Some(day(due)),
            done_on: done.map(day),
            made_on: day("2026-08-01"),
            pause: None,
        }
    }

    #[test]
    fn months_carry_mood_needs_rhythm_and_follow_through() {
        let mut ana = Person::unsaved(1, "Ana", 14);
        ana.added_on = Some(day("2026-01-01"));
        ana.pause = Some(Pause::new(day("2026-10-01"), day("2026-11-01")).unwrap());
        let one = ConversationKind::OneOnOne;
        let talks = [
            talk(
                "2026-09-03",
                one,
                4,
                &[(Need::Security, NeedState::Concern)],
            ),
            talk("2026-09-17", one, 2, &[(Need::Security, NeedState::Met)]),
            talk(
                "2026-09-24",
                ConversationKind::Informal,
                3,
                &[(Need::Fun, NeedState::Concern)],
            ),
            talk("2026-11-20", one, 5, &[(Need::Competence, NeedState::Met)]),
        ];
        let promises = [
            promise(Owner::Me, "2026-09-10", Some("2026-09-09")),
            promise(Owner::Me, "2026-09-12", Some("2026-09-20")),
            promise(Owner::Me, "2026-11-10", None),
            promise(Owner::Me, "2026-11-30", None),
            promise(Owner::Them, "2026-11-28", Some("2026-11-21")),
        ];
        let trend = person_trend(
            &ana,
            &talks,
            None,
            &promises,
            CadenceKinds::default(),
            day("2026-11-25"),
            3,
        );
        let months: Vec<NaiveDate> = trend.months.iter().map(|m| m.month).collect();
        assert_eq!(
            months,
            [day("2026-09-01"), day("2026-10-01"), day("2026-11-01")]
        );
        let [september, october, november] = &trend.months[..] else {
            panic!("three months")
        };
        assert_eq!(september.mood, Some(3.0));
        assert_eq!(
            september.needs,
            [
                NeedMonth::NotAddressed,
                NeedMonth::NotAddressed,
                NeedMonth::NotAddressed,
                NeedMonth::Concern,
                NeedMonth::Met,
            ],
            "a concern met later in the month reads met"
        );
        assert_eq!(september.one_on_ones, 2, "an informal chat keeps no rhythm");
        assert_eq!(september.expected, 2, "30 days at 14 is 2.1: two");
        assert_eq!(
            september.mine,
            FollowThrough {
                on_time: 1,
                late: 1,
                open: 0
            }
        );
        assert_eq!(october.expected, 0, "paused the whole month");
        assert_eq!(october.mood, None);
        assert_eq!(
            november.expected, 2,
            "25 days up to today at 14 is 1.8: two"
        );
        assert_eq!(
            november.mine,
            FollowThrough {
                on_time: 0,
                late: 1,
                open: 1
            }
        );
        assert_eq!(
            november.theirs,
            FollowThrough {
                on_time: 1,
                late: 0,
                open: 0
            }
        );
        assert_eq!(trend.moods.len(), 4);
        assert_eq!(first_month(day("2026-11-25"), 12), day("2025-12-01"));
    }

    #[test]
    fn expected_one_on_ones_are_whole_half_rounded_up() {
        let mut ana = Person::unsaved(1, "Ana", 7);
        ana.added_on = Some(day("2026-01-01"));
        // 30 days at a weekly cadence: 4.3 reads 4.
        assert_eq!(
            expected_one_on_ones(&ana, None, day("2026-09-01"), day("2026-10-01")),
            4
        );
        // 32 days: 4.6 reads 5.
        assert_eq!(
            expected_one_on_ones(&ana, None, day("2026-09-01"), day("2026-10-03")),
            5
        );
        ana.cadence_days = 14;
        // 7 days at 14: half a 1:1 reads one.
        assert_eq!(
            expected_one_on_ones(&ana, None, day("2026-09-01"), day("2026-09-08")),
            1
        );
        // 6 days: 0.4 reads none.
        assert_eq!(
            expected_one_on_ones(&ana, None, day("2026-09-01"), day("2026-09-07")),
            0
        );
        // Added in November with 1:1s back-filled from 3 October: October (29 days there at
        // 14) asked for two, not none, so it never reads "2/0".
        ana.added_on = Some(day("2026-11-23"));
        let october = (day("2026-10-01"), day("2026-11-01"));
        assert_eq!(expected_one_on_ones(&ana, None, october.0, october.1), 0);
        assert_eq!(
            expected_one_on_ones(&ana, Some(day("2026-10-03")), october.0, october.1),
            2
        );
        // A conversation never moves the day they came later.
        assert_eq!(
            expected_one_on_ones(&ana, Some(day("2026-11-30")), october.0, october.1),
            0
        );
    }

    #[test]
    fn a_trend_starts_when_the_person_was_first_there() {
        let mut ana = Person::unsaved(1, "Ana", 14);
        ana.added_on = Some(day("2026-08-14"));
        let talks = [talk("2026-09-03", ConversationKind::OneOnOne, 4, &[])];
        let trend = person_trend(
            &ana,
            &talks,
            Some(day("2026-09-03")),
            &[],
            CadenceKinds::default(),
            day("2026-11-25"),
            12,
        );
        let months: Vec<NaiveDate> = trend.months.iter().map(|m| m.month).collect();
        assert_eq!(
            months,
            [
                day("2026-08-01"),
                day("2026-09-01"),
                day("2026-10-01"),
                day("2026-11-01")
            ],
            "no empty months before August"
        );
        assert_eq!(trend.since, day("2026-08-14"));
        // A conversation back-filled from before the day added shows they were there.
        let trend = person_trend(
            &ana,
            &talks,
            Some(day("2026-05-20")),
            &[],
            CadenceKinds::default(),
            day("2026-11-25"),
            12,
        );
        assert_eq!(trend.months[0].month, day("2026-05-01"));
        // Someone there for longer than the months asked for shows all of them.
        ana.added_on = Some(day("2020-01-01"));
        let trend = person_trend(
            &ana,
            &talks,
            None,
            &[],
            CadenceKinds::default(),
            day("2026-11-25"),
            12,
        );
        assert_eq!(trend.months.len(), 12);
        assert_eq!(trend.since, day("2025-12-01"));
    }
}

/// The whole team in one month: how many people had each need met, or a concern left open,
/// and the team's 1:1s and promises.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TeamMonth {
    pub(crate) month: NaiveDate,
    /// The average of every mood noted that month.
    pub(crate) mood: Option<f64>,
    /// People there that month (not paused all of it, already started).
    pub(crate) people: u32,
    /// Per need, in C B A F S order: people whose need was met that month.
    #[serde(serialize_with = "crate::insights::gaps::counts_by_key")]
    pub(crate) met: [u32; 5],
    /// Per need: people with a concern still open at the month's end.
    #[serde(serialize_with = "crate::insights::gaps::counts_by_key")]
    pub(crate) concerns: [u32; 5],
    pub(crate) one_on_ones: u32,
    /// The sum of each person's expected 1:1s, so the team's figure adds up the people's.
    pub(crate) expected: u32,
    pub(crate) mine: FollowThrough,
    pub(crate) theirs: FollowThrough,
}

/// The team's months, from each person's trend (`people` with their conversations since
/// [`first_month`], oldest first, and their follow-ups).
pub(crate) fn team_trend(
    people: &[(Person, Vec<Conversation>, Vec<FollowUp>)],
    cadence_kinds: CadenceKinds,
    today: NaiveDate,
    count: u32,
) -> Vec<TeamMonth> {
    let trends: Vec<PersonTrend> = people
        .iter()
        .map(|(person, conversations, follow_ups)| {
            months_of(
                person,
                conversations,
                // Only the months shown are read: the first of them bounds the rest.
                conversations.iter().map(|c| c.happened_at.date()).min(),
                follow_ups,
                cadence_kinds,
                today,
                count,
            )
        })
        .collect();
    let start = first_month(today, count);
    (0..count.max(1))
        .filter_map(|i| start.checked_add_months(Months::new(i)))
        .enumerate()
        .map(|(at, month)| {
            let of_month: Vec<&MonthTrend> = trends.iter().map(|t| &t.months[at]).collect();
            let next = month.checked_add_months(Months::new(1)).unwrap_or(month);
            let moods: Vec<f64> = people
                .iter()
                .flat_map(|(_, conversations, _)| conversations)
                .filter(|c| c.happened_at.date() >= month && c.happened_at.date() < next)
                .filter_map(|c| c.mood.map(|m| f64::from(m.value())))
                .collect();
            let count_state = |need: Need, state: NeedMonth| {
                of_month
                    .iter()
                    .filter(|m| m.needs[need.index()] == state)
                    .count() as u32
            };
            TeamMonth {
                month,
                mood: (!moods.is_empty()).then(|| moods.iter().sum::<f64>() / moods.len() as f64),
                people: of_month
                    .iter()
                    .filter(|m| m.days_there > 0 || m.one_on_ones > 0)
                    .count() as u32,
                met: Need::ALL.map(|need| count_state(need, NeedMonth::Met)),
                concerns: Need::ALL.map(|need| count_state(need, NeedMonth::Concern)),
                one_on_ones: of_month.iter().map(|m| m.one_on_ones).sum(),
                expected: of_month.iter().map(|m| m.expected).sum(),
                mine: of_month.iter().map(|m| m.mine).sum(),
                theirs: of_month.iter().map(|m| m.theirs).sum(),
            }
        })
        .collect()
}

#[cfg(test)]
mod team_tests {
    use super::*;
    use crate::domain::{ConversationKind, ConversationNeed, Mood};
    use uuid::Uuid;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn talk(person_id: i64, on: &str, mood: i64, need: Need, state: NeedState) -> Conversation {
        Conversation {
            id: 0,
            uuid: Uuid::nil(),
            person_id,
            person_name: String::new(),
            person_uuid: uuid::Uuid::nil(),
            happened_at: day(on).and_hms_opt(10, 0, 0).unwrap(),
            kind: ConversationKind::OneOnOne,
            mood: Mood::new(mood),
            stance: None,
            summary: String::new(),
            notes: String::new(),
            needs: vec![ConversationNeed {
                need,
                state,
                how: String::new(),
            }],
            tags: Vec::new(),
        }
    }

    #[test]
    fn the_team_month_counts_people_per_need_and_averages_every_mood() {
        let mut ana = Person::unsaved(1, "Ana", 14);
        ana.added_on = Some(day("2026-01-01"));
        let mut bo = Person::unsaved(2, "Bo", 28);
        bo.added_on = Some(day("2026-01-01"));
        let team = [
            (
                ana,
                vec![
                    talk(1, "2026-11-03", 4, Need::Fun, NeedState::Met),
                    talk(1, "2026-11-17", 2, Need::Security, NeedState::Concern),
                ],
                vec![],
            ),
            (
                bo,
                vec![talk(2, "2026-11-10", 3, Need::Fun, NeedState::Met)],
                vec![],
            ),
        ];
        let months = team_trend(&team, CadenceKinds::default(), day("2026-11-25"), 2);
        assert_eq!(months.len(), 2);
        let november = &months[1];
        assert_eq!(november.mood, Some(3.0));
        assert_eq!(november.people, 2);
        assert_eq!(november.met[Need::Fun.index()], 2);
        assert_eq!(november.concerns[Need::Security.index()], 1);
        assert_eq!(november.one_on_ones, 3);
        assert_eq!(november.expected, 2 + 1, "1.8 and 0.9, each rounded, added");
        assert_eq!(months[0].mood, None);
    }
}
