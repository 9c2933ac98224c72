//! Settlements: `rapport sync keep` on one device says that the version of a field it set
//! aside is settled, and every device drops that conflict (docs/architecture.md "Two
//! devices"). A settlement travels as a change to the field `~<field>` whose base is the
//! clock of the version set aside; it changes no record.

use rusqlite::{OptionalExtension, Transaction, params};

use super::super::Result;

/// What a change's field starts with when it says that the version of that field with the
/// clock its `base` names was seen and set aside (`rapport sync keep`): a settlement, which
/// changes no record and settles that conflict wherever it is kept.
pub(super) const KEPT: &str = "~";

/// Whether a device kept its own version over the version of `field` stamped `hlc`.
pub(super) fn settled(tx: &Transaction<'_>, record: &[u8], field: &str, hlc: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM sync_clock WHERE record = ?1 AND field = ?2 AND base = ?3")?
        .query_row(params![record, format!("{KEPT}{field}"), hlc], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Applies a settlement (`field` is `~` and the field it settles): the version of that
/// field stamped `base` is dropped from the conflicts kept here, and remembered, so that
/// one arriving later (its file delayed) is not kept.
pub(super) fn apply(
    tx: &Transaction<'_>,
    record: &[u8],
    tbl: &str,
    field: &str,
    clock: (i64, &str),
    base: Option<i64>,
) -> Result<()> {
    let Some(settled_field) = field.strip_prefix(KEPT) else {
        return Ok(());
    };
    tx.prepare_cached("DELETE FROM sync_conflict WHERE record = ?1 AND field = ?2 AND hlc IS ?3")?
        .execute(params![record, settled_field, base])?;
    tx.prepare_cached(
        "INSERT INTO sync_clock (record, field, tbl, hlc, device, base) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (record, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device,
                                                   base = excluded.base
         WHERE (excluded.hlc, excluded.device) > (sync_clock.hlc, sync_clock.device)",
    )?
    .execute(params![record, field, tbl, clock.0, clock.1, base])?;
    Ok(())
}
