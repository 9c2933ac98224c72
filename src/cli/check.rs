//! `rapport check`: the journal's integrity, foreign keys, schema version, encryption and
//! row counts, as text or JSON.

use std::io::Write;
use std::path::Path;

use super::output::json;
use super::{Failure, Outcome, open};

pub(crate) fn run(journal: &Path, as_json: bool, out: &mut dyn Write) -> Outcome {
    let store = open(journal)?;
    let health = store.check()?;
    if as_json {
        json(out, &health)?;
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
