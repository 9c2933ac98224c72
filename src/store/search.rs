//! Full-text search over what the leader wrote, through the `search_index` FTS5 table that
//! migration 0002 builds and its triggers keep in step with every write. Since migration
//! 0009 the index holds no copy of the texts: snippets and a hit's columns are read from
//! the tables they are kept in, through the `search_source` view.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::rows::StoredUuid;
use super::{Result, Store};
use crate::domain::TextField;
use crate::domain::{Invalid, parse_iso_week};

/// Starts a match in [`SearchHit::snippet`]. A control character: the indexed copy of every
/// text has it replaced by a space, so it can only come from the search itself.
pub const MATCH_START: char = '\u{1}';
/// Ends a match in [`SearchHit::snippet`].
pub const MATCH_END: char = '\u{2}';

/// What kind of text a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A conversation's summary or notes; `item_id` is the conversation.
    Conversation,
    /// A note on how a need was met; `item_id` is the conversation.
    Need,
    /// A tag; `item_id` is the conversation.
    Tag,
    /// An aspiration's title, detail or horizon; `item_id` is the aspiration.
    Aspiration,
    /// A progress note on an aspiration; `item_id` is the aspiration.
    AspirationUpdate,
    /// `item_id` is the acknowledgement.
    Acknowledgement,
    /// An idea or the answer given; `item_id` is the idea.
    Idea,
    /// A weekly reflection; `item_id` is the reflection.
    Reflection,
    /// A follow-up's text; `item_id` is the follow-up.
    FollowUp,
    /// A talking point's text; `item_id` is the talking point.
    TalkingPoint,
    /// What someone told the leader about their leading; `item_id` is the feedback.
    Feedback,
    /// What meets a need for someone; `item_id` is the note.
    MeetsNeed,
    /// What was handed over to someone; `item_id` is the delegation.
    Delegation,
    /// A statement of the team's direction; `item_id` is the statement.
    Direction,
    /// A moment's label; `item_id` is the moment.
    Moment,
}

impl HitKind {
    pub(crate) const ALL: &'static [HitKind] = &[
        HitKind::Conversation,
        HitKind::Need,
        HitKind::Tag,
        HitKind::Aspiration,
        HitKind::AspirationUpdate,
        HitKind::Acknowledgement,
        HitKind::Idea,
        HitKind::Reflection,
        HitKind::FollowUp,
        HitKind::TalkingPoint,
        HitKind::Feedback,
        HitKind::MeetsNeed,
        HitKind::Delegation,
        HitKind::Direction,
        HitKind::Moment,
    ];

    /// The word stored in the index (and used in JSON).
    pub(crate) fn key(self) -> &'static str {
        match self {
            HitKind::Conversation => "conversation",
            HitKind::Need => "need",
            HitKind::Tag => "tag",
            HitKind::Aspiration => "aspiration",
            HitKind::AspirationUpdate => "aspiration_update",
            HitKind::Acknowledgement => "acknowledgement",
            HitKind::Idea => "idea",
            HitKind::Reflection => "reflection",
            HitKind::FollowUp => "follow_up",
            HitKind::TalkingPoint => "talking_point",
            HitKind::Feedback => "feedback",
            HitKind::MeetsNeed => "meets_need",
            HitKind::Delegation => "delegation",
            HitKind::Direction => "direction",
            HitKind::Moment => "moment",
        }
    }

    /// How lists show it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            HitKind::Conversation => "conversation",
            HitKind::Need => "need",
            HitKind::Tag => "tag",
            HitKind::Aspiration => "aspiration",
            HitKind::AspirationUpdate => "progress",
            HitKind::Acknowledgement => "ack",
            HitKind::Idea => "idea",
            HitKind::Reflection => "reflection",
            HitKind::FollowUp => "follow-up",
            HitKind::TalkingPoint => "talking pt",
            HitKind::Feedback => "feedback",
            HitKind::MeetsNeed => "meets need",
            HitKind::Delegation => "handed over",
            HitKind::Direction => "direction",
            HitKind::Moment => "moment",
        }
    }

    fn from_key(key: &str) -> Option<HitKind> {
        HitKind::ALL.iter().copied().find(|k| k.key() == key)
    }

    /// The table `item_id` is a row of: the one its key names, but for the parts of a
    /// conversation and an aspiration's progress notes.
    fn table(self) -> &'static str {
        match self {
            HitKind::Conversation | HitKind::Need | HitKind::Tag => "conversation",
            HitKind::Aspiration | HitKind::AspirationUpdate => "aspiration",
            kind => kind.key(),
        }
    }
}

/// The UUID of the row a search entry names, as one SQL expression: a `CASE` over every
/// kind, made from [`HitKind::ALL`] and [`HitKind::table`], so a new kind of entry is never
/// left without one (its hits would be dropped, the row unnamed).
fn uuid_of_item() -> &'static str {
    static EXPRESSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    EXPRESSION.get_or_init(|| {
        let arms: String = HitKind::ALL
            .iter()
            .map(|kind| {
                format!(
                    " WHEN '{}' THEN (SELECT uuid FROM {} WHERE id = search_index.item_id)",
                    kind.key(),
                    kind.table()
                )
            })
            .collect();
        format!("CASE search_index.kind{arms} END")
    })
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The row to open: see [`HitKind`] for which table it is in.
    pub item_id: i64,
    /// That row's UUID.
    pub uuid: uuid::Uuid,
    /// Whose it is; `None` for reflections.
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub person_uuid: Option<uuid::Uuid>,
    /// The conversation's day, the day of the note, idea or acknowledgement, the day an
    /// aspiration was written down, the day a follow-up was made or a talking point raised,
    /// the Monday of a reflection's week.
    pub date: NaiveDate,
    /// Up to a dozen words around the best match, each match between [`MATCH_START`] and
    /// [`MATCH_END`]. The text is the leader's own: it may hold any other character, so
    /// show it through the usual terminal-safe cleaning; [`segments`] splits it.
    pub snippet: String,
    /// Its bm25 score, lower is better: FTS5's bm25, except that a word in more than ten
    /// thousand texts has that number estimated (see `store/ranking.rs`).
    pub rank: f64,
}

impl SearchHit {
    /// The snippet as `(text, is_match)` pieces.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        segments(&self.snippet)
    }
}

/// Splits a snippet into `(text, is_match)` pieces at the match markers.
pub fn segments(snippet: &str) -> Vec<(&str, bool)> {
    let mut pieces = Vec::new();
    let mut rest = snippet;
    let mut inside = false;
    while !rest.is_empty() {
        let marker = if inside { MATCH_END } else { MATCH_START };
        let (piece, after) = match rest.split_once(marker) {
            Some((piece, after)) => (piece, after),
            None => (rest, ""),
        };
        if !piece.is_empty() {
            pieces.push((piece, inside));
        }
        rest = after;
        inside = !inside;
    }
    pieces
}

/// A query matching more texts than this ranks the most recently written ones: beyond it a
/// common word would cost more with every year of history, and its older matches rank no
/// better than the newer ones anyway.
pub(crate) const RANKED_AT_MOST: i64 = 20_000;

/// Search as you type ranks fewer: each keystroke must show its results at once, and past
/// the one pass bm25 makes over every match to weigh the words, ranking costs up to a
/// microsecond for each match it scores (`the*`, in 620,000 texts of the ten-year journal:
/// 22 ms with 20,000 ranked, 13 ms with 5,000). `rapport search` still ranks
/// [`RANKED_AT_MOST`].
pub(super) const RANKED_AS_YOU_TYPE: i64 = 5_000;

/// How many texts holding a searched word are counted, to weigh the word, before the rest are
/// estimated from how far through the journal the count got (see `ranking.rs`). bm25 counts
/// them all: 620,000 for `the*` in the ten-year journal, 11 ms of every keystroke. Ten
/// thousand take about 0.2 ms and put the estimate within a few per cent; a word in fewer
/// texts is counted exactly, so its score is bm25's.
pub(super) const COUNTED_AT_MOST: i64 = 10_000;

impl Store {
    /// The best `limit` matches of `query` (of one person's texts when `person_id` is
    /// given), best first.
    ///
    /// The query is a list of words (all must match, in any order, accents ignored), with
    /// `"a phrase"` in quotes, `plan*` for a prefix, `AND`, `OR`, `NOT` and parentheses.
    /// Words with other punctuation (`one-on-one`, `q3:plan`) are searched as phrases. A
    /// query SQLite cannot read is [`Invalid::SearchQuery`], never an SQL message.
    pub fn search(
        &self,
        query: &str,
        person_id: Option<i64>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.search_ranking(query, person_id, limit, RANKED_AT_MOST)
    }

    /// [`Store::search`] for search as you type: everyone's texts, ranking at most the
    /// `RANKED_AS_YOU_TYPE` most recently written matches.
    pub fn search_as_you_type(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_ranking(query, None, limit, RANKED_AS_YOU_TYPE)
    }

    /// [`Store::search`], ranking at most the `ranked` most recently written matches.
    fn search_ranking(
        &self,
        query: &str,
        person_id: Option<i64>,
        limit: usize,
        ranked: i64,
    ) -> Result<Vec<SearchHit>> {
        let expression = fts_query(query)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Ranking reads only each match's rank; the columns and the snippet are read for the
        // page of best matches alone. One statement doing both made SQLite build a snippet
        // and read the stored row of every match before sorting (90,000 for a common word
        // in the large journal: 160 ms instead of 45).
        //
        // Ranking scores every match it is given, so a word in most texts would cost more
        // each year. Only the `RANKED_AT_MOST` most recently written matches are ranked:
        // the inner query walks the match list from the newest (FTS5 reads it in rowid
        // order, without sorting) and scores those; the outer one keeps the best. One
        // MATCH, not one to find the cut-off and another to rank: a prefix query (`con*`)
        // merges the lists of every word it matches each time it runs.
        //
        // One person's texts are picked by rowid: the index keeps no columns (migration 9),
        // so `person_id` would be read through the `search_source` view for every match. The
        // person's entries are found once from the tables' person indexes; the `+` keeps
        // SQLite from asking FTS5 for each of them with a MATCH of its own.
        //
        // The score is bm25's, but a word in more than `COUNTED_AT_MOST` texts has its count
        // estimated rather than walked to the end (`ranking.rs`).
        let mut best = self.conn.prepare_cached(
            "SELECT rowid, score FROM (
                 SELECT rowid,
                        estimated_bm25(search_index, ?5,
                                       (SELECT max(entry) FROM search_entry)) AS score
                   FROM search_index
                  WHERE search_index MATCH ?1
                    AND (?2 IS NULL OR +rowid IN (
                        SELECT entry FROM search_entry WHERE source IN (
                            SELECT id * 16 + 1 FROM conversation WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 2 FROM conversation_need WHERE person_id = ?2
                            UNION ALL
                            SELECT t.id * 16 + 3 FROM conversation c
                              JOIN conversation_tag t ON t.conversation_id = c.id
                             WHERE c.person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 4 FROM aspiration WHERE person_id = ?2
                            UNION ALL
                            SELECT u.id * 16 + 5 FROM aspiration a
                              JOIN aspiration_update u ON u.aspiration_id = a.id
                             WHERE a.person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 6 FROM acknowledgement WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 7 FROM idea WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 9 FROM follow_up WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 10 FROM talking_point WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 11 FROM feedback WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 15 FROM meets_need WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 14 FROM delegation WHERE person_id = ?2
                            UNION ALL
                            SELECT id * 16 + 12 FROM moment WHERE person_id = ?2)))
                  ORDER BY rowid DESC
                  LIMIT ?4)
              ORDER BY score, rowid
              LIMIT ?3",
        )?;
        let bad_query = |error: rusqlite::Error| -> super::Error {
            let message = error.to_string();
            if message.contains("fts5") || message.contains("no such column") {
                Invalid::SearchQuery(query.trim().to_string()).into()
            } else {
                error.into()
            }
        };
        let ranked = best
            .query_map(
                params![expression, person_id, limit, ranked, COUNTED_AT_MOST],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, f64>(1)?)),
            )
            .map_err(bad_query)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(bad_query)?;
        let (Some(first), Some(last)) = (
            ranked.iter().map(|(rowid, _)| *rowid).min(),
            ranked.iter().map(|(rowid, _)| *rowid).max(),
        ) else {
            return Ok(Vec::new());
        };
        // The page's rows and snippets in one statement. A prefix query (`abo*`) merges the
        // lists of every word it matches each time it runs, so asking row by row cost that
        // merge once per hit (50 hits: 250 ms). The rowid range is what FTS5 reads; the list
        // of rowids (its `+` keeps SQLite from turning it into one lookup per rowid) picks
        // the page out of it.
        let mut shown = self.conn.prepare_cached(&format!(
            "SELECT search_index.rowid, search_index.kind, search_index.item_id,
                    search_index.person_id, person.name, search_index.day,
                    snippet(search_index, 0, char(1), char(2), '…', 12), person.uuid,
                    {uuid_of_item}
               FROM search_index LEFT JOIN person ON person.id = search_index.person_id
              WHERE search_index MATCH ?1
                AND search_index.rowid BETWEEN ?2 AND ?3
                AND +search_index.rowid IN (SELECT value FROM json_each(?4))",
            uuid_of_item = uuid_of_item()
        ))?;
        // A JSON array of the rowids, for json_each.
        let page = format!(
            "[{}]",
            ranked
                .iter()
                .map(|(rowid, _)| rowid.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        let mut rows = HashMap::with_capacity(ranked.len());
        let mut found = shown
            .query(params![expression, first, last, page])
            .map_err(bad_query)?;
        while let Some(row) = found.next().map_err(bad_query)? {
            let kind_text: String = row.get(1)?;
            let Some(kind) = HitKind::from_key(&kind_text) else {
                continue;
            };
            let day: String = row.get(5)?;
            let date = if kind == HitKind::Reflection {
                parse_iso_week(&day).ok()
            } else {
                NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()
            };
            let Some(date) = date else { continue };
            // The row the index names ([`uuid_of_item`]).
            let Some(uuid) = row.get::<_, Option<StoredUuid>>(8)? else {
                continue;
            };
            let hit = SearchHit {
                kind,
                item_id: row.get(2)?,
                uuid: uuid.0,
                person_id: row.get(3)?,
                person_name: row.get(4)?,
                person_uuid: row.get::<_, Option<StoredUuid>>(7)?.map(|stored| stored.0),
                date,
                snippet: row.get(6)?,
                rank: 0.0,
            };
            rows.insert(row.get::<_, i64>(0)?, hit);
        }
        let hits = ranked
            .into_iter()
            .filter_map(|(rowid, rank)| rows.remove(&rowid).map(|hit| SearchHit { rank, ..hit }))
            .collect();
        Ok(hits)
    }
}

/// Turns what the leader typed into an FTS5 expression: quoted phrases, `*` prefixes,
/// operators and parentheses pass through; any other word with characters FTS5 would read
/// as syntax becomes a quoted phrase. Unbalanced quotes and empty queries are refused here;
/// what is left for SQLite to refuse (a bare `AND`, an unclosed parenthesis) is refused by
/// the caller with the same sentence.
fn fts_query(input: &str) -> Result<String, Invalid> {
    let bad = || Invalid::SearchQuery(input.trim().to_string());
    if input.trim().is_empty() {
        return Err(Invalid::Empty(TextField::Search));
    }
    let mut out: Vec<String> = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' => {
                chars.next();
                out.push(c.to_string());
            }
            '"' => {
                chars.next();
                let mut phrase = String::new();
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            phrase.push_str("\"\"");
                        }
                        Some('"') => break,
                        Some(c) => phrase.push(c),
                        None => return Err(bad()),
                    }
                }
                let star = if chars.peek() == Some(&'*') {
                    chars.next();
                    "*"
                } else {
                    ""
                };
                out.push(format!("\"{phrase}\"{star}"));
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '"' | '(' | ')') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(bare_word(&word));
            }
        }
    }
    Ok(out.join(" "))
}

fn bare_word(word: &str) -> String {
    if matches!(word, "AND" | "OR" | "NOT") {
        return word.to_string();
    }
    let (stem, star) = match word.strip_suffix('*') {
        Some(stem) if !stem.is_empty() => (stem, "*"),
        _ => (word, ""),
    };
    let plain = stem
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || !c.is_ascii());
    // NEAR is an FTS5 keyword; searching for the word itself needs quotes.
    if plain && stem != "NEAR" {
        format!("{stem}{star}")
    } else {
        format!("\"{}\"{star}", stem.replace('"', "\"\""))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ranking, test_journal};
    use super::*;

    /// Every kind of entry the search view writes is a [`HitKind`] with a table to name its
    /// row by, and every `HitKind` is written by the view: a kind missing on either side
    /// would have its hits dropped without a word.
    #[test]
    fn every_kind_the_search_view_writes_is_a_hit_kind_and_named_by_its_uuid() {
        let (_dir, store, _) = test_journal::with_priya();
        let view: String = store
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'search_source'",
                [],
                |r| r.get(0),
            )
            .expect("the search view");
        // Each source's kind is the quoted word before its row's id (`'idea', s.id`).
        let mut written: Vec<&str> = view
            .split('\'')
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|pair| {
                let after = pair[1].trim_start_matches(", ");
                pair[1].starts_with(", ")
                    && after.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && after.chars().nth(1) == Some('.')
            })
            .map(|pair| pair[0])
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        written.sort_unstable();
        written.dedup();
        let mut kinds: Vec<&str> = HitKind::ALL.iter().map(|kind| kind.key()).collect();
        kinds.sort_unstable();
        assert_eq!(written, kinds);
        assert_eq!(
            uuid_of_item().matches(" WHEN ").count(),
            HitKind::ALL.len(),
            "{}",
            uuid_of_item()
        );
    }

    #[test]
    fn queries_become_fts5_expressions() {
        assert_eq!(fts_query("plan budget").unwrap(), "plan budget");
        assert_eq!(fts_query("plan*").unwrap(), "plan*");
        assert_eq!(
            fts_query("\"career path\" OR mentor").unwrap(),
            "\"career path\" OR mentor"
        );
        assert_eq!(fts_query("one-on-one").unwrap(), "\"one-on-one\"");
        assert_eq!(fts_query("q3:plan*").unwrap(), "\"q3:plan\"*");
        assert_eq!(fts_query("(a OR b) c").unwrap(), "( a OR b ) c");
        assert_eq!(fts_query("café").unwrap(), "café");
        assert!(fts_query("\"open").is_err());
        assert!(matches!(fts_query("  "), Err(Invalid::Empty(_))));
    }

    #[test]
    fn only_the_most_recently_written_matches_are_ranked() {
        let (_dir, mut store, person) = test_journal::with_priya();
        let mut ids = Vec::new();
        for i in 0..6 {
            // The oldest texts say "rollout" most often: the best matches by rank.
            let summary = format!("rollout {}", "rollout ".repeat(6 - i));
            let input = test_journal::one_on_one(person, &summary, store.local_now());
            let saved = store.save_conversation(&input).expect("saved");
            ids.push(saved.conversation_id);
        }
        let all = store
            .search_ranking("rollout", None, 10, 100)
            .expect("hits");
        assert_eq!(all.len(), 6);
        assert_eq!(
            all[0].item_id, ids[0],
            "the oldest ranks best when all are ranked"
        );
        let newest = store.search_ranking("rollout", None, 10, 3).expect("hits");
        let mut found: Vec<i64> = newest.iter().map(|h| h.item_id).collect();
        found.sort_unstable();
        assert_eq!(found, ids[3..].to_vec(), "only the three newest are ranked");
        assert!(
            newest.windows(2).all(|w| w[0].rank <= w[1].rank),
            "still best first"
        );
    }

    /// A journal whose texts are `summaries`, one conversation each, indexed in that order
    /// (rowids 1, 2, …).
    fn journal_of(summaries: &[String]) -> (tempfile::TempDir, Store) {
        let (dir, mut store, person) = test_journal::with_priya();
        for summary in summaries {
            let input = test_journal::one_on_one(person, summary, store.local_now());
            store.save_conversation(&input).expect("saved");
        }
        (dir, store)
    }

    /// `(rowid, estimated_bm25 with the bound given, FTS5's bm25)` of every match.
    fn both_scores(store: &Store, query: &str, counted_at_most: i64) -> Vec<(i64, f64, f64)> {
        store
            .conn
            .prepare(
                "SELECT rowid,
                        estimated_bm25(search_index, ?2, (SELECT max(entry) FROM search_entry)),
                        bm25(search_index)
                   FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid",
            )
            .expect("prepared")
            .query_map(params![query, counted_at_most], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .expect("ran")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    #[test]
    fn words_counted_to_the_end_score_exactly_as_bm25() {
        let summaries: Vec<String> = (0..40)
            .map(|i| match i % 4 {
                0 => format!("the rollout plan {}", "the ".repeat(i % 7)),
                1 => "team offsite plan and the budget".to_string(),
                2 => format!("rollout {} went well", "slowly ".repeat(i % 5)),
                _ => "a quiet week".to_string(),
            })
            .collect();
        let (_dir, store) = journal_of(&summaries);
        for query in [
            "the",
            "rollout plan",
            "the* pla*",
            "\"rollout plan\"",
            "team OR rollout",
        ] {
            let scores = both_scores(&store, query, COUNTED_AT_MOST);
            assert!(!scores.is_empty(), "{query} matches");
            for (rowid, estimated, bm25) in scores {
                assert!(
                    (estimated - bm25).abs() <= 1e-12 * bm25.abs().max(1.0),
                    "{query}, row {rowid}: {estimated} against bm25's {bm25}"
                );
            }
        }
    }

    #[test]
    fn a_word_past_the_bound_is_weighed_by_its_count_extrapolated() {
        // "sprint" is in texts 1, 2, 3 and 20 of 20. Counted to the end: 4 texts. Counting
        // stops at the third, at rowid 3 of 20: an estimated 3 × 20 / 3 = 20 texts, more
        // than half, so bm25's floor weight.
        let summaries: Vec<String> = (1..=20)
            .map(|i| {
                if i <= 3 || i == 20 {
                    format!("sprint review {}", "notes ".repeat(i % 3))
                } else {
                    "quiet week".to_string()
                }
            })
            .collect();
        let (_dir, store) = journal_of(&summaries);
        let exact_idf = ranking::idf(20, 4.0);
        let estimated_idf = ranking::idf(20, ranking::extrapolated(3, 3, 20));
        assert_eq!(estimated_idf, 1e-6);
        let scores = both_scores(&store, "sprint", 3);
        assert_eq!(scores.len(), 4);
        for (rowid, estimated, bm25) in scores {
            let expected = bm25 / exact_idf * estimated_idf;
            assert!(
                (estimated - expected).abs() <= 1e-12,
                "row {rowid}: {estimated}, expected {expected}"
            );
        }
        // Bound not reached: the exact count, bm25's score.
        for (_, estimated, bm25) in both_scores(&store, "sprint", 5) {
            assert!((estimated - bm25).abs() <= 1e-12);
        }
    }

    #[test]
    fn snippets_split_at_markers() {
        let text = format!("we {MATCH_START}plan{MATCH_END} the {MATCH_START}q3{MATCH_END}");
        assert_eq!(
            segments(&text),
            vec![
                ("we ", false),
                ("plan", true),
                (" the ", false),
                ("q3", true)
            ]
        );
        assert_eq!(segments("plain"), vec![("plain", false)]);
    }
}
