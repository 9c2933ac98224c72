//! What opens over a screen and takes the keys while it is open: the prep sheet, search, a
//! past conversation, the trends charts and the yes/no question. Each holds its state, what
//! its keys do and how it draws; the shell opens and closes them.

pub(crate) mod confirm;
pub(crate) mod conflicts;
pub mod conversation_view;
pub(crate) mod prep_sheet;
pub mod search;
pub(crate) mod trends_view;
