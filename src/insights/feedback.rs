//! Feedback to me beside the self-check: for each of the eight pairs, where the leader rated
//! the week and where the people who spoke of that pair placed them, on the same 1–5 scale;
//! and over the trend weeks, whether the two come closer. Computed once here for the Week
//! screen, `rapport week` and the review alike (docs/insights.md, "Feedback to me").

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Balance, Feedback, Pair, Stance};

/// How far apart (in steps of the 1–5 scale) the leader's rating and the place people gave
/// must be for the week to say they see it differently: two steps, as far as "more leading"
/// is from "both", or "both" from "mostly managing". One step is a shade, not a different
/// picture.
pub(crate) const DIFFERS_AT: f64 = 2.0;

/// One pair of the self-check against what people said about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PairMirror {
    /// The pair's key (`directing_serving`).
    pub pair: &'static str,
    pub managing: &'static str,
    pub leading: &'static str,
    /// The leader's own rating of the week, 1 mostly managing … 5 mostly leading.
    pub self_rating: Option<u8>,
    /// Feedback that placed the leader at the managing pole, at the leading pole, at both.
    pub said_managing: u32,
    pub said_leading: u32,
    pub said_both: u32,
    /// Feedback about the pair that placed the leader nowhere on it.
    pub said_unplaced: u32,
    /// Where people placed the leader on the same scale: the mean of 1 for each "managing",
    /// 5 for each "leading" and 3 for each "both"; none when nobody placed them.
    pub people_place: Option<f64>,
    /// `self_rating - people_place`: above zero the leader sees themselves as leading more
    /// than people do.
    pub gap: Option<f64>,
    /// The gap is at least [`DIFFERS_AT`] steps either way.
    pub differs: bool,
}

impl PairMirror {
    pub(crate) fn said(&self) -> u32 {
        self.said_managing + self.said_leading + self.said_both + self.said_unplaced
    }
}

/// A week's feedback beside its self-check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FeedbackWeek {
    /// The eight pairs in [`Balance::POLES`] order.
    pub pairs: Vec<PairMirror>,
    /// What was said in the week, newest first: the quotes.
    pub quotes: Vec<Feedback>,
    /// Pairs where the leader's rating and people's place differ.
    pub pairs_differing: u32,
}

/// Sets `feedback` (the week's) beside `balance` (the week's self-check, if any).
pub(crate) fn mirror(balance: Option<&Balance>, feedback: &[Feedback]) -> FeedbackWeek {
    let ratings = balance.map(Balance::ratings).unwrap_or_default();
    let pairs: Vec<PairMirror> = Pair::ALL
        .iter()
        .map(|&pair| {
            let about: Vec<&Feedback> = feedback.iter().filter(|f| f.pair == Some(pair)).collect();
            let count = |lean: Option<Stance>| {
                u32::try_from(about.iter().filter(|f| f.lean == lean).count()).unwrap_or(u32::MAX)
            };
            let (managing, leading, both) = (
                count(Some(Stance::Managing)),
                count(Some(Stance::Leading)),
                count(Some(Stance::Both)),
            );
            let placed = managing + leading + both;
            let people_place = (placed > 0).then(|| {
                round1(
                    (f64::from(managing) + 5.0 * f64::from(leading) + 3.0 * f64::from(both))
                        / f64::from(placed),
                )
            });
            let self_rating = ratings[pair.index()];
            let gap = self_rating
                .zip(people_place)
                .map(|(own, theirs)| round1(f64::from(own) - theirs));
            let poles = pair.poles();
            PairMirror {
                pair: poles.key,
                managing: poles.managing_short,
                leading: poles.leading_short,
                self_rating,
                said_managing: managing,
                said_leading: leading,
                said_both: both,
                said_unplaced: count(None),
                people_place,
                gap,
                differs: gap.is_some_and(|g| g.abs() >= DIFFERS_AT),
            }
        })
        .collect();
    let pairs_differing = u32::try_from(pairs.iter().filter(|p| p.differs).count()).unwrap_or(0);
    let mut quotes = feedback.to_vec();
    quotes.sort_by(|a, b| b.heard_on.cmp(&a.heard_on).then(b.id.cmp(&a.id)));
    FeedbackWeek {
        pairs,
        quotes,
        pairs_differing,
    }
}

/// One week of the trend: how far apart the leader's self-rating and what people said were.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct WeekGap {
    /// The ISO week, `2026-W47`.
    pub week: String,
    /// Things said that week.
    pub said: u32,
    /// The mean of `|gap|` over the pairs both rated by the leader and placed by people
    /// that week; none when no pair was both.
    pub gap: Option<f64>,
    pub pairs_differing: u32,
}

/// Whether the self-rating and what people say come closer over the weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verdict {
    /// The later half's mean gap is at least [`CONVERGE_STEP`] smaller than the earlier half's.
    Closer,
    /// At least [`CONVERGE_STEP`] larger.
    FurtherApart,
    /// Within [`CONVERGE_STEP`] either way.
    Steady,
    /// Fewer than one week with a gap in each half: nothing to compare.
    TooLittle,
}

/// How much the mean gap must move, in steps of the 1–5 scale, to count as closer or
/// further apart: half a step, a pair's worth of a mention moving across.
pub(crate) const CONVERGE_STEP: f64 = 0.5;

/// The weeks of the trend, oldest first, and the verdict on them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Convergence {
    pub weeks: Vec<WeekGap>,
    /// The mean of the weekly gaps in the earlier half of the weeks and in the later half.
    pub earlier_gap: Option<f64>,
    pub later_gap: Option<f64>,
    pub verdict: Verdict,
}

/// Whether the self-check and feedback converge over `weeks` (oldest first): each week's
/// label, its self-check if rated, and the feedback heard in it. The weeks are split in two
/// halves (the later one gets the odd week); each half's gap is the mean of its weeks' gaps.
pub(crate) fn converge(weeks: &[(String, Option<&Balance>, Vec<Feedback>)]) -> Convergence {
    let weeks: Vec<WeekGap> = weeks
        .iter()
        .map(|(label, balance, said)| {
            let week = mirror(*balance, said);
            let gaps: Vec<f64> = week.pairs.iter().filter_map(|p| p.gap).collect();
            WeekGap {
                week: label.clone(),
                said: u32::try_from(said.len()).unwrap_or(u32::MAX),
                gap: (!gaps.is_empty())
                    .then(|| round1(gaps.iter().map(|g| g.abs()).sum::<f64>() / gaps.len() as f64)),
                pairs_differing: week.pairs_differing,
            }
        })
        .collect();
    let mean = |half: &[WeekGap]| {
        let gaps: Vec<f64> = half.iter().filter_map(|w| w.gap).collect();
        (!gaps.is_empty()).then(|| round1(gaps.iter().sum::<f64>() / gaps.len() as f64))
    };
    let (earlier, later) = weeks.split_at(weeks.len() / 2);
    let (earlier_gap, later_gap) = (mean(earlier), mean(later));
    let verdict = match (earlier_gap, later_gap) {
        (Some(before), Some(after)) if after <= before - CONVERGE_STEP => Verdict::Closer,
        (Some(before), Some(after)) if after >= before + CONVERGE_STEP => Verdict::FurtherApart,
        (Some(_), Some(_)) => Verdict::Steady,
        _ => Verdict::TooLittle,
    };
    Convergence {
        weeks,
        earlier_gap,
        later_gap,
        verdict,
    }
}

/// What prep suggests asking of someone who has said nothing about the leader's leading
/// for a while.
pub(crate) const ASK_QUESTION: &str = "How can I improve? What could I do better for you?";

/// Whether to ask someone for feedback: asking is on (`weeks` above 0) and they never told
/// the leader anything about their leading, or last did `weeks` weeks ago or more.
pub(crate) fn ask_due(last_feedback: Option<NaiveDate>, today: NaiveDate, weeks: u32) -> bool {
    weeks > 0 && last_feedback.is_none_or(|last| (today - last).num_days() >= 7 * i64::from(weeks))
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn said(id: i64, about: &str) -> Feedback {
        let (pair, lean) = Pair::parse_about(about).unwrap();
        Feedback {
            id,
            uuid: Uuid::nil(),
            person_id: 1,
            person_uuid: Uuid::nil(),
            person_name: "Priya".into(),
            conversation_id: None,
            heard_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            text: format!("about {about}"),
            pair: Some(pair),
            lean,
            need: None,
        }
    }

    #[test]
    fn people_placing_the_leader_at_the_other_pole_differs_from_the_self_rating() {
        let balance = Balance {
            directing_serving: Some(4),
            control_commitment: Some(3),
            ..Balance::default()
        };
        let week = mirror(
            Some(&balance),
            &[
                said(1, "directing"),
                said(2, "directing"),
                said(3, "commitment"),
                said(4, "control-commitment"),
                said(5, "people"),
            ],
        );
        let directing = &week.pairs[5];
        assert_eq!(directing.pair, "directing_serving");
        assert_eq!((directing.said_managing, directing.said_leading), (2, 0));
        assert_eq!(directing.people_place, Some(1.0));
        assert_eq!(directing.gap, Some(3.0));
        assert!(directing.differs);
        // One step apart is a shade, not a different picture.
        let control = &week.pairs[2];
        assert_eq!(control.people_place, Some(5.0));
        assert_eq!(control.gap, Some(-2.0));
        assert!(control.differs, "two steps the other way");
        assert_eq!(
            control.said(),
            2,
            "an unplaced mention still counts as said"
        );
        // Said, but not rated by the leader: nothing to compare.
        let people = &week.pairs[0];
        assert_eq!((people.self_rating, people.people_place), (None, Some(5.0)));
        assert!(!people.differs);
        assert_eq!(week.pairs_differing, 2);
        assert_eq!(week.quotes[0].id, 5, "newest first");
    }

    #[test]
    fn the_gap_closing_over_the_weeks_reads_closer() {
        let rated = |directing: u8| Balance {
            directing_serving: Some(directing),
            ..Balance::default()
        };
        let (four, two) = (rated(4), rated(2));
        let weeks = vec![
            ("W1".to_string(), Some(&four), vec![said(1, "directing")]),
            ("W2".to_string(), None, vec![said(2, "directing")]),
            ("W3".to_string(), Some(&two), vec![said(3, "directing")]),
            ("W4".to_string(), Some(&two), Vec::new()),
        ];
        let trend = converge(&weeks);
        let gaps: Vec<Option<f64>> = trend.weeks.iter().map(|w| w.gap).collect();
        assert_eq!(gaps, [Some(3.0), None, Some(1.0), None]);
        assert_eq!((trend.earlier_gap, trend.later_gap), (Some(3.0), Some(1.0)));
        assert_eq!(trend.verdict, Verdict::Closer);
        // The other way round, they drift apart; one side alone tells nothing.
        let reversed: Vec<_> = weeks.iter().rev().cloned().collect();
        assert_eq!(converge(&reversed).verdict, Verdict::FurtherApart);
        assert_eq!(converge(&weeks[..1]).verdict, Verdict::TooLittle);
    }

    #[test]
    fn asking_for_feedback_is_due_after_the_set_weeks_or_when_never_given() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let days_ago = |d: i64| Some(today - chrono::Duration::days(d));
        assert!(ask_due(None, today, 6), "never asked");
        assert!(ask_due(days_ago(42), today, 6), "six weeks to the day");
        assert!(!ask_due(days_ago(41), today, 6));
        assert!(!ask_due(None, today, 0), "0 never suggests it");
    }

    #[test]
    fn a_self_rating_within_a_step_of_what_people_said_agrees() {
        let balance = Balance {
            directing_serving: Some(4),
            ..Balance::default()
        };
        let week = mirror(Some(&balance), &[said(1, "serving"), said(2, "directing")]);
        assert_eq!(week.pairs[5].people_place, Some(3.0));
        assert!(!week.pairs[5].differs);
        assert_eq!(week.pairs_differing, 0);
    }
}
