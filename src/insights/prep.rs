//! Before a 1:1: what to pick up with one person. The last conversations, promises open both
//! ways, their aspirations and how they moved, the needs not addressed lately with
//! questions to ask, what they want to be acknowledged for, and ideas awaiting an answer.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::freshness::{Freshness, need_grade};
use super::gaps::grade_one_on_one;
use crate::config::Config;
use crate::domain::{
    Acknowledgement, AspirationStatus, Conversation, FollowUp, Guide, Idea, Need, Owner, Person,
    Standing, TalkingPoint, Topic, bank,
};
use crate::store::{LastAsked, PrepRows};

/// How many questions the prep view offers per need to address, and per guide.
pub(crate) const QUESTIONS_PER_NEED: usize = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prep {
    pub today: NaiveDate,
    pub person: Person,
    pub last_one_on_one: Option<NaiveDateTime>,
    pub days_since_one_on_one: Option<i64>,
    /// The last conversation of any kind.
    pub last_talk: Option<NaiveDateTime>,
    pub one_on_one: Freshness,
    /// When the next 1:1 is due, or that they are paused or yet to start.
    pub standing: Standing,
    pub next_due: NaiveDate,
    /// Negative when overdue.
    pub due_in_days: i64,
    /// Newest first, at most three.
    pub recent_conversations: Vec<Conversation>,
    /// Open follow-ups the leader owes, by due date (undated last).
    pub(crate) follow_ups_mine: Vec<PrepFollowUp>,
    /// Open follow-ups the person owes.
    pub(crate) follow_ups_theirs: Vec<PrepFollowUp>,
    /// Active and exploring first, then parked and achieved.
    pub(crate) aspirations: Vec<AspirationProgress>,
    /// All five needs, C B A F S.
    pub(crate) needs: Vec<NeedPrep>,
    /// The needs not fresh, worst first: what to bring up.
    pub to_address: Vec<Need>,
    /// What the leader does not know yet about them (seed 002's three questions), in that
    /// order; empty once all three are known.
    pub(crate) still_unknown: Vec<Unknown>,
    /// The guides for this conversation besides the needs: getting to know someone not met
    /// yet, support after a low mood, roving leaders for someone others follow.
    pub(crate) guides: Vec<GuidePrep>,
    pub acknowledge_for: String,
    pub would_change: String,
    /// Newest first.
    pub recent_acknowledgements: Vec<Acknowledgement>,
    pub days_since_acknowledgement: Option<i64>,
    /// Oldest first.
    pub(crate) ideas_awaiting: Vec<IdeaAwaiting>,
    /// Still to raise, oldest first: the leader's and theirs.
    pub talking_points: Vec<TalkingPoint>,
    /// What meets each need for them, as the leader noted it last, C B A F S.
    pub(crate) meets: Vec<crate::domain::MeetsNeed>,
    /// The team's direction in force, oldest first; an aspiration's `serves` names one.
    pub(crate) directions: Vec<crate::domain::Direction>,
    /// Ask them "How can I improve?": they have told the leader nothing about their leading
    /// in `feedback_ask_weeks` weeks (or ever); none otherwise.
    pub(crate) ask_about_leading: Option<AskAboutLeading>,
    /// Their next moment to acknowledge, when it falls before the 1:1 after this one:
    /// within their cadence, and never less than the week Today looks ahead.
    pub(crate) next_moment: Option<super::moments::Upcoming>,
}

/// Why prep suggests asking for feedback on the leader's leading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AskAboutLeading {
    /// The last day they said something about it; none when they never have.
    pub last_feedback: Option<NaiveDate>,
    /// The setting the suggestion follows (`feedback_ask_weeks`).
    pub weeks: u32,
    pub question: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PrepFollowUp {
    #[serde(flatten)]
    pub follow_up: FollowUp,
    pub days_overdue: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AspirationProgress {
    pub id: i64,
    pub title: String,
    pub horizon: String,
    pub status: AspirationStatus,
    pub last_progress_on: NaiveDate,
    pub days_since_progress: i64,
    /// The newest update's note, when it has one.
    pub last_note: Option<String>,
    /// Exploring or active with no progress for longer than the stalled threshold.
    pub stalled: bool,
    /// The statement of the team's direction it serves.
    pub serves: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct NeedPrep {
    pub need: Need,
    pub last_met: Option<NaiveDateTime>,
    /// When a concern about it was raised, if one is open.
    pub concern_since: Option<NaiveDateTime>,
    pub days: Option<i64>,
    pub freshness: Freshness,
    /// How it was met the last time, as noted.
    pub how: String,
    /// Questions to ask; empty while the need is fresh.
    pub questions: Vec<PrepQuestion>,
}

/// A question to ask, and when it was last asked of this person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PrepQuestion {
    pub topic: Topic,
    pub text: String,
    pub last_asked: Option<NaiveDate>,
}

/// Something seed 002 says a leader should know about each person, not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Unknown {
    /// What they want to be acknowledged for (the profile field).
    AcknowledgeFor,
    /// Their career aspiration (no aspiration written down).
    Aspiration,
    /// What they would change if they could (the profile field).
    WouldChange,
}

impl Unknown {
    pub(crate) const ALL: [Unknown; 3] = [
        Unknown::AcknowledgeFor,
        Unknown::Aspiration,
        Unknown::WouldChange,
    ];

    /// Seed 002's question for it: the getting-to-know guide's first three built-in
    /// questions, in this order (a test holds them together).
    pub(crate) fn question(self) -> &'static str {
        let questions = &Guide::GettingToKnow.info().questions;
        let index = match self {
            Unknown::AcknowledgeFor => 0,
            Unknown::Aspiration => 1,
            Unknown::WouldChange => 2,
        };
        questions.get(index).map_or("", String::as_str)
    }

    /// What an answer fills in: "acknowledge for", "aspiration", "would change".
    pub(crate) fn what(self) -> &'static str {
        match self {
            Unknown::AcknowledgeFor => "acknowledge for",
            Unknown::Aspiration => "career aspiration",
            Unknown::WouldChange => "would change",
        }
    }
}

/// A guide brought to this conversation, with its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct GuidePrep {
    #[serde(serialize_with = "guide_key")]
    pub guide: Guide,
    /// Why this guide is here ("no 1:1 yet", "others follow them").
    pub why: &'static str,
    pub questions: Vec<PrepQuestion>,
}

fn guide_key<S: serde::Serializer>(guide: &Guide, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(guide.key())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct IdeaAwaiting {
    #[serde(flatten)]
    pub idea: Idea,
    pub days_waiting: i64,
}

/// `count` of a topic's questions for one person: those never asked of them first, then
/// those asked longest ago. Each person starts the never-asked ones at their own place
/// (by id), so a team does not all hear the same first question, and a question moves to
/// the back once asked: the questions rotate per person as they are asked.
pub(crate) fn questions_for(
    topic: Topic,
    person_id: i64,
    asked: &[LastAsked],
    count: usize,
) -> Vec<PrepQuestion> {
    let all = bank().texts(topic);
    if all.is_empty() {
        return Vec::new();
    }
    // Looked up once per question: a long question file and a long history stay linear.
    let last: HashMap<&str, NaiveDateTime> = asked
        .iter()
        .map(|a| (a.question.as_str(), a.last_asked))
        .collect();
    let last_asked = |text: &str| last.get(text).copied();
    let start = usize::try_from(person_id.rem_euclid(all.len() as i64)).unwrap_or(0);
    let mut ordered: Vec<(Option<NaiveDateTime>, usize, &str)> = all
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let place = (i + all.len() - start) % all.len();
            (last_asked(text), place, *text)
        })
        .collect();
    // Never asked (None) sorts before any time; among the asked, the oldest first.
    ordered.sort();
    ordered
        .into_iter()
        .take(count)
        .map(|(at, _, text)| PrepQuestion {
            topic,
            text: text.to_string(),
            last_asked: at.map(|at| at.date()),
        })
        .collect()
}

/// The next question to ask `person` in a conversation being written, skipping those already
/// put in it (`taken`): one never asked of them if there is one, else the one asked longest
/// ago. Topics are tried in order: getting to know someone not met yet, the needs the
/// conversation is about (`needs`), the roving-leader guide for a roving leader, support and
/// the future, neck up, then the other needs.
pub(crate) fn next_question(
    person: &Person,
    met_before: bool,
    needs: &[Need],
    asked: &[LastAsked],
    taken: &[String],
) -> Option<PrepQuestion> {
    // A first conversation is for getting to know them, whatever needs are to raise.
    let mut topics: Vec<Topic> = Vec::new();
    if !met_before {
        topics.push(Topic::Guide(Guide::GettingToKnow));
    }
    topics.extend(needs.iter().map(|&n| Topic::Need(n)));
    if person.roving_leader {
        topics.push(Topic::Guide(Guide::RovingLeaders));
    }
    topics.extend(
        [
            Guide::Support,
            Guide::Future,
            Guide::NeckUp,
            Guide::GettingToKnow,
        ]
        .map(Topic::Guide),
    );
    topics.extend(Need::ALL.map(Topic::Need));
    let mut seen = Vec::new();
    topics.retain(|t| {
        let first = !seen.contains(t);
        seen.push(*t);
        first
    });
    let candidates: Vec<PrepQuestion> = topics
        .into_iter()
        .flat_map(|topic| questions_for(topic, person.id, asked, usize::MAX))
        .filter(|q| !taken.contains(&q.text))
        .collect();
    let never = candidates.iter().position(|q| q.last_asked.is_none());
    let index = never.or_else(|| {
        candidates
            .iter()
            .enumerate()
            .min_by_key(|(_, q)| q.last_asked)
            .map(|(i, _)| i)
    })?;
    candidates.into_iter().nth(index)
}

fn status_rank(status: AspirationStatus) -> u8 {
    match status {
        AspirationStatus::Active => 0,
        AspirationStatus::Exploring => 1,
        AspirationStatus::Parked => 2,
        AspirationStatus::Achieved => 3,
    }
}

/// The prep view of the rows read for one person, as of `today`.
pub fn prepare(rows: PrepRows, today: NaiveDate, config: &Config) -> Prep {
    let summary = rows.facts.summary;
    let standing = summary.standing(today);
    let person = summary.person.clone();
    let thresholds = config.thresholds();
    let days_since = |at: Option<NaiveDateTime>| at.map(|at| (today - at.date()).num_days());
    let next_due = standing.due_on();
    let needs: Vec<NeedPrep> = Need::ALL
        .iter()
        .map(|&need| {
            let last_met = summary.needs_last_met[need.index()];
            let freshness = need_grade(&summary, need, today, thresholds);
            NeedPrep {
                need,
                last_met,
                concern_since: summary.concerns_since[need.index()],
                days: days_since(last_met),
                freshness,
                how: rows.facts.needs_how[need.index()].clone(),
                questions: if freshness == Freshness::Fresh {
                    Vec::new()
                } else {
                    questions_for(
                        Topic::Need(need),
                        person.id,
                        &rows.asked,
                        QUESTIONS_PER_NEED,
                    )
                },
            }
        })
        .collect();
    let mut to_address: Vec<&NeedPrep> = needs
        .iter()
        .filter(|n| n.freshness != Freshness::Fresh)
        .collect();
    // The person's priorities first; then open concerns, never met, the longest ago; C B A
    // F S among equals (the sort is stable).
    to_address.sort_by_key(|n| {
        std::cmp::Reverse((
            person.priorities.contains(&n.need),
            n.freshness,
            n.days.unwrap_or(i64::MAX),
        ))
    });
    let to_address = to_address.iter().map(|n| n.need).collect();
    let (mut mine, mut theirs): (Vec<PrepFollowUp>, Vec<PrepFollowUp>) = rows
        .open_follow_ups
        .into_iter()
        .filter(FollowUp::is_open)
        .map(|follow_up| PrepFollowUp {
            days_overdue: follow_up.days_overdue(today),
            follow_up,
        })
        .partition(|f| f.follow_up.owner == Owner::Me);
    for list in [&mut mine, &mut theirs] {
        list.sort_by_key(|f| {
            (
                f.follow_up.due_on.is_none(),
                f.follow_up.due_on,
                f.follow_up.id,
            )
        });
    }
    let stalled_after = i64::from(config.stalled_aspiration_days);
    let mut aspirations: Vec<AspirationProgress> = rows
        .aspirations
        .iter()
        .map(|a| {
            let last_progress_on = a.last_progress_on();
            let days = (today - last_progress_on).num_days();
            AspirationProgress {
                id: a.id,
                title: a.title.clone(),
                horizon: a.horizon.clone(),
                status: a.status,
                last_progress_on,
                days_since_progress: days,
                last_note: a
                    .updates
                    .iter()
                    .rev()
                    .map(|u| u.note.trim())
                    .find(|n| !n.is_empty())
                    .map(str::to_string),
                stalled: matches!(
                    a.status,
                    AspirationStatus::Exploring | AspirationStatus::Active
                ) && days > stalled_after,
                serves: a.serves,
            }
        })
        .collect();
    aspirations.sort_by_key(|a| (status_rank(a.status), a.id));
    let ideas_awaiting = rows
        .ideas_awaiting
        .into_iter()
        .map(|idea| IdeaAwaiting {
            days_waiting: (today - idea.heard_on).num_days(),
            idea,
        })
        .collect();
    let still_unknown: Vec<Unknown> = Unknown::ALL
        .into_iter()
        .filter(|unknown| match unknown {
            Unknown::AcknowledgeFor => person.acknowledge_for.trim().is_empty(),
            Unknown::WouldChange => person.would_change.trim().is_empty(),
            Unknown::Aspiration => rows.aspirations.is_empty(),
        })
        .collect();
    let mut guides = Vec::new();
    // A question already asked for under "still unknown" is not offered twice.
    let shown: Vec<&str> = still_unknown
        .iter()
        .map(|u: &Unknown| u.question())
        .collect();
    let mut bring = |guide: Guide, why: &'static str| {
        guides.push(GuidePrep {
            guide,
            why,
            questions: questions_for(Topic::Guide(guide), person.id, &rows.asked, usize::MAX)
                .into_iter()
                .filter(|q| !shown.contains(&q.text.as_str()))
                .take(QUESTIONS_PER_NEED)
                .collect(),
        });
    };
    if summary.last_conversation.is_none() {
        bring(Guide::GettingToKnow, "no conversation yet");
    }
    let last_mood = rows
        .recent_conversations
        .iter()
        .max_by_key(|c| (c.happened_at, c.id))
        .and_then(|c| c.mood);
    // A low mood last time brings seed 002's "are you okay?" (the same low as Today's).
    if last_mood.is_some_and(|mood| mood.value() <= super::wellbeing::LOW_MOOD) {
        bring(Guide::Support, "low mood last time");
    }
    if person.roving_leader {
        bring(Guide::RovingLeaders, "others follow them");
    }
    let mut recent_conversations = rows.recent_conversations;
    recent_conversations.sort_by(|a, b| b.happened_at.cmp(&a.happened_at).then(b.id.cmp(&a.id)));
    recent_conversations.truncate(crate::store::PREP_CONVERSATIONS);
    Prep {
        today,
        last_one_on_one: summary.last_one_on_one,
        days_since_one_on_one: days_since(summary.last_one_on_one),
        last_talk: summary.last_conversation,
        one_on_one: grade_one_on_one(standing, today, config.one_on_one_grace_days),
        standing,
        next_due,
        due_in_days: (next_due - today).num_days(),
        recent_conversations,
        follow_ups_mine: mine,
        follow_ups_theirs: theirs,
        aspirations,
        needs,
        to_address,
        still_unknown,
        guides,
        acknowledge_for: person.acknowledge_for.clone(),
        would_change: person.would_change.clone(),
        days_since_acknowledgement: days_since(rows.facts.last_acknowledgement),
        recent_acknowledgements: rows.recent_acknowledgements,
        ideas_awaiting,
        talking_points: rows
            .talking_points
            .into_iter()
            .filter(TalkingPoint::is_open)
            .collect(),
        ask_about_leading: super::feedback::ask_due(
            rows.last_feedback,
            today,
            config.feedback_ask_weeks,
        )
        .then_some(AskAboutLeading {
            last_feedback: rows.last_feedback,
            weeks: config.feedback_ask_weeks,
            question: super::feedback::ASK_QUESTION,
        }),
        meets: rows.meets,
        directions: rows.directions,
        next_moment: super::moments::ahead(
            &[&person],
            &rows.moments,
            today,
            super::moments::MOMENTS_AHEAD_DAYS.max(i64::from(person.cadence_days)),
        )
        .into_iter()
        .next(),
        person,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Aspiration, AspirationUpdate, ConversationKind, IdeaStatus};
    use crate::insights::gaps::tests::{at, day, facts};
    use uuid::Uuid;

    const TODAY: &str = "2026-11-23";

    fn rows() -> PrepRows {
        PrepRows {
            facts: facts(1, "Priya", 14),
            recent_conversations: Vec::new(),
            open_follow_ups: Vec::new(),
            aspirations: Vec::new(),
            recent_acknowledgements: Vec::new(),
            ideas_awaiting: Vec::new(),
            asked: Vec::new(),
            talking_points: Vec::new(),
            last_feedback: None,
            meets: Vec::new(),
            directions: Vec::new(),
            moments: Vec::new(),
        }
    }

    fn talk(id: i64, when: &str) -> Conversation {
        Conversation {
            id,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Priya".into(),
            person_uuid: uuid::Uuid::nil(),
            happened_at: at(when).unwrap(),
            kind: ConversationKind::OneOnOne,
            mood: None,
            stance: None,
            summary: format!("talk {id}"),
            notes: String::new(),
            needs: Vec::new(),
            tags: Vec::new(),
        }
    }

    fn follow_up(id: i64, owner: Owner, due: Option<&str>) -> FollowUp {
        FollowUp {
            id,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Priya".into(),
            person_uuid: uuid::Uuid::nil(),
            conversation_id: None,
            owner,
            text: format!("promise {id}"),
            due_on: due.map(day),
            done_on: None,
            made_on: day("2026-11-01"),
            pause: None,
        }
    }

    #[test]
    fn someone_never_met_gets_every_need_with_questions() {
        let prep = prepare(rows(), day(TODAY), &Config::default());
        assert!(prep.recent_conversations.is_empty());
        assert_eq!(prep.last_one_on_one, None);
        // Due from the day they were there; with no such day known, today.
        assert_eq!(prep.one_on_one, Freshness::Fading);
        assert_eq!(prep.due_in_days, 0);
        assert_eq!(prep.to_address, Need::ALL.to_vec());
        for need in &prep.needs {
            assert_eq!(need.freshness, Freshness::Never);
            assert_eq!(need.questions.len(), QUESTIONS_PER_NEED);
            assert_ne!(need.questions[0], need.questions[1]);
        }
        assert!(prep.ideas_awaiting.is_empty());
    }

    #[test]
    fn prep_leads_with_the_persons_priorities() {
        let mut input = rows();
        input.facts.summary.person.priorities = vec![Need::Security];
        let prep = prepare(input, day(TODAY), &Config::default());
        assert_eq!(prep.to_address[0], Need::Security);
        assert_eq!(prep.to_address.len(), 5);
    }

    #[test]
    fn everything_to_pick_up_with_one_person() {
        let mut input = rows();
        let summary = &mut input.facts.summary;
        summary.last_conversation = at("2026-11-13 10:00");
        summary.last_one_on_one = at("2026-11-13 10:00");
        summary.needs_last_met = [
            at("2026-11-13 10:00"),
            at("2026-09-01 10:00"), // 83 days: missing beyond 4 cadences of 14
            at("2026-11-13 10:00"),
            None,
            at("2026-10-20 10:00"), // 34 days: fading
        ];
        summary.person.acknowledge_for = "the calm way she handles outages".into();
        input.facts.last_acknowledgement = at("2026-10-23 10:00");
        input.recent_conversations = vec![
            talk(1, "2026-10-01 10:00"),
            talk(3, "2026-11-13 10:00"),
            talk(2, "2026-10-20 10:00"),
            talk(0, "2026-09-01 10:00"),
        ];
        input.open_follow_ups = vec![
            follow_up(1, Owner::Them, Some("2026-11-30")),
            follow_up(2, Owner::Me, None),
            follow_up(3, Owner::Me, Some("2026-11-20")),
        ];
        let aspiration = |id, status, created: &str, updates: Vec<AspirationUpdate>| Aspiration {
            id,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Priya".into(),
            person_uuid: uuid::Uuid::nil(),
            title: format!("hope {id}"),
            detail: String::new(),
            horizon: "this year".into(),
            status,
            created_on: day(created),
            updates,
            serves: None,
        };
        input.aspirations = vec![
            aspiration(1, AspirationStatus::Achieved, "2025-01-01", Vec::new()),
            aspiration(
                2,
                AspirationStatus::Active,
                "2026-01-01",
                vec![AspirationUpdate {
                    id: 9,
                    uuid: Uuid::nil(),
                    noted_on: day("2026-08-01"),
                    status: None,
                    note: "shadowing the lead".into(),
                }],
            ),
            aspiration(3, AspirationStatus::Exploring, "2026-11-01", Vec::new()),
        ];
        input.ideas_awaiting = vec![Idea {
            id: 4,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Priya".into(),
            person_uuid: uuid::Uuid::nil(),
            heard_on: day("2026-11-13"),
            text: "rotate on-call by pairs".into(),
            status: IdeaStatus::Heard,
            answer: String::new(),
            answered_on: None,
        }];
        let prep = prepare(input, day(TODAY), &Config::default());
        let ids: Vec<i64> = prep.recent_conversations.iter().map(|c| c.id).collect();
        assert_eq!(ids, [3, 2, 1]);
        assert_eq!(prep.days_since_one_on_one, Some(10));
        assert_eq!(prep.due_in_days, 4);
        assert_eq!(
            prep.to_address,
            [Need::Fun, Need::Belonging, Need::Security]
        );
        assert!(prep.needs[Need::Competence.index()].questions.is_empty());
        assert_eq!(
            prep.needs[Need::Belonging.index()].freshness,
            Freshness::Missing
        );
        let mine: Vec<i64> = prep
            .follow_ups_mine
            .iter()
            .map(|f| f.follow_up.id)
            .collect();
        assert_eq!(mine, [3, 2]);
        assert_eq!(prep.follow_ups_mine[0].days_overdue, Some(3));
        assert_eq!(prep.follow_ups_theirs.len(), 1);
        let order: Vec<i64> = prep.aspirations.iter().map(|a| a.id).collect();
        assert_eq!(order, [2, 3, 1]);
        assert!(prep.aspirations[0].stalled);
        assert_eq!(
            prep.aspirations[0].last_note.as_deref(),
            Some("shadowing the lead")
        );
        assert_eq!(prep.aspirations[0].days_since_progress, 114);
        assert!(!prep.aspirations[1].stalled);
        assert!(
            !prep.aspirations[2].stalled,
            "achieved aspirations never stall"
        );
        assert_eq!(prep.acknowledge_for, "the calm way she handles outages");
        assert_eq!(prep.days_since_acknowledgement, Some(31));
        assert_eq!(prep.ideas_awaiting[0].days_waiting, 10);
    }

    #[test]
    fn the_next_question_follows_the_conversations_needs_and_skips_what_was_asked() {
        let person = rows().facts.summary.person;
        // Someone new: getting to know them comes first.
        let first = next_question(&person, false, &[Need::Fun], &[], &[]).unwrap();
        assert_eq!(first.topic, Topic::Guide(Guide::GettingToKnow));
        // With every such question in the conversation already, the needs it is about.
        let known: Vec<String> = bank()
            .texts(Topic::Guide(Guide::GettingToKnow))
            .into_iter()
            .map(str::to_string)
            .collect();
        let next = next_question(&person, false, &[Need::Fun], &[], &known).unwrap();
        assert_eq!(next.topic, Topic::Need(Need::Fun));
        let next = next_question(&person, true, &[Need::Fun], &[], &[]).unwrap();
        assert_eq!(
            next.topic,
            Topic::Need(Need::Fun),
            "met before: the needs first"
        );
        // Met before and nothing ticked: support before the needs.
        let next = next_question(&person, true, &[], &[], &[]).unwrap();
        assert_eq!(next.topic, Topic::Guide(Guide::Support));
        // A roving leader gets the roving-leader guide before support.
        let roving = Person {
            roving_leader: true,
            ..person.clone()
        };
        let next = next_question(&roving, true, &[], &[], &[]).unwrap();
        assert_eq!(next.topic, Topic::Guide(Guide::RovingLeaders));
        // Asked before: a question not asked yet is preferred, whatever its topic.
        let asked: Vec<LastAsked> = bank()
            .texts(Topic::Guide(Guide::Support))
            .into_iter()
            .map(|q| LastAsked {
                question: q.to_string(),
                last_asked: at("2026-11-01 10:00").unwrap(),
                times: 1,
            })
            .collect();
        let next = next_question(&person, true, &[], &asked, &[]).unwrap();
        assert_eq!(next.topic, Topic::Guide(Guide::Future));
        assert_eq!(next.last_asked, None);
    }

    #[test]
    fn prep_lists_the_talking_points_still_to_raise() {
        let point = |id, owner, ticked: Option<&str>| TalkingPoint {
            id,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "Priya".into(),
            person_uuid: uuid::Uuid::nil(),
            owner,
            text: format!("point {id}"),
            raised_on: day("2026-11-01"),
            ticked_on: ticked.map(day),
            conversation_id: None,
        };
        let mut input = rows();
        input.talking_points = vec![
            point(1, Owner::Them, None),
            point(2, Owner::Me, Some("2026-11-20")),
            point(3, Owner::Me, None),
        ];
        let prep = prepare(input, day(TODAY), &Config::default());
        let ids: Vec<i64> = prep.talking_points.iter().map(|p| p.id).collect();
        assert_eq!(ids, [1, 3], "a point discussed is no longer carried");
    }

    #[test]
    fn an_archived_person_can_still_be_prepared() {
        let mut input = rows();
        input.facts.summary.person.archived = true;
        let prep = prepare(input, day(TODAY), &Config::default());
        assert!(prep.person.archived);
        assert_eq!(prep.needs.len(), 5);
    }
}
