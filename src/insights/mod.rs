//! Pure functions from journal rows to answers. They take `today`/`now` as arguments and
//! never read the clock or the database.

pub(crate) mod agenda;
pub(crate) mod freshness;
pub mod gaps;
pub mod prep;
pub(crate) mod timeline;
pub mod week;
