//! The command line: clap definitions, one handler per subcommand, and the one place where
//! errors become a sentence on stderr and an exit code.

mod args;
mod aspirations;
mod check;
mod demo;
mod follow_ups;
mod log;
mod notes;
mod output;

pub use output::line as safe_line;
mod people;
mod today;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use args::{Cli, Command};

use crate::store::{self, Store};

/// Why a command failed, and so which exit code it ends with.
#[derive(Debug)]
pub enum Failure {
    /// The command line itself was wrong (exit 2).
    Usage(String),
    /// The command was fine but could not be carried out (exit 1).
    Runtime(String),
}

impl From<store::Error> for Failure {
    fn from(error: store::Error) -> Self {
        match error {
            store::Error::Invalid(_) => Failure::Usage(error.to_string()),
            other => Failure::Runtime(other.to_string()),
        }
    }
}

impl From<crate::domain::Invalid> for Failure {
    fn from(error: crate::domain::Invalid) -> Self {
        Failure::Usage(error.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Runtime(format!("could not write the output: {error}"))
    }
}

pub type Outcome = Result<(), Failure>;

/// Runs the program with the process's arguments and environment.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`rapport timeline | head`) is not an error.
        Err(Failure::Runtime(message)) if message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(failure) => {
            let (code, message) = match failure {
                Failure::Usage(message) => (2, message),
                Failure::Runtime(message) => (1, message),
            };
            let _ = out.flush();
            eprintln!("rapport: {message}");
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli, out: &mut dyn Write) -> Outcome {
    let demo = cli.demo || matches!(cli.command, Some(Command::Demo(_)));
    let journal = journal_path(cli.db.as_deref(), demo)?;
    match cli.command {
        None => interactive(&journal, demo, out),
        Some(Command::Person { action }) => people::run(&journal, action, out),
        Some(Command::Log(args)) => log::run(&journal, args, out),
        Some(Command::Followup { action }) => follow_ups::run(&journal, action, out),
        Some(Command::Aspiration { action }) => aspirations::run(&journal, action, out),
        Some(Command::Ack(args)) => notes::ack(&journal, args, out),
        Some(Command::Idea(args)) => notes::idea(&journal, args, out),
        Some(Command::Today(args)) => today::print(&open(&journal)?, args.json, out),
        Some(Command::Check(args)) => check::run(&journal, args.json, out),
        Some(Command::Demo(args)) => demo::run(&journal, args, out),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "rapport", out);
            Ok(())
        }
    }
}

/// Bare `rapport`: the terminal interface when a person is at a terminal, the agenda in
/// text otherwise (in a pipe, a script, a cron job).
fn interactive(journal: &Path, demo: bool, out: &mut dyn Write) -> Outcome {
    use std::io::IsTerminal;
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return today::run(journal, out);
    }
    let mut store = open(journal)?;
    if demo && store.people(true)?.is_empty() {
        let now = store.local_now();
        crate::demo::generate(&mut store, &crate::demo::DemoOptions::default(), now)?;
    }
    crate::tui::run(store, shorten_home(journal)).map_err(|e| Failure::Runtime(e.to_string()))
}

/// `~/.local/share/rapport/rapport.db` rather than the full path.
fn shorten_home(path: &Path) -> String {
    let full = path.display().to_string();
    match std::env::var("HOME") {
        Ok(home) if !home.is_empty() && full.starts_with(&home) => {
            format!("~{}", &full[home.len()..])
        }
        _ => full,
    }
}

/// The journal this run uses: `--db`/`RAPPORT_DB`, else the demo journal for `--demo` and
/// `rapport demo`, else the leader's own journal in the platform data folder.
fn journal_path(explicit: Option<&Path>, demo: bool) -> Result<PathBuf, Failure> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "rapport").ok_or_else(|| {
        Failure::Runtime(
            "cannot find a home folder for the journal; name one with --db PATH".into(),
        )
    })?;
    let file = if demo { "demo.db" } else { "rapport.db" };
    Ok(dirs.data_dir().join(file))
}

/// The default journal location, for help texts and the status line.
pub fn default_journal_path() -> Option<PathBuf> {
    journal_path(None, false).ok()
}

fn open(journal: &Path) -> Result<Store, Failure> {
    Ok(Store::open(journal)?)
}
