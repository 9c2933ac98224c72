//! How recently a need was addressed for someone, relative to how often the leader meets them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::Need;
use crate::store::PersonSummary;

/// A need is fresh while it was met within this many 1:1 cadences…
pub(crate) const FRESH_CADENCES: i64 = 2;
/// …fading up to this many, and missing beyond.
pub(crate) const FADING_CADENCES: i64 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Freshness {
    Fresh,
    Fading,
    Missing,
    Never,
}

impl Freshness {
    /// The symbol that carries the meaning without colour: ● ◐ ○ ·
    pub(crate) fn symbol(self) -> char {
        match self {
            Freshness::Fresh => '●',
            Freshness::Fading => '◐',
            Freshness::Missing => '○',
            Freshness::Never => '·',
        }
    }

    /// Missing and never-met needs are leadership gaps.
    pub(crate) fn is_gap(self) -> bool {
        matches!(self, Freshness::Missing | Freshness::Never)
    }
}

/// Where fresh ends and missing begins, in multiples of a person's 1:1 cadence. The
/// defaults are [`FRESH_CADENCES`] and [`FADING_CADENCES`]; the leader's config may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Thresholds {
    pub fresh_cadences: i64,
    pub fading_cadences: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            fresh_cadences: FRESH_CADENCES,
            fading_cadences: FADING_CADENCES,
        }
    }
}

pub(crate) fn grade(
    last_met: Option<NaiveDateTime>,
    today: NaiveDate,
    cadence_days: u32,
) -> Freshness {
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
    let cadence = i64::from(cadence_days.max(1));
    if days <= cadence * thresholds.fresh_cadences {
        Freshness::Fresh
    } else if days <= cadence * thresholds.fading_cadences {
        Freshness::Fading
    } else {
        Freshness::Missing
    }
}

/// The five needs of one person, in C B A F S order.
pub(crate) fn strip(summary: &PersonSummary, today: NaiveDate) -> [Freshness; 5] {
    Need::ALL.map(|need| {
        grade(
            summary.needs_last_met[need.index()],
            today,
            summary.person.cadence_days,
        )
    })
}

/// The need that is a gap for the most active people, with how many; `None` when no need is
/// a gap for anyone. Ties go to the earlier need in C B A F S order.
pub(crate) fn thinnest_need(people: &[PersonSummary], today: NaiveDate) -> Option<(Need, usize)> {
    thinnest_need_with(people, today, Thresholds::default())
}

/// [`thinnest_need`] with the leader's own thresholds.
pub(crate) fn thinnest_need_with(
    people: &[PersonSummary],
    today: NaiveDate,
    thresholds: Thresholds,
) -> Option<(Need, usize)> {
    let active: Vec<&PersonSummary> = people.iter().filter(|p| !p.person.archived).collect();
    Need::ALL
        .into_iter()
        .map(|need| {
            let gaps = active
                .iter()
                .filter(|p| {
                    grade_with(
                        p.needs_last_met[need.index()],
                        today,
                        p.person.cadence_days,
                        thresholds,
                    )
                    .is_gap()
                })
                .count();
            (need, gaps)
        })
        .filter(|(_, gaps)| *gaps > 0)
        .fold(None, |best: Option<(Need, usize)>, candidate| match best {
            Some(b) if b.1 >= candidate.1 => Some(b),
            _ => Some(candidate),
        })
}

/// A question for today about `need`, changing day by day through the catalog's list.
pub(crate) fn question_for(need: Need, today: NaiveDate) -> &'static str {
    let questions = need.questions();
    let index = usize::try_from(today.num_days_from_ce()).unwrap_or(0) % questions.len().max(1);
    questions.get(index).map(String::as_str).unwrap_or("")
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
