//! The leader's side (issue 31), worded once for every surface: what meets a need for a
//! person, trust handed over.

use chrono::NaiveDate;

use crate::domain::{Delegation, Direction, MeetsNeed};
use crate::insights::handover::{Handed, Handover};
use crate::views::text::{printable as line, relative};

/// How a note on what meets a need reads after its need's name, on People, prep, Gaps
/// and `rapport meets`: `pairing, and being asked first (noted 3d ago)`.
pub(crate) fn meets_text(note: &MeetsNeed, today: NaiveDate) -> String {
    format!(
        "{} (noted {})",
        line(&note.text),
        relative(note.noted_on, today)
    )
}

/// One line per need with a note in force: `  Belonging   pairing… (noted 3d ago)`.
pub(crate) fn meets_lines(notes: &[MeetsNeed], today: NaiveDate) -> Vec<String> {
    notes
        .iter()
        .map(|note| format!("  {:<11} {}", note.need.label(), meets_text(note, today)))
        .collect()
}

/// The week's handing over after its label "Delegated", for `rapport week` and the Week
/// screen alike: `2 · stuck 1 · back 1 · mine 3/4 open (75%)` — delegations made, checks
/// that found one stuck or come back to the leader, and the leader's share of the open
/// follow-ups ("do it myself"); `mine 0/0 open` when none is open.
pub(crate) fn handover_text(handover: &Handover) -> String {
    let open = handover.open_mine + handover.open_theirs;
    let share = handover
        .mine_percent
        .map_or(String::new(), |percent| format!(" ({percent}%)"));
    format!(
        "{} · stuck {} · back {} · mine {}/{open} open{share}",
        handover.handed_over, handover.stuck, handover.came_back, handover.open_mine
    )
}

/// What was handed over to one person over a trend, after its label "Delegated":
/// `3 · stuck 1 · back 1 · not checked 1`.
pub(crate) fn handed_text(handed: &Handed) -> String {
    format!(
        "{} · stuck {} · back {} · not checked {}",
        handed.handed_over, handed.stuck, handed.came_back, handed.not_checked
    )
}

/// A statement of the direction as every list shows it: `  #1   Ship every week, safely
/// (since 3 Nov 2026)`, "retired" and its day once it no longer holds.
pub(crate) fn direction_line(direction: &Direction) -> String {
    let when = match direction.retired_on {
        Some(retired) => format!(
            "since {}, retired {}",
            direction.stated_on.format("%-d %b %Y"),
            retired.format("%-d %b %Y")
        ),
        None => format!("since {}", direction.stated_on.format("%-d %b %Y")),
    };
    format!("  #{:<4} {}  ({when})", direction.id, line(&direction.text))
}

/// The direction in one line, for Week: `Where we are going: Ship every week, safely ·
/// Every engineer on call once a quarter`.
pub(crate) fn direction_summary(directions: &[Direction]) -> String {
    let statements: Vec<String> = directions.iter().map(|d| line(&d.text)).collect();
    format!("Where we are going: {}", statements.join(" · "))
}

/// Where a delegation stands: "handed over 3d ago", "stuck (checked today)", "came back to
/// me (checked 2d ago)".
pub(crate) fn delegation_state(delegation: &Delegation, today: NaiveDate) -> String {
    match (delegation.outcome, delegation.checked_on) {
        (Some(outcome), Some(on)) => {
            format!("{} (checked {})", outcome.label(), relative(on, today))
        }
        _ => format!("handed over {}", relative(delegation.handed_on, today)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Need;

    #[test]
    fn a_note_reads_with_its_need_and_age() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let note = MeetsNeed {
            id: 1,
            uuid: uuid::Uuid::nil(),
            person_id: 1,
            person_uuid: uuid::Uuid::nil(),
            person_name: "Ana".into(),
            need: Need::Belonging,
            text: "pairing\u{1b}[31m on Fridays".into(),
            noted_on: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default(),
            conversation_id: None,
        };
        assert_eq!(
            meets_lines(&[note], today),
            vec!["  Belonging   pairing\u{fffd}[31m on Fridays (noted 3d ago)".to_string()]
        );
    }
}
