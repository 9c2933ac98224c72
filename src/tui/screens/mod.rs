//! One module per screen: its state, how it loads, what its keys do, and how it draws.

pub(crate) mod carried;
pub mod conversation_view;
pub mod gaps;
pub mod log_form;
pub(crate) mod log_view;
pub mod people;
pub(crate) mod prep_sheet;
pub mod search;
pub(crate) mod small_form;
pub mod timeline;
pub mod today;
pub(crate) mod trends_view;
pub(crate) mod week;
