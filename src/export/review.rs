//! The review dossier (`rapport review NAME`): one person over a period, for review season —
//! their aspirations and progress, the acknowledgements given, the ideas they brought and
//! what became of them, what they told the leader about their leading, each need month by month, promises kept both ways, their mood, and
//! the conversations of the period. Markdown, or one self-contained HTML file (inline CSS
//! and SVG, no script, nothing fetched) that prints cleanly.

use std::io::Write;

use chrono::NaiveDate;

use super::{Page, when_written};
use crate::config::Config;
use crate::domain::{
    Acknowledgement, Aspiration, Conversation, Escape, Feedback, Idea, Need, Person,
};
use crate::insights::feedback::mirror;
use crate::insights::trends::{self, FollowThrough, NeedMonth, PersonTrend};
use crate::store::{FeedbackFilter, Result, Store};
use crate::views::dossier::{self, Block};
use crate::views::trends as views_trends;

/// Everything the dossier shows, read once.
pub(crate) struct Review {
    pub(crate) person: Person,
    pub(crate) since: NaiveDate,
    pub(crate) today: NaiveDate,
    pub(crate) aspirations: Vec<Aspiration>,
    pub(crate) acknowledgements: Vec<Acknowledgement>,
    pub(crate) ideas: Vec<Idea>,
    /// What they told the leader about their leading in the period, newest first.
    pub(crate) feedback: Vec<Feedback>,
    /// What the leader handed over to them, handed over or checked in the period.
    pub(crate) delegations: Vec<crate::domain::Delegation>,
    pub(crate) conversations: Vec<Conversation>,
    pub(crate) trend: PersonTrend,
}

impl Review {
    pub(crate) fn read(
        store: &Store,
        person_id: i64,
        since: NaiveDate,
        config: &Config,
    ) -> Result<Review> {
        let today = store.today();
        let (rows, trend) = crate::views::trends::read_with_rows(
            store,
            person_id,
            config,
            trends::months_between(since, today).min(120),
        )?;
        // Someone tracked since August is reviewed from August: no empty months before.
        let since = since.max(trend.since);
        Ok(Review {
            since,
            today,
            aspirations: store.aspirations(Some(person_id))?,
            acknowledgements: store
                .acknowledgements(person_id, usize::MAX >> 1)?
                .into_iter()
                .filter(|a| a.given_at.date() >= since)
                .collect(),
            ideas: store
                .ideas(Some(person_id))?
                .into_iter()
                .filter(|i| i.heard_on >= since)
                .collect(),
            feedback: store.feedback_list(FeedbackFilter {
                person_id: Some(person_id),
                from: Some(since),
                until: None,
            })?,
            delegations: {
                let mut handed: Vec<_> = store
                    .delegations(Some(person_id), false)?
                    .into_iter()
                    .filter(|d| d.handed_on >= since || d.checked_on.is_some_and(|on| on >= since))
                    .collect();
                // In the order they were handed over, as the rest of the dossier reads.
                handed.sort_by_key(|d| (d.handed_on, d.id));
                handed
            },
            conversations: rows
                .conversations
                .into_iter()
                .filter(|c| c.happened_at.date() >= since)
                .collect(),
            trend,
            person: rows.person,
        })
    }

    /// Promises due in the period, both ways.
    fn kept(&self) -> (FollowThrough, FollowThrough) {
        let sum =
            |of: fn(&trends::MonthTrend) -> FollowThrough| self.trend.months.iter().map(of).sum();
        (sum(|m| m.mine), sum(|m| m.theirs))
    }
}

/// Where they placed the leader, pair by pair, over the period: "directing ↔ serving:
/// directing 2, serving 0, both 0", for each pair they spoke of (the week's figure, from
/// [`mirror`], over the review's period, with no self-rating beside it).
fn placed(review: &Review) -> Vec<String> {
    mirror(None, &review.feedback)
        .pairs
        .iter()
        .filter(|p| p.said() > 0)
        .map(|p| {
            format!(
                "{} ↔ {}: {} {}, {} {}, both {}",
                p.managing,
                p.leading,
                p.managing,
                p.said_managing,
                p.leading,
                p.said_leading,
                p.said_both
            )
        })
        .collect()
}

/// A delegation in the dossier, its text already escaped for the page: "2026-11-02: the
/// release notes — stuck (checked 2026-11-20)".
fn handed_over_item(delegation: &crate::domain::Delegation, text: String) -> String {
    let state = match (delegation.outcome, delegation.checked_on) {
        (Some(outcome), Some(on)) => format!("{} (checked {on})", outcome.label()),
        _ => "not checked yet".into(),
    };
    format!("{}: {text} — {state}", delegation.handed_on)
}

fn kept_sentence(promises: FollowThrough) -> String {
    let due = promises.on_time + promises.late + promises.open;
    if due == 0 {
        return "none fell due".into();
    }
    format!(
        "{due} fell due: {} kept on time, {} late, {} still open",
        promises.on_time, promises.late, promises.open
    )
}

// ---- Markdown ----

/// One line of Markdown text: line breaks become spaces, control characters go, nothing a
/// viewer would run is left ([`Escape::MarkdownLine`]).
fn md(text: &str) -> String {
    Escape::MarkdownLine.apply(text)
}

/// The period, the role and team, and the cadence: "2025-11-25 to 2026-11-25 · Engineer ·
/// a 1:1 every 14 days", each part escaped by `escape`.
fn period(review: &Review, escape: Escape) -> String {
    let p = &review.person;
    let mut words = vec![format!("{} to {}", review.since, review.today)];
    for part in [&p.role, &p.team] {
        if !part.is_empty() {
            words.push(escape.apply(part));
        }
    }
    words.push(format!("a 1:1 every {} days", p.cadence_days));
    words.join(" · ")
}

/// The moods of the period, oldest first.
fn moods(review: &Review) -> Vec<(NaiveDate, u8)> {
    review
        .trend
        .moods
        .iter()
        .filter(|p| p.at.date() >= review.since)
        .map(|p| (p.at.date(), p.mood))
        .collect()
}

pub(crate) fn write_markdown(review: &Review, out: &mut dyn Write) -> Result<()> {
    let mut page = Page::new(out);
    let page = &mut page;
    page.line(format!("# Review: {}", md(&review.person.name)))?;
    page.line(format!("\n{}\n", period(review, Escape::MarkdownLine)))?;
    page.line("## Aspirations\n")?;
    if review.aspirations.is_empty() {
        page.line("None written down.")?;
    }
    for a in &review.aspirations {
        page.line(format!("- **{}** ({})", md(&a.title), a.status))?;
        for u in a.updates.iter().filter(|u| u.noted_on >= review.since) {
            let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
            page.line(format!("  - {}{status}: {}", u.noted_on, md(&u.note)))?;
        }
    }
    page.line("\n## Acknowledgements given\n")?;
    if review.acknowledgements.is_empty() {
        page.line("None in this period.")?;
    }
    for a in &review.acknowledgements {
        page.line(format!("- {}: {}", a.given_at.date(), md(&a.text)))?;
    }
    page.line("\n## Ideas they brought\n")?;
    if review.ideas.is_empty() {
        page.line("None in this period.")?;
    }
    for i in &review.ideas {
        let answer = when_written(" — ", &i.answer, Escape::MarkdownLine);
        page.line(format!(
            "- {}: {} (**{}**{answer})",
            i.heard_on,
            md(&i.text),
            i.status
        ))?;
    }
    page.line("\n## What they told me about my leading\n")?;
    if review.feedback.is_empty() {
        page.line("Nothing noted in this period: ask \"How can I improve?\".")?;
    }
    for f in &review.feedback {
        page.line(format!("- {}: {}{}", f.heard_on, md(&f.text), f.about()))?;
    }
    let placed = placed(review);
    if !placed.is_empty() {
        page.line(format!("\nWhere they placed me: {}.", placed.join("; ")))?;
    }
    page.line("\n## Trust handed over\n")?;
    if review.delegations.is_empty() {
        page.line("Nothing handed over in this period.")?;
    }
    for d in &review.delegations {
        page.line(format!("- {}", handed_over_item(d, md(&d.text))))?;
    }
    page.line("\n## Needs, month by month\n")?;
    page.line("| Month | Mood | C | B | A | F | S | 1:1s held/expected |")?;
    page.line("|---|---|---|---|---|---|---|---|")?;
    for m in &review.trend.months {
        let marks: Vec<String> = m.needs.iter().map(|n| n.mark().to_string()).collect();
        page.line(format!(
            "| {} | {} | {} | {} |",
            m.month.format("%b %Y"),
            views_trends::month_mood(m),
            marks.join(" | "),
            views_trends::held_of_expected(m.one_on_ones, m.expected)
        ))?;
    }
    page.line("\n● met · ! a concern still open at the month's end · · not addressed")?;
    let (mine, theirs) = review.kept();
    page.line("\n## Promises\n")?;
    page.line(format!("- Mine to them: {}.", kept_sentence(mine)))?;
    page.line(format!("- Theirs to me: {}.", kept_sentence(theirs)))?;
    page.line("\n## Mood\n")?;
    let moods: Vec<String> = moods(review)
        .iter()
        .map(|(day, m)| format!("{day} {m}"))
        .collect();
    if moods.is_empty() {
        page.line("None noted.")?;
    } else {
        page.line(moods.join(" · "))?;
    }
    page.line("\n## Conversations\n")?;
    if review.conversations.is_empty() {
        page.line("None in this period.")?;
    }
    for c in review.conversations.iter().rev() {
        super::markdown::conversation(&dossier::conversation(c, None), 3, page)?;
    }
    page.finish()
}

// ---- HTML ----

/// Text made safe inside HTML elements and attribute values ([`Escape::Html`]).
fn html(text: &str) -> String {
    Escape::Html.apply(text)
}

const STYLE: &str = "
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2430;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #d5dae1;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1.2rem 0 .3rem}.meta{color:#5a6472}table{border-collapse:collapse;font-size:.9rem}
td,th{padding:.15rem .5rem;text-align:center;border-bottom:1px solid #eef0f3}th:first-child,td:first-child{text-align:left}
.met{color:#1f7a3f}.concern{color:#b3261e;font-weight:bold}.none{color:#9aa3ad}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #d5dae1;color:#3b4452;white-space:pre-wrap}
svg text{font:11px system-ui,sans-serif;fill:#5a6472}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}section,.conversation{break-inside:avoid}}
";

/// A section holding a list of items, or the sentence that says there are none.
fn html_section(
    page: &mut Page,
    id: &str,
    title: &str,
    items: &[String],
    none: &str,
) -> Result<()> {
    page.line(format!("<section id=\"{id}\"><h2>{title}</h2>"))?;
    if items.is_empty() {
        page.line(format!("<p>{none}</p>"))?;
    } else {
        page.line("<ul>")?;
        for item in items {
            page.line(format!("<li>{item}</li>"))?;
        }
        page.line("</ul>")?;
    }
    page.line("</section>")
}

pub(crate) fn write_html(review: &Review, out: &mut dyn Write) -> Result<()> {
    let mut page = Page::new(out);
    let page = &mut page;
    page.put(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Review: {name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Review: {name}</h1>\n<p class=\"meta\">{}</p>\n",
        period(review, Escape::Html),
        name = html(&review.person.name),
    ))?;
    let aspirations: Vec<String> = review
        .aspirations
        .iter()
        .map(|a| {
            let mut item = format!("<strong>{}</strong> ({})", html(&a.title), a.status);
            let notes: Vec<String> = a
                .updates
                .iter()
                .filter(|u| u.noted_on >= review.since)
                .map(|u| {
                    let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
                    format!("<li>{}{status}: {}</li>", u.noted_on, html(&u.note))
                })
                .collect();
            if !notes.is_empty() {
                item.push_str(&format!("<ul>{}</ul>", notes.concat()));
            }
            item
        })
        .collect();
    html_section(
        page,
        "aspirations",
        "Aspirations",
        &aspirations,
        "None written down.",
    )?;
    let acknowledgements: Vec<String> = review
        .acknowledgements
        .iter()
        .map(|a| format!("{}: {}", a.given_at.date(), html(&a.text)))
        .collect();
    html_section(
        page,
        "acknowledgements",
        "Acknowledgements given",
        &acknowledgements,
        "None in this period.",
    )?;
    let ideas: Vec<String> = review
        .ideas
        .iter()
        .map(|i| {
            let answer = when_written(" — ", &i.answer, Escape::Html);
            format!(
                "{}: {} (<strong>{}</strong>{answer})",
                i.heard_on,
                html(&i.text),
                i.status
            )
        })
        .collect();
    html_section(
        page,
        "ideas",
        "Ideas they brought",
        &ideas,
        "None in this period.",
    )?;
    let feedback: Vec<String> = review
        .feedback
        .iter()
        .map(|f| format!("{}: {}{}", f.heard_on, html(&f.text), f.about()))
        .collect();
    html_section(
        page,
        "feedback",
        "What they told me about my leading",
        &feedback,
        "Nothing noted in this period: ask \u{201c}How can I improve?\u{201d}.",
    )?;
    let placed = placed(review);
    if !placed.is_empty() {
        page.line(format!(
            "<p class=\"meta\">Where they placed me: {}.</p>",
            placed.join("; ")
        ))?;
    }
    let delegations: Vec<String> = review
        .delegations
        .iter()
        .map(|d| handed_over_item(d, html(&d.text)))
        .collect();
    html_section(
        page,
        "handed-over",
        "Trust handed over",
        &delegations,
        "Nothing handed over in this period.",
    )?;
    page.line("<section id=\"needs\"><h2>Needs, month by month</h2>")?;
    page.line(needs_svg(&review.trend))?;
    page.line(
        "<p class=\"meta\"><span class=\"met\">● met</span> · <span class=\"concern\">! a concern still open at the month's end</span> · <span class=\"none\">· not addressed</span></p>",
    )?;
    page.line("<table><tr><th>Month</th><th>Mood</th><th>1:1s held/expected</th></tr>")?;
    for m in &review.trend.months {
        page.line(format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            m.month.format("%b %Y"),
            views_trends::month_mood(m),
            views_trends::held_of_expected(m.one_on_ones, m.expected)
        ))?;
    }
    page.line("</table></section>")?;
    let (mine, theirs) = review.kept();
    page.line(format!(
        "<section id=\"promises\"><h2>Promises</h2><ul><li>Mine to them: {}.</li><li>Theirs to me: {}.</li></ul></section>",
        kept_sentence(mine),
        kept_sentence(theirs)
    ))?;
    page.line("<section id=\"mood\"><h2>Mood</h2>")?;
    page.line(mood_svg(review))?;
    page.line("</section>")?;
    page.line("<section id=\"conversations\"><h2>Conversations</h2>")?;
    if review.conversations.is_empty() {
        page.line("<p>None in this period.</p>")?;
    }
    for c in review.conversations.iter().rev() {
        html_conversation(&dossier::conversation(c, None), page)?;
    }
    page.line("</section>\n</body>\n</html>")?;
    page.finish()
}

/// A conversation's blocks in HTML: the heading, the summary, the needs, concerns and tags
/// in one line of small print, the notes quoted with their line breaks.
fn html_conversation(blocks: &[Block], page: &mut Page) -> Result<()> {
    page.line(format!(
        "<div class=\"conversation\"><h3>{}</h3>",
        dossier::document_heading(blocks)
    ))?;
    let tags = dossier::tags(blocks);
    for block in blocks {
        match block {
            Block::Summary(summary) => page.line(format!("<p>{}</p>", html(summary)))?,
            Block::Needs(needs) => {
                let mut meta: Vec<String> = dossier::document_needs(needs, Escape::Html)
                    .into_iter()
                    .map(|(label, needs)| {
                        let class = if label == "Needs" { "met" } else { "concern" };
                        format!("<span class=\"{class}\">{label}: {needs}</span>")
                    })
                    .collect();
                if let Some(tags) = tags {
                    meta.push(format!("<span>Tags: {}</span>", html(&tags.join(", "))));
                }
                if !meta.is_empty() {
                    page.line(format!("<p class=\"meta\">{}</p>", meta.join(" ")))?;
                }
            }
            Block::Notes(notes) => {
                page.line(format!("<blockquote>{}</blockquote>", html(notes)))?
            }
            Block::Heading { .. } | Block::Facts { .. } | Block::FollowUps(_) => {}
        }
    }
    page.line("</div>")
}

/// Each need per month as a grid of cells, each with its mark as text, so it reads printed in
/// black and white too.
fn needs_svg(trend: &PersonTrend) -> String {
    const CELL: usize = 34;
    const LABEL: usize = 90;
    let months = trend.months.len();
    let width = LABEL + months * CELL;
    let height = 22 + 5 * 24;
    let mut svg = vec![format!(
        "<svg role=\"img\" aria-label=\"Each need per month\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    )];
    for (i, m) in trend.months.iter().enumerate() {
        let x = LABEL + i * CELL + CELL / 2;
        svg.push(format!(
            "<text x=\"{x}\" y=\"14\" text-anchor=\"middle\">{}</text>",
            m.month.format("%b")
        ));
    }
    for (row, need) in Need::ALL.iter().enumerate() {
        let y = 22 + row * 24;
        svg.push(format!(
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 16,
            need.label()
        ));
        for (i, m) in trend.months.iter().enumerate() {
            let state = m.needs[need.index()];
            let (fill, ink) = match state {
                NeedMonth::Met => ("#d7efdf", "#1f7a3f"),
                NeedMonth::Concern => ("#f7d9d6", "#b3261e"),
                NeedMonth::NotAddressed => ("#f3f4f6", "#9aa3ad"),
            };
            let x = LABEL + i * CELL;
            svg.push(format!(
                "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"20\" rx=\"3\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" style=\"fill:{ink}\">{}</text>",
                x + 1,
                CELL - 2,
                x + CELL / 2,
                y + 15,
                state.mark()
            ));
        }
    }
    svg.push("</svg>".into());
    svg.concat()
}

/// Mood per conversation of the period as a line on a fixed 1–5 scale.
fn mood_svg(review: &Review) -> String {
    let points = moods(review);
    if points.is_empty() {
        return "<p>None noted.</p>".into();
    }
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 160.0;
    const LEFT: f64 = 24.0;
    let span = (review.today - review.since).num_days().max(1) as f64;
    let x = |day: NaiveDate| {
        LEFT + (day - review.since).num_days() as f64 / span * (WIDTH - LEFT - 8.0)
    };
    let y = |mood: u8| 10.0 + (5.0 - f64::from(mood)) / 4.0 * (HEIGHT - 30.0);
    let mut svg = vec![format!(
        "<svg role=\"img\" aria-label=\"Mood per conversation\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" xmlns=\"http://www.w3.org/2000/svg\">"
    )];
    for mood in 1..=5u8 {
        svg.push(format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#eef0f3\"/><text x=\"4\" y=\"{:.1}\">{mood}</text>",
            WIDTH - 8.0,
            y(mood) + 4.0,
            y = y(mood)
        ));
    }
    let line: Vec<String> = points
        .iter()
        .map(|(day, mood)| format!("{:.1},{:.1}", x(*day), y(*mood)))
        .collect();
    svg.push(format!(
        "<polyline fill=\"none\" stroke=\"#3559a8\" stroke-width=\"2\" points=\"{}\"/>",
        line.join(" ")
    ));
    for (day, mood) in &points {
        svg.push(format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#3559a8\"><title>{day}: {mood}</title></circle>",
            x(*day),
            y(*mood)
        ));
    }
    svg.push(format!(
        "<text x=\"{LEFT}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></svg>",
        HEIGHT - 4.0,
        review.since,
        WIDTH - 8.0,
        HEIGHT - 4.0,
        review.today
    ));
    svg.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_counted_inclusively() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            trends::months_between(day("2025-11-25"), day("2026-11-25")),
            13
        );
        assert_eq!(
            trends::months_between(day("2026-11-01"), day("2026-11-25")),
            1
        );
    }
}
