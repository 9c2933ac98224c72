//! The question bank: the built-in questions per need and per guide (`assets/`), with the
//! leader's own file laid over them. The file adds questions, replaces a topic's questions
//! with the leader's, or hides built-in ones, per need and per guide; the bank remembers
//! where each question came from so `rapport questions` can say it.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

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
    questions: Vec<Question>,
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

/// The longest question the file may hold: a question, not a note.
const MAX_QUESTION_CHARS: usize = 300;

impl QuestionBank {
    /// Rapport's own questions, from `assets/`.
    pub(crate) fn built_in() -> QuestionBank {
        let questions = Topic::ALL
            .iter()
            .flat_map(|&topic| {
                topic.built_in().iter().map(move |text| Question {
                    topic,
                    text: text.clone(),
                    origin: Origin::BuiltIn,
                })
            })
            .collect();
        QuestionBank {
            questions,
            hidden: Vec::new(),
        }
    }

    /// The built-in questions with the leader's file (`text`) laid over them. The error is
    /// the reason with the line it is on ("line 4: …"), without the file's name.
    pub(crate) fn with_file(text: &str) -> Result<QuestionBank, String> {
        let line_at = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let tables: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            match e.span() {
                Some(span) => format!("line {}: {}", line_at(span.start), e.message()),
                None => e.message().to_string(),
            }
            .trim_end()
            .to_string()
        })?;
        let mut bank = QuestionBank::built_in();
        for (word, value) in tables {
            let at = line_of_table(text, &word);
            let located = |message: String| match at {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            };
            let topic: Topic = word.parse().map_err(|_| {
                located(format!(
                    "\"{word}\" is neither a need ({}) nor a guide ({})",
                    words(&Topic::ALL[..5]),
                    words(&Topic::ALL[5..])
                ))
            })?;
            // Each table is read again from its own text so each question keeps its line.
            let section = match (value, section_text(text, &word)) {
                (toml::Value::Table(_), Some(section)) => section,
                _ => {
                    let line = at.or_else(|| line_of_key(text, &word)).unwrap_or(1);
                    return Err(format!(
                        "line {line}: {word} must be a table, written [{word}] on a line of its own, with add, replace or hide"
                    ));
                }
            };
            let (section_start, section_end) = section;
            let overlay: TopicOverlay =
                toml::from_str(&text[section_start..section_end]).map_err(|e| {
                    let line = e
                        .span()
                        .map_or(at.unwrap_or(1), |s| line_at(section_start + s.start));
                    format!("line {line}: [{word}]: {}", e.message().trim_end())
                })?;
            let line_of = |q: &toml::Spanned<String>| line_at(section_start + q.span().start);
            let check = |q: &toml::Spanned<String>| -> Result<String, String> {
                let cleaned = q.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
                if cleaned.is_empty() {
                    return Err(format!("line {}: a question cannot be empty", line_of(q)));
                }
                if cleaned.chars().count() > MAX_QUESTION_CHARS
                    || cleaned.chars().any(char::is_control)
                {
                    return Err(format!(
                        "line {}: a question must be one line of at most {MAX_QUESTION_CHARS} characters",
                        line_of(q)
                    ));
                }
                Ok(cleaned)
            };
            if let Some(replacing) = &overlay.replace {
                if let Some(hide) = overlay.hide.first() {
                    return Err(format!(
                        "line {}: [{word}] replaces its questions, so there is nothing left to hide; drop hide",
                        line_of(hide)
                    ));
                }
                let old: Vec<Question> = bank.take(topic);
                bank.hidden
                    .extend(old.into_iter().filter(|q| q.origin == Origin::BuiltIn));
                for q in replacing {
                    let text = check(q)?;
                    bank.push(Question {
                        topic,
                        text,
                        origin: Origin::Replaced { line: line_of(q) },
                    });
                }
            }
            for q in &overlay.hide {
                let text = check(q)?;
                let found = bank
                    .questions
                    .iter()
                    .position(|b| b.topic == topic && b.text.eq_ignore_ascii_case(&text));
                match found {
                    Some(index) => {
                        let hidden = bank.questions.remove(index);
                        bank.hidden.push(hidden);
                    }
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
            for q in &overlay.add {
                let text = check(q)?;
                if bank.of(topic).any(|b| b.text.eq_ignore_ascii_case(&text)) {
                    return Err(format!(
                        "line {}: [{word}] already has the question \"{text}\"",
                        line_of(q)
                    ));
                }
                bank.push(Question {
                    topic,
                    text,
                    origin: Origin::Added { line: line_of(q) },
                });
            }
            if bank.of(topic).next().is_none() {
                return Err(located(format!(
                    "[{word}] leaves no question to ask; add one of your own"
                )));
            }
        }
        Ok(bank)
    }

    /// A topic's questions, in order.
    pub(crate) fn of(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.topic == topic)
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
        self.questions
            .iter()
            .find(|q| q.text.eq_ignore_ascii_case(&text))
    }

    /// The built-in questions the leader's file hides or replaces, for a topic.
    pub(crate) fn hidden(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.hidden.iter().filter(move |q| q.topic == topic)
    }

    fn take(&mut self, topic: Topic) -> Vec<Question> {
        let (taken, kept) = std::mem::take(&mut self.questions)
            .into_iter()
            .partition(|q| q.topic == topic);
        self.questions = kept;
        taken
    }

    /// Adds a question after the last of its topic, keeping topics in order.
    fn push(&mut self, question: Question) {
        let at = self
            .questions
            .iter()
            .rposition(|q| q.topic <= question.topic)
            .map_or(0, |i| i + 1);
        self.questions.insert(at, question);
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
        assert!(bank.questions.iter().all(|q| q.origin == Origin::BuiltIn));
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
        let order: Vec<Topic> = bank.questions.iter().map(|q| q.topic).collect();
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
