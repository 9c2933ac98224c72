//! The text of the demo journal: names, profiles and short sentence templates about
//! everyday work. Templates may say `{peer}` (a colleague's first name), `{system}` (a piece
//! of the product) and `{team}`; [`fill`] puts the words in.

use super::rng::Rng;
use crate::domain::{ConversationKind, Need};

/// Single-word first names (so "First Last" splits unambiguously), unique ignoring case.
pub(super) const FIRST_NAMES: &[&str] = &[
    "Amara",
    "Bilal",
    "Chen",
    "Dagny",
    "Emeka",
    "Farah",
    "Gustavo",
    "Hana",
    "Ines",
    "Jonas",
    "Kavya",
    "Lars",
    "Mei",
    "Nikolai",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Vikram",
    "Wanjiru",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Aiko",
    "Bruno",
    "Camila",
    "Dmitri",
    "Elif",
    "Fatima",
    "Giulia",
    "Hamid",
    "Ingrid",
    "Joaquin",
    "Keanu",
    "Leila",
    "Mateus",
    "Noor",
    "Oskar",
    "Paloma",
    "Rahul",
    "Sakura",
    "Thabo",
    "Ulla",
    "Valentina",
    "Wei",
    "Yara",
    "Zainab",
    "Anders",
    "Beatriz",
    "Chidi",
    "Dalia",
    "Esteban",
    "Freya",
    "Goran",
    "Halima",
    "Ivan",
    "Jia",
    "Kofi",
    "Lucia",
    "Marek",
    "Nadia",
    "Omar",
    "Pilar",
    "Ravi",
    "Sofia",
    "Tomasz",
    "Nia",
    "Emil",
    "Soo-jin",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Okafor",
    "Haddad",
    "Nakamura",
    "Lindqvist",
    "Fernández",
    "Kowalski",
    "Mensah",
    "Rossi",
    "Novak",
    "Kim",
    "Silva",
    "Petrov",
    "Dubois",
    "Schmidt",
    "Garcia",
    "Nguyen",
    "Ivanova",
    "Moreau",
    "Tanaka",
    "Adeyemi",
    "Jensen",
    "O'Brien",
    "Khan",
    "Ali",
    "Müller",
    "Costa",
    "Popescu",
    "Sato",
    "Andersson",
    "Horvath",
    "Mwangi",
    "Patel",
    "Reyes",
    "Yilmaz",
    "Kaur",
    "Cohen",
    "Larsen",
    "Bianchi",
    "Nowak",
    "Wong",
    "Achebe",
    "Virtanen",
    "Szabo",
    "Oliveira",
    "Hoang",
    "Demir",
    "Byrne",
    "Vargas",
    "Takahashi",
    "Eriksen",
    "Mahlangu",
    "Sharma",
    "Castillo",
    "Lambert",
    "Karimi",
    "Berg",
    "Dlamini",
    "Murphy",
    "Rahman",
    "Fischer",
];

pub(super) const TEAMS: &[&str] = &["Payments", "Platform", "Mobile", "Search", "Growth"];

/// Roles and how common each is; tech leads are named separately, one per team.
pub(super) const ROLES: &[(&str, u32)] = &[
    ("Software Engineer", 6),
    ("Senior Software Engineer", 5),
    ("Frontend Engineer", 3),
    ("Site Reliability Engineer", 2),
    ("QA Engineer", 2),
    ("Product Designer", 2),
    ("Data Analyst", 1),
    ("Engineering Apprentice", 1),
];
pub(super) const TECH_LEAD: &str = "Tech Lead";

const SYSTEMS: &[&str] = &[
    "billing service",
    "search index",
    "mobile app",
    "data pipeline",
    "auth gateway",
    "deploy tooling",
    "message queue",
    "reporting database",
    "checkout flow",
    "notification service",
    "feature-flag system",
    "public API",
];

pub(super) const STRENGTHS: &[&str] = &[
    "Calm under pressure",
    "Writes design docs people actually finish reading",
    "Patient teacher; explains without talking down",
    "Knows the old billing code better than anyone",
    "Spots the risky part of a plan early",
    "Debugging: methodical and stubborn in a good way",
    "Builds trust with the product side quickly",
    "Turns vague requests into small, shippable steps",
    "Careful, kind code reviews",
    "Keeps the team's tooling healthy without being asked",
    "Strong eye for usability",
    "Good at saying no to scope creep",
];

pub(super) const MOTIVATIONS: &[&str] = &[
    "Learning something new every month",
    "Seeing customers use what they built",
    "A team that laughs together",
    "Hard puzzles with no obvious answer",
    "Stability and predictable hours for the family",
    "Recognition from peers more than from managers",
    "Freedom to choose how to do the work",
    "Mastering the craft, slowly and properly",
    "Growing toward leading others",
    "Work that visibly matters to the company",
];

pub(super) const ACKNOWLEDGE_FOR: &[&str] = &[
    "Quiet reliability: things simply get done",
    "The care that goes into reviews",
    "Helping others get unstuck",
    "Making incidents calmer for everyone",
    "Taking on the unglamorous work",
    "Ideas that improved how the team works",
    "Mentoring newer colleagues",
    "Clear writing",
];

pub(super) const WOULD_CHANGE: &[&str] = &[
    "Fewer meetings, more focus time",
    "A faster build and test cycle",
    "Clearer priorities from product",
    "Less noise on the pager",
    "Regular time for cleanup",
    "Decisions written down where everyone can find them",
    "More say in the roadmap",
    "Fairer spread of on-call weekends",
];

/// The vocabulary of conversation tags.
pub(super) const TAGS: &[&str] = &[
    "growth",
    "feedback",
    "career",
    "wellbeing",
    "project",
    "on-call",
    "hiring",
    "process",
    "team",
    "pay",
    "learning",
];

/// A subject that comes up in 1:1s: its usual tag, a few summary lines and note sentences.
pub(super) struct Topic {
    pub(super) tag: &'static str,
    summaries: &'static [&'static str],
    sentences: &'static [&'static str],
}

pub(super) const TOPICS: &[Topic] = &[
    Topic {
        tag: "career",
        summaries: &[
            "Career chat: what the next level would ask of them",
            "Where they want to be in two years",
            "Promotion case: gaps and evidence",
            "Staff track or management track?",
        ],
        sentences: &[
            "We went through the expectations for the next level line by line.",
            "They are not sure they want to manage people; the technical track appeals more.",
            "Their strongest evidence so far is the work on the {system}.",
            "I asked what a great year would look like for them and we wrote it down together.",
            "We agreed the missing piece is visible design work outside {team}.",
            "They would like a mentor outside the team, ideally someone who made the jump already.",
        ],
    },
    Topic {
        tag: "on-call",
        summaries: &[
            "On-call load after a rough rotation",
            "Pager fatigue and the rota",
            "Night pages from the {system}",
        ],
        sentences: &[
            "Three pages last week came from the same noisy alert on the {system}.",
            "The rotation has been short-handed since {peer} went on leave.",
            "We talked about swapping the weekend shift and taking a recovery day.",
            "Most pages were not actionable, and that is what wears people down.",
            "I offered to raise the alert noise at the next ops review instead of leaving it to them.",
            "They proposed a follow-the-sun handover with the other office.",
        ],
    },
    Topic {
        tag: "project",
        summaries: &[
            "Migrating the {system}: halfway there",
            "Cut-over plan for the {system}",
            "Migration risks and the rollback story",
        ],
        sentences: &[
            "The data backfill is slower than planned and they want two more weeks.",
            "They worry the rollback path has never been rehearsed.",
            "{peer} and they split the remaining services between them.",
            "The old cluster still costs money every month, so there is pressure to finish.",
            "We agreed they own the cut-over date and I keep the status meetings off their plate.",
            "A dry run on staging went cleanly, which lifted the mood.",
        ],
    },
    Topic {
        tag: "feedback",
        summaries: &[
            "Feedback both ways",
            "Feedback on the last design review",
            "How their code reviews land with others",
        ],
        sentences: &[
            "I gave specific praise for how clearly they wrote up the trade-offs.",
            "Their reviews are thorough but sometimes read as blunt to newer people.",
            "They told me my updates in the team meeting run too long; fair point.",
            "We practised how to give {peer} feedback without it turning personal.",
            "I asked what I should start, stop and keep doing as their lead.",
            "They want feedback in the moment rather than saved up for these meetings.",
        ],
    },
    Topic {
        tag: "team",
        summaries: &[
            "Planning the team offsite",
            "Team lunch and the new joiners",
            "Ideas for the end-of-year event",
        ],
        sentences: &[
            "They volunteered to organise the next team lunch and already have a place in mind.",
            "The offsite agenda has too much work and not enough play, in their view.",
            "They enjoyed the board-game evening and want to make it monthly.",
            "Remote colleagues felt left out last time, so we talked about a hybrid format.",
            "{peer} is new and has not met most of the team in person yet.",
            "We might combine the retrospective with a walk outside if the weather holds.",
        ],
    },
    Topic {
        tag: "pay",
        summaries: &[
            "Pay review season",
            "Questions about their salary band",
            "Bonus and the budget freeze",
        ],
        sentences: &[
            "They asked directly whether they are paid fairly compared with the market.",
            "I explained how the bands work and where they sit inside theirs.",
            "The budget freeze makes this year's raise smaller than they hoped.",
            "They were relieved to hear their role is not affected by the reorganisation.",
            "I will bring their case to the calibration meeting with concrete examples.",
            "Money is not the main worry; predictability is.",
        ],
    },
    Topic {
        tag: "hiring",
        summaries: &[
            "Interview load and the hiring bar",
            "Helping {team} hire",
            "Onboarding the new hire",
        ],
        sentences: &[
            "They ran five interviews this month and it is eating into focus time.",
            "They want to redesign the take-home exercise; it favours people with free evenings.",
            "{peer} starts next week and they offered to be the onboarding buddy.",
            "We talked about how to turn a candidate down kindly and quickly.",
            "Their written interview feedback is among the most useful I read.",
        ],
    },
    Topic {
        tag: "project",
        summaries: &[
            "Debrief of the {system} outage",
            "Incident review: what we learned",
            "After last week's incident",
        ],
        sentences: &[
            "They led the incident calmly, but stayed up far too late doing it.",
            "The review should be blameless; they worry it will not feel that way.",
            "The root cause was a config change nobody reviewed, one of mine included.",
            "We listed three fixes and they picked the one they care about most.",
            "They want the {system} runbook rewritten before the holidays.",
        ],
    },
    Topic {
        tag: "process",
        summaries: &[
            "Priorities for the next quarter",
            "Too many projects at once",
            "What {team} should stop doing",
        ],
        sentences: &[
            "They are juggling four projects and none of them moves fast.",
            "We ranked the work together and agreed to drop the least valuable item.",
            "They would like a say in the roadmap before it is presented, not after.",
            "The {system} rewrite keeps slipping because of interruptions.",
            "I explained why the product side wants the feature by spring.",
            "They suggested shorter cycles with a demo at the end of each.",
        ],
    },
    Topic {
        tag: "learning",
        summaries: &[
            "Learning budget and the conference",
            "The course on distributed systems",
            "What they want to learn next",
        ],
        sentences: &[
            "They want to attend a conference in the spring and maybe submit a talk.",
            "The online course is going well but competes with on-call weeks.",
            "I suggested pairing with {peer} on the performance work to learn by doing.",
            "We set aside Friday afternoons for study during the next month.",
            "They would like to run a lunch session on what they learned.",
        ],
    },
    Topic {
        tag: "wellbeing",
        summaries: &[
            "How they are really doing",
            "Holiday plans and workload",
            "Back from leave",
            "Energy and focus lately",
        ],
        sentences: &[
            "They have not taken a proper holiday this year and it shows.",
            "Things at home are busy; they asked for flexible hours for a while.",
            "They came back from leave rested and full of ideas.",
            "I asked what drains their energy most; meetings came up first.",
            "We agreed they block two mornings a week without meetings.",
            "They said it helps that I ask how they are before we talk about work.",
        ],
    },
    Topic {
        tag: "growth",
        summaries: &[
            "Mentoring {peer}",
            "Growing as a tech lead",
            "Leading without the title",
        ],
        sentences: &[
            "Newer colleagues already go to them for advice, no title involved.",
            "They are mentoring {peer} and enjoy it more than they expected.",
            "We talked about handing over the interesting work instead of keeping it.",
            "They asked how to run a design discussion where quieter people speak up.",
            "I encouraged them to lead the next planning session for {team}.",
        ],
    },
    Topic {
        tag: "process",
        summaries: &[
            "Stand-ups and meeting load",
            "How {team} plans its work",
            "Retro actions that never happen",
        ],
        sentences: &[
            "They think the daily stand-up has turned into a status report for me.",
            "Retro actions keep getting lost; they want an owner for each one.",
            "Planning takes half a day and they question what it buys us.",
            "We tried written updates last month and they liked it.",
            "They would like our definition of done written down.",
        ],
    },
    Topic {
        tag: "project",
        summaries: &[
            "Tech debt in the {system}",
            "The test suite is too slow",
            "Making room for cleanup",
        ],
        sentences: &[
            "The test suite takes forty minutes and people stopped running it locally.",
            "They want one week per quarter reserved for cleanup.",
            "The {system} has code nobody dares to touch, and they are keen to change that.",
            "We agreed they write a one-page case I can take to the product lead.",
            "They fixed a flaky test that had bothered everyone for months.",
        ],
    },
];

const CHECK_IN_SUMMARIES: &[&str] = &[
    "Quick check-in before the release",
    "Short sync on the {system}",
    "Catch-up after the all-hands",
    "Five minutes on priorities",
];
const INFORMAL_SUMMARIES: &[&str] = &[
    "Coffee chat",
    "Lunch together",
    "Walk around the block",
    "Chat after the team demo",
];
const SKIP_LEVEL_SUMMARIES: &[&str] = &[
    "Skip-level: how {team} feels lately",
    "Skip-level conversation",
    "Skip-level: what would make work better",
];

const LOW_MOOD: &[&str] = &[
    "They seemed tired and quieter than usual.",
    "Energy was low; the last weeks have been heavy.",
    "They were frustrated and said so openly, which I appreciate.",
    "Not a great week for them; we kept the rest short.",
];
const STEADY_MOOD: &[&str] = &[
    "A steady week, nothing alarming.",
    "Calm conversation, mostly practical.",
    "They were focused and matter-of-fact.",
];
const HIGH_MOOD: &[&str] = &[
    "They were in good spirits and full of ideas.",
    "Upbeat: the last sprint went well for them.",
    "Lots of laughter today; the team seems to be in a good place.",
    "They were proud of the release, and rightly so.",
];
const CLOSERS: &[&str] = &[
    "We will pick this up again next time.",
    "I owe them an answer by the end of the week.",
    "I should ask more open questions like today.",
    "They asked me to check in on this in a month.",
    "Left with a clear next step on both sides.",
];

/// Short notes on how a conversation met each need, in `Need::ALL` order.
const NEED_HOWS: [&[&str]; 5] = [
    &[
        "specific praise for the design doc",
        "paired on the tricky query plan",
        "agreed on a stretch task for next sprint",
        "offered time for the course they picked",
        "walked through the review comments together",
        "coached them on presenting to leadership",
    ],
    &[
        "introduced them to the platform guild",
        "asked them to host the new joiners' lunch",
        "thanked them in front of the team",
        "talked about how the team sees them",
        "invited them to the cross-team demo",
    ],
    &[
        "they chose the rollout approach",
        "they set their own deadline",
        "they arrange the on-call swap themselves",
        "no more daily status questions from me",
        "they own the migration plan end to end",
    ],
    &[
        "laughed about the offsite karaoke",
        "planned the hack day together",
        "they picked the next team game night",
        "talked about their climbing trip",
        "celebrated the release with cake",
    ],
    &[
        "confirmed their role is safe in the reorg",
        "explained the pay band and its timing",
        "clarified the sick-leave policy",
        "reassured them about the contract renewal",
        "agreed on a recovery day after on-call",
    ],
];

pub(super) const MY_FOLLOW_UPS: &[&str] = &[
    "Send the promotion criteria for the next level",
    "Ask finance when the pay review lands",
    "Introduce them to {peer} about the migration",
    "Raise the alert noise at the ops review",
    "Book a room for the team lunch",
    "Find them a mentor outside {team}",
    "Check the conference budget",
    "Share the roadmap draft before Friday",
    "Clarify the on-call compensation rules",
    "Give written feedback on the design doc",
    "Ask HR about flexible hours",
    "Block focus time in the team calendar",
];

pub(super) const THEIR_FOLLOW_UPS: &[&str] = &[
    "Draft the rollback plan for the {system}",
    "Write the one-page case for cleanup time",
    "Send me the talk abstract",
    "Propose a new alert threshold",
    "Pick a course and send me the link",
    "Book the recovery day after on-call",
    "Write up the incident timeline",
    "Share the interview exercise draft",
    "List three things they want from the offsite",
    "Prepare the demo for the review",
    "Pair with {peer} on the flaky tests",
    "Update the runbook for the {system}",
];

pub(super) const ACKNOWLEDGEMENTS: &[&str] = &[
    "Kept calm and clear during the {system} outage",
    "Onboarded {peer} with real patience",
    "The trade-off write-up for the migration",
    "Fixed the flaky test everyone had given up on",
    "Spoke up in planning when it mattered",
    "Thoughtful interview feedback",
    "Ran the retro while I was away",
    "Took the extra on-call shift without a fuss",
    "Clean, careful work on the {system} cut-over",
    "Helped {team} ship the release on time",
    "Guided {peer} through their first incident",
    "The lunch talk on observability",
];

pub(super) const IDEAS: &[&str] = &[
    "Rotate on-call weekly, with a recovery day after",
    "Replace the Monday stand-up with written updates",
    "Add a demo slot at the end of every cycle",
    "Quarantine flaky tests automatically",
    "Let everyone pick one cleanup task per sprint",
    "Pair new joiners with a buddy from another team",
    "Run incident drills on staging once a quarter",
    "Publish the roadmap draft for comments before it is final",
    "Hold a monthly game evening for the remote folks",
    "Make twenty-five minutes the default meeting length",
    "Share interview questions openly to make loops fairer",
    "Try no-meeting Wednesdays",
    "Generate the release notes from merged changes",
    "Keep a team decision log",
];

pub(super) const TRYING_ANSWERS: &[&str] = &[
    "Good idea: let's try it for a month in {team} and see.",
    "Agreed to a trial; they will lead it.",
    "Trying it next cycle, then we review it together.",
];
pub(super) const ADOPTED_ANSWERS: &[&str] = &[
    "Worked well in the trial; it is now how we do it.",
    "Adopted across {team} after the trial.",
    "Everyone liked it; it stays.",
];
pub(super) const DECLINED_ANSWERS: &[&str] = &[
    "Not now: the budget is frozen until next quarter.",
    "We tried something close last year; I explained why it failed.",
    "Not before the release, but bring it back afterwards.",
    "It clashes with a company-wide policy; I explained the reason.",
];

/// Aspirations: title, detail, horizon.
pub(super) const ASPIRATIONS: &[(&str, &str, &str)] = &[
    (
        "Become a staff engineer",
        "Wants broader technical influence across teams.",
        "2–3 years",
    ),
    (
        "Lead a small team",
        "Curious about management; wants to try it before committing.",
        "next year",
    ),
    (
        "Speak at a conference",
        "Has a talk idea about the migration story.",
        "this year",
    ),
    (
        "Move into product management",
        "Enjoys the customer side more and more.",
        "someday",
    ),
    ("Get the cloud architecture certification", "", "this year"),
    (
        "Own a service end to end",
        "From design to on-call, roadmap included.",
        "next 6 months",
    ),
    (
        "Mentor junior engineers",
        "Already does it informally; wants it to count.",
        "ongoing",
    ),
    (
        "Learn Rust properly",
        "Plans to rewrite a small internal tool as practice.",
        "this year",
    ),
    (
        "Work four days a week",
        "To study alongside work.",
        "next year",
    ),
    (
        "Move to the data team",
        "Drawn to analytics and experiments.",
        "1–2 years",
    ),
    ("Write the team's engineering handbook", "", "this quarter"),
    (
        "Relocate to the Lisbon office",
        "Family reasons; wants to keep the same role.",
        "next year",
    ),
    ("Become the go-to person for performance", "", "1–2 years"),
    ("Run the hiring loop for the team", "", "next 6 months"),
];

pub(super) const ASPIRATION_OPENED: &[&str] = &[
    "First came up in our 1:1.",
    "Raised it when we talked about the coming year.",
];
pub(super) const ASPIRATION_PROGRESS: &[&str] = &[
    "Talked through the next step; they have a draft.",
    "Small progress: found someone to learn from.",
    "Busy quarter, little movement, still keen.",
    "They shared an outline with me.",
    "Agreed on a concrete milestone for next month.",
    "Picked a first piece of work that fits it.",
    "Checked in; they want more time for it.",
];
pub(super) const ASPIRATION_ACTIVE: &[&str] = &[
    "Decided to go for it.",
    "Committed to a plan with a first milestone.",
];
pub(super) const ASPIRATION_ACHIEVED: &[&str] = &[
    "Done, and they are rightly proud.",
    "Reached it; we celebrated with the team.",
];
pub(super) const ASPIRATION_PARKED: &[&str] = &[
    "Parked for now; other priorities at home.",
    "Not the right time; they may come back to it.",
];

pub(super) const WENT_WELL: &[&str] = &[
    "Every 1:1 happened, none moved.",
    "Asked before telling in most conversations.",
    "Closed three of my own follow-ups on time.",
    "Good, honest pay conversation.",
    "The team solved the outage without me.",
    "Gave specific praise instead of a general thank-you.",
    "Protected two focus mornings for the team.",
    "Listened more than I talked in the skip-levels.",
    "Answered every idea that came in this week.",
    "The offsite planning is in the team's hands, not mine.",
];

pub(super) const DO_DIFFERENTLY: &[&str] = &[
    "Stop filling silences; let people think.",
    "Ask about careers, not only projects.",
    "Move fewer 1:1s for my own meetings.",
    "Follow up on my promises before theirs.",
    "Less status checking, more trust.",
    "Notice who has not been heard in planning.",
    "Celebrate small wins on the day they happen.",
    "Say no to one meeting so I can prepare the 1:1s.",
    "Ask how people are before the agenda.",
    "Give feedback within a day, not at the next 1:1.",
];

pub(super) const REFLECTION_NOTES: &[&str] = &[
    "Release week; everything else took a back seat.",
    "Two people out sick, the team covered well.",
    "Budget news came late and caused worry.",
    "Quiet week, good time to catch up on follow-ups.",
];

/// The words that go into a template's slots.
pub(super) struct Slots<'a> {
    pub(super) peer: &'a str,
    pub(super) system: &'a str,
    pub(super) team: &'a str,
}

impl Slots<'_> {
    pub(super) fn system(rng: &mut Rng) -> &'static str {
        rng.pick(SYSTEMS)
    }
}

/// Appends `template` to `out` with its `{slot}`s replaced; an unknown slot stays as written.
pub(super) fn fill_into(out: &mut String, template: &str, slots: &Slots<'_>) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return;
        };
        match &after[1..close] {
            "peer" => out.push_str(slots.peer),
            "system" => out.push_str(slots.system),
            "team" => out.push_str(slots.team),
            _ => out.push_str(&after[..=close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

pub(super) fn fill(template: &str, slots: &Slots<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    fill_into(&mut out, template, slots);
    out
}

/// The one line that names a conversation in lists.
pub(super) fn summary(
    topic: &Topic,
    kind: ConversationKind,
    rng: &mut Rng,
    slots: &Slots<'_>,
) -> String {
    // Short and casual conversations are often named by what they were, not their subject.
    let template = match kind {
        ConversationKind::CheckIn if rng.chance(0.6) => rng.pick(CHECK_IN_SUMMARIES),
        ConversationKind::Informal if rng.chance(0.6) => rng.pick(INFORMAL_SUMMARIES),
        ConversationKind::SkipLevel if rng.chance(0.6) => rng.pick(SKIP_LEVEL_SUMMARIES),
        _ => rng.pick(topic.summaries),
    };
    fill(template, slots)
}

/// Two to four lines of notes: the subject, sometimes how the person seemed, sometimes what
/// happens next.
pub(super) fn notes(topic: &Topic, mood: Option<u8>, rng: &mut Rng, slots: &Slots<'_>) -> String {
    let mut out = String::with_capacity(256);
    let first = rng.below(topic.sentences.len() as u64) as usize;
    fill_into(&mut out, topic.sentences[first], slots);
    let mut lines = 1;
    let target = rng.between(2, 4);
    if rng.chance(0.6) {
        let second = (first + 1 + rng.below(topic.sentences.len() as u64 - 1) as usize)
            % topic.sentences.len();
        out.push('\n');
        fill_into(&mut out, topic.sentences[second], slots);
        lines += 1;
    }
    if lines < target {
        let pool = match mood {
            Some(1 | 2) => LOW_MOOD,
            Some(5) => HIGH_MOOD,
            _ => STEADY_MOOD,
        };
        out.push('\n');
        out.push_str(rng.pick(pool));
        lines += 1;
    }
    if lines < target {
        out.push('\n');
        out.push_str(rng.pick(CLOSERS));
    }
    out
}

/// A short note on how a conversation met a need, or nothing.
pub(super) fn need_how(need: Need, rng: &mut Rng) -> &'static str {
    if rng.chance(0.65) {
        rng.pick(NEED_HOWS[need.index()])
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_are_unique_ignoring_case_and_single_words() {
        for list in [FIRST_NAMES, LAST_NAMES] {
            let unique: HashSet<String> = list.iter().map(|n| n.to_lowercase()).collect();
            assert_eq!(unique.len(), list.len());
            assert!(list.iter().all(|n| !n.contains(' ')));
        }
    }

    #[test]
    fn slots_are_filled() {
        let slots = Slots {
            peer: "Mei",
            system: "search index",
            team: "Growth",
        };
        assert_eq!(
            fill("{peer} fixed the {system} for {team}", &slots),
            "Mei fixed the search index for Growth"
        );
        assert_eq!(fill("{odd} and {", &slots), "{odd} and {");
        assert_eq!(fill("plain", &slots), "plain");
    }

    #[test]
    fn every_topic_has_two_sentences_at_least() {
        assert!(
            TOPICS
                .iter()
                .all(|t| t.sentences.len() >= 2 && !t.summaries.is_empty())
        );
    }
}
