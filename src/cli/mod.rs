//! The command line: clap definitions, one handler per subcommand, and the one place where
//! errors become a sentence on stderr and an exit code.

mod args;
mod aspirations;
mod backup;
mod calendar;
mod check;
mod completions;
mod delete;
mod demo;
mod export;
mod feedback;
mod follow_ups;
mod gaps;
mod journal;
mod kept_passphrase;
mod log;
mod manual;
mod meets;
mod moments;
mod notes;
mod output;
mod people;
mod prep;
mod progress;
mod questions;
mod review;
mod roster;
mod search;
mod sync;
mod talking_points;
mod timeline;
mod today;
mod trends;
mod unlock;
mod week;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
pub(crate) use args::{Command, ConfigCommand};
use journal::Journal;

use crate::store::targets::Existing;
use crate::store::{self, Passphrase, Store};

/// Why a command failed, and so which exit code it ends with.
#[derive(Debug)]
pub(crate) enum Failure {
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

/// A settings file that cannot be used stops the command: the leader asked for something
/// the defaults would silently not do.
impl From<crate::config::Error> for Failure {
    fn from(error: crate::config::Error) -> Self {
        Failure::Runtime(error.to_string())
    }
}

/// A clock outside the journal's years stops every command before it opens the journal.
impl From<crate::clock::ClockError> for Failure {
    fn from(error: crate::clock::ClockError) -> Self {
        Failure::Runtime(error.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Runtime(format!("could not write the output: {error}"))
    }
}

pub(crate) type Outcome = Result<(), Failure>;

/// The terminal interface, handed in by the binary: the command line never names it, so
/// the two front ends stay apart.
pub struct Interface {
    /// Runs on an open journal until the leader quits; answers with the sentence to print
    /// when it could not.
    pub run: fn(Store, String, crate::config::Config) -> Result<(), String>,
    /// Asks for an encrypted journal's passphrase on a screen of its own, handing each try
    /// to `open`, a few times at most; answers with the opened journal, `None` when the
    /// leader gave up, or the sentence to print.
    pub unlock: fn(&str, &mut dyn FnMut(Passphrase) -> store::Result<Store>) -> Unlocked,
}

/// What the passphrase screen ended with.
pub(crate) type Unlocked = Result<Option<Store>, String>;

/// Runs the program with the process's arguments and environment; a bare `rapport` at a
/// terminal opens `interface`.
pub fn main(interface: Interface) -> ExitCode {
    std::panic::set_hook(Box::new(quiet_panic));
    if let Some(answered) = completions::answer_if_asked() {
        return answered;
    }
    #[cfg(feature = "fault-injection")]
    store::fault::arm_from_environment();
    // clap would blame `--db` for an empty RAPPORT_DB, and take one of spaces as a file name.
    if std::env::var_os("RAPPORT_DB").is_some_and(|value| value.to_string_lossy().trim().is_empty())
    {
        eprintln!(
            "rapport: RAPPORT_DB is set but blank; unset it or set it to a journal file (see --help)"
        );
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version: the full text, on stdout.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error)
            if error.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            // `rapport person` alone: the group's help is the most useful answer.
            let _ = error.print();
            return ExitCode::from(2);
        }
        Err(error) => {
            // A usage mistake is one sentence: clap's usage lines are left out, but its
            // "did you mean" tips are kept on the same line.
            let rendered = error.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect();
            let tips: Vec<&str> = rendered
                .lines()
                .filter_map(|line| line.trim().strip_prefix("tip: "))
                .filter(|tip| tip.contains("similar"))
                .collect();
            let mut message = message.join(" ");
            for tip in tips {
                message.push_str("; ");
                message.push_str(tip);
            }
            let sentence = message.strip_prefix("error: ").unwrap_or(&message);
            // clap quotes the mistyped argument as it was typed, escapes and all.
            eprintln!("rapport: {} (see --help)", output::line(sentence));
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let stdout = io::stdout().lock();
    // At a terminal each line shows as it is written; into a pipe or a file, the output is
    // gathered into large writes (one system call per 64 KiB, not one per line).
    let sink: Box<dyn Write> = if io::IsTerminal::is_terminal(&stdout) {
        Box::new(stdout)
    } else {
        Box::new(io::BufWriter::with_capacity(1 << 16, stdout))
    };
    let mut out = output::ControlFilter::safe_terminal(sink);
    match run(cli, &interface, &mut out).and_then(|()| Ok(out.flush()?)) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`rapport timeline | head`) is not an error.
        Err(Failure::Runtime(message)) if message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(failure) => {
            let (code, message) = match failure {
                Failure::Usage(message) => (2, message),
                Failure::Runtime(message) => (1, message),
            };
            let _ = out.flush();
            // Messages can quote the leader's own arguments and names from the journal.
            eprintln!("rapport: {}", output::line(&message));
            ExitCode::from(code)
        }
    }
}

/// A panic says where it happened and nothing else: its message can quote the text being
/// handled (a slice of a note, say), and notes never go to stderr. (The terminal interface
/// sets its own hook while it runs, which also restores the terminal.)
fn quiet_panic(info: &std::panic::PanicHookInfo<'_>) {
    let at = info.location().map_or_else(
        || "an unknown place".into(),
        |l| format!("{}:{}", l.file(), l.line()),
    );
    eprintln!("rapport: an internal error stopped the command (at {at}); please report it");
}

fn run(cli: Cli, interface: &Interface, out: &mut dyn Write) -> Outcome {
    #[cfg(feature = "fault-injection")]
    if store::fault::armed("cli-panic") {
        panic!("injected fault quoting a note: zqxsecret");
    }
    // A wrong clock is refused before anything is opened, so the journal stays untouched.
    crate::clock::read()?;
    let _ = SETTINGS_FLAGS.set(SettingsFlags {
        file: cli.config.clone(),
        theme: cli.theme,
        no_mouse: cli.no_mouse,
        passphrase_file: cli.passphrase_file.clone(),
    });
    // The commands that never open the journal run first: the settings file does not stop
    // them (`config show` is where a broken one is looked at).
    let command = match cli.command.map(|command| outside(command, out)) {
        Some(ControlFlow::Break(outcome)) => return outcome,
        Some(ControlFlow::Continue(command)) => Some(command),
        None => None,
    };
    let demo = cli.demo || matches!(command, Some(Command::Demo(_)));
    // A journal kept as a link (into a synced folder, say) is used where the link points.
    let path = store::targets::follow_links(&journal_path(cli.db.as_deref(), demo)?);
    // The settings are read once, before the journal is looked at, for every command.
    let journal = Journal::with_settings(path)?;
    let path = journal.path();
    match store::targets::existing(path)? {
        Existing::Stream | Existing::Other => {
            return Err(store::Error::NotAFile(path.to_path_buf()).into());
        }
        // The demo journal is Rapport's own to make; a path the leader typed may be a typo.
        Existing::Nothing if !demo && only_reads(command.as_ref()) => {
            return Err(Failure::Runtime(format!(
                "there is no journal at {} (a command that only reads never creates one): check the path, or start one with `rapport person add NAME`",
                path.display()
            )));
        }
        Existing::Nothing | Existing::File | Existing::Directory => {}
    }
    unlock::finish_interrupted(path)?;
    let missing = Missing::before(path);
    let result = dispatch(command, &journal, demo, interface, out);
    if result.is_err() {
        missing.remove_if_left_blank(journal.path());
    }
    result
}

/// True for the commands that only read the journal: on a path where no journal exists
/// (a mistyped `--db`) they say so instead of creating an empty one. The terminal
/// interface, `demo` and every command that adds or changes something create it.
fn only_reads(command: Option<&Command>) -> bool {
    use args::{AspirationCommand, DirectionCommand, FollowupCommand, PersonCommand};
    match command {
        None
        | Some(
            Command::Completions { .. }
            | Command::Man
            | Command::Config { .. }
            | Command::Questions(_),
        ) => false,
        Some(Command::Person { action }) => {
            matches!(action, PersonCommand::List { .. } | PersonCommand::Show { .. })
        }
        Some(Command::Feedback { action }) => !matches!(action, args::FeedbackCommand::Add { .. }),
        // Changing or deleting what is already there needs a journal that is there.
        Some(Command::Followup { action }) => matches!(
            action,
            FollowupCommand::List { .. }
                | FollowupCommand::Edit { .. }
                | FollowupCommand::Delete { .. }
        ),
        Some(Command::Conversation { .. }) => true,
        Some(Command::Idea(args)) => args.action.is_some(),
        Some(Command::Aspiration { action }) => matches!(
            action,
            AspirationCommand::List { .. }
                | AspirationCommand::Show { .. }
                | AspirationCommand::Delete { .. }
                | AspirationCommand::DeleteUpdate { .. }
        ),
        Some(Command::Ack(args)) => args.action.is_some(),
        Some(Command::Raise(args)) => args.action.is_some(),
        Some(Command::Meets(args)) => args.action.is_some(),
        Some(Command::Delegate(args)) => args.action.is_some(),
        Some(Command::Direction { action }) => !matches!(action, DirectionCommand::Add { .. }),
        Some(Command::Moment { action }) => !matches!(action, args::MomentCommand::Add { .. }),
        Some(
            Command::Today(_)
            | Command::Check(_)
            | Command::Search(_)
            | Command::Export(_)
            | Command::Calendar(_)
            | Command::Review(_)
            | Command::Timeline(_)
            | Command::Gaps(_)
            | Command::Week(_)
            | Command::Prep(_)
            | Command::Trends(_)
            | Command::Encrypt(_)
            | Command::Decrypt
            | Command::Rekey(_)
            | Command::Unlock(_)
            | Command::Lock,
        ) => true,
        Some(
            Command::Log(_)
            | Command::Demo(_)
            | Command::Restore(_)
            | Command::Import(_)
            | Command::Reflect(_)
            | Command::Sync(_)
            // Says itself that there is nothing to back up, and never creates a journal.
            | Command::Backup(_),
        ) => false,
    }
}

/// What did not exist before a command ran: the journal file and the folders above it.
struct Missing {
    journal: bool,
    /// Deepest first.
    folders: Vec<PathBuf>,
}

impl Missing {
    fn before(journal: &Path) -> Missing {
        if journal.symlink_metadata().is_ok() {
            return Missing {
                journal: false,
                folders: Vec::new(),
            };
        }
        let folders = journal
            .ancestors()
            .skip(1)
            .filter(|dir| !dir.as_os_str().is_empty())
            .take_while(|dir| dir.symlink_metadata().is_err())
            .map(Path::to_path_buf)
            .collect();
        Missing {
            journal: true,
            folders,
        }
    }

    /// A refused command leaves no trace: a journal it created that holds nothing, and the
    /// folders made for it while they are still empty, are removed.
    fn remove_if_left_blank(self, journal: &Path) {
        if !self.journal {
            return;
        }
        let nothing_there = journal.symlink_metadata().is_err()
            && store::lock_path(journal).symlink_metadata().is_err();
        let gone = nothing_there || store::remove_if_blank(journal);
        if !gone {
            return;
        }
        for dir in self.folders {
            if std::fs::remove_dir(&dir).is_err() {
                break;
            }
        }
    }
}

/// Runs a command that opens the journal, handed the journal with the settings.
fn dispatch(
    command: Option<Command>,
    journal: &Journal,
    demo: bool,
    interface: &Interface,
    out: &mut dyn Write,
) -> Outcome {
    match command {
        None => interactive(journal, demo, interface, out),
        Some(Command::Person { action }) => people::run(journal, action, out),
        Some(Command::Log(args)) => log::run(journal, args, out),
        Some(Command::Followup { action }) => follow_ups::run(journal, action, out),
        Some(Command::Conversation { action }) => log::conversation(journal, action, out),
        Some(Command::Aspiration { action }) => aspirations::run(journal, action, out),
        Some(Command::Ack(args)) => notes::ack(journal, args, out),
        Some(Command::Idea(args)) => notes::idea(journal, args, out),
        Some(Command::Raise(args)) => talking_points::run(journal, args, out),
        Some(Command::Feedback { action }) => feedback::run(journal, action, out),
        Some(Command::Meets(args)) => meets::run(journal, args, out),
        Some(Command::Delegate(args)) => meets::delegate(journal, args, out),
        Some(Command::Direction { action }) => meets::direction(journal, action, out),
        Some(Command::Moment { action }) => moments::run(journal, action, out),
        Some(Command::Today(args)) => {
            today::print(&journal.open()?, journal.config(), args.json, out)
        }
        Some(Command::Check(args)) => check::run(journal, args.json, out),
        Some(Command::Demo(args)) => demo::run(journal, args, out),
        Some(Command::Search(args)) => search::run(journal, args, out),
        Some(Command::Backup(args)) => backup::run(journal, args, out),
        Some(Command::Restore(args)) => backup::restore(journal, args, out),
        Some(Command::Sync(args)) => sync::run(journal, args, out),
        Some(Command::Encrypt(args)) => unlock::encrypt(journal, args, out),
        Some(Command::Decrypt) => unlock::decrypt(journal, out),
        Some(Command::Rekey(args)) => unlock::rekey(journal, args, out),
        Some(Command::Unlock(args)) => unlock::keep(journal, &args, out),
        Some(Command::Lock) => unlock::lock(journal.path(), out),
        Some(Command::Export(args)) => export::export(journal, args, out),
        Some(Command::Import(args)) => export::import(journal, args, out),
        Some(Command::Calendar(args)) => calendar::run(journal, args, out),
        Some(Command::Review(args)) => review::run(journal, args, out),
        Some(Command::Timeline(args)) => timeline::run(journal, args, out),
        Some(Command::Gaps(args)) => gaps::run(journal, args.json, out),
        Some(Command::Week(args)) => week::run(journal, args, out),
        Some(Command::Reflect(args)) => week::reflect(journal, args, out),
        Some(Command::Prep(args)) => prep::run(journal, args, out),
        Some(Command::Trends(args)) => trends::run(journal, args, out),
        // Never here (they run before the settings are read), but they need no journal.
        Some(Command::Config { action }) => settings(action, out),
        Some(Command::Questions(args)) => questions::run(args, out),
        Some(Command::Man) => man(out),
        Some(Command::Completions { shell }) => write_completions(shell, out),
    }
}

/// Runs a command that never opens the journal (settings, questions, help pages,
/// completion scripts); hands any other back to go on with.
fn outside(command: Command, out: &mut dyn Write) -> ControlFlow<Outcome, Command> {
    match command {
        Command::Config { action } => ControlFlow::Break(settings(action, out)),
        Command::Questions(args) => ControlFlow::Break(questions::run(args, out)),
        Command::Man => ControlFlow::Break(man(out)),
        Command::Completions { shell } => ControlFlow::Break(write_completions(shell, out)),
        other => ControlFlow::Continue(other),
    }
}

fn man(out: &mut dyn Write) -> Outcome {
    out.write_all(&manual::page()?)?;
    Ok(())
}

fn write_completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Outcome {
    // Made in memory first: clap_complete panics on a write error (a closed pipe).
    out.write_all(completions::script(shell).as_bytes())?;
    Ok(())
}

/// Bare `rapport`: the terminal interface when a person is at a terminal, the agenda in
/// text otherwise (in a pipe, a script, a cron job).
fn interactive(
    journal: &Journal,
    demo: bool,
    interface: &Interface,
    out: &mut dyn Write,
) -> Outcome {
    use std::io::IsTerminal;
    let at_terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    let label = shorten_home(journal.path());
    let mut store = if at_terminal && unlock::must_ask(journal.path()) {
        let open = &mut |passphrase| journal.open_keyed(store::Key::with(passphrase));
        match (interface.unlock)(&label, open).map_err(Failure::Runtime)? {
            Some(store) => store,
            None => return Ok(()),
        }
    } else {
        journal.open()?
    };
    if demo && store.people(true)?.is_empty() {
        let now = store.local_now();
        crate::demo::generate(&mut store, &crate::demo::DemoOptions::default(), now)?;
    }
    if !at_terminal {
        return today::print(&store, journal.config(), false, out);
    }
    let daily_backup = (!demo)
        .then(|| spawn_daily_backup(journal.path(), store.key()))
        .flatten();
    // The interface gets the journal opened with the settings and the same settings.
    let result = (interface.run)(store, label, journal.config().clone()).map_err(Failure::Runtime);
    // A backup still running when the leader quits is finished, not left half-written.
    if let Some(handle) = daily_backup {
        let _ = handle.join();
    }
    result
}

/// The first open of a day makes a backup, beside the first frame rather than before it.
/// Its errors stay quiet: they must not spoil the terminal, and tomorrow tries again.
fn spawn_daily_backup(journal: &Path, key: store::Key) -> Option<std::thread::JoinHandle<()>> {
    let journal = journal.to_path_buf();
    let keep = backup::retention().unwrap_or_default();
    std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            if let Ok(now) = crate::clock::read() {
                let _ = store::backup::auto_backup_if_due(&journal, now, keep, &key);
            }
        })
        .ok()
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
        if path.to_string_lossy().trim().is_empty() {
            return Err(Failure::Usage(
                "the journal path cannot be blank; name a journal file with --db PATH".into(),
            ));
        }
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

/// What the command line says about the settings for this run, over the file's: set once,
/// before the command runs, and read by every command that loads the settings.
#[derive(Debug, Default)]
struct SettingsFlags {
    /// `--config` or `RAPPORT_CONFIG`.
    file: Option<PathBuf>,
    theme: Option<crate::config::ThemeName>,
    no_mouse: bool,
    /// `--passphrase-file` or `RAPPORT_PASSPHRASE_FILE`.
    passphrase_file: Option<PathBuf>,
}

static SETTINGS_FLAGS: std::sync::OnceLock<SettingsFlags> = std::sync::OnceLock::new();

fn settings_flags() -> &'static SettingsFlags {
    SETTINGS_FLAGS.get_or_init(SettingsFlags::default)
}

pub(super) fn chosen_config() -> Option<&'static Path> {
    settings_flags().file.as_deref()
}

/// `rapport config path | show | default`.
fn settings(action: ConfigCommand, out: &mut dyn Write) -> Outcome {
    use crate::config::{Config, Source};
    match action {
        ConfigCommand::Path => {
            let path = chosen_config()
                .map(Path::to_path_buf)
                .or_else(crate::config::default_path);
            // Only the path goes to stdout, so `$EDITOR "$(rapport config path)"` works on
            // first use too; the note about a file not there yet goes to stderr.
            let path = path.ok_or_else(|| {
                Failure::Runtime(
                    "no settings folder can be found (set XDG_CONFIG_HOME or HOME); the defaults are in use".to_string(),
                )
            })?;
            writeln!(out, "{}", path.display())?;
            if !path.exists() {
                eprintln!("rapport: note: that file is not there yet, so the defaults are in use");
            }
        }
        ConfigCommand::Show => {
            let effective = Config::effective(chosen_config())?;
            for (key, source) in &effective.sources {
                let value = effective.config.value_of(key);
                let from = match source {
                    Source::Default => "default".to_string(),
                    Source::File(path, line) => format!("{}, line {line}", path.display()),
                };
                writeln!(out, "{key} = {value}   # {}", output::line(&from))?;
            }
            // The leader's own keys, as `keys.ACTION` the way TOML's dotted keys write them.
            for (action, value, line) in effective.config.keys.written() {
                let from = match (&effective.file, line) {
                    (Some(path), Some(line)) => format!("{}, line {line}", path.display()),
                    (Some(path), None) => path.display().to_string(),
                    (None, _) => "default".to_string(),
                };
                writeln!(out, "keys.{action} = {value}   # {}", output::line(&from))?;
            }
        }
        ConfigCommand::Default => write!(out, "{}", crate::config::default_file())?,
    }
    Ok(())
}
