//! Drawing Week: the counts against the week before, needs coverage, slipped follow-ups,
//! the balance self-check with its trend, and the reflection being written.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::WrapMode;
use unicode_width::UnicodeWidthStr;

use super::week::{WeekField, WeekScreen};
use crate::domain::{Balance, Need, Poles, balance_word, distinct_names};
use crate::insights::week::{Average, Count, WeekSummary};
use crate::tui::theme::Theme;
use crate::tui::widgets::{first_name, fit, pad, safe, wrap_words};
use crate::views::week::{
    NEED_BAR_FULL, compared_with, convergence_words, feedback_headline, gap_trend,
    intention_question, mood_trend, need_bar, pair_trend, quote_line, scale,
};

const LABEL: usize = 12;
/// The rows of counts under the 1:1s: not seen, stance, mood, acknowledgements and ideas,
/// follow-ups, and what was delegated (left out while a reflection is being written).
const STAT_ROWS: u16 = 6;
/// The least a reflection below the figures takes: its border and one line.
const REFLECTION_LEAST_ROWS: u16 = 3;
/// Slipped follow-ups are listed by name when the terminal is at least this tall.
const ROOMY_HEIGHT: u16 = 34;
const SLIPPED_SHOWN: usize = 3;
/// The quotes of the week's feedback shown on a small terminal and on a roomy one.
const QUOTES_SMALL: usize = 1;
const QUOTES_ROOMY: usize = 4;
/// The rows a reflection being written gets at the least, borders included.
const REFLECTION_LEAST: u16 = 8;
/// The label column of the reflection's fields.
const FIELD_LABEL: usize = 13;

impl WeekScreen {
    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let Some(summary) = &self.summary else {
            return;
        };
        let roomy = area.height >= ROOMY_HEIGHT;
        // Where the team is going, under the header: its first row on a roomy terminal,
        // and on any other whatever rows the figures and the reflection leave.
        let direction = (!summary.directions.is_empty()).then(|| {
            // A column of margin, as every row of the screen has.
            wrap_words(
                &crate::views::leading::direction_summary(&summary.directions),
                usize::from(area.width.saturating_sub(1)),
            )
        });
        let direction_wanted = direction
            .as_ref()
            .map_or(0, |rows| u16::try_from(rows.len()).unwrap_or(u16::MAX));
        // A roomy screen keeps its header's second row (empty without a direction).
        let header_height = if roomy { 2 } else { 1 };
        // The recorded stances, then the eight pairs.
        let mut balance_height = if roomy { 11 } else { 9 };
        // A reflection being written gets every row left; one written or missing, the
        // rows its words take, and the slipped follow-ups the rows it leaves.
        let editing = self.edit.as_ref().is_some_and(|e| e.week == summary.week);
        let left_width = if area.width >= 120 {
            64
        } else {
            54.min(area.width.saturating_sub(22))
        };
        let held = held_lines(summary, usize::from(left_width), theme);
        let held_rows = u16::try_from(held.len()).unwrap_or(1);
        // What people said: a headline, then as many quotes as the height allows.
        let quotes_shown =
            summary
                .feedback
                .quotes
                .len()
                .min(if roomy { QUOTES_ROOMY } else { QUOTES_SMALL });
        // The twelve weeks' gaps, once there is a week to compare.
        let compared = summary.feedback_trend.weeks.iter().any(|w| w.gap.is_some());
        let mut feedback_height = if summary.feedback.quotes.is_empty() && !compared {
            0
        } else {
            1 + u16::from(compared) + u16::try_from(quotes_shown).unwrap_or(0)
        };
        // Last week's intention, asked about at the top.
        let intention = intention_question(summary);
        let intention_height = u16::from(intention.is_some());
        // A reflection being written keeps its rows: the last count row gives way to it.
        let stat_rows = if editing { STAT_ROWS - 1 } else { STAT_ROWS };
        let mut fixed = header_height
            + intention_height
            + stat_rows
            + held_rows
            + balance_height
            + feedback_height;
        // On a short terminal every count keeps its row: the quotes give way first, then
        // the balance's pairs, so that a reflection's border and one line still fit below.
        let mut overflow = (fixed + REFLECTION_LEAST_ROWS).saturating_sub(area.height);
        let quotes_cut = overflow.min(feedback_height.saturating_sub(1 + u16::from(compared)));
        overflow -= quotes_cut;
        let pairs_cut = overflow.min(balance_height.saturating_sub(1));
        feedback_height -= quotes_cut;
        balance_height -= pairs_cut;
        fixed -= quotes_cut + pairs_cut;
        let reflection_height = if editing {
            None
        } else {
            let inside = usize::from(area.width.saturating_sub(2));
            // As tall as its words, within the rows the figures above leave (a border and
            // a line at the least): on a small terminal the figures come first.
            let wanted = u16::try_from(reflection_rows(summary, inside) + 2).unwrap_or(u16::MAX);
            Some(wanted.min(area.height.saturating_sub(fixed).max(REFLECTION_LEAST_ROWS)))
        };
        // The rows nothing above needs: the slipped follow-ups by name come first, then the
        // rest of the direction.
        let mut spare = area
            .height
            .saturating_sub(fixed + reflection_height.unwrap_or(REFLECTION_LEAST));
        let slipped_rows = summary.slipped.len().min(if roomy {
            SLIPPED_SHOWN.max(usize::from(spare))
        } else {
            usize::from(spare)
        });
        let slipped_height = u16::try_from(slipped_rows).unwrap_or(0);
        spare = spare.saturating_sub(slipped_height);
        let header_height = header_height.max(1 + direction_wanted.min(header_height - 1 + spare));
        let [header, asked, stats, slipped, balance, feedback, reflection] = Layout::vertical([
            Constraint::Length(header_height),
            Constraint::Length(intention_height),
            Constraint::Length(stat_rows + held_rows),
            Constraint::Length(slipped_height),
            Constraint::Length(balance_height),
            Constraint::Length(feedback_height),
            match reflection_height {
                Some(rows) => Constraint::Length(rows),
                None => Constraint::Min(0),
            },
        ])
        .areas(area);
        self.render_header(frame, header, summary, direction.as_deref(), theme);
        if let Some(question) = intention {
            let width = usize::from(asked.width);
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(format!(" {:<w$}", "Show up", w = LABEL - 1), theme.title()),
                    Span::styled(fit(&question, width.saturating_sub(LABEL)), theme.accent()),
                ])),
                asked,
            );
        }
        // A column of space keeps a cut count from running into the needs.
        let [left, _, right] = Layout::horizontal([
            Constraint::Length(left_width),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(stats);
        render_counts(frame, left, summary, held, theme);
        render_needs(frame, right, summary, theme);
        render_slipped(frame, slipped, summary, theme);
        let balance_rows = if roomy {
            balance.inner(ratatui::layout::Margin::new(0, 1))
        } else {
            balance
        };
        self.render_balance(frame, balance_rows, summary, theme);
        render_feedback(frame, feedback, summary, quotes_shown, theme);
        self.render_reflection(frame, reflection, summary, theme);
    }

    fn render_header(
        &self,
        frame: &mut Frame,
        area: Rect,
        summary: &WeekSummary,
        direction: Option<&[String]>,
        theme: Theme,
    ) {
        let week = &summary.week;
        let mut left = vec![
            Span::styled(
                format!(" Week {} · {}", week.number(), week.days_text()),
                theme.title(),
            ),
            Span::styled(
                if summary.in_progress {
                    " · so far"
                } else {
                    ""
                },
                theme.dim(),
            ),
            Span::styled(format!("   ▲▼ vs {}", compared_with(summary)), theme.dim()),
        ];
        // Where the arrows lead, in as many words as fit.
        let choices = if self.is_current() {
            vec![
                format!("← h week {}   this week ", summary.previous.number()),
                "← h   this week ".to_string(),
            ]
        } else {
            vec![
                format!(
                    "← h week {}   week {} l →   t this week ",
                    summary.previous.number(),
                    week.next().number()
                ),
                "← h   l →   t this week ".to_string(),
            ]
        };
        let used: usize = left.iter().map(|s| s.content.width()).sum();
        let room = usize::from(area.width);
        if let Some(right) = choices.into_iter().find(|r| used + r.width() < room) {
            left.push(Span::raw(" ".repeat(room - used - right.width())));
            left.push(Span::styled(right, theme.dim()));
        }
        let mut lines = vec![Line::from(left)];
        // The header's other rows: where the team is going, as it stood then; its last row
        // shown is cut when more are left.
        let rows = usize::from(area.height.saturating_sub(1));
        let direction = direction.unwrap_or_default();
        for (at, row) in direction.iter().take(rows).enumerate() {
            let text = if at + 1 == rows && direction.len() > rows {
                fit(&format!(" {row} {}", direction[rows..].join(" ")), room)
            } else {
                format!(" {row}")
            };
            lines.push(Line::from(Span::styled(text, theme.dim())));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// The week's recorded stances on the self-check's centred scale, then seed 003's eight
    /// pairs as rated, each with its twelve-week trend: self-image beside practice. Wide
    /// terminals get the seed's full words for each pole.
    fn render_balance(&self, frame: &mut Frame, area: Rect, summary: &WeekSummary, theme: Theme) {
        let edit = self.edit.as_ref().filter(|e| e.week == summary.week);
        let stored = summary
            .reflection
            .as_ref()
            .map(|r| r.balance.ratings())
            .unwrap_or_default();
        let shown = edit.map_or(stored, |e| e.ratings);
        let width = usize::from(area.width);
        let full = width >= 130;
        let words = |p: &Poles| {
            if full {
                (p.managing, p.leading)
            } else {
                (p.managing_short, p.leading_short)
            }
        };
        let managing_width = Balance::POLES
            .iter()
            .map(|p| words(p).0.width())
            .max()
            .unwrap_or(0);
        let leading_width = Balance::POLES
            .iter()
            .map(|p| words(p).1.width())
            .max()
            .unwrap_or(0);
        let place = summary.stance.place().map(|p| p.round() as u8);
        let s = &summary.stance;
        let mut recorded = vec![
            Span::styled(format!(" {:<w$}", "Balance", w = LABEL - 1), theme.title()),
            Span::raw(format!("{:>managing_width$} ", "recorded")),
            Span::styled(scale(place), theme.accent()),
            Span::raw("   leading "),
        ];
        recorded.extend(counted(s.leading, Better::Neither, theme));
        recorded.push(Span::raw(" · managing "));
        recorded.extend(counted(s.managing, Better::Neither, theme));
        recorded.push(Span::raw(" · both "));
        recorded.extend(counted(s.both, Better::Neither, theme));
        let used: usize = recorded.iter().map(|s| s.content.width()).sum();
        let legend = "  self-check 1 mostly managing · 3 both · 5 mostly leading";
        if used + legend.width() <= width {
            recorded.push(Span::styled(legend, theme.dim()));
        }
        let mut lines = vec![Line::from(recorded)];
        for (i, poles) in Balance::POLES.iter().enumerate() {
            let focused = edit.is_some_and(|e| e.focus == WeekField::Pole(i));
            let (managing, leading) = words(poles);
            let rating = shown[i];
            let scale = Span::styled(
                format!(
                    "{} {}",
                    scale(rating),
                    rating.map_or("·".to_string(), |r| r.to_string())
                ),
                if focused {
                    theme.selected()
                } else {
                    theme.accent()
                },
            );
            let label = if i == 0 { "you rated" } else { "" };
            let mut spans = vec![
                Span::styled(format!(" {label:<w$}", w = LABEL - 1), theme.dim()),
                Span::raw(format!("{managing:>managing_width$} ")),
                scale,
                Span::raw(format!(" {leading:<leading_width$}  ")),
                Span::styled(pair_trend(summary, i), theme.accent()),
            ];
            // Where people placed the leader on the pair this week, before the rating's word.
            let mirror = &summary.feedback.pairs[i];
            if mirror.people_place.is_some() {
                let used: usize = spans.iter().map(|s| s.content.width()).sum();
                let they = format!(
                    "  they {}",
                    crate::views::week::scale(mirror.people_place.map(|p| p.round() as u8))
                );
                if used + they.width() + 2 <= width {
                    spans.push(Span::raw(they));
                    spans.push(if mirror.differs {
                        Span::styled(" ≠", theme.warning())
                    } else {
                        Span::raw("  ")
                    });
                }
            }
            let used: usize = spans.iter().map(|s| s.content.width()).sum();
            let word = rating.map_or("", balance_word);
            if used + 2 + word.width() <= width {
                spans.push(Span::styled(format!("  {word}"), theme.dim()));
            }
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_reflection(
        &self,
        frame: &mut Frame,
        area: Rect,
        summary: &WeekSummary,
        theme: Theme,
    ) {
        let edit = self.edit.as_ref().filter(|e| e.week == summary.week);
        let (title, hint, border) = match edit {
            Some(e) => (
                format!(
                    " Reflection · week {}{} ",
                    summary.week.number(),
                    if e.changed { " · not saved yet" } else { "" }
                ),
                " Tab next field · Ctrl-S save · Esc cancel · F1 keys ",
                theme.accent(),
            ),
            None => (
                format!(" Reflection · week {} ", summary.week.number()),
                " e write · b rate the balance · h l other weeks · t this week ",
                theme.plain(),
            ),
        };
        let block = Block::bordered()
            .title(Span::styled(title, theme.title()))
            .title_bottom(Span::styled(hint, theme.dim()))
            .border_style(border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        if edit.is_none() && summary.reflection.is_none() {
            let text = nothing_written(summary);
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme.dim())
                    .wrap(Wrap { trim: true })
                    .block(Block::new().padding(ratatui::widgets::Padding::horizontal(1))),
                inner,
            );
            return;
        }
        let rows = if edit.is_some() {
            // Went well and Differently share the room first; Notes and Next week split
            // what is left.
            let third = inner.height / 3;
            let first = inner.height.saturating_sub(third).div_ceil(2).max(1);
            let second = first.min(inner.height.saturating_sub(first));
            let rest = inner.height.saturating_sub(first + second);
            Layout::vertical([
                Constraint::Length(first),
                Constraint::Length(second),
                Constraint::Length(rest.div_ceil(2)),
                Constraint::Min(0),
            ])
            .split(inner)
        } else {
            // Read, each field takes the rows its words do.
            let text_width = usize::from(inner.width).saturating_sub(FIELD_LABEL);
            let mut heights = summary.reflection.as_ref().map_or([1; 4], |r| {
                [&r.went_well, &r.do_differently, &r.notes, &r.intention]
                    .map(|text| u16::try_from(text_rows(text, text_width)).unwrap_or(u16::MAX))
            });
            // Short of rows, the fields keep their order: the first ones show whole.
            let mut left = inner.height;
            for height in &mut heights {
                *height = (*height).min(left);
                left -= *height;
            }
            Layout::vertical([
                Constraint::Length(heights[0]),
                Constraint::Length(heights[1]),
                Constraint::Length(heights[2]),
                Constraint::Min(0),
            ])
            .split(inner)
        };
        let fields = [
            (WeekField::WentWell, "Went well"),
            (WeekField::Differently, "Differently"),
            (WeekField::Notes, "Notes"),
            (WeekField::Intention, "Next week"),
        ];
        for ((field, label), row) in fields.into_iter().zip(rows.iter()) {
            if row.height == 0 {
                continue;
            }
            let focused = edit.is_some_and(|e| e.focus == field);
            let [label_area, text_area_rect] =
                Layout::horizontal([Constraint::Length(FIELD_LABEL as u16), Constraint::Min(0)])
                    .areas(*row);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(" {label}"),
                    if focused { theme.accent() } else { theme.dim() },
                )),
                label_area,
            );
            match edit.and_then(|e| e.text(field)) {
                Some(area) => {
                    let mut widget = area.clone();
                    widget.set_wrap_mode(WrapMode::WordOrGlyph);
                    widget.set_cursor_line_style(Style::default());
                    widget.set_style(theme.plain());
                    if !focused {
                        widget.set_cursor_style(Style::default());
                    }
                    frame.render_widget(&widget, text_area_rect);
                }
                None => {
                    let reflection = summary.reflection.as_ref();
                    let text = reflection.map_or("", |r| match field {
                        WeekField::WentWell => &r.went_well,
                        WeekField::Differently => &r.do_differently,
                        WeekField::Intention => &r.intention,
                        _ => &r.notes,
                    });
                    let lines: Vec<Line> = if text.trim().is_empty() {
                        vec![Line::from(Span::styled("—", theme.dim()))]
                    } else {
                        text.lines().map(|l| Line::from(safe(l))).collect()
                    };
                    frame.render_widget(
                        Paragraph::new(lines).wrap(Wrap { trim: false }),
                        text_area_rect,
                    );
                }
            }
        }
    }
}

/// What people said this week: the headline (how many, how many pairs seen differently),
/// then the newest `shown` quotes, each cut to the width.
fn render_feedback(
    frame: &mut Frame,
    area: Rect,
    summary: &WeekSummary,
    shown: usize,
    theme: Theme,
) {
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {:<w$}", "Feedback", w = LABEL - 1), theme.title()),
        Span::raw(fit(
            &feedback_headline(summary),
            width.saturating_sub(LABEL),
        )),
    ])];
    let trend = &summary.feedback_trend;
    if trend.weeks.iter().any(|w| w.gap.is_some()) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<w$}", "  12 wk", w = LABEL - 1), theme.dim()),
            Span::styled(gap_trend(trend), theme.accent()),
            Span::raw(fit(
                &format!(" {}", convergence_words(trend)),
                width.saturating_sub(LABEL + trend.weeks.len()),
            )),
        ]));
    }
    for quote in summary.feedback.quotes.iter().take(shown) {
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(LABEL)),
            Span::raw(fit(&quote_line(quote), width.saturating_sub(LABEL))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Which way a change is welcome.
#[derive(Clone, Copy)]
enum Better {
    More,
    Less,
    Neither,
}

/// "▲2", "▼1" or "=", coloured by whether the change is welcome (the arrow says it without
/// colour).
fn change(delta: i64, better: Better, theme: Theme) -> Span<'static> {
    let text = match delta {
        0 => "=".to_string(),
        d if d > 0 => format!("▲{d}"),
        d => format!("▼{}", -d),
    };
    let style = match (better, delta.signum()) {
        (_, 0) | (Better::Neither, _) => theme.dim(),
        (Better::More, 1) | (Better::Less, -1) => theme.good(),
        _ => theme.warning(),
    };
    Span::styled(text, style)
}

fn average_change(value: Average, theme: Theme) -> Span<'static> {
    match value.change {
        None => Span::raw(""),
        Some(d) if d.abs() < 0.05 => Span::styled("=", theme.dim()),
        Some(d) if d > 0.0 => Span::styled(format!("▲{d:.1}"), theme.good()),
        Some(d) => Span::styled(format!("▼{:.1}", -d), theme.warning()),
    }
}

/// A count and its change: "4 ▲1".
fn counted(value: Count, better: Better, theme: Theme) -> Vec<Span<'static>> {
    vec![
        Span::raw(format!("{} ", value.this_week)),
        change(value.change, better, theme),
    ]
}

fn label(text: &str, theme: Theme) -> Span<'static> {
    Span::styled(format!(" {text:<w$}", w = LABEL - 1), theme.title())
}

fn sep() -> Span<'static> {
    Span::raw(" · ")
}

/// "1:1s  3 held ▲1 · met 2 of 5 due = · 7 conversations ▲2" on one row, or with the
/// conversations on a row of their own where the column is too narrow for all three: a
/// figure is moved, never cut.
fn held_lines(summary: &WeekSummary, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let figures: Vec<Vec<Span<'static>>> = crate::views::week::one_on_one_figures(summary)
        .into_iter()
        .map(|(figure, delta)| {
            vec![
                Span::raw(format!("{figure} ")),
                change(delta, Better::More, theme),
            ]
        })
        .collect();
    let mut one_row = vec![label("1:1s", theme)];
    for (i, figure) in figures.iter().enumerate() {
        if i > 0 {
            one_row.push(sep());
        }
        one_row.extend(figure.iter().cloned());
    }
    let one_row = Line::from(one_row);
    if one_row.width() <= width {
        return vec![one_row];
    }
    let mut first = vec![label("1:1s", theme)];
    let mut second = vec![label("", theme)];
    for (i, figure) in figures.into_iter().enumerate() {
        match i {
            0 => first.extend(figure),
            1 => {
                first.push(sep());
                first.extend(figure);
            }
            _ => second.extend(figure),
        }
    }
    vec![Line::from(first), Line::from(second)]
}

fn render_counts(
    frame: &mut Frame,
    area: Rect,
    summary: &WeekSummary,
    held: Vec<Line<'static>>,
    theme: Theme,
) {
    let room = usize::from(area.width).saturating_sub(LABEL + 1);
    let not_seen = if summary.people_not_seen.is_empty() {
        let to_meet = summary.due.this_week - summary.due_met.this_week;
        let text = if summary.due.this_week == 0 {
            "nobody was due".to_string()
        } else if to_meet == 0 {
            "everyone due was met".to_string()
        } else {
            format!("nobody yet · {to_meet} due today or later")
        };
        Span::styled(text, theme.dim())
    } else {
        let full: Vec<&str> = summary
            .people_not_seen
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let names: Vec<String> = distinct_names(&full).into_iter().map(safe).collect();
        Span::styled(fit(&names.join(", "), room), theme.warning())
    };
    // The stances recorded sit with the balance below; here, the people others follow.
    let mut stance = vec![label("Roving", theme)];
    stance.extend(counted(summary.with_roving_leaders, Better::Neither, theme));
    stance.push(Span::styled(
        " conversations with roving leaders",
        theme.dim(),
    ));
    let mood_now = summary
        .mood
        .this_week
        .map_or("not noted".to_string(), |m| format!("{m:.1}"));
    let trend = mood_trend(summary);
    let mood = vec![
        label("Mood", theme),
        Span::raw(format!("avg {mood_now} ")),
        average_change(summary.mood, theme),
        Span::raw("  "),
        Span::styled(trend, theme.accent()),
        Span::styled(" 12 wk", theme.dim()),
    ];
    let mut ideas = vec![label("Acks", theme)];
    ideas.extend(counted(summary.acknowledgements, Better::More, theme));
    ideas.push(Span::raw(" · ideas heard "));
    ideas.extend(counted(summary.ideas_heard, Better::Neither, theme));
    ideas.push(Span::raw(" · answered "));
    ideas.extend(counted(summary.ideas_answered, Better::More, theme));
    let mut follow_ups = vec![label("Follow-ups", theme), Span::raw("done ")];
    follow_ups.extend(counted(summary.follow_ups_done, Better::More, theme));
    follow_ups.push(Span::raw(" · slipped "));
    follow_ups.push(Span::styled(
        format!("{} ", summary.follow_ups_slipped.this_week),
        if summary.follow_ups_slipped.this_week > 0 {
            theme.warning()
        } else {
            theme.plain()
        },
    ));
    follow_ups.push(change(
        summary.follow_ups_slipped.change,
        Better::Less,
        theme,
    ));
    let mut lines = held;
    lines.extend([
        Line::from(vec![label("Not seen", theme), not_seen]),
        Line::from(stance),
        Line::from(mood),
        Line::from(ideas),
        Line::from(follow_ups),
        Line::from(vec![
            label("Delegated", theme),
            Span::raw(crate::views::leading::handover_text(&summary.handover)),
        ]),
    ]);
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_needs(frame: &mut Frame, area: Rect, summary: &WeekSummary, theme: Theme) {
    let width = usize::from(area.width);
    // Names beside the letters when there is room for them and a useful bar.
    let names = width >= 44;
    let name_width = if names { 11 } else { 0 };
    let bar_room = width
        .saturating_sub(2 + name_width + 9)
        .clamp(1, NEED_BAR_FULL);
    let mut lines = vec![Line::from(vec![
        Span::styled("Needs met ", theme.title()),
        Span::styled("(conversations)", theme.dim()),
    ])];
    for need in Need::ALL {
        let Some(coverage) = summary.needs.iter().find(|n| n.need == need) else {
            continue;
        };
        let count = coverage.conversations.this_week;
        let name = if names {
            pad(need.label(), name_width)
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", need.letter()), theme.title()),
            Span::styled(name, theme.dim()),
            Span::styled(pad(&need_bar(count, bar_room), bar_room), theme.accent()),
            Span::styled(
                format!(" {count:>2} "),
                if count == 0 {
                    theme.warning()
                } else {
                    theme.plain()
                },
            ),
            change(coverage.conversations.change, Better::More, theme),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The rows a reflection shown (not being written) takes inside its box, `width` wide.
fn reflection_rows(summary: &WeekSummary, width: usize) -> usize {
    match &summary.reflection {
        // The line saying nothing is written yet, inside its padding.
        None => wrap_words(&nothing_written(summary), width.saturating_sub(2)).len(),
        Some(r) => {
            let text_width = width.saturating_sub(FIELD_LABEL);
            [&r.went_well, &r.do_differently, &r.notes, &r.intention]
                .into_iter()
                .map(|text| text_rows(text, text_width))
                .sum()
        }
    }
}

fn nothing_written(summary: &WeekSummary) -> String {
    format!(
        "Nothing written for week {} yet. Press e to write what went well and what to do differently, b to rate the balance.",
        summary.week.number()
    )
}

/// The rows a field's text takes when wrapped to `width`; a blank one shows "—".
fn text_rows(text: &str, width: usize) -> usize {
    if text.trim().is_empty() {
        return 1;
    }
    text.lines().map(|line| wrap_words(line, width).len()).sum()
}

fn render_slipped(frame: &mut Frame, area: Rect, summary: &WeekSummary, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let room = usize::from(area.width).saturating_sub(LABEL + 1);
    let lines: Vec<Line> = summary
        .slipped
        .iter()
        .take(usize::from(area.height))
        .enumerate()
        .map(|(i, item)| {
            let due = item
                .due_on
                .map(|d| d.format(" · was due %a %-d %b").to_string())
                .unwrap_or_default();
            let text = format!(
                "! {} ({}){due}",
                safe(&item.text),
                safe(first_name(&item.person_name))
            );
            Line::from(vec![
                label(if i == 0 { "Slipped" } else { "" }, theme),
                Span::styled(fit(&text, room), theme.warning()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::week::rating_bar;

    #[test]
    fn trend_bars_use_a_fixed_scale_and_mark_missing_weeks() {
        assert_eq!(rating_bar(Some(1.0)), '▁');
        assert_eq!(rating_bar(Some(5.0)), '█');
        assert_eq!(rating_bar(Some(3.0)), '▅');
        assert_eq!(rating_bar(None), '·');
    }

    #[test]
    fn the_balance_scale_is_centred_on_both() {
        assert_eq!(scale(Some(3)), "──●──");
        assert_eq!(scale(Some(1)), "●─┼──");
        assert_eq!(scale(Some(4)), "──┼●─");
        assert_eq!(scale(Some(5)), "──┼─●");
        assert_eq!(scale(None), "·····");
    }
}
