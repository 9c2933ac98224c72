//! What `rapport check` reports: SQLite's integrity check, broken references, the schema
//! version and every exported table's row count.

use serde::Serialize;

use super::{Result, SCHEMA_VERSION, Store};

/// The tables `rapport check` counts, in the order it prints them: those the export
/// carries.
const COUNTED_TABLES: &[&str] = super::export_rows::TABLES;

/// The answer of `rapport check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    pub ok: bool,
    /// What SQLite's integrity check said: `["ok"]` or the problems it found.
    pub integrity: Vec<String>,
    pub foreign_key_problems: usize,
    pub schema_version: i64,
    pub supported_version: i64,
    pub counts: Vec<(String, i64)>,
    /// Whether the journal is encrypted, and how.
    pub(crate) encryption: super::cipher::CipherReport,
}

impl Store {
    pub fn check(&self) -> Result<Health> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let foreign_key_problems = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count();
        let schema_version = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let counts = COUNTED_TABLES
            .iter()
            .map(|table| {
                let count =
                    self.conn
                        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                Ok((table.to_string(), count))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Health {
            ok: integrity == ["ok"] && foreign_key_problems == 0,
            integrity,
            foreign_key_problems,
            schema_version,
            supported_version: SCHEMA_VERSION,
            counts,
            encryption: self.cipher_report()?,
        })
    }
}
