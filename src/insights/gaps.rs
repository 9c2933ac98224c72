//! The gaps matrix: for each active person, how long since each need was addressed, graded
//! against their 1:1 cadence, with the other signs of a thin relationship (an overdue 1:1,
//! promises the leader has not kept, stalled aspirations, no recent acknowledgement), sorted
//! by a gap score so the person who needs the leader most comes first.
//!
//! The gap score (higher is worse; documented in docs/insights.md):
//! - each need: fading 1, missing or an open concern 2; never met counts as if met on the
//!   day the person was there (so a newcomer's needs count nothing at first), never more
//!   than missing; a need the person has as a priority counts double;
//! - the 1:1 rhythm: due today or within the grace days 1, later 3; nothing while paused
//!   or before their start date (they score 0 and are listed last, not ranked);
//! - 2 per overdue follow-up the leader owes (at most 3 counted);
//! - 2 per stalled aspiration (at most 2 counted);
//! - 1 when the last acknowledgement is missing or there never was one.
//!
//! Ties go to the longest time since a 1:1 (never met first), then to the name.

use chrono::{NaiveDate, NaiveDateTime};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::freshness::{
    Freshness, Thresholds, grade_with, is_gap, missing_per_need, need_grade, people_counted,
    since_there, thinnest_need_with, weight,
};
use crate::config::Config;
use crate::domain::{AspirationStatus, Need, Standing};
use crate::store::{OpenConcern, PersonFacts, PersonSummary};

/// At most this many overdue follow-ups count towards the score…
pub(crate) const SCORED_OVERDUE: u32 = 3;
/// …and this many stalled aspirations: beyond that the row is at the top anyway.
pub(crate) const SCORED_STALLED: u32 = 2;

/// One cell of the matrix: one need of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedCell {
    pub need: Need,
    pub last_met: Option<NaiveDateTime>,
    /// When a concern about it was raised, if one is open.
    pub concern_since: Option<NaiveDateTime>,
    /// Days the oldest open concern has been open: what the cell shows while one is.
    pub concern_days: Option<i64>,
    /// Every concern raised since it was last met, oldest first, with what the worry is.
    pub(crate) concerns: Vec<OpenConcern>,
    /// Days since it was last met; `None` when it never was.
    pub days: Option<i64>,
    pub freshness: Freshness,
    /// How it was met the last time, as noted ("" when not noted).
    pub how: String,
    /// Whether it counts as a gap: missing, or never met by someone who has been there
    /// longer than a need stays fading.
    pub is_gap: bool,
}

/// An aspiration with no progress for longer than the stalled threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct StalledAspiration {
    pub id: i64,
    pub title: String,
    pub status: AspirationStatus,
    pub days: i64,
}

/// A sign that counts towards a gap score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "sign", rename_all = "snake_case")]
pub(crate) enum Sign {
    /// A need fading, missing, never met or with a concern open.
    Need {
        need: Need,
        freshness: Freshness,
        /// Days since it was last met, or since a concern was raised when one is open.
        days: Option<i64>,
        /// One of the person's priority needs, which count double.
        priority: bool,
    },
    /// The 1:1 is due today or late by `late_days`.
    OneOnOne {
        freshness: Freshness,
        late_days: i64,
    },
    /// Follow-ups the leader owes that are past due; at most [`SCORED_OVERDUE`] count.
    OverdueFollowUps {
        overdue: u32,
        oldest_days: Option<i64>,
    },
    /// Aspirations with no progress for too long; at most [`SCORED_STALLED`] count.
    StalledAspirations { stalled: u32, longest_days: i64 },
    /// No acknowledgement lately, or never (`days` is `None`).
    Acknowledgement { days: Option<i64> },
}

/// Why a score is what it is: one sign and the points it adds. A row's reasons add up to its
/// score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Reason {
    pub(crate) points: u32,
    #[serde(flatten)]
    pub(crate) sign: Sign,
}

/// One person's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapRow {
    pub person: crate::domain::PersonRef,
    pub cadence_days: u32,
    pub last_one_on_one: Option<NaiveDateTime>,
    pub days_since_one_on_one: Option<i64>,
    /// Fresh before the next 1:1 is due, fading up to the grace days after, then missing.
    pub one_on_one: Freshness,
    /// When the next 1:1 is due, or that they are paused or yet to start.
    pub standing: Standing,
    /// C B A F S; in JSON an object keyed by need.
    #[serde(serialize_with = "needs_by_key")]
    pub needs: [NeedCell; 5],
    pub open_follow_ups: u32,
    /// Follow-ups the leader owes this person that are past due.
    pub overdue_follow_ups: u32,
    pub worst_overdue_days: Option<i64>,
    /// Exploring or active aspirations.
    pub open_aspirations: u32,
    pub(crate) stalled_aspirations: Vec<StalledAspiration>,
    pub last_acknowledgement: Option<NaiveDateTime>,
    pub days_since_acknowledgement: Option<i64>,
    /// The last acknowledgement graded like a need.
    pub(crate) acknowledgement: Freshness,
    pub score: u32,
    /// What the score is made of, the most points first; empty when it is 0.
    pub(crate) reasons: Vec<Reason>,
}

impl GapRow {
    /// The longest stall among the person's aspirations.
    pub(crate) fn worst_stalled_days(&self) -> Option<i64> {
        self.stalled_aspirations.iter().map(|a| a.days).max()
    }
}

/// The need missing for the most people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Thinnest {
    pub need: Need,
    /// People for whom it is missing (`freshness::is_missing`): not met within the fading
    /// window, or never met for longer; open concerns and paused people are not counted.
    pub people: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TeamSummary {
    /// Active people a need can be missing for: those in the matrix who are not paused.
    pub people: usize,
    /// `None` when no need is missing for anyone.
    pub thinnest: Option<Thinnest>,
    /// How many people each need is missing for, C B A F S; in JSON keyed by need.
    #[serde(serialize_with = "counts_by_key")]
    pub missing_per_need: [usize; 5],
    /// How many people (not paused) have a concern open about each need; keyed by need.
    #[serde(serialize_with = "counts_by_key")]
    pub concerns_per_need: [usize; 5],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gaps {
    pub today: NaiveDate,
    pub(crate) thresholds: Thresholds,
    pub one_on_one_grace_days: u32,
    pub stalled_aspiration_days: u32,
    pub(crate) team: TeamSummary,
    /// Worst first.
    pub rows: Vec<GapRow>,
}

fn needs_by_key<S: Serializer>(cells: &[NeedCell; 5], serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(cells.len()))?;
    for cell in cells {
        map.serialize_entry(cell.need.key(), cell)?;
    }
    map.end()
}

/// Five values in C B A F S order as a JSON object keyed by need, never a positional list.
pub(crate) fn counts_by_key<T: Serialize, S: Serializer>(
    counts: &[T; 5],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(counts.len()))?;
    for need in Need::ALL {
        map.serialize_entry(need.key(), &counts[need.index()])?;
    }
    map.end()
}

fn days_since(at: Option<NaiveDateTime>, today: NaiveDate) -> Option<i64> {
    at.map(|at| (today - at.date()).num_days())
}

/// The 1:1 rhythm as a grade: fresh before the next 1:1 is due (and while paused or yet to
/// start), fading on the due day and up to `grace_days` after, missing beyond. Someone
/// never met is graded the same way from the day they were there, so being new is not a
/// gap in itself.
pub(crate) fn grade_one_on_one(standing: Standing, today: NaiveDate, grace_days: u32) -> Freshness {
    let Standing::Due { on } = standing else {
        return Freshness::Fresh;
    };
    let late = (today - on).num_days();
    if late < 0 {
        Freshness::Fresh
    } else if late <= i64::from(grace_days) {
        Freshness::Fading
    } else {
        Freshness::Missing
    }
}

fn one_on_one_points(freshness: Freshness) -> u32 {
    match freshness {
        Freshness::Fresh => 0,
        Freshness::Fading => 1,
        Freshness::Missing | Freshness::Never | Freshness::Concern => 3,
    }
}

/// One person's row of the matrix.
pub fn row(facts: &PersonFacts, today: NaiveDate, config: &Config) -> GapRow {
    let summary = &facts.summary;
    let person = &summary.person;
    let thresholds = config.thresholds();
    let since_there = since_there(summary, today, thresholds);
    let needs = Need::ALL.map(|need| {
        let last_met = summary.needs_last_met[need.index()];
        let freshness = need_grade(summary, need, today, thresholds);
        let concern_since = summary.concerns_since[need.index()];
        NeedCell {
            need,
            last_met,
            concern_since,
            concern_days: days_since(concern_since, today),
            concerns: facts.open_concerns[need.index()].clone(),
            days: days_since(last_met, today),
            freshness,
            how: facts.needs_how[need.index()].clone(),
            is_gap: is_gap(freshness, since_there),
        }
    });
    let standing = summary.standing(today);
    let one_on_one = grade_one_on_one(standing, today, config.one_on_one_grace_days);

    let stalled_aspirations: Vec<StalledAspiration> = facts
        .aspirations
        .iter()
        .map(|a| StalledAspiration {
            id: a.id,
            title: a.title.clone(),
            status: a.status,
            days: (today - a.last_progress_on).num_days(),
        })
        .filter(|a| a.days > i64::from(config.stalled_aspiration_days))
        .collect();
    let acknowledgement = grade_with(
        facts.last_acknowledgement,
        today,
        person.cadence_days,
        thresholds,
    );
    let stalled_count = u32::try_from(stalled_aspirations.len()).unwrap_or(u32::MAX);
    // Away or not started yet, nobody can meet their needs: they are listed, last, and
    // scored nothing.
    let mut reasons = Vec::new();
    if is_ranked(standing) {
        for cell in &needs {
            // The person's priority needs weigh double.
            let priority = person.priorities.contains(&cell.need);
            let factor = if priority { 2 } else { 1 };
            reasons.push(Reason {
                points: factor * weight(cell.freshness, since_there),
                sign: Sign::Need {
                    need: cell.need,
                    freshness: cell.freshness,
                    days: cell.concern_days.or(cell.days),
                    priority,
                },
            });
        }
        if let Standing::Due { on } = standing {
            reasons.push(Reason {
                points: one_on_one_points(one_on_one),
                sign: Sign::OneOnOne {
                    freshness: one_on_one,
                    late_days: (today - on).num_days(),
                },
            });
        }
        reasons.push(Reason {
            points: 2 * facts.overdue_mine.min(SCORED_OVERDUE),
            sign: Sign::OverdueFollowUps {
                overdue: facts.overdue_mine,
                oldest_days: facts
                    .oldest_overdue_mine
                    .map(|due| (today - due).num_days()),
            },
        });
        reasons.push(Reason {
            points: 2 * stalled_count.min(SCORED_STALLED),
            sign: Sign::StalledAspirations {
                stalled: stalled_count,
                longest_days: stalled_aspirations
                    .iter()
                    .map(|a| a.days)
                    .max()
                    .unwrap_or(0),
            },
        });
        reasons.push(Reason {
            points: u32::from(acknowledgement.is_gap()),
            sign: Sign::Acknowledgement {
                days: days_since(facts.last_acknowledgement, today),
            },
        });
    }
    reasons.retain(|r| r.points > 0);
    // The most points first; equal ones keep the matrix's order (needs, 1:1, the rest).
    reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
    let score = reasons.iter().map(|r| r.points).sum();
    GapRow {
        person: crate::domain::PersonRef::of(person),
        cadence_days: person.cadence_days,
        last_one_on_one: summary.last_one_on_one,
        days_since_one_on_one: days_since(summary.last_one_on_one, today),
        one_on_one,
        standing,
        needs,
        open_follow_ups: summary.open_follow_ups,
        overdue_follow_ups: facts.overdue_mine,
        worst_overdue_days: facts
            .oldest_overdue_mine
            .map(|due| (today - due).num_days()),
        open_aspirations: u32::try_from(facts.aspirations.len()).unwrap_or(u32::MAX),
        stalled_aspirations,
        last_acknowledgement: facts.last_acknowledgement,
        days_since_acknowledgement: days_since(facts.last_acknowledgement, today),
        acknowledgement,
        score,
        reasons,
    }
}

/// Whether someone is ranked by their gaps: not while paused, nor before they start.
fn is_ranked(standing: Standing) -> bool {
    matches!(standing, Standing::Due { .. })
}

/// The matrix of active people (archived ones are left out), worst first, with the team line.
pub fn matrix(facts: &[PersonFacts], today: NaiveDate, config: &Config) -> Gaps {
    let active: Vec<&PersonFacts> = facts
        .iter()
        .filter(|f| !f.summary.person.archived)
        .collect();
    let mut rows: Vec<GapRow> = active.iter().map(|f| row(f, today, config)).collect();
    rows.sort_by(|a, b| {
        is_ranked(b.standing)
            .cmp(&is_ranked(a.standing))
            .then_with(|| b.score.cmp(&a.score))
            .then_with(|| {
                // Never met (None) sorts before any number of days.
                let key = |r: &GapRow| r.days_since_one_on_one.map_or(i64::MAX, |d| d);
                key(b).cmp(&key(a))
            })
            .then_with(|| {
                a.person
                    .name
                    .to_lowercase()
                    .cmp(&b.person.name.to_lowercase())
            })
    });
    let summaries: Vec<PersonSummary> = active.iter().map(|f| f.summary.clone()).collect();
    let thinnest = thinnest_need_with(&summaries, today, config.thresholds())
        .map(|(need, people)| Thinnest { need, people });
    let mut concerns_per_need = [0; 5];
    for row in rows
        .iter()
        .filter(|r| !matches!(r.standing, Standing::Paused { .. }))
    {
        for cell in row.needs.iter().filter(|c| c.concern_since.is_some()) {
            concerns_per_need[cell.need.index()] += 1;
        }
    }
    Gaps {
        today,
        thresholds: config.thresholds(),
        one_on_one_grace_days: config.one_on_one_grace_days,
        stalled_aspiration_days: config.stalled_aspiration_days,
        team: TeamSummary {
            people: people_counted(&summaries, today),
            thinnest,
            missing_per_need: missing_per_need(&summaries, today, config.thresholds()),
            concerns_per_need,
        },
        rows,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::Person;
    use crate::store::AspirationPulse;

    pub(crate) fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn at(s: &str) -> Option<NaiveDateTime> {
        Some(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
    }

    /// A person with no history at all.
    pub(crate) fn facts(id: i64, name: &str, cadence: u32) -> PersonFacts {
        PersonFacts {
            summary: PersonSummary {
                person: Person::unsaved(id, name, cadence),
                last_conversation: None,
                last_one_on_one: None,
                first_conversation: None,
                open_follow_ups: 0,
                needs_last_met: [None; 5],
                concerns_since: [None; 5],
            },
            needs_how: Default::default(),
            overdue_mine: 0,
            oldest_overdue_mine: None,
            aspirations: Vec::new(),
            last_acknowledgement: None,
            open_concerns: Default::default(),
        }
    }

    /// Someone met on `last` with every need addressed then.
    fn met(id: i64, name: &str, cadence: u32, last: &str) -> PersonFacts {
        let mut f = facts(id, name, cadence);
        f.summary.last_conversation = at(last);
        f.summary.last_one_on_one = at(last);
        f.summary.needs_last_met = [at(last); 5];
        f.last_acknowledgement = at(last);
        f
    }

    const TODAY: &str = "2026-11-23";

    #[test]
    fn cells_are_graded_against_the_cadence() {
        let mut priya = met(1, "Priya", 14, "2026-11-03 10:00"); // 20 days ago
        priya.summary.needs_last_met[Need::Belonging.index()] = at("2026-10-20 10:00"); // 34d
        priya.summary.needs_last_met[Need::Autonomy.index()] = at("2026-09-13 10:00"); // 71d
        priya.summary.needs_last_met[Need::Fun.index()] = None;
        priya.needs_how[Need::Autonomy.index()] = "chose her own rollout plan".into();
        let row = row(&priya, day(TODAY), &Config::default());
        let grades: Vec<Freshness> = row.needs.iter().map(|c| c.freshness).collect();
        assert_eq!(
            grades,
            [
                Freshness::Fresh,
                Freshness::Fading,
                Freshness::Missing,
                Freshness::Never,
                Freshness::Fresh
            ]
        );
        assert_eq!(row.needs[Need::Autonomy.index()].days, Some(71));
        assert_eq!(
            row.needs[Need::Autonomy.index()].how,
            "chose her own rollout plan"
        );
        assert_eq!(row.needs[Need::Fun.index()].days, None);
        // 20 days against a cadence of 14 plus 2 days' grace: missing.
        assert_eq!(row.one_on_one, Freshness::Missing);
        assert_eq!(row.days_since_one_on_one, Some(20));
        // Needs 0+1+2+2+0 (never met counts as missing since she was there, which for
        // someone with no day added is long ago), the 1:1 3.
        assert_eq!(row.score, 8);
    }

    #[test]
    fn the_last_one_on_one_reads_fresh_fading_missing() {
        let today = day(TODAY);
        let grade = |last: &str, cadence| {
            let mut f = facts(1, "Jo", cadence);
            f.summary.last_one_on_one = at(last);
            grade_one_on_one(f.summary.standing(today), today, 2)
        };
        assert_eq!(grade("2026-11-11 10:00", 14), Freshness::Fresh); // 12d of 14
        assert_eq!(grade("2026-11-16 10:00", 7), Freshness::Fading); // due today
        assert_eq!(grade("2026-11-14 10:00", 7), Freshness::Fading); // 2 days late
        assert_eq!(grade("2026-11-13 10:00", 7), Freshness::Missing); // 3 days late
        // Never met and added three weeks ago: late like anyone due then.
        let mut new = facts(2, "Sam", 7).summary;
        new.person.added_on = Some(day("2026-11-02"));
        assert_eq!(
            grade_one_on_one(new.standing(today), today, 2),
            Freshness::Missing
        );
        // Added today: due today, not yet a gap.
        new.person.added_on = Some(today);
        assert_eq!(
            grade_one_on_one(new.standing(today), today, 2),
            Freshness::Fading
        );
    }

    #[test]
    fn rows_sort_by_score_then_longest_unseen_and_leave_archived_people_out() {
        let today = day(TODAY);
        let fresh = met(1, "Ana", 14, "2026-11-20 10:00");
        let never = facts(2, "Jo", 14); // no conversations at all
        let mut owed = met(3, "Tom", 14, "2026-11-20 10:00");
        owed.overdue_mine = 5;
        owed.oldest_overdue_mine = Some(day("2026-11-13"));
        owed.aspirations = vec![
            AspirationPulse {
                id: 7,
                title: "Lead the migration".into(),
                status: AspirationStatus::Active,
                last_progress_on: day("2026-09-01"), // 83 days
            },
            AspirationPulse {
                id: 8,
                title: "Speak at a meetup".into(),
                status: AspirationStatus::Exploring,
                last_progress_on: day("2026-09-24"), // exactly 60 days: not stalled
            },
        ];
        let mut archived = facts(4, "Old", 7);
        archived.summary.person.archived = true;
        let same_score_older = met(5, "Kim", 14, "2026-11-18 10:00");
        let mut newcomer = facts(6, "Lee", 14);
        newcomer.summary.person.added_on = Some(today);
        let gaps = matrix(
            &[fresh, never, owed, archived, same_score_older, newcomer],
            today,
            &Config::default(),
        );
        let names: Vec<&str> = gaps.rows.iter().map(|r| r.person.name.as_str()).collect();
        assert_eq!(names, ["Jo", "Tom", "Lee", "Kim", "Ana"]);
        let scores: Vec<u32> = gaps.rows.iter().map(|r| r.score).collect();
        // Jo (no day added known): five needs never, counted as missing (10) + due today (1)
        // + no acknowledgement (1).
        // Tom: overdue follow-ups capped at 3 (6) + one stalled aspiration (2).
        // Lee, added today: no need is a gap yet (0), due today (1), no acknowledgement (1):
        // being new is not a gap in itself.
        assert_eq!(scores, [12, 8, 2, 0, 0]);
        let tom = &gaps.rows[1];
        assert_eq!(tom.worst_overdue_days, Some(10));
        assert_eq!(tom.open_aspirations, 2);
        assert_eq!(tom.stalled_aspirations.len(), 1);
        assert_eq!(tom.worst_stalled_days(), Some(83));
        assert!(scores.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(gaps.team.people, 5);
        // Every need is a gap for Jo only (not yet for Lee, added today): the first need in C B A F S order wins the tie.
        assert_eq!(
            gaps.team.thinnest,
            Some(Thinnest {
                need: Need::Competence,
                people: 1
            })
        );
        assert_eq!(gaps.team.missing_per_need, [1; 5]);
    }

    #[test]
    fn a_need_never_met_by_anyone_is_the_thinnest() {
        let today = day(TODAY);
        let mut a = met(1, "Ana", 14, "2026-11-20 10:00");
        let mut b = met(2, "Ben", 14, "2026-11-20 10:00");
        a.summary.needs_last_met[Need::Security.index()] = None;
        b.summary.needs_last_met[Need::Security.index()] = None;
        b.summary.needs_last_met[Need::Fun.index()] = at("2026-01-01 10:00");
        let gaps = matrix(&[a, b], today, &Config::default());
        assert_eq!(
            gaps.team.thinnest,
            Some(Thinnest {
                need: Need::Security,
                people: 2
            })
        );
        assert_eq!(gaps.team.missing_per_need, [0, 0, 0, 1, 2]);
    }

    #[test]
    fn the_reasons_add_up_to_the_score_most_points_first() {
        let today = day(TODAY);
        let mut priya = met(1, "Priya", 14, "2026-11-03 10:00");
        priya.summary.needs_last_met[Need::Autonomy.index()] = at("2026-09-13 10:00"); // 71d
        priya.summary.person.priorities = vec![Need::Autonomy];
        priya.summary.concerns_since[Need::Fun.index()] = at("2026-11-19 10:00");
        priya.overdue_mine = 4;
        priya.oldest_overdue_mine = Some(day("2026-11-13"));
        priya.last_acknowledgement = None;
        let row = row(&priya, today, &Config::default());
        let reasons: Vec<(u32, Sign)> = row
            .reasons
            .iter()
            .map(|r| (r.points, r.sign.clone()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    6,
                    Sign::OverdueFollowUps {
                        overdue: 4,
                        oldest_days: Some(10)
                    }
                ),
                (
                    4,
                    Sign::Need {
                        need: Need::Autonomy,
                        freshness: Freshness::Missing,
                        days: Some(71),
                        priority: true
                    }
                ),
                (
                    3,
                    Sign::OneOnOne {
                        freshness: Freshness::Missing,
                        late_days: 6
                    }
                ),
                (
                    2,
                    Sign::Need {
                        need: Need::Fun,
                        freshness: Freshness::Concern,
                        days: Some(4),
                        priority: false
                    }
                ),
                (1, Sign::Acknowledgement { days: None }),
            ]
        );
        assert_eq!(row.score, 16);
        assert_eq!(row.score, row.reasons.iter().map(|r| r.points).sum::<u32>());
        // Paused: nothing counts, and nothing is listed.
        priya.summary.person.pause =
            Some(crate::domain::Pause::new(day("2026-11-01"), day("2026-12-01")).unwrap());
        let paused = super::row(&priya, today, &Config::default());
        assert_eq!((paused.score, paused.reasons.len()), (0, 0));
    }

    #[test]
    fn the_thinnest_need_counts_missing_not_concerns_nor_paused_people() {
        let today = day(TODAY);
        // Security missing for Ana and Ben; Ben is paused. Fun met lately for all three, with
        // a concern open for Ana and Cy.
        let mut ana = met(1, "Ana", 14, "2026-11-20 10:00");
        ana.summary.needs_last_met[Need::Security.index()] = at("2026-08-01 10:00");
        ana.summary.concerns_since[Need::Fun.index()] = at("2026-11-21 10:00");
        let mut ben = met(2, "Ben", 14, "2026-11-20 10:00");
        ben.summary.needs_last_met[Need::Security.index()] = at("2026-08-01 10:00");
        ben.summary.person.pause =
            Some(crate::domain::Pause::new(day("2026-11-21"), day("2027-01-04")).unwrap());
        let mut cy = met(3, "Cy", 14, "2026-11-20 10:00");
        cy.summary.concerns_since[Need::Fun.index()] = at("2026-11-22 10:00");
        // With nothing missing for Cy, Today does not call his open concern "met lately".
        assert_eq!(
            super::super::freshness::needs_outlook(
                std::slice::from_ref(&cy.summary),
                today,
                Config::default().thresholds()
            ),
            super::super::freshness::NeedsOutlook::ConcernOpen {
                needs: vec![Need::Fun],
                people: 1
            }
        );
        let gaps = matrix(&[ana, ben, cy], today, &Config::default());
        assert_eq!(
            gaps.team.thinnest,
            Some(Thinnest {
                need: Need::Security,
                people: 1
            }),
            "two concerns about Fun are not missing, and Ben is away"
        );
        assert_eq!(gaps.team.people, 2, "of the two not paused");
        assert_eq!(gaps.team.missing_per_need, [0, 0, 0, 0, 1]);
        assert_eq!(gaps.team.concerns_per_need, [0, 0, 0, 2, 0]);
    }

    #[test]
    fn no_people_no_rows_and_no_thinnest_need() {
        let gaps = matrix(&[], day(TODAY), &Config::default());
        assert!(gaps.rows.is_empty());
        assert_eq!(gaps.team.thinnest, None);
    }

    #[test]
    fn priority_needs_weigh_double_and_concerns_count_as_gaps() {
        let today = day(TODAY);
        let mut ana = met(1, "Ana", 14, "2026-11-20 10:00");
        ana.summary.needs_last_met[Need::Security.index()] = at("2026-09-01 10:00"); // missing
        let plain = row(&ana, today, &Config::default());
        assert_eq!(plain.score, 2);
        ana.summary.person.priorities = vec![Need::Security];
        assert_eq!(row(&ana, today, &Config::default()).score, 4);
        // A concern raised after it was last met: flagged whatever the time since.
        ana.summary.needs_last_met[Need::Fun.index()] = at("2026-11-20 10:00");
        ana.summary.concerns_since[Need::Fun.index()] = at("2026-11-21 10:00");
        let flagged = row(&ana, today, &Config::default());
        assert_eq!(
            flagged.needs[Need::Fun.index()].freshness,
            Freshness::Concern
        );
        assert!(flagged.needs[Need::Fun.index()].is_gap);
        assert_eq!(flagged.score, 6);
    }

    #[test]
    fn thresholds_come_from_the_config() {
        let mut ana = met(1, "Ana", 7, "2026-11-20 10:00");
        ana.summary.needs_last_met[Need::Fun.index()] = at("2026-11-05 10:00"); // 18 days
        let default = row(&ana, day(TODAY), &Config::default());
        assert_eq!(
            default.needs[Need::Fun.index()].freshness,
            Freshness::Fading
        );
        let strict = Config {
            fresh_cadences: 1,
            fading_cadences: 2,
            fading_days_min: 14,
            ..Config::default()
        };
        let strict = row(&ana, day(TODAY), &strict);
        assert_eq!(
            strict.needs[Need::Fun.index()].freshness,
            Freshness::Missing
        );
    }

    #[test]
    fn json_keys_every_need_by_name() {
        let gaps = matrix(&[facts(1, "Jo", 14)], day(TODAY), &Config::default());
        let value = serde_json::to_value(&gaps).unwrap();
        let needs = &value["rows"][0]["needs"];
        for need in Need::ALL {
            assert_eq!(needs[need.key()]["freshness"], "never", "{need}");
        }
        assert_eq!(value["team"]["missing_per_need"]["autonomy"], 1);
    }
}
