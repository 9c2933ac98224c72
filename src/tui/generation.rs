//! The journal's generation: one counter the shell moves on at every change to the journal
//! it makes or notices, and, on each screen, the generation it last read. A screen reads the
//! journal again when the two differ, so "must this screen be read again?" has one answer
//! everywhere. This module names nothing of the interface.

/// How many changes to the journal the interface has made or noticed since it opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Generation(u64);

impl Generation {
    /// The generation after one more change.
    pub(crate) fn next(self) -> Generation {
        Generation(self.0.wrapping_add(1))
    }
}

/// The generation of the journal a screen (or a part of one) last read; none before its
/// first reading, or after something of its own (a filter, the first day of the week)
/// changed what it shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ReadAt(Option<Generation>);

impl ReadAt {
    /// Whether what was read is older than the journal at `journal`.
    pub(crate) fn behind(self, journal: Generation) -> bool {
        self.0 != Some(journal)
    }

    /// What was read is the journal at `journal`.
    pub(crate) fn caught_up(&mut self, journal: Generation) {
        self.0 = Some(journal);
    }

    /// Read again at the next showing, whatever the journal's generation.
    pub(crate) fn forget(&mut self) {
        self.0 = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_is_behind_until_it_reads_the_journal_as_it_now_is() {
        let mut journal = Generation::default();
        let mut read = ReadAt::default();
        assert!(read.behind(journal), "never read");
        read.caught_up(journal);
        assert!(!read.behind(journal));
        journal = journal.next();
        assert!(read.behind(journal), "the journal changed since");
        read.caught_up(journal);
        read.forget();
        assert!(read.behind(journal), "its own reason to read again");
    }
}
