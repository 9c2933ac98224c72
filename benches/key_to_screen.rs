//! Key-to-screen latency of the real binary, as a person at the keyboard feels it: Rapport
//! runs in a 160×48 pseudo-terminal on the 10-year journal, a key is written to the
//! terminal, and the time runs until the screen (read back through vt100, text and styles)
//! shows what that key leads to. Everything is in it: the event loop, the update, the
//! queries, the drawing, the bytes through the terminal.
//!
//! Each scenario is played once to learn the screen every key leads to, then repeated; a
//! step is timed from its key being written until the screen equals the learned one, and the
//! program waits for the terminal to be quiet before the next key.
//!
//! `cargo bench --bench key_to_screen` times the binary cargo built for the benches (which
//! carries the test-only `fault-injection` feature); `scripts/bench` sets `RAPPORT_BIN` to a
//! release build of its own. `RAPPORT_KEY_ROUNDS` sets the repetitions (default 100),
//! `RAPPORT_KEY_FRESH_STARTS` the fresh starts for each screen's first visit (default 20)
//! and `RAPPORT_SEARCH_WORDS` the words typed into search (default:
//! about,the,their,team,work,con,compe; the slowest prefixes found are `the` and, past the
//! prefix indexes of three and four letters, `their` and `compe`).

mod journal;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 48;
const COLS: u16 = 160;
/// How long the terminal must stay silent before the screen counts as settled.
const QUIET: Duration = Duration::from_millis(40);
/// While learning, long enough for a draft to be written (400 ms after typing) and shown.
const LEARN_QUIET: Duration = Duration::from_millis(700);
/// A step that has not shown its screen by then is counted as missed.
const PATIENCE: Duration = Duration::from_secs(2);
const DEFAULT_ROUNDS: usize = 100;
const DEFAULT_FRESH_STARTS: usize = 20;
const DEFAULT_SEARCH_WORDS: &str = "about,the,their,team,work,con,compe";

const ESC: &[u8] = b"\x1b";
const ENTER: &[u8] = b"\r";
const TAB: &[u8] = b"\t";
const BACKSPACE: &[u8] = b"\x7f";

/// One key (or a few bytes typed at once) and, when it is timed, the name of what it does.
struct Step {
    keys: Vec<u8>,
    timed: Option<String>,
}

fn timed(name: impl Into<String>, keys: &[u8]) -> Step {
    Step {
        keys: keys.to_vec(),
        timed: Some(name.into()),
    }
}

fn untimed(keys: &[u8]) -> Step {
    Step {
        keys: keys.to_vec(),
        timed: None,
    }
}

/// Keys that lead from a known screen back to the same screen, so they can be repeated.
struct Scenario {
    /// Played once before learning, to reach the starting screen.
    setup: Vec<Step>,
    round: Vec<Step>,
    rounds: usize,
}

fn scenarios(rounds: usize, search_words: &[String]) -> Vec<Scenario> {
    let mut all = vec![
        // Every screen, each reached from the one before it. The Log form takes digits as
        // text, so it is left with Esc (back to People).
        Scenario {
            setup: vec![untimed(b"1")],
            round: vec![
                timed("2 People (from Today)", b"2"),
                timed("3 Log (from People)", b"3"),
                untimed(ESC),
                timed("4 Timeline (from People)", b"4"),
                timed("5 Gaps (from Timeline)", b"5"),
                timed("6 Week (from Gaps)", b"6"),
                timed("1 Today (from Week)", b"1"),
            ],
            rounds,
        },
        // The selection in People (the detail pane follows it), in Today and in Timeline.
        Scenario {
            setup: vec![untimed(b"2")],
            round: vec![
                timed("People: j (next person, detail loads)", b"j"),
                timed("People: k (previous person)", b"k"),
            ],
            rounds,
        },
        Scenario {
            setup: vec![untimed(b"1")],
            round: vec![timed("Today: j", b"j"), timed("Today: k", b"k")],
            rounds,
        },
        Scenario {
            setup: vec![untimed(b"4"), untimed(b"c")],
            round: vec![timed("Timeline: j", b"j"), timed("Timeline: k", b"k")],
            rounds,
        },
        // Opening a person: into the detail, and that person's timeline.
        Scenario {
            setup: vec![untimed(b"2")],
            round: vec![
                timed("People: l (into the person's detail)", b"l"),
                untimed(b"h"),
                timed("People: t (the person's timeline)", b"t"),
                untimed(b"c"),
                untimed(b"2"),
            ],
            rounds,
        },
        // The Log form, opened for the selected person, and left unchanged.
        Scenario {
            setup: vec![untimed(b"2")],
            round: vec![
                timed("People: Enter (open the Log form)", ENTER),
                untimed(ESC),
            ],
            rounds,
        },
        // A Timeline filter applied and cleared.
        Scenario {
            setup: vec![untimed(b"4"), untimed(b"c")],
            round: vec![
                untimed(b"f"),
                untimed(b"kind:1:1"),
                timed("Timeline: Enter (apply kind:1:1)", ENTER),
                timed("Timeline: c (clear the filters)", b"c"),
            ],
            rounds,
        },
    ];
    // Search as you type: the panel, then every prefix of each word.
    for word in search_words {
        let mut round = vec![timed("/ (open search)", b"/")];
        for end in 1..=word.len() {
            round.push(timed(
                format!("search keystroke: {}", &word[..end]),
                &word.as_bytes()[end - 1..end],
            ));
        }
        round.push(untimed(ESC));
        all.push(Scenario {
            setup: vec![untimed(b"1")],
            round,
            rounds: rounds.div_ceil(2),
        });
    }
    // Typing in the form last: it leaves a draft behind in the scratch journal.
    all.push(Scenario {
        setup: vec![untimed(b"3")],
        round: vec![
            timed("Log form: type a letter (Person, picks from 500)", b"x"),
            timed("Log form: Backspace (Person)", BACKSPACE),
        ],
        rounds,
    });
    all.push(Scenario {
        // Still in the form: Person, When, Kind, Mood, Stance, Needs, then the Summary.
        setup: vec![untimed(TAB.repeat(6).as_slice())],
        round: vec![
            timed("Log form: type a letter (Summary)", b"x"),
            timed("Log form: Backspace (Summary)", BACKSPACE),
        ],
        rounds,
    });
    all
}

struct Terminal {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    chunks: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    closed: bool,
    /// From starting the program until its first frame showed Today.
    first_frame: Option<Duration>,
}

impl Terminal {
    fn start(bin: &Path, journal: &Path, home: &Path) -> Terminal {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let spawned = Instant::now();
        let mut command = CommandBuilder::new(bin);
        command.env_clear();
        command.env("TERM", "xterm-256color");
        command.env("HOME", home);
        command.env("XDG_CONFIG_HOME", home.join(".config"));
        command.env("XDG_DATA_HOME", home.join(".local/share"));
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        // An encrypted bench journal opens with the passphrase file, as a script's would.
        if let Some(file) = std::env::var_os("RAPPORT_PASSPHRASE_FILE") {
            command.env("RAPPORT_PASSPHRASE_FILE", file);
        }
        command.args(["--db".as_ref(), journal.as_os_str()]);
        let child = pty.slave.spawn_command(command).expect("rapport starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let (sender, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            // The master is kept alive by the reader; it ends when the program does.
            let mut buffer = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let mut terminal = Terminal {
            child,
            writer,
            chunks,
            parser: vt100::Parser::new(rows, cols, 0),
            closed: false,
            first_frame: None,
        };
        terminal.first_frame = terminal
            .wait_for_text("Today", Duration::from_secs(10))
            .map(|at| at - spawned);
        // The first frame, and whatever follows it at once (nothing, normally). An encrypted
        // journal derives its key first, which a busy machine can stretch past one wait.
        let started = Instant::now();
        terminal.settle(Duration::from_millis(300));
        while !terminal.screen_text().contains("Today")
            && started.elapsed() < Duration::from_secs(10)
        {
            terminal.settle(Duration::from_millis(300));
        }
        assert!(
            terminal.screen_text().contains("Today"),
            "the interface did not start:\n{}",
            terminal.screen_text()
        );
        terminal
    }

    /// Every cell's text, colours and emphasis. Cells ratatui skipped with a cursor move and
    /// cells it wrote as blanks read the same, as they look the same.
    fn screen(&self) -> Vec<u8> {
        let screen = self.parser.screen();
        let mut cells = Vec::with_capacity(usize::from(ROWS) * usize::from(COLS) * 12);
        for row in 0..ROWS {
            for col in 0..COLS {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                let text = cell.contents();
                cells.extend_from_slice(if text.is_empty() {
                    b" "
                } else {
                    text.as_bytes()
                });
                cells.extend(colour(cell.fgcolor()));
                cells.extend(colour(cell.bgcolor()));
                cells.push(
                    u8::from(cell.bold())
                        | u8::from(cell.italic()) << 1
                        | u8::from(cell.underline()) << 2
                        | u8::from(cell.inverse()) << 3
                        | u8::from(cell.dim()) << 4,
                );
            }
        }
        cells
    }

    fn screen_text(&self) -> String {
        self.parser.screen().contents()
    }

    fn press(&mut self, keys: &[u8]) -> Instant {
        let at = Instant::now();
        self.writer.write_all(keys).expect("the key is written");
        self.writer.flush().expect("the key is sent");
        at
    }

    /// Reads until nothing arrives for `quiet`.
    fn settle(&mut self, quiet: Duration) {
        while !self.closed {
            match self.chunks.recv_timeout(quiet) {
                Ok(chunk) => self.parser.process(&chunk),
                Err(RecvTimeoutError::Timeout) => return,
                Err(RecvTimeoutError::Disconnected) => self.closed = true,
            }
        }
    }

    /// Reads until the screen's text holds `text`; the moment the bytes that made it so
    /// arrived.
    fn wait_for_text(&mut self, text: &str, patience: Duration) -> Option<Instant> {
        let give_up = Instant::now() + patience;
        while !self.closed {
            let left = give_up.checked_duration_since(Instant::now())?;
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => {
                    let arrived = Instant::now();
                    self.parser.process(&chunk);
                    if self.screen_text().contains(text) {
                        return Some(arrived);
                    }
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => self.closed = true,
            }
        }
        None
    }

    /// Reads until the screen is `expected`; the moment the bytes that made it so arrived.
    fn wait_for(&mut self, expected: &[u8]) -> Option<Instant> {
        let give_up = Instant::now() + PATIENCE;
        loop {
            let left = give_up.checked_duration_since(Instant::now())?;
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => {
                    let arrived = Instant::now();
                    self.parser.process(&chunk);
                    if self.screen() == expected {
                        return Some(arrived);
                    }
                }
                Err(_) => return None,
            }
        }
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"\x03");
        let _ = self.writer.flush();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

fn colour(colour: vt100::Color) -> [u8; 4] {
    match colour {
        vt100::Color::Default => [0, 0, 0, 0],
        vt100::Color::Idx(i) => [1, i, 0, 0],
        vt100::Color::Rgb(r, g, b) => [2, r, g, b],
    }
}

#[derive(Default)]
struct Samples {
    millis: Vec<f64>,
    missed: usize,
}

fn run(terminal: &mut Terminal, scenario: &Scenario, results: &mut BTreeMap<String, Samples>) {
    for step in &scenario.setup {
        terminal.press(&step.keys);
        terminal.settle(LEARN_QUIET);
    }
    // Learn what each key leads to.
    let mut expected = Vec::new();
    for step in &scenario.round {
        let before = terminal.screen();
        terminal.press(&step.keys);
        terminal.settle(LEARN_QUIET);
        let after = terminal.screen();
        if let Some(name) = &step.timed {
            assert_ne!(
                before,
                after,
                "“{name}” changed nothing on the screen:\n{}",
                terminal.screen_text()
            );
        }
        expected.push((after, terminal.screen_text()));
    }
    for _ in 0..scenario.rounds {
        for (step, (expected, expected_text)) in scenario.round.iter().zip(&expected) {
            let sent = terminal.press(&step.keys);
            let shown = terminal.wait_for(expected);
            if let Some(name) = &step.timed {
                let samples = results.entry(name.clone()).or_default();
                match shown {
                    Some(at) => samples.millis.push((at - sent).as_secs_f64() * 1000.0),
                    None => {
                        if samples.missed == 0 {
                            eprintln!(
                                "“{name}” did not lead to the screen it led to before; now:\n{}\nexpected:\n{}",
                                terminal.screen_text(),
                                expected_text
                            );
                        }
                        samples.missed += 1;
                    }
                }
            }
            terminal.settle(QUIET);
        }
    }
}

/// The screens that read their data the first time they are shown (Today and People are
/// read at start), each timed on a fresh start of the interface: the later visits the
/// scenarios time show data already read.
fn first_visits(
    bin: &Path,
    scratch: &Scratch,
    rounds: usize,
    results: &mut BTreeMap<String, Samples>,
) {
    for (key, screen) in [(b"4", "Timeline"), (b"5", "Gaps"), (b"6", "Week")] {
        let name = format!(
            "first visit: {} {screen} (from Today, fresh start)",
            key[0] as char
        );
        let mut terminal = Terminal::start(bin, &scratch.journal(), &scratch.home());
        terminal.press(key);
        terminal.settle(LEARN_QUIET);
        let expected = terminal.screen();
        terminal.quit();
        for _ in 0..rounds {
            let mut terminal = Terminal::start(bin, &scratch.journal(), &scratch.home());
            let sent = terminal.press(key);
            let samples = results.entry(name.clone()).or_default();
            match terminal.wait_for(&expected) {
                Some(at) => samples.millis.push((at - sent).as_secs_f64() * 1000.0),
                None => samples.missed += 1,
            }
            terminal.quit();
        }
    }
}

/// The first key of a fresh start that reads something new: a move in Today (its first
/// screen) and in People (reached with `2`, which reads nothing), pressed as soon as the
/// screen settled, while the interface may still be reading the screens out of view; and
/// each start's first frame.
fn first_moves(
    bin: &Path,
    scratch: &Scratch,
    rounds: usize,
    results: &mut BTreeMap<String, Samples>,
) {
    let moves: [(&[u8], &str); 2] = [(b"", "Today"), (b"2", "People")];
    for (setup, screen) in moves {
        let name = format!("first move: j in {screen} (fresh start)");
        let mut terminal = Terminal::start(bin, &scratch.journal(), &scratch.home());
        if !setup.is_empty() {
            terminal.press(setup);
            terminal.settle(LEARN_QUIET);
        }
        terminal.press(b"j");
        terminal.settle(LEARN_QUIET);
        let expected = terminal.screen();
        terminal.quit();
        for _ in 0..rounds {
            let mut terminal = Terminal::start(bin, &scratch.journal(), &scratch.home());
            if let Some(took) = terminal.first_frame {
                let frame = results
                    .entry("first frame: start to Today (fresh start)".to_string())
                    .or_default();
                frame.millis.push(took.as_secs_f64() * 1000.0);
            }
            if !setup.is_empty() {
                terminal.press(setup);
                terminal.settle(QUIET);
            }
            let sent = terminal.press(b"j");
            let samples = results.entry(name.clone()).or_default();
            match terminal.wait_for(&expected) {
                Some(at) => samples.millis.push((at - sent).as_secs_f64() * 1000.0),
                None => samples.missed += 1,
            }
            terminal.quit();
        }
    }
}

/// The value below which `share` of the sorted samples fall (nearest rank).
fn percentile(sorted: &[f64], share: f64) -> f64 {
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A private copy of the journal with today's backup already made, so the interface's daily
/// backup stays out of the figures and the drafts typed here never reach the shared journal.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(bin: &Path, journal: &Path) -> Scratch {
        let dir = journal::cache_dir().join(format!("keys-{}", std::process::id()));
        rapport::store::prepare_private_dir(&dir).expect("a scratch folder");
        let scratch = Scratch { dir };
        std::fs::copy(journal, scratch.journal()).expect("the journal is copied");
        std::fs::create_dir_all(scratch.home()).expect("a home folder");
        let backup = Command::new(bin)
            .arg("--db")
            .arg(scratch.journal())
            .arg("backup")
            .env("HOME", scratch.home())
            .output()
            .expect("rapport backup runs");
        assert!(
            backup.status.success(),
            "rapport backup failed: {}",
            String::from_utf8_lossy(&backup.stderr)
        );
        scratch
    }

    fn journal(&self) -> PathBuf {
        self.dir.join("journal.db")
    }

    fn home(&self) -> PathBuf {
        self.dir.join("home")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent: nothing to do then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (bin, which) = match std::env::var_os("RAPPORT_BIN") {
        Some(bin) => (PathBuf::from(bin), "RAPPORT_BIN"),
        None => (
            PathBuf::from(env!("CARGO_BIN_EXE_rapport")),
            "cargo's bench build, with the fault-injection feature",
        ),
    };
    let rounds = std::env::var("RAPPORT_KEY_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(DEFAULT_ROUNDS);
    let words: Vec<String> = std::env::var("RAPPORT_SEARCH_WORDS")
        .unwrap_or_else(|_| DEFAULT_SEARCH_WORDS.into())
        .split(',')
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let journal = journal::journal(journal::LARGE);
    let scratch = Scratch::new(&bin, &journal);
    let mut results = BTreeMap::new();
    let fresh_starts = std::env::var("RAPPORT_KEY_FRESH_STARTS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(DEFAULT_FRESH_STARTS);
    // Before the scenarios: the typing ones leave a draft, and a fresh start would ask
    // about it.
    first_visits(&bin, &scratch, fresh_starts, &mut results);
    first_moves(&bin, &scratch, fresh_starts, &mut results);
    let mut terminal = Terminal::start(&bin, &scratch.journal(), &scratch.home());
    for scenario in scenarios(rounds, &words) {
        run(&mut terminal, &scenario, &mut results);
    }
    terminal.quit();

    println!(
        "key_to_screen: {} ({which}), {COLS}×{ROWS} pty, {}",
        bin.display(),
        journal.display()
    );
    println!("| key (screen) | samples | median | p99 | slowest | target |");
    println!("|---|---|---|---|---|---|");
    for (name, samples) in &results {
        let mut sorted = samples.millis.clone();
        sorted.sort_by(f64::total_cmp);
        let target = if name.starts_with("search keystroke") {
            "results ≤ 30 ms"
        } else if name.starts_with("first frame") {
            "≤ 50 ms"
        } else {
            "median ≤ 8, p99 ≤ 16 ms"
        };
        let missed = if samples.missed > 0 {
            format!(" ({} missed)", samples.missed)
        } else {
            String::new()
        };
        if sorted.is_empty() {
            println!("| {name} | 0{missed} | | | | {target} |");
            continue;
        }
        println!(
            "| {name} | {}{missed} | {:.1} ms | {:.1} ms | {:.1} ms | {target} |",
            sorted.len(),
            percentile(&sorted, 0.5),
            percentile(&sorted, 0.99),
            sorted[sorted.len() - 1],
        );
    }
}
