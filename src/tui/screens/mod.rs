//! The six screens behind the tabs, one module each (the Log screen in two: its form's state
//! and keys, and how it draws): its state, how it loads, what its keys do, and how it draws.
//! A screen never imports the shell; what reaches beyond it, it asks for as a request.

pub mod gaps;
pub mod log_form;
pub(crate) mod log_view;
pub mod people;
pub mod timeline;
pub mod today;
pub(crate) mod week;
