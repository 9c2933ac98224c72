//! The gaps matrix as both front ends show it: each cell worded once ("● 20d", "! 4d",
//! "1 open"), the team line, every open concern with what it is, and the reasons behind each
//! score. `rapport gaps` prints these strings; the Gaps screen styles them.

use super::text::{age, days_ago};
use crate::domain::Standing;
use crate::insights::freshness::Freshness;
use crate::insights::gaps::{GapRow, Gaps, NeedCell, Reason, SCORED_OVERDUE, SCORED_STALLED, Sign};

/// A grade that reads without colour, then how long ago: "● 20d", "· never".
pub(crate) fn graded(freshness: Freshness, days: Option<i64>) -> String {
    match days {
        Some(days) => format!("{} {}", freshness.symbol(), age(days)),
        None => format!("{} never", freshness.symbol()),
    }
}

/// A need's cell: how long since it was met ("◐ 34d"), or while a concern is open how long
/// it has been open ("! 4d"), the same age on every surface.
pub(crate) fn need_cell(cell: &NeedCell) -> String {
    match cell.concern_days {
        Some(days) => format!("{} {}", Freshness::Concern.symbol(), age(days)),
        None => graded(cell.freshness, cell.days),
    }
}

/// The last 1:1 cell: its grade, the days since and the cadence, "● 20d (14)"; "paused"
/// while they are away.
pub(crate) fn last_one_on_one(row: &GapRow, today: chrono::NaiveDate) -> String {
    match row.standing {
        // Away or not started yet: where they stand, not a grade.
        Standing::Paused { .. } | Standing::Starting { .. } => {
            super::text::standing(row.standing, today)
        }
        _ => format!(
            "{} ({})",
            graded(row.one_on_one, row.days_since_one_on_one),
            row.cadence_days
        ),
    }
}

/// The follow-ups cell: "2 late" when the leader owes some past due, else "1 open" when any
/// is open (either way), else "—".
pub(crate) fn follow_ups(row: &GapRow) -> String {
    match (row.overdue_follow_ups, row.open_follow_ups) {
        (0, 0) => "—".into(),
        (0, open) => format!("{open} open"),
        (late, _) => format!("{late} late"),
    }
}

/// The aspirations cell: "stalled 94d", "ok", or "—" when none is in play.
pub(crate) fn aspirations(row: &GapRow) -> String {
    match row.worst_stalled_days() {
        Some(days) => format!("stalled {days}d"),
        None if row.open_aspirations == 0 => "—".into(),
        None => "ok".into(),
    }
}

/// The acknowledgement cell, graded like a need: "○ 81d", "· never".
pub(crate) fn acknowledged(row: &GapRow) -> String {
    graded(row.acknowledgement, row.days_since_acknowledgement)
}

/// "Team: thinnest need Fun (3 of 7 missing) · sorted by gap score, worst first": missing
/// counts people a need was not met for within the fading window, of the people not
/// paused; an open concern is counted on its own.
pub(crate) fn team_line(gaps: &Gaps) -> String {
    let thinnest = match gaps.team.thinnest {
        Some(thin) => format!(
            "thinnest need {} ({} of {} missing)",
            thin.need.label(),
            thin.people,
            gaps.team.people
        ),
        None => "no need is missing for anyone".into(),
    };
    let concerned = gaps
        .rows
        .iter()
        .filter(|r| !matches!(r.standing, Standing::Paused { .. }))
        .filter(|r| r.needs.iter().any(|c| c.concern_since.is_some()))
        .count();
    let concerns = match concerned {
        0 => String::new(),
        1 => " · a concern open for 1 person".into(),
        n => format!(" · concerns open for {n} people"),
    };
    format!("Team: {thinnest}{concerns} · sorted by gap score, worst first")
}

/// One open concern: "! Security open 4d (19 Nov): worried about the reorg", the text as
/// written (the caller escapes it for its surface).
pub(crate) fn concern_line(
    cell: &NeedCell,
    concern: &crate::store::OpenConcern,
    today: chrono::NaiveDate,
) -> String {
    let days = (today - concern.raised.date()).num_days();
    let what = if concern.text.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", concern.text.trim())
    };
    format!(
        "! {} open {} ({}){what}",
        cell.need.label(),
        age(days),
        concern.raised.format("%-d %b")
    )
}

/// Why a sign adds what it adds, in a few words: "Autonomy missing, met 71d ago (a
/// priority, counts double)", "1:1 overdue 6d", "4 follow-ups you owe overdue (3 count),
/// the oldest 10d".
pub(crate) fn reason(reason: &Reason) -> String {
    match &reason.sign {
        Sign::Need {
            need,
            freshness,
            days,
            priority,
        } => {
            let state = match (freshness, days) {
                (Freshness::Concern, Some(days)) => format!("concern open {}", age(*days)),
                (Freshness::Concern, None) => "concern open".into(),
                (Freshness::Never, _) => "never met".into(),
                (grade, Some(days)) => format!("{} (met {})", grade_word(*grade), days_ago(*days)),
                (grade, None) => grade_word(*grade).into(),
            };
            let priority = if *priority {
                ", a priority: counts double"
            } else {
                ""
            };
            format!("{} {state}{priority}", need.label())
        }
        Sign::OneOnOne { late_days, .. } => match late_days {
            0 => "1:1 due today".into(),
            days => format!("1:1 overdue {days}d"),
        },
        Sign::OverdueFollowUps {
            overdue,
            oldest_days,
        } => {
            let what = match overdue {
                1 => "a follow-up you owe, overdue".to_string(),
                n if *n > SCORED_OVERDUE => {
                    format!("{n} follow-ups you owe overdue ({SCORED_OVERDUE} count)")
                }
                n => format!("{n} follow-ups you owe overdue"),
            };
            match oldest_days {
                Some(days) if *overdue > 1 => format!("{what}, the oldest {days}d"),
                Some(days) => format!("{what} {days}d"),
                None => what,
            }
        }
        Sign::StalledAspirations {
            stalled,
            longest_days,
        } => match stalled {
            1 => format!("an aspiration stalled {longest_days}d"),
            n if *n > SCORED_STALLED => format!(
                "{n} aspirations stalled ({SCORED_STALLED} count), the longest {longest_days}d"
            ),
            n => format!("{n} aspirations stalled, the longest {longest_days}d"),
        },
        Sign::Acknowledgement { days } => match days {
            Some(days) => format!("last acknowledged {}", days_ago(*days)),
            None => "never acknowledged".into(),
        },
    }
}

/// "+3 1:1 overdue 6d": a reason with its points, as listed under a score.
pub(crate) fn reason_line(reason: &Reason) -> String {
    format!("+{} {}", reason.points, self::reason(reason))
}

/// What a score of 0 says instead of reasons.
pub(crate) fn no_reasons(row: &GapRow) -> String {
    match row.standing {
        Standing::Paused { until } => {
            format!(
                "paused until {}: nothing counts while they are away",
                until.format("%-d %b")
            )
        }
        _ => "nothing counts against them".into(),
    }
}

fn grade_word(freshness: Freshness) -> &'static str {
    match freshness {
        Freshness::Fresh => "fresh",
        Freshness::Fading => "fading",
        Freshness::Missing => "missing",
        Freshness::Never => "never met",
        Freshness::Concern => "concern",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::insights::gaps::{self, tests::facts};
    use crate::store::OpenConcern;

    fn day(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn cells_read_grade_first_and_a_concern_by_its_age() {
        let today = day("2026-11-23");
        let mut tom = facts(1, "Tom", 14);
        tom.summary.last_one_on_one = gaps::tests::at("2026-11-03 10:00");
        tom.summary.needs_last_met = [gaps::tests::at("2026-11-03 10:00"); 5];
        tom.summary.concerns_since[4] = gaps::tests::at("2026-11-19 10:00");
        tom.open_concerns[4] = vec![
            OpenConcern {
                raised: gaps::tests::at("2026-11-19 10:00").unwrap(),
                text: "worried about the reorg".into(),
            },
            OpenConcern {
                raised: gaps::tests::at("2026-11-21 10:00").unwrap(),
                text: String::new(),
            },
        ];
        tom.summary.open_follow_ups = 1;
        let row = gaps::row(&tom, today, &Config::default());
        assert_eq!(last_one_on_one(&row, today), "○ 20d (14)");
        assert_eq!(need_cell(&row.needs[0]), "● 20d");
        assert_eq!(need_cell(&row.needs[4]), "! 4d");
        assert_eq!(follow_ups(&row), "1 open");
        assert_eq!(acknowledged(&row), "· never");
        let security = &row.needs[4];
        let lines: Vec<String> = security
            .concerns
            .iter()
            .map(|c| concern_line(security, c, today))
            .collect();
        assert_eq!(
            lines,
            [
                "! Security open 4d (19 Nov): worried about the reorg",
                "! Security open 2d (21 Nov)"
            ]
        );
        let reasons: Vec<String> = row.reasons.iter().map(reason_line).collect();
        assert_eq!(
            reasons,
            [
                "+3 1:1 overdue 6d",
                "+2 Security concern open 4d",
                "+1 never acknowledged"
            ]
        );
    }
}
