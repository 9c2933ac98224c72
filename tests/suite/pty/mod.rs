//! Driving the real `rapport` binary in a pseudo-terminal: type keys as a person would and
//! read the screen back through a terminal emulator (vt100).

#![allow(dead_code)] // each test file uses the part of the harness it needs

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
const PATIENCE: Duration = Duration::from_secs(15);

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// Kept open for the whole session, so the terminal's settings can be read after the
    /// program has ended.
    master: Box<dyn MasterPty + Send>,
    /// Shared with the reading thread, which answers the program's questions to the
    /// terminal (`start_answering`).
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the program wrote, for checks on what reached the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once the program's side of the terminal is closed and every byte was read.
    drained: Arc<std::sync::atomic::AtomicBool>,
}

impl Session {
    /// Starts `rapport` on `journal` in a fresh pseudo-terminal, with a private HOME.
    pub fn start(journal: &Path, home: &Path, extra_env: &[(&str, &str)]) -> Session {
        let command = CommandBuilder::new(env!("CARGO_BIN_EXE_rapport"));
        Session::launch(command, journal, home, extra_env, None)
    }

    /// Starts `rapport` as `start` does, in a terminal that answers `question` with `answer`
    /// each time the program writes it (as a terminal answers a query of its colours).
    pub fn start_answering(
        journal: &Path,
        home: &Path,
        extra_env: &[(&str, &str)],
        question: &'static [u8],
        answer: &'static [u8],
    ) -> Session {
        let command = CommandBuilder::new(env!("CARGO_BIN_EXE_rapport"));
        Session::launch(command, journal, home, extra_env, Some((question, answer)))
    }

    /// Starts an interactive shell with job control (bash) in a fresh pseudo-terminal, with
    /// the environment `start` gives Rapport, for tests of what a shell does with it (Ctrl-Z,
    /// `fg`). The prompt is `$ `.
    pub fn start_shell(journal: &Path, home: &Path) -> Session {
        let mut command = CommandBuilder::new("bash");
        command.args(["--norc", "--noprofile", "-i"]);
        Session::launch(command, journal, home, &[("PS1", "$ ")], None)
    }

    /// Starts `program` with `args` (a shell, say) in a fresh pseudo-terminal, with the
    /// environment `start` gives Rapport and `extra_env` over it.
    pub fn start_program(
        program: &str,
        args: &[&str],
        journal: &Path,
        home: &Path,
        extra_env: &[(&str, &str)],
    ) -> Session {
        let mut command = CommandBuilder::new(program);
        command.args(args);
        Session::launch(command, journal, home, extra_env, None)
    }

    fn launch(
        mut command: CommandBuilder,
        journal: &Path,
        home: &Path,
        extra_env: &[(&str, &str)],
        answering: Option<(&'static [u8], &'static [u8])>,
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        command.env_clear();
        command.env("TERM", "xterm-256color");
        command.env("HOME", home);
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        command.env("RAPPORT_DB", journal);
        command.env("RAPPORT_NOW", crate::common::NOW);
        command.env("XDG_CONFIG_HOME", home.join(".config"));
        command.env("XDG_DATA_HOME", home.join(".local/share"));
        for (name, value) in crate::common::passed_on() {
            command.env(name, value);
        }
        for (key, value) in extra_env {
            command.env(key, value);
        }
        let child = pty.slave.spawn_command(command).expect("rapport starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("a writer")));
        let answerer = Arc::clone(&writer);
        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (parser_in, raw_in) = (Arc::clone(&parser), Arc::clone(&raw));
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let drained_in = Arc::clone(&drained);
        let master = pty.master;
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                parser_in.lock().expect("parser").process(&buffer[..n]);
                let mut raw = raw_in.lock().expect("raw");
                let before = raw.len();
                raw.extend_from_slice(&buffer[..n]);
                // Only a question that ends in the bytes just read is new.
                if let Some((question, answer)) = answering
                    && raw[before.saturating_sub(question.len() - 1)..]
                        .windows(question.len())
                        .any(|w| w == question)
                {
                    let mut writer = answerer.lock().expect("writer");
                    let _ = writer.write_all(answer).and_then(|()| writer.flush());
                }
            }
            drained_in.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Session {
            child,
            master,
            writer,
            parser,
            raw,
            drained,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// The terminal's line settings now (on Linux the master reads the pair's settings).
    pub fn termios(&self) -> libc::termios {
        let fd = self
            .master
            .as_raw_fd()
            .expect("the master has a descriptor");
        // SAFETY: a zeroed termios is a valid value for tcgetattr to fill in.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is the open master of this session's pseudo-terminal.
        let result = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(result, 0, "the terminal settings can be read");
        termios
    }

    /// True when the terminal is back in cooked mode (line editing) with echo, as a shell
    /// expects it.
    pub fn cooked_with_echo(&self) -> bool {
        let flags = self.termios().c_lflag;
        flags & libc::ICANON != 0 && flags & libc::ECHO != 0
    }

    /// What the program wrote after it last left the alternate screen, without escape
    /// sequences: what stays visible in the leader's shell.
    pub fn output_after_leaving(&self) -> String {
        let raw = self.raw_output();
        let leave = b"\x1b[?1049l";
        let start = raw
            .windows(leave.len())
            .rposition(|w| w == leave)
            .map_or(0, |at| at + leave.len());
        strip_escapes(&String::from_utf8_lossy(&raw[start..]))
    }

    /// Like [`Session::position_of`], looking only at `row`.
    pub fn position_of_in_row(&self, row: u16, text: &str) -> Option<(u16, u16)> {
        self.position_from(row, text)
    }

    /// The row and terminal column where `text` starts on the screen. Columns count
    /// terminal cells, so a wide character (CJK, most emoji) takes two.
    pub fn position_of(&self, text: &str) -> Option<(u16, u16)> {
        self.position_from(u16::MAX, text)
    }

    /// Searches every row, or only `only` when it is a row number.
    fn position_from(&self, only: u16, text: &str) -> Option<(u16, u16)> {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for row in 0..rows {
            if only != u16::MAX && row != only {
                continue;
            }
            // Each non-empty cell's text, with the column it starts at; the second half of
            // a wide character is an empty cell and is skipped.
            let mut line = String::new();
            let mut starts = Vec::new();
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                if cell.is_wide_continuation() {
                    continue;
                }
                let content = cell.contents();
                let content = if content.is_empty() { " " } else { content };
                for _ in content.chars() {
                    starts.push(col);
                }
                line.push_str(content);
            }
            if let Some(at) = line.find(text) {
                let index = line[..at].chars().count();
                return Some((row, starts[index]));
            }
        }
        None
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "the screen never showed {text:?}; it shows:\n{}",
            self.screen()
        );
    }

    /// Presses Enter on the search panel's results until `opened` shows. The panel refuses
    /// an Enter that comes before the answer to the last letters typed ("Still searching"):
    /// the results on screen then belong to a shorter query. A person presses it again, and
    /// so does this.
    pub fn open_search_result(&mut self, opened: &str) {
        let start = Instant::now();
        self.enter();
        let mut pressed = Instant::now();
        while start.elapsed() < PATIENCE {
            let screen = self.screen();
            if screen.contains(opened) {
                return;
            }
            if screen.contains("Still searching") && pressed.elapsed() > Duration::from_millis(300)
            {
                self.enter();
                pressed = Instant::now();
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "the search result never opened {opened:?}; the screen shows:\n{}",
            self.screen()
        );
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_for_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if !self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("the screen still shows {text:?}:\n{}", self.screen());
    }

    /// Bytes the program wrote that the reader has not taken yet.
    fn unread_bytes(&self) -> libc::c_int {
        let Some(fd) = self.master.as_raw_fd() else {
            return 0;
        };
        let mut pending: libc::c_int = 0;
        // SAFETY: FIONREAD writes the count of readable bytes into `pending`.
        let result = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut pending) };
        if result == 0 { pending } else { 0 }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let mut writer = self.writer.lock().expect("writer");
        writer.write_all(bytes).expect("keys reach the program");
        writer.flush().expect("keys are flushed");
        drop(writer);
        // Let the program read each key on its own, as with a person typing.
        thread::sleep(Duration::from_millis(25));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut buffer = [0u8; 4];
            self.send(c.encode_utf8(&mut buffer).as_bytes());
        }
    }

    /// Types `text` in one write. A shell's line editor takes a burst as the keys it holds,
    /// one by one, so a shell test need not wait between them as [`Session::type_text`]
    /// does for the interface.
    pub fn type_at_once(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    pub fn tab(&mut self) {
        self.send(b"\t");
    }

    /// Tabs through the Log form until the field labelled `label` has the focus (its label
    /// reads "›Label"), reading the screen after each press: a field added to the form never
    /// makes a test count its Tabs again. Panics with the screen when it never comes.
    pub fn focus_field(&mut self, label: &str) {
        // More presses than the form has fields and need lines, so a round passes in full.
        const MOST_PRESSES: usize = 40;
        // Keys sent before (a name picked with Enter) are drawn first: each Tab below must
        // then move the focus exactly once.
        let mut before = self.settled_focus();
        for _ in 0..MOST_PRESSES {
            if before.0.as_deref() == Some(label) {
                return;
            }
            self.tab();
            let start = Instant::now();
            // The focus is where the label's marker or the cursor moved to.
            while (self.focus() == before || self.unread_bytes() > 0) && start.elapsed() < PATIENCE
            {
                thread::sleep(Duration::from_millis(5));
            }
            before = self.focus();
        }
        panic!(
            "Tab never brought the focus to {label:?}; the screen shows:\n{}",
            self.screen()
        );
    }

    /// [`Session::focus`] once it has not moved for a moment.
    fn settled_focus(&self) -> (Option<String>, (u16, u16)) {
        let mut focus = self.focus();
        let mut since = Instant::now();
        let start = Instant::now();
        while since.elapsed() < Duration::from_millis(100) && start.elapsed() < PATIENCE {
            thread::sleep(Duration::from_millis(10));
            let now = self.focus();
            if now != focus || self.unread_bytes() > 0 {
                focus = now;
                since = Instant::now();
            }
        }
        focus
    }

    /// The label marked as focused ("›Summary" reads "Summary"; none on a need's line),
    /// and the cursor's place.
    fn focus(&self) -> (Option<String>, (u16, u16)) {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        let contents = screen.contents();
        let label = contents.lines().find_map(|line| {
            let (_, after) = line.split_once('›')?;
            // Labels are padded to one width (eleven columns) before their value.
            let label: String = after.chars().take(11).collect();
            let label = label.trim();
            (!label.is_empty()).then(|| label.to_string())
        });
        (label, screen.cursor_position())
    }

    pub fn enter(&mut self) {
        self.send(b"\r");
    }

    pub fn ctrl(&mut self, letter: char) {
        self.send(&[(letter.to_ascii_lowercase() as u8) & 0x1f]);
    }

    pub fn pid(&self) -> i32 {
        self.child
            .process_id()
            .and_then(|p| i32::try_from(p).ok())
            .expect("a process id")
    }

    pub fn signal(&self, signal: i32) {
        // SAFETY: sending a signal to our own child process by its id.
        let result = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(result, 0, "the signal was delivered");
    }

    /// Waits for the program to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().expect("the child can be polled") {
                // The last bytes may still be on their way: wait until the reader has them
                // all (the terminal reports end of file), or a short while when it cannot
                // tell (the master stays open for the terminal settings).
                let read_all = Instant::now();
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && read_all.elapsed() < Duration::from_millis(500)
                    && self.unread_bytes() > 0
                {
                    thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("rapport did not exit; the screen shows:\n{}", self.screen());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Text without its CSI escape sequences (`ESC [ … final byte`).
pub fn strip_escapes(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}
