//! The small forms built from what a request names ([`FormKind`]): each form's title, its
//! purpose (the record it was opened on) and its fields, filled in from the record.

use chrono::NaiveDate;

use super::kind::FormKind;
use super::small_form::{FormField, Purpose, SmallForm};
use crate::domain::{
    Aspiration, AspirationStatus, Delegation, FollowUp, Idea, IdeaStatus, MeetsNeed, Outcome,
    Person, ProfileText,
};
use crate::store::Which;

/// The form a request asks for, filled in from the record it names.
pub(crate) fn build(kind: &FormKind) -> SmallForm {
    match kind {
        FormKind::Person(person) => person_form(person.as_deref()),
        FormKind::FollowUp(follow_up) => follow_up_form(follow_up),
        FormKind::TalkingPoint { person_id, name } => talking_point_form(*person_id, name),
        FormKind::Pause { person, today } => pause_form(person, *today),
        FormKind::NewAspiration(person) => aspiration_form(person),
        FormKind::AspirationProgress(aspiration) => progress_form(aspiration),
        FormKind::AnswerIdea(idea) => answer_form(idea),
        FormKind::MeetsNeed(note) => meets_form(note),
        FormKind::CheckDelegation(delegation) => check_form(delegation),
    }
}

/// The form that notes anew what meets a need for someone: saved, it is the note in force
/// and the one it started from stays in the history.
fn meets_form(note: &MeetsNeed) -> SmallForm {
    SmallForm::new(
        format!(
            "What meets {} for {} (the note before stays in the history)",
            note.need.label(),
            crate::views::text::printable(&note.person_name)
        ),
        Purpose::NoteMeets {
            person_id: note.person_id,
            need: note.need,
        },
        vec![FormField::text("text", "What meets it", &note.text)],
    )
}

/// The form that checks something handed over: it stuck, or it came back to the leader.
fn check_form(delegation: &Delegation) -> SmallForm {
    let outcome = delegation.outcome.unwrap_or(Outcome::Stuck);
    SmallForm::new(
        format!(
            "Handed over to {}: \u{201c}{}\u{201d}",
            crate::views::text::printable(&delegation.person_name),
            crate::views::text::printable(&delegation.text)
        ),
        Purpose::CheckDelegation(Which::held(delegation.id, delegation.uuid)),
        vec![FormField::choice(
            "outcome",
            "It",
            Outcome::ALL.iter().map(|o| o.key()).collect(),
            outcome.key(),
        )],
    )
}

/// The form that notes a talking point for the person's next 1:1.
fn talking_point_form(person_id: i64, name: &str) -> SmallForm {
    SmallForm::new(
        format!(
            "To raise with {} at the next 1:1",
            crate::views::text::printable(name)
        ),
        Purpose::RaiseTalkingPoint(person_id),
        vec![
            FormField::text("text", "What", ""),
            FormField::choice("whose", "Whose", vec!["mine", "theirs"], "mine"),
        ],
    )
}

/// The form that corrects a follow-up: text, due date (empty for none), whose it is.
fn follow_up_form(follow_up: &FollowUp) -> SmallForm {
    let due = follow_up
        .due_on
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    SmallForm::new(
        format!(
            "Follow-up for {}",
            crate::views::text::printable(&follow_up.person_name)
        ),
        Purpose::EditFollowUp(Which::held(follow_up.id, follow_up.uuid)),
        vec![
            FormField::text("text", "What", &follow_up.text),
            FormField::text("due", "Due (empty: none)", &due),
            FormField::choice("owner", "Whose", vec!["me", "them"], follow_up.owner.key()),
        ],
    )
}

fn status_words() -> Vec<&'static str> {
    AspirationStatus::ALL.iter().map(|s| s.key()).collect()
}

/// The form that notes progress on an aspiration.
fn progress_form(aspiration: &Aspiration) -> SmallForm {
    SmallForm::new(
        format!(
            "Progress on \u{201c}{}\u{201d}",
            crate::views::text::printable(&aspiration.title)
        ),
        Purpose::UpdateAspiration(Which::held(aspiration.id, aspiration.uuid)),
        vec![
            FormField::choice("status", "Status", status_words(), aspiration.status.key()),
            FormField::text("note", "Note", ""),
        ],
    )
}

/// The form that pauses a person's 1:1s until a day, or resumes them when left empty.
fn pause_form(person: &Person, today: NaiveDate) -> SmallForm {
    let until = person
        .pause
        .filter(|pause| pause.covers(today))
        .map(|pause| pause.until.to_string())
        .unwrap_or_default();
    SmallForm::new(
        format!(
            "Pause {}'s 1:1s until the day back (empty: resume now)",
            person.name
        ),
        Purpose::PausePerson(Which::held(person.id, person.uuid)),
        vec![FormField::text("until", "Back on", &until)],
    )
}

/// The form that writes a new aspiration for a person.
fn aspiration_form(person: &Person) -> SmallForm {
    SmallForm::new(
        format!("New aspiration for {}", person.name),
        Purpose::AddAspiration(person.id),
        vec![
            FormField::text("title", "Title", ""),
            FormField::text("detail", "Detail", ""),
            FormField::text("horizon", "Horizon", ""),
            FormField::choice("status", "Status", status_words(), "exploring"),
        ],
    )
}

/// The form that answers an idea: where it stands and what the leader told them.
fn answer_form(idea: &Idea) -> SmallForm {
    SmallForm::new(
        format!(
            "Answer {}'s idea \u{201c}{}\u{201d}",
            crate::views::text::printable(&idea.person_name),
            crate::views::text::printable(&idea.text)
        ),
        Purpose::AnswerIdea(Which::held(idea.id, idea.uuid)),
        vec![
            FormField::choice(
                "status",
                "Where it stands",
                IdeaStatus::ALL.iter().map(|s| s.key()).collect(),
                if idea.status == IdeaStatus::Heard {
                    IdeaStatus::Trying.key()
                } else {
                    idea.status.key()
                },
            ),
            FormField::text("answer", "Your answer", &idea.answer),
        ],
    )
}

/// The profile form: empty to add a person, filled in to edit one.
fn person_form(person: Option<&Person>) -> SmallForm {
    let (title, purpose) = match person {
        Some(p) => (
            format!("Edit {}", p.name),
            Purpose::EditPerson(Which::held(p.id, p.uuid)),
        ),
        None => ("Add a person".to_string(), Purpose::AddPerson),
    };
    let blank;
    let p = match person {
        Some(p) => p,
        None => {
            blank = Person::unsaved(0, "", crate::domain::DEFAULT_CADENCE_DAYS);
            &blank
        }
    };
    let started = p.started_on.map(|d| d.to_string()).unwrap_or_default();
    SmallForm::new(
        title,
        purpose,
        vec![
            FormField::text("name", "Name", &p.name),
            FormField::text("role", "Role", &p.role),
            FormField::text("team", "Team", &p.team),
            FormField::text("cadence", "Every (days)", &p.cadence_days.to_string()),
            FormField::text("started", "Started on", &started),
        ]
        .into_iter()
        .chain(
            ProfileText::all_of(p)
                .map(|(part, text)| FormField::text(part.key(), part.label(), text)),
        )
        .chain([
            FormField::choice(
                "roving",
                "Roving leader",
                vec!["no", "yes"],
                if p.roving_leader { "yes" } else { "no" },
            ),
            FormField::text(
                "priorities",
                "Priority needs",
                &p.priorities
                    .iter()
                    .map(|n| n.key())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .saying_format(crate::domain::PRIORITIES_FORMAT),
        ])
        .collect(),
    )
}
