//! The leader's settings: thresholds of the insight views and the first day of the week.
//!
//! Read from `config.toml` in Rapport's config folder (`$XDG_CONFIG_HOME/rapport/`, else the
//! platform's config folder); every key is optional and a missing file means the defaults.
//! Unknown keys are refused rather than ignored, so a typo never silently does nothing.
//! See docs/config.md.

use std::path::{Path, PathBuf};

use chrono::Weekday;
use serde::Deserialize;
use thiserror::Error;

use crate::insights::freshness::{FADING_CADENCES, FRESH_CADENCES, Thresholds};

/// The name of the file inside the config folder.
pub const FILE_NAME: &str = "config.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// A need (or an acknowledgement) is fresh while last met within this many cadences…
    pub fresh_cadences: u32,
    /// …fading up to this many, missing beyond.
    pub fading_cadences: u32,
    /// Days past the 1:1 cadence during which the last 1:1 reads fading rather than missing.
    pub one_on_one_grace_days: u32,
    /// An exploring or active aspiration with no progress for this many days is stalled.
    pub stalled_aspiration_days: u32,
    /// The first day of the week in the week view and the timeline's week groups.
    pub week_start: Weekday,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            fresh_cadences: FRESH_CADENCES as u32,
            fading_cadences: FADING_CADENCES as u32,
            one_on_one_grace_days: 2,
            stalled_aspiration_days: 60,
            week_start: Weekday::Mon,
        }
    }
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the settings file {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error(
        "the settings file {0} is not a regular file (a folder or a FIFO); make it a file or remove it"
    )]
    NotAFile(PathBuf),
    #[error("the settings file {0} is a link to nothing; fix the link or remove it")]
    DanglingLink(PathBuf),
}

/// The file as written: every key optional, nothing else allowed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    fresh_cadences: Option<u32>,
    fading_cadences: Option<u32>,
    one_on_one_grace_days: Option<u32>,
    stalled_aspiration_days: Option<u32>,
    week_start: Option<String>,
}

impl Config {
    /// The settings from the config folder, or the defaults when there is no file.
    pub fn load() -> Result<Config, Error> {
        match default_path() {
            // A file that is there but cannot be the settings (a folder, a FIFO, a link to
            // nothing) is said, not silently skipped: the leader meant something by it.
            Some(path) => match std::fs::symlink_metadata(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
                Err(source) => Err(Error::Read { path, source }),
                Ok(_) => match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => Config::load_from(&path),
                    Ok(_) => Err(Error::NotAFile(path)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        Err(Error::DanglingLink(path))
                    }
                    Err(source) => Err(Error::Read { path, source }),
                },
            },
            None => Ok(Config::default()),
        }
    }

    pub fn load_from(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text).map_err(|message| Error::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses the text of a settings file; the error is the reason, without the path.
    pub fn parse(text: &str) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let defaults = Config::default();
        let config = Config {
            fresh_cadences: file.fresh_cadences.unwrap_or(defaults.fresh_cadences),
            fading_cadences: file.fading_cadences.unwrap_or(defaults.fading_cadences),
            one_on_one_grace_days: file
                .one_on_one_grace_days
                .unwrap_or(defaults.one_on_one_grace_days),
            stalled_aspiration_days: file
                .stalled_aspiration_days
                .unwrap_or(defaults.stalled_aspiration_days),
            week_start: match file.week_start {
                Some(day) => parse_weekday(&day)?,
                None => defaults.week_start,
            },
        };
        if !(1..=52).contains(&config.fresh_cadences) {
            return Err("fresh_cadences must be from 1 to 52".into());
        }
        if config.fading_cadences <= config.fresh_cadences || config.fading_cadences > 104 {
            return Err(
                "fading_cadences must be larger than fresh_cadences (and at most 104)".into(),
            );
        }
        if config.one_on_one_grace_days > 365 {
            return Err("one_on_one_grace_days must be at most 365".into());
        }
        if !(1..=3650).contains(&config.stalled_aspiration_days) {
            return Err("stalled_aspiration_days must be from 1 to 3650".into());
        }
        Ok(config)
    }

    /// The freshness grading these settings ask for.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            fresh_cadences: i64::from(self.fresh_cadences),
            fading_cadences: i64::from(self.fading_cadences),
        }
    }
}

/// `$XDG_CONFIG_HOME/rapport/config.toml` when that variable names a folder, else the
/// platform's config folder for Rapport (which on Linux is the same place).
pub fn default_path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    match xdg {
        Some(dir) => Some(dir.join("rapport").join(FILE_NAME)),
        None => directories::ProjectDirs::from("", "", "rapport")
            .map(|dirs| dirs.config_dir().join(FILE_NAME)),
    }
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
    fn a_file_on_disk_is_read_and_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "week_start = \"tue\"\n").unwrap();
        assert_eq!(Config::load_from(&path).unwrap().week_start, Weekday::Tue);
        std::fs::write(&path, "colour = \"red\"\n").unwrap();
        let err = Config::load_from(&path).unwrap_err().to_string();
        assert!(
            err.contains(&path.display().to_string()) && err.contains("colour"),
            "{err}"
        );
    }
}
