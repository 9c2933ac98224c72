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
use crate::insights::trends::{FollowThrough, NeedMonth, PersonTrend, TeamMonth};
use crate::store::{Result, Store};
use crate::tui::keymap::{Action, Footer, Keys, footer};
use crate::tui::request::Request;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, pad, popup, safe, titled};
use crate::views::trends;

/// The label column's width; each month takes [`MONTH_WIDTH`] columns after it.
const LABEL: usize = 11;
const MONTH_WIDTH: usize = 5;
/// Rows of the month table: the header, mood, five needs, 1:1s, mine, theirs, a legend.
const TABLE_ROWS: u16 = 11;
/// Below a person's table: what was handed over to them in the months shown.
const HANDED_ROWS: u16 = 1;

/// A row of the month table: its label, then a cell per month.
fn row(label: &str, cells: Vec<Span<'static>>, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(pad(label, LABEL), theme.title())];
    spans.extend(cells);
    Line::from(spans)
}

fn cell(text: String, style: Style) -> Span<'static> {
    Span::styled(pad(&text, MONTH_WIDTH), style)
}

/// The table's first two rows: the months (a year's number in January's place), and the
/// average mood of each.
fn header_and_mood(
    months: impl Iterator<Item = (NaiveDate, Option<f64>)> + Clone,
    theme: Theme,
) -> Vec<Line<'static>> {
    let names = months
        .clone()
        .map(|(month, _)| {
            let name = if month.month() == 1 {
                month.format("%Y").to_string()
            } else {
                month.format("%b").to_string()
            };
            cell(name, theme.dim())
        })
        .collect();
    let moods = months
        .map(|(_, mood)| match mood {
            Some(mood) => cell(format!("{mood:.1}"), theme.plain()),
            None => cell("·".into(), theme.dim()),
        })
        .collect();
    vec![row("", names, theme), row("Mood", moods, theme)]
}

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
        &self.trend.person.name
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

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let months = self.trend.months.len();
        let wanted_width = u16::try_from(LABEL + months * MONTH_WIDTH + 4).unwrap_or(u16::MAX);
        // The table needs its columns; a wide terminal gives the mood line more room.
        let width = area
            .width
            .saturating_sub(2)
            .min(wanted_width.max(area.width * 2 / 3));
        let block = titled(
            format!(
                " {} · {} ",
                safe(&self.trend.person.name),
                trends::span_words(&self.trend)
            ),
            format!(" {} ", footer(keys, Footer::Trends)),
            theme,
        );
        let inner = popup(frame, area, width, area.height.saturating_sub(1), block);
        let chart_height = inner.height.saturating_sub(TABLE_ROWS + HANDED_ROWS).max(3);
        let [chart_area, handed_area, table_area] = Layout::vertical([
            Constraint::Length(chart_height),
            Constraint::Length(HANDED_ROWS),
            Constraint::Min(0),
        ])
        .areas(inner);
        self.render_moods(frame, chart_area, theme);
        // The figure `rapport trends` prints, worded by the same function.
        frame.render_widget(
            Paragraph::new(row(
                "Delegated",
                vec![Span::styled(
                    crate::views::leading::handed_text(&self.trend.handed),
                    theme.plain(),
                )],
                theme,
            )),
            handed_area,
        );
        self.render_months(frame, table_area, theme);
    }

    /// Mood per conversation over the months shown, on a fixed 1–5 scale.
    fn render_moods(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        // From the day the trend starts, so someone tracked since August fills the width.
        let first = self.trend.since;
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
            .map(|p| ((p.at.date() - first).num_days() as f64, f64::from(p.mood)))
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
        let row = |label: &str, cells: Vec<Span<'static>>| row(label, cells, theme);
        let mut lines = header_and_mood(shown.iter().map(|m| (m.month, m.mood)), theme);
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
                    let style = if m.one_on_ones >= m.expected {
                        theme.plain()
                    } else {
                        theme.warning()
                    };
                    cell(trends::held_of_expected(m.one_on_ones, m.expected), style)
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

/// The whole team over months (`T` on Week): the average mood per month as a line, and per
/// month the share of the team with each need met (`!` when someone has a concern left
/// open), 1:1s held against expected and promises kept on time.
pub struct TeamTrendsView {
    months: Vec<TeamMonth>,
}

impl TeamTrendsView {
    pub(crate) fn read(store: &Store, config: &Config) -> Result<TeamTrendsView> {
        Ok(TeamTrendsView {
            months: trends::read_team(store, config, config.trend_months)?,
        })
    }

    /// How many months are shown.
    pub fn month_count(&self) -> usize {
        self.months.len()
    }

    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        match action {
            Action::Close => vec![Request::CloseOverlay],
            _ => vec![],
        }
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let months = self.months.len();
        let wanted_width = u16::try_from(LABEL + months * MONTH_WIDTH + 4).unwrap_or(u16::MAX);
        let width = area
            .width
            .saturating_sub(2)
            .min(wanted_width.max(area.width * 2 / 3));
        let block = titled(
            format!(" The team · the last {months} months "),
            format!(" {} ", footer(keys, Footer::Trends)),
            theme,
        );
        let inner = popup(frame, area, width, area.height.saturating_sub(1), block);
        let chart_height = inner.height.saturating_sub(TABLE_ROWS + 1).max(3);
        let [chart_area, table_area] =
            Layout::vertical([Constraint::Length(chart_height), Constraint::Min(0)]).areas(inner);
        self.render_moods(frame, chart_area, theme);
        self.render_months(frame, table_area, theme);
    }

    fn render_moods(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let points: Vec<(f64, f64)> = self
            .months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.mood.map(|mood| (i as f64, mood)))
            .collect();
        let (Some(first), Some(last)) = (self.months.first(), self.months.last()) else {
            return;
        };
        if points.is_empty() {
            let text = Paragraph::new(" Mood: none noted in these months.").style(theme.dim());
            frame.render_widget(text, area);
            return;
        }
        let line = Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent())
            .data(&points);
        let label = |m: &TeamMonth| Span::raw(m.month.format("%b %Y").to_string());
        let chart = Chart::new(vec![line])
            .x_axis(
                Axis::default()
                    .bounds([0.0, (self.months.len().max(2) - 1) as f64])
                    .labels([label(first), label(last)])
                    .style(theme.dim()),
            )
            .y_axis(
                Axis::default()
                    .title(Span::styled("average mood", theme.dim()))
                    .bounds([1.0, 5.0])
                    .labels(["1", "3", "5"])
                    .style(theme.dim()),
            );
        frame.render_widget(chart, area);
    }

    fn render_months(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let room = usize::from(area.width).saturating_sub(LABEL) / MONTH_WIDTH;
        let shown = &self.months[self.months.len().saturating_sub(room)..];
        let row = |label: &str, cells: Vec<Span<'static>>| row(label, cells, theme);
        let share = |part: f64, whole: f64| {
            if whole <= 0.0 {
                None
            } else {
                Some((part / whole * 100.0).round().min(999.0) as u32)
            }
        };
        let mut lines = header_and_mood(shown.iter().map(|m| (m.month, m.mood)), theme);
        lines.push(row(
            "People",
            shown
                .iter()
                .map(|m| cell(m.people.to_string(), theme.dim()))
                .collect(),
        ));
        for need in Need::ALL {
            lines.push(row(
                need.label(),
                shown
                    .iter()
                    .map(|m| {
                        let at = need.index();
                        let concern = if m.concerns[at] > 0 { "!" } else { "" };
                        match share(f64::from(m.met[at]), f64::from(m.people)) {
                            Some(percent) => cell(
                                format!("{percent}%{concern}"),
                                if m.concerns[at] > 0 {
                                    theme.warning()
                                } else if percent >= 50 {
                                    theme.good()
                                } else {
                                    theme.plain()
                                },
                            ),
                            None => cell("·".into(), theme.dim()),
                        }
                    })
                    .collect(),
            ));
        }
        lines.push(row(
            "1:1s",
            shown
                .iter()
                .map(
                    |m| match share(f64::from(m.one_on_ones), f64::from(m.expected)) {
                        Some(percent) => cell(format!("{percent}%"), theme.plain()),
                        None => cell("·".into(), theme.dim()),
                    },
                )
                .collect(),
        ));
        let kept = |label: &str, of: fn(&TeamMonth) -> FollowThrough| {
            row(
                label,
                shown
                    .iter()
                    .map(|m| {
                        let p = of(m);
                        let due = p.on_time + p.late + p.open;
                        match share(f64::from(p.on_time), f64::from(due)) {
                            Some(percent) => cell(format!("{percent}%"), theme.plain()),
                            None => cell("·".into(), theme.dim()),
                        }
                    })
                    .collect(),
            )
        };
        lines.push(kept("I kept", |m| m.mine));
        lines.push(kept("They kept", |m| m.theirs));
        lines.push(Line::from(Span::styled(
            fit(
                "needs: % of the team met · ! a concern open   1:1s: % of expected   kept: % on time",
                usize::from(area.width),
            ),
            theme.dim(),
        )));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
