//! Reading and writing how the journal stores ids, stamps, dates and words.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, Type, ValueRef};
use serde::{Deserialize, Serialize};
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

/// A UUID as the journal stores it: its 16 bytes, a third of its hyphenated text in the row
/// and again in the UNIQUE index (migration 14). Blobs compare byte by byte, which orders
/// them as their lowercase text did, so rows listed by UUID keep their order. The text form
/// is written and read only at the edges (export, import, drafts, `--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StoredUuid(pub Uuid);

impl ToSql for StoredUuid {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Blob(self.0.as_bytes())))
    }
}

impl FromSql for StoredUuid {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let bytes = value.as_blob()?;
        let bytes: [u8; 16] = bytes
            .try_into()
            .map_err(|_| FromSqlError::InvalidBlobSize {
                expected_size: 16,
                blob_size: bytes.len(),
            })?;
        Ok(StoredUuid(Uuid::from_bytes(bytes)))
    }
}

pub(super) fn uuid(row: &Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    row.get::<_, StoredUuid>(idx).map(|stored| stored.0)
}

/// A `created_at` / `updated_at` stamp: RFC 3339 text wherever it is read or written outside
/// the journal (export, import, `--json`). The journal stores it as whole seconds since
/// 1970 (UTC) when those read back as exactly the same text, `YYYY-MM-DDTHH:MM:SSZ`: every
/// stamp Rapport writes. Any other RFC 3339 text an import brought (another offset, fractions
/// of a second) is kept as it was written, so an export gives back exactly what was
/// imported. Migration 14 applies the same rule, and the tables' CHECKs refuse a stamp kept
/// as text that should have been a number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stamp(pub String);

impl Stamp {
    /// The stamp of `at`, to the second, as Rapport writes it.
    pub(crate) fn of(at: DateTime<chrono::Utc>) -> Stamp {
        Stamp(at.format(STAMP_FORMAT).to_string())
    }

    /// The seconds since 1970 that read back as this very text, if any: the text is
    /// `YYYY-MM-DDTHH:MM:SSZ` with every part in range. Read by hand, not through a format
    /// string: an export or an import turns two stamps a row into text or back, 2.5
    /// million on the ten-year journal, and chrono's formatting made an export a fifth
    /// slower.
    fn seconds(&self) -> Option<i64> {
        let text = self.0.as_bytes();
        if text.len() != 20 || text[19] != b'Z' {
            return None;
        }
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if separators.iter().any(|&(at, byte)| text[at] != byte) {
            return None;
        }
        let number = |from: usize, to: usize| -> Option<u32> {
            text[from..to].iter().try_fold(0, |n, &digit| {
                digit
                    .is_ascii_digit()
                    .then(|| n * 10 + u32::from(digit - b'0'))
            })
        };
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(number(0, 4)?).ok()?,
            number(5, 7)?,
            number(8, 10)?,
        )?;
        let at = date.and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?;
        Some(at.and_utc().timestamp())
    }
}

/// The text of whole seconds since 1970, `YYYY-MM-DDTHH:MM:SSZ`, for years 0 to 9999 (the
/// years the text form has four digits for).
fn seconds_text(seconds: i64) -> Option<String> {
    use chrono::{Datelike, Timelike};
    let at = DateTime::from_timestamp(seconds, 0)?.naive_utc();
    let year = u32::try_from(at.year()).ok().filter(|y| *y <= 9999)?;
    let mut text = [0u8; 20];
    let mut put = |at: usize, width: usize, mut n: u32| {
        for place in (at..at + width).rev() {
            text[place] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, at.month());
    put(8, 2, at.day());
    put(11, 2, at.hour());
    put(14, 2, at.minute());
    put(17, 2, at.second());
    for (at, byte) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ] {
        text[at] = byte;
    }
    String::from_utf8(text.to_vec()).ok()
}

impl ToSql for Stamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.seconds() {
            Some(seconds) => ToSqlOutput::from(seconds),
            None => ToSqlOutput::Borrowed(ValueRef::Text(self.0.as_bytes())),
        })
    }
}

impl FromSql for Stamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Integer(seconds) => seconds_text(seconds)
                .map(Stamp)
                .ok_or(FromSqlError::OutOfRange(seconds)),
            _ => value.as_str().map(|text| Stamp(text.to_string())),
        }
    }
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
    parse_date(&text).map_err(|e| conversion(idx, e))
}

pub(super) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_date(&t).map_err(|e| conversion(idx, e)))
        .transpose()
}

/// The leader's local day of a UTC stamp (a `created_at`): the day it was in their zone,
/// which is not the UTC date for an evening in New York or a morning in Kiritimati.
pub(super) fn local_day_of_stamp(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let Stamp(text) = row.get(idx)?;
    // Imports may carry any RFC 3339 offset, not only the `Z` this journal writes.
    let stamp = chrono::DateTime::parse_from_rfc3339(&text).map_err(|e| conversion(idx, e))?;
    Ok(stamp.with_timezone(&chrono::Local).date_naive())
}

/// A stored time, `2026-03-09 14:30`. The journal's own form is read digit by digit:
/// a screen reads thousands, and chrono reads its format string again for each (a twentieth
/// of Today's time). Any other text is chrono's to read or refuse, in its words.
pub(super) fn parse_when(text: &str) -> chrono::ParseResult<NaiveDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() == 16
        && bytes[10] == b' '
        && bytes[13] == b':'
        && let Some(day) = canonical_day(&bytes[..10])
        && let (Some(hour), Some(minute)) = (number(&bytes[11..13]), number(&bytes[14..16]))
        && let Some(when) = day.and_hms_opt(hour, minute, 0)
    {
        return Ok(when);
    }
    NaiveDateTime::parse_from_str(text, WHEN_FORMAT)
}

/// A stored day, `2026-03-09`, read as [`parse_when`] reads a time.
pub(super) fn parse_date(text: &str) -> chrono::ParseResult<NaiveDate> {
    if let Some(day) = canonical_day(text.as_bytes()) {
        return Ok(day);
    }
    NaiveDate::parse_from_str(text, DATE_FORMAT)
}

/// `YYYY-MM-DD` exactly, when it is a day of the calendar.
fn canonical_day(bytes: &[u8]) -> Option<NaiveDate> {
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&bytes[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&bytes[5..7])?, number(&bytes[8..10])?)
}

/// The number ASCII digits write; `None` when any is not a digit.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The condition on `person` (`one`, such as `f.person_id = ?1`) for one person's rows,
/// or for everyone's when `person_id` is `None`. Two conditions, not `?1 IS NULL OR
/// f.person_id = ?1`: with that, SQLite reads every row of the journal's history rather
/// than one person's through their index.
pub(super) fn one_person_or_all(person_id: Option<i64>, one: &'static str) -> &'static str {
    if person_id.is_some() {
        one
    } else {
        "?1 IS NULL"
    }
}

pub(super) fn fmt_when(when: NaiveDateTime) -> String {
    when.format(WHEN_FORMAT).to_string()
}

pub(super) fn fmt_date(date: NaiveDate) -> String {
    date.format(DATE_FORMAT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft_stored_with(
        conn: &rusqlite::Connection,
        form: &str,
        created: &str,
    ) -> rusqlite::Result<(String, Stamp)> {
        conn.execute(
            "INSERT INTO draft (uuid, form, body, created_at, updated_at) VALUES (?1, ?2, '', ?3, ?3)",
            rusqlite::params![StoredUuid(Uuid::now_v7()), form, Stamp(created.into())],
        )?;
        conn.query_row(
            "SELECT typeof(created_at), created_at FROM draft WHERE form = ?1",
            [form],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// The journal's own times and days are read as chrono reads them, and anything else
    /// (a form another program wrote, a day not on the calendar) gets chrono's own answer.
    #[test]
    fn stored_times_and_days_read_as_chrono_reads_them() {
        let times = [
            "2026-03-09 14:30",
            "2000-02-29 00:00",
            "0001-01-01 23:59",
            "9999-12-31 00:01",
            "2026-2-3 04:05",
            "2026-02-03 4:05 ",
            "2026-02-30 10:00",
            "2026-02-28 24:00",
            "2026-02-28 10:60",
            "2026-02-28T10:00",
            "2026-02-28 10:0x",
            "+2026-02-28 10:00",
            " 2026-02-28 1:00",
            "2026-13-01 10:00",
            "",
        ];
        for text in times {
            assert_eq!(
                parse_when(text),
                NaiveDateTime::parse_from_str(text, WHEN_FORMAT),
                "{text:?}"
            );
        }
        let days = [
            "2026-03-09",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "2026-3-09",
            "2026-03-9",
            "2026/03/09",
            "2026-03-0a",
            "20260-3-09",
            "2026-00-10",
            "",
        ];
        for text in days {
            assert_eq!(
                parse_date(text),
                NaiveDate::parse_from_str(text, DATE_FORMAT),
                "{text:?}"
            );
        }
    }

    #[test]
    fn seconds_read_and_write_the_text_chrono_does() {
        for seconds in [
            0,
            59,
            951_782_400,   // 2000-02-29
            1_795_444_620, // 2026-11-23T14:37:00Z
            4_102_444_799, // 2099-12-31T23:59:59Z
            -62_167_219_200,
            253_402_300_799,
        ] {
            let at = DateTime::from_timestamp(seconds, 0).expect("in range");
            let text = at.format(STAMP_FORMAT).to_string();
            assert_eq!(seconds_text(seconds).as_deref(), Some(text.as_str()));
            assert_eq!(Stamp(text).seconds(), Some(seconds));
        }
        assert_eq!(seconds_text(253_402_300_800), None, "year 10000");
        assert_eq!(seconds_text(-62_167_219_201), None, "before year 0");
        for text in [
            "2026-02-29T10:00:00Z",
            "2026-11-20T24:00:00Z",
            "2026-11-2OT10:00:00Z",
        ] {
            assert_eq!(Stamp(text.into()).seconds(), None, "{text}");
        }
    }

    #[test]
    fn a_stamp_is_kept_as_seconds_only_when_they_read_back_as_the_same_text() {
        let dir = tempfile::TempDir::new().expect("a temp dir");
        let mut store = crate::store::Store::open_with_clock(
            &dir.path().join("journal.db"),
            crate::clock::test_clock(),
        )
        .expect("opens");
        let conn = store.connection();
        for (form, text, kept_as) in [
            ("a", "2026-11-20T13:30:00Z", "integer"),
            ("b", "1970-01-01T00:00:00Z", "integer"),
            ("c", "2026-11-20T14:30:00+01:00", "text"),
            ("d", "2026-11-20T13:30:00.5Z", "text"),
            ("e", "2026-11-20T13:30:00z", "text"),
            ("f", "2016-12-31T23:59:60Z", "text"),
        ] {
            let (stored, back) = draft_stored_with(conn, form, text).expect("stored");
            assert_eq!((stored.as_str(), back.0.as_str()), (kept_as, text));
        }
        // The tables refuse text that should have been seconds, and a UUID kept as text.
        assert!(
            conn.execute(
                "INSERT INTO draft (uuid, form, body, created_at, updated_at)
                 VALUES (?1, 'g', '', '2026-11-20T13:30:00Z', 0)",
                [StoredUuid(Uuid::now_v7())],
            )
            .is_err()
        );
        assert!(
            conn.execute(
                "INSERT INTO draft (uuid, form, body, created_at, updated_at)
                 VALUES ('0193d7a0-0000-7000-8000-000000000001', 'h', '', 0, 0)",
                [],
            )
            .is_err()
        );
    }
}
