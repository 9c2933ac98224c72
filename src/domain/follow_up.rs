//! The follow-up grammar the command line and the forms share: `them: send the plan @fri`
//! is owed by them, due on the next Friday.

use chrono::NaiveDate;

use super::{Invalid, Lean, NewFollowUp, Owner, parse_date};

/// Reads a follow-up as the leader writes it: a `them:` or `me:` prefix says who owes it
/// (else `default`), and a last word starting with `@` is its due date (`@fri`,
/// `@2026-12-01`, `@tomorrow`). An address such as `ana@example.org` is text, not a date.
pub(crate) fn parse_follow_up(
    text: &str,
    today: NaiveDate,
    default: Owner,
) -> Result<NewFollowUp, Invalid> {
    let (owner, rest) = split_owner(text, default);
    let (text, due_on) = split_due(rest, today)?;
    Ok(NewFollowUp {
        owner,
        text,
        due_on,
    })
}

/// The owner a `them:` / `me:` prefix names, and the text after it.
pub(crate) fn split_owner(text: &str, default: Owner) -> (Owner, &str) {
    let text = text.trim();
    match text.split_once(':') {
        Some((who, rest)) if who.trim().eq_ignore_ascii_case("them") => (Owner::Them, rest.trim()),
        Some((who, rest)) if who.trim().eq_ignore_ascii_case("me") => (Owner::Me, rest.trim()),
        _ => (default, text),
    }
}

/// Splits a trailing `@fri` / `@2026-12-01` due date off a follow-up's text; a last word
/// that starts with `@` but is no date is refused rather than kept as text.
pub(crate) fn split_due(
    text: &str,
    today: NaiveDate,
) -> Result<(String, Option<NaiveDate>), Invalid> {
    let text = text.trim();
    let (body, last) = match text.rsplit_once(char::is_whitespace) {
        Some((body, last)) => (body.trim_end(), last),
        None => ("", text),
    };
    match last.strip_prefix('@') {
        Some(when) if !when.is_empty() => {
            let due = parse_date(when, today, Lean::Future)?;
            Ok((body.to_string(), Some(due)))
        }
        _ => Ok((text.to_string(), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    #[test]
    fn owner_and_due_date_are_read_from_the_text() {
        let entry = parse_follow_up("them: draft the plan @fri", monday(), Owner::Me).unwrap();
        assert_eq!(entry.owner, Owner::Them);
        assert_eq!(entry.text, "draft the plan");
        assert_eq!(entry.due_on.unwrap().to_string(), "2026-11-27");
        let dated = parse_follow_up("send the link @2026-12-01", monday(), Owner::Them).unwrap();
        assert_eq!(
            (dated.owner, dated.text.as_str()),
            (Owner::Them, "send the link")
        );
        assert_eq!(dated.due_on.unwrap().to_string(), "2026-12-01");
    }

    #[test]
    fn addresses_are_text_and_a_bad_due_word_is_refused() {
        for text in [
            "send the link to ana@example.org today",
            "email bob@example.com",
            "write to @ once",
        ] {
            let entry = parse_follow_up(text, monday(), Owner::Me).unwrap();
            assert_eq!((entry.text.as_str(), entry.due_on), (text, None), "{text}");
        }
        assert!(parse_follow_up("ping @someday", monday(), Owner::Me).is_err());
    }
}
