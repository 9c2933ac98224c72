//! Printing for people and for programs.

use std::io::{self, Write};

use serde::Serialize;

use super::{Failure, Outcome};

/// Pretty JSON followed by a newline.
pub(crate) fn json(out: &mut dyn Write, value: &impl Serialize) -> Outcome {
    // The JSON writer writes a token at a time: gathered first, the filters after it look
    // at 64 KiB at once, not at millions of few-byte writes.
    let mut out = io::BufWriter::with_capacity(1 << 16, ControlFilter::escape_c1(out));
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(|e| Failure::Runtime(format!("could not write the output: {e}")))?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// The wording and fitting shared with the terminal interface; `cell` pads by display
/// width, so names in wide scripts line up.
pub(crate) use crate::views::text::{
    block, pad as cell, printable as line, relative, standing, standing_sentence,
};

/// A writer that rewrites control characters on their way out, whatever the chunks the
/// text arrives in (a C1 control is two bytes in UTF-8, 0xC2 then 0x80 to 0x9F).
pub(crate) struct ControlFilter<W: Write> {
    inner: W,
    rewrite: Rewrite,
    /// A 0xC2 lead byte whose second byte has not arrived yet.
    lead: bool,
}

/// What a [`ControlFilter`] does with a control character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rewrite {
    /// C1 controls become JSON's `\u00XX`; C0 controls (which JSON escapes) are left alone.
    JsonC1,
    /// Every control but line breaks, tabs and carriage returns becomes `�`.
    Replacement,
}

const REPLACEMENT: &[u8] = "\u{fffd}".as_bytes();

impl<W: Write> ControlFilter<W> {
    /// Passes JSON through, writing the C1 control characters (U+0080 to U+009F) as `\u00XX`
    /// escapes. JSON escapes only the C0 controls, and some terminals act on a C1 character
    /// (U+009B starts an escape sequence) even in UTF-8. Outside strings JSON is ASCII, so
    /// every such character is inside a string, where the escape means the same character.
    pub(crate) fn escape_c1(inner: W) -> Self {
        ControlFilter {
            inner,
            rewrite: Rewrite::JsonC1,
            lead: false,
        }
    }

    /// Everything a command prints on standard output passes through this, after the commands'
    /// own [`line`] and [`block`]: a control character that still reaches it (a name stored by
    /// an older Rapport, a word in a message) is written as `�`, as [`line`] writes it. Line
    /// breaks, tabs and carriage returns stay: they shape the output. JSON, which escapes every
    /// control character, passes unchanged.
    pub(crate) fn safe_terminal(inner: W) -> Self {
        ControlFilter {
            inner,
            rewrite: Rewrite::Replacement,
            lead: false,
        }
    }

    fn c1(&mut self, byte: u8) -> std::io::Result<()> {
        match self.rewrite {
            Rewrite::JsonC1 => write!(self.inner, "\\u{:04x}", byte),
            Rewrite::Replacement => self.inner.write_all(REPLACEMENT),
        }
    }

    /// Where the next byte this filter rewrites (or the lead byte of a C1 control) is.
    fn next_rewritten(&self, buf: &[u8]) -> Option<usize> {
        match self.rewrite {
            Rewrite::JsonC1 => memchr::memchr(0xc2, buf),
            Rewrite::Replacement => {
                // Whole blocks are looked at without stopping early, which the compiler
                // turns into a few wide comparisons; only a block with one is searched.
                const BLOCK: usize = 64;
                let mut at = 0;
                for block in buf.chunks(BLOCK) {
                    if block
                        .iter()
                        .fold(false, |found, &b| found | is_rewritten(b))
                    {
                        return block.iter().position(|&b| is_rewritten(b)).map(|i| at + i);
                    }
                    at += block.len();
                }
                None
            }
        }
    }

    /// The second byte of a two-byte character led by 0xC2: a C1 control is rewritten.
    fn after_lead(&mut self, byte: u8) -> std::io::Result<()> {
        if (0x80..=0x9f).contains(&byte) {
            self.c1(byte)
        } else {
            self.inner.write_all(&[0xc2, byte])
        }
    }
}

/// Whether the terminal filter rewrites `byte` (or must look at the byte after it): a C0
/// control but line breaks, tabs and carriage returns, DEL, or 0xC2.
fn is_rewritten(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\n' | b'\t' | b'\r')) || byte == 0x7f || byte == 0xc2
}

impl<W: Write> Write for ControlFilter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        if self.lead
            && let Some((&byte, after)) = rest.split_first()
        {
            self.lead = false;
            self.after_lead(byte)?;
            rest = after;
        }
        while let Some(i) = self.next_rewritten(rest) {
            self.inner.write_all(&rest[..i])?;
            if rest[i] == 0xc2 {
                let Some(&byte) = rest.get(i + 1) else {
                    self.lead = true;
                    return Ok(buf.len());
                };
                self.after_lead(byte)?;
                rest = &rest[i + 2..];
            } else {
                self.inner.write_all(REPLACEMENT)?;
                rest = &rest[i + 1..];
            }
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.lead {
            self.lead = false;
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

/// Asks before deleting: `--yes` answers for the leader; at a terminal the question is
/// asked on standard error; anywhere else (a script, a pipe) the deletion is refused rather
/// than guessed.
pub(super) fn confirm(question: &str, yes: bool) -> Result<(), Failure> {
    confirm_to(question, yes, "delete", "nothing was deleted")
}

/// Asks `question` at the terminal before an act that cannot be undone (`doing` names it,
/// `declined` says what is left as it was when the answer is no); `--yes` answers for scripts.
pub(super) fn confirm_to(
    question: &str,
    yes: bool,
    doing: &str,
    declined: &str,
) -> Result<(), Failure> {
    use std::io::{BufRead, IsTerminal};
    if yes {
        return Ok(());
    }
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Err(Failure::Usage(format!(
            "{question} Nobody is here to answer: add --yes to {doing} without being asked"
        )));
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(Failure::Runtime(declined.into()))
    }
}

/// Parses "12" or "#12" as a row number.
pub(super) fn row_number(text: &str, what: &str) -> Result<i64, Failure> {
    text.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "\"{}\" is not the number of {what}: use the number shown in the list, e.g. #12",
                line(text.trim())
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_numbers() {
        assert_eq!(row_number("#12", "follow-up").unwrap(), 12);
        assert_eq!(row_number("7", "follow-up").unwrap(), 7);
        assert!(row_number("x", "follow-up").is_err());
        assert!(row_number("0", "follow-up").is_err());
    }

    #[test]
    fn the_terminal_gets_no_control_whatever_the_chunks() {
        let text = "a\u{1b}[2J\u{9b}31m é\n\tb\u{7f}";
        for chunk in [1, 2, 3, text.len()] {
            let mut out = Vec::new();
            {
                let mut safe = ControlFilter::safe_terminal(&mut out);
                for part in text.as_bytes().chunks(chunk) {
                    safe.write_all(part).unwrap();
                }
                safe.flush().unwrap();
            }
            let written = String::from_utf8(out).unwrap();
            assert_eq!(
                written, "a\u{fffd}[2J\u{fffd}31m é\n\tb\u{fffd}",
                "chunks of {chunk}"
            );
        }
    }

    /// Controls anywhere in a long text (at the edges of the blocks the filter looks at, and
    /// split across writes) are all rewritten, and nothing else is.
    #[test]
    fn the_terminal_gets_no_control_anywhere_in_a_long_text() {
        let mut text = String::new();
        let mut expected = String::new();
        for i in 0..300 {
            let (c, shown) = match i % 61 {
                0 => ('\u{1b}', '\u{fffd}'),
                7 => ('\u{9b}', '\u{fffd}'),
                13 => ('\u{7f}', '\u{fffd}'),
                20 => ('\n', '\n'),
                33 => ('¢', '¢'),
                _ => ('x', 'x'),
            };
            text.push(c);
            expected.push(shown);
        }
        for chunk in [1, 5, 63, 64, 65, 200, text.len()] {
            let mut out = Vec::new();
            {
                let mut safe = ControlFilter::safe_terminal(&mut out);
                for part in text.as_bytes().chunks(chunk) {
                    safe.write_all(part).unwrap();
                }
                safe.flush().unwrap();
            }
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected,
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn c1_controls_are_escaped_in_json_whatever_the_chunks() {
        let text = "a\u{9b}31m é \u{85} ¢";
        let json = serde_json::to_string(text).unwrap();
        for chunk in [1, 2, 3, json.len()] {
            let mut out = Vec::new();
            {
                let mut escaped = ControlFilter::escape_c1(&mut out);
                for part in json.as_bytes().chunks(chunk) {
                    escaped.write_all(part).unwrap();
                }
                escaped.flush().unwrap();
            }
            let written = String::from_utf8(out).unwrap();
            assert_eq!(written, "\"a\\u009b31m é \\u0085 ¢\"", "chunks of {chunk}");
            assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text);
        }
    }
}
