//! The timeline filter both front ends read: `person:Priya Raman need:a tag:growth
//! kind:1:1 since:2026-01-01 until:yesterday` on the Timeline screen, the same words as
//! flags on `rapport timeline`. The person stays a name: finding who it means needs rows.

use chrono::NaiveDate;

use super::{ConversationKind, Invalid, Lean, Need, parse_date};

/// What a filter asks for, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FilterWords {
    pub person: Option<String>,
    pub need: Option<Need>,
    /// Lower case, without a leading `#`.
    pub tag: Option<String>,
    pub kind: Option<ConversationKind>,
    /// First day shown (inclusive).
    pub since: Option<NaiveDate>,
    /// Last day shown (inclusive).
    pub until: Option<NaiveDate>,
}

/// The keys a filter line knows, in the order the line is written back.
pub(crate) const FILTER_KEYS: [&str; 6] = ["person", "need", "tag", "kind", "since", "until"];

impl FilterWords {
    /// Reads a filter line. A word without a known `key:` continues the value before it,
    /// so names with spaces need no quotes.
    pub(crate) fn parse(text: &str, today: NaiveDate) -> Result<FilterWords, Invalid> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for word in text.split_whitespace() {
            let key = word.split_once(':').and_then(|(key, value)| {
                FILTER_KEYS
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(key))
                    .map(|k| (*k, value))
            });
            match (key, pairs.last_mut()) {
                (Some((key, value)), _) => pairs.push((key, value.to_string())),
                (None, Some((_, value))) => {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(word);
                }
                (None, None) => return Err(Invalid::NotAFilter(word.to_string())),
            }
        }
        let mut words = FilterWords::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                return Err(Invalid::FilterWithoutValue(key));
            }
            words.set(key, value, today)?;
        }
        words.checked()
    }

    /// The same words given one by one (the command line's flags).
    pub(crate) fn from_parts(
        parts: &[(&'static str, Option<&str>)],
        today: NaiveDate,
    ) -> Result<FilterWords, Invalid> {
        let mut words = FilterWords::default();
        for (key, value) in parts {
            if let Some(value) = value {
                words.set(key, value.trim(), today)?;
            }
        }
        words.checked()
    }

    fn set(&mut self, key: &str, value: &str, today: NaiveDate) -> Result<(), Invalid> {
        match key {
            "person" => self.person = Some(value.to_string()),
            "need" => self.need = Some(value.parse()?),
            "tag" => self.tag = Some(value.trim_start_matches('#').to_lowercase()),
            "kind" => {
                let short = ConversationKind::ALL.iter().find(|k| k.short() == value);
                self.kind = Some(match short {
                    Some(kind) => *kind,
                    None => value.parse()?,
                });
            }
            "since" => self.since = Some(parse_date(value, today, Lean::Past)?),
            _ => self.until = Some(parse_date(value, today, Lean::Past)?),
        }
        Ok(())
    }

    fn checked(self) -> Result<FilterWords, Invalid> {
        match (self.since, self.until) {
            (Some(since), Some(until)) if since > until => {
                Err(Invalid::SinceAfterUntil { since, until })
            }
            _ => Ok(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    #[test]
    fn a_filter_line_reads_names_with_spaces_and_every_key() {
        let words = FilterWords::parse(
            "person:Priya Raman NEED:a tag:#Growth kind:1:1 since:2026-01-01 until:yesterday",
            monday(),
        )
        .unwrap();
        assert_eq!(words.person.as_deref(), Some("Priya Raman"));
        assert_eq!(words.need, Some(Need::Autonomy));
        assert_eq!(words.tag.as_deref(), Some("growth"));
        assert_eq!(words.kind, Some(ConversationKind::OneOnOne));
        assert_eq!(words.since.unwrap().to_string(), "2026-01-01");
        assert_eq!(words.until.unwrap().to_string(), "2026-11-22");
    }

    #[test]
    fn mistakes_are_named() {
        let refused = |text: &str| FilterWords::parse(text, monday()).unwrap_err();
        assert_eq!(refused("priya"), Invalid::NotAFilter("priya".into()));
        assert_eq!(refused("need:"), Invalid::FilterWithoutValue("need"));
        assert!(matches!(refused("need:joy"), Invalid::UnknownNeed(_)));
        assert!(matches!(
            refused("since:2026-05-01 until:2026-04-01"),
            Invalid::SinceAfterUntil { .. }
        ));
        let flags = FilterWords::from_parts(
            &[("since", Some("2026-05-01")), ("until", Some("2026-04-01"))],
            monday(),
        );
        assert!(matches!(flags, Err(Invalid::SinceAfterUntil { .. })));
    }
}
