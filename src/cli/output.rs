//! Printing for people and for programs.

use std::io::Write;

use serde::Serialize;

use super::{Failure, Outcome};

/// Pretty JSON followed by a newline.
pub fn json(out: &mut dyn Write, value: &impl Serialize) -> Outcome {
    let mut out = EscapeC1::new(out);
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(|e| Failure::Runtime(format!("could not write the output: {e}")))?;
    writeln!(out)?;
    Ok(())
}

/// Passes JSON through, writing the C1 control characters (U+0080 to U+009F) as `\u00XX`
/// escapes. JSON escapes only the C0 controls, and some terminals act on a C1 character
/// (U+009B starts an escape sequence) even in UTF-8. Outside strings JSON is ASCII, so
/// every such character is inside a string, where the escape means the same character.
pub struct EscapeC1<'a> {
    inner: &'a mut dyn Write,
    /// A 0xC2 lead byte whose second byte has not arrived yet.
    lead: bool,
}

impl<'a> EscapeC1<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Self {
        EscapeC1 { inner, lead: false }
    }
}

impl Write for EscapeC1<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut plain = 0;
        for (i, &byte) in buf.iter().enumerate() {
            if self.lead {
                self.lead = false;
                if (0x80..=0x9f).contains(&byte) {
                    write!(self.inner, "\\u{:04x}", byte)?;
                } else {
                    self.inner.write_all(&[0xc2, byte])?;
                }
                plain = i + 1;
            } else if byte == 0xc2 {
                self.inner.write_all(&buf[plain..i])?;
                self.lead = true;
                plain = i + 1;
            }
        }
        self.inner.write_all(&buf[plain..])?;
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

/// The wording and fitting shared with the terminal interface; `cell` pads by display
/// width, so names in wide scripts line up.
pub use crate::views::text::{block, due, pad as cell, printable as line, relative};

/// Everything a command prints on standard output passes through this, after the commands'
/// own [`line`] and [`block`]: a control character that still reaches it (a name stored by
/// an older Rapport, a word in a message) is written as `�`, as [`line`] writes it. Line
/// breaks, tabs and carriage returns stay: they shape the output. JSON, which escapes every
/// control character, passes unchanged.
pub struct SafeTerminal<W: Write> {
    inner: W,
    /// A 0xC2 lead byte whose second byte has not arrived yet (C1 controls are 0xC2 0x80 to
    /// 0xC2 0x9F in UTF-8).
    lead: bool,
}

impl<W: Write> SafeTerminal<W> {
    pub fn new(inner: W) -> Self {
        SafeTerminal { inner, lead: false }
    }
}

const REPLACEMENT: &[u8] = "\u{fffd}".as_bytes();

impl<W: Write> Write for SafeTerminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut plain = 0;
        for (i, &byte) in buf.iter().enumerate() {
            if self.lead {
                self.lead = false;
                if (0x80..=0x9f).contains(&byte) {
                    self.inner.write_all(REPLACEMENT)?;
                } else {
                    self.inner.write_all(&[0xc2, byte])?;
                }
                plain = i + 1;
            } else if byte == 0xc2 {
                self.inner.write_all(&buf[plain..i])?;
                self.lead = true;
                plain = i + 1;
            } else if (byte < 0x20 && !matches!(byte, b'\n' | b'\t' | b'\r')) || byte == 0x7f {
                self.inner.write_all(&buf[plain..i])?;
                self.inner.write_all(REPLACEMENT)?;
                plain = i + 1;
            }
        }
        self.inner.write_all(&buf[plain..])?;
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

/// Parses "12" or "#12" as a row number.
pub fn row_number(text: &str, what: &str) -> Result<i64, Failure> {
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
    fn c1_controls_are_escaped_in_json_whatever_the_chunks() {
        let text = "a\u{9b}31m é \u{85} ¢";
        let json = serde_json::to_string(text).unwrap();
        for chunk in [1, 2, 3, json.len()] {
            let mut out = Vec::new();
            {
                let mut escaped = EscapeC1::new(&mut out);
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
