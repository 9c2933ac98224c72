//! The checks on each row as it is read: no UUID twice, every field as its column's
//! description says, every reference to a row in the file before it or in the journal;
//! then the rules across rows (`rules`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::{Checked, Problem, fields};
use crate::store::export_columns::Cell;
use crate::store::export_rows::{EachTable, Lookup, TableCounts, TableRow, Tables, each_table};

/// What the rows read so far hold: every UUID (each table's own, so a row that appears
/// twice is refused), whose each conversation is, and how many rows each table has.
#[derive(Default)]
pub(super) struct Index {
    pub(super) uuids: HashMap<&'static str, HashSet<Uuid>>,
    pub(super) person_of_conversation: HashMap<Uuid, Uuid>,
    pub(super) person_of_aspiration: HashMap<Uuid, Uuid>,
    pub(super) counts: TableCounts,
}

impl EachTable for (&mut Index, &Tables) {
    type Error = Problem;

    fn table<T: TableRow>(&mut self) -> Checked {
        let (index, part) = self;
        let rows = T::rows(part);
        let table = T::TABLE.name;
        if rows.is_empty() {
            return Ok(());
        }
        *index.counts.entry(table).or_default() += rows.len() as u64;
        let seen = index.uuids.entry(table).or_default();
        for row in rows {
            if !seen.insert(row.uuid()) {
                return Err(Problem::Bad(format!(
                    "the {} {} appears twice",
                    table.replace('_', " "),
                    row.uuid()
                )));
            }
        }
        Ok(())
    }
}

/// Checks every row (words, dates, numbers, text as the entry forms take it, references,
/// names) as it is read, with what the rows before it and the journal hold.
pub(super) struct Validator<'a> {
    pub(super) lookup: Lookup<'a>,
    pub(super) index: Index,
    pub(super) now: NaiveDateTime,
    /// The active people's names so far, for clashes within the file.
    pub(super) active_names: HashMap<String, Uuid>,
    /// The reflections' weeks so far.
    pub(super) weeks: HashSet<String>,
    /// The first reference to a row neither read yet nor in the journal, told only when
    /// the whole file has been read: a file whose tables are out of order is refused for
    /// that, not for the references it seems to break.
    pub(super) missing: Option<String>,
}

impl<'a> Validator<'a> {
    pub(super) fn new(lookup: Lookup<'a>, now: NaiveDateTime) -> Validator<'a> {
        Validator {
            lookup,
            index: Index::default(),
            now,
            active_names: HashMap::new(),
            weeks: HashSet::new(),
            missing: None,
        }
    }

    /// After the whole file: the reference that was missing, if one was.
    pub(super) fn finish(self) -> std::result::Result<TableCounts, Problem> {
        match self.missing {
            Some(reason) => Err(Problem::Bad(reason)),
            None => Ok(self.index.counts),
        }
    }

    /// Checks a part of the file's rows.
    pub(super) fn check(&mut self, part: &Tables) -> Checked {
        each_table(&mut (&mut self.index, part))?;
        for r in &part.conversation {
            self.index.person_of_conversation.insert(r.uuid, r.person);
        }
        for r in &part.aspiration {
            self.index.person_of_aspiration.insert(r.uuid, r.person);
        }
        let mut fields = Fields {
            v: self,
            part,
            missing: None,
        };
        each_table(&mut fields)?;
        if self.missing.is_none() {
            self.missing = fields.missing;
        }
        self.rules(part)
    }

    /// Whether the file (so far) or the journal has the row `uuid` of `table`.
    fn has(&self, table: &'static str, uuid: &Uuid) -> std::result::Result<bool, Problem> {
        if self
            .index
            .uuids
            .get(table)
            .is_some_and(|s| s.contains(uuid))
        {
            return Ok(true);
        }
        Ok(self.lookup.has_uuid(table, uuid)?)
    }
}

/// Checks the fields of each table's rows in a part.
struct Fields<'v, 'a> {
    v: &'v Validator<'a>,
    part: &'v Tables,
    missing: Option<String>,
}

impl EachTable for Fields<'_, '_> {
    type Error = Problem;

    fn table<T: TableRow>(&mut self) -> Checked {
        for row in T::rows(self.part) {
            for (column, cell) in T::TABLE.columns.iter().zip(row.cells()) {
                if let (Some(table), Cell::Uuid(Some(target))) = (column.refers, cell) {
                    if !self.v.has(table, target)? && self.missing.is_none() {
                        self.missing = Some(format!(
                            "{} {} refers to {} {target}, which is neither in the file nor in the journal",
                            T::TABLE.noun,
                            row.uuid(),
                            table.replace('_', " ")
                        ));
                    }
                } else if let Err(rest) = fields::check(column, cell) {
                    return Err(Problem::Bad(format!(
                        "{} {} {rest}",
                        T::TABLE.noun,
                        row.uuid()
                    )));
                }
            }
        }
        Ok(())
    }
}
