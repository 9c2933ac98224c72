//! Searches run on their own thread and connection, so typing never waits for the index: a
//! query overtaken by more typing is interrupted, and only the newest answer is kept.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use rusqlite::InterruptHandle;

use crate::store::{self, Reopener, SearchHit, Store};

/// One question to the worker: its number and the query as the index reads it.
struct Request {
    id: u64,
    query: String,
    limit: usize,
}

/// The worker's answer to request `id`: hits, or why the query could not run.
pub(crate) struct Answer {
    pub id: u64,
    pub result: Result<Vec<SearchHit>, String>,
}

pub(crate) struct SearchWorker {
    requests: Sender<Request>,
    answers: Receiver<Answer>,
    /// The worker's connection, to stop a query that is no longer wanted.
    interrupt: Arc<Mutex<Option<InterruptHandle>>>,
    last_id: u64,
}

impl SearchWorker {
    /// Starts the thread; it opens its own connection to the journal (on the interface's
    /// clock, with its key), and writes a byte to `wake` after each answer so that a loop
    /// sleeping on the other end of it sees the answer at once.
    pub(crate) fn start_waking(journal: Reopener, wake: Option<UnixStream>) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, answers) = mpsc::channel::<Answer>();
        let interrupt = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&interrupt);
        thread::spawn(move || {
            // The interface opened the journal already; a file gone by now (the app shut
            // down, the journal moved) is never created anew by a search.
            let opened = if journal.path().is_file() {
                // Searching as the leader types reads the same index pages at every letter.
                journal
                    .open()
                    .and_then(|store| store.keep_pages_for_the_interface().map(|()| store))
            } else {
                Err(store::Error::Io {
                    action: "open",
                    path: journal.path().to_path_buf(),
                    source: std::io::ErrorKind::NotFound.into(),
                })
            };
            let store = match opened {
                Ok(store) => store,
                Err(e) => {
                    // Every question gets the same answer: the search cannot run.
                    for request in inbox {
                        let result = Err(format!("The search could not open the journal: {e}"));
                        if outbox
                            .send(Answer {
                                id: request.id,
                                result,
                            })
                            .is_err()
                        {
                            break;
                        }
                        nudge(wake.as_ref());
                    }
                    return;
                }
            };
            if let Ok(mut slot) = shared.lock() {
                *slot = Some(store.interrupt_handle());
            }
            serve(&store, &inbox, &outbox, wake.as_ref());
        });
        SearchWorker {
            requests,
            answers,
            interrupt,
            last_id: 0,
        }
    }

    /// Asks for `query`, stopping the query still running for an older request. Returns
    /// the request's number.
    pub(crate) fn ask(&mut self, query: String, limit: usize) -> u64 {
        self.last_id += 1;
        if let Ok(slot) = self.interrupt.lock()
            && let Some(handle) = slot.as_ref()
        {
            handle.interrupt();
        }
        // A worker that has gone away leaves the request unanswered; the panel shows it
        // as still searching, which is true.
        let _ = self.requests.send(Request {
            id: self.last_id,
            query,
            limit,
        });
        self.last_id
    }

    /// The newest answer that has arrived, if any; older ones are dropped. A worker that
    /// has stopped answers the last request with a sentence saying so.
    pub(crate) fn newest_answer(&self) -> Option<Answer> {
        let mut newest = None;
        loop {
            match self.answers.try_recv() {
                Ok(answer) => newest = Some(answer),
                Err(mpsc::TryRecvError::Empty) => return newest,
                Err(mpsc::TryRecvError::Disconnected) => {
                    return newest.or_else(|| {
                        Some(Answer {
                            id: self.last_id,
                            result: Err(
                                "The search stopped working; reopen Rapport to search again."
                                    .to_string(),
                            ),
                        })
                    });
                }
            }
        }
    }
}

/// Answers requests until the app goes away, always the newest one waiting.
fn serve(
    store: &Store,
    inbox: &Receiver<Request>,
    outbox: &Sender<Answer>,
    wake: Option<&UnixStream>,
) {
    while let Ok(mut request) = inbox.recv() {
        loop {
            while let Ok(newer) = inbox.try_recv() {
                request = newer;
            }
            match store.search_as_you_type(&request.query, request.limit) {
                Err(store::Error::Sqlite(e)) if interrupted(&e) => {
                    // Stopped for a newer request, or by a stop that came just too late
                    // for the previous one: either way, answer the newest.
                    continue;
                }
                result => {
                    let result = result.map_err(|e| match e {
                        store::Error::Invalid(invalid) => invalid.to_string(),
                        other => format!("The search could not run: {other}"),
                    });
                    if outbox
                        .send(Answer {
                            id: request.id,
                            result,
                        })
                        .is_err()
                    {
                        return;
                    }
                    nudge(wake);
                    break;
                }
            }
        }
    }
}

/// Tells the event loop an answer is waiting. A full socket already holds a wake-up, and a
/// closed one has no loop to wake, so a failed write needs nothing more.
fn nudge(wake: Option<&UnixStream>) {
    if let Some(mut wake) = wake {
        let _ = wake.write(&[1]);
    }
}

fn interrupted(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::OperationInterrupted
    )
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::demo::{self, DemoOptions};

    fn answer_to(worker: &SearchWorker, id: u64) -> Answer {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(answer) = worker.newest_answer()
                && answer.id == id
            {
                return answer;
            }
            assert!(Instant::now() < deadline, "no answer to request {id}");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn demo_store(dir: &tempfile::TempDir) -> Store {
        let path = dir.path().join("journal.db");
        let mut store =
            Store::open_with_clock(&path, crate::clock::test_clock()).expect("the journal opens");
        let now = store.local_now();
        demo::generate(&mut store, &DemoOptions::default(), now).expect("the demo team");
        store
    }

    #[test]
    fn of_the_questions_waiting_only_the_newest_is_answered() {
        let dir = tempfile::TempDir::new().expect("a temp dir");
        let store = demo_store(&dir);
        let (requests, inbox) = mpsc::channel();
        let (outbox, answers) = mpsc::channel();
        for (id, query) in [(1, "rollback"), (2, "migration"), (3, "conference")] {
            let query = query.to_string();
            requests
                .send(Request {
                    id,
                    query,
                    limit: 10,
                })
                .expect("queued");
        }
        // With the three waiting and no more to come, the worker answers and returns.
        drop(requests);
        serve(&store, &inbox, &outbox, None);
        drop(outbox);
        let answered: Vec<Answer> = answers.iter().collect();
        assert_eq!(
            answered.iter().map(|a| a.id).collect::<Vec<_>>(),
            [3],
            "the older questions are never answered"
        );
        let hits = answered[0].result.as_ref().expect("the search runs");
        assert!(!hits.is_empty());
        assert!(
            hits.iter()
                .all(|h| h.snippet.to_lowercase().contains("conference")),
            "the answer is to the last question"
        );
    }

    #[test]
    fn the_thread_answers_the_newest_question_and_mistakes_come_back_as_sentences() {
        let dir = tempfile::TempDir::new().expect("a temp dir");
        let store = demo_store(&dir);
        let mut worker = SearchWorker::start_waking(store.reopener(), None);
        worker.ask("rollback".into(), 10);
        let newest = worker.ask("conference".into(), 10);
        let answer = answer_to(&worker, newest);
        let hits = answer.result.expect("the search runs");
        assert!(
            !hits.is_empty()
                && hits
                    .iter()
                    .all(|h| h.snippet.to_lowercase().contains("conference")),
            "the answer is to the last question"
        );
        let bad = worker.ask("\"unclosed".into(), 10);
        let problem = answer_to(&worker, bad).result.expect_err("refused");
        // The rule, not the echo of what was typed.
        assert!(
            problem.contains("is not a search I understand"),
            "{problem}"
        );
    }
}
