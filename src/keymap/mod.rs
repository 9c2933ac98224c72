//! Every key binding, in one table per context (`tables`), looked up by the event loop
//! (`lookup`) and printed by the help overlay and into `docs/keys.md` (`reference`) from the
//! same tables, so the three never disagree; the footers' key hints are written from them
//! too (`hints`), and the leader's own keys from the settings' `[keys]` go over them
//! (`remap`). Plain data about keys, beneath the settings that check a `[keys]` table
//! against it; the interface re-exports it as `tui::keymap`.

mod actions;
mod hints;
mod lookup;
#[cfg(test)]
mod reference;
mod remap;
mod tables;

pub use actions::{Action, Context, Screen};
pub(crate) use hints::{footer, help_tables, key_of};
pub(crate) use lookup::action_for;
pub use remap::Keys;
pub(crate) use tables::Footer;
pub(crate) use tables::notes;
