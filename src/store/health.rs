//! What `rapport check` reports: SQLite's integrity check, broken references, the schema
//! version and every exported table's row count.

use serde::Serialize;
use uuid::Uuid;

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
    /// In JSON an object keyed by table, in this order.
    #[serde(serialize_with = "counts_by_table")]
    pub counts: Vec<(String, i64)>,
    /// Records linked to a conversation with someone other than their own person: Rapport
    /// never makes one; an import by an older Rapport, or a hand edit, could.
    pub(crate) cross_person_links: Vec<CrossPersonLink>,
    /// Whether the journal is encrypted, and how.
    pub(crate) encryption: super::cipher::CipherReport,
}

/// A record that refers to another person's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CrossPersonLink {
    /// What the record is, as the import's sentences name it (`aspiration update`).
    pub record: String,
    pub id: i64,
    pub uuid: Uuid,
    /// How it refers to the conversation: `conversation`, `done_in` or `answered_in`.
    pub link: String,
    pub conversation: Uuid,
}

/// Each link from a record to a conversation, with the record's own person: the noun, the
/// table, the link's column, and the SQL for the record's person.
const LINKS: &[(&str, &str, &str, &str)] = &[
    (
        "need",
        "conversation_need",
        "conversation_id",
        "r.person_id",
    ),
    ("follow-up", "follow_up", "conversation_id", "r.person_id"),
    ("follow-up", "follow_up", "done_in", "r.person_id"),
    (
        "aspiration update",
        "aspiration_update",
        "conversation_id",
        "(SELECT person_id FROM aspiration WHERE id = r.aspiration_id)",
    ),
    (
        "acknowledgement",
        "acknowledgement",
        "conversation_id",
        "r.person_id",
    ),
    ("idea", "idea", "conversation_id", "r.person_id"),
    ("idea", "idea", "answered_in", "r.person_id"),
    (
        "talking point",
        "talking_point",
        "conversation_id",
        "r.person_id",
    ),
    ("feedback", "feedback", "conversation_id", "r.person_id"),
    (
        "asked question",
        "question_asked",
        "conversation_id",
        "r.person_id",
    ),
    (
        "note on what meets a need",
        "meets_need",
        "conversation_id",
        "r.person_id",
    ),
    ("delegation", "delegation", "conversation_id", "r.person_id"),
];

impl Store {
    pub fn check(&self) -> Result<Health> {
        // SQLite's checks tell nothing while they run: the line names each one in turn.
        let steps = [
            "checking every page",
            "checking references",
            "counting records",
            "checking links between people",
            "checking the encryption",
        ];
        let progress = &*self.progress;
        progress.stage(
            steps[0],
            Some(steps.len() as u64),
            super::progress::Unit::Steps,
        );
        let step = |n: usize| {
            if progress.stop_asked() {
                return Err(super::Error::Interrupted("check"));
            }
            progress.tell(steps[n]);
            progress.reach(n as u64);
            Ok(())
        };
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        step(1)?;
        let foreign_key_problems = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count();
        let schema_version = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        step(2)?;
        let counts = COUNTED_TABLES
            .iter()
            .map(|table| {
                let count =
                    self.conn
                        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                Ok((table.to_string(), count))
            })
            .collect::<Result<Vec<_>>>()?;
        step(3)?;
        let cross_person_links = self.cross_person_links()?;
        step(4)?;
        let encryption = self.cipher_report()?;
        Ok(Health {
            ok: integrity == ["ok"] && foreign_key_problems == 0 && cross_person_links.is_empty(),
            integrity,
            foreign_key_problems,
            schema_version,
            supported_version: SCHEMA_VERSION,
            counts,
            cross_person_links,
            encryption,
        })
    }

    /// Every record linked to a conversation that is not its own person's.
    fn cross_person_links(&self) -> Result<Vec<CrossPersonLink>> {
        let mut found = Vec::new();
        for (noun, table, column, person) in LINKS {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT r.id, r.uuid, c.uuid FROM {table} r JOIN conversation c ON c.id = r.{column}
                  WHERE c.person_id IS NOT {person} ORDER BY r.id"
            ))?;
            let rows = stmt.query_map([], |row| {
                Ok(CrossPersonLink {
                    record: noun.to_string(),
                    id: row.get(0)?,
                    uuid: super::rows::uuid(row, 1)?,
                    link: column.trim_end_matches("_id").to_string(),
                    conversation: super::rows::uuid(row, 2)?,
                })
            })?;
            for link in rows {
                found.push(link?);
            }
        }
        Ok(found)
    }
}

fn counts_by_table<S: serde::Serializer>(
    counts: &[(String, i64)],
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(counts.len()))?;
    for (table, count) in counts {
        map.serialize_entry(table, count)?;
    }
    map.end()
}
