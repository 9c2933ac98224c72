//! Reading an export file as a stream: the header first, so that a file that is not an
//! export this Rapport can read gets its own sentence, then the tables in parts of at most
//! [`PART_ROWS`] rows, handed on one at a time.

use std::io::Read;
use std::sync::OnceLock;

use super::{Checked, Problem};
use crate::export::json::{FORMAT, VERSION};
use crate::store::export_rows::{EachTable, TABLES, TableRow, Tables, each_table};

/// The top of the file, read first so that a foreign or newer file gets the right sentence.
#[derive(Default)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// serde's description of a mismatch without the values it quotes from the file (they can
/// be note text, which never goes into a message): `invalid type: string "…", expected i64`
/// becomes `invalid type: string, expected i64`. Field names (`missing field uuid`) are
/// Rapport's own and stay.
fn problem_without_quotes(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let text = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => &full,
    };
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['"', '`']) {
        plain.push_str(&rest[..open]);
        let quote = rest[open..].chars().next().unwrap_or('"');
        let inside = &rest[open + 1..];
        let Some(close) = inside.find(quote) else {
            rest = "";
            break;
        };
        let quoted = &inside[..close];
        let ours = quote == '`'
            && !quoted.is_empty()
            && quoted.len() <= 32
            && quoted
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-');
        if ours {
            plain.push_str(quoted);
        }
        rest = &inside[close + 1..];
    }
    plain.push_str(rest);
    plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
}

/// Reads the header: a file that is not JSON, not a Rapport export or from a newer Rapport
/// gets its own sentence before any row is read.
pub(super) fn read_header(reader: impl Read) -> std::result::Result<(), String> {
    let mut header = Header::default();
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let read = serde::de::DeserializeSeed::deserialize(&mut header, &mut deserializer)
        .and_then(|()| deserializer.end());
    // Reading stops on purpose once both fields are in (an export has them first): the
    // rest of the file is read, and its faults told, by the import itself.
    if let Err(e) = read
        && (header.format.is_none() || header.version.is_none())
    {
        return Err(unreadable(&e).unwrap_or_else(|| "it is not a Rapport export".to_string()));
    }
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format!(
            "it is not a Rapport export (it has no \"format\": \"{FORMAT}\")"
        ));
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        // Versions 1 and 2 lack the fields and tables later versions added; their defaults
        // are what those files meant.
        Some(1..=VERSION) => Ok(()),
        Some(newer) if newer > VERSION => Err(format!(
            "it was exported by a newer Rapport (export format version {newer}; this one reads versions 1 to {VERSION}) — please upgrade Rapport"
        )),
        _ => Err(format!(
            "its \"version\" is not an export format version this Rapport reads (versions 1 to {VERSION})"
        )),
    }
}

/// Why a file that is not JSON, or not whole, cannot be read; `None` when it is JSON that
/// does not hold what an export holds.
fn unreadable(e: &serde_json::Error) -> Option<String> {
    match e.classify() {
        serde_json::error::Category::Io => Some("it could not be read".to_string()),
        serde_json::error::Category::Eof => Some(format!(
            "the file ends early (it looks cut off at line {}), so it is not a complete export",
            e.line()
        )),
        serde_json::error::Category::Syntax => Some(format!(
            "it is not JSON (line {}, column {})",
            e.line(),
            e.column()
        )),
        serde_json::error::Category::Data => None,
    }
}

/// The header's fields, read until both are in.
impl<'de> serde::de::DeserializeSeed<'de> for &mut Header {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Header {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Rapport export")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => self.format = Some(map.next_value()?),
                "version" => self.version = Some(map.next_value()?),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            if self.format.is_some() && self.version.is_some() {
                return Err(A::Error::custom("the header is read"));
            }
        }
        Ok(())
    }
}

/// Rows of one table handed on at a time, at most this many.
const PART_ROWS: usize = 4096;

/// Reads the export's tables as a stream and hands them to `on_part` in parts (rows of one
/// table, at most [`PART_ROWS`]), in file order. Tables must come in the order Rapport
/// writes them (each after the tables it refers to). The first problem stops the reading.
pub(super) fn stream_parts(
    reader: impl Read,
    on_part: &mut dyn FnMut(Tables) -> Checked,
) -> std::result::Result<(), Problem> {
    let mut stopped = None;
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let read = serde::de::DeserializeSeed::deserialize(
        PartsSeed {
            on_part,
            stopped: &mut stopped,
        },
        &mut deserializer,
    )
    .and_then(|()| deserializer.end());
    if let Some(problem) = stopped {
        return Err(problem);
    }
    read.map_err(|e| {
        Problem::Bad(unreadable(&e).unwrap_or_else(|| {
            format!(
                "it does not hold what a Rapport export holds ({}, at line {}, column {})",
                problem_without_quotes(&e),
                e.line(),
                e.column()
            )
        }))
    })
}

/// The top-level object of an export, read key by key.
struct PartsSeed<'a> {
    on_part: &'a mut dyn FnMut(Tables) -> Checked,
    /// Why `on_part` stopped the reading, told apart from a malformed file.
    stopped: &'a mut Option<Problem>,
}

/// The keys an export's top-level object may have.
fn fields() -> &'static [&'static str] {
    static FIELDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        ["format", "version"]
            .iter()
            .chain(TABLES)
            .copied()
            .collect()
    })
}

impl<'de> serde::de::DeserializeSeed<'de> for PartsSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PartsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Rapport export")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        let mut last = 0;
        while let Some(key) = map.next_key::<String>()? {
            let Some(position) = TABLES.iter().position(|t| *t == key) else {
                if key == "format" || key == "version" {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    continue;
                }
                return Err(A::Error::unknown_field(&key, fields()));
            };
            if position < last {
                *self.stopped = Some(Problem::Bad(format!(
                    "its tables are not in the order Rapport writes them ({} comes after {})",
                    key.replace('_', " "),
                    TABLES[last].replace('_', " ")
                )));
                return Err(A::Error::custom("stopped"));
            }
            last = position;
            each_table(&mut ReadTable {
                key: &key,
                de: std::marker::PhantomData,
                map: &mut map,
                on_part: &mut *self.on_part,
                stopped: &mut *self.stopped,
            })?;
        }
        Ok(())
    }
}

/// Reads the value of `key`, the array of the table of that name.
struct ReadTable<'m, 'de, A> {
    key: &'m str,
    de: std::marker::PhantomData<&'de ()>,
    map: &'m mut A,
    on_part: &'m mut dyn FnMut(Tables) -> Checked,
    stopped: &'m mut Option<Problem>,
}

impl<'de, A: serde::de::MapAccess<'de>> EachTable for ReadTable<'_, 'de, A> {
    type Error = A::Error;

    fn table<T: TableRow>(&mut self) -> std::result::Result<(), A::Error> {
        if T::TABLE.name != self.key {
            return Ok(());
        }
        self.map.next_value_seed(TableSeed::<T> {
            on_part: &mut *self.on_part,
            stopped: &mut *self.stopped,
            rows: std::marker::PhantomData,
        })
    }
}

/// One table's array, read row by row and handed on in parts.
struct TableSeed<'a, T> {
    on_part: &'a mut dyn FnMut(Tables) -> Checked,
    stopped: &'a mut Option<Problem>,
    rows: std::marker::PhantomData<T>,
}

impl<'de, T: TableRow> serde::de::DeserializeSeed<'de> for TableSeed<'_, T> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: TableRow> serde::de::Visitor<'de> for TableSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        let mut rows = Vec::with_capacity(PART_ROWS);
        loop {
            let row = seq.next_element::<T>()?;
            let done = row.is_none();
            rows.extend(row);
            if rows.len() == PART_ROWS || (done && !rows.is_empty()) {
                let mut part = Tables::default();
                *T::rows_mut(&mut part) = std::mem::take(&mut rows);
                if let Err(problem) = (self.on_part)(part) {
                    *self.stopped = Some(problem);
                    return Err(A::Error::custom("stopped"));
                }
            }
            if done {
                return Ok(());
            }
        }
    }
}
