//! Reading and writing the journal's text encodings of ids, dates and words.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;
use rusqlite::types::Type;
use uuid::Uuid;

use crate::domain::WHEN_FORMAT;

pub(super) const DATE_FORMAT: &str = "%Y-%m-%d";
/// The UTC stamps of `created_at` and `updated_at`.
pub(super) const STAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

fn conversion<E>(idx: usize, error: E) -> rusqlite::Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(error))
}

/// A column holding one of the journal's fixed words (a need, a kind, a status…).
pub(super) fn word<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(idx)?;
    text.parse().map_err(|e| conversion(idx, e))
}

pub(super) fn opt_word<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: Option<String> = row.get(idx)?;
    text.map(|t| t.parse().map_err(|e| conversion(idx, e)))
        .transpose()
}

pub(super) fn uuid(row: &Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    let text: String = row.get(idx)?;
    Uuid::parse_str(&text).map_err(|e| conversion(idx, e))
}

pub(super) fn when(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(idx)?;
    parse_when(&text).map_err(|e| conversion(idx, e))
}

pub(super) fn opt_when(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_when(&t).map_err(|e| conversion(idx, e)))
        .transpose()
}

pub(super) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    NaiveDate::parse_from_str(&text, DATE_FORMAT).map_err(|e| conversion(idx, e))
}

pub(super) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| NaiveDate::parse_from_str(&t, DATE_FORMAT).map_err(|e| conversion(idx, e)))
        .transpose()
}

/// The leader's local day of a UTC stamp (a `created_at`): the day it was in their zone,
/// which is not the UTC date for an evening in New York or a morning in Kiritimati.
pub(super) fn local_day_of_stamp(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    // Imports may carry any RFC 3339 offset, not only the `Z` this journal writes.
    let stamp = chrono::DateTime::parse_from_rfc3339(&text).map_err(|e| conversion(idx, e))?;
    Ok(stamp.with_timezone(&chrono::Local).date_naive())
}

fn parse_when(text: &str) -> chrono::ParseResult<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, WHEN_FORMAT)
}

pub(super) fn fmt_when(when: NaiveDateTime) -> String {
    when.format(WHEN_FORMAT).to_string()
}

pub(super) fn fmt_date(date: NaiveDate) -> String {
    date.format(DATE_FORMAT).to_string()
}
