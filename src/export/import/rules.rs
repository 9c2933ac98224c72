//! The rules that look across rows: names unique among active people, no conversation
//! after today, a row's conversation its person's, nothing closed before it was opened, one
//! reflection a week, a pause that ends after it begins.

use uuid::Uuid;

use super::check::Validator;
use super::{Checked, Problem};
use crate::store::export_rows::{PersonRow, TableRow, Tables};

impl Validator<'_> {
    /// The rules that look beyond one field: names unique among active people, no
    /// conversation dated after today, a row's conversation is its person's (an aspiration
    /// update's, its aspiration's person's), nothing closed on its own before it was opened, one
    /// reflection a week, a pause that ends after it begins.
    pub(super) fn rules(&mut self, t: &Tables) -> Checked {
        for r in &t.person {
            let paused = match (&r.paused_from, &r.paused_until) {
                (None, None) => true,
                (Some(from), Some(until)) => until > from,
                _ => false,
            };
            if !paused {
                return Err(Problem::Bad(format!(
                    "person {} has a pause that does not end after it begins (paused_from and paused_until go together)",
                    r.uuid
                )));
            }
        }
        for r in &t.person {
            if r.archived {
                continue;
            }
            if let Some(other) = self.active_names.insert(r.name.to_lowercase(), r.uuid) {
                return Err(Problem::Bad(format!(
                    "the file has two people with the same name ({other} and {})",
                    r.uuid
                )));
            }
            if !self.lookup.has_uuid(PersonRow::TABLE.name, &r.uuid)?
                && let Some(existing) = self.lookup.active_person_named(&r.name)?
                && existing != r.uuid
            {
                return Err(Problem::Bad(format!(
                    "the journal already has someone else with the name of person {}; rename or archive one of them first",
                    r.uuid
                )));
            }
        }
        let today = self.now.format("%Y-%m-%d").to_string();
        for r in &t.conversation {
            // Like the Log form: no conversation after today.
            if r.happened_at
                .get(..10)
                .is_some_and(|day| day > today.as_str())
            {
                return Err(Problem::Bad(format!(
                    "conversation {} has not happened yet (it is dated after today)",
                    r.uuid
                )));
            }
        }
        for r in &t.follow_up {
            self.same_person("follow-up", &r.uuid, &r.person, &r.conversation)?;
            self.same_person("follow-up", &r.uuid, &r.person, &r.done_in)?;
            let closes = Close::new("made", &r.made_on, "done", &r.done_on);
            closes.in_order("follow-up", &r.uuid, &r.done_in)?;
        }
        for r in &t.aspiration_update {
            // An update has no person of its own: it is its aspiration's.
            let owner = match self.index.person_of_aspiration.get(&r.aspiration) {
                Some(owner) => Some(*owner),
                None => self.lookup.person_of_aspiration(&r.aspiration)?,
            };
            if let Some(owner) = owner {
                self.same_person("aspiration update", &r.uuid, &owner, &r.conversation)?;
            }
        }
        for r in &t.acknowledgement {
            self.same_person("acknowledgement", &r.uuid, &r.person, &r.conversation)?;
        }
        for r in &t.idea {
            self.same_person("idea", &r.uuid, &r.person, &r.conversation)?;
            self.same_person("idea", &r.uuid, &r.person, &r.answered_in)?;
            let closes = Close::new("heard", &r.heard_on, "answered", &r.answered_on);
            closes.in_order("idea", &r.uuid, &r.answered_in)?;
        }
        for r in &t.talking_point {
            self.same_person("talking point", &r.uuid, &r.person, &r.conversation)?;
            let closes = Close::new("raised", &r.raised_on, "ticked", &r.ticked_on);
            closes.in_order("talking point", &r.uuid, &r.conversation)?;
        }
        for r in &t.feedback {
            self.same_person("feedback", &r.uuid, &r.person, &r.conversation)?;
            if r.lean.is_some() && r.pair.is_none() {
                return Err(Problem::Bad(format!(
                    "feedback {} says where the leader was placed but not on which pair",
                    r.uuid
                )));
            }
        }
        for r in &t.question_asked {
            self.same_person("asked question", &r.uuid, &r.person, &r.conversation)?;
        }
        for r in &t.direction {
            if r.retired_on
                .as_deref()
                .is_some_and(|retired| retired < r.stated_on.as_str())
            {
                return Err(Problem::Bad(format!(
                    "statement of the direction {} was retired before it was stated",
                    r.uuid
                )));
            }
        }
        for r in &t.delegation {
            self.same_person("delegation", &r.uuid, &r.person, &r.conversation)?;
            if r.outcome.is_some() != r.checked_on.is_some() {
                return Err(Problem::Bad(format!(
                    "delegation {} has an outcome without the day it was checked, or the other way round",
                    r.uuid
                )));
            }
        }
        for r in &t.meets_need {
            self.same_person(
                "note on what meets a need",
                &r.uuid,
                &r.person,
                &r.conversation,
            )?;
        }
        for r in &t.reflection {
            if !self.weeks.insert(r.week.clone()) {
                return Err(Problem::Bad(format!(
                    "the file has two reflections for {}",
                    r.week
                )));
            }
        }
        Ok(())
    }

    /// A row that names both a person and a conversation: the conversation is that
    /// person's.
    fn same_person(
        &self,
        noun: &str,
        uuid: &Uuid,
        person: &Uuid,
        conversation: &Option<Uuid>,
    ) -> Checked {
        let Some(conversation) = conversation else {
            return Ok(());
        };
        let owner = match self.index.person_of_conversation.get(conversation) {
            Some(owner) => Some(*owner),
            None => self.lookup.person_of_conversation(conversation)?,
        };
        if owner.is_some_and(|owner| owner != *person) {
            return Err(Problem::Bad(format!(
                "{noun} {uuid} belongs to person {person} but refers to conversation {conversation}, which is someone else's"
            )));
        }
        Ok(())
    }
}

/// A row's opening day and its closing day (`made_on` and `done_on`, `raised_on` and
/// `ticked_on`, `heard_on` and `answered_on`), with the words a refusal names them by.
struct Close<'r> {
    opened: &'static str,
    opened_on: &'r str,
    closed: &'static str,
    closed_on: Option<&'r str>,
}

impl<'r> Close<'r> {
    fn new(
        opened: &'static str,
        opened_on: &'r str,
        closed: &'static str,
        closed_on: &'r Option<String>,
    ) -> Close<'r> {
        Close {
            opened,
            opened_on,
            closed,
            closed_on: closed_on.as_deref(),
        }
    }

    /// A row closed on its own (not in a conversation) is never closed before it was
    /// opened: Rapport dates such a close today, and never before the opening day. A row
    /// closed in a conversation carries that conversation's day, which may come before
    /// the row was written down (a 1:1 logged days later, ticking what was noted since).
    /// Both days are checked dates, `YYYY-MM-DD`, so their text sorts as the days do.
    fn in_order(&self, noun: &str, uuid: &Uuid, closed_in: &Option<Uuid>) -> Checked {
        let (opened, closed) = (self.opened, self.closed);
        match self.closed_on {
            Some(closed_on) if closed_in.is_none() && closed_on < self.opened_on => {
                Err(Problem::Bad(format!(
                    "{noun} {uuid} is {closed} before it was {opened} (its {closed}_on comes before its {opened}_on, and it was not {closed} in a conversation)"
                )))
            }
            _ => Ok(()),
        }
    }
}
