//! `rapport review`: the dossier in Markdown and in HTML, the HTML read back with an HTML
//! parser.

use crate::common;

use common::Journal;
use scraper::{Html, Selector};

fn journal() -> Journal {
    let journal = Journal::new();
    journal.ok(&[
        "person",
        "add",
        "Ana Lima",
        "--role",
        "Engineer",
        "--cadence",
        "14",
    ]);
    let day = |days_ago: i64| (common::today() - chrono::Duration::days(days_ago)).to_string();
    journal.ok(&[
        "log",
        "Ana",
        "--when",
        &day(40),
        "--mood",
        "4",
        "--need",
        "competence",
        "--summary",
        "Planning & <b>scope</b>",
        "--notes",
        "She said \"no\" to <script>alert(1)</script> & that's fine",
    ]);
    journal.ok(&[
        "log",
        "Ana",
        "--when",
        &day(10),
        "--mood",
        "2",
        "--concern",
        "security",
    ]);
    journal.ok(&["aspiration", "add", "Ana", "Lead <the> migration"]);
    journal.ok(&["ack", "Ana", "calm in the outage"]);
    journal.ok(&["idea", "Ana", "demo days"]);
    journal
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).expect("a selector"))
        .collect()
}

#[test]
fn the_html_review_is_one_self_contained_escaped_file() {
    let journal = journal();
    let path = journal.dir().join("reviews/ana.html");
    let said = journal.ok(&[
        "review",
        "Ana",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(said.starts_with("Wrote Ana Lima's review since "), "{said}");
    assert_eq!(common::mode(&path) & 0o777, 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    let page = Html::parse_document(&text);
    assert!(page.errors.is_empty(), "{:?}", page.errors);

    assert!(select(&page, "script").is_empty(), "no script runs");
    let fetching: Vec<String> = select(&page, "[src], link, iframe, object, embed, img")
        .iter()
        .map(|e| e.html())
        .collect();
    assert!(fetching.is_empty(), "nothing is fetched: {fetching:?}");
    assert!(select(&page, "a[href]").is_empty());
    assert_eq!(select(&page, "style").len(), 1, "its own CSS");
    assert!(text.contains("@media print"), "it prints cleanly");

    let title = select(&page, "title")[0].text().collect::<String>();
    assert_eq!(title, "Review: Ana Lima");
    let headings: Vec<String> = select(&page, "h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        headings,
        [
            "Aspirations",
            "Acknowledgements given",
            "Ideas they brought",
            "What they told me about my leading",
            "Trust handed over",
            "Needs, month by month",
            "Promises",
            "Mood",
            "Conversations"
        ]
    );
    assert_eq!(
        select(&page, "svg").len(),
        2,
        "the needs grid and the mood line"
    );
    assert_eq!(
        select(&page, "svg circle").len(),
        2,
        "a point per mood noted"
    );

    // What was written is text on the page, never markup.
    let notes: Vec<String> = select(&page, "blockquote")
        .iter()
        .map(|b| b.text().collect())
        .collect();
    assert_eq!(
        notes,
        ["She said \"no\" to <script>alert(1)</script> & that's fine"]
    );
    assert!(
        select(&page, "b").is_empty(),
        "a <b> in a summary stays text"
    );
    let aspirations: String = select(&page, "#aspirations")[0].text().collect();
    assert!(
        aspirations.contains("Lead <the> migration"),
        "{aspirations}"
    );
    let conversations: String = select(&page, "#conversations")[0].text().collect();
    assert!(
        conversations.contains("Planning & <b>scope</b>"),
        "{conversations}"
    );
    assert!(
        conversations.contains("Concerns: ! Security"),
        "{conversations}"
    );
    let kept: String = select(&page, "#ideas")[0].text().collect();
    assert!(kept.contains("demo days"), "{kept}");
}

#[test]
fn the_markdown_review_holds_each_part_and_honours_since() {
    let journal = journal();
    let all = journal.ok(&["review", "Ana"]);
    for heading in [
        "# Review: Ana Lima",
        "## Aspirations",
        "## Acknowledgements given",
        "## Ideas they brought",
        "## Needs, month by month",
        "## Promises",
        "## Mood",
        "## Conversations",
    ] {
        assert!(all.contains(heading), "{heading}: {all}");
    }
    assert!(
        all.contains("calm in the outage") && all.contains("Planning & &lt;b&gt;scope&lt;/b&gt;"),
        "{all}"
    );
    let since = (common::today() - chrono::Duration::days(20)).to_string();
    let recent = journal.ok(&["review", "Ana", "--since", &since]);
    assert!(
        recent.contains(&format!("{since} to {}", common::today())),
        "{recent}"
    );
    assert!(
        !recent.contains("Planning"),
        "the conversation before --since is left out"
    );
    assert_eq!(recent.matches("### ").count(), 1, "{recent}");
}

/// Journal text that is HTML or a link a viewer would run: the Markdown export and the
/// Markdown review write it as text (`&lt;`…) and send such links nowhere (`unsafe:`); the
/// HTML review shows it as text, with no element made of it.
#[test]
fn documents_never_carry_runnable_html_or_links_from_the_journal() {
    let journal = Journal::new();
    let name = "Eve <script>alert(1)</script>";
    journal.ok(&[
        "person",
        "add",
        name,
        "--role",
        "<img src=x onerror=alert(1)>",
    ]);
    journal.ok(&[
        "log",
        "Eve",
        "--when",
        &(common::today() - chrono::Duration::days(3)).to_string(),
        "--summary",
        "[x](javascript:alert(1)) and [docs](https://example.com/a?b=1&c=2)",
        "--notes",
        "First <img src=x onerror=alert(2)>\n[x](JaVaScRiPt:alert(3))\n[y](&#106;avascript:alert(4))",
    ]);
    journal.ok(&["ack", "Eve", "![z](data:text/html,hi) & <b>bold</b>"]);

    let export = journal.ok(&["export", "--format", "markdown"]);
    let review = journal.ok(&["review", "Eve"]);
    for (what, page) in [("export", &export), ("review", &review)] {
        assert!(!page.contains('<'), "{what}: no tag can begin: {page}");
        let lower = page.to_lowercase();
        for scheme in ["javascript:", "data:"] {
            assert!(
                !lower.contains(&format!("]({scheme}")),
                "{what}: no link runs {scheme}: {page}"
            );
        }
        for written in [
            "Eve &lt;script&gt;alert(1)&lt;/script&gt;",
            "&lt;img src=x onerror=alert(1)&gt;",
            "[x](unsafe:javascript:alert(1)) and [docs](https://example.com/a?b=1&c=2)",
            "First &lt;img src=x onerror=alert(2)&gt;",
            "[x](unsafe:JaVaScRiPt:alert(3))",
            "[y](&amp;#106;avascript:alert(4))",
            "![z](unsafe:data:text/html,hi) & &lt;b&gt;bold&lt;/b&gt;",
        ] {
            assert!(page.contains(written), "{what}: {written}: {page}");
        }
    }

    let path = journal.dir().join("eve.html");
    journal.ok(&[
        "review",
        "Eve",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    let page = Html::parse_document(&text);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    assert!(select(&page, "script").is_empty(), "no script: {text}");
    assert!(
        select(&page, "img, b, a[href], [onerror]").is_empty(),
        "{text}"
    );
    let body: String = select(&page, "body")[0].text().collect();
    for shown in [
        name,
        "<img src=x onerror=alert(1)>",
        "[x](JaVaScRiPt:alert(3))",
        "![z](data:text/html,hi) & <b>bold</b>",
    ] {
        assert!(body.contains(shown), "{shown}: {body}");
    }
}

/// A conversation is one set of blocks written once per kind of surface: the Markdown
/// review writes it exactly as the Markdown export does (one heading level higher), with
/// the documents' one date wording, its stance, the how of each need, its tags and its notes.
#[test]
fn the_review_writes_a_conversation_as_the_markdown_export_does() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Ana Lima"]);
    let day = common::today() - chrono::Duration::days(3);
    journal.ok(&[
        "log",
        "Ana",
        "--when",
        &format!("{day} 14:30"),
        "--mood",
        "4",
        "--stance",
        "leading",
        "--need",
        "competence:paired on the <query> plan",
        "--concern",
        "security",
        "--tag",
        "on-call",
        "--summary",
        "Night pages",
        "--notes",
        "first line\n\nthird <b>line</b>",
    ]);
    let block = |page: &str, heading: &str| -> String {
        let start = page.find(heading).expect("the conversation's heading");
        let rest = &page[start..];
        let end = rest[heading.len()..]
            .find("\n#")
            .map_or(rest.len(), |at| at + heading.len() + 1);
        rest[..end].trim_end().to_string()
    };
    let export = journal.ok(&["export", "--format", "markdown"]);
    let review = journal.ok(&["review", "Ana"]);
    let written = format!("#### {day} 14:30 · one-on-one · mood 4 · leading");
    let in_export = block(&export, &written);
    let in_review = block(&review, &written[1..]);
    assert_eq!(in_review, in_export[1..], "{review}");
    for part in [
        "**Night pages**",
        "- Needs: Competence (paired on the &lt;query&gt; plan)",
        "- Concerns: ! Security",
        "- Tags: on-call",
        "> first line\n>\n> third &lt;b&gt;line&lt;/b&gt;",
    ] {
        assert!(in_review.contains(part), "{part}: {in_review}");
    }
}
