//! A command's settings context: the journal it works on and the leader's settings, read
//! once before the command runs and handed to it (and to the terminal interface). The
//! journal opens only through it, with those settings, so no command can forget them.

use std::path::{Path, PathBuf};

use super::{Failure, settings_flags, unlock};
use crate::config::Config;
use crate::store::{self, Key, Store};

pub(crate) struct Journal {
    path: PathBuf,
    config: Config,
}

impl Journal {
    /// The journal at `path` with the leader's settings. A settings file (or question file)
    /// that cannot be used stops the command here, the same way for every command, before
    /// the journal is looked at.
    pub(super) fn with_settings(path: PathBuf) -> Result<Journal, Failure> {
        let chosen = settings_flags().file.as_deref();
        let mut config = Config::load_chosen(chosen)?;
        // The leader's questions go with their settings: every view that offers a question
        // (prep, Gaps, Today) asks the bank installed here.
        crate::domain::install(crate::config::load_questions(chosen)?.bank);
        let flags = settings_flags();
        if let Some(theme) = flags.theme {
            config.theme = theme;
        }
        if flags.no_mouse {
            config.mouse = false;
        }
        Ok(Journal { path, config })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Opens the journal with the settings, its passphrase found the way the command line
    /// finds it (a file, or asked at the terminal).
    pub(crate) fn open(&self) -> Result<Store, Failure> {
        let store = self.open_keyed(unlock::key_for(&self.path)?)?;
        #[cfg(feature = "fault-injection")]
        if store::fault::armed("slow-open") {
            std::thread::sleep(std::time::Duration::from_secs(2));
        }
        Ok(store)
    }

    /// Opens the journal with `key` and the settings.
    pub(crate) fn open_keyed(&self, key: Key) -> store::Result<Store> {
        Store::open_keyed(&self.path, key, self.config.cadence_kinds)
    }
}
