//! The leader's side of the demo (issue 31): the team's direction and the aspirations that
//! serve it, what people say about the leader's leading, what meets each person's needs,
//! what the leader hands over and how it turns out, and how the leader means to show up.
//!
//! Every choice here comes from streams of its own (`Side`), so the rest of the demo —
//! people, conversations, their ids — reads exactly as it did before these records existed.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use uuid::Uuid;

use super::rng::Rng;
use super::team::{clock, shift};
use super::words::{self, Slots};
use super::{Writer, date_text};
use crate::domain::{ConversationKind, Need};
use crate::store::export_rows::{
    DelegationRow, DirectionRow, FeedbackRow, MeetsNeedRow, MomentRow,
};

/// Something said about the leader's leading: the words, the self-check pair they speak to
/// (its key), where they place the leader on it, and the need it touches.
type Said = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// What people say about the leader's leading.
const FEEDBACK: &[Said] = &[
    (
        "You jump in to fix things before I ask",
        Some("directing_serving"),
        Some("managing"),
        Some("autonomy"),
    ),
    (
        "Thanks for letting me run the migration my own way",
        Some("directing_serving"),
        Some("leading"),
        Some("autonomy"),
    ),
    (
        "Could you ask me before volunteering the team?",
        Some("directing_serving"),
        None,
        None,
    ),
    (
        "I'd like to hear the why before the what",
        Some("goals_purpose"),
        Some("managing"),
        None,
    ),
    (
        "The story you told at the offsite made the roadmap click",
        Some("goals_purpose"),
        Some("leading"),
        Some("belonging"),
    ),
    (
        "The weekly status check feels like checking up on us",
        Some("control_commitment"),
        Some("managing"),
        None,
    ),
    (
        "You trust us to make the call, and it shows",
        Some("control_commitment"),
        Some("leading"),
        Some("competence"),
    ),
    (
        "Plans change before we finish them",
        Some("planning_opportunism"),
        Some("leading"),
        Some("security"),
    ),
    (
        "You answer every escalation the same day, even the ones that could wait",
        Some("reacting_initiating"),
        Some("managing"),
        None,
    ),
    (
        "You bring ideas before anyone asks for them",
        Some("reacting_initiating"),
        Some("leading"),
        None,
    ),
    (
        "You keep the process and the people in balance",
        Some("systems_people"),
        Some("both"),
        None,
    ),
    (
        "We keep polishing what we have; some of us want to try something new",
        Some("improving_breakthrough"),
        Some("managing"),
        Some("fun"),
    ),
    (
        "These 1:1s are the most useful hour of my week",
        None,
        None,
        Some("belonging"),
    ),
];

/// What meets each need for someone, C B A F S.
const MEETS: [&[&str]; 5] = [
    &[
        "A stretch task with a review partner",
        "Explaining it in the demo themselves",
        "Hard bugs, with time to dig in",
    ],
    &[
        "Pairing with {peer}",
        "Lunch with the team on Thursdays",
        "Being asked first in planning",
    ],
    &[
        "Choosing how, once the goal is clear",
        "Owning a piece end to end",
        "No check-ins between the 1:1s",
    ],
    &[
        "A hack day now and then",
        "Something new to learn each quarter",
        "Demo days with the whole team",
    ],
    &[
        "Hearing about changes early, from me",
        "A clear picture of the budget",
        "Knowing what the next six months look like",
    ],
];

/// What the leader hands over.
const DELEGATIONS: &[&str] = &[
    "Running the sprint demo",
    "The on-call rota",
    "Leading the {system} incident reviews",
    "Onboarding the new hire",
    "The release notes",
    "The stakeholder updates for {team}",
    "The hiring loop for the next engineer",
    "The first draft of the quarterly roadmap",
    "Chairing the architecture review",
    "Tracking the budget for the {system} work",
];

/// How the leader means to show up the week after.
const INTENTIONS: &[&str] = &[
    "Listen first, decide later",
    "Ask before I fix",
    "Let the team run the stand-up",
    "Say thank you out loud, by name",
    "Leave the problem with whoever owns it",
    "Protect two afternoons for follow-ups",
    "Share the why before the what",
    "Stay calm in the release crunch",
];

/// The team's direction: the statement, its day as a share of the demo's window, and the
/// share at which it was retired, if it was.
const DIRECTION: &[(&str, f64, Option<f64>)] = &[
    ("Rewrite the billing system this year", 0.02, Some(0.55)),
    ("Ship every week, safely", 0.05, None),
    ("Everyone can be on call without dread", 0.15, None),
    ("Grow our own leads before we hire them", 0.56, None),
];

/// The streams the leader's side draws from: its choices, and the random half of its ids.
pub(super) struct Side {
    rng: Rng,
    ids: Rng,
    /// The statements in force today, by id, for aspirations to serve.
    in_force: Vec<Uuid>,
}

impl Side {
    pub(super) fn new(seed: u64) -> Side {
        Side {
            rng: Rng::stream(seed, u64::MAX - 3),
            ids: Rng::stream(seed, u64::MAX - 4),
            in_force: Vec::new(),
        }
    }

    fn uuid(&mut self, at: NaiveDateTime) -> Uuid {
        let millis = u64::try_from(at.and_utc().timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &self.ids.bytes()).into_uuid()
    }

    /// The statement an aspiration serves, for some of them.
    pub(super) fn serves(&mut self) -> Option<Uuid> {
        if self.in_force.is_empty() || !self.rng.chance(0.4) {
            return None;
        }
        let at = self.rng.below(self.in_force.len() as u64) as usize;
        Some(self.in_force[at])
    }
}

/// One 1:1 as the leader's side sees it.
pub(super) struct OneOnOne<'a> {
    pub(super) person: Uuid,
    pub(super) conversation: Uuid,
    pub(super) at: NaiveDateTime,
    pub(super) kind: ConversationKind,
    pub(super) met: [bool; 5],
    pub(super) slots: &'a Slots<'a>,
    pub(super) stamp: &'a crate::store::Stamp,
}

#[allow(clippy::needless_update)]
impl Writer<'_> {
    /// A date the leader noted for someone, two days from today: a moment to acknowledge.
    pub(super) fn moment(&mut self, person: Uuid, label: &str) {
        let noted_at = self.now.min(self.today.and_time(clock(9 * 60)));
        let uuid = self.uuid(noted_at);
        let stamp = self.stamp(noted_at);
        self.part.moment.push(MomentRow {
            uuid,
            person,
            falls_on: date_text(self.today + Duration::days(2)),
            label: label.to_string(),
            yearly: false,
            created_at: stamp.clone(),
            updated_at: stamp,
        });
    }

    /// The direction, stated over the window and written before anything that serves it.
    pub(super) fn direction(&mut self, window_start: NaiveDate) {
        let days = (self.today - window_start).num_days().max(1) as f64;
        for &(text, stated, retired) in DIRECTION {
            let on = |share: f64| shift(window_start, (days * share).round() as i64);
            let stated_on = on(stated).min(self.today);
            let retired_on = retired.map(|share| on(share).clamp(stated_on, self.today));
            let stated_at = stated_on.and_time(clock(10 * 60));
            let uuid = self.side.uuid(stated_at);
            let changed_at = retired_on.map_or(stated_at, |day| day.and_time(clock(10 * 60)));
            self.part.direction.push(DirectionRow {
                uuid,
                text: text.to_string(),
                stated_on: date_text(stated_on),
                retired_on: retired_on.map(date_text),
                created_at: self.stamp(stated_at),
                updated_at: self.stamp(changed_at),
                ..Default::default()
            });
            if retired_on.is_none() {
                self.side.in_force.push(uuid);
            }
        }
    }

    /// What a 1:1 brought on the leader's side: now and then something said about the
    /// leader's leading, a note on what meets a need it met (the first for that need, rarely
    /// a new one), something handed over. The last fortnight is busier, so the week's
    /// screen has something to show.
    pub(super) fn leaders_side(&mut self, one: &OneOnOne<'_>, noted: &mut [bool; 5]) {
        if !matches!(
            one.kind,
            ConversationKind::OneOnOne | ConversationKind::SkipLevel
        ) {
            return;
        }
        let day = one.at.date();
        let recent = (self.today - day).num_days() < 14;
        if self.side.rng.chance(if recent { 0.35 } else { 0.05 }) {
            let (text, pair, lean, need) = self.side.rng.pick(FEEDBACK);
            let uuid = self.side.uuid(one.at);
            self.part.feedback.push(FeedbackRow {
                uuid,
                person: one.person,
                conversation: Some(one.conversation),
                heard_on: date_text(day),
                text: text.to_string(),
                pair: pair.map(str::to_string),
                lean: lean.map(str::to_string),
                need: need.map(str::to_string),
                created_at: one.stamp.clone(),
                updated_at: one.stamp.clone(),
                ..Default::default()
            });
            self.report.feedback += 1;
        }
        for need in Need::ALL.into_iter().filter(|n| one.met[n.index()]) {
            let odds = if noted[need.index()] { 0.004 } else { 0.06 };
            if self.side.rng.chance(odds) {
                let text = words::fill(self.side.rng.pick(MEETS[need.index()]), one.slots);
                let uuid = self.side.uuid(one.at);
                self.part.meets_need.push(MeetsNeedRow {
                    uuid,
                    person: one.person,
                    need: need.key().to_string(),
                    text,
                    noted_on: date_text(day),
                    conversation: Some(one.conversation),
                    created_at: one.stamp.clone(),
                    updated_at: one.stamp.clone(),
                    ..Default::default()
                });
                noted[need.index()] = true;
                self.report.meets_notes += 1;
            }
        }
        if self.side.rng.chance(if recent { 0.15 } else { 0.04 }) {
            self.delegation(one, day);
        }
    }

    /// Something handed over in a 1:1: older ones were mostly checked, most found to have
    /// stuck, some to have come back; the newest are still open.
    fn delegation(&mut self, one: &OneOnOne<'_>, day: NaiveDate) {
        let rng = &mut self.side.rng;
        let text = words::fill(rng.pick(DELEGATIONS), one.slots);
        let age = (self.today - day).num_days();
        let outcome = match age {
            ..=6 => None,
            7..=21 => [None, Some("stuck"), Some("came-back")][rng.weighted(&[60, 30, 10])],
            _ => [None, Some("stuck"), Some("came-back")][rng.weighted(&[10, 70, 20])],
        };
        let checked_on = outcome.map(|_| {
            let after = rng.between(7, age.clamp(7, 60));
            (day + Duration::days(after)).min(self.today)
        });
        let uuid = self.side.uuid(one.at);
        let updated = checked_on.map_or(one.stamp.clone(), |on| {
            self.stamp(on.and_time(clock(16 * 60)).max(one.at))
        });
        self.part.delegation.push(DelegationRow {
            uuid,
            person: one.person,
            text,
            handed_on: date_text(day),
            outcome: outcome.map(str::to_string),
            checked_on: checked_on.map(date_text),
            conversation: Some(one.conversation),
            created_at: one.stamp.clone(),
            updated_at: updated,
            ..Default::default()
        });
        self.report.delegations += 1;
    }

    /// How the leader meant to show up the week after, in most reflections and always in
    /// the last two, so this week asks about last week's.
    pub(super) fn intentions(&mut self) {
        let count = self.part.reflection.len();
        for (nth, reflection) in self.part.reflection.iter_mut().enumerate() {
            if nth + 2 >= count || self.side.rng.chance(0.6) {
                reflection.intention = self.side.rng.pick(INTENTIONS).to_string();
            }
        }
    }
}
