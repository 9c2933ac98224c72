//! The leader's settings: thresholds of the insight views and the first day of the week.
//!
//! Read from the file named by `--config` or `RAPPORT_CONFIG`, else from `config.toml` in
//! Rapport's config folder (`$XDG_CONFIG_HOME/rapport/`, else the platform's config folder);
//! every key is optional and a missing default file means the defaults. Unknown keys are
//! refused rather than ignored, so a typo never silently does nothing; an error names the
//! file, the line and the key. See docs/config.md.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use serde::Deserialize;
use thiserror::Error;

use crate::domain::{
    CadenceKinds, ConversationKind, MAX_QUESTION_FILE_BYTES, QuestionBank, Thresholds,
    question_file_too_large,
};
use crate::keymap::Keys;

/// The name of the file inside the config folder.
pub(crate) const FILE_NAME: &str = "config.toml";

/// The leader's own questions, beside the settings file (see `domain::QuestionBank`).
pub(crate) const QUESTIONS_FILE_NAME: &str = "questions.toml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// A need (or an acknowledgement) is fresh while last met within this many cadences…
    pub fresh_cadences: u32,
    /// …fading up to this many, missing beyond.
    pub fading_cadences: u32,
    /// Whatever the cadence, a need is fresh for at least this many days and at most
    /// `fresh_days_max`…
    pub fresh_days_min: u32,
    pub fresh_days_max: u32,
    /// …and fading for at least `fading_days_min` days and at most `fading_days_max`.
    pub fading_days_min: u32,
    pub fading_days_max: u32,
    /// Which kinds of conversation count as the 1:1 a cadence asks for.
    pub(crate) cadence_kinds: CadenceKinds,
    /// Days past the 1:1 cadence during which the last 1:1 reads fading rather than missing.
    pub one_on_one_grace_days: u32,
    /// An exploring or active aspiration with no progress for this many days is stalled.
    pub stalled_aspiration_days: u32,
    /// How many months the trends look back.
    pub trend_months: u32,
    /// The first day of the week in the week view and the timeline's week groups.
    pub week_start: Weekday,
    /// Today nudges when no roving leader was acknowledged or asked for their view in this
    /// many weeks; 0 never nudges.
    pub roving_leader_weeks: u32,
    /// Prep suggests asking "How can I improve?" of someone who has told the leader nothing
    /// about their leading in this many weeks; 0 never suggests it.
    pub feedback_ask_weeks: u32,
    /// How often the interface syncs a journal that syncs, in minutes (besides on start and
    /// after each save); 0 syncs only then.
    pub(crate) sync_every_minutes: u32,
    /// The interface's colours.
    pub theme: ThemeName,
    /// Whether the interface takes the mouse (clicks on tabs and rows); off leaves the
    /// terminal's own selection and scrolling alone.
    pub mouse: bool,
    /// The leader's own keys for the interface's actions, over the defaults (`[keys]`).
    pub(crate) keys: Keys,
}

/// The interface's palettes (see `tui::theme`); `NO_COLOR` always means `mono`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Dark or light by the terminal's background (`COLORFGBG`, else the terminal asked).
    #[default]
    Auto,
    Dark,
    Light,
    HighContrast,
    Mono,
}

impl ThemeName {
    /// The palettes.
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::Mono,
    ];

    /// What a setting or `--theme` may name: a palette, or `auto` to pick dark or light.
    pub(crate) const CHOICES: [ThemeName; 5] = [
        ThemeName::Auto,
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::Mono,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ThemeName::Auto => "auto",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }
}

impl std::str::FromStr for ThemeName {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ThemeName::CHOICES
            .into_iter()
            .find(|name| name.key() == text.trim().to_lowercase())
            .ok_or_else(|| {
                format!(
                    "theme must be auto, dark, light, high-contrast or mono, not \"{}\"",
                    text.trim()
                )
            })
    }
}

impl Default for Config {
    fn default() -> Self {
        // The grading's defaults are the domain's, small positive numbers.
        let grading = Thresholds::default();
        Config {
            fresh_cadences: grading.fresh_cadences as u32,
            fading_cadences: grading.fading_cadences as u32,
            fresh_days_min: grading.fresh_days.0 as u32,
            fresh_days_max: grading.fresh_days.1 as u32,
            fading_days_min: grading.fading_days.0 as u32,
            fading_days_max: grading.fading_days.1 as u32,
            cadence_kinds: CadenceKinds::default(),
            one_on_one_grace_days: 2,
            stalled_aspiration_days: 60,
            trend_months: 12,
            week_start: Weekday::Mon,
            roving_leader_weeks: 4,
            feedback_ask_weeks: 6,
            sync_every_minutes: 5,
            // Not auto: asking the terminal at start-up could swallow keys typed ahead.
            theme: ThemeName::Dark,
            mouse: true,
            keys: Keys::default(),
        }
    }
}

#[derive(Debug, Error)]
pub(crate) enum Error {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the settings file {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("the settings file {0} named by --config or RAPPORT_CONFIG does not exist")]
    Missing(PathBuf),
    #[error(
        "the settings file {0} is not a regular file (a folder or a FIFO); make it a file or remove it"
    )]
    NotAFile(PathBuf),
    #[error("the settings file {0} is a link to nothing; fix the link or remove it")]
    DanglingLink(PathBuf),
    #[error("cannot read the question file {path}: {source}")]
    ReadQuestions {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the question file {path} is not valid: {message}")]
    InvalidQuestions { path: PathBuf, message: String },
}

/// The question bank in force and the leader's file it was read from, if there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Questions {
    pub bank: QuestionBank,
    pub file: Option<PathBuf>,
}

/// Where the leader's question file is: `questions.toml` in the folder of the settings file
/// in use (`chosen`, from `--config` or `RAPPORT_CONFIG`, else the config folder's).
pub(crate) fn questions_path(chosen: Option<&Path>) -> Option<PathBuf> {
    let settings = match chosen {
        Some(path) => path.to_path_buf(),
        None => default_path()?,
    };
    Some(
        settings
            .parent()
            .unwrap_or(Path::new("."))
            .join(QUESTIONS_FILE_NAME),
    )
}

/// The built-in questions with the leader's file laid over them when it exists; a file that
/// cannot be read or used is an error naming it (and the line), never skipped.
pub(crate) fn load_questions(chosen: Option<&Path>) -> Result<Questions, Error> {
    let Some(path) = questions_path(chosen) else {
        return Ok(Questions {
            bank: QuestionBank::built_in(),
            file: None,
        });
    };
    // Read no further than one byte past the limit: a file too large is named by the line
    // the limit falls on, without reading the rest of it.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&path).and_then(|file| {
        file.take(MAX_QUESTION_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
    });
    match read {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Questions {
                bank: QuestionBank::built_in(),
                file: None,
            });
        }
        Err(source) => return Err(Error::ReadQuestions { path, source }),
    }
    if bytes.len() > MAX_QUESTION_FILE_BYTES {
        let message = question_file_too_large(&bytes);
        return Err(Error::InvalidQuestions { path, message });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let message = format!("line {line}: the file is not UTF-8 text");
            return Err(Error::InvalidQuestions { path, message });
        }
    };
    match QuestionBank::with_file(&text) {
        Ok(bank) => Ok(Questions {
            bank,
            file: Some(path),
        }),
        Err(message) => Err(Error::InvalidQuestions { path, message }),
    }
}

/// The file as written: every key optional, nothing else allowed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    fresh_cadences: Option<u32>,
    fading_cadences: Option<u32>,
    fresh_days_min: Option<u32>,
    fresh_days_max: Option<u32>,
    fading_days_min: Option<u32>,
    fading_days_max: Option<u32>,
    cadence_kinds: Option<Vec<String>>,
    one_on_one_grace_days: Option<u32>,
    stalled_aspiration_days: Option<u32>,
    trend_months: Option<u32>,
    week_start: Option<String>,
    roving_leader_weeks: Option<u32>,
    feedback_ask_weeks: Option<u32>,
    sync_every_minutes: Option<u32>,
    theme: Option<String>,
    mouse: Option<bool>,
    keys: Option<toml::Table>,
}

/// Where the value of each setting came from, for `rapport config show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Default,
    /// The file, and the line the key is on.
    File(PathBuf, usize),
}

/// The settings in force and where each came from, in [`KEYS`] order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Effective {
    pub config: Config,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    pub sources: Vec<(&'static str, Source)>,
}

/// The keys of a settings file, in the order they are documented.
pub(crate) const KEYS: [&str; 16] = [
    "fresh_cadences",
    "fading_cadences",
    "fresh_days_min",
    "fresh_days_max",
    "fading_days_min",
    "fading_days_max",
    "cadence_kinds",
    "one_on_one_grace_days",
    "stalled_aspiration_days",
    "trend_months",
    "week_start",
    "roving_leader_weeks",
    "feedback_ask_weeks",
    "sync_every_minutes",
    "theme",
    "mouse",
];

impl Config {
    /// The settings from `chosen` (from `--config` or `RAPPORT_CONFIG`, which must exist),
    /// else from the config folder.
    pub(crate) fn load_chosen(chosen: Option<&Path>) -> Result<Config, Error> {
        Ok(Config::effective(chosen)?.config)
    }

    /// The settings in force, with the file they were read from and the source of each.
    pub(crate) fn effective(chosen: Option<&Path>) -> Result<Effective, Error> {
        let defaults = || Effective {
            config: Config::default(),
            file: None,
            sources: KEYS.iter().map(|key| (*key, Source::Default)).collect(),
        };
        let path = match chosen {
            Some(path) if std::fs::symlink_metadata(path).is_err() => {
                return Err(Error::Missing(path.to_path_buf()));
            }
            Some(path) => path.to_path_buf(),
            None => match default_path() {
                Some(path) => path,
                None => return Ok(defaults()),
            },
        };
        // A file that is there but cannot be the settings (a folder, a FIFO, a link to
        // nothing) is said, not silently skipped: the leader meant something by it.
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(defaults()),
            Err(source) => Err(Error::Read { path, source }),
            Ok(_) => match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => Config::read_file(&path),
                Ok(_) => Err(Error::NotAFile(path)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Err(Error::DanglingLink(path))
                }
                Err(source) => Err(Error::Read { path, source }),
            },
        }
    }

    fn read_file(path: &Path) -> Result<Effective, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let config = Config::parse(&text).map_err(|message| Error::Invalid {
            path: path.to_path_buf(),
            message,
        })?;
        let sources = KEYS
            .iter()
            .map(|key| {
                let source = match line_of_key(&text, key) {
                    Some(line) => Source::File(path.to_path_buf(), line),
                    None => Source::Default,
                };
                (*key, source)
            })
            .collect();
        Ok(Effective {
            config,
            file: Some(path.to_path_buf()),
            sources,
        })
    }

    /// Parses the text of a settings file; the error is the reason, with the line it is on,
    /// without the path.
    pub(crate) fn parse(text: &str) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(line) => format!("line {line}: {}", e.message()),
                None => e.message().to_string(),
            }
        })?;
        let at = |key: &str, message: String| match line_of_key(text, key) {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        };
        let defaults = Config::default();
        let config = Config {
            fresh_cadences: file.fresh_cadences.unwrap_or(defaults.fresh_cadences),
            fading_cadences: file.fading_cadences.unwrap_or(defaults.fading_cadences),
            fresh_days_min: file.fresh_days_min.unwrap_or(defaults.fresh_days_min),
            fresh_days_max: file.fresh_days_max.unwrap_or(defaults.fresh_days_max),
            fading_days_min: file.fading_days_min.unwrap_or(defaults.fading_days_min),
            fading_days_max: file.fading_days_max.unwrap_or(defaults.fading_days_max),
            cadence_kinds: match file.cadence_kinds {
                Some(words) => parse_cadence_kinds(&words).map_err(|m| at("cadence_kinds", m))?,
                None => defaults.cadence_kinds,
            },
            one_on_one_grace_days: file
                .one_on_one_grace_days
                .unwrap_or(defaults.one_on_one_grace_days),
            stalled_aspiration_days: file
                .stalled_aspiration_days
                .unwrap_or(defaults.stalled_aspiration_days),
            trend_months: file.trend_months.unwrap_or(defaults.trend_months),
            week_start: match file.week_start {
                Some(day) => parse_weekday(&day).map_err(|m| at("week_start", m))?,
                None => defaults.week_start,
            },
            roving_leader_weeks: file
                .roving_leader_weeks
                .unwrap_or(defaults.roving_leader_weeks),
            feedback_ask_weeks: file
                .feedback_ask_weeks
                .unwrap_or(defaults.feedback_ask_weeks),
            sync_every_minutes: file
                .sync_every_minutes
                .unwrap_or(defaults.sync_every_minutes),
            theme: match file.theme {
                Some(name) => name.parse().map_err(|m| at("theme", m))?,
                None => defaults.theme,
            },
            mouse: file.mouse.unwrap_or(defaults.mouse),
            keys: match file.keys {
                Some(table) => Keys::from_table(&table, |name| line_in_table(text, "keys", name))?,
                None => Keys::default(),
            },
        };
        if !(1..=52).contains(&config.fresh_cadences) {
            return Err(at(
                "fresh_cadences",
                "fresh_cadences must be from 1 to 52".into(),
            ));
        }
        if config.fading_cadences <= config.fresh_cadences || config.fading_cadences > 104 {
            return Err(at(
                "fading_cadences",
                "fading_cadences must be larger than fresh_cadences (and at most 104)".into(),
            ));
        }
        if !(1..=365).contains(&config.fresh_days_min)
            || config.fresh_days_max < config.fresh_days_min
            || config.fresh_days_max > 3650
        {
            return Err(at(
                "fresh_days_min",
                "fresh_days_min must be from 1 to 365, and fresh_days_max from it to 3650".into(),
            ));
        }
        if config.fading_days_min <= config.fresh_days_min
            || config.fading_days_max < config.fading_days_min
            || config.fading_days_max <= config.fresh_days_max
            || config.fading_days_max > 3650
        {
            return Err(at(
                "fading_days_min",
                "fading_days_min and fading_days_max must be larger than fresh_days_min and \
                 fresh_days_max, with fading_days_min at most fading_days_max (at most 3650)"
                    .into(),
            ));
        }
        if config.one_on_one_grace_days > 365 {
            return Err(at(
                "one_on_one_grace_days",
                "one_on_one_grace_days must be at most 365".into(),
            ));
        }
        if config.roving_leader_weeks > 52 {
            return Err(at(
                "roving_leader_weeks",
                "roving_leader_weeks must be from 0 (never nudge) to 52".into(),
            ));
        }
        if config.feedback_ask_weeks > 52 {
            return Err(at(
                "feedback_ask_weeks",
                "feedback_ask_weeks must be from 0 (never suggest it) to 52".into(),
            ));
        }
        if config.sync_every_minutes > 1440 {
            return Err(at(
                "sync_every_minutes",
                "sync_every_minutes must be from 0 (only on start and after saves) to 1440".into(),
            ));
        }
        if !(1..=3650).contains(&config.stalled_aspiration_days) {
            return Err(at(
                "stalled_aspiration_days",
                "stalled_aspiration_days must be from 1 to 3650".into(),
            ));
        }
        if !(1..=120).contains(&config.trend_months) {
            return Err(at(
                "trend_months",
                "trend_months must be from 1 to 120".into(),
            ));
        }
        Ok(config)
    }

    /// The value of `key` as a settings file writes it.
    pub(crate) fn value_of(&self, key: &str) -> String {
        match key {
            "fresh_cadences" => self.fresh_cadences.to_string(),
            "fading_cadences" => self.fading_cadences.to_string(),
            "fresh_days_min" => self.fresh_days_min.to_string(),
            "fresh_days_max" => self.fresh_days_max.to_string(),
            "fading_days_min" => self.fading_days_min.to_string(),
            "fading_days_max" => self.fading_days_max.to_string(),
            "cadence_kinds" => {
                let words: Vec<String> = self
                    .cadence_kinds
                    .kinds()
                    .iter()
                    .map(|kind| format!("\"{}\"", kind.key()))
                    .collect();
                format!("[{}]", words.join(", "))
            }
            "one_on_one_grace_days" => self.one_on_one_grace_days.to_string(),
            "stalled_aspiration_days" => self.stalled_aspiration_days.to_string(),
            "trend_months" => self.trend_months.to_string(),
            "roving_leader_weeks" => self.roving_leader_weeks.to_string(),
            "feedback_ask_weeks" => self.feedback_ask_weeks.to_string(),
            "sync_every_minutes" => self.sync_every_minutes.to_string(),
            "theme" => format!("\"{}\"", self.theme.key()),
            "mouse" => self.mouse.to_string(),
            _ => format!("\"{}\"", weekday_word(self.week_start)),
        }
    }

    /// The freshness grading these settings ask for.
    pub(crate) fn thresholds(&self) -> Thresholds {
        Thresholds {
            fresh_cadences: i64::from(self.fresh_cadences),
            fading_cadences: i64::from(self.fading_cadences),
            fresh_days: (
                i64::from(self.fresh_days_min),
                i64::from(self.fresh_days_max),
            ),
            fading_days: (
                i64::from(self.fading_days_min),
                i64::from(self.fading_days_max),
            ),
        }
    }
}

/// `$XDG_CONFIG_HOME/rapport/config.toml` when that variable names a folder, else the
/// platform's config folder for Rapport (which on Linux is the same place).
pub(crate) fn default_path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    match xdg {
        Some(dir) => Some(dir.join("rapport").join(FILE_NAME)),
        None => directories::ProjectDirs::from("", "", "rapport")
            .map(|dirs| dirs.config_dir().join(FILE_NAME)),
    }
}

/// The line (from 1) where `key` is set, if it is.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|index| index + 1)
}

/// The line (from 1) where `key` is set inside the `[table]` of the file, if it is.
fn line_in_table(text: &str, table: &str, key: &str) -> Option<usize> {
    let header = format!("[{table}]");
    let start = text.lines().position(|line| line.trim() == header)? + 1;
    let quoted = format!("\"{key}\"");
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, line)| !line.trim_start().starts_with('['))
        .find(|(_, line)| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .or_else(|| line.strip_prefix(quoted.as_str()))
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(index, _)| index + 1)
}

fn weekday_word(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A settings file to start from: every key at its default, each explained.
pub(crate) fn default_file() -> String {
    let defaults = Config::default();
    format!(
        "# Rapport's settings. Every key is optional; a missing key keeps its default.\n\
         # See docs/config.md.\n\
         \n\
         # A need is fresh while it was last met within this many of the person's 1:1\n\
         # cadences, fading up to fading_cadences, missing beyond.\n\
         fresh_cadences = {}          # 1 to 52\n\
         fading_cadences = {}         # more than fresh_cadences, at most 104\n\
         \n\
         # Whatever the cadence, fresh lasts at least fresh_days_min days and at most\n\
         # fresh_days_max, fading at least fading_days_min and at most fading_days_max: a\n\
         # daily 1:1 does not turn a need missing within days, a quarterly one not fresh for\n\
         # half a year.\n\
         fresh_days_min = {}\n\
         fresh_days_max = {}\n\
         fading_days_min = {}\n\
         fading_days_max = {}\n\
         \n\
         # The kinds of conversation that count as the 1:1 a cadence asks for (one-on-one,\n\
         # check-in, skip-level, informal). Others are recorded and shown, but someone is\n\
         # still due for a 1:1 after them.\n\
         cadence_kinds = {}\n\
         \n\
         # The last 1:1 is fresh until the cadence is up, fading on the due day and for this\n\
         # many days after, missing beyond.\n\
         one_on_one_grace_days = {}   # 0 to 365\n\
         \n\
         # An exploring or active aspiration with no progress for more than this many days\n\
         # is stalled.\n\
         stalled_aspiration_days = {}  # 1 to 3650\n\
         \n\
         # How many months the trends (rapport trends, T on People) look back.\n\
         trend_months = {}  # 1 to 120\n\
         \n\
         # The first day of the week for the week view and the timeline's week groups.\n\
         week_start = \"{}\"\n\
         \n\
         # Today nudges when no roving leader (someone others already follow) was\n\
         # acknowledged or asked for their view in this many weeks; 0 never nudges.\n\
         roving_leader_weeks = {}     # 0 to 52\n\
         \n\
         # Prep suggests asking \"How can I improve?\" of someone who has told you nothing\n\
         # about your leading in this many weeks; 0 never suggests it.\n\
         feedback_ask_weeks = {}      # 0 to 52\n\
         \n\
         # A journal that syncs (rapport sync init/join): the interface syncs on start,\n\
         # after each save, and every this many minutes; 0 only on start and after saves.\n\
         sync_every_minutes = {}      # 0 to 1440\n\
         \n\
         # The interface's colours: auto (dark or light by the terminal's background), dark,\n\
         # light, high-contrast or mono (NO_COLOR means mono).\n\
         theme = \"{}\"\n\
         \n\
         # Whether the interface takes the mouse; false leaves the terminal's own selection\n\
         # and scrolling alone (so does --no-mouse).\n\
         mouse = {}\n\
         \n\
         # Your own keys for the interface's actions, over the defaults (the actions and the\n\
         # key names are in docs/config.md); the ? help and the footers then show them.\n\
         # [keys]\n\
         # quit = \"Q\"\n\
         # search = \"ctrl-f\"\n",
        defaults.fresh_cadences,
        defaults.fading_cadences,
        defaults.fresh_days_min,
        defaults.fresh_days_max,
        defaults.fading_days_min,
        defaults.fading_days_max,
        defaults.value_of("cadence_kinds"),
        defaults.one_on_one_grace_days,
        defaults.stalled_aspiration_days,
        defaults.trend_months,
        weekday_word(defaults.week_start),
        defaults.roving_leader_weeks,
        defaults.feedback_ask_weeks,
        defaults.sync_every_minutes,
        defaults.theme.key(),
        defaults.mouse,
    )
}

fn parse_cadence_kinds(words: &[String]) -> Result<CadenceKinds, String> {
    let kinds = words
        .iter()
        .map(|word| word.parse::<ConversationKind>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cadence_kinds: {e}"))?;
    CadenceKinds::new(&kinds)
        .ok_or_else(|| "cadence_kinds must name at least one kind of conversation".to_string())
}

fn parse_weekday(text: &str) -> Result<Weekday, String> {
    text.trim().parse::<Weekday>().map_err(|_| {
        format!(
            "week_start must be a day of the week such as \"monday\" or \"sunday\", not \"{}\"",
            text.trim()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_means_defaults() {
        let config = Config::parse("").unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.fresh_cadences, 2);
        assert_eq!(config.fading_cadences, 4);
        assert_eq!(config.stalled_aspiration_days, 60);
        assert_eq!(config.week_start, Weekday::Mon);
    }

    #[test]
    fn keys_override_defaults() {
        let config = Config::parse(
            "fresh_cadences = 1\nfading_cadences = 3\nstalled_aspiration_days = 30\nweek_start = \"Sunday\"\n",
        )
        .unwrap();
        assert_eq!(config.fresh_cadences, 1);
        assert_eq!(config.fading_cadences, 3);
        assert_eq!(config.stalled_aspiration_days, 30);
        assert_eq!(config.week_start, Weekday::Sun);
        assert_eq!(config.one_on_one_grace_days, 2);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused_with_a_reason() {
        let err = Config::parse("fresh_cadence = 3\n").unwrap_err();
        assert!(err.contains("fresh_cadence"), "{err}");
        let err = Config::parse("week_start = \"someday\"\n").unwrap_err();
        assert!(err.contains("week_start"), "{err}");
        let err = Config::parse("fresh_cadences = 4\nfading_cadences = 4\n").unwrap_err();
        assert!(err.contains("fading_cadences"), "{err}");
        assert!(Config::parse("fresh_cadences = -1\n").is_err());
        assert!(Config::parse("stalled_aspiration_days = 0\n").is_err());
    }

    #[test]
    fn errors_name_the_line() {
        let err = Config::parse("week_start = \"mon\"\n\nfresh_cadences = 99\n").unwrap_err();
        assert!(err.starts_with("line 3: fresh_cadences"), "{err}");
        let err = Config::parse("# a comment\ncolour = \"red\"\n").unwrap_err();
        assert!(
            err.starts_with("line 2:") && err.contains("colour"),
            "{err}"
        );
    }

    #[test]
    fn a_keys_table_is_read_and_checked() {
        use crate::keymap::Keys;
        let config =
            Config::parse("mouse = true\n\n[keys]\nquit = \"Q\"\ndown = [\"J\", \"down\"]\n")
                .unwrap();
        assert_eq!(
            config.keys.written().collect::<Vec<_>>(),
            [
                ("down", "[\"J\", \"down\"]", Some(5)),
                ("quit", "\"Q\"", Some(4))
            ]
        );
        assert_ne!(config.keys, Keys::default());

        let err = Config::parse("[keys]\nquit = \"Q\"\nserach = \"ctrl-f\"\n").unwrap_err();
        assert_eq!(
            err,
            "line 3: [keys] names no action \"serach\" (the actions are listed in docs/config.md)"
        );
        let err = Config::parse("[keys]\n\nsearch = \"ctrl-\"\n").unwrap_err();
        assert!(
            err.starts_with("line 3: [keys] search: \"ctrl-\" is not a key"),
            "{err}"
        );
        let err = Config::parse("[keys]\nsearch = 3\n").unwrap_err();
        assert!(
            err.starts_with("line 2: [keys] search must be a key or a list of keys"),
            "{err}"
        );
        // Two actions on one key where both apply: refused, at the line of the one moved.
        let err = Config::parse("theme = \"dark\"\n[keys]\nsearch = \"q\"\n").unwrap_err();
        assert_eq!(
            err,
            "line 3: [keys] search takes q, which is already quit on Today; give one of them another key"
        );
        // Moving the other away too makes room.
        assert!(Config::parse("[keys]\nsearch = \"q\"\nquit = \"Q\"\n").is_ok());
        // The same key for two actions that never meet is no clash: Ctrl-S saves forms only.
        assert!(Config::parse("[keys]\nsave = \"ctrl-s\"\nsearch = \"ctrl-f\"\n").is_ok());
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        assert_eq!(Config::parse(&default_file()).unwrap(), Config::default());
    }

    #[test]
    fn a_file_on_disk_is_read_and_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "week_start = \"tue\"\n").unwrap();
        assert_eq!(
            Config::load_chosen(Some(&path)).unwrap().week_start,
            Weekday::Tue
        );
        std::fs::write(&path, "colour = \"red\"\n").unwrap();
        let err = Config::load_chosen(Some(&path)).unwrap_err().to_string();
        assert!(
            err.contains(&path.display().to_string()) && err.contains("colour"),
            "{err}"
        );
    }
}
