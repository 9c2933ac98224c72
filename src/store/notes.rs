//! Acknowledgements given and ideas heard: the small things a leader keeps so the loop closes.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::rows::{self, fmt_date, fmt_when};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::TextField;
use crate::domain::{Acknowledgement, Idea, IdeaStatus, clean_line, require};

pub(super) fn acknowledgement_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Acknowledgement> {
    Ok(Acknowledgement {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        person_uuid: rows::uuid(row, 6)?,
        given_at: rows::when(row, 4)?,
        text: row.get(5)?,
    })
}

pub(super) fn idea_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Idea> {
    Ok(Idea {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        person_uuid: rows::uuid(row, 9)?,
        heard_on: rows::date(row, 4)?,
        text: row.get(5)?,
        status: rows::word(row, 6)?,
        answer: row.get(7)?,
        answered_on: rows::opt_date(row, 8)?,
    })
}

pub(super) const IDEA_COLUMNS: &str = "i.id, i.uuid, i.person_id, p.name, i.heard_on, i.text, i.status, i.answer, i.answered_on, p.uuid";

/// What a conversation carries besides its own fields (see [`Store::kept_with`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KeptWith {
    pub follow_ups: Vec<String>,
    pub acknowledgements: Vec<String>,
    pub ideas: Vec<String>,
}

impl Store {
    pub fn add_acknowledgement(
        &mut self,
        person_id: i64,
        given_at: NaiveDateTime,
        text: &str,
    ) -> Result<Acknowledgement> {
        let text = require(text, TextField::Acknowledgement)?;
        self.has_happened(given_at)?;
        self.person(person_id)?;
        let stamp = self.stamp();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO acknowledgement (uuid, person_id, given_at, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_uuid(), person_id, fmt_when(given_at), text, stamp],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(self.conn.query_row(
            "SELECT a.id, a.uuid, a.person_id, p.name, a.given_at, a.text, p.uuid
                 FROM acknowledgement a JOIN person p ON p.id = a.person_id WHERE a.id = ?1",
            [id],
            acknowledgement_from,
        )?)
    }

    pub fn acknowledgement(&self, id: i64) -> Result<Acknowledgement> {
        which::one(
            &self.conn,
            ("acknowledgement", "acknowledgement"),
            "SELECT a.id, a.uuid, a.person_id, p.name, a.given_at, a.text, p.uuid
                 FROM acknowledgement a JOIN person p ON p.id = a.person_id WHERE a.id = ?1",
            id,
            acknowledgement_from,
        )
    }

    /// The texts of the follow-ups, acknowledgements and ideas noted in a conversation, which
    /// editing it keeps: shown in the form so they do not look lost.
    pub(crate) fn kept_with(&self, conversation_id: i64) -> Result<KeptWith> {
        let texts = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let found = stmt
                .query_map([conversation_id], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(found)
        };
        Ok(KeptWith {
            follow_ups: texts("SELECT text FROM follow_up WHERE conversation_id = ?1 ORDER BY id")?,
            acknowledgements: texts(
                "SELECT text FROM acknowledgement WHERE conversation_id = ?1 ORDER BY id",
            )?,
            ideas: texts("SELECT text FROM idea WHERE conversation_id = ?1 ORDER BY id")?,
        })
    }

    /// A person's acknowledgements, newest first.
    pub(crate) fn acknowledgements(
        &self,
        person_id: i64,
        limit: usize,
    ) -> Result<Vec<Acknowledgement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.uuid, a.person_id, p.name, a.given_at, a.text, p.uuid
             FROM acknowledgement a JOIN person p ON p.id = a.person_id
             WHERE a.person_id = ?1 ORDER BY a.given_at DESC, a.id DESC LIMIT ?2",
        )?;
        let found = stmt
            .query_map(params![person_id, limit as i64], acknowledgement_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Records an idea the person brought; with an answer it is answered today.
    pub fn add_idea(
        &mut self,
        person_id: i64,
        text: &str,
        status: IdeaStatus,
        answer: &str,
    ) -> Result<Idea> {
        let text = require(text, TextField::Idea)?;
        let answer = clean_line(answer, TextField::Answer)?;
        self.person(person_id)?;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let answered = (!answer.is_empty() || status != IdeaStatus::Heard).then(|| today.clone());
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO idea (uuid, person_id, heard_on, text, status, answer, answered_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![new_uuid(), person_id, today, text, status.key(), answer, answered, stamp],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.idea(id)
    }

    /// Closes the loop on an idea: its new status and the answer given.
    pub fn answer_idea(
        &mut self,
        which: impl Into<Which>,
        status: IdeaStatus,
        answer: &str,
    ) -> Result<Idea> {
        let which = which.into();
        let id = which.id;
        let answer = crate::domain::require(answer, TextField::Answer)?;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE idea SET status = ?2, answer = ?3, answered_on = max(?4, heard_on), updated_at = ?5 WHERE {}",
                which::matching("idea", 1, 6)
            ),
            params![id, status.key(), answer, today, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "idea", "idea", which));
        }
        tx.commit()?;
        // The answer it replaces must not linger in WAL frames.
        self.forget_old_text();
        self.idea(id)
    }

    pub(crate) fn idea(&self, id: i64) -> Result<Idea> {
        which::one(
            &self.conn,
            ("idea", "idea"),
            &format!(
                "SELECT {IDEA_COLUMNS} FROM idea i JOIN person p ON p.id = i.person_id WHERE i.id = ?1"
            ),
            id,
            idea_from,
        )
    }

    /// Ideas of one person (or everyone), newest first.
    pub fn ideas(&self, person_id: Option<i64>) -> Result<Vec<Idea>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {IDEA_COLUMNS} FROM idea i JOIN person p ON p.id = i.person_id
             WHERE ?1 IS NULL OR i.person_id = ?1 ORDER BY i.heard_on DESC, i.id DESC"
        ))?;
        let found = stmt
            .query_map([person_id], idea_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }
}
