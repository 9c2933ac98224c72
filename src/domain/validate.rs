//! The rules for what the leader types, in one place: names, lines, notes, questions and
//! cadences cleaned or refused with a sentence that says why, and the one escaping that
//! makes text safe for a terminal.

use chrono::NaiveDate;
use thiserror::Error;

use super::escape::printable;

/// The longest name a person may have, counted in characters.
pub(crate) const MAX_NAME_CHARS: usize = 100;
/// The largest notes text one conversation may hold: a long essay, far beyond a 1:1's notes.
pub(crate) const MAX_NOTES_BYTES: usize = 256 * 1024;
/// The days between 1:1s a person can have: daily at most, yearly at least.
pub(crate) const CADENCE_DAYS: std::ops::RangeInclusive<u32> = 1..=365;

/// The longest one-line field (summary, follow-up, tag, title…), counted in characters.
const MAX_LINE_CHARS: usize = 1000;
/// The longest question a leader's question file may hold: a question, not a note.
pub(crate) const MAX_QUESTION_CHARS: usize = 300;

/// A one-line text field a refusal names: the forms find the field to mark by this, never
/// by the wording of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Role,
    Team,
    Summary,
    NeedNote,
    Tag,
    FollowUp,
    AspirationTitle,
    Horizon,
    Acknowledgement,
    Idea,
    Answer,
    TalkingPoint,
    Feedback,
    Search,
    Question,
    MeetsNeed,
    Delegation,
    Direction,
    Moment,
}

impl std::fmt::Display for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TextField::Role => "role",
            TextField::Team => "team",
            TextField::Summary => "summary",
            TextField::NeedNote => "note on how a need was met",
            TextField::Tag => "tag",
            TextField::FollowUp => "follow-up",
            TextField::AspirationTitle => "aspiration title",
            TextField::Horizon => "horizon",
            TextField::Acknowledgement => "acknowledgement",
            TextField::Idea => "idea",
            TextField::Answer => "answer",
            TextField::TalkingPoint => "talking point",
            TextField::Feedback => "feedback",
            TextField::Search => "search",
            TextField::Question => "question",
            TextField::MeetsNeed => "note on what meets a need",
            TextField::Delegation => "delegation",
            TextField::Direction => "statement of the direction",
            TextField::Moment => "moment's label",
        })
    }
}

/// Input the journal refuses, each variant one sentence a leader can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Invalid {
    #[error("a name cannot be empty")]
    EmptyName,
    #[error(
        "a passphrase needs at least {0} characters (a few unrelated words are easy to remember and hard to guess)"
    )]
    Passphrase(usize),
    #[error("no passphrase was given")]
    NoPassphrase,
    #[error(
        "a passphrase cannot contain NUL or other control characters (a file saved as UTF-16 is full of NUL bytes: save it as UTF-8)"
    )]
    PassphraseControl,
    #[error("a name can have at most {MAX_NAME_CHARS} characters (this one has {0})")]
    NameTooLong(usize),
    #[error("a name cannot contain control characters or line breaks")]
    NameControl,
    #[error("a name cannot contain marks that change the direction of text (such as U+202E)")]
    NameDirection,
    #[error("a name needs at least one visible character")]
    NameInvisible,
    #[error("the {0} cannot be empty")]
    Empty(TextField),
    #[error("the {what} can have at most {max} characters")]
    TooLong { what: TextField, max: usize },
    #[error("the {0} must be one line of text without control characters")]
    NotOneLine(TextField),
    #[error("the {0} cannot contain marks that change the direction of text (such as U+202E)")]
    Direction(TextField),
    #[error("the {0} needs at least one visible character")]
    Invisible(TextField),
    #[error("the notes are {0} bytes, more than the 256 KiB a conversation can hold")]
    NotesTooLarge(usize),
    #[error("the notes are not readable text (binary data or an unknown encoding)")]
    NotesNotText,
    #[error("\"{}\" is not one of the five needs: competence, belonging, autonomy, fun, security", printable(.0))]
    UnknownNeed(String),
    #[error("\"{}\" is not a question guide: getting-to-know, support, future, neck-up, roving-leaders", printable(.0))]
    UnknownGuide(String),
    #[error("\"{}\" is neither a need (competence, belonging, autonomy, fun, security) nor a guide (getting-to-know, support, future, neck-up, roving-leaders)", printable(.0))]
    UnknownTopic(String),
    #[error("\"{}\" is not a {what}: use one of {allowed}", printable(.given))]
    UnknownWord {
        what: &'static str,
        given: String,
        allowed: String,
    },
    #[error("mood must be a whole number from 1 to 5, not \"{}\"", printable(.0))]
    Mood(String),
    #[error("cadence must be a whole number of days from 1 to 365, not {0}")]
    Cadence(i64),
    #[error("cadence must be a whole number of days from 1 to 365, not \"{}\"", printable(.0))]
    CadenceNotNumber(String),
    #[error(
        "\"{}\" is not a date or time I understand: try now, today, yesterday, a weekday, 2026-11-20 or 2026-11-20 14:30",
        printable(.0)
    )]
    When(String),
    #[error("{} is not a calendar date", printable(.0))]
    NoSuchDate(String),
    #[error("{} is not a time of day (use HH:MM, 00:00 to 23:59)", printable(.0))]
    NoSuchTime(String),
    #[error("{} is outside the years this journal accepts (1970 to 2100)", printable(.0))]
    OutOfRange(String),
    #[error("a person can have at most two priority needs at a time, not {0}")]
    TooManyPriorities(usize),
    #[error("a pause must end after it begins: the day back ({until}) is not after {from}")]
    PauseEnd { from: NaiveDate, until: NaiveDate },
    #[error(
        "{0} has not happened yet: write it down once it has (a follow-up can carry a date ahead)"
    )]
    NotYet(chrono::NaiveDate),
    #[error(
        "where they placed you needs a pair to place it on: tag the feedback with a pole such as directing or serving"
    )]
    LeanWithoutPair,
    #[error(
        "{} starts on {}: a 1:1 cannot be logged before then, though an informal chat can",
        printable(.name),
        .starts.format("%a %-d %b %Y")
    )]
    BeforeStart { name: String, starts: NaiveDate },
    #[error("\"{}\" is not an ISO week: write it like 2026-W47", printable(.0))]
    Week(String),
    #[error(
        "\u{201c}{}\u{201d} is not a filter: start with person:, need:, tag:, kind:, since: or until:",
        printable(.0)
    )]
    NotAFilter(String),
    #[error("{0}: needs a value after the colon")]
    FilterWithoutValue(&'static str),
    #[error("since {since} is after until {until}: nothing can be in between")]
    SinceAfterUntil {
        since: chrono::NaiveDate,
        until: chrono::NaiveDate,
    },
    #[error("a balance rating must be from 1 to 5, not {0}")]
    Rating(i64),
    #[error(
        "\"{}\" is not a search I understand: use words, \"a phrase in quotes\", a prefix such as plan*, and AND, OR or NOT between words",
        printable(.0)
    )]
    SearchQuery(String),
}

/// "Priya" of "Priya Raman": how dense lists and calendar events name people.
pub(crate) fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Each name of a list as briefly as it can be told apart from the others: the first name,
/// or the whole name where two people in the list share a first name ("Bilal Ahmed, Bilal
/// Khan, Omar" rather than "Bilal, Bilal, Omar").
pub(crate) fn distinct_names<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut firsts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for name in names {
        *firsts.entry(first_name(name)).or_default() += 1;
    }
    names
        .iter()
        .map(|name| {
            let first = first_name(name);
            if firsts.get(first).copied().unwrap_or(0) > 1 {
                name.trim()
            } else {
                first
            }
        })
        .collect()
}

/// A cadence inside [`CADENCE_DAYS`].
pub(crate) fn check_cadence(days: u32) -> Result<u32, Invalid> {
    if CADENCE_DAYS.contains(&days) {
        Ok(days)
    } else {
        Err(Invalid::Cadence(i64::from(days)))
    }
}

/// A cadence as typed in a form: a whole number of days inside [`CADENCE_DAYS`].
pub(crate) fn parse_cadence(text: &str) -> Result<u32, Invalid> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(days) => u32::try_from(days)
            .map_err(|_| Invalid::Cadence(days))
            .and_then(check_cadence),
        Err(_) => Err(Invalid::CadenceNotNumber(text.to_string())),
    }
}

/// Trims a person's name and checks it against the rules every screen relies on.
pub(crate) fn clean_name(raw: &str) -> Result<String, Invalid> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Invalid::EmptyName);
    }
    match misleading(name) {
        Some(Misleading::Control) => return Err(Invalid::NameControl),
        Some(Misleading::Direction) => return Err(Invalid::NameDirection),
        Some(Misleading::Invisible) => return Err(Invalid::NameInvisible),
        None => {}
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Invalid::NameTooLong(chars));
    }
    Ok(name.to_string())
}

/// A question from the leader's question file, with its spaces and line breaks collapsed to
/// single spaces, under the rules names follow: it shows as what it is.
pub(crate) fn clean_question(raw: &str) -> Result<String, Invalid> {
    let what = TextField::Question;
    let question = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if question.is_empty() {
        return Err(Invalid::Empty(what));
    }
    match misleading(&question) {
        Some(Misleading::Control) => return Err(Invalid::NotOneLine(what)),
        Some(Misleading::Direction) => return Err(Invalid::Direction(what)),
        Some(Misleading::Invisible) => return Err(Invalid::Invisible(what)),
        None => {}
    }
    if question.chars().count() > MAX_QUESTION_CHARS {
        return Err(Invalid::TooLong {
            what,
            max: MAX_QUESTION_CHARS,
        });
    }
    Ok(question)
}

/// Why a text would not show as what it is in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Misleading {
    /// An escape sequence or a line break, which a terminal acts on.
    Control,
    /// A mark that reorders the text around it.
    Direction,
    /// Nothing a terminal draws.
    Invisible,
}

/// The one rule for names and questions: a text that reorders the text around it, or that
/// shows as nothing, can pass for something else in every list.
fn misleading(text: &str) -> Option<Misleading> {
    if text.chars().any(char::is_control) {
        Some(Misleading::Control)
    } else if text.chars().any(changes_direction) {
        Some(Misleading::Direction)
    } else if text.chars().all(|c| c.is_whitespace() || invisible(c)) {
        Some(Misleading::Invisible)
    } else {
        None
    }
}

/// Unicode's bidirectional marks, embeddings, overrides and isolates.
fn changes_direction(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters a terminal draws as nothing: zero-width spaces and joiners, word joiners and
/// invisible operators, the byte-order mark, the soft hyphen, variation selectors and the
/// Hangul fillers.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// Trims a one-line field; `what` names it in the error. Empty is allowed: callers that need
/// text say so with [`require`].
pub(crate) fn clean_line(raw: &str, what: TextField) -> Result<String, Invalid> {
    let line = raw.trim();
    if line.chars().any(char::is_control) {
        return Err(Invalid::NotOneLine(what));
    }
    if line.chars().count() > MAX_LINE_CHARS {
        return Err(Invalid::TooLong {
            what,
            max: MAX_LINE_CHARS,
        });
    }
    Ok(line.to_string())
}

/// A one-line field that must not be empty.
pub(crate) fn require(raw: &str, what: TextField) -> Result<String, Invalid> {
    let line = clean_line(raw, what)?;
    if line.is_empty() {
        return Err(Invalid::Empty(what));
    }
    Ok(line)
}

/// Multi-line text such as notes: kept as written (trailing blank space trimmed), within the
/// size limit. Tabs and line breaks are fine; escape sequences are stored as they are and
/// made harmless where they are shown.
pub(crate) fn clean_text(raw: &str) -> Result<String, Invalid> {
    let text = raw.trim_end();
    if text.len() > MAX_NOTES_BYTES {
        return Err(Invalid::NotesTooLarge(text.len()));
    }
    if text.contains('\0') {
        return Err(Invalid::NotesNotText);
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(clean_name("  Priya Raman ").unwrap(), "Priya Raman");
        assert_eq!(clean_name("   "), Err(Invalid::EmptyName));
        assert_eq!(clean_name(""), Err(Invalid::EmptyName));
        assert_eq!(clean_name(&"x".repeat(100)).unwrap().len(), 100);
        assert_eq!(clean_name(&"x".repeat(101)), Err(Invalid::NameTooLong(101)));
        assert_eq!(clean_name("a\u{1b}[31mb"), Err(Invalid::NameControl));
        assert_eq!(clean_name("李小龍 🚀").unwrap(), "李小龍 🚀");
        assert_eq!(clean_name("Zoë 👩\u{200D}💻").unwrap(), "Zoë 👩\u{200D}💻");
        assert_eq!(clean_name("\u{200B}"), Err(Invalid::NameInvisible));
        assert_eq!(clean_name("\u{200B} \u{FEFF}"), Err(Invalid::NameInvisible));
        assert_eq!(clean_name("\u{202E}"), Err(Invalid::NameDirection));
        assert_eq!(clean_name("Ann \u{202E}eeL"), Err(Invalid::NameDirection));
        assert_eq!(
            clean_name("\u{2066}Ann\u{2069}"),
            Err(Invalid::NameDirection)
        );
    }

    #[test]
    fn questions_follow_the_rules_of_names() {
        let what = TextField::Question;
        assert_eq!(
            clean_question("  How are\n you,   really? ").unwrap(),
            "How are you, really?"
        );
        assert_eq!(clean_question(" \n "), Err(Invalid::Empty(what)));
        assert_eq!(
            clean_question("a\u{1b}[2Jb?"),
            Err(Invalid::NotOneLine(what))
        );
        assert_eq!(
            clean_question("\u{200B}\u{FEFF}"),
            Err(Invalid::Invisible(what))
        );
        assert_eq!(
            clean_question("Why \u{202E}?won"),
            Err(Invalid::Direction(what))
        );
        assert_eq!(
            clean_question("\u{2066}Why?\u{2069}"),
            Err(Invalid::Direction(what))
        );
        assert_eq!(clean_question(&"x".repeat(300)).unwrap().len(), 300);
        assert_eq!(
            clean_question(&"x".repeat(301)),
            Err(Invalid::TooLong { what, max: 300 })
        );
        assert_eq!(
            clean_question("Zoë 👩\u{200D}💻?").unwrap(),
            "Zoë 👩\u{200D}💻?"
        );
    }

    #[test]
    fn lines_refuse_control_characters() {
        assert!(clean_line("one\ntwo", TextField::Summary).is_err());
        assert_eq!(clean_line(" ok ", TextField::Summary).unwrap(), "ok");
        assert_eq!(
            require("  ", TextField::FollowUp),
            Err(Invalid::Empty(TextField::FollowUp))
        );
    }

    #[test]
    fn notes_keep_lines_and_refuse_binary() {
        assert_eq!(clean_text("a\nb\n\n").unwrap(), "a\nb");
        assert_eq!(clean_text("a\0b"), Err(Invalid::NotesNotText));
        let huge = "x".repeat(MAX_NOTES_BYTES + 1);
        assert!(matches!(clean_text(&huge), Err(Invalid::NotesTooLarge(_))));
    }
}
