//! How long work (an import, a conversion, a backup, a check) tells how far it has come,
//! without the store knowing who listens: the command line draws a bar at a terminal
//! (`cli/progress.rs`), everything else hears nothing.

/// What the units of a stage count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Records (rows of the journal).
    Rows,
    /// Bytes of a file.
    Bytes,
    /// Pages of the journal file.
    Pages,
    /// Steps of a task with no finer measure.
    Steps,
}

/// Listens to long work. Called often (every part of an import, every few pages of a copy):
/// each call must be cheap, and drawing is the listener's business.
pub(crate) trait Progress: Send + Sync {
    /// A stage begins: `what` it does, in a few words ("reading conversations"), and how
    /// many `unit`s it will take when that is known.
    fn stage(&self, what: &str, total: Option<u64>, unit: Unit);
    /// The current stage goes on with other words (the table now read), at the same count.
    fn tell(&self, what: &str);
    /// `done` units of the current stage are behind.
    fn reach(&self, done: u64);
    /// True when someone listens: work may then count what it will do before it starts
    /// (a count that costs a pass over the journal), which nobody needs otherwise.
    fn shown(&self) -> bool {
        true
    }
    /// True once the person asked the work to stop (Ctrl-C): work that can stop cleanly
    /// checks this between its steps and is undone.
    fn stop_asked(&self) -> bool {
        false
    }
}

/// Nobody listens: output piped, `--json`, the interface, the tests of the store.
pub(crate) struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: Option<u64>, _: Unit) {}
    fn tell(&self, _: &str) {}
    fn reach(&self, _: u64) {}
    fn shown(&self) -> bool {
        false
    }
}

/// The records a table holds, in the words a person reads in the progress line.
pub(crate) fn records_of(table: &str) -> String {
    match table {
        "person" => "people".to_string(),
        "follow_up" => "follow-ups".to_string(),
        "question_asked" => "questions asked".to_string(),
        other => format!("{}s", other.replace('_', " ")),
    }
}
