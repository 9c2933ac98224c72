//! `rapport check`: the journal's integrity, foreign keys, schema version, encryption and
//! row counts, as text or JSON.

use std::io::Write;
use std::path::Path;

use super::output::json;
use super::{Failure, Outcome, open};
use crate::store::backup;

pub(crate) fn run(journal: &Path, as_json: bool, out: &mut dyn Write) -> Outcome {
    let store = open(journal)?;
    let health = store.check()?;
    let key = store.key();
    let backups = backup::list(journal, Some(&key))?;
    if as_json {
        /// The journal's health, and each backup's state beside it.
        #[derive(serde::Serialize)]
        struct Checked<'a, Health: serde::Serialize> {
            #[serde(flatten)]
            health: &'a Health,
            backups: &'a [backup::ListedBackup],
        }
        json(
            out,
            &Checked {
                health: &health,
                backups: &backups,
            },
        )?;
    } else {
        writeln!(out, "Journal     {}", journal.display())?;
        writeln!(
            out,
            "Schema      version {} (this Rapport knows up to {})",
            health.schema_version, health.supported_version
        )?;
        writeln!(out, "Integrity   {}", health.integrity.join("; "))?;
        let cipher = &health.encryption;
        match &cipher.settings {
            Some(settings) => writeln!(
                out,
                "Encryption  SQLCipher {}: {}, key from the passphrase by {} ({} iterations), pages of {} bytes checked by {}",
                cipher.cipher_version,
                settings.cipher,
                settings.kdf_algorithm,
                settings.kdf_iterations,
                settings.page_size,
                settings.hmac_algorithm
            )?,
            None => writeln!(
                out,
                "Encryption  none: a plain SQLite file (`rapport encrypt` encrypts it; SQLCipher {})",
                cipher.cipher_version
            )?,
        }
        if health.foreign_key_problems > 0 {
            writeln!(
                out,
                "Links       {} broken references",
                health.foreign_key_problems
            )?;
        }
        for (table, count) in &health.counts {
            writeln!(out, "  {:<18} {count:>9}", table.replace('_', " "))?;
        }
        for item in &backups {
            let name = item.path.file_name().unwrap_or_default().to_string_lossy();
            writeln!(
                out,
                "Backup      {}  {}",
                super::output::line(&name),
                super::backup::state(item, Some(&key))
            )?;
        }
    }
    if health.ok {
        Ok(())
    } else {
        Err(Failure::Runtime(format!(
            "the journal {} failed its integrity check; restore a backup",
            journal.display()
        )))
    }
}
