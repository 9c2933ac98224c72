//! `estimated_bm25`: FTS5's bm25 ranking, with each searched word's document count estimated
//! once it passes a bound instead of counted to the end.
//!
//! bm25 weighs each phrase of a query by how many texts hold it, and FTS5's own `bm25()`
//! learns that by walking every match of every phrase before it scores the first row. For a
//! very common prefix that walk is most of the search: `the*` is in 620,000 of the ten-year
//! journal's 946,000 texts, about 11 ms of a search whose other work (finding the 5,000
//! newest matches and scoring them) takes 3. Search as you type pays it on every keystroke.
//!
//! This function counts the same way, in rowid order, but stops at `count_up_to` matches and
//! extrapolates from how far through the rowids it got: a phrase whose `count_up_to`-th
//! match is at rowid R of `last_rowid` is taken to be in `count_up_to × last_rowid / R`
//! texts. Rowids are handed out in the order texts are written (see migration 9), so this
//! assumes a very common word is about as common in old texts as in new ones. A phrase in
//! fewer texts than the bound is counted exactly, so its score is bm25's to the last bit.
//! The count only sets each phrase's weight (its "IDF"), the same for every row: for a
//! query of one word the order of the results is bm25's whatever the estimate; with several,
//! a very common word's weight is off by the estimate's error, and bm25 already gives a word
//! in more than half the texts next to no weight.
//!
//! Registered on every connection the store opens (through FTS5's C interface, which
//! rusqlite does not wrap) and called as
//! `estimated_bm25(search_index, count_up_to, last_rowid)`; lower is better, like `rank`.

use std::ffi::{c_int, c_void};
use std::ptr;

use rusqlite::Connection;
use rusqlite::ffi;

/// Registers `estimated_bm25` on `conn`.
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let api = fts5_api(conn)?;
    let failed = |code: c_int, what: &str| {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(what.to_string()))
    };
    // SAFETY: `api` is the live FTS5 API of this connection (checked non-null by `fts5_api`);
    // the name is a NUL-terminated static string, and the function takes no user data and so
    // needs no destructor.
    unsafe {
        let create = (*api)
            .xCreateFunction
            .ok_or_else(|| failed(ffi::SQLITE_ERROR, "FTS5 offers no xCreateFunction"))?;
        let code = create(
            api,
            c"estimated_bm25".as_ptr(),
            ptr::null_mut(),
            Some(estimated_bm25),
            None,
        );
        if code != ffi::SQLITE_OK {
            return Err(failed(code, "could not register estimated_bm25"));
        }
    }
    Ok(())
}

/// The connection's FTS5 API, as FTS5's documentation says to get it: `SELECT fts5(?1)`
/// with a pointer bound under the type "fts5_api_ptr".
fn fts5_api(conn: &Connection) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    // SAFETY: the statement is prepared, stepped and finalized here on this connection's
    // handle; the bound pointer is to `api`, which outlives the statement.
    let code = unsafe {
        let db = conn.handle();
        let mut statement: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let mut code = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut statement,
            ptr::null_mut(),
        );
        if code == ffi::SQLITE_OK {
            code = ffi::sqlite3_bind_pointer(
                statement,
                1,
                (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
                c"fts5_api_ptr".as_ptr(),
                None,
            );
        }
        if code == ffi::SQLITE_OK {
            code = ffi::sqlite3_step(statement);
        }
        ffi::sqlite3_finalize(statement);
        code
    };
    if (code != ffi::SQLITE_ROW && code != ffi::SQLITE_DONE) || api.is_null() {
        return Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(if code == ffi::SQLITE_ROW || code == ffi::SQLITE_DONE {
                ffi::SQLITE_ERROR
            } else {
                code
            }),
            Some("FTS5's API is not available".into()),
        ));
    }
    Ok(api)
}

/// bm25's constants, as FTS5 sets them.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// What a query's scores share, worked out at its first row and kept by FTS5 with the query.
struct QueryWeights {
    average_length: f64,
    idf: Vec<f64>,
}

/// A phrase's matches counted up to a bound.
struct BoundedCount {
    matches: i64,
    up_to: i64,
    /// The rowid of the match that reached the bound, if one did.
    stopped_at: Option<i64>,
}

/// The weight bm25 gives a phrase in `holding` of `texts` texts (FTS5's formula, floor
/// included: a phrase in more than half the texts weighs almost nothing).
pub(super) fn idf(texts: i64, holding: f64) -> f64 {
    let idf = ((texts as f64 - holding + 0.5) / (holding + 0.5)).ln();
    if idf <= 0.0 { 1e-6 } else { idf }
}

/// How many texts hold a phrase whose `count`-th match is at rowid `reached`, when rowids run
/// up to `last_rowid` at about the same density throughout.
pub(super) fn extrapolated(count: i64, reached: i64, last_rowid: i64) -> f64 {
    count as f64 * last_rowid.max(reached) as f64 / reached.max(1) as f64
}

unsafe extern "C" fn count_match(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    data: *mut c_void,
) -> c_int {
    // SAFETY: `data` is the `BoundedCount` that `weights` passes to xQueryPhrase for the
    // length of that call, and FTS5 hands back its own API and a cursor on the phrase.
    unsafe {
        let count = &mut *data.cast::<BoundedCount>();
        count.matches += 1;
        if count.matches >= count.up_to {
            if let Some(rowid) = (*api).xRowid {
                count.stopped_at = Some(rowid(fts));
            }
            // Ends the walk; xQueryPhrase reports SQLITE_OK.
            return ffi::SQLITE_DONE;
        }
    }
    ffi::SQLITE_OK
}

/// The query's weights: FTS5 keeps them with the query after the first row.
///
/// # Safety
/// `api` and `fts` must be what FTS5 passed to the auxiliary function being run.
unsafe fn weights<'q>(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    up_to: i64,
    last_rowid: i64,
) -> Result<&'q QueryWeights, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    // SAFETY: the caller's contract; the aux data is only ever a `QueryWeights` boxed here.
    unsafe {
        let kept = (api.xGetAuxdata.ok_or(missing)?)(fts, 0);
        if !kept.is_null() {
            return Ok(&*kept.cast::<QueryWeights>());
        }
        let mut texts: i64 = 0;
        check((api.xRowCount.ok_or(missing)?)(fts, &mut texts))?;
        let mut tokens: i64 = 0;
        check((api.xColumnTotalSize.ok_or(missing)?)(fts, -1, &mut tokens))?;
        let phrases = (api.xPhraseCount.ok_or(missing)?)(fts);
        let query_phrase = api.xQueryPhrase.ok_or(missing)?;
        let mut idfs = Vec::with_capacity(usize::try_from(phrases).unwrap_or(0));
        for phrase in 0..phrases {
            let mut count = BoundedCount {
                matches: 0,
                up_to: up_to.max(1),
                stopped_at: None,
            };
            check(query_phrase(
                fts,
                phrase,
                (&mut count as *mut BoundedCount).cast::<c_void>(),
                Some(count_match),
            ))?;
            let holding = match count.stopped_at {
                Some(reached) => extrapolated(count.matches, reached, last_rowid),
                None => count.matches as f64,
            };
            idfs.push(idf(texts, holding));
        }
        let kept = Box::into_raw(Box::new(QueryWeights {
            average_length: tokens as f64 / texts.max(1) as f64,
            idf: idfs,
        }));
        let code =
            (api.xSetAuxdata.ok_or(missing)?)(fts, kept.cast::<c_void>(), Some(drop_weights));
        if code != ffi::SQLITE_OK {
            // FTS5 calls the destructor itself when it cannot keep the data.
            return Err(code);
        }
        Ok(&*kept)
    }
}

unsafe extern "C" fn drop_weights(weights: *mut c_void) {
    // SAFETY: only ever given a pointer made by `Box::into_raw` in `weights`.
    drop(unsafe { Box::from_raw(weights.cast::<QueryWeights>()) });
}

fn check(code: c_int) -> Result<(), c_int> {
    if code == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(code)
    }
}

/// The score of the row FTS5's cursor is on: bm25's, negated like FTS5's (lower is better).
///
/// # Safety
/// `api` and `fts` must be what FTS5 passed to the auxiliary function being run.
unsafe fn score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    up_to: i64,
    last_rowid: i64,
) -> Result<f64, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    // SAFETY: the caller's contract.
    unsafe {
        let weights = weights(api, fts, up_to, last_rowid)?;
        let mut frequency = vec![0.0_f64; weights.idf.len()];
        let mut instances: c_int = 0;
        check((api.xInstCount.ok_or(missing)?)(fts, &mut instances))?;
        let inst = api.xInst.ok_or(missing)?;
        for i in 0..instances {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            check(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
            if let Some(f) = usize::try_from(phrase)
                .ok()
                .and_then(|p| frequency.get_mut(p))
            {
                *f += 1.0;
            }
        }
        let mut length: c_int = 0;
        check((api.xColumnSize.ok_or(missing)?)(fts, -1, &mut length))?;
        let relative_length = f64::from(length) / weights.average_length;
        let score: f64 = weights
            .idf
            .iter()
            .zip(&frequency)
            .map(|(idf, f)| idf * (f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * relative_length)))
            .sum();
        Ok(-score)
    }
}

/// `estimated_bm25(search_index, count_up_to, last_rowid)`.
unsafe extern "C" fn estimated_bm25(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    context: *mut ffi::sqlite3_context,
    arguments: c_int,
    values: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 calls this with its API, the cursor, the result context and `arguments`
    // values after the table's.
    unsafe {
        if arguments != 2 {
            ffi::sqlite3_result_error(
                context,
                c"estimated_bm25 takes the table, a count bound and the last rowid".as_ptr(),
                -1,
            );
            return;
        }
        let up_to = ffi::sqlite3_value_int64(*values);
        let last_rowid = ffi::sqlite3_value_int64(*values.add(1));
        match score(&*api, fts, up_to, last_rowid) {
            Ok(score) => ffi::sqlite3_result_double(context, score),
            Err(code) => ffi::sqlite3_result_error_code(context, code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_stopped_early_is_scaled_by_how_far_it_got() {
        // The 100th match a tenth of the way through: about 1,000 in all.
        assert_eq!(extrapolated(100, 5_000, 50_000), 1_000.0);
        // Reaching the end counts what was seen.
        assert_eq!(extrapolated(100, 50_000, 50_000), 100.0);
        // A phrase in more than half the texts weighs next to nothing, as in bm25.
        assert_eq!(idf(1_000, 600.0), 1e-6);
        assert!((idf(1_000, 10.0) - (990.5_f64 / 10.5).ln()).abs() < 1e-12);
    }
}
