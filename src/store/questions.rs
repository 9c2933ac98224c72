//! Which questions of the bank were asked of whom, and when: written with the conversation
//! they were asked in, read back by prep and Gaps to prefer questions not asked yet.

use chrono::NaiveDateTime;
use rusqlite::{Transaction, params};
use serde::Serialize;

use super::rows::{self, fmt_when};
use super::{Result, Stamp, Store, new_uuid};
use crate::domain::{TextField, Topic, require};

/// A question put to someone in a conversation: its topic (a need or a guide) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AskedQuestion {
    pub topic: Topic,
    pub text: String,
}

/// A question asked of one person, with the last time it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LastAsked {
    pub question: String,
    pub last_asked: NaiveDateTime,
    pub times: u32,
}

/// The asked questions cleaned before a transaction begins, so a refusal writes nothing.
pub(super) fn cleaned(asked: &[AskedQuestion]) -> Result<Vec<AskedQuestion>> {
    asked
        .iter()
        .map(|q| {
            Ok(AskedQuestion {
                topic: q.topic,
                text: require(&q.text, TextField::Question)?,
            })
        })
        .collect()
}

/// Records `asked` as put to `person_id` in the conversation `conversation_id` at `at`,
/// inside the conversation's own transaction. Asking the same question twice in one
/// conversation records it once.
pub(super) fn record_asked(
    tx: &Transaction<'_>,
    person_id: i64,
    conversation_id: i64,
    at: NaiveDateTime,
    asked: &[AskedQuestion],
    stamp: &Stamp,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO question_asked (uuid, person_id, conversation_id, topic, question, asked_at,
                                     created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (conversation_id, question) WHERE conversation_id IS NOT NULL DO NOTHING",
    )?;
    for question in asked {
        insert.execute(params![
            new_uuid(),
            person_id,
            conversation_id,
            question.topic.key(),
            question.text,
            fmt_when(at),
            stamp
        ])?;
    }
    // A conversation moved to another person or time takes its questions along.
    tx.execute(
        "UPDATE question_asked SET person_id = ?2, asked_at = ?3
          WHERE conversation_id = ?1 AND (person_id <> ?2 OR asked_at <> ?3)",
        params![conversation_id, person_id, fmt_when(at)],
    )?;
    Ok(())
}

impl Store {
    /// Every question asked of `person_id`, each once with the last time it was, the
    /// longest ago first.
    pub(crate) fn questions_asked(&self, person_id: i64) -> Result<Vec<LastAsked>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT question, max(asked_at), count(*) FROM question_asked
              WHERE person_id = ?1 GROUP BY question ORDER BY max(asked_at), question",
        )?;
        let found = stmt
            .query_map([person_id], |row| {
                Ok(LastAsked {
                    question: row.get(0)?,
                    last_asked: rows::when(row, 1)?,
                    times: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }
}

impl Store {
    /// The last day any active roving leader was noticed: acknowledged, asked a question of
    /// the roving-leader or neck-up guide, or heard with an idea of theirs. `None` when no
    /// roving leader ever was.
    pub(crate) fn roving_leaders_last_noticed(&self) -> Result<Option<chrono::NaiveDate>> {
        // Per roving leader (a few people), three probes of per-person indexes: never a pass
        // over every acknowledgement or idea of the journal.
        let day: Option<String> = self.conn.query_row(
            "SELECT max(day) FROM (
                 SELECT (SELECT substr(max(a.given_at), 1, 10) FROM acknowledgement a
                          WHERE a.person_id = p.id) AS day
                   FROM person p WHERE p.roving_leader AND NOT p.archived
                 UNION ALL
                 SELECT (SELECT substr(max(q.asked_at), 1, 10) FROM question_asked q
                          WHERE q.person_id = p.id AND q.topic IN ('roving-leaders', 'neck-up'))
                   FROM person p WHERE p.roving_leader AND NOT p.archived
                 UNION ALL
                 SELECT (SELECT max(i.heard_on) FROM idea i WHERE i.person_id = p.id)
                   FROM person p WHERE p.roving_leader AND NOT p.archived)",
            [],
            |row| row.get(0),
        )?;
        day.map(|d| {
            chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| {
                super::Error::Corrupt(self.path.clone(), format!("a day reads {d:?}: {e}"))
            })
        })
        .transpose()
    }
}
