//! The key reference in Markdown: `docs/keys.md` is this text, written from the same tables
//! the program uses, and a test keeps the page and the tables the same.

use super::actions::Context;
use super::tables::{
    Binding, CONFIRM, CONFLICTS, CONVERSATION, EVERYWHERE, FORM, GAPS, GLOBAL, HELP, LOG, PEOPLE,
    PEOPLE_FILTER, PREP, PREP_ANSWER, SEARCH, TIMELINE, TIMELINE_FILTER, TODAY, TRENDS, WEEK,
    WEEK_EDIT, notes,
};

/// The key reference in Markdown (`docs/keys.md` is this text, checked by a test), written
/// from the same tables the program uses.
fn reference_markdown() -> String {
    let mut text = String::from(
        "# Keys\n\nEvery key Rapport knows, screen by screen. `?` (or F1 in a form) shows the same list \
         inside the program. This page is generated from the key tables in `src/keymap/tables.rs`.\n",
    );
    let sections: [(&str, &[Binding]); 20] = [
        ("Everywhere, typing or not", EVERYWHERE),
        ("Every screen (when not typing)", GLOBAL),
        ("Today", TODAY),
        ("People", PEOPLE),
        ("People: typing a filter", PEOPLE_FILTER),
        ("Log a conversation", LOG),
        ("Timeline", TIMELINE),
        ("Timeline: editing the filters", TIMELINE_FILTER),
        ("Gaps", GAPS),
        ("1:1 preparation sheet", PREP),
        (
            "1:1 preparation sheet: answering what is still unknown",
            PREP_ANSWER,
        ),
        ("A past conversation", CONVERSATION),
        ("Search", SEARCH),
        ("A person's trends", TRENDS),
        ("Conflicts (texts edited on two devices)", CONFLICTS),
        ("Week", WEEK),
        ("Week: writing the reflection", WEEK_EDIT),
        ("Small forms (a person, an aspiration)", FORM),
        ("Questions (yes / no)", CONFIRM),
        ("Help", HELP),
    ];
    for (title, table) in sections {
        text.push_str(&format!(
            "\n## {title}\n\n| keys | what they do |\n|---|---|\n"
        ));
        for binding in table.iter().filter(|b| !b.label.is_empty()) {
            text.push_str(&format!("| `{}` | {} |\n", binding.label, binding.what));
        }
        let context = if std::ptr::eq(table, LOG) {
            Some(Context::Log)
        } else if std::ptr::eq(table, TIMELINE_FILTER) {
            Some(Context::TimelineFilter)
        } else if std::ptr::eq(table, SEARCH) {
            Some(Context::Search)
        } else if std::ptr::eq(table, WEEK_EDIT) {
            Some(Context::WeekEdit)
        } else {
            None
        };
        if let Some((heading, rows)) = context.and_then(notes) {
            text.push_str(&format!("\n{heading}:\n\n| | |\n|---|---|\n"));
            for (left, right) in rows {
                text.push_str(&format!("| `{left}` | {right} |\n"));
            }
        }
    }
    text.push_str(
        "\nThe mouse works too: click a tab to open its screen, scroll to move in lists.\n",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_page_is_generated_from_these_tables() {
        let page = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        let expected = reference_markdown();
        let actual = std::fs::read_to_string(page).unwrap_or_default();
        if actual != expected && std::env::var_os("RAPPORT_WRITE_DOCS").is_some() {
            // Rewriting the page never passes the test that asked for it: the next run
            // compares the page as written with the tables.
            std::fs::write(page, &expected).expect("docs/keys.md is writable");
            panic!("docs/keys.md was rewritten; run the test again to check it");
        }
        assert!(
            actual == expected,
            "docs/keys.md is out of date: run `RAPPORT_WRITE_DOCS=1 cargo test --lib keymap` to rewrite it"
        );
    }
}
