//! Plain types and rules of the journal: no SQL and no terminal here.

mod catalog;
mod filter;
mod follow_up;
mod kinds;
mod need;
mod records;
mod rhythm;
mod validate;
mod when;

pub use catalog::NeedInfo;
pub use filter::{FILTER_KEYS, FilterWords};
pub use follow_up::{parse_follow_up, split_due, split_owner};
pub use kinds::{AspirationStatus, ConversationKind, IdeaStatus, Mood, NeedState, Owner, Stance};
pub use need::{MAX_PRIORITIES, Need, parse_priorities, priority_words};
pub use records::*;
pub use rhythm::{CadenceKinds, Pause, Rhythm, Standing};
pub use validate::{
    CADENCE_DAYS, Invalid, MAX_NAME_CHARS, MAX_NOTES_BYTES, TextField, check_cadence, clean_line,
    clean_name, clean_text, parse_cadence, printable, require,
};
pub use when::{
    FIRST_YEAR, LAST_YEAR, Lean, add_days, in_journal_years, iso_week_label, parse_date,
    parse_iso_week, parse_when,
};
