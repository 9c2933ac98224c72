//! The demo journal: a believable team with months or years of history, to try Rapport
//! without typing a year of 1:1s first, and to measure it at scale.
//!
//! Generation is deterministic: the same options and the same `now` give the same rows,
//! ids included, on every machine. Nothing reads the clock; a small seeded generator
//! (`rng::Rng`) makes every choice, with one stream per person so that people do not
//! disturb each other's history.

mod hopes;
mod leading;
mod rng;
mod team;
mod words;

#[cfg(test)]
mod tests;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{ConversationKind, IdeaStatus, Need, Owner, Stance, iso_week_label};
use crate::store::export_rows::{
    AcknowledgementRow, AspirationRow, AspirationUpdateRow, ConversationRow, FollowUpRow, IdeaRow,
    NeedRow, PersonRow, ReflectionRow, TableRow, Tables, TagRow,
};
use crate::store::progress::Unit;
use crate::store::{BulkLoad, Error, Result, Stamp, Store};
use hopes::{Hope, HopeUpdate};
use rng::Rng;
use team::{LARGE_TEAM, Meeting, Member, Standing, Team, clock, shift};
use words::{Slots, TAGS, TOPICS};

/// The most people a demo team can have; larger requests are reduced to it.
pub(crate) const MAX_PEOPLE: u32 = 5_000;
/// The longest history a demo can have, in years; longer requests are reduced to it.
pub(crate) const MAX_YEARS: u32 = 30;

/// What to generate. Zero people or years count as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub people: u32,
    pub years: u32,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            people: 8,
            years: 1,
            seed: 1,
        }
    }
}

/// How many rows of each kind the demo wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DemoReport {
    pub people: u64,
    pub conversations: u64,
    pub need_tags: u64,
    pub follow_ups: u64,
    pub aspirations: u64,
    pub acknowledgements: u64,
    pub ideas: u64,
    pub reflections: u64,
    pub feedback: u64,
    pub meets_notes: u64,
    pub delegations: u64,
}

/// Fills an empty journal with a demo team and its history up to `now` (local time), in one
/// transaction: either the whole demo is written or nothing is.
///
/// Refuses a journal that already has people in it, so a leader's own journal is never
/// mixed with invented people.
pub fn generate(
    store: &mut Store,
    options: &DemoOptions,
    now: NaiveDateTime,
) -> Result<DemoReport> {
    let people = options.people.clamp(1, MAX_PEOPLE) as usize;
    let years = options.years.clamp(1, MAX_YEARS);
    // Conversations are kept to the minute; a `now` with seconds would put the newest
    // stamps a few seconds after the newest conversation can be.
    let now = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let (mut report, counts) = store.bulk_load(|load| {
        if load.lookup().has_people()? {
            return Err(Error::NotEmpty);
        }
        Writer::new(load, options.seed, now).write(people, years)
    })?;
    // A reflection the leader already wrote for a week is theirs: the demo's is left out.
    report.reflections = counts
        .added
        .get(ReflectionRow::TABLE.name)
        .copied()
        .unwrap_or_default();
    Ok(report)
}

/// Rows are handed to the load this many conversations at a time.
const PART_CONVERSATIONS: usize = 4096;

/// Where one person's history stands while conversations are written in time order.
struct Journey {
    person: Uuid,
    rng: Rng,
    meetings: Vec<Meeting>,
    mood: f64,
    /// Aspiration updates waiting for their conversation, by meeting index.
    hope_updates: Vec<(Uuid, HopeUpdate)>,
    next_hope_update: usize,
    /// The needs someone already has a note on what meets them for.
    noted: [bool; 5],
}

impl Journey {
    /// Moods drift: pulled back toward the person's usual level, with the odd bad week. A few
    /// conversations have no mood noted at all.
    fn next_mood(&mut self, usual: f64) -> Option<u8> {
        self.mood += (usual - self.mood) * 0.3 + self.rng.wobble(0.5);
        if self.rng.chance(0.04) {
            self.mood -= 1.5;
        }
        self.mood = self.mood.clamp(1.0, 5.0);
        (!self.rng.chance(0.04)).then(|| self.mood.round() as u8)
    }

    fn stance(&mut self, leading_odds: f64) -> Option<Stance> {
        if self.rng.chance(0.05) {
            None
        } else if self.rng.chance(leading_odds) {
            Some(Stance::Leading)
        } else if self.rng.chance(0.65) {
            Some(Stance::Managing)
        } else {
            Some(Stance::Both)
        }
    }
}

/// One conversation being written: what its follow-ups, notes and ideas hang from.
struct Written<'a> {
    uuid: Uuid,
    at: NaiveDateTime,
    stamp: &'a Stamp,
    slots: &'a Slots<'a>,
}

struct Writer<'l> {
    load: &'l BulkLoad<'l>,
    /// Rows not yet handed to the load.
    part: Tables,
    seed: u64,
    /// The stream that makes the random half of every UUID.
    ids: Rng,
    now: NaiveDateTime,
    today: NaiveDate,
    report: DemoReport,
    /// The leader's side draws from streams of its own.
    side: leading::Side,
}

// Rows name every field the demo makes up and leave the rest to their defaults, so a
// column added to a table's description needs nothing here.
#[allow(clippy::needless_update)]
impl<'l> Writer<'l> {
    fn new(load: &'l BulkLoad<'l>, seed: u64, now: NaiveDateTime) -> Writer<'l> {
        Writer {
            load,
            part: Tables::default(),
            seed,
            ids: Rng::stream(seed, u64::MAX),
            now,
            today: now.date(),
            report: DemoReport::default(),
            side: leading::Side::new(seed),
        }
    }

    /// Hands the rows written so far to the load.
    fn flush(&mut self) -> Result<()> {
        self.load.add_part(&std::mem::take(&mut self.part))
    }

    fn write(mut self, people: usize, years: u32) -> Result<DemoReport> {
        let window_start = self
            .today
            .checked_sub_months(Months::new(12 * years))
            .unwrap_or(self.today);
        let team = Team::assemble(
            people,
            window_start,
            self.today,
            &mut Rng::stream(self.seed, 0),
        );
        self.direction(window_start);
        let mut journeys = Vec::with_capacity(people);
        let mut calendar: Vec<(NaiveDateTime, usize, usize)> = Vec::new();
        for (index, member) in team.members.iter().enumerate() {
            let mut rng = Rng::stream(self.seed, index as u64 + 1);
            let person = self.person(member, window_start);
            let meetings = member.meetings(window_start, self.today, people > LARGE_TEAM, &mut rng);
            let hopes = hopes::plan(
                member.cadence_days,
                &meetings,
                self.now,
                index == 2,
                &mut rng,
            );
            let mut hope_updates = Vec::new();
            for hope in hopes {
                let aspiration = self.aspiration(person, &hope);
                hope_updates.extend(hope.updates.into_iter().map(|update| (aspiration, update)));
            }
            hope_updates.sort_by_key(|(_, update)| update.meeting);
            calendar.extend(
                meetings
                    .iter()
                    .enumerate()
                    .map(|(nth, meeting)| (meeting.at, index, nth)),
            );
            journeys.push(Journey {
                person,
                rng,
                meetings,
                mood: member.usual_mood,
                hope_updates,
                next_hope_update: 0,
                noted: [false; 5],
            });
        }
        // Written in time order, as a leader would have: ids, times and indexes all grow
        // together, which keeps SQLite appending to its indexes instead of scattering pages.
        calendar.sort_unstable();
        let progress = self.load.progress();
        progress.stage(
            "making up conversations",
            Some(calendar.len() as u64),
            Unit::Rows,
        );
        for (n, (_, who, nth)) in calendar.into_iter().enumerate() {
            self.conversation(&team, who, &mut journeys[who], nth);
            if (n + 1) % PART_CONVERSATIONS == 0 {
                if progress.stop_asked() {
                    return Err(Error::Interrupted("demo"));
                }
                self.flush()?;
                progress.reach(n as u64 + 1);
            }
        }
        self.reflections(window_start);
        self.intentions();
        // Written last, so the ids of everything before stay as they were.
        if let Some((_, journey)) = team
            .members
            .iter()
            .zip(&journeys)
            .skip(1)
            .find(|(member, _)| member.left_on.is_none())
        {
            self.moment(journey.person, "gives their first conference talk");
        }
        self.flush()?;
        Ok(self.report)
    }

    /// A deterministic time-ordered id: the time is the row's own, the rest from the seed.
    fn uuid(&mut self, at: NaiveDateTime) -> Uuid {
        let millis = u64::try_from(at.and_utc().timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &self.ids.bytes()).into_uuid()
    }

    /// The bookkeeping stamp of a row written at local time `at` (never after `now`). The
    /// demo has no time zone to convert with, so local time stands in for UTC.
    fn stamp(&self, at: NaiveDateTime) -> Stamp {
        Stamp(stamp_text(at.min(self.now)))
    }

    fn person(&mut self, member: &Member, window_start: NaiveDate) -> Uuid {
        let added_at = window_start
            .max(member.started_on)
            .and_time(clock(8 * 60 + 30));
        let changed_at = member
            .left_on
            .map_or(added_at, |left| left.and_time(clock(17 * 60)));
        let uuid = self.uuid(added_at);
        let (created, updated) = (self.stamp(added_at), self.stamp(changed_at));
        self.part.person.push(PersonRow {
            uuid,
            name: member.name.clone(),
            role: member.role.to_string(),
            team: member.team_name().to_string(),
            started_on: Some(date_text(member.started_on)),
            cadence_days: i64::from(member.cadence_days),
            strengths: member.strengths.to_string(),
            motivations: member.motivations.to_string(),
            acknowledge_for: member.acknowledge_for.to_string(),
            would_change: member.would_change.to_string(),
            roving_leader: member.roving_leader,
            archived: member.left_on.is_some(),
            created_at: created,
            updated_at: updated,
            ..Default::default()
        });
        self.report.people += 1;
        uuid
    }

    fn aspiration(&mut self, person: Uuid, hope: &Hope) -> Uuid {
        let uuid = self.uuid(hope.opened_at);
        let (created, updated) = (self.stamp(hope.opened_at), self.stamp(hope.last_noted_at));
        self.part.aspiration.push(AspirationRow {
            uuid,
            person,
            title: hope.title.to_string(),
            detail: hope.detail.to_string(),
            horizon: hope.horizon.to_string(),
            status: hope.status.key().to_string(),
            created_at: created,
            updated_at: updated,
            serves: self.side.serves(),
            ..Default::default()
        });
        self.report.aspirations += 1;
        uuid
    }

    /// One conversation with everything that hangs from it: needs, tags, follow-ups,
    /// aspiration notes, acknowledgements and ideas.
    fn conversation(&mut self, team: &Team, who: usize, journey: &mut Journey, nth: usize) {
        let member = &team.members[who];
        let meeting = journey.meetings[nth];
        let mood = journey.next_mood(member.usual_mood);
        let stance = journey.stance(member.leading_odds);
        let rng = &mut journey.rng;
        let topic = &TOPICS[if rng.chance(0.6) {
            rng.pick(&member.favourite_topics)
        } else {
            rng.below(TOPICS.len() as u64) as usize
        }];
        let slots = Slots {
            peer: team.peer_of(who, rng),
            system: Slots::system(rng),
            team: member.team_name(),
        };
        let summary = words::summary(topic, meeting.kind, rng, &slots);
        let notes = words::notes(topic, mood, rng, &slots);
        let logged_at = meeting.at + Duration::minutes(rng.between(5, 60));
        let stamp = self.stamp(logged_at);
        let when = when_text(meeting.at);
        let uuid = self.uuid(meeting.at);
        self.part.conversation.push(ConversationRow {
            uuid,
            person: journey.person,
            happened_at: when.clone(),
            kind: meeting.kind.key().to_string(),
            mood: mood.map(i64::from),
            stance: stance.map(|s| s.key().to_string()),
            summary,
            notes,
            created_at: stamp.clone(),
            updated_at: stamp.clone(),
            ..Default::default()
        });
        self.report.conversations += 1;
        let written = Written {
            uuid,
            at: meeting.at,
            stamp: &stamp,
            slots: &slots,
        };

        let met = self.needs(member, meeting.kind, &written, rng);
        self.tags(topic.tag, &written, rng);
        let promised_lately =
            nth + 1 == journey.meetings.len() && member.standing == Standing::Overdue;
        self.follow_ups(
            member,
            journey.person,
            &written,
            meeting.kind,
            promised_lately,
            rng,
        );
        while let Some((aspiration, update)) = journey.hope_updates.get(journey.next_hope_update) {
            if update.meeting != nth {
                break;
            }
            self.hope_update(*aspiration, update, uuid);
            journey.next_hope_update += 1;
        }
        self.acknowledgements(journey.person, &written, &when, &mut journey.rng);
        let is_latest = nth + 1 == journey.meetings.len();
        self.ideas(
            member,
            journey.person,
            &written,
            is_latest,
            &mut journey.rng,
        );
        let one = leading::OneOnOne {
            person: journey.person,
            conversation: uuid,
            at: meeting.at,
            kind: meeting.kind,
            met,
            slots: &slots,
            stamp: &stamp,
        };
        self.leaders_side(&one, &mut journey.noted);
    }

    /// Needs met, unevenly per person; a short word on how, often. Says which were met.
    fn needs(
        &mut self,
        member: &Member,
        kind: ConversationKind,
        written: &Written<'_>,
        rng: &mut Rng,
    ) -> [bool; 5] {
        let depth = match kind {
            ConversationKind::OneOnOne | ConversationKind::SkipLevel => 1.0,
            ConversationKind::CheckIn => 0.7,
            ConversationKind::Informal => 0.6,
        };
        let mut met = Need::ALL.map(|need| rng.chance(member.need_odds[need.index()] * depth));
        // A real 1:1 nearly always touches something; when the dice say nothing, it is the
        // need this person most often talks about.
        if !met.contains(&true) && rng.chance(0.8) {
            let strongest = (0..met.len())
                .max_by(|&a, &b| member.need_odds[a].total_cmp(&member.need_odds[b]))
                .unwrap_or(0);
            met[strongest] = true;
        }
        for need in Need::ALL.into_iter().filter(|need| met[need.index()]) {
            let how = words::need_how(need, rng);
            let uuid = self.uuid(written.at);
            self.part.conversation_need.push(NeedRow {
                uuid,
                conversation: written.uuid,
                need: need.key().to_string(),
                how: how.to_string(),
                state: crate::domain::NeedState::Met.key().to_string(),
                created_at: written.stamp.clone(),
                updated_at: written.stamp.clone(),
            });
            self.report.need_tags += 1;
        }
        met
    }

    /// None, the topic's own tag, or that and one more.
    fn tags(&mut self, topic_tag: &str, written: &Written<'_>, rng: &mut Rng) {
        let mut tags: Vec<&str> = Vec::with_capacity(2);
        if rng.chance(0.7) {
            tags.push(topic_tag);
        }
        if rng.chance(0.3) {
            let other = rng.pick(TAGS);
            if !tags.contains(&other) {
                tags.push(other);
            }
        }
        for tag in tags {
            let uuid = self.uuid(written.at);
            self.part.conversation_tag.push(TagRow {
                uuid,
                conversation: written.uuid,
                tag: tag.to_string(),
                created_at: written.stamp.clone(),
                updated_at: written.stamp.clone(),
                ..Default::default()
            });
        }
    }

    /// Promises made in the conversation. Most are kept around their due date; recent ones
    /// may still be open, some of them overdue. `promised_lately` adds one open promise of
    /// the leader's, already overdue: the last 1:1 with someone overdue left one behind.
    fn follow_ups(
        &mut self,
        member: &Member,
        person: Uuid,
        written: &Written<'_>,
        kind: ConversationKind,
        promised_lately: bool,
        rng: &mut Rng,
    ) {
        let mut count = rng.weighted(&[68, 25, 7]);
        if kind == ConversationKind::Informal && rng.chance(0.5) {
            count = 0;
        }
        if promised_lately {
            count = count.max(1);
        }
        let made_on = written.at.date();
        for nth in 0..count {
            let forced = promised_lately && nth == 0;
            let owner = if forced || rng.chance(0.5) {
                Owner::Me
            } else {
                Owner::Them
            };
            let pool = match owner {
                Owner::Me => words::MY_FOLLOW_UPS,
                Owner::Them => words::THEIR_FOLLOW_UPS,
            };
            let text = words::fill(rng.pick(pool), written.slots);
            let due_on = if forced {
                Some(shift(made_on, rng.between(3, 5)))
            } else if rng.chance(0.9) {
                Some(shift(made_on, rng.between(2, 14)))
            } else {
                None
            };
            let done_on = if forced {
                None
            } else {
                self.settled_on(member, made_on, due_on, rng)
            };
            let done_at = done_on.map_or(written.at, |day| {
                day.and_time(clock(17 * 60 + 10)).max(written.at)
            });
            let uuid = self.uuid(written.at);
            let updated = self.stamp(done_at);
            self.part.follow_up.push(FollowUpRow {
                uuid,
                person,
                conversation: Some(written.uuid),
                owner: owner.key().to_string(),
                text,
                made_on: date_text(made_on),
                due_on: due_on.map(date_text),
                done_on: done_on.map(date_text),
                created_at: written.stamp.clone(),
                updated_at: updated,
                ..Default::default()
            });
            self.report.follow_ups += 1;
        }
    }

    /// When a follow-up was done, if it was: a few days either side of its due date, almost
    /// always for old ones, usually for recent ones, and before the person left.
    fn settled_on(
        &self,
        member: &Member,
        made_on: NaiveDate,
        due_on: Option<NaiveDate>,
        rng: &mut Rng,
    ) -> Option<NaiveDate> {
        let aimed_at = due_on.unwrap_or_else(|| shift(made_on, 7));
        let done = shift(aimed_at, rng.between(-3, 6)).max(made_on);
        if let Some(left) = member.left_on {
            return Some(done.min(left).max(made_on));
        }
        if done > self.today {
            return None;
        }
        // Forgotten promises pile up in real journals too, but only a few survive for months.
        let kept_odds = match (self.today - made_on).num_days() {
            ..=21 => 0.85,
            22..=60 => 0.95,
            _ => 0.995,
        };
        rng.chance(kept_odds).then_some(done)
    }

    fn hope_update(&mut self, aspiration: Uuid, update: &HopeUpdate, conversation: Uuid) {
        let uuid = self.uuid(update.noted_at);
        let stamp = self.stamp(update.noted_at);
        self.part.aspiration_update.push(AspirationUpdateRow {
            uuid,
            aspiration,
            conversation: update.linked.then_some(conversation),
            noted_on: date_text(update.noted_on()),
            status: update.status.map(|s| s.key().to_string()),
            note: update.note.to_string(),
            created_at: stamp.clone(),
            updated_at: stamp,
            ..Default::default()
        });
    }

    /// Now and then the leader acknowledges someone: in the 1:1, or a few days later in the
    /// team channel.
    fn acknowledgements(&mut self, person: Uuid, written: &Written<'_>, when: &str, rng: &mut Rng) {
        if rng.chance(0.07) {
            let text = words::fill(rng.pick(words::ACKNOWLEDGEMENTS), written.slots);
            let uuid = self.uuid(written.at);
            self.part.acknowledgement.push(AcknowledgementRow {
                uuid,
                person,
                conversation: Some(written.uuid),
                given_at: when.to_string(),
                text,
                created_at: written.stamp.clone(),
                updated_at: written.stamp.clone(),
                ..Default::default()
            });
            self.report.acknowledgements += 1;
        }
        if rng.chance(0.025) {
            let given_at =
                shift(written.at.date(), rng.between(1, 4)).and_time(team::office_time(rng));
            let text = words::fill(rng.pick(words::ACKNOWLEDGEMENTS), written.slots);
            if given_at <= self.now {
                let uuid = self.uuid(given_at);
                let stamp = self.stamp(given_at);
                self.part.acknowledgement.push(AcknowledgementRow {
                    uuid,
                    person,
                    conversation: None,
                    given_at: when_text(given_at),
                    text,
                    created_at: stamp.clone(),
                    updated_at: stamp,
                    ..Default::default()
                });
                self.report.acknowledgements += 1;
            }
        }
    }

    /// Ideas people bring, roving leaders more often. Older ones have been answered, mostly;
    /// the newest are still waiting, and a few old ones were never answered. A roving
    /// leader's latest conversation always brought an idea the leader has yet to answer.
    fn ideas(
        &mut self,
        member: &Member,
        person: Uuid,
        written: &Written<'_>,
        is_latest: bool,
        rng: &mut Rng,
    ) {
        let waiting = is_latest && member.roving_leader;
        let odds = if member.roving_leader { 0.1 } else { 0.05 };
        if !waiting && !rng.chance(odds) {
            return;
        }
        let heard_on = written.at.date();
        let age = (self.today - heard_on).num_days();
        let status = if waiting || (age < 21 && rng.chance(0.8)) {
            IdeaStatus::Heard
        } else {
            [
                IdeaStatus::Heard,
                IdeaStatus::Trying,
                IdeaStatus::Adopted,
                IdeaStatus::Declined,
            ][rng.weighted(&[10, 20, 35, 35])]
        };
        let (answer, answered_on) = match status {
            IdeaStatus::Heard => (String::new(), None),
            IdeaStatus::Trying | IdeaStatus::Adopted | IdeaStatus::Declined => {
                let pool = match status {
                    IdeaStatus::Trying => words::TRYING_ANSWERS,
                    IdeaStatus::Adopted => words::ADOPTED_ANSWERS,
                    _ => words::DECLINED_ANSWERS,
                };
                let answered_on = shift(heard_on, rng.between(1, age.clamp(1, 30)));
                (
                    words::fill(rng.pick(pool), written.slots),
                    Some(answered_on.min(self.today)),
                )
            }
        };
        let text = words::fill(rng.pick(words::IDEAS), written.slots);
        let answered_at = answered_on.map_or(written.at, |day| {
            day.and_time(clock(11 * 60)).max(written.at)
        });
        let uuid = self.uuid(written.at);
        let updated = self.stamp(answered_at);
        self.part.idea.push(IdeaRow {
            uuid,
            person,
            conversation: Some(written.uuid),
            heard_on: date_text(heard_on),
            text,
            status: status.key().to_string(),
            answer,
            answered_on: answered_on.map(date_text),
            created_at: written.stamp.clone(),
            updated_at: updated,
            ..Default::default()
        });
        self.report.ideas += 1;
    }

    /// A reflection for most weeks, written on Friday afternoon; the balance ratings drift
    /// slowly, as a leader's habits do. The current week waits for its Friday.
    fn reflections(&mut self, window_start: NaiveDate) {
        let mut rng = Rng::stream(self.seed, u64::MAX - 1);
        // The four pairs the self-check had first drift on their own stream, so adding the
        // other four left every earlier pick (texts, times) of the demo as it was.
        let mut pairs_rng = Rng::stream(self.seed, u64::MAX - 2);
        let mut balance = [3.0f64; 4];
        let mut more_pairs = [3.0f64; 4];
        let mut monday = shift(
            window_start,
            -i64::from(window_start.weekday().num_days_from_monday()),
        );
        loop {
            let written_at = shift(monday, 4).and_time(clock(16 * 60 + rng.between(0, 90) as u32));
            if written_at > self.now {
                break;
            }
            for rating in &mut balance {
                *rating = (*rating + rng.wobble(0.5) + (3.4 - *rating) * 0.1).clamp(1.0, 5.0);
            }
            for rating in &mut more_pairs {
                *rating = (*rating + pairs_rng.wobble(0.5) + (2.8 - *rating) * 0.1).clamp(1.0, 5.0);
            }
            if rng.chance(0.9) {
                let notes = if rng.chance(0.3) {
                    rng.pick(words::REFLECTION_NOTES)
                } else {
                    ""
                };
                let went_well = rng.pick(words::WENT_WELL);
                let do_differently = rng.pick(words::DO_DIFFERENTLY);
                let ratings = balance.map(|rating| rating.round() as i64);
                let more = more_pairs.map(|rating| rating.round() as i64);
                let uuid = self.uuid(written_at);
                let stamp = self.stamp(written_at);
                self.part.reflection.push(ReflectionRow {
                    uuid,
                    week: iso_week_label(monday),
                    went_well: went_well.to_string(),
                    do_differently: do_differently.to_string(),
                    notes: notes.to_string(),
                    directing_serving: Some(ratings[0]),
                    reacting_initiating: Some(ratings[1]),
                    control_commitment: Some(ratings[2]),
                    improving_breakthrough: Some(ratings[3]),
                    systems_people: Some(more[0]),
                    goals_purpose: Some(more[1]),
                    planning_opportunism: Some(more[2]),
                    doing_being: Some(more[3]),
                    created_at: stamp.clone(),
                    updated_at: stamp,
                    ..Default::default()
                });
            }
            let next = shift(monday, 7);
            if next == monday {
                break;
            }
            monday = next;
        }
    }
}

fn when_text(at: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

fn date_text(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn stamp_text(at: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}
