//! One module per screen: its state, how it loads, what its keys do, and how it draws.

pub mod gaps;
pub mod log_form;
pub mod log_view;
pub mod people;
pub mod prep_sheet;
pub mod search;
pub mod small_form;
pub mod timeline;
pub mod today;
pub mod week;
