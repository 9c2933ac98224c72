//! Feedback to me: what someone said about the leader's own leading, and the words that tag
//! it with one of the self-check's eight pairs (and where on it they placed the leader).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::records::Poles;
use super::{Balance, Invalid, Need, Stance};

/// One of the eight management–leadership pairs of the weekly self-check, by its place in
/// [`Balance::POLES`]. Stored and typed as the pair's key (`directing_serving`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Pair(usize);

impl Pair {
    pub(crate) const ALL: [Pair; Balance::PAIRS] = [
        Pair(0),
        Pair(1),
        Pair(2),
        Pair(3),
        Pair(4),
        Pair(5),
        Pair(6),
        Pair(7),
    ];

    /// Its place in [`Balance::ratings`].
    pub(crate) fn index(self) -> usize {
        self.0
    }

    pub(crate) fn key(self) -> &'static str {
        self.poles().key
    }

    /// The key with dashes, as the command line spells a pair (`directing-serving`).
    pub(crate) fn dashed(self) -> &'static str {
        const DASHED: [&str; Balance::PAIRS] = [
            "systems-people",
            "goals-purpose",
            "control-commitment",
            "planning-opportunism",
            "doing-being",
            "directing-serving",
            "reacting-initiating",
            "improving-breakthrough",
        ];
        DASHED[self.0]
    }

    pub(crate) fn poles(self) -> &'static Poles {
        &Balance::POLES[self.0]
    }

    /// "directing ↔ serving": the pair in its short words.
    pub(crate) fn label(self) -> String {
        let poles = self.poles();
        format!("{} ↔ {}", poles.managing_short, poles.leading_short)
    }

    /// Reads what the leader types to tag feedback: a pole's short word says the pair and
    /// where they placed the leader ("directing" is directing ↔ serving, leaning managing;
    /// "serving" leaning leading), the pair's key (`directing_serving` or
    /// `directing-serving`) the pair alone.
    pub(crate) fn parse_about(text: &str) -> Result<(Pair, Option<Stance>), Invalid> {
        let word = text.trim().to_lowercase().replace('-', "_");
        for pair in Pair::ALL {
            let poles = pair.poles();
            if word == poles.key {
                return Ok((pair, None));
            }
            if word == poles.managing_short {
                return Ok((pair, Some(Stance::Managing)));
            }
            if word == poles.leading_short {
                return Ok((pair, Some(Stance::Leading)));
            }
        }
        Err(Invalid::UnknownWord {
            what: "pole or pair of the self-check",
            given: text.trim().to_string(),
            allowed: Pair::about_words(),
        })
    }

    /// Feedback typed in one line, as the Log form takes it: a last word `@directing` (any
    /// word [`Pair::parse_about`] reads) tags it and is taken off; any other last word is
    /// part of what was said.
    pub(crate) fn split_about(line: &str) -> (String, Option<(Pair, Option<Stance>)>) {
        let trimmed = line.trim();
        if let Some((words, last)) = trimmed.rsplit_once(' ')
            && let Some(about) = last
                .strip_prefix('@')
                .and_then(|word| Pair::parse_about(word).ok())
        {
            return (words.trim_end().to_string(), Some(about));
        }
        (trimmed.to_string(), None)
    }

    /// Every word [`Pair::parse_about`] reads, for help and refusals.
    pub(crate) fn about_words() -> String {
        let poles: Vec<&str> = Balance::POLES
            .iter()
            .flat_map(|p| [p.managing_short, p.leading_short])
            .collect();
        format!(
            "{} (or a pair, such as directing-serving)",
            poles.join(", ")
        )
    }
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

impl FromStr for Pair {
    type Err = Invalid;

    /// The stored spelling, the pair's key.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let word = s.trim();
        Pair::ALL
            .into_iter()
            .find(|p| p.key() == word)
            .ok_or_else(|| Invalid::UnknownWord {
                what: "pair of the self-check",
                given: word.to_string(),
                allowed: Pair::ALL
                    .iter()
                    .map(|p| p.key())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

impl Serialize for Pair {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What someone told the leader about their leading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Feedback {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_uuid: Uuid,
    pub person_name: String,
    /// The 1:1 it was said in; `None` when it came from elsewhere.
    pub conversation_id: Option<i64>,
    pub heard_on: NaiveDate,
    pub text: String,
    /// The pair of the self-check it speaks to, if any.
    pub pair: Option<Pair>,
    /// Where on that pair they placed the leader, if they said.
    pub lean: Option<Stance>,
    /// The need it speaks to, if any.
    pub need: Option<Need>,
}

/// The tags of a piece of feedback: a pair (with where they placed the leader) and a need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FeedbackTags {
    pub pair: Option<Pair>,
    pub lean: Option<Stance>,
    pub need: Option<Need>,
}

impl FeedbackTags {
    /// The tags from a pole or pair word as [`Pair::parse_about`] read it, and a need.
    pub(crate) fn of(about: Option<(Pair, Option<Stance>)>, need: Option<Need>) -> FeedbackTags {
        let (pair, lean) = about.map_or((None, None), |(pair, lean)| (Some(pair), lean));
        FeedbackTags { pair, lean, need }
    }
}

super::records::serialize_with_person!(Feedback {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    conversation_id,
    heard_on,
    text,
    pair,
    lean,
    need
});

impl Feedback {
    /// "directing", "directing ↔ serving", "belonging", "serving · autonomy"; empty when
    /// untagged: the tag as every list shows it.
    pub(crate) fn tag_words(&self) -> String {
        let pair = self.pair.map(|pair| match self.lean {
            Some(Stance::Managing) => pair.poles().managing_short.to_string(),
            Some(Stance::Leading) => pair.poles().leading_short.to_string(),
            Some(Stance::Both) => format!("{} (both)", pair.label()),
            None => pair.label(),
        });
        pair.into_iter()
            .chain(self.need.map(|n| n.key().to_string()))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// " (about directing · autonomy)" after the words, or nothing when untagged.
    pub(crate) fn about(&self) -> String {
        let words = self.tag_words();
        if words.is_empty() {
            String::new()
        } else {
            format!(" (about {words})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pole_word_names_its_pair_and_where_they_placed_the_leader() {
        let (pair, lean) = Pair::parse_about("Directing").unwrap();
        assert_eq!(
            (pair.key(), lean),
            ("directing_serving", Some(Stance::Managing))
        );
        let (pair, lean) = Pair::parse_about("breakthroughs").unwrap();
        assert_eq!(
            (pair.key(), lean),
            ("improving_breakthrough", Some(Stance::Leading))
        );
        let (pair, lean) = Pair::parse_about("control-commitment").unwrap();
        assert_eq!((pair.key(), lean), ("control_commitment", None));
        let refused = Pair::parse_about("bossy").unwrap_err().to_string();
        assert!(
            refused.starts_with(
                "\"bossy\" is not a pole or pair of the self-check: use one of systems, people,"
            ),
            "{refused}"
        );
    }

    #[test]
    fn a_last_at_word_tags_a_line_of_feedback() {
        let (text, about) = Pair::split_about("You jump in too fast @Directing ");
        assert_eq!(text, "You jump in too fast");
        assert_eq!(
            about.map(|(p, l)| (p.key(), l)),
            Some(("directing_serving", Some(Stance::Managing)))
        );
        // An address or an unknown word is what was said.
        for line in ["Mail me @ana", "@directing", "ok @ home"] {
            assert_eq!(Pair::split_about(line), (line.to_string(), None), "{line}");
        }
    }

    #[test]
    fn every_pole_word_reads_back_as_its_own_pair() {
        for pair in Pair::ALL {
            let poles = pair.poles();
            assert_eq!(Pair::parse_about(poles.managing_short).unwrap().0, pair);
            assert_eq!(Pair::parse_about(poles.leading_short).unwrap().0, pair);
            assert_eq!(pair.key().parse::<Pair>().unwrap(), pair);
            assert_eq!(pair.dashed(), pair.key().replace('_', "-"));
            assert_eq!(Pair::parse_about(pair.dashed()).unwrap(), (pair, None));
        }
    }
}
