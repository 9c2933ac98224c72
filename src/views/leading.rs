//! The leader's side (issue 31), worded once for every surface: what meets a need for a
//! person.

use chrono::NaiveDate;

use crate::domain::MeetsNeed;
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
