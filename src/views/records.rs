//! How a single record is named where the leader must recognise it: in the question before
//! it is deleted, in the CLI and the terminal interface alike.

use crate::domain::printable;
use crate::store::{Record, Result, Store};

/// "the one-on-one with Priya Raman on Fri 20 Nov 2026 14:30", "follow-up #4 \"Review her
/// RFC\" (Priya Raman)": enough to know it is the right one.
pub(crate) fn describe(store: &Store, record: Record, id: i64) -> Result<String> {
    Ok(match record {
        Record::Conversation => {
            let c = store.conversation(id)?;
            format!(
                "the {} with {} on {}",
                c.kind,
                printable(&c.person_name),
                c.happened_at.format("%a %d %b %Y %H:%M")
            )
        }
        Record::FollowUp => {
            let f = store.follow_up(id)?;
            format!(
                "follow-up #{id} \"{}\" ({})",
                printable(&f.text),
                printable(&f.person_name)
            )
        }
        Record::Acknowledgement => {
            let a = store.acknowledgement(id)?;
            format!(
                "the acknowledgement of {} on {}: \"{}\"",
                printable(&a.person_name),
                a.given_at.format("%a %d %b %Y"),
                printable(&a.text)
            )
        }
        Record::Idea => {
            let i = store.idea(id)?;
            format!(
                "{}'s idea #{id} \"{}\"",
                printable(&i.person_name),
                printable(&i.text)
            )
        }
        Record::Aspiration => {
            let a = store.aspiration(id)?;
            format!(
                "{}'s aspiration #{id} \"{}\" and its progress notes",
                printable(&a.person_name),
                printable(&a.title)
            )
        }
        Record::AspirationUpdate => {
            let a = store.aspiration_of_update(id)?;
            let note = a.updates.iter().find(|u| u.id == id);
            format!(
                "the progress note #{id} of {} on {}'s aspiration \"{}\"{}",
                note.map(|u| u.noted_on.format("%a %d %b %Y").to_string())
                    .unwrap_or_default(),
                printable(&a.person_name),
                printable(&a.title),
                note.filter(|u| !u.note.is_empty())
                    .map(|u| format!(": \"{}\"", printable(&u.note)))
                    .unwrap_or_default()
            )
        }
        Record::TalkingPoint => {
            let t = store.talking_point(id)?;
            format!(
                "{}'s talking point #{id} \"{}\"",
                printable(&t.person_name),
                printable(&t.text)
            )
        }
        Record::Feedback => {
            let f = store.feedback(id)?;
            format!(
                "feedback #{id} from {} on {}: \"{}\"",
                printable(&f.person_name),
                f.heard_on.format("%a %d %b %Y"),
                printable(&f.text)
            )
        }
        Record::MeetsNeed => {
            let m = store.meets_note(id)?;
            format!(
                "the note #{id} on what meets {}'s {} \"{}\"",
                printable(&m.person_name),
                m.need.label(),
                printable(&m.text)
            )
        }
        Record::Delegation => {
            let d = store.delegation(id)?;
            format!(
                "what you handed over to {}, #{id} \"{}\"",
                printable(&d.person_name),
                printable(&d.text)
            )
        }
        Record::Direction => {
            let d = store.direction(id)?;
            format!(
                "the statement of the direction #{id} \"{}\"",
                printable(&d.text)
            )
        }
        Record::Moment => {
            let m = store.moment(id)?;
            format!(
                "{}'s moment #{id} \"{}\" on {}",
                printable(&m.person_name),
                printable(&m.label),
                m.falls_on.format("%a %d %b %Y")
            )
        }
    })
}
