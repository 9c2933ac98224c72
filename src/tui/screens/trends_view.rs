//! One person's trends over the screen they were opened from (`T` on People): their mood
//! per conversation as a line, each need per month as a strip of marks, 1:1s held against
//! expected, and promises kept both ways. Every mark is a symbol, so it reads without colour.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use crate::config::Config;
use crate::domain::Need;
use crate::insights::trends::{FollowThrough, NeedMonth, PersonTrend};
use crate::store::{Result, Store};
use crate::tui::keymap::Action;
use crate::tui::request::Request;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, pad, popup, safe, titled};
use crate::views::trends;

/// The label column's width; each month takes [`MONTH_WIDTH`] columns after it.
const LABEL: usize = 11;
const MONTH_WIDTH: usize = 5;
/// Rows of the month table: the header, mood, five needs, 1:1s, mine, theirs, a legend.
const TABLE_ROWS: u16 = 11;

pub struct TrendsView {
    pub(crate) trend: PersonTrend,
    /// The day the trend was read up to.
    today: NaiveDate,
}

impl TrendsView {
    /// The person's trend over the `trend_months` setting, read from the journal now.
    pub(crate) fn read(store: &Store, person_id: i64, config: &Config) -> Result<TrendsView> {
        Ok(TrendsView {
            trend: trends::read(store, person_id, config, config.trend_months)?,
            today: store.today(),
        })
    }

    /// Whose trends these are.
    pub fn person_name(&self) -> &str {
        &self.trend.name
    }

    /// How many months are shown.
    pub fn month_count(&self) -> usize {
        self.trend.months.len()
    }

    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        match action {
            Action::Close => vec![Request::CloseOverlay],
            _ => vec![],
        }
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let months = self.trend.months.len();
        let wanted_width = u16::try_from(LABEL + months * MONTH_WIDTH + 4).unwrap_or(u16::MAX);
        // The table needs its columns; a wide terminal gives the mood line more room.
        let width = area
            .width
            .saturating_sub(2)
            .min(wanted_width.max(area.width * 2 / 3));
        let block = titled(
            format!(" {} · the last {months} months ", safe(&self.trend.name)),
            " Esc close ",
            theme,
        );
        let inner = popup(frame, area, width, area.height.saturating_sub(1), block);
        let chart_height = inner.height.saturating_sub(TABLE_ROWS).max(3);
        let [chart_area, table_area] =
            Layout::vertical([Constraint::Length(chart_height), Constraint::Min(0)]).areas(inner);
        self.render_moods(frame, chart_area, theme);
        self.render_months(frame, table_area, theme);
    }

    /// Mood per conversation over the months shown, on a fixed 1–5 scale.
    fn render_moods(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let Some(first) = self.trend.months.first().map(|m| m.month) else {
            return;
        };
        if self.trend.moods.is_empty() {
            let text = Paragraph::new(" Mood: none noted in these months.").style(theme.dim());
            frame.render_widget(text, area);
            return;
        }
        let span = (self.today - first).num_days().max(1) as f64;
        let points: Vec<(f64, f64)> = self
            .trend
            .moods
            .iter()
            .map(|(at, mood)| ((at.date() - first).num_days() as f64, f64::from(*mood)))
            .collect();
        let line = Dataset::default()
            .name("mood")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent())
            .data(&points);
        let month_label = |day: NaiveDate| Span::raw(day.format("%b %Y").to_string());
        let chart = Chart::new(vec![line])
            .x_axis(
                Axis::default()
                    .bounds([0.0, span])
                    .labels([month_label(first), month_label(self.today)])
                    .style(theme.dim()),
            )
            .y_axis(
                Axis::default()
                    .title(Span::styled("mood", theme.dim()))
                    .bounds([1.0, 5.0])
                    .labels(["1", "3", "5"])
                    .style(theme.dim()),
            )
            .hidden_legend_constraints((Constraint::Ratio(0, 1), Constraint::Ratio(0, 1)));
        frame.render_widget(chart, area);
    }

    /// A row per series, a column per month.
    fn render_months(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let room = usize::from(area.width).saturating_sub(LABEL) / MONTH_WIDTH;
        let shown = &self.trend.months[self.trend.months.len().saturating_sub(room)..];
        let row = |label: &str, cells: Vec<Span<'static>>| {
            let mut spans = vec![Span::styled(pad(label, LABEL), theme.title())];
            spans.extend(cells);
            Line::from(spans)
        };
        let cell = |text: String, style: Style| Span::styled(pad(&text, MONTH_WIDTH), style);
        let mut lines = vec![row(
            "",
            shown
                .iter()
                .map(|m| {
                    let label = if m.month.month() == 1 {
                        m.month.format("%Y").to_string()
                    } else {
                        m.month.format("%b").to_string()
                    };
                    cell(label, theme.dim())
                })
                .collect(),
        )];
        lines.push(row(
            "Mood",
            shown
                .iter()
                .map(|m| match m.mood {
                    Some(mood) => cell(format!("{mood:.1}"), theme.plain()),
                    None => cell("·".into(), theme.dim()),
                })
                .collect(),
        ));
        for need in Need::ALL {
            lines.push(row(
                need.label(),
                shown
                    .iter()
                    .map(|m| {
                        let state = m.needs[need.index()];
                        let style = match state {
                            NeedMonth::Met => theme.good(),
                            NeedMonth::Concern => theme.warning(),
                            NeedMonth::NotAddressed => theme.dim(),
                        };
                        cell(state.mark().to_string(), style)
                    })
                    .collect(),
            ));
        }
        lines.push(row(
            "1:1s",
            shown
                .iter()
                .map(|m| {
                    let expected = m.expected.round() as u32;
                    let style = if m.one_on_ones >= expected {
                        theme.plain()
                    } else {
                        theme.warning()
                    };
                    cell(format!("{}/{expected}", m.one_on_ones), style)
                })
                .collect(),
        ));
        let kept_row =
            |label: &str, of: fn(&crate::insights::trends::MonthTrend) -> FollowThrough| {
                row(
                    label,
                    shown
                        .iter()
                        .map(|m| {
                            let promises = of(m);
                            let due = promises.on_time + promises.late + promises.open;
                            if due == 0 {
                                cell("·".into(), theme.dim())
                            } else {
                                let style = if promises.late > 0 {
                                    theme.warning()
                                } else {
                                    theme.plain()
                                };
                                cell(format!("{}/{due}", promises.on_time), style)
                            }
                        })
                        .collect(),
                )
            };
        lines.push(kept_row("I kept", |m| m.mine));
        lines.push(kept_row("They kept", |m| m.theirs));
        lines.push(Line::from(Span::styled(
            fit(
                "● met  ! concern open  · none   1:1s held/expected   kept on time/due",
                usize::from(area.width),
            ),
            theme.dim(),
        )));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
