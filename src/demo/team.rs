//! Who is on the demo team, and when the leader met each of them.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::rng::Rng;
use super::words::{
    ACKNOWLEDGE_FOR, FIRST_NAMES, LAST_NAMES, MOTIVATIONS, ROLES, STRENGTHS, TEAMS, TECH_LEAD,
    TOPICS, WOULD_CHANGE,
};
use crate::domain::{ConversationKind, Need};

/// Above this many people the demo is a load test rather than a believable team: 1:1s become
/// mostly weekly so that the journal grows to the size we measure against.
pub(super) const LARGE_TEAM: usize = 50;

/// How many needs a conversation addresses on average, before per-person gaps.
const NEEDS_PER_CONVERSATION: f64 = 2.5;

/// Where someone's 1:1 rhythm stands today, chosen so that the Today screen has something to
/// say: a few people overdue, a few due in the next days, the rest on track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    OnTrack,
    Overdue,
    DueSoon,
}

/// One conversation on someone's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Meeting {
    pub(super) at: NaiveDateTime,
    pub(super) kind: ConversationKind,
}

pub(super) struct Member {
    pub(super) name: String,
    pub(super) role: &'static str,
    pub(super) team: usize,
    pub(super) started_on: NaiveDate,
    pub(super) cadence_days: u32,
    pub(super) strengths: &'static str,
    pub(super) motivations: &'static str,
    pub(super) acknowledge_for: &'static str,
    pub(super) would_change: &'static str,
    pub(super) roving_leader: bool,
    /// The day they left the team; they stay in the journal, archived, with their history.
    pub(super) left_on: Option<NaiveDate>,
    pub(super) standing: Standing,
    /// How likely a conversation is to address each need, in `Need::ALL` order. Uneven on
    /// purpose: the gaps are what the journal is for.
    pub(super) need_odds: [f64; 5],
    /// The mood (1–5) this person drifts back to.
    pub(super) usual_mood: f64,
    /// How often the leader leads rather than manages with this person.
    pub(super) leading_odds: f64,
    /// Indexes into `TOPICS` that come up with this person more than others.
    pub(super) favourite_topics: [usize; 3],
    /// Their regular 1:1 slot, in minutes after midnight.
    usual_slot: u32,
    /// The first ISO week of their two-week summer holiday.
    summer_week: u32,
}

pub(super) struct Team {
    pub(super) members: Vec<Member>,
    /// Member indexes by team.
    rosters: Vec<Vec<usize>>,
}

/// `date` moved by `days` (saturating at the calendar's ends, which the demo never nears).
pub(super) fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

pub(super) fn clock(minutes: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minutes / 60 % 24, minutes % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// A time in office hours, on the quarter hour.
pub(super) fn office_time(rng: &mut Rng) -> NaiveTime {
    let hour = rng.between(9, 16) as u32;
    clock(hour * 60 + 15 * rng.below(4) as u32)
}

/// Weekends are for people's own lives: Saturday becomes Friday and Sunday Monday.
fn working_day(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => shift(date, -1),
        Weekday::Sun => shift(date, 1),
        _ => date,
    }
}

/// The working day on or before `date`.
fn working_day_before(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => shift(date, -1),
        Weekday::Sun => shift(date, -2),
        _ => date,
    }
}

impl Member {
    pub(super) fn first_name(&self) -> &str {
        self.name.split(' ').next().unwrap_or(&self.name)
    }

    pub(super) fn team_name(&self) -> &'static str {
        TEAMS[self.team % TEAMS.len()]
    }

    /// Every conversation the leader had with this person, oldest first, from the later of
    /// `window_start` and their first days until shortly before `today` (or until they left).
    ///
    /// The calendar is built backwards from the most recent 1:1, whose date is chosen from
    /// the person's standing: that makes "overdue" and "due soon" exact, not luck.
    pub(super) fn meetings(
        &self,
        window_start: NaiveDate,
        today: NaiveDate,
        large: bool,
        rng: &mut Rng,
    ) -> Vec<Meeting> {
        let cadence = i64::from(self.cadence_days);
        let first_day = window_start.max(shift(self.started_on, 3));
        let days_since_last = match self.standing {
            Standing::Overdue => rng.between(cadence + 2, cadence + cadence / 2 + 4),
            Standing::DueSoon => rng.between(cadence - 4, cadence - 2),
            Standing::OnTrack => rng.between(1, cadence - 5),
        };
        let last = match self.left_on {
            Some(left) => shift(left, -rng.between(0, 6)),
            None => shift(today, -days_since_last),
        };
        let extra_odds = if large { 0.25 } else { 0.2 };
        let mut newest_first: Vec<Meeting> = Vec::new();
        let mut later: Option<NaiveDate> = None;
        // Every cadence is whole weeks, so the grid keeps the person's weekday.
        let mut grid = working_day_before(last);
        while grid >= first_day {
            let is_last = later.is_none();
            if is_last || !self.skips(grid, rng) {
                let moved = !is_last && rng.chance(0.15);
                let day = if moved {
                    working_day(shift(grid, rng.between(-2, 2)))
                } else {
                    grid
                };
                if day >= first_day && later.is_none_or(|next| day < next) {
                    if let Some(next) = later
                        && let Some(extra) = extra_between(day, next, extra_odds, rng)
                    {
                        newest_first.push(extra);
                    }
                    let time = if moved {
                        office_time(rng)
                    } else {
                        clock(self.usual_slot)
                    };
                    let kind = if rng.chance(0.93) {
                        ConversationKind::OneOnOne
                    } else {
                        ConversationKind::CheckIn
                    };
                    newest_first.push(Meeting {
                        at: day.and_time(time),
                        kind,
                    });
                    later = Some(day);
                }
            }
            let earlier = shift(grid, -cadence);
            if earlier == grid {
                break;
            }
            grid = earlier;
        }
        newest_first.reverse();
        newest_first
    }

    /// Whether the 1:1 planned on `day` did not happen: holidays mostly.
    fn skips(&self, day: NaiveDate, rng: &mut Rng) -> bool {
        let winter_break =
            (day.month() == 12 && day.day() >= 22) || (day.month() == 1 && day.day() <= 2);
        let week = day.iso_week().week();
        let summer_break = week == self.summer_week || week == self.summer_week + 1;
        let odds = if winter_break {
            0.7
        } else if summer_break {
            0.85
        } else {
            0.04
        };
        rng.chance(odds)
    }
}

/// Sometimes there is a chat between two 1:1s: over coffee, a quick check-in, a skip-level.
fn extra_between(day: NaiveDate, next: NaiveDate, odds: f64, rng: &mut Rng) -> Option<Meeting> {
    let gap = (next - day).num_days();
    if gap < 4 || !rng.chance(odds) {
        return None;
    }
    let on = working_day(shift(day, rng.between(1, gap - 1)));
    let kind = [
        ConversationKind::Informal,
        ConversationKind::CheckIn,
        ConversationKind::SkipLevel,
    ][rng.weighted(&[55, 30, 15])];
    (day < on && on < next).then(|| Meeting {
        at: on.and_time(office_time(rng)),
        kind,
    })
}

impl Team {
    /// A team of `people` with a history that starts at `window_start`.
    pub(super) fn assemble(
        people: usize,
        window_start: NaiveDate,
        today: NaiveDate,
        rng: &mut Rng,
    ) -> Team {
        let large = people > LARGE_TEAM;
        let team_count = people.div_ceil(3).clamp(2, TEAMS.len());
        let window_days = (today - window_start).num_days();
        // Small teams get a fixed mix of rhythms, rotated by the seed, so every demo shows
        // weekly, fortnightly, three- and four-weekly people.
        const SMALL_CADENCES: [u32; 8] = [14, 7, 14, 28, 21, 14, 7, 14];
        let cadence_turn = rng.below(SMALL_CADENCES.len() as u64) as usize;
        let role_weights: Vec<u32> = ROLES.iter().map(|(_, weight)| *weight).collect();
        let mut members = Vec::with_capacity(people);
        for (index, name) in names(people, rng).into_iter().enumerate() {
            let archived = people >= 6 && (index == people - 2 || (large && index % 25 == 12));
            let left_on = archived.then(|| shift(today, -rng.between(30, 150)));
            let joined_lately = !archived
                && if large {
                    rng.chance(0.1)
                } else {
                    index % 5 == 4
                };
            let started_on = if joined_lately {
                shift(
                    window_start,
                    rng.between(window_days / 10, window_days - 75),
                )
            } else {
                shift(window_start, -rng.between(60, 2500))
            };
            let cadence_days = if large {
                [7, 14, 21, 28][rng.weighted(&[85, 10, 3, 2])]
            } else {
                SMALL_CADENCES[(index + cadence_turn) % SMALL_CADENCES.len()]
            };
            let team = index % team_count;
            // The first person of each team leads it technically.
            let role = if index < team_count {
                TECH_LEAD
            } else {
                ROLES[rng.weighted(&role_weights)].0
            };
            let mut topics: Vec<usize> = (0..TOPICS.len()).collect();
            rng.shuffle(&mut topics);
            members.push(Member {
                name,
                role,
                team,
                started_on,
                cadence_days,
                strengths: sometimes(STRENGTHS, 0.75, rng),
                motivations: sometimes(MOTIVATIONS, 0.7, rng),
                acknowledge_for: sometimes(ACKNOWLEDGE_FOR, 0.6, rng),
                would_change: sometimes(WOULD_CHANGE, 0.6, rng),
                roving_leader: false,
                left_on,
                standing: [
                    Standing::OnTrack,
                    Standing::Overdue,
                    Standing::OnTrack,
                    Standing::DueSoon,
                ][index % 4],
                need_odds: need_odds(index, rng),
                usual_mood: 2.8 + 1.5 * rng.unit(),
                leading_odds: 0.25 + 0.45 * rng.unit(),
                favourite_topics: [topics[0], topics[1], topics[2]],
                usual_slot: rng.between(9, 16) as u32 * 60 + 30 * rng.below(2) as u32,
                summer_week: rng.between(27, 33) as u32,
            });
        }
        // Roving leaders: people others already follow, without the title.
        let mut candidates: Vec<usize> = (0..members.len())
            .filter(|&i| members[i].role != TECH_LEAD && members[i].left_on.is_none())
            .collect();
        rng.shuffle(&mut candidates);
        for &index in candidates.iter().take((people / 40).max(2)) {
            members[index].roving_leader = true;
        }
        let mut rosters = vec![Vec::new(); team_count];
        for (index, member) in members.iter().enumerate() {
            rosters[member.team].push(index);
        }
        Team { members, rosters }
    }

    /// A colleague of `who` to mention in notes: someone from their team when there is one.
    pub(super) fn peer_of(&self, who: usize, rng: &mut Rng) -> &str {
        let team = self.members.get(who).map_or(0, |m| m.team);
        let own_team = self
            .rosters
            .get(team)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let everyone: Vec<usize>;
        let pool = if own_team.len() > 1 {
            own_team
        } else {
            everyone = (0..self.members.len()).collect();
            &everyone
        };
        if pool.len() < 2 {
            return "the new hire";
        }
        // Uniform among the others: draw from all but the last slot, and let the last stand
        // in for `who` when the draw lands on them.
        let drawn = pool[rng.below(pool.len() as u64 - 1) as usize];
        let peer = if drawn == who {
            pool[pool.len() - 1]
        } else {
            drawn
        };
        self.members[peer].first_name()
    }
}

fn sometimes(pool: &[&'static str], odds: f64, rng: &mut Rng) -> &'static str {
    if rng.chance(odds) { rng.pick(pool) } else { "" }
}

/// Unique names, case-insensitively: first names alone for a team that can have them,
/// first and last names for a big organisation, numbered only beyond every pairing.
fn names(people: usize, rng: &mut Rng) -> Vec<String> {
    if people <= FIRST_NAMES.len() {
        let mut order: Vec<&str> = FIRST_NAMES.to_vec();
        rng.shuffle(&mut order);
        return order.into_iter().take(people).map(str::to_string).collect();
    }
    let pairs = FIRST_NAMES.len() * LAST_NAMES.len();
    // A step coprime with the number of pairs visits every pairing once before repeating,
    // while mixing first and last names better than counting would.
    let step = (pairs / 3..).find(|&s| gcd(s, pairs) == 1).unwrap_or(1);
    let offset = rng.below(pairs as u64) as usize;
    (0..people)
        .map(|i| {
            let pair = (offset + i * step) % pairs;
            let name = format!(
                "{} {}",
                FIRST_NAMES[pair % FIRST_NAMES.len()],
                LAST_NAMES[pair / FIRST_NAMES.len()]
            );
            match i / pairs {
                0 => name,
                round => format!("{name} {}", round + 1),
            }
        })
        .collect()
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Each person's own mix: one need the leader tends to skip with them, and for some a need
/// that never comes up at all. The first people get fixed gaps so every demo shows both.
fn need_odds(index: usize, rng: &mut Rng) -> [f64; 5] {
    let mut odds = [0.55, 0.45, 0.35, 0.3, 0.35];
    for value in &mut odds {
        *value *= 0.3 + 1.4 * rng.unit();
    }
    let neglected = if index == 0 {
        Need::Autonomy.index()
    } else {
        rng.below(5) as usize
    };
    odds[neglected] *= 0.1;
    let never = match index {
        1 => Some(Need::Fun.index()),
        _ if rng.chance(0.25) => Some(rng.below(5) as usize),
        _ => None,
    };
    if let Some(never) = never {
        odds[never] = 0.0;
    }
    let total: f64 = odds.iter().sum();
    odds.map(|value| (value * NEEDS_PER_CONVERSATION / total).min(0.9))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn big_organisations_have_unique_full_names() {
        let mut rng = Rng::new(5);
        let pairs = FIRST_NAMES.len() * LAST_NAMES.len();
        let list = names(pairs + 10, &mut rng);
        let unique: HashSet<String> = list.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(unique.len(), list.len());
        assert!(list.iter().take(pairs).all(|n| n.split(' ').count() == 2));
    }

    #[test]
    fn calendars_follow_the_standing_and_stay_in_the_past() {
        let today = day("2026-11-23");
        let window_start = day("2025-11-23");
        let team = Team::assemble(8, window_start, today, &mut Rng::new(1));
        for (index, member) in team.members.iter().enumerate() {
            let meetings = member.meetings(window_start, today, false, &mut Rng::new(index as u64));
            assert!(!meetings.is_empty(), "{}", member.name);
            assert!(meetings.windows(2).all(|w| w[0].at < w[1].at));
            let last = meetings[meetings.len() - 1].at.date();
            assert!(last < today);
            if member.left_on.is_some() {
                continue;
            }
            let due = shift(last, i64::from(member.cadence_days));
            match member.standing {
                Standing::Overdue => assert!(due < today, "{} due {due}", member.name),
                Standing::DueSoon => assert!(
                    due >= today && due <= shift(today, 4),
                    "{} due {due}",
                    member.name
                ),
                Standing::OnTrack => assert!(due > today, "{} due {due}", member.name),
            }
        }
    }

    #[test]
    fn peers_are_other_people() {
        let team = Team::assemble(8, day("2025-11-23"), day("2026-11-23"), &mut Rng::new(1));
        let mut rng = Rng::new(9);
        for who in 0..8 {
            for _ in 0..20 {
                assert_ne!(team.peer_of(who, &mut rng), team.members[who].first_name());
            }
        }
        let alone = Team::assemble(1, day("2025-11-23"), day("2026-11-23"), &mut Rng::new(1));
        assert_eq!(alone.peer_of(0, &mut rng), "the new hire");
    }

    #[test]
    fn need_mixes_have_gaps() {
        let mut rng = Rng::new(2);
        assert!(need_odds(0, &mut rng)[Need::Autonomy.index()] < 0.15);
        assert_eq!(need_odds(1, &mut rng)[Need::Fun.index()], 0.0);
    }
}
