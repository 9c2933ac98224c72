//! Journal text made safe for where it is going, one named mode per destination: a terminal
//! line, plain text that keeps its lines, Markdown (a line or a block), HTML, a CSV field, an
//! iCalendar value. Every mode shares one rule for control characters — an escape sequence a
//! note may carry is shown as `�`, never sent — and adds only what its destination needs.
//! The JSON export is the one place text leaves exactly as written (JSON escapes it).

/// Where journal text is going, and so how it is made safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// One line for a terminal: control characters `�`, line breaks and tabs spaces.
    TerminalLine,
    /// Plain text that keeps its line breaks and tabs (a CSV field's text, Markdown's base).
    Lines,
    /// Markdown text, line breaks kept: nothing a viewer that renders Markdown's HTML would
    /// run or load (see [`markdown`]).
    Markdown,
    /// Markdown inside a list item or a heading: [`Escape::Markdown`] with its line breaks
    /// made spaces and blank lines dropped.
    MarkdownLine,
    /// Inside HTML elements and attribute values: `& < > " '` as entities.
    Html,
    /// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote
    /// or a line break. A field a spreadsheet would run as a formula (one starting with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, which spreadsheets
    /// read as "this is text": a note must never run as a formula on the leader's machine.
    CsvField,
    /// An iCalendar TEXT value (RFC 5545 §3.3.11): backslashes, semicolons, commas and line
    /// breaks escaped; carriage returns and tabs dropped.
    IcsText,
}

impl Escape {
    /// The text made safe for this destination.
    pub(crate) fn apply(self, text: &str) -> String {
        match self {
            Escape::TerminalLine => text
                .chars()
                .map(|c| match c {
                    '\n' | '\t' | '\r' => ' ',
                    c => defused(c),
                })
                .collect(),
            Escape::Lines => text.chars().map(defused).collect(),
            Escape::Markdown => markdown(text),
            Escape::MarkdownLine => markdown(text)
                .split(['\n', '\r'])
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            Escape::Html => replacing(text, |c| match c {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                '"' => Some("&quot;"),
                '\'' => Some("&#39;"),
                _ => None,
            }),
            Escape::CsvField => {
                let mut text = Escape::Lines.apply(text);
                if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    text.insert(0, '\'');
                }
                if text.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", text.replace('"', "\"\""))
                } else {
                    text
                }
            }
            Escape::IcsText => replacing(text, |c| match c {
                '\\' => Some("\\\\"),
                ';' => Some("\\;"),
                ',' => Some("\\,"),
                '\n' => Some("\\n"),
                '\r' | '\t' => Some(""),
                _ => None,
            }),
        }
    }
}

/// Text made safe for a terminal, in one line: [`Escape::TerminalLine`], the escaping every
/// front end and every error quoting input uses.
pub(crate) fn printable(text: &str) -> String {
    Escape::TerminalLine.apply(text)
}

/// The one rule for control characters: line breaks and tabs pass (each mode decides what
/// they become), any other control character is shown as `�`.
fn defused(c: char) -> char {
    if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
        '\u{fffd}'
    } else {
        c
    }
}

/// The text with its control characters defused and each character `escaped` names written
/// as its escape.
fn replacing(text: &str, escaped: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(defused) {
        match escaped(c) {
            Some(escape) => out.push_str(escape),
            None => out.push(c),
        }
    }
    out
}

/// Markdown text: [`Escape::Lines`], and nothing a viewer that renders Markdown's HTML would
/// run or load. `<` and `>` become `&lt;` and `&gt;`, so no tag, comment or `<…>` link can
/// begin; `&` becomes `&amp;` where it begins an entity (`&#106;`, `&Tab;` would otherwise
/// spell a hidden letter of a link); and a `javascript:`, `vbscript:` or `data:` address, in
/// any letter case and with spaces or backslashes inside the word, gets `unsafe:` in front,
/// so a link to it goes nowhere. Other Markdown (emphasis, lists, `https:` links) is kept as
/// the leader wrote it. A `data:` followed by a space is prose ("Data: the numbers…"), not an
/// address, and is left alone.
fn markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(defused).collect();
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
    fn every_mode_shows_an_escape_sequence_as_a_replacement_character() {
        let sequence = "a\u{1b}[2Jb";
        for mode in [
            Escape::TerminalLine,
            Escape::Lines,
            Escape::Markdown,
            Escape::MarkdownLine,
            Escape::Html,
            Escape::CsvField,
            Escape::IcsText,
        ] {
            assert_eq!(mode.apply(sequence), "a\u{fffd}[2Jb", "{mode:?}");
        }
    }

    #[test]
    fn a_csv_field_never_starts_a_formula() {
        for (text, field) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1 for the plan", "'+1 for the plan"),
            ("-2 on morale", "'-2 on morale"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\tcmd", "'\tcmd"),
            ("a = b", "a = b"),
            ("plain", "plain"),
        ] {
            assert_eq!(Escape::CsvField.apply(text), field, "{text:?}");
        }
    }

    #[test]
    fn each_mode_treats_line_breaks_as_its_destination_needs() {
        let text = "one\ntwo\tthree\r";
        assert_eq!(Escape::TerminalLine.apply(text), "one two three ");
        assert_eq!(printable(text), "one two three ");
        assert_eq!(Escape::Lines.apply(text), text);
        assert_eq!(Escape::Markdown.apply("one\n\ntwo"), "one\n\ntwo");
        assert_eq!(
            Escape::MarkdownLine.apply("one\n\n<two>"),
            "one &lt;two&gt;"
        );
        assert_eq!(Escape::IcsText.apply(text), "one\\ntwothree");
    }

    #[test]
    fn html_csv_and_ics_escape_their_own_characters() {
        assert_eq!(
            Escape::Html.apply("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(Escape::CsvField.apply("plain"), "plain");
        assert_eq!(Escape::CsvField.apply("a, b"), "\"a, b\"");
        assert_eq!(Escape::CsvField.apply("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(Escape::CsvField.apply("two\nlines"), "\"two\nlines\"");
        assert_eq!(Escape::CsvField.apply(""), "");
        assert_eq!(Escape::IcsText.apply("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn markdown_escapes_html_and_defuses_runnable_links() {
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
        ];
        for (text, written) in cases {
            assert_eq!(Escape::Markdown.apply(text), written, "{text:?}");
        }
    }
}
