//! Writes on the large journal: saving a conversation (with its search index entries, in
//! one `BEGIN IMMEDIATE` transaction synced to disk) and a checked backup.
//!
//! Both work on a scratch copy of the cached journal, so the journal the other benches read
//! never changes. `cargo bench --bench writes`.

mod journal;

use std::path::PathBuf;

use divan::Bencher;
use rapport::domain::{
    ConversationInput, ConversationKind, Mood, Need, NeedMet, NewFollowUp, Owner, Stance,
};
use rapport::store::Store;

fn main() {
    divan::main();
}

/// A private scratch copy of the large journal, removed when dropped.
struct Scratch {
    dir: PathBuf,
    path: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = journal::cache_dir().join(format!("scratch-{}", std::process::id()));
        rapport::store::prepare_private_dir(&dir).expect("a scratch folder");
        let path = dir.join("journal.db");
        let source = journal::store(journal::LARGE);
        source.backup_to(&path).expect("the journal is copied");
        Scratch { dir, path }
    }

    fn store(&self) -> Store {
        let now = journal::journal_now(&self.path);
        Store::open_with_clock(&self.path, journal::clock_at(now)).expect("the copy opens")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn conversation(store: &Store, person_id: i64, n: usize) -> ConversationInput {
    ConversationInput {
        person_id,
        happened_at: store.local_now(),
        kind: ConversationKind::OneOnOne,
        mood: Mood::new(4),
        stance: Some(Stance::Leading),
        summary: format!("Benchmark conversation {n} about the roadmap"),
        notes: "Talked through the quarter's plan, what felt heavy and what she wants to \
                learn next. Agreed to pair on the design review."
            .into(),
        needs: vec![
            NeedMet {
                need: Need::Competence,
                how: "picked the design review to lead".into(),
            },
            NeedMet {
                need: Need::Autonomy,
                how: String::new(),
            },
        ],
        tags: vec!["roadmap".into()],
        follow_ups: vec![NewFollowUp {
            owner: Owner::Me,
            text: "send the course link".into(),
            due_on: None,
        }],
        acknowledgement: None,
        idea: None,
    }
}

/// One conversation saved: needs, a tag, a follow-up, the search index, fsync (WAL,
/// `synchronous=FULL`).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn save_conversation(bencher: Bencher) {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let person = store.people(false).expect("people")[0].id;
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let input = conversation(&store, person, n);
        store.save_conversation(&input).expect("saved")
    });
}

/// `rapport backup FILE`: the online copy and its check.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn backup(bencher: Bencher) {
    let scratch = Scratch::new();
    let store = journal::store(journal::LARGE);
    let dest = scratch.dir.join("backup.db");
    bencher.bench_local(|| store.backup_to(&dest).expect("the backup passes its check"));
}
