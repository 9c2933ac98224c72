//! Two devices that each made a record the journal allows once: two active people of one
//! name, two reflections of one week, one need, tag or asked question twice in one
//! conversation. Every device settles it the same way, whichever record it had first, so
//! the journals stay the same: the record with the smaller UUID keeps its place. A second
//! person keeps theirs under a name made free ("Ana Lima (2)"); any other second record is
//! folded into the first, each text of it that differs kept as the other version of a
//! conflict.

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Transaction, params};

use super::super::Result;
use super::super::export_columns::{Check, Column, Table};

/// Which existing row a new one clashes with, per table: a condition on the journal's row
/// with the new row's values as `:column` parameters.
const RULES: &[(&str, &str)] = &[
    (
        "person",
        "name = :name COLLATE NOCASE AND archived = 0 AND :archived = 0",
    ),
    ("reflection", "week = :week"),
    (
        "conversation_need",
        "conversation_id = :conversation_id AND need = :need",
    ),
    (
        "conversation_tag",
        "conversation_id = :conversation_id AND tag = :tag",
    ),
    (
        "question_asked",
        "conversation_id = :conversation_id AND question = :question",
    ),
];

/// How a clash was settled.
pub(super) enum Settled {
    /// Insert the new record (with the values as changed here).
    Insert,
    /// The new record was folded into the one the journal has.
    Folded,
    /// No clash this module knows: the record waits.
    Unknown,
}

/// The existing record the new one (`columns` = `values`, local ids) clashes with.
fn clashing(
    tx: &Transaction<'_>,
    table: &Table,
    columns: &[String],
    values: &[SqlValue],
) -> Result<Option<Vec<u8>>> {
    let Some((_, rule)) = RULES.iter().find(|(name, _)| *name == table.name) else {
        return Ok(None);
    };
    let mut stmt = tx.prepare(&format!(
        "SELECT uuid FROM {} WHERE {rule} ORDER BY uuid LIMIT 1",
        table.name
    ))?;
    for (column, value) in columns.iter().zip(values) {
        if let Some(at) = stmt.parameter_index(&format!(":{column}"))? {
            stmt.raw_bind_parameter(at, value)?;
        }
    }
    let mut rows = stmt.raw_query();
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}

/// Settles a clash of the new record `record` (about to be inserted with `values`) with
/// one the journal has. `made` is the new record's clock, for its folded texts.
pub(super) fn settle(
    tx: &Transaction<'_>,
    table: &'static Table,
    record: &[u8],
    made: (i64, &str),
    columns: &[String],
    values: &mut [SqlValue],
    now: &str,
) -> Result<Settled> {
    let Some(existing) = clashing(tx, table, columns, values)? else {
        return Ok(Settled::Unknown);
    };
    if table.name == "person" {
        let Some(at) = columns.iter().position(|c| c == "name") else {
            return Ok(Settled::Unknown);
        };
        let SqlValue::Text(name) = values[at].clone() else {
            return Ok(Settled::Unknown);
        };
        // The person with the larger UUID takes a free name made from their own.
        if record > existing.as_slice() {
            values[at] = SqlValue::Text(free_name(tx, &name)?);
        } else {
            let own: String = tx.query_row(
                "SELECT name FROM person WHERE uuid = ?1",
                [&existing],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE person SET name = ?1 WHERE uuid = ?2",
                params![free_name(tx, &own)?, existing],
            )?;
        }
        return Ok(Settled::Insert);
    }
    let texts: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| is_text(c))
        .map(|c| c.sql)
        .collect();
    if record > existing.as_slice() {
        // The new record is folded into the journal's.
        for field in &texts {
            let Some(at) = columns.iter().position(|c| c == field) else {
                continue;
            };
            let kept: SqlValue = tx.query_row(
                &format!("SELECT {field} FROM {} WHERE uuid = ?1", table.name),
                [&existing],
                |r| r.get(0),
            )?;
            if kept != values[at] {
                keep(tx, &existing, field, table.name, &values[at], made, now)?;
            }
        }
        gone(tx, record, table.name, made)?;
        return Ok(Settled::Folded);
    }
    // The journal's record is folded into the new one.
    let clock: Option<(i64, String)> = tx
        .query_row(
            "SELECT hlc, device FROM sync_clock WHERE record = ?1 AND field = '*'",
            [&existing],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (hlc, device) = clock.unwrap_or((0, String::new()));
    for field in &texts {
        let Some(at) = columns.iter().position(|c| c == field) else {
            continue;
        };
        let kept: SqlValue = tx.query_row(
            &format!("SELECT {field} FROM {} WHERE uuid = ?1", table.name),
            [&existing],
            |r| r.get(0),
        )?;
        if kept != values[at] {
            keep(tx, record, field, table.name, &kept, (hlc, &device), now)?;
        }
    }
    tx.execute(
        &format!("DELETE FROM {} WHERE uuid = ?1", table.name),
        [&existing],
    )?;
    tx.execute("DELETE FROM sync_clock WHERE record = ?1", [&existing])?;
    gone(tx, &existing, table.name, (hlc, &device))?;
    Ok(Settled::Insert)
}

/// `name`, or the first of "name (2)", "name (3)"… no active person has.
fn free_name(tx: &Transaction<'_>, name: &str) -> Result<String> {
    for n in 2.. {
        let candidate = format!("{name} ({n})");
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE name = ?1 COLLATE NOCASE AND archived = 0)",
            [&candidate],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(candidate);
        }
    }
    Ok(name.to_string())
}

fn keep(
    tx: &Transaction<'_>,
    record: &[u8],
    field: &str,
    tbl: &str,
    value: &SqlValue,
    clock: (i64, &str),
    now: &str,
) -> Result<()> {
    // Not when a device has kept its own version over this one already (`sync keep`).
    if super::settlement::settled(tx, record, field, clock.0)? {
        return Ok(());
    }
    tx.execute(
        "INSERT OR IGNORE INTO sync_conflict (record, field, tbl, value, hlc, device, found_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![record, field, tbl, value, clock.0, clock.1, now],
    )?;
    Ok(())
}

/// A folded record is gone here for good: later changes of it are not applied.
fn gone(tx: &Transaction<'_>, record: &[u8], tbl: &str, clock: (i64, &str)) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO sync_tombstone (record, tbl, hlc, device) VALUES (?1, ?2, ?3, ?4)",
        params![record, tbl, clock.0, clock.1],
    )?;
    Ok(())
}

/// Free text the leader wrote: two devices' versions of it are never dropped silently.
pub(super) fn is_text(column: &Column) -> bool {
    matches!(
        column.check,
        Check::Text | Check::Line(_) | Check::Required(_) | Check::Name
    )
}
