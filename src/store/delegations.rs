//! Trust handed over: what the leader delegated to someone, and whether it stuck.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::rows::{self, Stamp, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::{Delegation, Outcome, TextField, require};

const DELEGATION_COLUMNS: &str = "d.id, d.uuid, d.person_id, p.name, d.text, d.handed_on, d.outcome, d.checked_on, d.conversation_id, p.uuid";

fn delegation_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Delegation> {
    Ok(Delegation {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        text: row.get(4)?,
        handed_on: rows::date(row, 5)?,
        outcome: rows::opt_word(row, 6)?,
        checked_on: rows::opt_date(row, 7)?,
        conversation_id: row.get(8)?,
        person_uuid: rows::uuid(row, 9)?,
    })
}

/// What the week's handing over counts, as read from the journal: see
/// `insights::handover::Handover`, which it becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HandoverRows {
    pub handed_over: u32,
    pub stuck: u32,
    pub came_back: u32,
    pub open_mine: u32,
    pub open_theirs: u32,
}

/// Notes that the leader handed `text` over to a person on a day, linked to the conversation
/// it was handed over in, if any.
pub(super) fn insert_delegation(
    tx: &Transaction<'_>,
    (person_id, conversation_id, handed_on): (i64, Option<i64>, NaiveDate),
    text: &str,
    stamp: &Stamp,
) -> Result<i64> {
    let text = require(text, TextField::Delegation)?;
    tx.execute(
        "INSERT INTO delegation (uuid, person_id, text, handed_on, conversation_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![new_uuid(), person_id, text, fmt_date(handed_on), conversation_id, stamp],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Notes that the leader handed `text` over to the person today.
    pub fn delegate(&mut self, person_id: i64, text: &str) -> Result<Delegation> {
        self.person(person_id)?;
        let stamp = self.stamp();
        let today = self.today();
        let tx = self.write()?;
        let id = insert_delegation(&tx, (person_id, None, today), text, &stamp)?;
        tx.commit()?;
        self.delegation(id)
    }

    pub(crate) fn delegation(&self, id: i64) -> Result<Delegation> {
        which::one(
            &self.conn,
            ("delegation", "delegation"),
            &format!(
                "SELECT {DELEGATION_COLUMNS} FROM delegation d JOIN person p ON p.id = d.person_id
                 WHERE d.id = ?1"
            ),
            id,
            delegation_from,
        )
    }

    /// Not checked yet first, oldest handed over first; then checked ones, newest check
    /// first. One person's, or every active person's.
    pub(crate) fn delegations(
        &self,
        person_id: Option<i64>,
        open_only: bool,
    ) -> Result<Vec<Delegation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DELEGATION_COLUMNS} FROM delegation d JOIN person p ON p.id = d.person_id
             WHERE ((?1 IS NULL AND p.archived = 0) OR d.person_id = ?1)
               AND (NOT ?2 OR d.outcome IS NULL)
             ORDER BY d.outcome IS NOT NULL, d.checked_on DESC, d.handed_on, d.id"
        ))?;
        let found = stmt
            .query_map(params![person_id, open_only], delegation_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Records today how a delegation turned out: it stuck, or it came back to the leader.
    /// Checking again replaces the earlier outcome.
    pub fn check_delegation(
        &mut self,
        which: impl Into<Which>,
        outcome: Outcome,
    ) -> Result<Delegation> {
        let which = which.into();
        let id = which.id;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE delegation SET outcome = ?2, checked_on = max(?3, handed_on), updated_at = ?4
                  WHERE {}",
                which::matching("delegation", 1, 5)
            ),
            params![id, outcome.key(), today, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "delegation", "delegation", which));
        }
        tx.commit()?;
        self.delegation(id)
    }

    /// The handing over of the days `start`..=`end`: delegations made, and checks that
    /// found them stuck or come back; and the follow-ups open at the end of the last day,
    /// the leader's own and the team's.
    pub(crate) fn handover_rows(&self, start: NaiveDate, end: NaiveDate) -> Result<HandoverRows> {
        let (from, until) = (fmt_date(start), fmt_date(end));
        // Open at the end of `end`: the follow-ups still open, plus those done after it. Of
        // the ones done after it, a recent end has few (read by the day they were done) and
        // an old one has few made before it (read by the day they were made): the index of
        // the shorter stretch is walked, never the whole history of follow-ups.
        let first_made: Option<String> = self
            .conn
            .prepare_cached("SELECT min(made_on) FROM follow_up")?
            .query_row([], |row| row.get(0))?;
        let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days();
        let recent = first_made
            .and_then(|day| NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok())
            .is_none_or(|first| days(end, self.today()) < days(first, end));
        let done_after = if recent {
            "follow_up_by_done"
        } else {
            "follow_up_by_made"
        };
        let open_at_end = |owner: &str| {
            format!(
                "(SELECT count(*) FROM follow_up f INDEXED BY follow_up_open_by_due
                   JOIN person p ON p.id = f.person_id
                  WHERE f.done_on IS NULL AND p.archived = 0 AND f.owner = '{owner}'
                    AND f.made_on <= ?2)
                 + (SELECT count(*) FROM follow_up f INDEXED BY {done_after}
                   JOIN person p ON p.id = f.person_id
                  WHERE f.done_on > ?2 AND p.archived = 0 AND f.owner = '{owner}'
                    AND f.made_on <= ?2)"
            )
        };
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT (SELECT count(*) FROM delegation WHERE handed_on BETWEEN ?1 AND ?2),
                    (SELECT count(*) FROM delegation
                      WHERE outcome = 'stuck' AND checked_on BETWEEN ?1 AND ?2),
                    (SELECT count(*) FROM delegation
                      WHERE outcome = 'came-back' AND checked_on BETWEEN ?1 AND ?2),
                    {mine}, {theirs}",
                mine = open_at_end("me"),
                theirs = open_at_end("them"),
            ))?
            .query_row(params![from, until], |row| {
                Ok(HandoverRows {
                    handed_over: row.get(0)?,
                    stuck: row.get(1)?,
                    came_back: row.get(2)?,
                    open_mine: row.get(3)?,
                    open_theirs: row.get(4)?,
                })
            })?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::super::test_journal::with_priya;
    use crate::domain::{NewFollowUp, Owner};

    /// The follow-ups open at the end of a week are counted the same whichever index the
    /// count walks: a week near the start of the journal (by the day follow-ups were made)
    /// and a recent one (by the day they were done), against the rule itself.
    #[test]
    fn open_at_week_end_counts_the_same_by_either_index() {
        let (_dir, mut store, priya) = with_priya();
        let today = store.today();
        let ago = |days: i64| today - Duration::days(days);
        // (owner, made, done): ten years of follow-ups, some still open.
        let follow_ups = [
            (Owner::Me, ago(3650), Some(ago(3640))),
            (Owner::Me, ago(3645), Some(ago(10))),
            (Owner::Them, ago(3644), None),
            (Owner::Me, ago(3600), Some(ago(3000))),
            (Owner::Them, ago(2000), Some(ago(3))),
            (Owner::Me, ago(400), None),
            (Owner::Them, ago(30), Some(ago(20))),
            (Owner::Me, ago(12), Some(ago(1))),
            (Owner::Them, ago(5), None),
        ];
        for (owner, made, done) in follow_ups {
            let added = store
                .add_follow_up(
                    priya,
                    &NewFollowUp {
                        owner,
                        text: "a follow-up".into(),
                        due_on: None,
                    },
                )
                .expect("added");
            store
                .conn
                .execute(
                    "UPDATE follow_up SET made_on = ?1, done_on = ?2 WHERE id = ?3",
                    rusqlite::params![made.to_string(), done.map(|d| d.to_string()), added.id],
                )
                .expect("dated");
        }
        let open_at = |end: NaiveDate, wanted: Owner| {
            follow_ups
                .iter()
                .filter(|(owner, made, done)| {
                    *owner == wanted && *made <= end && done.is_none_or(|d| d > end)
                })
                .count() as u32
        };
        // Weeks ending 9 years back (old), a year back, and now (recent).
        for end in [ago(3290), ago(3643), ago(365), ago(8), ago(2)] {
            let rows = store
                .handover_rows(end - Duration::days(6), end)
                .expect("read");
            assert_eq!(
                (rows.open_mine, rows.open_theirs),
                (open_at(end, Owner::Me), open_at(end, Owner::Them)),
                "open at the end of {end}"
            );
        }
    }
}
