//! Whether the terminal's background is light or dark, for `theme = "auto"`: the
//! `COLORFGBG` variable when the terminal sets it, else the terminal asked with OSC 11 (its
//! background colour) once, at start-up, in raw mode, before the event loop reads any key.
//! A terminal that does not answer in time is taken as dark.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::config::ThemeName;

/// How long start-up waits for the terminal's answer. Terminals answer in a millisecond or
/// two; over SSH the answer crosses the network, so it gets longer: an answer arriving after
/// the wait would reach the event loop as keys.
const LOCAL_WAIT: Duration = Duration::from_millis(100);
const REMOTE_WAIT: Duration = Duration::from_millis(500);

/// OSC 11 asks for the background colour; DA1 (`ESC [ c`), which every terminal answers and
/// answers after the OSC 11 reply, ends the wait at once on terminals that ignore OSC 11.
const QUERY: &[u8] = b"\x1b]11;?\x1b\\\x1b[c";

/// `Dark` or `Light` for the terminal in use: from `COLORFGBG`, else by asking the terminal
/// (stdin and stdout must be it, in raw mode), else `Dark`.
pub(crate) fn detect() -> ThemeName {
    if let Some(light) = std::env::var("COLORFGBG")
        .ok()
        .and_then(|value| light_from_colorfgbg(&value))
    {
        return if light {
            ThemeName::Light
        } else {
            ThemeName::Dark
        };
    }
    let remote = ["SSH_CONNECTION", "SSH_TTY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some());
    match ask_terminal(if remote { REMOTE_WAIT } else { LOCAL_WAIT }) {
        Some(true) => ThemeName::Light,
        _ => ThemeName::Dark,
    }
}

/// `COLORFGBG` is "foreground;background" (rxvt adds a middle field): colour numbers of the
/// 16, where 0–6 and 8 are dark backgrounds and 7 and 9–15 light ones. `None` when the
/// background is not a number (`default`) or the value is not that shape.
pub(crate) fn light_from_colorfgbg(value: &str) -> Option<bool> {
    let mut fields = value.split(';');
    fields.next()?;
    let background: u8 = fields.next_back()?.trim().parse().ok()?;
    match background {
        0..=6 | 8 => Some(false),
        7 | 9..=15 => Some(true),
        _ => None,
    }
}

/// Whether a background colour reply (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST,
/// 1 to 4 hex digits a channel) is light: its relative luminance above one half. `None`
/// when `reply` holds no such answer.
pub(crate) fn light_from_reply(reply: &[u8]) -> Option<bool> {
    let text = String::from_utf8_lossy(reply);
    let start = text.find("\x1b]11;rgb:")? + "\x1b]11;rgb:".len();
    let rest = &text[start..];
    let end = rest.find(['\x07', '\x1b'])?;
    let channels: Vec<f64> = rest[..end]
        .split('/')
        .map(|hex| {
            let digits = u32::try_from(hex.len())
                .ok()
                .filter(|n| (1..=4).contains(n))?;
            let value = u32::from_str_radix(hex, 16).ok()?;
            Some(f64::from(value) / f64::from((1u32 << (4 * digits)) - 1))
        })
        .collect::<Option<_>>()?;
    let [red, green, blue] = channels[..] else {
        return None;
    };
    Some(0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5)
}

/// Asks the terminal on stdout and reads its answer from stdin until the DA1 answer, an
/// OSC 11 answer, or `wait` passes. `None` when nothing usable came back.
fn ask_terminal(wait: Duration) -> Option<bool> {
    use rustix::event::{PollFd, PollFlags};
    let stdin = io::stdin();
    let mut stdout = io::stdout();
    if !stdin.is_terminal() || !stdout.is_terminal() {
        return None;
    }
    stdout.write_all(QUERY).ok()?;
    stdout.flush().ok()?;
    let deadline = Instant::now() + wait;
    let mut reply = Vec::new();
    loop {
        if let Some(light) = light_from_reply(&reply) {
            return Some(light);
        }
        if answered_da1(&reply) {
            return None;
        }
        let left = deadline.checked_duration_since(Instant::now())?;
        let timeout = rustix::time::Timespec {
            tv_sec: 0,
            tv_nsec: i64::try_from(left.as_nanos()).unwrap_or(0),
        };
        let mut watch = [PollFd::new(&stdin, PollFlags::IN)];
        if rustix::event::poll(&mut watch, Some(&timeout)).unwrap_or(0) == 0 {
            return None;
        }
        let mut buffer = [0u8; 256];
        match rustix::io::read(&stdin, &mut buffer) {
            Ok(0) | Err(_) => return None,
            Ok(n) => reply.extend_from_slice(&buffer[..n]),
        }
    }
}

/// The DA1 answer: `ESC [ ?` then digits and semicolons, ended by `c`.
fn answered_da1(reply: &[u8]) -> bool {
    reply.windows(3).enumerate().any(|(at, w)| {
        w == b"\x1b[?"
            && reply[at + 3..]
                .iter()
                .find(|b| !(b.is_ascii_digit() || **b == b';'))
                .is_some_and(|b| *b == b'c')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(light_from_colorfgbg("15;0"), Some(false));
        assert_eq!(light_from_colorfgbg("0;15"), Some(true));
        assert_eq!(light_from_colorfgbg("0;7"), Some(true));
        assert_eq!(light_from_colorfgbg("7;8"), Some(false));
        assert_eq!(light_from_colorfgbg("0;default;15"), Some(true));
        assert_eq!(light_from_colorfgbg("15;default;0"), Some(false));
        assert_eq!(light_from_colorfgbg("default;default"), None);
        assert_eq!(light_from_colorfgbg("15"), None);
        assert_eq!(light_from_colorfgbg("0;200"), None);
        assert_eq!(light_from_colorfgbg(""), None);
    }

    #[test]
    fn a_background_reply_is_light_by_its_luminance() {
        assert_eq!(
            light_from_reply(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\"),
            Some(true)
        );
        assert_eq!(
            light_from_reply(b"\x1b]11;rgb:0000/0000/0000\x07"),
            Some(false)
        );
        // Solarized light and dark, two hex digits a channel.
        assert_eq!(light_from_reply(b"\x1b]11;rgb:fd/f6/e3\x07"), Some(true));
        assert_eq!(light_from_reply(b"\x1b]11;rgb:00/2b/36\x07"), Some(false));
        // Not finished yet, or not an answer.
        assert_eq!(light_from_reply(b"\x1b]11;rgb:ffff/ffff/ff"), None);
        assert_eq!(light_from_reply(b"\x1b]11;rgb:ffff/ffff\x07"), None);
        assert_eq!(light_from_reply(b"\x1b[?62;22c"), None);
    }

    #[test]
    fn the_da1_answer_ends_the_wait() {
        assert!(answered_da1(b"\x1b[?62;22c"));
        assert!(answered_da1(b"\x1b]11;rgb:0/0/0\x07\x1b[?1;2c"));
        assert!(!answered_da1(b"\x1b[?62;2"));
        assert!(!answered_da1(b"\x1b]11;rgb:0/0/0\x07"));
    }
}
