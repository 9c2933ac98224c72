//! The benchmark journals: `rapport demo --people 500 --years N`, made once and kept outside
//! the repository (`$RAPPORT_BENCH_DIR`, else `$XDG_CACHE_HOME/rapport-bench`, else
//! `~/.cache/rapport-bench`; the folder 0700, the files 0600), and the clock the benches
//! read them with.
//!
//! With `RAPPORT_PASSPHRASE_FILE` set (the variable the binary reads), every bench runs on
//! an encrypted twin of each journal (`large-500xN-encrypted.db`, made once from the plain
//! one with that passphrase), for the side-by-side figures in docs/performance.md.

#![allow(dead_code)] // each bench file uses the part of the helpers it needs

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Local, NaiveDateTime, TimeZone};
use rapport::demo::{self, DemoOptions};
use rapport::store::cipher::{Converted, convert};
use rapport::store::{Clock, Key, Passphrase, Store};
use rapport::tui::app::App;
use rapport::tui::theme::Theme;
use rusqlite::{Connection, OpenFlags};

/// The large journal's team size.
pub const PEOPLE: u32 = 500;
/// The large journal and the one half its age, for "cost grows with what is shown".
pub const YEARS: [u32; 2] = [5, 10];
pub const LARGE: u32 = 10;

/// Where the journals are kept.
pub fn cache_dir() -> PathBuf {
    let dir = std::env::var_os("RAPPORT_BENCH_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("rapport-bench"))
        })
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/rapport-bench")))
        .unwrap_or_else(|| std::env::temp_dir().join("rapport-bench"));
    rapport::store::prepare_private_dir(&dir).expect("the benchmark folder can be made");
    dir
}

/// The journal of `years` years, generated if it is not there yet (the same journal
/// `scripts/bench` makes with the release binary).
pub fn journal(years: u32) -> PathBuf {
    let plain = plain_journal(years);
    if passphrase().is_none() {
        return plain;
    }
    let path = cache_dir().join(format!("large-{PEOPLE}x{years}-encrypted.db"));
    if !path.exists() {
        eprintln!("encrypting a copy of {} …", plain.display());
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        std::fs::copy(&plain, &partial).expect("the journal is copied");
        let converted: Converted = convert(&partial, &Key::plain(), &key()).expect("encrypted");
        assert!(converted.left.is_empty(), "a copy has no backups to leave");
        std::fs::rename(&partial, &path).expect("the journal is moved into place");
    }
    path
}

/// The passphrase in `RAPPORT_PASSPHRASE_FILE`, if set.
pub fn passphrase() -> Option<String> {
    let file = std::env::var_os("RAPPORT_PASSPHRASE_FILE")?;
    let text = std::fs::read_to_string(&file).expect("the passphrase file can be read");
    Some(text.trim_end_matches(['\n', '\r']).to_string())
}

/// How the bench journals are opened: plain, or with the passphrase in
/// `RAPPORT_PASSPHRASE_FILE`.
pub fn key() -> Key {
    passphrase().map_or_else(Key::plain, |text| Key::with(Passphrase::new(text)))
}

/// A read-only connection of our own to a bench journal, keyed when it is encrypted.
fn read_only(path: &std::path::Path) -> Connection {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the journal opens read-only");
    if let Some(text) = passphrase() {
        conn.pragma_update(None, "key", text)
            .expect("the key is set");
    }
    conn
}

/// The plain journal of `years` years, generated if it is not there yet.
fn plain_journal(years: u32) -> PathBuf {
    let path = cache_dir().join(format!("large-{PEOPLE}x{years}.db"));
    if !path.exists() {
        eprintln!(
            "making the {years}-year benchmark journal at {} …",
            path.display()
        );
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("a new journal opens");
        let options = DemoOptions {
            people: PEOPLE,
            years,
            seed: 1,
        };
        let now = store.local_now();
        demo::generate(&mut store, &options, now).expect("the demo journal is made");
        drop(store);
        std::fs::rename(&partial, &path).expect("the journal is moved into place");
    }
    path
}

/// The moment the journal was made up to: its newest conversation. Benches run "on that
/// day", so a journal made last month shows the same screens as a fresh one.
pub fn journal_now(path: &std::path::Path) -> NaiveDateTime {
    let conn = read_only(path);
    let newest: String = conn
        .query_row("SELECT max(happened_at) FROM conversation", [], |r| {
            r.get(0)
        })
        .expect("the journal has conversations");
    NaiveDateTime::parse_from_str(&newest, "%Y-%m-%d %H:%M").expect("a stored time")
        + chrono::Duration::hours(1)
}

/// The person with the most conversations in the journal at `path` (the longest history to
/// read), ties going to the lower id.
pub fn most_conversations(path: &std::path::Path) -> i64 {
    let conn = read_only(path);
    conn.query_row(
        "SELECT person_id FROM conversation GROUP BY person_id
          ORDER BY count(*) DESC, person_id LIMIT 1",
        [],
        |r| r.get(0),
    )
    .expect("the journal has conversations")
}

pub fn clock_at(now: NaiveDateTime) -> Clock {
    Arc::new(move || {
        Local
            .from_local_datetime(&now)
            .earliest()
            .unwrap_or_else(Local::now)
    })
}

/// The journal of `years` years, open at its own "now".
pub fn store(years: u32) -> Store {
    let path = journal(years);
    let now = journal_now(&path);
    let store = Store::open_keyed_with_clock(&path, key(), clock_at(now))
        .expect("the benchmark journal opens");
    // The screens' data as the interface reads it, with its page cache.
    store
        .keep_pages_for_the_interface()
        .expect("the cache is set");
    store
}

/// The terminal interface on the journal of `years` years, as it starts.
pub fn app(years: u32) -> App {
    App::new(store(years), Theme::new(true), "bench.db".into()).expect("the app starts")
}
