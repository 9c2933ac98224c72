//! Plain types and rules of the journal: no SQL and no terminal here.

mod catalog;
mod escape;
mod feedback;
mod filter;
mod follow_up;
mod kinds;
mod leading;
mod moments;
mod need;
mod questions;
mod records;
mod rhythm;
mod thresholds;
mod validate;
mod when;

pub(crate) use escape::{Escape, printable};
pub(crate) use feedback::{Feedback, FeedbackTags, Pair};
pub(crate) use filter::FilterWords;
pub(crate) use follow_up::{parse_follow_up, split_due, split_owner};
pub use kinds::{AspirationStatus, ConversationKind, IdeaStatus, Mood, NeedState, Owner, Stance};
pub use leading::{Delegation, Direction, MeetsNeed, Outcome};
pub use moments::Moment;
pub(crate) use moments::{next_anniversary, next_on};
pub(crate) use need::CONCERN_MARK;
pub use need::Need;
pub(crate) use need::need_marks;
pub(crate) use need::{PRIORITIES_FORMAT, parse_priorities, priority_words};
pub(crate) use questions::{Guide, Topic, bank, install};
pub(crate) use questions::{
    MAX_QUESTION_FILE_BYTES, Origin, QuestionBank, question_file_too_large,
};
pub(crate) use records::serialize_with_person;
pub use records::*;
pub(crate) use rhythm::{CadenceKinds, Rhythm};
pub use rhythm::{Pause, Standing};
pub use thresholds::Thresholds;
pub use validate::Invalid;
pub(crate) use validate::{
    MAX_NOTES_BYTES, TextField, check_cadence, clean_line, clean_name, clean_text, distinct_names,
    first_name, parse_cadence, require,
};
pub use when::parse_when;
pub(crate) use when::{
    FIRST_YEAR, LAST_YEAR, Lean, in_journal_years, iso_week_label, parse_date, parse_iso_week,
};
