//! The small closed vocabularies of the journal, each with one stored spelling.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::Invalid;

/// Declares an enum whose variants are stored and typed as fixed words.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant),+];

            pub(crate) fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.key())
            }
        }

        impl FromStr for $name {
            type Err = Invalid;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let word = s.trim().to_lowercase();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.key() == word)
                    .ok_or_else(|| Invalid::UnknownWord {
                        what: $what,
                        given: s.trim().to_string(),
                        allowed: $name::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

vocabulary!(
    /// What the leader saw of a need in a conversation: met (it was addressed), or a
    /// concern (it came up and is not met: it stays flagged until a later conversation
    /// meets it).
    NeedState, "need state" {
        Met => "met",
        Concern => "concern",
    }
);

vocabulary!(
    /// What sort of conversation it was.
    ConversationKind, "kind" {
        OneOnOne => "one-on-one",
        CheckIn => "check-in",
        SkipLevel => "skip-level",
        Informal => "informal",
    }
);

vocabulary!(
    /// Whether the leader led (serving, initiating, looking ahead) or managed (directing,
    /// controlling, looking back) in a conversation.
    Stance, "stance" {
        Leading => "leading",
        Managing => "managing",
        Both => "both",
    }
);

vocabulary!(
    /// Who promised a follow-up.
    Owner, "owner" {
        Me => "me",
        Them => "them",
    }
);

vocabulary!(
    AspirationStatus, "aspiration status" {
        Exploring => "exploring",
        Active => "active",
        Achieved => "achieved",
        Parked => "parked",
    }
);

vocabulary!(
    IdeaStatus, "idea status" {
        Heard => "heard",
        Trying => "trying",
        Adopted => "adopted",
        Declined => "declined",
    }
);

impl ConversationKind {
    /// A short label for dense lists.
    pub(crate) fn short(self) -> &'static str {
        match self {
            ConversationKind::OneOnOne => "1:1",
            ConversationKind::CheckIn => "check-in",
            ConversationKind::SkipLevel => "skip",
            ConversationKind::Informal => "informal",
        }
    }
}

impl FromStr for Mood {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let value: i64 = s
            .trim()
            .parse()
            .map_err(|_| Invalid::Mood(s.trim().to_string()))?;
        Mood::new(value).ok_or_else(|| Invalid::Mood(s.trim().to_string()))
    }
}

/// Mood and energy on a 1–5 scale: the answer to "are you okay?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Mood(u8);

impl Mood {
    pub fn new(value: i64) -> Option<Mood> {
        (1..=5).contains(&value).then_some(Mood(value as u8))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Mood {
    type Error = Invalid;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Mood::new(value).ok_or_else(|| Invalid::Mood(value.to_string()))
    }
}

impl From<Mood> for i64 {
    fn from(mood: Mood) -> i64 {
        i64::from(mood.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for kind in ConversationKind::ALL {
            assert_eq!(kind.key().parse::<ConversationKind>().unwrap(), *kind);
        }
        assert_eq!("Leading".parse::<Stance>().unwrap(), Stance::Leading);
        let err = "sideways".parse::<Stance>().unwrap_err().to_string();
        assert!(err.contains("leading, managing, both"), "{err}");
    }

    #[test]
    fn mood_is_one_to_five() {
        assert_eq!("3".parse::<Mood>().unwrap().value(), 3);
        assert!("0".parse::<Mood>().is_err());
        assert!("6".parse::<Mood>().is_err());
        assert!("9".parse::<Mood>().is_err());
        assert!("high".parse::<Mood>().is_err());
    }
}
