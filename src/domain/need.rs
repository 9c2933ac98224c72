//! The five needs a leader listens for, their names, letters and aliases, and a person's
//! priority needs read from words.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::Invalid;

/// The five basic needs, always in this order: the order of the letters C B A F S that every
/// screen uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Need {
    Competence,
    Belonging,
    Autonomy,
    Fun,
    Security,
}

impl Need {
    pub const ALL: [Need; 5] = [
        Need::Competence,
        Need::Belonging,
        Need::Autonomy,
        Need::Fun,
        Need::Security,
    ];

    /// The stored and typed name.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Need::Competence => "competence",
            Need::Belonging => "belonging",
            Need::Autonomy => "autonomy",
            Need::Fun => "fun",
            Need::Security => "security",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Need::Competence => "Competence",
            Need::Belonging => "Belonging",
            Need::Autonomy => "Autonomy",
            Need::Fun => "Fun",
            Need::Security => "Security",
        }
    }

    pub(crate) fn letter(self) -> char {
        match self {
            Need::Competence => 'C',
            Need::Belonging => 'B',
            Need::Autonomy => 'A',
            Need::Fun => 'F',
            Need::Security => 'S',
        }
    }

    /// Position 0..5 in the fixed order, also the digit key minus one.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Other words the leader may type for this need ("mastery" for competence).
    pub(crate) fn aliases(self) -> &'static [&'static str] {
        match self {
            Need::Competence => &["mastery"],
            Need::Belonging => &["affiliation"],
            Need::Autonomy => &["freedom"],
            Need::Fun => &["enjoyment"],
            Need::Security => &["survival"],
        }
    }
}

/// The mark of a concern on every surface, before its need's letter ("!S") or with its name
/// ("! Security"): without colour a concern must still read differently from a need met.
pub(crate) const CONCERN_MARK: char = '!';

/// A conversation's needs as letters in C B A F S order, a concern marked ("CA!S"): the one
/// spelling Today's Recent, People, `person show`, the timeline and prep share.
pub(crate) fn need_marks<'a>(
    needs: impl IntoIterator<Item = (Need, super::NeedState)> + 'a,
) -> String {
    let mut noted: Vec<(Need, super::NeedState)> = needs.into_iter().collect();
    noted.sort_by_key(|(need, _)| *need);
    noted
        .into_iter()
        .map(|(need, state)| match state {
            super::NeedState::Met => need.letter().to_string(),
            super::NeedState::Concern => format!("{CONCERN_MARK}{}", need.letter()),
        })
        .collect()
}

/// How many needs can be a person's priority at once.
pub(super) const MAX_PRIORITIES: usize = 2;

/// How priorities are written, for a field that takes them (what [`parse_priorities`] reads).
pub(crate) const PRIORITIES_FORMAT: &str = "up to two needs, e.g. security, competence; or none";

/// A person's priority needs from words ("security, competence", "none" or "" for none): at
/// most [`MAX_PRIORITIES`], each once, in C B A F S order.
pub(crate) fn parse_priorities(text: &str) -> Result<Vec<Need>, Invalid> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut chosen = Vec::new();
    for word in text.split([',', ' ']).filter(|w| !w.trim().is_empty()) {
        let need: Need = word.parse()?;
        if !chosen.contains(&need) {
            chosen.push(need);
        }
    }
    if chosen.len() > MAX_PRIORITIES {
        return Err(Invalid::TooManyPriorities(chosen.len()));
    }
    chosen.sort();
    Ok(chosen)
}

/// The stored spelling of priorities: need words joined by commas.
pub(crate) fn priority_words(needs: &[Need]) -> String {
    needs.iter().map(|n| n.key()).collect::<Vec<_>>().join(",")
}

impl fmt::Display for Need {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

impl FromStr for Need {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let word = s.trim().to_lowercase();
        Need::ALL
            .into_iter()
            .find(|need| {
                need.key() == word
                    || need.aliases().contains(&word.as_str())
                    || word.chars().eq(need.letter().to_lowercase())
            })
            .ok_or_else(|| Invalid::UnknownNeed(s.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_parse() {
        assert_eq!("competence".parse::<Need>().unwrap(), Need::Competence);
        assert_eq!("a".parse::<Need>().unwrap(), Need::Autonomy);
        assert_eq!("S".parse::<Need>().unwrap(), Need::Security);
        assert!("x".parse::<Need>().is_err());
        assert_eq!("Mastery".parse::<Need>().unwrap(), Need::Competence);
        assert_eq!("affiliation".parse::<Need>().unwrap(), Need::Belonging);
        assert_eq!("FREEDOM".parse::<Need>().unwrap(), Need::Autonomy);
        assert_eq!(" enjoyment ".parse::<Need>().unwrap(), Need::Fun);
        assert_eq!("survival".parse::<Need>().unwrap(), Need::Security);
        assert!("power".parse::<Need>().is_err());
    }

    #[test]
    fn a_concern_is_marked_apart_from_a_need_met() {
        use super::super::NeedState;
        let marks = need_marks([
            (Need::Security, NeedState::Concern),
            (Need::Competence, NeedState::Met),
            (Need::Autonomy, NeedState::Met),
        ]);
        assert_eq!(marks, "CA!S");
        assert_eq!(need_marks([(Need::Security, NeedState::Met)]), "S");
    }

    #[test]
    fn order_is_c_b_a_f_s() {
        let letters: String = Need::ALL.iter().map(|n| n.letter()).collect();
        assert_eq!(letters, "CBAFS");
        assert!(Need::ALL.iter().enumerate().all(|(i, n)| n.index() == i));
    }
}
