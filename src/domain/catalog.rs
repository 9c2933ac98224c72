//! What each need and each question guide means and what to ask about it, read from
//! `assets/needs.toml` and `assets/guides.toml` (data the team can edit without touching
//! code, and the leader can extend with their own file: see `questions.rs`).

use std::sync::OnceLock;

use serde::Deserialize;

use super::Need;
use super::questions::Guide;

/// One need or guide as the built-in catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TopicInfo {
    pub key: String,
    /// Needs only: the letter every screen shows.
    #[serde(default)]
    pub letter: String,
    pub name: String,
    pub about: String,
    pub questions: Vec<String>,
}

#[derive(Deserialize)]
struct NeedsFile {
    need: Vec<TopicInfo>,
}

#[derive(Deserialize)]
struct GuidesFile {
    guide: Vec<TopicInfo>,
}

const NEEDS_TOML: &str = include_str!("../../assets/needs.toml");
const GUIDES_TOML: &str = include_str!("../../assets/guides.toml");

fn needs() -> &'static [TopicInfo] {
    static NEEDS: OnceLock<Vec<TopicInfo>> = OnceLock::new();
    NEEDS.get_or_init(|| {
        // The file is compiled in and checked by the tests below, so it cannot be absent or
        // malformed at run time.
        let parsed: NeedsFile =
            toml::from_str(NEEDS_TOML).expect("assets/needs.toml is valid (tested)");
        parsed.need
    })
}

fn guides() -> &'static [TopicInfo] {
    static GUIDES: OnceLock<Vec<TopicInfo>> = OnceLock::new();
    GUIDES.get_or_init(|| {
        let parsed: GuidesFile =
            toml::from_str(GUIDES_TOML).expect("assets/guides.toml is valid (tested)");
        parsed.guide
    })
}

impl Need {
    /// The catalog entry for this need.
    pub(crate) fn info(self) -> &'static TopicInfo {
        &needs()[self.index()]
    }
}

impl Guide {
    /// The catalog entry for this guide.
    pub(crate) fn info(self) -> &'static TopicInfo {
        &guides()[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_lists_the_five_needs_in_order_with_questions() {
        assert_eq!(needs().len(), 5);
        for need in Need::ALL {
            let info = need.info();
            assert_eq!(info.key, need.key());
            assert_eq!(info.letter, need.letter().to_string());
            assert_eq!(info.name, need.label());
            assert!(
                info.questions.len() >= 3,
                "{} needs at least three questions",
                info.key
            );
            // Seed 000's own pair of words for the need: "competence and mastery"…
            let alias = need.aliases()[0];
            assert!(
                info.about.to_lowercase().contains(need.key()) && info.about.contains(alias),
                "{} is described with seed 000's words ({alias})",
                info.key
            );
        }
    }

    #[test]
    fn catalog_lists_the_guides_in_order_with_questions() {
        assert_eq!(guides().len(), Guide::ALL.len());
        for guide in Guide::ALL {
            let info = guide.info();
            assert_eq!(info.key, guide.key());
            assert!(info.questions.len() >= 2, "{}", info.key);
            assert!(!info.about.is_empty() && info.letter.is_empty());
        }
    }

    /// Every built-in question names the seed file it comes from, in the comment above it.
    #[test]
    fn every_built_in_question_cites_its_seed() {
        for text in [NEEDS_TOML, GUIDES_TOML] {
            let lines: Vec<&str> = text.lines().collect();
            let mut questions = 0;
            for (i, line) in lines.iter().enumerate() {
                let line = line.trim();
                if line.starts_with('"') {
                    questions += 1;
                    let cited = lines[..i]
                        .iter()
                        .rev()
                        .map(|l| l.trim())
                        .take_while(|l| l.starts_with('#'))
                        .any(|l| {
                            l.strip_prefix("# seeds/00")
                                .and_then(|rest| rest.split(':').next())
                                .is_some_and(|file| file.ends_with(".txt"))
                        });
                    assert!(cited, "no seed cited above {line}");
                }
            }
            assert!(questions >= 15);
        }
    }
}
