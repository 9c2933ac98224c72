//! The question bank: the built-in questions per need and per guide (`assets/`), with the
//! leader's own file laid over them. The file adds questions, replaces a topic's questions
//! with the leader's, or hides built-in ones, per need and per guide; the bank remembers
//! where each question came from so `rapport questions` can say it.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::validate::{MAX_QUESTION_CHARS, clean_question};
use super::{Invalid, Need};

/// The conversations a leader has beside the five needs, each with its own questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Guide {
    GettingToKnow,
    Support,
    Future,
    NeckUp,
    RovingLeaders,
}

impl Guide {
    /// In the order of `assets/guides.toml`.
    pub(crate) const ALL: [Guide; 5] = [
        Guide::GettingToKnow,
        Guide::Support,
        Guide::Future,
        Guide::NeckUp,
        Guide::RovingLeaders,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            Guide::GettingToKnow => "getting-to-know",
            Guide::Support => "support",
            Guide::Future => "future",
            Guide::NeckUp => "neck-up",
            Guide::RovingLeaders => "roving-leaders",
        }
    }
}

impl FromStr for Guide {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let word = text.trim().to_lowercase().replace(['_', ' '], "-");
        Guide::ALL
            .into_iter()
            .find(|g| g.key() == word || (*g == Guide::RovingLeaders && word == "roving-leader"))
            .ok_or_else(|| Invalid::UnknownGuide(text.trim().to_string()))
    }
}

/// What a question is about: one of the five needs or one of the guides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Topic {
    Need(Need),
    Guide(Guide),
}

impl Topic {
    /// The five needs C B A F S, then the guides.
    pub(crate) const ALL: [Topic; 10] = [
        Topic::Need(Need::Competence),
        Topic::Need(Need::Belonging),
        Topic::Need(Need::Autonomy),
        Topic::Need(Need::Fun),
        Topic::Need(Need::Security),
        Topic::Guide(Guide::GettingToKnow),
        Topic::Guide(Guide::Support),
        Topic::Guide(Guide::Future),
        Topic::Guide(Guide::NeckUp),
        Topic::Guide(Guide::RovingLeaders),
    ];

    /// The stored and typed word: a need's key or a guide's.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Topic::Need(need) => need.key(),
            Topic::Guide(guide) => guide.key(),
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Topic::Need(need) => need.label(),
            Topic::Guide(guide) => &guide.info().name,
        }
    }

    pub(crate) fn about(self) -> &'static str {
        match self {
            Topic::Need(need) => &need.info().about,
            Topic::Guide(guide) => &guide.info().about,
        }
    }

    /// Its place in [`Topic::ALL`].
    fn index(self) -> usize {
        match self {
            Topic::Need(need) => need.index(),
            Topic::Guide(guide) => Need::ALL.len() + guide as usize,
        }
    }

    fn built_in(self) -> &'static [String] {
        match self {
            Topic::Need(need) => &need.info().questions,
            Topic::Guide(guide) => &guide.info().questions,
        }
    }
}

impl FromStr for Topic {
    type Err = Invalid;

    /// A need (by word, alias or letter) or a guide.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.parse::<Need>() {
            Ok(need) => Ok(Topic::Need(need)),
            Err(_) => text
                .parse::<Guide>()
                .map(Topic::Guide)
                .map_err(|_| Invalid::UnknownTopic(text.trim().to_string())),
        }
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

impl Serialize for Topic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// Where a question in the bank comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub(crate) enum Origin {
    /// Rapport's own, from `assets/`.
    BuiltIn,
    /// Added by the leader's file, at this line, beside the built-in questions.
    Added { line: usize },
    /// From the leader's file at this line, in place of the topic's built-in questions.
    Replaced { line: usize },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::Added { line } => write!(f, "added, line {line}"),
            Origin::Replaced { line } => write!(f, "replaced, line {line}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Question {
    pub topic: Topic,
    pub text: String,
    pub origin: Origin,
}

/// Every question Rapport may offer, in topic order ([`Topic::ALL`]), each topic's in the
/// order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuestionBank {
    /// Each topic's questions, at the topic's place in [`Topic::ALL`]: a topic's questions
    /// are reached without passing over the others'.
    topics: [Vec<Question>; Topic::ALL.len()],
    /// Built-in questions the leader's file hides, so the listing can say how many.
    hidden: Vec<Question>,
}

/// One topic's table in the leader's file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicOverlay {
    #[serde(default)]
    add: Vec<toml::Spanned<String>>,
    #[serde(default)]
    hide: Vec<toml::Spanned<String>>,
    replace: Option<Vec<toml::Spanned<String>>>,
}

/// The most questions a leader's file may hold (added, replacing and hidden together): ten
/// topics of a hundred each, far beyond the few dozen a leader asks.
pub(crate) const MAX_QUESTIONS_IN_FILE: usize = 1_000;
/// The largest question file read: a thousand questions of the longest length, in any script.
pub(crate) const MAX_QUESTION_FILE_BYTES: usize = 2 * 1024 * 1024;

/// The refusal of a question file longer than [`MAX_QUESTION_FILE_BYTES`], `start` being its first
/// bytes (at least that many): names the line where the limit falls.
pub(crate) fn question_file_too_large(start: &[u8]) -> String {
    let cut = &start[..start.len().min(MAX_QUESTION_FILE_BYTES)];
    let line = cut.iter().filter(|&&b| b == b'\n').count() + 1;
    format!(
        "line {line}: the file goes past {} MiB, more than {MAX_QUESTIONS_IN_FILE} questions of {MAX_QUESTION_CHARS} characters need",
        MAX_QUESTION_FILE_BYTES / (1024 * 1024)
    )
}

/// A topic's table, read, with where it is in the file.
struct Table {
    topic: Topic,
    word: String,
    /// The line of its `[word]` header.
    at: Option<usize>,
    /// Where its body begins in the file, for the lines of its questions.
    start: usize,
    overlay: TopicOverlay,
}

impl QuestionBank {
    /// Rapport's own questions, from `assets/`.
    pub(crate) fn built_in() -> QuestionBank {
        QuestionBank {
            topics: Topic::ALL.map(|topic| {
                topic
                    .built_in()
                    .iter()
                    .map(|text| Question {
                        topic,
                        text: text.clone(),
                        origin: Origin::BuiltIn,
                    })
                    .collect()
            }),
            hidden: Vec::new(),
        }
    }

    /// The built-in questions with the leader's file (`text`) laid over them. The error is
    /// the reason with the line it is on ("line 4: …"), without the file's name. Reading
    /// takes time in proportion to the file: each question's line is looked up among the
    /// file's line starts, and each topic's questions are checked for repeats by a set.
    pub(crate) fn with_file(text: &str) -> Result<QuestionBank, String> {
        if text.len() > MAX_QUESTION_FILE_BYTES {
            return Err(question_file_too_large(text.as_bytes()));
        }
        let line_breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
        let line_at = |offset: usize| line_breaks.partition_point(|&at| at < offset) + 1;
        let tables: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            match e.span() {
                Some(span) => format!("line {}: {}", line_at(span.start), e.message()),
                None => e.message().to_string(),
            }
            .trim_end()
            .to_string()
        })?;
        let mut read = Vec::with_capacity(tables.len());
        for (word, value) in tables {
            let at = line_of_table(text, &word);
            let topic: Topic = word.parse().map_err(|_| {
                located(
                    at,
                    format!(
                        "\"{word}\" is neither a need ({}) nor a guide ({})",
                        words(&Topic::ALL[..5]),
                        words(&Topic::ALL[5..])
                    ),
                )
            })?;
            // Each table is read again from its own text so each question keeps its line.
            let (start, end) = match (value, section_text(text, &word)) {
                (toml::Value::Table(_), Some(section)) => section,
                _ => {
                    let line = at.or_else(|| line_of_key(text, &word)).unwrap_or(1);
                    return Err(format!(
                        "line {line}: {word} must be a table, written [{word}] on a line of its own, with add, replace or hide"
                    ));
                }
            };
            let overlay: TopicOverlay = toml::from_str(&text[start..end]).map_err(|e| {
                let line = e
                    .span()
                    .map_or(at.unwrap_or(1), |s| line_at(start + s.start));
                format!("line {line}: [{word}]: {}", e.message().trim_end())
            })?;
            read.push(Table {
                topic,
                word,
                at,
                start,
                overlay,
            });
        }
        // In the file's order (the parsed tables come sorted by name), so a refusal names
        // the first line at fault.
        read.sort_by_key(|table| table.start);
        // Counted in the file's order, so the refusal names the first question too many.
        let mut offsets: Vec<usize> = read
            .iter()
            .flat_map(|table| {
                let o = &table.overlay;
                o.replace
                    .iter()
                    .flatten()
                    .chain(&o.hide)
                    .chain(&o.add)
                    .map(|q| table.start + q.span().start)
            })
            .collect();
        if offsets.len() > MAX_QUESTIONS_IN_FILE {
            offsets.sort_unstable();
            return Err(format!(
                "line {}: a question file holds at most {MAX_QUESTIONS_IN_FILE} questions (added, replacing and hidden together), and this is question {}",
                line_at(offsets[MAX_QUESTIONS_IN_FILE]),
                MAX_QUESTIONS_IN_FILE + 1
            ));
        }
        let mut bank = QuestionBank::built_in();
        for table in read {
            bank.lay_over(table, &line_at)?;
        }
        Ok(bank)
    }

    /// Lays one topic's table of the leader's file over the bank.
    fn lay_over(&mut self, table: Table, line_at: &dyn Fn(usize) -> usize) -> Result<(), String> {
        let Table {
            topic,
            word,
            at,
            start,
            overlay,
        } = table;
        let line_of = |q: &toml::Spanned<String>| line_at(start + q.span().start);
        let check = |q: &toml::Spanned<String>| -> Result<String, String> {
            clean_question(q.get_ref()).map_err(|e| format!("line {}: {e}", line_of(q)))
        };
        let questions = &mut self.topics[topic.index()];
        if let Some(replacing) = &overlay.replace {
            if let Some(hide) = overlay.hide.first() {
                return Err(format!(
                    "line {}: [{word}] replaces its questions, so there is nothing left to hide; drop hide",
                    line_of(hide)
                ));
            }
            let old = std::mem::take(questions);
            self.hidden
                .extend(old.into_iter().filter(|q| q.origin == Origin::BuiltIn));
            for q in replacing {
                let text = check(q)?;
                questions.push(Question {
                    topic,
                    text,
                    origin: Origin::Replaced { line: line_of(q) },
                });
            }
        }
        for q in &overlay.hide {
            let text = check(q)?;
            // Only built-in questions can be hidden, a few per topic: a scan is enough.
            match questions
                .iter()
                .position(|b| b.text.eq_ignore_ascii_case(&text))
            {
                Some(index) => self.hidden.push(questions.remove(index)),
                None => {
                    return Err(format!(
                        "line {}: [{word}] has no built-in question \"{text}\" to hide (see `rapport questions --{} {word}`)",
                        line_of(q),
                        match topic {
                            Topic::Need(_) => "need",
                            Topic::Guide(_) => "guide",
                        }
                    ));
                }
            }
        }
        let mut known: HashSet<String> = questions
            .iter()
            .map(|q| q.text.to_ascii_lowercase())
            .collect();
        for q in &overlay.add {
            let text = check(q)?;
            if !known.insert(text.to_ascii_lowercase()) {
                return Err(format!(
                    "line {}: [{word}] already has the question \"{text}\"",
                    line_of(q)
                ));
            }
            questions.push(Question {
                topic,
                text,
                origin: Origin::Added { line: line_of(q) },
            });
        }
        if questions.is_empty() {
            return Err(located(
                at,
                format!("[{word}] leaves no question to ask; add one of your own"),
            ));
        }
        Ok(())
    }

    /// A topic's questions, in order.
    pub(crate) fn of(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.topics[topic.index()].iter()
    }

    /// Every question, in topic order.
    fn all(&self) -> impl Iterator<Item = &Question> {
        self.topics.iter().flatten()
    }

    /// A topic's question texts, in order; never empty (a file that would empty a topic is
    /// refused).
    pub(crate) fn texts(&self, topic: Topic) -> Vec<&str> {
        self.of(topic).map(|q| q.text.as_str()).collect()
    }

    /// The question a leader names as `topic:N` (its number in `rapport questions`, from 1)
    /// or by its text, whatever the case; `None` when the bank has no such question.
    pub(crate) fn find(&self, reference: &str) -> Option<&Question> {
        let reference = reference.trim();
        if let Some((word, number)) = reference.rsplit_once(':')
            && let (Ok(topic), Ok(number)) = (word.parse::<Topic>(), number.trim().parse::<usize>())
        {
            return number.checked_sub(1).and_then(|i| self.of(topic).nth(i));
        }
        let text = reference.split_whitespace().collect::<Vec<_>>().join(" ");
        self.all().find(|q| q.text.eq_ignore_ascii_case(&text))
    }

    /// The built-in questions the leader's file hides or replaces, for a topic.
    pub(crate) fn hidden(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.hidden.iter().filter(move |q| q.topic == topic)
    }
}

/// `message` with the line of its table, when the file has a header for it.
fn located(at: Option<usize>, message: String) -> String {
    match at {
        Some(line) => format!("line {line}: {message}"),
        None => message,
    }
}

fn words(topics: &[Topic]) -> String {
    topics
        .iter()
        .map(|t| t.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The line (from 1) of `[word]`, if the file has that header.
fn line_of_table(text: &str, word: &str) -> Option<usize> {
    text.lines()
        .position(|line| is_header(line, word))
        .map(|index| index + 1)
}

/// The line (from 1) where `key = …` is written at the top of the file, if it is.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']))
        })
        .map(|index| index + 1)
}

fn is_header(line: &str, word: &str) -> bool {
    let line = line.trim();
    line.strip_prefix('[')
        .and_then(|rest| rest.split(']').next())
        .is_some_and(|name| name.trim().trim_matches('"') == word)
        && !line.starts_with("[[")
}

/// The byte range of the body of `[word]`: from after its header line to the next header.
fn section_text(text: &str, word: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            if let Some(begun) = start {
                return Some((begun, offset));
            }
            if is_header(line, word) {
                start = Some(offset + line.len());
            }
        }
        offset += line.len();
    }
    start.map(|begun| (begun, text.len()))
}

static BANK: OnceLock<QuestionBank> = OnceLock::new();

/// Makes `bank` the one every view asks from, for the rest of the process. The command line
/// installs the leader's bank once it has read their file; until then (and in tests) the
/// built-in one is used.
pub(crate) fn install(bank: QuestionBank) {
    let _ = BANK.set(bank);
}

/// The bank in force.
pub(crate) fn bank() -> &'static QuestionBank {
    BANK.get_or_init(QuestionBank::built_in)
}

impl Need {
    /// The questions to ask when this need has gone unaddressed.
    pub(crate) fn questions(self) -> Vec<&'static str> {
        bank().texts(Topic::Need(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bank: &QuestionBank, topic: &str) -> Vec<String> {
        bank.texts(topic.parse().unwrap())
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn topics_parse_from_needs_aliases_letters_and_guides() {
        assert_eq!("A".parse::<Topic>().unwrap(), Topic::Need(Need::Autonomy));
        assert_eq!(
            "freedom".parse::<Topic>().unwrap(),
            Topic::Need(Need::Autonomy)
        );
        assert_eq!(
            "neck up".parse::<Topic>().unwrap(),
            Topic::Guide(Guide::NeckUp)
        );
        assert_eq!(
            "roving-leader".parse::<Topic>().unwrap(),
            Topic::Guide(Guide::RovingLeaders)
        );
        assert!("chores".parse::<Topic>().is_err());
        for topic in Topic::ALL {
            assert_eq!(topic.key().parse::<Topic>().unwrap(), topic);
        }
    }

    #[test]
    fn the_built_in_bank_carries_the_seed_questions_of_each_guide() {
        let bank = QuestionBank::built_in();
        let know = texts(&bank, "getting-to-know");
        assert!(know.contains(&"What do you want to be acknowledged for?".to_string()));
        assert!(know.contains(&"What is your career aspiration?".to_string()));
        let support = texts(&bank, "support");
        assert_eq!(
            &support[..3],
            [
                "Are you okay?",
                "How can I support you?",
                "What do you need from me?"
            ]
        );
        let future = texts(&bank, "future");
        assert_eq!(
            &future[..2],
            ["How can we improve?", "What's the next step?"]
        );
        assert!(bank.of(Topic::Guide(Guide::NeckUp)).count() >= 3);
        assert!(bank.of(Topic::Guide(Guide::RovingLeaders)).count() >= 3);
        assert!(bank.all().all(|q| q.origin == Origin::BuiltIn));
    }

    #[test]
    fn a_file_adds_replaces_and_hides_per_topic() {
        let file = "\
# my own
[autonomy]
hide = [\"Where do I get in your way, even with good intentions?\"]
add = [
    \"What would you stop doing tomorrow if you could?\",
]

[support]
replace = [\"How are you, honestly?\"]
";
        let bank = QuestionBank::with_file(file).unwrap();
        let autonomy = texts(&bank, "autonomy");
        assert_eq!(autonomy.len(), 4);
        assert!(!autonomy.iter().any(|q| q.contains("get in your way")));
        assert_eq!(
            autonomy[3],
            "What would you stop doing tomorrow if you could?"
        );
        let added = bank.of(Topic::Need(Need::Autonomy)).last().unwrap();
        assert_eq!(added.origin, Origin::Added { line: 5 });
        assert_eq!(texts(&bank, "support"), ["How are you, honestly?"]);
        assert_eq!(
            bank.of(Topic::Guide(Guide::Support)).next().unwrap().origin,
            Origin::Replaced { line: 9 }
        );
        assert_eq!(bank.hidden(Topic::Guide(Guide::Support)).count(), 3);
        assert_eq!(bank.hidden(Topic::Need(Need::Autonomy)).count(), 1);
        // Untouched topics keep their built-in questions, in topic order.
        assert_eq!(
            texts(&bank, "competence"),
            texts(&QuestionBank::built_in(), "competence")
        );
        let order: Vec<Topic> = bank.all().map(|q| q.topic).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    #[test]
    fn a_question_is_found_by_topic_and_number_or_by_text() {
        let bank = QuestionBank::built_in();
        assert_eq!(
            bank.find("support:2").unwrap().text,
            "How can I support you?"
        );
        assert_eq!(bank.find("S:1").unwrap().topic, Topic::Need(Need::Security));
        assert_eq!(
            bank.find("  how CAN we improve? ").unwrap().topic,
            Topic::Guide(Guide::Future)
        );
        assert!(bank.find("support:0").is_none());
        assert!(bank.find("support:9").is_none());
        assert!(bank.find("What is the airspeed of a swallow?").is_none());
    }

    /// `count` questions of `chars` characters each (numbered so none repeats), spread over
    /// the five needs' `add` lists, one a line; the file's line of question `n` (from 0) is
    /// `line_of(n)`.
    fn long_file(count: usize, chars: usize) -> String {
        let mut file = String::new();
        let per_need = count.div_ceil(5);
        for (k, need) in Need::ALL.iter().enumerate() {
            file.push_str(&format!("[{}]\nadd = [\n", need.key()));
            for n in (k * per_need)..((k + 1) * per_need).min(count) {
                let number = format!(" {n}?");
                let words = "w".repeat(chars - number.len());
                file.push_str(&format!("  \"{words}{number}\",\n"));
            }
            file.push_str("]\n");
        }
        file
    }

    #[test]
    fn a_file_of_as_many_questions_as_allowed_loads_and_one_more_is_refused_at_its_line() {
        let full = long_file(MAX_QUESTIONS_IN_FILE, MAX_QUESTION_CHARS);
        let bank = QuestionBank::with_file(&full).unwrap();
        let added = bank
            .all()
            .filter(|q| matches!(q.origin, Origin::Added { .. }))
            .count();
        assert_eq!(added, MAX_QUESTIONS_IN_FILE);
        assert!(
            bank.all()
                .all(|q| q.text.chars().count() <= MAX_QUESTION_CHARS)
        );
        // The last question of the last need, on the file's next-to-last line.
        let last = bank.of(Topic::Need(Need::Security)).last().unwrap();
        assert_eq!(
            last.origin,
            Origin::Added {
                line: full.lines().count() - 1
            }
        );

        let over = long_file(MAX_QUESTIONS_IN_FILE + 1, 40);
        let err = QuestionBank::with_file(&over).unwrap_err();
        // Question 1,001 is the last of [security]: the line before the closing bracket.
        let line = over.lines().count() - 1;
        assert_eq!(
            err,
            format!(
                "line {line}: a question file holds at most 1000 questions (added, replacing and hidden together), and this is question 1001"
            )
        );
        assert!(
            over.lines().nth(line - 1).unwrap().contains(" 1000?"),
            "{line}"
        );
    }

    #[test]
    fn a_file_past_the_size_limit_is_refused_at_the_line_the_limit_falls_on() {
        let mut file = "[fun]\nadd = [\"Why?\"]\n".to_string();
        let comment = format!("# {}\n", "x".repeat(1022));
        while file.len() <= MAX_QUESTION_FILE_BYTES {
            file.push_str(&comment);
        }
        let err = QuestionBank::with_file(&file).unwrap_err();
        let line = file[..MAX_QUESTION_FILE_BYTES].matches('\n').count() + 1;
        assert_eq!(
            err,
            format!(
                "line {line}: the file goes past 2 MiB, more than 1000 questions of 300 characters need"
            )
        );
    }

    #[test]
    fn questions_that_would_not_show_as_written_are_refused_like_names() {
        let cases = [
            (
                "[support]\nadd = [\"\u{200B}\"]\n[future]\nadd = [\"\u{202E}?\"]\n",
                "line 2: the question needs at least one visible character",
            ),
            (
                "[fun]\nadd = [\"Why \u{202E}yaw siht?\"]\n",
                "line 2: the question cannot contain marks that change the direction of text (such as U+202E)",
            ),
            (
                "[fun]\n\nadd = [\n  \"ok?\",\n  \"\u{2066}Why?\u{2069}\",\n]\n",
                "line 5: the question cannot contain marks that change the direction of text (such as U+202E)",
            ),
            (
                "[support]\nreplace = [\"\u{200B}\u{FEFF}\"]\n",
                "line 2: the question needs at least one visible character",
            ),
            (
                "[fun]\nadd = [\"\u{200B} \u{2060}\"]\n",
                "line 2: the question needs at least one visible character",
            ),
            (
                "[fun]\nadd = [\"a\\u001B[2Jb?\"]\n",
                "line 2: the question must be one line of text without control characters",
            ),
            (
                "[fun]\nadd = [\"   \"]\n",
                "line 2: the question cannot be empty",
            ),
        ];
        for (file, refusal) in cases {
            assert_eq!(
                QuestionBank::with_file(file).unwrap_err(),
                refusal,
                "{file:?}"
            );
        }
        // A joiner inside an emoji is part of what shows.
        let bank = QuestionBank::with_file("[fun]\nadd = [\"Coder 👩\u{200D}💻?\"]\n").unwrap();
        assert!(bank.find("Coder 👩\u{200D}💻?").is_some());
    }

    #[test]
    fn bad_files_are_refused_with_the_line() {
        let cases = [
            ("[chores]\nadd = [\"x?\"]\n", "line 1:", "neither a need"),
            (
                "\n[fun]\nhide = [\"Not a question we have\"]\n",
                "line 3:",
                "no built-in question",
            ),
            ("[fun]\nadd = [\"\"]\n", "line 2:", "cannot be empty"),
            ("[fun]\nremove = [\"x\"]\n", "line 2:", "remove"),
            ("[fun]\nadd = [\"unclosed\n", "line 2:", ""),
            (
                "[fun]\nreplace = [\"a?\"]\nhide = [\"What drains the enjoyment out of your week?\"]\n",
                "line 3:",
                "nothing left to hide",
            ),
            ("[future]\nreplace = []\n", "line 1:", "no question to ask"),
            (
                "[future]\nadd = [\"How can we improve?\"]\n",
                "line 2:",
                "already has",
            ),
            ("\nfun = 3\n", "line 2:", "must be a table"),
            ("fun.add = [\"x?\"]\n", "line 1:", "must be a table"),
        ];
        for (file, line, words) in cases {
            let err = QuestionBank::with_file(file).unwrap_err();
            assert!(err.starts_with(line), "{file:?}: {err}");
            assert!(err.contains(words), "{file:?}: {err}");
            assert!(!err.contains('\n'), "one line: {err:?}");
        }
    }
}
