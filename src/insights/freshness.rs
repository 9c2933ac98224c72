//! How recently a need was addressed for someone, relative to how often the leader meets them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

// The thresholds are the domain's rule; the screens reach them through the grading.
pub use crate::domain::Thresholds;
use crate::domain::{Need, Standing};
use crate::store::PersonSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Freshness {
    Fresh,
    Fading,
    Missing,
    Never,
    /// Raised as a concern and not met since: flagged whatever the time.
    Concern,
}

impl Freshness {
    /// The symbol that carries the meaning without colour: ● ◐ ○ · !
    pub(crate) fn symbol(self) -> char {
        match self {
            Freshness::Fresh => '●',
            Freshness::Fading => '◐',
            Freshness::Missing => '○',
            Freshness::Never => '·',
            Freshness::Concern => crate::domain::CONCERN_MARK,
        }
    }

    /// Missing and never-met needs, and open concerns, are leadership gaps.
    pub(crate) fn is_gap(self) -> bool {
        matches!(
            self,
            Freshness::Missing | Freshness::Never | Freshness::Concern
        )
    }
}

/// [`grade_with`] with the default thresholds.
#[cfg(test)]
fn grade(last_met: Option<NaiveDateTime>, today: NaiveDate, cadence_days: u32) -> Freshness {
    grade_with(last_met, today, cadence_days, Thresholds::default())
}

/// [`grade`] with the leader's own thresholds.
pub(crate) fn grade_with(
    last_met: Option<NaiveDateTime>,
    today: NaiveDate,
    cadence_days: u32,
    thresholds: Thresholds,
) -> Freshness {
    let Some(last) = last_met else {
        return Freshness::Never;
    };
    let days = (today - last.date()).num_days();
    let (fresh, fading) = thresholds.windows(cadence_days);
    if days <= fresh {
        Freshness::Fresh
    } else if days <= fading {
        Freshness::Fading
    } else {
        Freshness::Missing
    }
}

/// How someone's never-met needs count: as if met on the day they were there (added or
/// started, or their first conversation if that came earlier, as in a back-filled journal),
/// so being new is not a gap; with no such day known, as missing.
pub(crate) fn since_there(
    summary: &PersonSummary,
    today: NaiveDate,
    thresholds: Thresholds,
) -> Freshness {
    let person = &summary.person;
    let first_talk = summary.first_conversation.map(|at| at.date());
    let there = match (person.rhythm().earliest(), first_talk) {
        (Some(joined), Some(talked)) => Some(joined.min(talked)),
        (joined, talked) => joined.or(talked),
    };
    match there {
        Some(day) => grade_with(
            Some(day.and_time(NaiveTime::MIN)),
            today,
            person.cadence_days,
            thresholds,
        ),
        None => Freshness::Missing,
    }
}

/// How much a need counts against someone: fresh 0, fading 1, missing 2, and never met as
/// [`since_there`] says (never more than missing).
pub(crate) fn weight(freshness: Freshness, since_there: Freshness) -> u32 {
    match freshness {
        Freshness::Fresh => 0,
        Freshness::Fading => 1,
        Freshness::Missing | Freshness::Concern => 2,
        Freshness::Never => weight(since_there, Freshness::Missing),
    }
}

/// Whether a need is a gap for someone: it weighs as much as a missing one.
pub(crate) fn is_gap(freshness: Freshness, since_there: Freshness) -> bool {
    weight(freshness, since_there) >= 2
}

/// How one need stands for someone: a concern raised and not met since, else how long
/// since it was last met against their cadence.
pub(crate) fn need_grade(
    summary: &PersonSummary,
    need: Need,
    today: NaiveDate,
    thresholds: Thresholds,
) -> Freshness {
    if summary.concerns_since[need.index()].is_some() {
        return Freshness::Concern;
    }
    grade_with(
        summary.needs_last_met[need.index()],
        today,
        summary.person.cadence_days,
        thresholds,
    )
}

/// The five needs of one person, in C B A F S order.
pub(crate) fn strip(
    summary: &PersonSummary,
    today: NaiveDate,
    thresholds: Thresholds,
) -> [Freshness; 5] {
    Need::ALL.map(|need| need_grade(summary, need, today, thresholds))
}

/// Whether `need` is missing for someone: not met within the fading window of their cadence
/// (a need never met counts from the day they were there, [`since_there`]). An open concern
/// does not make a need missing, nor does one hide it: it is counted on its own. Nothing is
/// missing for someone paused, who cannot be met.
pub(crate) fn is_missing(
    summary: &PersonSummary,
    need: Need,
    today: NaiveDate,
    thresholds: Thresholds,
    since_there: Freshness,
) -> bool {
    if matches!(
        summary.standing(today),
        crate::domain::Standing::Paused { .. }
    ) {
        return false;
    }
    let grade = grade_with(
        summary.needs_last_met[need.index()],
        today,
        summary.person.cadence_days,
        thresholds,
    );
    weight(grade, since_there) >= 2
}

/// Per need, in C B A F S order: how many active people it is missing for ([`is_missing`]).
pub(crate) fn missing_per_need(
    people: &[PersonSummary],
    today: NaiveDate,
    thresholds: Thresholds,
) -> [usize; 5] {
    let mut missing = [0; 5];
    for person in people.iter().filter(|p| !p.person.archived) {
        let since = since_there(person, today, thresholds);
        for need in Need::ALL {
            if is_missing(person, need, today, thresholds, since) {
                missing[need.index()] += 1;
            }
        }
    }
    missing
}

/// Active people a need can be missing for: neither archived nor paused.
pub(crate) fn people_counted(people: &[PersonSummary], today: NaiveDate) -> usize {
    people
        .iter()
        .filter(|p| {
            !p.person.archived
                && !matches!(p.standing(today), crate::domain::Standing::Paused { .. })
        })
        .count()
}

/// The need missing ([`is_missing`]) for the most active people, with how many; `None` when
/// no need is missing for anyone. Ties go to the earlier need in C B A F S order. Gaps'
/// team line and Today's question both name this one need.
pub(crate) fn thinnest_need_with(
    people: &[PersonSummary],
    today: NaiveDate,
    thresholds: Thresholds,
) -> Option<(Need, usize)> {
    let missing = missing_per_need(people, today, thresholds);
    Need::ALL
        .into_iter()
        .map(|need| (need, missing[need.index()]))
        .filter(|(_, people)| *people > 0)
        .fold(None, |best: Option<(Need, usize)>, candidate| match best {
            Some(b) if b.1 >= candidate.1 => Some(b),
            _ => Some(candidate),
        })
}

/// What can truly be said about the team's needs today: Today's question box and `rapport
/// today` both word this one value. "Every need has been met lately" is said only when it
/// is so: never while nothing is logged, nor while a need has had no conversation yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub(crate) enum NeedsOutlook {
    /// Nobody active to ask about.
    #[default]
    Nobody,
    /// No conversation logged with anyone active yet: no need is known to be met.
    NothingLogged,
    /// The thinnest need ([`thinnest_need_with`]) and how many people it is missing for.
    Thinnest { need: Need, people: usize },
    /// No need is missing, but concerns about these needs are open for `people` people
    /// (not paused).
    ConcernOpen { needs: Vec<Need>, people: usize },
    /// No need is a gap yet, but these have had no conversation meeting them for `people`
    /// people (someone new, met recently).
    NotYetMet { needs: Vec<Need>, people: usize },
    /// Every need of everyone active met, and none of them missing or a concern.
    AllMet,
}

/// The [`NeedsOutlook`] of the active (not archived) people.
pub(crate) fn needs_outlook(
    people: &[PersonSummary],
    today: NaiveDate,
    thresholds: Thresholds,
) -> NeedsOutlook {
    let active: Vec<&PersonSummary> = people.iter().filter(|p| !p.person.archived).collect();
    if active.is_empty() {
        return NeedsOutlook::Nobody;
    }
    if active.iter().all(|p| p.last_conversation.is_none()) {
        return NeedsOutlook::NothingLogged;
    }
    // Someone away is not someone whose needs can be met this week: their concerns and gaps
    // wait for their return instead of naming the team's thinnest need.
    let here: Vec<PersonSummary> = people
        .iter()
        .filter(|p| !matches!(p.standing(today), Standing::Paused { .. }))
        .cloned()
        .collect();
    let active: Vec<&PersonSummary> = active
        .into_iter()
        .filter(|p| !matches!(p.standing(today), Standing::Paused { .. }))
        .collect();
    if let Some((need, people)) = thinnest_need_with(&here, today, thresholds) {
        return NeedsOutlook::Thinnest { need, people };
    }
    // A concern open is not a need met lately, though no need is missing.
    let concerned: Vec<&&PersonSummary> = active
        .iter()
        .filter(|p| !matches!(p.standing(today), crate::domain::Standing::Paused { .. }))
        .filter(|p| p.concerns_since.iter().any(Option::is_some))
        .collect();
    if !concerned.is_empty() {
        let needs = Need::ALL
            .into_iter()
            .filter(|need| {
                concerned
                    .iter()
                    .any(|p| p.concerns_since[need.index()].is_some())
            })
            .collect();
        return NeedsOutlook::ConcernOpen {
            needs,
            people: concerned.len(),
        };
    }
    let never =
        |p: &PersonSummary, need: Need| need_grade(p, need, today, thresholds) == Freshness::Never;
    let needs: Vec<Need> = Need::ALL
        .into_iter()
        .filter(|&need| active.iter().any(|p| never(p, need)))
        .collect();
    if needs.is_empty() {
        return NeedsOutlook::AllMet;
    }
    let people = active
        .iter()
        .filter(|p| needs.iter().any(|&need| never(p, need)))
        .count();
    NeedsOutlook::NotYetMet { needs, people }
}

/// A question for today about `need`, changing day by day through the catalog's list.
pub(crate) fn question_for(need: Need, today: NaiveDate) -> &'static str {
    let questions = need.questions();
    let index = usize::try_from(today.num_days_from_ce()).unwrap_or(0) % questions.len().max(1);
    questions.get(index).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<NaiveDateTime> {
        Some(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
    }

    #[test]
    fn grades_scale_with_cadence() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(grade(None, today, 14), Freshness::Never);
        assert_eq!(grade(at("2026-11-09 10:00"), today, 7), Freshness::Fresh); // 14d = 2 cadences
        assert_eq!(grade(at("2026-11-08 10:00"), today, 7), Freshness::Fading); // 15d
        assert_eq!(grade(at("2026-10-26 10:00"), today, 7), Freshness::Fading); // 28d
        assert_eq!(grade(at("2026-10-25 10:00"), today, 7), Freshness::Missing); // 29d
        assert_eq!(grade(at("2026-10-25 10:00"), today, 14), Freshness::Fading); // 29d > 2 × 14
        assert_eq!(grade(at("2026-10-26 10:00"), today, 14), Freshness::Fresh); // 28d
    }

    #[test]
    fn floors_and_ceilings_hold_the_extremes_of_cadence() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // Met five days ago with a daily 1:1: still fresh (was missing at 2 × 1 day).
        assert_eq!(grade(at("2026-11-18 10:00"), today, 1), Freshness::Fresh);
        assert_eq!(grade(at("2026-11-09 10:00"), today, 1), Freshness::Fading); // 14d
        assert_eq!(grade(at("2026-10-30 10:00"), today, 1), Freshness::Missing); // 24d
        // A quarterly 1:1 untouched for 324 days: missing (was only fading under 4 × 90).
        assert_eq!(grade(at("2026-01-03 10:00"), today, 90), Freshness::Missing);
        assert_eq!(grade(at("2026-09-24 10:00"), today, 90), Freshness::Fresh); // 60d
        assert_eq!(grade(at("2026-09-23 10:00"), today, 90), Freshness::Fading); // 61d
        // Weekly to monthly cadences grade as before.
        let thresholds = Thresholds::default();
        assert_eq!(thresholds.windows(7), (14, 28));
        assert_eq!(thresholds.windows(14), (28, 56));
        assert_eq!(thresholds.windows(30), (60, 120));
    }

    #[test]
    fn symbols_read_without_colour() {
        let symbols: String = [
            Freshness::Fresh,
            Freshness::Fading,
            Freshness::Missing,
            Freshness::Never,
        ]
        .iter()
        .map(|f| f.symbol())
        .collect();
        assert_eq!(symbols, "●◐○·");
    }

    #[test]
    fn questions_rotate_by_day_and_exist_for_every_need() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for need in Need::ALL {
            assert!(!question_for(need, day).is_empty());
            assert_ne!(
                question_for(need, day),
                question_for(need, day.succ_opt().unwrap())
            );
        }
    }
}
