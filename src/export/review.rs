//! The review dossier (`rapport review NAME`): one person over a period, for review season —
//! their aspirations and progress, the acknowledgements given, the ideas they brought and
//! what became of them, each need month by month, promises kept both ways, their mood, and
//! the conversations of the period. Markdown, or one self-contained HTML file (inline CSS
//! and SVG, no script, nothing fetched) that prints cleanly.

use std::fmt::Write as _;
use std::io::Write;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::{printable, write_error};
use crate::config::Config;
use crate::domain::{Acknowledgement, Aspiration, Conversation, Idea, Need, NeedState, Person};
use crate::insights::trends::{self, FollowThrough, NeedMonth, PersonTrend};
use crate::store::{Result, Store};

/// Everything the dossier shows, read once.
pub(crate) struct Review {
    pub(crate) person: Person,
    pub(crate) since: NaiveDate,
    pub(crate) today: NaiveDate,
    pub(crate) aspirations: Vec<Aspiration>,
    pub(crate) acknowledgements: Vec<Acknowledgement>,
    pub(crate) ideas: Vec<Idea>,
    pub(crate) conversations: Vec<Conversation>,
    pub(crate) trend: PersonTrend,
}

/// The months from the one holding `since` to the one holding `today`.
fn months_between(since: NaiveDate, today: NaiveDate) -> u32 {
    let months = (today.year() - since.year()) * 12 + today.month() as i32 - since.month() as i32;
    u32::try_from(months + 1).unwrap_or(1).clamp(1, 120)
}

impl Review {
    pub(crate) fn read(
        store: &Store,
        person_id: i64,
        since: NaiveDate,
        config: &Config,
    ) -> Result<Review> {
        let today = store.today();
        let months = months_between(since, today);
        let from = trends::first_month(today, months).and_time(NaiveTime::MIN);
        let rows = store.trend_rows(person_id, from)?;
        let trend = trends::person_trend(
            &rows.person,
            &rows.conversations,
            &rows.follow_ups,
            config.cadence_kinds,
            today,
            months,
        );
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

fn needs_of(c: &Conversation, state: NeedState) -> String {
    c.needs_in(state)
        .map(|n| n.need.label())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---- Markdown ----

/// One line of Markdown text: line breaks become spaces, control characters go, nothing a
/// viewer would run is left (see `export::markdown_text`).
fn md(text: &str) -> String {
    super::markdown::inline(text)
}

pub(crate) fn write_markdown(review: &Review, out: &mut dyn Write) -> Result<()> {
    let mut s = String::new();
    let p = &review.person;
    let _ = writeln!(s, "# Review: {}", md(&p.name));
    let _ = writeln!(
        s,
        "\n{} to {}{}{} · a 1:1 every {} days\n",
        review.since,
        review.today,
        if p.role.is_empty() {
            String::new()
        } else {
            format!(" · {}", md(&p.role))
        },
        if p.team.is_empty() {
            String::new()
        } else {
            format!(" · {}", md(&p.team))
        },
        p.cadence_days
    );
    let _ = writeln!(s, "## Aspirations\n");
    if review.aspirations.is_empty() {
        let _ = writeln!(s, "None written down.");
    }
    for a in &review.aspirations {
        let _ = writeln!(s, "- **{}** ({})", md(&a.title), a.status);
        for u in a.updates.iter().filter(|u| u.noted_on >= review.since) {
            let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
            let _ = writeln!(s, "  - {}{status}: {}", u.noted_on, md(&u.note));
        }
    }
    let _ = writeln!(s, "\n## Acknowledgements given\n");
    if review.acknowledgements.is_empty() {
        let _ = writeln!(s, "None in this period.");
    }
    for a in &review.acknowledgements {
        let _ = writeln!(s, "- {}: {}", a.given_at.date(), md(&a.text));
    }
    let _ = writeln!(s, "\n## Ideas they brought\n");
    if review.ideas.is_empty() {
        let _ = writeln!(s, "None in this period.");
    }
    for i in &review.ideas {
        let answer = if i.answer.is_empty() {
            String::new()
        } else {
            format!(" — {}", md(&i.answer))
        };
        let _ = writeln!(
            s,
            "- {}: {} (**{}**{answer})",
            i.heard_on,
            md(&i.text),
            i.status
        );
    }
    let _ = writeln!(s, "\n## Needs, month by month\n");
    let _ = writeln!(
        s,
        "| Month | Mood | C | B | A | F | S | 1:1s held / expected |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for m in &review.trend.months {
        let marks: Vec<String> = m.needs.iter().map(|n| n.mark().to_string()).collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} / {:.1} |",
            m.month.format("%b %Y"),
            m.mood
                .map(|v| format!("{v:.1}"))
                .unwrap_or_else(|| "–".into()),
            marks.join(" | "),
            m.one_on_ones,
            m.expected
        );
    }
    let _ = writeln!(
        s,
        "\n● met · ! a concern still open at the month's end · · not addressed"
    );
    let (mine, theirs) = review.kept();
    let _ = writeln!(s, "\n## Promises\n");
    let _ = writeln!(s, "- Mine to them: {}.", kept_sentence(mine));
    let _ = writeln!(s, "- Theirs to me: {}.", kept_sentence(theirs));
    let _ = writeln!(s, "\n## Mood\n");
    let moods: Vec<String> = review
        .trend
        .moods
        .iter()
        .filter(|(at, _)| at.date() >= review.since)
        .map(|(at, m)| format!("{} {m}", at.date()))
        .collect();
    if moods.is_empty() {
        let _ = writeln!(s, "None noted.");
    } else {
        let _ = writeln!(s, "{}", moods.join(" · "));
    }
    let _ = writeln!(s, "\n## Conversations\n");
    if review.conversations.is_empty() {
        let _ = writeln!(s, "None in this period.");
    }
    for c in review.conversations.iter().rev() {
        let _ = writeln!(
            s,
            "### {} · {}{}\n",
            c.happened_at.format("%a %d %b %Y"),
            c.kind,
            c.mood
                .map(|m| format!(" · mood {}", m.value()))
                .unwrap_or_default()
        );
        if !c.summary.is_empty() {
            let _ = writeln!(s, "{}\n", md(&c.summary));
        }
        let met = needs_of(c, NeedState::Met);
        if !met.is_empty() {
            let _ = writeln!(s, "- Needs met: {met}");
        }
        let concerns = needs_of(c, NeedState::Concern);
        if !concerns.is_empty() {
            let _ = writeln!(s, "- Concerns: {concerns}");
        }
        if !c.notes.is_empty() {
            let notes = super::markdown_text(&c.notes).replace('\n', "\n> ");
            let _ = writeln!(s, "\n> {notes}");
        }
        let _ = writeln!(s);
    }
    out.write_all(s.as_bytes()).map_err(write_error)
}

// ---- HTML ----

/// Text made safe inside HTML elements and attribute values.
fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in printable(text).chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
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

pub(crate) fn write_html(review: &Review, out: &mut dyn Write) -> Result<()> {
    let mut s = String::new();
    let p = &review.person;
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Review: {name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Review: {name}</h1>\n<p class=\"meta\">{} to {}{}{} · a 1:1 every {} days</p>\n",
        review.since,
        review.today,
        if p.role.is_empty() {
            String::new()
        } else {
            format!(" · {}", html(&p.role))
        },
        if p.team.is_empty() {
            String::new()
        } else {
            format!(" · {}", html(&p.team))
        },
        p.cadence_days,
        name = html(&p.name),
    );
    let _ = writeln!(s, "<section id=\"aspirations\"><h2>Aspirations</h2>");
    if review.aspirations.is_empty() {
        let _ = writeln!(s, "<p>None written down.</p>");
    } else {
        let _ = writeln!(s, "<ul>");
        for a in &review.aspirations {
            let _ = write!(s, "<li><strong>{}</strong> ({})", html(&a.title), a.status);
            let notes: Vec<_> = a
                .updates
                .iter()
                .filter(|u| u.noted_on >= review.since)
                .collect();
            if !notes.is_empty() {
                let _ = write!(s, "<ul>");
                for u in notes {
                    let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
                    let _ = write!(s, "<li>{}{status}: {}</li>", u.noted_on, html(&u.note));
                }
                let _ = write!(s, "</ul>");
            }
            let _ = writeln!(s, "</li>");
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</section>");
    let _ = writeln!(
        s,
        "<section id=\"acknowledgements\"><h2>Acknowledgements given</h2>"
    );
    if review.acknowledgements.is_empty() {
        let _ = writeln!(s, "<p>None in this period.</p>");
    } else {
        let _ = writeln!(s, "<ul>");
        for a in &review.acknowledgements {
            let _ = writeln!(s, "<li>{}: {}</li>", a.given_at.date(), html(&a.text));
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</section>");
    let _ = writeln!(s, "<section id=\"ideas\"><h2>Ideas they brought</h2>");
    if review.ideas.is_empty() {
        let _ = writeln!(s, "<p>None in this period.</p>");
    } else {
        let _ = writeln!(s, "<ul>");
        for i in &review.ideas {
            let answer = if i.answer.is_empty() {
                String::new()
            } else {
                format!(" — {}", html(&i.answer))
            };
            let _ = writeln!(
                s,
                "<li>{}: {} (<strong>{}</strong>{answer})</li>",
                i.heard_on,
                html(&i.text),
                i.status
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</section>");
    let _ = writeln!(s, "<section id=\"needs\"><h2>Needs, month by month</h2>");
    let _ = writeln!(s, "{}", needs_svg(&review.trend));
    let _ = writeln!(
        s,
        "<p class=\"meta\"><span class=\"met\">● met</span> · <span class=\"concern\">! a concern still open at the month's end</span> · <span class=\"none\">· not addressed</span></p>"
    );
    let _ = writeln!(
        s,
        "<table><tr><th>Month</th><th>Mood</th><th>1:1s held</th><th>expected</th></tr>"
    );
    for m in &review.trend.months {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1}</td></tr>",
            m.month.format("%b %Y"),
            m.mood
                .map(|v| format!("{v:.1}"))
                .unwrap_or_else(|| "–".into()),
            m.one_on_ones,
            m.expected
        );
    }
    let _ = writeln!(s, "</table></section>");
    let (mine, theirs) = review.kept();
    let _ = writeln!(
        s,
        "<section id=\"promises\"><h2>Promises</h2><ul><li>Mine to them: {}.</li><li>Theirs to me: {}.</li></ul></section>",
        kept_sentence(mine),
        kept_sentence(theirs)
    );
    let _ = writeln!(s, "<section id=\"mood\"><h2>Mood</h2>");
    let _ = writeln!(s, "{}", mood_svg(review));
    let _ = writeln!(s, "</section>");
    let _ = writeln!(s, "<section id=\"conversations\"><h2>Conversations</h2>");
    if review.conversations.is_empty() {
        let _ = writeln!(s, "<p>None in this period.</p>");
    }
    for c in review.conversations.iter().rev() {
        let _ = writeln!(
            s,
            "<div class=\"conversation\"><h3>{} · {}{}</h3>",
            c.happened_at.format("%a %d %b %Y"),
            c.kind,
            c.mood
                .map(|m| format!(" · mood {}", m.value()))
                .unwrap_or_default()
        );
        if !c.summary.is_empty() {
            let _ = writeln!(s, "<p>{}</p>", html(&c.summary));
        }
        let met = needs_of(c, NeedState::Met);
        let concerns = needs_of(c, NeedState::Concern);
        if !met.is_empty() || !concerns.is_empty() {
            let _ = write!(s, "<p class=\"meta\">");
            if !met.is_empty() {
                let _ = write!(s, "<span class=\"met\">Needs met: {met}</span> ");
            }
            if !concerns.is_empty() {
                let _ = write!(s, "<span class=\"concern\">Concerns: {concerns}</span>");
            }
            let _ = writeln!(s, "</p>");
        }
        if !c.notes.is_empty() {
            let _ = writeln!(s, "<blockquote>{}</blockquote>", html(&c.notes));
        }
        let _ = writeln!(s, "</div>");
    }
    let _ = writeln!(s, "</section>\n</body>\n</html>");
    out.write_all(s.as_bytes()).map_err(write_error)
}

/// Each need per month as a grid of cells, each with its mark as text, so it reads printed in
/// black and white too.
fn needs_svg(trend: &PersonTrend) -> String {
    const CELL: usize = 34;
    const LABEL: usize = 90;
    let months = trend.months.len();
    let width = LABEL + months * CELL;
    let height = 22 + 5 * 24;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Each need per month\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, m) in trend.months.iter().enumerate() {
        let x = LABEL + i * CELL + CELL / 2;
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"14\" text-anchor=\"middle\">{}</text>",
            m.month.format("%b")
        );
    }
    for (row, need) in Need::ALL.iter().enumerate() {
        let y = 22 + row * 24;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 16,
            need.label()
        );
        for (i, m) in trend.months.iter().enumerate() {
            let state = m.needs[need.index()];
            let (fill, ink) = match state {
                NeedMonth::Met => ("#d7efdf", "#1f7a3f"),
                NeedMonth::Concern => ("#f7d9d6", "#b3261e"),
                NeedMonth::NotAddressed => ("#f3f4f6", "#9aa3ad"),
            };
            let x = LABEL + i * CELL;
            let _ = write!(
                svg,
                "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"20\" rx=\"3\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" style=\"fill:{ink}\">{}</text>",
                x + 1,
                CELL - 2,
                x + CELL / 2,
                y + 15,
                state.mark()
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Mood per conversation of the period as a line on a fixed 1–5 scale.
fn mood_svg(review: &Review) -> String {
    let points: Vec<(NaiveDate, u8)> = review
        .trend
        .moods
        .iter()
        .filter(|(at, _)| at.date() >= review.since)
        .map(|(at, m)| (at.date(), *m))
        .collect();
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
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Mood per conversation\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for mood in 1..=5u8 {
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#eef0f3\"/><text x=\"4\" y=\"{:.1}\">{mood}</text>",
            WIDTH - 8.0,
            y(mood) + 4.0,
            y = y(mood)
        );
    }
    let line: Vec<String> = points
        .iter()
        .map(|(day, mood)| format!("{:.1},{:.1}", x(*day), y(*mood)))
        .collect();
    let _ = write!(
        svg,
        "<polyline fill=\"none\" stroke=\"#3559a8\" stroke-width=\"2\" points=\"{}\"/>",
        line.join(" ")
    );
    for (day, mood) in &points {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#3559a8\"><title>{day}: {mood}</title></circle>",
            x(*day),
            y(*mood)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{LEFT}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></svg>",
        HEIGHT - 4.0,
        review.since,
        WIDTH - 8.0,
        HEIGHT - 4.0,
        review.today
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_html_and_months_are_counted_inclusively() {
        assert_eq!(
            html("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(months_between(day("2025-11-25"), day("2026-11-25")), 13);
        assert_eq!(months_between(day("2026-11-01"), day("2026-11-25")), 1);
    }
}
