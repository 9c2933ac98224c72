//! Today's sentences, worded once for the screen and `rapport today`: who is next when
//! nobody is due soon, and the question for today with what is true about the needs.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::text::{printable, standing_sentence};
use crate::domain::{FollowUp, Guide, Need};
use crate::insights::agenda::{self, DUE_SOON_DAYS, DueEntry, RovingNudge};
use crate::insights::freshness::{self, NeedsOutlook, Thresholds, question_for};
use crate::insights::moments::{MOMENTS_AHEAD_DAYS, Upcoming};
use crate::insights::wellbeing::CheckIn;
use crate::store::{PersonSummary, Store};

/// Today's agenda, assembled once for the screen and `rapport today` (text and JSON), so
/// that both list the same people and the same follow-ups.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Agenda {
    pub today: NaiveDate,
    /// Overdue, due today or due within [`DUE_SOON_DAYS`].
    pub due_for_one_on_one: Vec<DueEntry>,
    /// Open follow-ups overdue, due today or due within [`DUE_SOON_DAYS`]: the same window
    /// as the 1:1s, so the agenda holds what to act on now, not the week ahead.
    pub follow_ups_due: Vec<FollowUp>,
    /// Work anniversaries and noted dates within [`MOMENTS_AHEAD_DAYS`], soonest first.
    pub moments: Vec<Upcoming>,
    /// The people to ask "are you okay?", and why.
    pub are_you_okay: Vec<CheckIn>,
    /// Set when no roving leader was noticed in the weeks the settings say.
    pub roving_leaders: Option<RovingNudge>,
    /// Who is due soonest after those in `due_for_one_on_one`.
    pub next_up: Option<DueEntry>,
    /// What is true about the team's needs, and the question for today from it.
    pub needs: NeedsOutlook,
    pub question: Option<TodayQuestion>,
}

impl Agenda {
    /// Reads and assembles the agenda of `today` from the already loaded people.
    pub(crate) fn assemble(
        store: &Store,
        people: &[PersonSummary],
        today: NaiveDate,
        thresholds: Thresholds,
        roving_leader_weeks: u32,
    ) -> crate::store::Result<Agenda> {
        let needs = freshness::needs_outlook(people, today, thresholds);
        let until = today + Duration::days(DUE_SOON_DAYS);
        Ok(Agenda {
            today,
            due_for_one_on_one: agenda::due_for_one_on_one(people, today),
            follow_ups_due: agenda::order_follow_ups(store.open_follow_ups_due(until)?),
            moments: super::moments::ahead(
                store,
                people.iter().map(|p| &p.person),
                today,
                MOMENTS_AHEAD_DAYS,
            )?,
            are_you_okay: super::wellbeing::check_ins(store, people, today)?,
            roving_leaders: agenda::roving_nudge(
                people,
                store.roving_leaders_last_noticed()?,
                today,
                roving_leader_weeks,
            ),
            next_up: agenda::next_after_agenda(people, today),
            question: question(&needs, today),
            needs,
        })
    }
}

/// "Nobody is due for a 1:1 in the next 2 days. Next up: Priya Raman, next due Fri 18 Dec
/// (in 11d)." The next person's day reads as everywhere else ([`standing_sentence`]).
pub(crate) fn nobody_due(next: Option<&DueEntry>, today: NaiveDate) -> String {
    let nobody = format!("Nobody is due for a 1:1 in the next {DUE_SOON_DAYS} days.");
    match next {
        Some(next) => format!(
            "{nobody} Next up: {}, {}.",
            printable(&next.name),
            standing_sentence(next.standing, today)
        ),
        None => nobody,
    }
}

/// Today's question: what is true about the needs, and what to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TodayQuestion {
    pub headline: String,
    /// The need the headline starts with, which the screen emphasises.
    #[serde(skip)]
    pub need: Option<Need>,
    pub question: String,
}

/// The question for today from the team's [`NeedsOutlook`]; `None` with nobody to ask.
pub(crate) fn question(outlook: &NeedsOutlook, today: NaiveDate) -> Option<TodayQuestion> {
    let people = |count: usize| {
        if count == 1 {
            "1 person".to_string()
        } else {
            format!("{count} people")
        }
    };
    let (headline, question) = match outlook {
        NeedsOutlook::Nobody => return None,
        NeedsOutlook::NothingLogged => (
            "Nothing logged yet, so no need is known to be met.".to_string(),
            Guide::GettingToKnow
                .info()
                .questions
                .first()
                .map_or("What do you need from me?", String::as_str),
        ),
        NeedsOutlook::Thinnest {
            need,
            people: count,
        } => (
            format!("{} is the thinnest need ({})", need.label(), people(*count)),
            question_for(*need, today),
        ),
        NeedsOutlook::ConcernOpen {
            needs,
            people: count,
        } => (
            format!(
                "A concern about {} is open ({}).",
                either(needs),
                people(*count)
            ),
            needs.first().map_or("", |&need| question_for(need, today)),
        ),
        NeedsOutlook::NotYetMet {
            needs,
            people: count,
        } => (
            format!(
                "No conversation has met {} yet ({}).",
                either(needs),
                people(*count)
            ),
            needs.first().map_or("", |&need| question_for(need, today)),
        ),
        NeedsOutlook::AllMet => (
            "Every need has been met lately.".to_string(),
            "What do you need from me?",
        ),
    };
    let need = match outlook {
        NeedsOutlook::Thinnest { need, .. } => Some(*need),
        _ => None,
    };
    Some(TodayQuestion {
        headline,
        need,
        question: format!("\u{201c}{question}\u{201d}"),
    })
}

/// "Fun", "Fun or Security", "Belonging, Fun or Security", "any need".
fn either(needs: &[Need]) -> String {
    if needs.len() == Need::ALL.len() {
        return "any need".into();
    }
    let labels: Vec<&str> = needs.iter().map(|n| n.label()).collect();
    match labels.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}
