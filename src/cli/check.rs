//! `rapport check`: the journal's integrity, foreign keys, schema version, encryption and
//! row counts, as text or JSON.

use std::io::Write;

use super::output::json;
use super::{Failure, Journal, Outcome};
use crate::store::backup;

/// Records linked across people that the text lists one by one; `--json` lists all.
const SHOWN_LINKS: usize = 20;

pub(crate) fn run(journal: &Journal, as_json: bool, out: &mut dyn Write) -> Outcome {
    let mut store = journal.open()?;
    let watch = super::progress::watch(&mut store, as_json);
    let health = super::progress::cleared(watch.as_deref(), store.check())?;
    let key = store.key();
    let backups = backup::list(journal.path(), Some(&key))?;
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
        writeln!(out, "Journal     {}", journal.path().display())?;
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
        for link in health.cross_person_links.iter().take(SHOWN_LINKS) {
            writeln!(
                out,
                "Links       {} {} refers ({}) to conversation {}, which is someone else's",
                link.record, link.uuid, link.link, link.conversation
            )?;
        }
        if health.cross_person_links.len() > SHOWN_LINKS {
            writeln!(
                out,
                "Links       and {} more records linked to someone else's conversation (--json lists them all)",
                health.cross_person_links.len() - SHOWN_LINKS
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
    } else if health.integrity == ["ok"] && health.foreign_key_problems == 0 {
        // The file is sound; only links between people are wrong, which a restore of an
        // older backup may not mend and a fresh import would refuse.
        Err(Failure::Runtime(format!(
            "the journal {} has {} records linked to someone else's conversation (listed above)",
            journal.path().display(),
            health.cross_person_links.len()
        )))
    } else {
        Err(Failure::Runtime(format!(
            "the journal {} failed its integrity check; restore a backup",
            journal.path().display()
        )))
    }
}
