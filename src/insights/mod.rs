//! Pure functions from journal rows to answers. They take `today`/`now` as arguments and
//! never read the clock or the database.

pub mod agenda;
pub(crate) mod feedback;
pub mod freshness;
pub mod gaps;
pub(crate) mod handover;
pub(crate) mod moments;
pub mod prep;
pub(crate) mod timeline;
pub(crate) mod trends;
pub mod week;
pub(crate) mod wellbeing;
