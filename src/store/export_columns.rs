//! What a column of a table the export format carries is: how import checks it beyond its
//! JSON type, whether it names another row, and how its Rust value is read from the
//! journal, bound to a statement and seen by the checks. The tables themselves, one
//! description each, are in `export_rows`.

use rusqlite::{Row, Statement};
use uuid::Uuid;

use super::rows::{self, Stamp, StoredUuid};
use crate::domain::TextField;

/// What import checks of a field beyond its JSON type. Every refusal names the row and the
/// field, never the value (it can be note text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Nothing beyond the type.
    Any,
    /// A person's name as the person form takes it.
    Name,
    /// One line as its entry form takes it (may be empty).
    Line(TextField),
    /// One non-empty line as its entry form takes it.
    Required(TextField),
    /// Text that may span lines (notes).
    Text,
    /// A tag: one non-empty line, lower case.
    Tag,
    /// Non-empty text.
    NonEmpty,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A local time to the minute, `YYYY-MM-DD HH:MM`.
    When,
    /// An RFC 3339 stamp.
    Stamp,
    /// One of the journal's fixed words, spelled as the journal writes it.
    Word(Words),
    /// A rating from 1 to 5, called `noun` in a refusal ("a mood of 9").
    Rating(&'static str),
    /// Days between 1:1s, in the cadence range.
    Cadence,
    /// An ISO week, `YYYY-Www`.
    Week,
    /// A person's priority needs: need words joined by commas, at most two.
    Priorities,
}

/// The sets of fixed words a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Words {
    ConversationKind,
    Stance,
    Need,
    Owner,
    AspirationStatus,
    IdeaStatus,
    NeedState,
    /// A need or a question guide.
    Topic,
    /// A pair of the self-check, by its key.
    Pair,
    /// How a delegation turned out.
    Outcome,
}

/// One column of a table as the export format carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    /// The field's name in the export (the row struct's field).
    pub key: &'static str,
    /// The column in the journal.
    pub sql: &'static str,
    /// For a reference: the table whose row (by UUID in the file, by id in the journal) it
    /// names.
    pub refers: Option<&'static str>,
    pub(crate) check: Check,
}

/// A column holding its value as stored.
pub(super) const fn col(sql: &'static str, check: Check) -> Column {
    Column {
        key: "",
        sql,
        refers: None,
        check,
    }
}

/// A column naming a row of `table`: its id in the journal, its UUID in the file.
pub(super) const fn refers(sql: &'static str, table: &'static str) -> Column {
    Column {
        key: "",
        sql,
        refers: Some(table),
        check: Check::Any,
    }
}

/// A column the journal copies from a referenced row instead of carrying it in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Copied {
    pub column: &'static str,
    /// The reference (its key) the value is copied through.
    pub through: &'static str,
    /// The referenced row's column.
    pub take: &'static str,
}

/// A table the export format carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Table {
    /// The table's name, which is also its key in the export file.
    pub name: &'static str,
    /// What one row is called in an import's refusal ("follow-up …").
    pub noun: &'static str,
    pub columns: &'static [Column],
    pub copied: &'static [Copied],
    /// Which rows (the table aliased `t`) are about the person `?1`; `None` for the
    /// leader's own tables, which an export of one person leaves out.
    pub of_person: Option<&'static str>,
}

impl Table {
    /// Reads every row (of the person `?1`, or all when it is NULL) ordered by UUID, in the
    /// columns' order, references as UUIDs.
    /// How many rows [`Table::select_sql`] gives, for the same `?1`.
    pub(super) fn count_sql(&self) -> String {
        format!(
            "SELECT count(*) FROM {} t WHERE ?1 IS NULL{}",
            self.name,
            self.of_person
                .map(|filter| format!(" OR {filter}"))
                .unwrap_or_default()
        )
    }

    pub(super) fn select_sql(&self) -> String {
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|c| match c.refers {
                Some(table) => format!("(SELECT uuid FROM {table} WHERE id = t.{})", c.sql),
                None => format!("t.{}", c.sql),
            })
            .collect();
        format!(
            "SELECT {} FROM {} t WHERE ?1 IS NULL{} ORDER BY t.uuid",
            columns.join(", "),
            self.name,
            self.of_person
                .map(|filter| format!(" OR {filter}"))
                .unwrap_or_default()
        )
    }
}

/// A value of one field of a row, as import's checks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell<'a> {
    Text(Option<&'a str>),
    Int(Option<i64>),
    Uuid(Option<&'a Uuid>),
}

/// A Rust type a field can have: read from a row, bound to a statement, seen by checks.
pub(crate) trait Value: Sized {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self>;
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()>;
    fn cell(&self) -> Cell<'_>;
}

impl Value for String {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, self.as_str())
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Text(Some(self))
    }
}

impl Value for Option<String> {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, self.as_deref())
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Text(self.as_deref())
    }
}

impl Value for i64 {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, self)
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Int(Some(*self))
    }
}

impl Value for Option<i64> {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, self)
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Int(*self)
    }
}

impl Value for bool {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, self)
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Int(Some(i64::from(*self)))
    }
}

impl Value for Stamp {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, self)
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Text(Some(&self.0))
    }
}

impl Value for Uuid {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        rows::uuid(row, idx)
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(idx, StoredUuid(*self))
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Uuid(Some(self))
    }
}

impl Value for Option<Uuid> {
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        match row.get_ref(idx)? {
            rusqlite::types::ValueRef::Null => Ok(None),
            _ => rows::uuid(row, idx).map(Some),
        }
    }
    fn bind(&self, stmt: &mut Statement<'_>, idx: usize) -> rusqlite::Result<()> {
        match self {
            Some(uuid) => uuid.bind(stmt, idx),
            None => stmt.raw_bind_parameter(idx, rusqlite::types::Null),
        }
    }
    fn cell(&self) -> Cell<'_> {
        Cell::Uuid(self.as_ref())
    }
}
