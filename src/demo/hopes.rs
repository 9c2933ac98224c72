//! Aspirations and how they move over time. Each one is planned ahead against the person's
//! calendar, so that its row can be written with its final status before the conversations
//! that mention it.

use chrono::{NaiveDate, NaiveDateTime};

use super::rng::Rng;
use super::team::{Meeting, clock, shift};
use super::words::{
    ASPIRATION_ACHIEVED, ASPIRATION_ACTIVE, ASPIRATION_OPENED, ASPIRATION_PARKED,
    ASPIRATION_PROGRESS, ASPIRATIONS,
};
use crate::domain::AspirationStatus;

/// Without an update for longer than this, an aspiration counts as stalled.
const STALLED_AFTER_DAYS: i64 = 60;

pub(super) struct Hope {
    pub(super) title: &'static str,
    pub(super) detail: &'static str,
    pub(super) horizon: &'static str,
    pub(super) opened_at: NaiveDateTime,
    /// Where it stands at the end of the plan.
    pub(super) status: AspirationStatus,
    pub(super) last_noted_at: NaiveDateTime,
    pub(super) updates: Vec<HopeUpdate>,
}

/// A note on an aspiration, taken at (or a few days after) one of the person's conversations.
pub(super) struct HopeUpdate {
    /// Index of the conversation in the person's calendar.
    pub(super) meeting: usize,
    /// Whether the update points at that conversation; otherwise it was noted separately.
    pub(super) linked: bool,
    pub(super) noted_at: NaiveDateTime,
    pub(super) status: Option<AspirationStatus>,
    pub(super) note: &'static str,
}

impl HopeUpdate {
    pub(super) fn noted_on(&self) -> NaiveDate {
        self.noted_at.date()
    }
}

/// One to three aspirations per person (more over a long history), opened at some of their
/// conversations. With `force_stall`, the first one goes quiet more than two months before
/// `now`, so a demo always has a stalled aspiration to show.
pub(super) fn plan(
    cadence_days: u32,
    meetings: &[Meeting],
    now: NaiveDateTime,
    force_stall: bool,
    rng: &mut Rng,
) -> Vec<Hope> {
    let (Some(first), Some(last)) = (meetings.first(), meetings.last()) else {
        return Vec::new();
    };
    let years_known = (last.at - first.at).num_days() / 365;
    let count =
        (1 + rng.between(0, 2) + years_known / 4).clamp(1, ASPIRATIONS.len() as i64) as usize;
    let mut titles: Vec<usize> = (0..ASPIRATIONS.len()).collect();
    rng.shuffle(&mut titles);
    // Notes come roughly every six weeks, whatever the rhythm of 1:1s.
    let update_odds = (f64::from(cadence_days) / 42.0).clamp(0.15, 0.8);
    let stretch = meetings.len().div_ceil(count);
    titles
        .into_iter()
        .take(count)
        .enumerate()
        .map(|(nth, title)| {
            let stall = force_stall && nth == 0;
            let quiet_after = if stall || rng.chance(0.3) {
                Some(shift(
                    now.date(),
                    -rng.between(STALLED_AFTER_DAYS + 5, 3 * STALLED_AFTER_DAYS),
                ))
            } else {
                None
            };
            // Opened somewhere in its share of the calendar; a forced stall needs to open
            // well before it goes quiet.
            let opened = if let (true, Some(quiet)) = (stall, quiet_after) {
                let before = meetings.partition_point(|m| m.at.date() < shift(quiet, -14));
                rng.below(before as u64) as usize
            } else {
                (nth * stretch + rng.below(stretch as u64) as usize).min(meetings.len() - 1)
            };
            let goal = if stall {
                AspirationStatus::Active
            } else {
                [
                    AspirationStatus::Achieved,
                    AspirationStatus::Parked,
                    AspirationStatus::Active,
                    AspirationStatus::Exploring,
                ][rng.weighted(&[25, 20, 35, 20])]
            };
            let (title, detail, horizon) = ASPIRATIONS[title];
            let updates = history(meetings, opened, goal, quiet_after, update_odds, now, rng);
            Hope {
                title,
                detail,
                horizon,
                opened_at: meetings[opened].at,
                status: updates
                    .iter()
                    .rev()
                    .find_map(|u| u.status)
                    .unwrap_or(AspirationStatus::Exploring),
                last_noted_at: updates
                    .iter()
                    .map(|u| u.noted_at)
                    .max()
                    .unwrap_or(meetings[opened].at),
                updates,
            }
        })
        .collect()
}

/// The updates of one aspiration: opened as exploring, then notes at some later
/// conversations, stepping toward `goal` until it is reached or the aspiration goes quiet.
fn history(
    meetings: &[Meeting],
    opened: usize,
    goal: AspirationStatus,
    quiet_after: Option<NaiveDate>,
    update_odds: f64,
    now: NaiveDateTime,
    rng: &mut Rng,
) -> Vec<HopeUpdate> {
    let mut status = AspirationStatus::Exploring;
    let mut updates = vec![HopeUpdate {
        meeting: opened,
        linked: true,
        noted_at: meetings[opened].at,
        status: Some(status),
        note: rng.pick(ASPIRATION_OPENED),
    }];
    for (index, meeting) in meetings.iter().enumerate().skip(opened + 1) {
        if quiet_after.is_some_and(|quiet| meeting.at.date() > quiet) {
            break;
        }
        if !rng.chance(update_odds) {
            continue;
        }
        let step = match (status, goal) {
            (
                AspirationStatus::Exploring,
                AspirationStatus::Active | AspirationStatus::Achieved,
            ) if rng.chance(0.3) => Some(AspirationStatus::Active),
            (AspirationStatus::Active, AspirationStatus::Achieved) if rng.chance(0.15) => {
                Some(AspirationStatus::Achieved)
            }
            (_, AspirationStatus::Parked) if rng.chance(0.15) => Some(AspirationStatus::Parked),
            _ => None,
        };
        let note = match step {
            Some(AspirationStatus::Active) => rng.pick(ASPIRATION_ACTIVE),
            Some(AspirationStatus::Achieved) => rng.pick(ASPIRATION_ACHIEVED),
            Some(AspirationStatus::Parked) => rng.pick(ASPIRATION_PARKED),
            _ => rng.pick(ASPIRATION_PROGRESS),
        };
        // Most updates are written in the 1:1 itself; some a few days later, after an email.
        let linked = rng.chance(0.8);
        let noted_at = if linked {
            meeting.at
        } else {
            shift(meeting.at.date(), rng.between(1, 3))
                .and_time(clock(17 * 60 + 30))
                .min(now)
        };
        updates.push(HopeUpdate {
            meeting: index,
            linked,
            noted_at,
            status: step,
            note,
        });
        if let Some(step) = step {
            status = step;
            if matches!(step, AspirationStatus::Achieved | AspirationStatus::Parked) {
                break;
            }
        }
    }
    updates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ConversationKind;

    #[test]
    fn a_forced_stall_is_quiet_for_over_sixty_days() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_time(clock(14 * 60));
        let meetings: Vec<Meeting> = (1..=52)
            .rev()
            .map(|weeks| Meeting {
                at: shift(now.date(), -7 * weeks).and_time(clock(10 * 60)),
                kind: ConversationKind::OneOnOne,
            })
            .collect();
        for seed in 0..20 {
            let hopes = plan(7, &meetings, now, true, &mut Rng::new(seed));
            let first = &hopes[0];
            assert!(matches!(
                first.status,
                AspirationStatus::Exploring | AspirationStatus::Active
            ));
            assert!((now - first.last_noted_at).num_days() > STALLED_AFTER_DAYS);
            for hope in &hopes {
                assert!(hope.updates.windows(2).all(|w| w[0].meeting < w[1].meeting));
                assert!(
                    hope.updates
                        .iter()
                        .all(|u| u.noted_at <= now && u.noted_at >= hope.opened_at)
                );
            }
        }
    }
}
