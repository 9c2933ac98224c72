//! The six screens behind the tabs, one module for its state and what its keys do and one
//! for how it draws (`people` and `people_view`; Log in four: the form's state, what it records
//! along with the conversation in `log_along`, its keys in `log_update`, and `log_view`): its
//! state, how it loads, what its keys do, and how it draws.
//! A screen never imports the shell; what reaches beyond it, it asks for as a request.

pub mod gaps;
mod log_along;
pub mod log_form;
pub(crate) mod log_update;
pub(crate) mod log_view;
pub mod people;
mod people_view;
pub mod timeline;
pub mod today;
pub(crate) mod week;
mod week_view;
