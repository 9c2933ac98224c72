//! The cross-surface oracle (#27): on every journal, each fact is read back from every
//! surface that shows it — the terminal interface drawn into `TestBackend`, the command
//! line's text and `--json`, the review's Markdown and HTML, the calendar — and compared
//! with one expected value computed from the journal's tables by plain SQL and the rules
//! of docs/insights.md ([`truth`]).
//!
//! The facts are a table: a name, whose fact it is (the team's, each person's, each
//! follow-up's), the expected value and one reader per surface. Adding a fact or a surface
//! is a row; a reader answers `None` only where its surface does not show that subject
//! (Today lists only who is due), and what is read in another spelling than the one in
//! docs/insights.md never matches.

mod journals;
mod leading;
mod moments;
mod needs;
mod read;
mod surfaces;
mod trends;
mod truth;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use rapport::tui::app::App;
use rapport::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::common::{self, Journal};
use read::Screen;
use truth::{FollowUpTruth, PersonTruth, Truth};

/// What a fact is about.
#[derive(Clone, Copy)]
pub enum Subject<'a> {
    Team,
    Person(&'a PersonTruth),
    FollowUp(&'a FollowUpTruth),
}

impl Subject<'_> {
    fn label(&self) -> String {
        match self {
            Subject::Team => "the team".into(),
            Subject::Person(p) => p.name.clone(),
            Subject::FollowUp(f) => format!("follow-up #{} ({})", f.id, f.person),
        }
    }
}

/// Whose facts a row of the table compares.
#[derive(Clone, Copy)]
pub enum Of {
    Team,
    EachPerson,
    EachFollowUp,
}

/// What a surface shows of a fact for a subject: `None` when it does not show the subject.
pub type Reader = fn(&World, Subject<'_>) -> Option<String>;

/// One row of the table: a fact and every surface that shows it.
pub struct Fact {
    pub name: &'static str,
    pub of: Of,
    pub expected: fn(&World, Subject<'_>) -> String,
    pub surfaces: &'static [(&'static str, Reader)],
}

/// The terminal size the screens are drawn at: wide enough that no name or phrase is cut.
const WIDTH: u16 = 240;
const HEIGHT: u16 = 80;

/// Whose row is selected on the Gaps screen: the name its cell box is titled with.
fn gaps_selected(screen: &Screen) -> Option<String> {
    let lines = screen.lines();
    let title = lines.iter().find_map(|line| read::after(line, "┌ "))?;
    Some(title.split(" · ").next()?.trim().to_string())
}

/// The name a box titled "┌ NAME{marker}…" is about, on a screen that has one.
fn titled(screen: &Screen, marker: &str) -> Option<String> {
    screen.lines().iter().find_map(|line| {
        let (before, _) = line.split_once(marker)?;
        Some(before.rsplit("┌ ").next()?.trim().to_string())
    })
}

/// One journal, what the oracle knows of it, and every surface's output, read once.
pub struct World {
    pub name: &'static str,
    journal: Journal,
    pub truth: Truth,
    outputs: RefCell<HashMap<Vec<String>, String>>,
    /// The `--json` outputs, parsed once: each is read for every subject of every fact.
    parsed: RefCell<HashMap<Vec<String>, Rc<serde_json::Value>>>,
    pub today_screen: Screen,
    pub week_screen: Screen,
    pub people_screen: Screen,
    /// The Gaps screen with each person's row selected, by name.
    pub gaps_screens: HashMap<String, Screen>,
    /// Each person's trends over months (`T` on People), by name.
    pub trends_screens: HashMap<String, Screen>,
    pub timeline_screen: Screen,
    /// The People detail pane of each person, by name.
    pub details: HashMap<String, Vec<String>>,
}

fn draw(app: &App) -> (Screen, ratatui::buffer::Buffer) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    terminal
        .draw(|frame| rapport::tui::render::render(app, frame))
        .expect("drawing never fails");
    let buffer = terminal.backend().buffer().clone();
    (Screen::of(&buffer), buffer)
}

fn press(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

impl World {
    fn new(built: journals::Built) -> World {
        let journal = built.journal;
        let truth = Truth::read(&journal.path, common::today());
        let store =
            rapport::store::Store::open_with_clock(&journal.path, common::clock_at(common::now()))
                .expect("the journal opens");
        let mut app = App::new(store, Theme::new(true), "journal".into()).expect("the app starts");
        let (today_screen, _) = draw(&app);
        press(&mut app, '6');
        let (week_screen, _) = draw(&app);
        press(&mut app, '2');
        let (people_screen, _) = draw(&app);
        let mut details = HashMap::new();
        let mut trends_screens = HashMap::new();
        for _ in &truth.people {
            let (screen, _) = draw(&app);
            if let Some((name, pane)) = surfaces::detail_pane(&screen) {
                details.insert(name, pane);
            }
            press(&mut app, 'T');
            let (screen, _) = draw(&app);
            if let Some(name) = titled(&screen, " · the last ") {
                trends_screens.insert(name, screen);
            }
            app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            press(&mut app, 'j');
        }
        press(&mut app, '5');
        let mut gaps_screens = HashMap::new();
        for _ in &truth.people {
            let (screen, _) = draw(&app);
            if let Some(name) = gaps_selected(&screen) {
                gaps_screens.insert(name, screen);
            }
            press(&mut app, 'j');
        }
        press(&mut app, '4');
        let (timeline_screen, _) = draw(&app);
        World {
            name: built.name,
            gaps_screens,
            trends_screens,
            timeline_screen,
            journal,
            truth,
            outputs: RefCell::new(HashMap::new()),
            parsed: RefCell::new(HashMap::new()),
            today_screen,
            week_screen,
            people_screen,
            details,
        }
    }

    /// The standard output of `rapport ARGS` on this journal, run once.
    pub fn cli(&self, args: &[&str]) -> String {
        let key: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        if let Some(out) = self.outputs.borrow().get(&key) {
            return out.clone();
        }
        let out = self.journal.ok(args);
        self.outputs.borrow_mut().insert(key, out.clone());
        out
    }

    pub fn json(&self, args: &[&str]) -> Rc<serde_json::Value> {
        let key: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        if let Some(value) = self.parsed.borrow().get(&key) {
            return Rc::clone(value);
        }
        let value: Rc<serde_json::Value> =
            Rc::new(serde_json::from_str(&self.cli(args)).expect("the command prints JSON"));
        self.parsed.borrow_mut().insert(key, Rc::clone(&value));
        value
    }

    fn subjects(&self, of: Of) -> Vec<Subject<'_>> {
        match of {
            Of::Team => vec![Subject::Team],
            Of::EachPerson => self.truth.people.iter().map(Subject::Person).collect(),
            Of::EachFollowUp => self
                .truth
                .follow_ups
                .iter()
                .map(Subject::FollowUp)
                .collect(),
        }
    }
}

#[test]
fn every_fact_reads_the_same_on_every_surface_of_every_journal() {
    let mut facts = surfaces::facts();
    facts.extend(needs::facts());
    facts.extend(trends::facts());
    facts.extend(leading::facts());
    facts.extend(moments::facts());
    let mut mismatches = Vec::new();
    let mut comparisons = 0usize;
    // (fact, surface, journal) triples that compared at least one subject.
    let mut compared: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
    let mut journals_per_fact: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let worlds: Vec<World> = journals::all().into_iter().map(World::new).collect();
    for world in &worlds {
        for fact in &facts {
            for subject in world.subjects(fact.of) {
                let expected = (fact.expected)(world, subject);
                for (surface, reader) in fact.surfaces {
                    let Some(shown) = reader(world, subject) else {
                        continue;
                    };
                    comparisons += 1;
                    compared.insert((fact.name, surface, world.name));
                    journals_per_fact
                        .entry(fact.name)
                        .or_default()
                        .insert(world.name);
                    if shown != expected {
                        mismatches.push(format!(
                            "{} · {} · {} · {surface}: shows {shown}, expected {expected}",
                            world.name,
                            fact.name,
                            subject.label()
                        ));
                    }
                }
            }
        }
    }
    let surfaces: BTreeSet<&str> = facts
        .iter()
        .flat_map(|f| f.surfaces.iter().map(|(s, _)| *s))
        .collect();
    eprintln!(
        "oracle: {} facts × {} surfaces × {} journals: {} fact-surface-journal triples, {} \
         comparisons",
        facts.len(),
        surfaces.len(),
        worlds.len(),
        compared.len(),
        comparisons
    );
    assert!(
        mismatches.is_empty(),
        "{} of {comparisons} readings disagree with the journal:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    for fact in &facts {
        let journals = journals_per_fact.get(fact.name).map_or(0, BTreeSet::len);
        assert!(
            journals >= 5,
            "{} was compared on {journals} journals, not five",
            fact.name
        );
        for (surface, _) in fact.surfaces {
            assert!(
                compared
                    .iter()
                    .any(|(f, s, _)| *f == fact.name && s == surface),
                "{} was never read from {surface}",
                fact.name
            );
        }
    }
}
