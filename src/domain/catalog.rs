//! What each need means and what to ask about it, read from `assets/needs.toml` (data the
//! team can edit without touching code).

use std::sync::OnceLock;

use serde::Deserialize;

use super::Need;

/// One need as the catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(crate) struct NeedInfo {
    pub key: String,
    pub letter: String,
    pub name: String,
    pub about: String,
    pub questions: Vec<String>,
}

#[derive(Deserialize)]
struct Catalog {
    need: Vec<NeedInfo>,
}

const NEEDS_TOML: &str = include_str!("../../assets/needs.toml");

fn catalog() -> &'static [NeedInfo] {
    static CATALOG: OnceLock<Vec<NeedInfo>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // The file is compiled in and checked by the tests below, so it cannot be absent or
        // malformed at run time.
        let parsed: Catalog =
            toml::from_str(NEEDS_TOML).expect("assets/needs.toml is valid (tested)");
        parsed.need
    })
}

impl Need {
    /// The catalog entry for this need.
    pub(crate) fn info(self) -> &'static NeedInfo {
        &catalog()[self.index()]
    }

    /// The questions to ask when this need has gone unaddressed.
    pub(crate) fn questions(self) -> &'static [String] {
        &self.info().questions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_lists_the_five_needs_in_order_with_questions() {
        let entries = catalog();
        assert_eq!(entries.len(), 5);
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
            assert!(!info.about.is_empty());
        }
    }
}
