//! Loading many rows at once — an import, the demo journal — in one transaction, through
//! the same INSERTs, made from the tables' descriptions ([`super::export_rows`]).
//!
//! The journal's search triggers write to an FTS5 index, and FTS5 writes its pending
//! entries to disk at the start of every statement in a transaction: inserted one by one,
//! each row became its own index segment, and a large load spent most of its time merging
//! them. Rows are therefore staged in temporary tables (no triggers, no indexes), each
//! carrying the export's fields (references as UUIDs), and copied into the journal with one
//! `INSERT … SELECT` per table at the end, which runs the same triggers but lets FTS5 index
//! in bulk. The staging tables live in a temporary file, not in memory, so a load of any
//! size stays small; SQLite removes that file from its directory as soon as it opens it.
//!
//! A load into an empty journal that no other Rapport has open (an import into a new
//! journal) writes it once: see [`Store::bulk_load`].

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::export_columns::Table;
use super::export_rows::{
    EachTable, ImportCounts, Lookup, PersonRow, TableCounts, TableRow, Tables, each_table,
    each_table_to_load,
};
use super::progress::{Progress, Unit, records_of};
use super::{DeletedRows, Error, Result, Store};

/// A bulk load under way: rows staged so far, inside the load's transaction.
pub(crate) struct BulkLoad<'s> {
    tx: Transaction<'s>,
    /// The search index's settings before the load, given back when it ends.
    search_settings: SearchIndexSettings,
    /// The statements that make the plain indexes set aside for the load (see
    /// [`set_aside_for_load`]), run once the rows are in.
    set_aside: Vec<String>,
    /// Rows staged so far, per table: counted here rather than by reading the staging
    /// tables through once more before their copy.
    staged: RefCell<TableCounts>,
    /// Whether rows come back under ids they had before (an undone delete): see
    /// [`BulkLoad::keep_ids`].
    keeps_ids: Cell<bool>,
    /// Told each step of the copy.
    progress: Arc<dyn Progress>,
}

/// How the search index takes in new entries (FTS5's own options, kept in the journal).
///
/// FTS5 collects new entries in memory and writes them out as a segment once `hashsize`
/// bytes are pending (1 MiB by default), and after each write merges segments
/// (`automerge`: as soon as 4 of a level are there). A load of a million texts thus wrote
/// hundreds of small segments and merged them over and over, a fifth of an import's
/// processor time. For a load the index collects 16 MiB per segment and does not merge
/// while the rows go in; one `optimize` at the end merges the segments once into the single
/// one searches read fastest. 16 MiB more memory at most, within the load's bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SearchIndexSettings {
    hash_bytes: i64,
    automerge: i64,
}

impl SearchIndexSettings {
    /// FTS5's defaults, for an index that was never told otherwise.
    const DEFAULT: SearchIndexSettings = SearchIndexSettings {
        hash_bytes: 1 << 20,
        automerge: 4,
    };
    const FOR_LOAD: SearchIndexSettings = SearchIndexSettings {
        hash_bytes: 16 << 20,
        automerge: 0,
    };

    fn read(conn: &Connection) -> Result<SearchIndexSettings> {
        let value = |key: &str| -> Result<Option<i64>> {
            Ok(conn
                .query_row(
                    "SELECT v FROM search_index_config WHERE k = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()?)
        };
        Ok(SearchIndexSettings {
            hash_bytes: value("hashsize")?.unwrap_or(Self::DEFAULT.hash_bytes),
            automerge: value("automerge")?.unwrap_or(Self::DEFAULT.automerge),
        })
    }

    fn apply(self, conn: &Connection) -> Result<()> {
        conn.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?1)",
            [self.hash_bytes],
        )?;
        conn.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('automerge', ?1)",
            [self.automerge],
        )?;
        Ok(())
    }
}

/// Pages of the journal kept in memory during a load (in KiB, as `cache_size` takes a
/// negative number): enough for the indexes being appended to, well inside the memory a
/// load may use.
const LOAD_CACHE_KIB: i64 = 32 * 1024;

/// The page cache (in KiB) of a load written once, without the write-ahead log (see
/// [`Store::bulk_load`]). Its new pages go straight into the file when the cache is full, so
/// a larger cache only keeps more of them waiting; and each index made after the copies is
/// sorted in as much memory again. Measured on the ten-year import: 8 MiB took less
/// processor time than 32 MiB (13.0–13.6 s against 14.3 s) and 4 MiB no less, at a peak of
/// 75 MiB against 90.
const WRITE_ONCE_CACHE_KIB: i64 = 8 * 1024;

impl Store {
    /// Runs `load`, which stages rows with [`BulkLoad::add_part`], then copies every staged row
    /// the journal does not have yet (by UUID) into it and commits: all in one transaction,
    /// so either every row is kept or none is. The rows must have been checked (words,
    /// dates, references): a row SQLite still refuses rolls the whole load back.
    ///
    /// Into an empty journal that no other Rapport has open (an import into a new journal)
    /// the load is written once. Through the write-ahead log every page of it would be
    /// written twice, into the log and then into the journal at the checkpoint, and read back
    /// in between. With a rollback journal instead, SQLite copies aside the old content of
    /// each page it changes before changing it, and pages past the file's end when the
    /// transaction began (all but a few of a load into an empty journal) have none: they go
    /// straight into the file. It is still one transaction: killed part-way, the next open
    /// finds the rollback journal and gives the file back its first pages and its length,
    /// the empty journal it was. Leaving the write-ahead log needs every other connection
    /// closed: the load holds the journal's lock exclusively (other Rapports wait to open
    /// it), and the journal returns to the write-ahead log as soon as the load ends. Such a
    /// load also makes its plain indexes after the rows and checks no foreign keys (see
    /// [`set_aside_for_load`] and [`Store::write_once`]).
    pub(crate) fn bulk_load<T, E: From<Error>>(
        &mut self,
        load: impl FnOnce(&BulkLoad<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<(T, ImportCounts), E> {
        // The staging tables go to a temporary file whatever the connection was set to
        // (they hold the whole load); the setting can change only outside a transaction.
        let settings = self.load_settings().map_err(E::from)?;
        let loaded = self
            .write_once()
            .and_then(|once| self.begin_load(once))
            .map_err(E::from)
            .and_then(|bulk| {
                let value = load(&bulk)?;
                let counts = bulk.finish().map_err(E::from)?;
                Ok((value, counts))
            });
        let restored = self.restore_settings(settings);
        let shared = self.share();
        let loaded = loaded?;
        restored.map_err(E::from)?;
        shared.map_err(E::from)?;
        Ok(loaded)
    }

    /// True when this load writes the journal once (see [`Store::bulk_load`]): it is empty
    /// and alone, and now without its write-ahead log.
    fn write_once(&mut self) -> Result<bool> {
        if !super::open::holds_nothing_in(&self.conn)? || !self.try_alone()? {
            return Ok(false);
        }
        // SQLite refuses ("busy") while another program has the journal open: then the load
        // goes through the write-ahead log, and other Rapports need not wait for it.
        let left_the_log =
            match self
                .conn
                .query_row::<String, _, _>("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            {
                Ok(mode) => mode.eq_ignore_ascii_case("delete"),
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => false,
                Err(e) => return Err(e.into()),
            };
        if !left_the_log {
            self.share()?;
            return Ok(false);
        }
        self.conn
            .pragma_update(None, "cache_size", -WRITE_ONCE_CACHE_KIB)?;
        // The copies take each reference's id from the referenced row itself, joined by
        // UUID in the same statement, so no foreign key can fail; checking them read every
        // referenced row once more, 6–7 % of the load's processor time. The setting can
        // change only outside a transaction; the merge into a journal with rows keeps
        // them.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        Ok(true)
    }

    fn begin_load(&mut self, write_once: bool) -> Result<BulkLoad<'_>> {
        let progress = self.progress();
        let tx = self.write()?;
        let search_settings = SearchIndexSettings::read(&tx)?;
        SearchIndexSettings::FOR_LOAD.apply(&tx)?;
        let set_aside = if write_once {
            set_aside_for_load(&tx)?
        } else {
            Vec::new()
        };
        each_table(&mut Stage(&tx))?;
        Ok(BulkLoad {
            tx,
            search_settings,
            set_aside,
            staged: RefCell::default(),
            keeps_ids: Cell::new(false),
            progress,
        })
    }

    fn load_settings(&mut self) -> Result<(i64, i64, i64)> {
        let setting = |name: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?)
        };
        let settings = (
            setting("temp_store")?,
            setting("cache_size")?,
            setting("foreign_keys")?,
        );
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        self.conn
            .pragma_update(None, "cache_size", -LOAD_CACHE_KIB)?;
        Ok(settings)
    }

    fn restore_settings(
        &mut self,
        (temp_store, cache_size, foreign_keys): (i64, i64, i64),
    ) -> Result<()> {
        self.conn.pragma_update(None, "temp_store", temp_store)?;
        self.conn.pragma_update(None, "cache_size", cache_size)?;
        self.conn
            .pragma_update(None, "foreign_keys", foreign_keys)?;
        // Back to the write-ahead log after a load written once, whether it succeeded or
        // not (nothing for a journal still in it).
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        Ok(())
    }
}

/// For a load into an empty journal: drops its plain (not unique) indexes and the triggers
/// that keep `need_standing` in step, and returns the statements that make them again and
/// fill `need_standing` in one pass. Filled row by row, an index such as need tags by
/// person, need, state and time takes each row at one of thousands of places, more pages
/// than the load's cache holds; made after the copies, it is built from its sorted rows in
/// one pass. (The standing triggers look each row's person and need up in that index, so
/// they go with it.) The unique indexes stay: the copies find references by UUID through
/// them and leave out rows the journal already has.
fn set_aside_for_load(conn: &Connection) -> Result<Vec<String>> {
    let plain: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT m.type, m.name, m.sql FROM main.sqlite_master m
              WHERE m.type = 'index' AND m.sql IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.tbl_name) l
                                 WHERE l.name = m.name AND l.\"unique\")
                 OR m.type = 'trigger' AND m.name LIKE 'need\\_standing\\_%' ESCAPE '\\'
              ORDER BY m.type = 'trigger', m.rowid",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut make = Vec::with_capacity(plain.len() + 1);
    for (kind, name, sql) in plain {
        conn.execute_batch(&format!(
            "DROP {} main.\"{}\"",
            if kind == "trigger" {
                "TRIGGER"
            } else {
                "INDEX"
            },
            name.replace('"', "\"\"")
        ))?;
        make.push(sql);
    }
    make.push(super::people::NEED_STANDING_REBUILD.to_string());
    Ok(make)
}

impl BulkLoad<'_> {
    /// Stages every row of `part`; the journal gets them when the load ends.
    pub(crate) fn add_part(&self, part: &Tables) -> Result<()> {
        each_table(&mut Add { load: self, part })
    }

    /// Stages `rows`.
    fn add<T: TableRow>(&self, rows: &[T]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut stmt = self.tx.prepare_cached(&stage_insert_sql(T::TABLE))?;
        for row in rows {
            row.bind(&mut stmt)?;
            stmt.raw_execute()?;
        }
        *self.staged.borrow_mut().entry(T::TABLE.name).or_default() += rows.len() as u64;
        Ok(())
    }

    /// Rows of `deleted` come back under the ids they had, not new ones: an undone delete
    /// brings back the very record, with the number the leader saw. Ids are never given
    /// twice, so each is still free (an id taken after all, by a file restored meanwhile,
    /// leaves the row a new one rather than losing it).
    pub(crate) fn keep_ids(&self, deleted: &DeletedRows) -> Result<()> {
        self.tx.execute_batch(
            "DROP TABLE IF EXISTS temp.bulk_kept_id;
             CREATE TEMP TABLE bulk_kept_id (tbl TEXT, uuid BLOB, id INTEGER,
                                             PRIMARY KEY (tbl, uuid))",
        )?;
        let mut stmt = self
            .tx
            .prepare("INSERT OR IGNORE INTO temp.bulk_kept_id VALUES (?1, ?2, ?3)")?;
        for (table, uuid, id) in &deleted.0 {
            stmt.execute(rusqlite::params![table, uuid, id])?;
        }
        self.keeps_ids.set(true);
        Ok(())
    }

    /// Who hears how far the load has come: the caller tells of its own stages too.
    pub(crate) fn progress(&self) -> &dyn Progress {
        &*self.progress
    }

    /// Lookups in the journal as it was before the load (staged rows are not in it yet).
    pub(crate) fn lookup(&self) -> Lookup<'_> {
        Lookup(&self.tx)
    }

    /// Copies the staged rows into the journal, table after table (each after the tables
    /// it refers to), and commits.
    fn finish(self) -> Result<ImportCounts> {
        // One step per table copied, per index made again, and the search index's merge;
        // a Ctrl-C between two steps undoes the whole load (the transaction is dropped).
        let steps = super::export_rows::TABLES.len() + self.set_aside.len() + 1;
        self.progress
            .stage("adding to the journal", Some(steps as u64), Unit::Steps);
        let mut copy = Copy {
            tx: &self.tx,
            staged: self.staged.take(),
            counts: ImportCounts::default(),
            keeps_ids: self.keeps_ids.get(),
            progress: &*self.progress,
            done: 0,
        };
        each_table_to_load(&mut copy)?;
        let (counts, mut done) = (copy.counts, copy.done);
        if self.keeps_ids.get() {
            self.tx.execute_batch("DROP TABLE temp.bulk_kept_id")?;
        }
        for make in &self.set_aside {
            step(&*self.progress, &mut done, "indexing the journal")?;
            self.tx.execute_batch(make)?;
        }
        step(&*self.progress, &mut done, "indexing for search")?;
        // The load's segments merged into one, and the index's own settings back, in the
        // load's transaction.
        self.tx
            .execute_batch("INSERT INTO search_index (search_index) VALUES ('optimize')")?;
        self.progress.reach(done);
        self.search_settings.apply(&self.tx)?;
        self.tx.commit()?;
        Ok(counts)
    }
}

/// Stages each table's rows of a part.
struct Add<'a, 'l> {
    load: &'a BulkLoad<'l>,
    part: &'a Tables,
}

impl EachTable for Add<'_, '_> {
    type Error = Error;

    fn table<T: TableRow>(&mut self) -> Result<()> {
        self.load.add(T::rows(self.part))
    }
}

fn stage_name(table: &Table) -> String {
    format!("bulk_{}", table.name)
}

/// Creates the staging tables: the export's fields, untyped (values keep the type they
/// were bound with until the copy gives them the journal's).
struct Stage<'a>(&'a Connection);

impl EachTable for Stage<'_> {
    type Error = Error;

    fn table<T: TableRow>(&mut self) -> Result<()> {
        let table = T::TABLE;
        let keys: Vec<&str> = table.columns.iter().map(|c| c.key).collect();
        self.0.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.{stage}; CREATE TEMP TABLE {stage} ({keys})",
            stage = stage_name(table),
            keys = keys.join(", ")
        ))?;
        Ok(())
    }
}

fn stage_insert_sql(table: &Table) -> String {
    let places: Vec<String> = (1..=table.columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO temp.{} VALUES ({})",
        stage_name(table),
        places.join(", ")
    )
}

/// The copy of a staging table into the journal, in staging order (so row ids grow as the
/// rows were staged): references become ids by UUID, copied columns come from the
/// referenced row, and a row the journal already has (by UUID or another unique rule) is
/// left out. With `keeps_ids`, a row noted in `temp.bulk_kept_id` gets its id back when no
/// row holds it; every other row gets a new one.
fn copy_sql(table: &Table, keeps_ids: bool) -> String {
    let mut columns = Vec::new();
    let mut values = Vec::new();
    let mut joins = Vec::new();
    if keeps_ids {
        columns.push("id".to_string());
        values.push(format!(
            "(SELECT k.id FROM temp.bulk_kept_id k
               WHERE k.tbl = '{name}' AND k.uuid = s.uuid
                 AND NOT EXISTS (SELECT 1 FROM main.{name} m WHERE m.id = k.id))",
            name = table.name
        ));
    }
    for (n, column) in table.columns.iter().enumerate() {
        columns.push(column.sql.to_string());
        match column.refers {
            Some(parent) => {
                values.push(format!("r{n}.id"));
                joins.push(format!(
                    " LEFT JOIN main.{parent} r{n} ON r{n}.uuid = s.{}",
                    column.key
                ));
            }
            None => values.push(format!("s.{}", column.key)),
        }
    }
    for copied in table.copied {
        let through = table
            .columns
            .iter()
            .position(|c| c.key == copied.through)
            .unwrap_or_default();
        columns.push(copied.column.to_string());
        values.push(format!("r{through}.{}", copied.take));
    }
    // `WHERE true` keeps `ON CONFLICT` from being read as a join's `ON`.
    format!(
        "INSERT INTO main.{name} ({columns}) SELECT {values} FROM temp.{stage} s{joins}
          WHERE true ORDER BY s.rowid ON CONFLICT DO NOTHING",
        name = table.name,
        columns = columns.join(", "),
        values = values.join(", "),
        stage = stage_name(table),
        joins = joins.concat(),
    )
}

struct Copy<'a> {
    tx: &'a Connection,
    staged: TableCounts,
    counts: ImportCounts,
    keeps_ids: bool,
    progress: &'a dyn Progress,
    /// Steps of the load's end behind so far.
    done: u64,
}

/// One more step of a load's end begins: `progress` hears of it, and a Ctrl-C asked
/// meanwhile stops the load here.
fn step(progress: &dyn Progress, done: &mut u64, what: &str) -> Result<()> {
    if progress.stop_asked() {
        return Err(Error::Interrupted("import"));
    }
    progress.tell(what);
    progress.reach(*done);
    *done += 1;
    Ok(())
}

impl EachTable for Copy<'_> {
    type Error = Error;

    fn table<T: TableRow>(&mut self) -> Result<()> {
        let table = T::TABLE;
        let stage = stage_name(table);
        let staged = self.staged.get(table.name).copied().unwrap_or_default();
        step(
            self.progress,
            &mut self.done,
            &format!("adding {}", records_of(table.name)),
        )?;
        let added = self.tx.execute(&copy_sql(table, self.keeps_ids), [])?;
        if added > 0 {
            self.counts.added.insert(table.name, added as u64);
        }
        if (added as u64) < staged {
            // Left out: rows whose UUID the journal still does not have (another unique
            // rule kept them out), told apart from rows it already had.
            let missing = format!(
                "FROM temp.{stage} s
                  WHERE NOT EXISTS (SELECT 1 FROM main.{name} m WHERE m.uuid = s.uuid)",
                name = table.name
            );
            if table.name == PersonRow::TABLE.name {
                // Checks refuse name clashes before a load; this is the last line of
                // defence (rows referring to the person would have nowhere to go).
                let name: Option<String> = self
                    .tx
                    .query_row(
                        &format!("SELECT s.name {missing} ORDER BY s.rowid LIMIT 1"),
                        [],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(name) = name {
                    return Err(Error::DuplicateName(name));
                }
            }
            let skipped: i64 =
                self.tx
                    .query_row(&format!("SELECT count(*) {missing}"), [], |r| r.get(0))?;
            if skipped > 0 {
                self.counts.skipped.insert(table.name, skipped as u64);
            }
        }
        self.tx.execute(&format!("DROP TABLE temp.{stage}"), [])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_journal;
    use super::*;

    #[test]
    fn a_load_leaves_the_search_index_in_one_segment_with_its_own_settings() {
        let (_dir, mut store, person) = test_journal::with_priya();
        for summary in ["rollout plan", "hiring plan", "offsite plan"] {
            let input = test_journal::one_on_one(person, summary, store.local_now());
            store.save_conversation(&input).expect("saved");
        }
        let segments = |store: &Store| -> i64 {
            store
                .conn
                .query_row(
                    "SELECT count(DISTINCT segid) FROM search_index_idx",
                    [],
                    |r| r.get(0),
                )
                .expect("counted")
        };
        assert!(segments(&store) > 1, "each save wrote a segment");

        let seen_during_load = store
            .bulk_load(|load| SearchIndexSettings::read(&load.tx))
            .expect("loaded")
            .0;
        assert_eq!(seen_during_load, SearchIndexSettings::FOR_LOAD);
        assert_eq!(
            SearchIndexSettings::read(&store.conn).expect("read"),
            SearchIndexSettings::DEFAULT,
            "the index's own settings are back"
        );
        assert_eq!(segments(&store), 1, "merged once at the end");
        assert_eq!(store.search("plan", None, 5).expect("hits").len(), 3);
    }

    /// The settings a load reads from inside its transaction, and after it.
    fn settings(conn: &Connection) -> (String, i64, i64) {
        conn.query_row(
            "SELECT (SELECT journal_mode FROM pragma_journal_mode),
                    (SELECT foreign_keys FROM pragma_foreign_keys),
                    (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("read")
    }

    #[test]
    fn only_a_load_into_an_empty_journal_alone_is_written_once_and_its_settings_come_back() {
        let dir = tempfile::TempDir::new().expect("a temp dir");
        let path = dir.path().join("journal.db");
        let mut store = Store::open_with_clock(&path, crate::clock::test_clock()).expect("opens");
        let before = settings(&store.conn);
        assert_eq!((before.0.as_str(), before.1), ("wal", 1));

        let during = store
            .bulk_load(|load| Ok::<_, Error>(settings(&load.tx)))
            .expect("loaded")
            .0;
        assert_eq!(
            (during.0.as_str(), during.1),
            ("delete", 0),
            "a rollback journal, no foreign keys"
        );
        assert!(during.2 < before.2, "plain indexes set aside: {during:?}");
        assert_eq!(settings(&store.conn), before, "all back after the load");

        // Another Rapport has the journal open: the usual load.
        let other = Store::open_with_clock(&path, crate::clock::test_clock()).expect("opens");
        let during = store
            .bulk_load(|load| Ok::<_, Error>(settings(&load.tx)))
            .expect("loaded")
            .0;
        assert_eq!(during, before, "through the write-ahead log");
        drop(other);

        // Another program (without Rapport's lock) has it open: SQLite keeps the log.
        let program = Connection::open(&path).expect("opens");
        let tables: i64 = program
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .expect("reads");
        assert!(tables > 0);
        let during = store
            .bulk_load(|load| Ok::<_, Error>(settings(&load.tx)))
            .expect("loaded")
            .0;
        assert_eq!(during, before, "through the write-ahead log");
        drop(program);

        // A journal with rows: the usual load.
        store
            .add_person(&crate::domain::NewPerson {
                name: "Priya".into(),
                ..Default::default()
            })
            .expect("a person");
        let during = store
            .bulk_load(|load| Ok::<_, Error>(settings(&load.tx)))
            .expect("loaded")
            .0;
        assert_eq!(during, before, "through the write-ahead log");
        assert_eq!(settings(&store.conn), before);
    }
}
