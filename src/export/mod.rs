//! The journal in other shapes: JSON that re-imports without duplicates (`json`, `import`),
//! a readable Markdown dossier per person (`markdown`) and a CSV table of conversations
//! (`csv`). SQL stays in the store; this module decides the formats.

pub(crate) mod calendar;
pub mod csv;
pub mod import;
pub mod json;
pub mod markdown;
pub(crate) mod review;

use std::io;
use std::path::PathBuf;

use crate::store::Error;

/// A failed write of an export, as a journal error with a sentence.
pub(crate) fn write_error(source: io::Error) -> Error {
    Error::Io {
        action: "write",
        path: PathBuf::from("the export"),
        source,
    }
}

/// Text for the human-readable exports (Markdown, CSV), which end up in terminals and
/// viewers: control characters other than line breaks and tabs (escape sequences a note
/// may carry) become `�`. The JSON export keeps the text exactly, escaped.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Text from the journal for a Markdown export: [`printable`], and nothing a viewer that
/// renders Markdown's HTML would run or load. `<` and `>` become `&lt;` and `&gt;`, so no
/// tag, comment or `<…>` link can begin; `&` becomes `&amp;` where it begins an entity
/// (`&#106;`, `&Tab;` would otherwise spell a hidden letter of a link); and a
/// `javascript:`, `vbscript:` or `data:` address, in any letter case and with spaces or
/// backslashes inside the word, gets `unsafe:` in front, so a link to it goes nowhere. Other
/// Markdown (emphasis, lists, `https:` links) is kept as the leader wrote it. A `data:`
/// followed by a space is prose ("Data: the numbers…"), not an address, and is left alone.
pub(crate) fn markdown_text(text: &str) -> String {
    let chars: Vec<char> = printable(text).chars().collect();
    let mut out = String::with_capacity(chars.len() + chars.len() / 8);
    for (i, &c) in chars.iter().enumerate() {
        let after_scheme_char = i > 0 && in_scheme(chars[i - 1]);
        if !after_scheme_char && runnable_address_at(&chars[i..]) {
            out.push_str("unsafe:");
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if entity_at(&chars[i + 1..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after an `&` would make it an entity (`&#106;`, `&#x6A;`, `&Tab;`),
/// which Markdown turns into the character it names. A lone `&` ("R&D", "Q&A") is left.
fn entity_at(after: &[char]) -> bool {
    let body = after.strip_prefix(&['#']).unwrap_or(after);
    // The longest entity name is 31 letters.
    let letters = body
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    letters > 0 && body.get(letters) == Some(&';')
}

/// A character a URL's scheme may hold: text right after one does not begin a scheme.
fn in_scheme(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')
}

/// Whether `text` begins with a scheme whose address a viewer would run or load as a page.
/// Browsers drop tabs and line breaks inside an address and Markdown drops the backslash
/// of `\:`, so those, and spaces, may sit between the letters.
fn runnable_address_at(text: &[char]) -> bool {
    const SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];
    let skipped = |c: char| c.is_whitespace() || c == '\\';
    SCHEMES.iter().any(|scheme| {
        let mut rest = text.iter().copied().peekable();
        for (n, letter) in scheme.chars().enumerate() {
            if n > 0 {
                while rest.next_if(|&c| skipped(c)).is_some() {}
            }
            if rest.next().map(|c| c.to_ascii_lowercase()) != Some(letter) {
                return false;
            }
        }
        while rest.next_if(|&c| skipped(c)).is_some() {}
        if rest.next() != Some(':') {
            return false;
        }
        *scheme != "data" || rest.next().is_some_and(|c| !c.is_whitespace())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_escapes_html_and_defuses_runnable_links() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            (
                "<img src=x onerror=alert(1)>",
                "&lt;img src=x onerror=alert(1)&gt;",
            ),
            (
                "[x](javascript:alert(1))",
                "[x](unsafe:javascript:alert(1))",
            ),
            (
                "[x](JaVaScRiPt:alert(1))",
                "[x](unsafe:JaVaScRiPt:alert(1))",
            ),
            (
                "[x]( java\tscript :alert(1))",
                "[x]( unsafe:java\tscript :alert(1))",
            ),
            (
                "[x](javascript\\:alert(1))",
                "[x](unsafe:javascript\\:alert(1))",
            ),
            (
                "[x](&#106;avascript:alert(1))",
                "[x](&amp;#106;avascript:alert(1))",
            ),
            (
                "[x](java&#x09;script:alert(1))",
                "[x](java&amp;#x09;script:alert(1))",
            ),
            ("[x](VBScript:msgbox(1))", "[x](unsafe:VBScript:msgbox(1))"),
            (
                "![x](data:image/svg+xml,abc)",
                "![x](unsafe:data:image/svg+xml,abc)",
            ),
            (
                "<javascript:alert(1)>",
                "&lt;unsafe:javascript:alert(1)&gt;",
            ),
            // What a leader writes stays as written.
            ("Data: the numbers", "Data: the numbers"),
            (
                "metadata:x and xjavascript:y",
                "metadata:x and xjavascript:y",
            ),
            ("R & D, Q&A: **done**", "R & D, Q&A: **done**"),
            ("&lt;b&gt; &amp", "&amp;lt;b&amp;gt; &amp"),
            (
                "[notes](https://example.com/a?b=1)",
                "[notes](https://example.com/a?b=1)",
            ),
            ("a\u{1b}[2Jb", "a\u{fffd}[2Jb"),
        ];
        for (text, written) in cases {
            assert_eq!(markdown_text(text), written, "{text:?}");
        }
    }
}
