//! The data each screen reads, on the 5-year and the 10-year journal side by side: a query
//! whose time doubles with the journal's years reads history it does not show.
//!
//! `cargo bench --bench queries`; the journals are made on first use (see `journal/mod.rs`).

mod journal;

use chrono::{Duration, Weekday};
use divan::Bencher;
use rapport::config::Config;
use rapport::insights::{gaps, prep, week};
use rapport::store::{Store, TimelineCursor, TimelineFilter};
use rapport::tui::overlays::search::RESULTS as SEARCH_SCREEN_RESULTS;
use rapport::tui::screens::gaps::GapsScreen;
use rapport::tui::screens::people::PeopleScreen;
use rapport::tui::screens::timeline::TimelineScreen;
use rapport::tui::screens::today::TodayScreen;

fn main() {
    divan::main();
}

/// Rows on a timeline page, as the screen and `rapport timeline` ask for.
const PAGE: usize = 50;
/// A word in about 90,000 of the large journal's texts, and one in a couple of dozen.
const COMMON_WORD: &str = "about";
const RARE_WORD: &str = "notice";
const SEARCH_LIMIT: usize = 20;
/// What search as you type sends after three letters of "about", and of "the".
const COMMON_PREFIX: &str = "abo*";
const MOST_COMMON_PREFIX: &str = "the*";
/// Four letters: longer than the prefix index's three, so FTS5 merges the lists of every
/// word that starts with it ("team", "teams", "teammate"…).
const FOUR_LETTER_PREFIX: &str = "team*";

/// Opening the journal: header check, pragmas, first read, migrations check.
#[divan::bench(args = journal::YEARS, sample_count = 30, sample_size = 1)]
fn open(bencher: Bencher, years: u32) {
    let path = journal::journal(years);
    let clock = journal::clock_at(journal::journal_now(&path));
    let key = journal::key();
    bencher.bench_local(|| {
        Store::open_keyed_with_clock(&path, key.clone(), clock.clone()).expect("opens")
    });
}

/// Today: the people list (with last 1:1 and needs) and the agenda built on it.
#[divan::bench(args = journal::YEARS)]
fn today(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let day = store.today();
    bencher.bench_local(|| {
        let people = store.people_summaries(true).expect("people");
        let week = TodayScreen::week_to_read(&store, day, chrono::Weekday::Mon).expect("a week");
        let mut screen = TodayScreen::default();
        screen
            .load(&store, &people, day, &week, Default::default(), 4)
            .expect("today loads");
        screen
    });
}

/// People: the list and the selected person's detail pane.
#[divan::bench(args = journal::YEARS)]
fn people(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let day = store.today();
    bencher.bench_local(|| {
        let people = store.people_summaries(true).expect("people");
        let mut screen = PeopleScreen {
            today: Some(day),
            ..PeopleScreen::default()
        };
        screen.refilter(&people);
        screen
            .load_detail(&store, &people, true)
            .expect("detail loads");
        screen
    });
}

/// The newest page of everyone's timeline.
#[divan::bench(args = journal::YEARS)]
fn timeline_first_page(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let filter = TimelineFilter::default();
    bencher.bench_local(|| store.timeline(&filter, None, PAGE).expect("a page"));
}

/// A page four years back, reached by the keyset cursor a reader scrolling there holds.
#[divan::bench(args = journal::YEARS)]
fn timeline_deep_page(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let cursor = cursor_years_back(&store, 4);
    let filter = TimelineFilter::default();
    bencher.bench_local(|| {
        store
            .timeline(&filter, Some(&cursor), PAGE)
            .expect("a page")
    });
}

/// The newest page of the timeline of the person with the most conversations.
#[divan::bench(args = journal::YEARS)]
fn timeline_one_person(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let person = journal::most_conversations(&journal::journal(years));
    let filter = TimelineFilter {
        person_id: Some(person),
        ..TimelineFilter::default()
    };
    bencher.bench_local(|| store.timeline(&filter, None, PAGE).expect("a page"));
}

fn cursor_years_back(store: &Store, years: i64) -> TimelineCursor {
    let filter = TimelineFilter {
        until: Some(store.today() - Duration::days(365 * years)),
        ..TimelineFilter::default()
    };
    let page = store.timeline(&filter, None, 1).expect("a page");
    page.events
        .last()
        .expect("the journal reaches that far back")
        .cursor()
}

/// What the Timeline tab reads when shown: the first pages (a read-ahead below the cursor)
/// and the twelve-week strips of every person.
#[divan::bench(args = journal::YEARS)]
fn timeline_screen(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let day = store.today();
    bencher.bench_local(|| {
        let mut screen = TimelineScreen::default();
        screen.load(&store, day, Weekday::Mon).expect("loads");
        screen.read_ahead(&store).expect("reads ahead");
        screen
    });
}

/// What the Gaps tab reads when shown.
#[divan::bench(args = journal::YEARS)]
fn gaps_screen(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let day = store.today();
    let config = Config::default();
    bencher.bench_local(|| {
        let mut screen = GapsScreen::default();
        screen.load(&store, day, &config).expect("loads");
        screen
    });
}

/// Gaps: every active person's facts and the matrix.
#[divan::bench(args = journal::YEARS)]
fn gaps(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let day = store.today();
    let config = Config::default();
    bencher.bench_local(|| {
        let facts = store.person_facts(false, day).expect("facts");
        gaps::matrix(&facts, day, &config)
    });
}

/// Week: this week and the last, the twelve-week trend and the reflections, summed up (what
/// the Week tab and `rapport week` read).
#[divan::bench(args = journal::YEARS)]
fn week(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let span = week::WeekSpan::containing(store.today(), Weekday::Mon);
    bencher.bench_local(|| rapport::views::week::week_summary(&store, &span).expect("the week"));
}

/// Prep before a 1:1 with the person who has the most conversations.
#[divan::bench(args = journal::YEARS)]
fn prep(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    let day = store.today();
    let config = Config::default();
    let person = journal::most_conversations(&journal::journal(years));
    bencher.bench_local(|| {
        let rows = store.prep_rows(person, day).expect("rows");
        prep::prepare(rows, day, &config)
    });
}

#[divan::bench(args = journal::YEARS)]
fn search_common_word(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    bencher.bench_local(|| store.search(COMMON_WORD, None, SEARCH_LIMIT).expect("hits"));
}

/// The search screen asks for more results than `rapport search` shows by default.
#[divan::bench(args = journal::YEARS)]
fn search_common_word_screen(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    bencher.bench_local(|| {
        store
            .search(COMMON_WORD, None, SEARCH_SCREEN_RESULTS)
            .expect("hits")
    });
}

/// Search as you type from the third letter: the last word is a prefix (what the search
/// screen sends for "abo"), the screen's 50 results, as the screen ranks them.
#[divan::bench(args = journal::YEARS)]
fn search_prefix_screen(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    bencher.bench_local(|| {
        store
            .search_as_you_type(COMMON_PREFIX, SEARCH_SCREEN_RESULTS)
            .expect("hits")
    });
}

/// Search as you type at the fourth letter of "team".
#[divan::bench(args = journal::YEARS)]
fn search_four_letter_prefix_screen(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    bencher.bench_local(|| {
        store
            .search_as_you_type(FOUR_LETTER_PREFIX, SEARCH_SCREEN_RESULTS)
            .expect("hits")
    });
}

/// The slowest three-letter prefix found: "the" begins words in 620,000 of the 10-year
/// journal's texts.
#[divan::bench(args = journal::YEARS, sample_count = 20)]
fn search_most_common_prefix_screen(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    bencher.bench_local(|| {
        store
            .search_as_you_type(MOST_COMMON_PREFIX, SEARCH_SCREEN_RESULTS)
            .expect("hits")
    });
}

/// The prefixes that begin words in the most texts of the 10-year journal, for each length
/// search as you type sends (found with an `fts5vocab` table): three and four letters have
/// prefix indexes; five (`compe`, `their`, `about`) merge the lists of every word they begin.
const MOST_COMMON_PREFIXES: [&str; 8] = [
    "the*", "and*", "they*", "them*", "compe*", "their*", "about*", "compet*",
];

/// Search as you type on each of [`MOST_COMMON_PREFIXES`], 10-year journal: the slowest is
/// what a keystroke can cost.
#[divan::bench(args = MOST_COMMON_PREFIXES, sample_count = 30)]
fn search_common_prefixes_screen(bencher: Bencher, prefix: &str) {
    let store = journal::store(journal::LARGE);
    bencher.bench_local(|| {
        store
            .search_as_you_type(prefix, SEARCH_SCREEN_RESULTS)
            .expect("hits")
    });
}

#[divan::bench(args = journal::YEARS)]
fn search_rare_word(bencher: Bencher, years: u32) {
    let store = journal::store(years);
    bencher.bench_local(|| store.search(RARE_WORD, None, SEARCH_LIMIT).expect("hits"));
}
