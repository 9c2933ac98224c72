//! What each screen and each command shows, computed once for both front ends: the lines
//! and their tone, the wording ("due in 3d", "overdue 6d"), display-width fitting and
//! escaping. The command line prints these lines; the terminal interface styles them by
//! their tone. Neither front end words a figure the other shows.

pub(crate) mod conversation;
pub(crate) mod dossier;
pub(crate) mod gaps;
pub(crate) mod leading;
pub(crate) mod moments;
pub(crate) mod prep;
pub(crate) mod records;
pub(crate) mod sync;
pub(crate) mod text;
pub(crate) mod timeline;
pub(crate) mod today;
pub(crate) mod trends;
pub mod week;
pub(crate) mod wellbeing;
