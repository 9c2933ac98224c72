//! Gaps: people × the five needs, worst first, with the cell under the cursor explained and
//! two or three questions to close it.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::config::Config;
use crate::domain::{Conversation, Invalid, Need, NeedState, Standing, Topic};
use crate::insights::freshness::Freshness;
use crate::insights::gaps::{self, GapRow, Gaps, NeedCell};
use crate::insights::prep;
use crate::store::{LastAsked, Result, Store};
use crate::tui::generation::ReadAt;
use crate::tui::keymap::Action;
use crate::tui::request::{self, Request, Shared};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{self, PAGE};
use crate::tui::widgets::{first_name, fit, pad, safe};
use crate::views::gaps as words;
use crate::views::text::relative;
use unicode_width::UnicodeWidthStr;

/// Questions shown for the need under the cursor, and how many when the box is tall.
const QUESTIONS: usize = 3;
const QUESTIONS_TALL: usize = 5;
/// Rows of the explanation box, borders included, at the least; it takes every row the
/// matrix leaves.
const DETAIL_HEIGHT: u16 = 7;
/// The box is tall from this many rows inside it, and asks more questions.
const TALL_INSIDE: u16 = 12;
/// How many of the selected person's latest conversations the history looks through.
const HISTORY_READ: usize = 200;

#[derive(Debug, Default)]
pub struct GapsScreen {
    pub gaps: Option<Gaps>,
    /// The journal's generation the grid was read at.
    pub(crate) read: ReadAt,
    pub row: usize,
    pub need: usize,
    /// The questions asked of the selected person (by id), read when the selection moves to
    /// them, so the box offers the ones not asked yet without rendering reading SQLite.
    pub(crate) asked: Option<(i64, Vec<LastAsked>)>,
    /// The selected person's latest conversations (by id), read with `asked`, for the
    /// history of the need under the cursor when the box has room for it.
    pub(crate) history: Option<(i64, Vec<Conversation>)>,
    /// What meets each need for the selected person (by id), read with `asked`.
    pub(crate) meets: Option<(i64, Vec<crate::domain::MeetsNeed>)>,
}

/// Column widths, narrower on small terminals.
struct Columns {
    name: usize,
    last: usize,
    need: usize,
    follow_ups: usize,
    aspirations: usize,
    acknowledged: usize,
}

impl Columns {
    /// Wide terminals get full need names; narrow ones drop the aspiration column, then the
    /// acknowledgement one, before a name gets shorter than a dozen characters.
    fn for_width(width: usize) -> Columns {
        let wide = width >= 110;
        let mut columns = Columns {
            name: 0,
            // "○ 20d (14)" and "○ never (14)" whole; under 90 columns a name's dozen
            // characters and the acknowledgement come first, and "never" may lose its
            // cadence's last digits.
            last: if wide {
                14
            } else if width >= 90 {
                13
            } else {
                12
            },
            need: if wide { 11 } else { 8 },
            follow_ups: if wide { 9 } else { 7 },
            aspirations: 14,
            // "· never" whole: the last column needs no space after it.
            acknowledged: 7,
        };
        let fixed =
            |c: &Columns| c.last + 5 * c.need + c.follow_ups + c.aspirations + c.acknowledged;
        if width < fixed(&columns) + 13 {
            columns.aspirations = 0;
        }
        if width < fixed(&columns) + 13 {
            columns.acknowledged = 0;
        }
        columns.name = width.saturating_sub(fixed(&columns) + 1).clamp(8, 24);
        columns
    }
}

impl GapsScreen {
    /// Recomputes the matrix, keeping the cursor on the same person when they are still there.
    pub fn load(&mut self, store: &Store, today: NaiveDate, config: &Config) -> Result<()> {
        let keep = self.selected_row().map(|r| r.person.id);
        let facts = store.person_facts(false, today)?;
        let gaps = gaps::matrix(&facts, today, config);
        let kept = keep.and_then(|id| gaps.rows.iter().position(|r| r.person.id == id));
        self.row = list::clamped(kept.unwrap_or(self.row), gaps.rows.len());
        self.gaps = Some(gaps);
        // The journal changed: what was asked may have too.
        self.asked = None;
        self.history = None;
        self.meets = None;
        self.read_asked(store)
    }

    /// Reads the questions asked of the selected person, unless they are already read.
    fn read_asked(&mut self, store: &Store) -> Result<()> {
        let Some(id) = self.selected_row().map(|r| r.person.id) else {
            return Ok(());
        };
        if self.asked.as_ref().is_none_or(|(of, _)| *of != id) {
            self.asked = Some((id, store.questions_asked(id)?));
        }
        if self.history.as_ref().is_none_or(|(of, _)| *of != id) {
            self.history = Some((id, store.recent_conversations(id, HISTORY_READ)?));
        }
        if self.meets.as_ref().is_none_or(|(of, _)| *of != id) {
            self.meets = Some((id, store.what_meets(Some(id))?));
        }
        Ok(())
    }

    pub fn selected_row(&self) -> Option<&GapRow> {
        self.gaps.as_ref()?.rows.get(self.row)
    }

    pub fn selected_need(&self) -> Need {
        Need::ALL[self.need.min(Need::ALL.len() - 1)]
    }

    pub(crate) fn selected_cell(&self) -> Option<&NeedCell> {
        self.selected_row().map(|r| &r.needs[self.need])
    }

    pub(crate) fn move_row(&mut self, delta: isize) {
        let len = self.gaps.as_ref().map_or(0, |g| g.rows.len());
        list::step(&mut self.row, delta, len);
    }

    pub(crate) fn move_need(&mut self, delta: isize) {
        list::step(&mut self.need, delta, Need::ALL.len());
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let Some(gaps) = &self.gaps else {
            return;
        };
        if gaps.rows.is_empty() {
            let text = Paragraph::new(
                " Nobody to show yet: add the people you lead on the People screen (2, then a).",
            )
            .style(theme.dim());
            frame.render_widget(text, area);
            return;
        }
        // Why the selected row scores what it does, then its cell explained, right under the
        // rows they explain, taking every row they leave; a legend closes the screen.
        let why = self
            .selected_row()
            .map(|row| why_lines(row, usize::from(area.width), theme))
            .unwrap_or_default();
        let concerns = self.selected_cell().map_or(0, |c| c.concerns.len());
        let rows = u16::try_from(gaps.rows.len()).unwrap_or(u16::MAX);
        let room = area.height.saturating_sub(3);
        let why_height = u16::try_from(why.len())
            .unwrap_or(u16::MAX)
            .min(room.saturating_sub(2));
        let least = (DETAIL_HEIGHT + u16::try_from(concerns).unwrap_or(u16::MAX))
            .min(room.saturating_sub(why_height + 1));
        let table_height = rows.min(room.saturating_sub(least + why_height)).max(1);
        let detail_height = room.saturating_sub(table_height + why_height);
        let [summary, header, table, why_area, detail, legend] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(table_height),
            Constraint::Length(why_height),
            Constraint::Length(detail_height),
            Constraint::Length(1),
        ])
        .areas(area);
        let columns = Columns::for_width(usize::from(area.width));
        frame.render_widget(Paragraph::new(team_line(gaps, theme)), summary);
        frame.render_widget(
            Paragraph::new(header_line(&columns)).style(theme.title()),
            header,
        );
        let lines: Vec<Line> = list::window(gaps.rows.len(), self.row, table.height)
            .map(|i| self.row_line(&gaps.rows[i], i == self.row, &columns, gaps.today, theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), table);
        frame.render_widget(Paragraph::new(why), why_area);
        if detail.height > 2 {
            self.render_detail(frame, detail, gaps.today, theme);
        }
        frame.render_widget(Paragraph::new(legend_line(gaps, theme)), legend);
    }

    fn row_line(
        &self,
        row: &GapRow,
        selected: bool,
        columns: &Columns,
        today: NaiveDate,
        theme: Theme,
    ) -> Line<'static> {
        let name_style = if selected {
            theme.title().patch(theme.selected_unfocused())
        } else {
            theme.plain()
        };
        let last = words::last_one_on_one(row, today);
        let mut spans = vec![
            Span::styled(
                // A space always follows the name, so a long one ends in … before the
                // next column instead of running into it.
                format!(" {}", column(&safe(&row.person.name), columns.name)),
                name_style,
            ),
            Span::styled(column(&last, columns.last), theme.freshness(row.one_on_one)),
        ];
        for (i, cell) in row.needs.iter().enumerate() {
            let text = words::need_cell(cell);
            let style = if selected && i == self.need {
                list::row_style(true, theme)
            } else {
                theme.heat(cell.freshness)
            };
            spans.push(Span::styled(pad(&text, columns.need - 1), style));
            spans.push(Span::raw(" "));
        }
        let follow_ups = words::follow_ups(row);
        let follow_style = if row.overdue_follow_ups > 0 {
            theme.error()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(
            column(&follow_ups, columns.follow_ups),
            follow_style,
        ));
        let aspirations = words::aspirations(row);
        let aspiration_style = match row.worst_stalled_days() {
            Some(_) => theme.warning(),
            None if row.open_aspirations == 0 => theme.dim(),
            None => theme.plain(),
        };
        if columns.aspirations > 0 {
            spans.push(Span::styled(
                column(&aspirations, columns.aspirations),
                aspiration_style,
            ));
        }
        let acknowledged = words::acknowledged(row);
        if columns.acknowledged > 0 {
            spans.push(Span::styled(
                pad(&acknowledged, columns.acknowledged),
                theme.freshness(row.acknowledgement),
            ));
        }
        Line::from(spans)
    }

    fn render_detail(&self, frame: &mut Frame, area: Rect, today: NaiveDate, theme: Theme) {
        let (Some(row), Some(cell)) = (self.selected_row(), self.selected_cell()) else {
            return;
        };
        let need = cell.need;
        let first = safe(first_name(&row.person.name));
        let block = Block::bordered()
            .title(Span::styled(
                format!(" {} · {} ", safe(&row.person.name), need.label()),
                theme.title(),
            ))
            .border_style(theme.freshness(cell.freshness));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // Every open concern, with what the worry is, before when the need was last met.
        let mut lines: Vec<Line> = cell
            .concerns
            .iter()
            .map(|concern| {
                Line::from(Span::styled(
                    fit(
                        &format!(" {}", safe(&words::concern_line(cell, concern, today))),
                        usize::from(inner.width),
                    ),
                    theme.warning(),
                ))
            })
            .collect();
        lines.push(Line::from(format!(" {}", last_met_only(cell))));
        let meets = self
            .meets
            .as_ref()
            .filter(|(of, _)| *of == row.person.id)
            .and_then(|(_, notes)| notes.iter().find(|note| note.need == need));
        if let Some(note) = meets {
            let lead = " What meets it: ";
            lines.push(Line::from(vec![
                Span::styled(lead, theme.dim()),
                Span::raw(fit(
                    &crate::views::leading::meets_text(note, today),
                    usize::from(inner.width).saturating_sub(lead.len()),
                )),
            ]));
        }
        let asked = self
            .asked
            .as_ref()
            .filter(|(of, _)| *of == row.person.id)
            .map_or(&[][..], |(_, asked)| asked.as_slice());
        let tall = inner.height >= TALL_INSIDE;
        let count = if tall { QUESTIONS_TALL } else { QUESTIONS };
        let questions = prep::questions_for(Topic::Need(need), row.person.id, asked, count);
        for (i, question) in questions.into_iter().enumerate() {
            let lead = if i == 0 { " Ask: " } else { "      " };
            let asked = question.last_asked.map_or(String::new(), |day| {
                format!(" asked {}", relative(day, today))
            });
            // One line each, so the box keeps its last line (what Enter does) in view.
            let room = usize::from(inner.width).saturating_sub(lead.len() + asked.width());
            lines.push(Line::from(vec![
                Span::styled(lead, theme.dim()),
                Span::raw(fit(
                    &format!("\u{201c}{}\u{201d}", safe(&question.text)),
                    room,
                )),
                Span::styled(asked, theme.dim()),
            ]));
        }
        let enter = match row.standing {
            Standing::Starting { on } => format!(
                " {first} starts {}: no 1:1 before then · p: prepare it",
                on.format("%a %-d %b")
            ),
            _ => format!(
                " Enter: log a 1:1 with {first}, {} ticked · p: prepare it",
                need.label()
            ),
        };
        lines.push(Line::from(Span::styled(
            fit(&enter, usize::from(inner.width)),
            theme.accent(),
        )));
        // The history goes wherever a line of it fits under its heading, not only in a
        // tall box: otherwise the rows under the questions stay empty.
        if usize::from(inner.height) >= lines.len() + 3 {
            lines.push(Line::from(""));
            lines.extend(self.history_lines(row.person.id, &first, need, inner, theme));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }

    /// The conversations that met the need, or raised a concern about it, newest first:
    /// the why behind the cell.
    fn history_lines(
        &self,
        person_id: i64,
        first: &str,
        need: Need,
        inner: Rect,
        theme: Theme,
    ) -> Vec<Line<'static>> {
        let width = usize::from(inner.width);
        let conversations = self
            .history
            .as_ref()
            .filter(|(of, _)| *of == person_id)
            .map_or(&[][..], |(_, conversations)| conversations.as_slice());
        let mut lines = vec![Line::from(Span::styled(
            format!(" {} with {first}, latest first", need.label()),
            theme.title(),
        ))];
        let touched: Vec<Line<'static>> = conversations
            .iter()
            .filter_map(|c| {
                let touch = c.needs.iter().find(|n| n.need == need)?;
                let (word, style) = match touch.state {
                    NeedState::Met => ("met    ", theme.good()),
                    NeedState::Concern => ("concern", theme.warning()),
                };
                let how = if touch.how.trim().is_empty() {
                    safe(&c.summary)
                } else {
                    format!("\u{201c}{}\u{201d}", safe(&touch.how))
                };
                let head = format!(
                    "  {}  {:<8} ",
                    c.happened_at.format("%d %b %Y"),
                    c.kind.short()
                );
                let room = width.saturating_sub(head.width() + word.len() + 1);
                Some(Line::from(vec![
                    Span::styled(head, theme.dim()),
                    Span::styled(word, style),
                    Span::raw(" "),
                    Span::raw(fit(&how, room)),
                ]))
            })
            .collect();
        if touched.is_empty() {
            lines.push(Line::from(Span::styled(
                match conversations.len() {
                    0 => format!("  Nothing logged with {first} yet."),
                    1 => format!("  {first}'s one conversation did not touch it."),
                    read => format!("  None of {first}'s last {read} conversations touched it."),
                },
                theme.dim(),
            )));
        }
        lines.extend(touched);
        lines
    }
}

/// "Last met 71 days ago (12 Sep 2026, “chose her own rollout plan”)."
fn last_met_only(cell: &NeedCell) -> String {
    match (cell.last_met, cell.days) {
        (Some(at), Some(days)) => {
            let ago = match days {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                d => format!("{d} days ago"),
            };
            let how = if cell.how.trim().is_empty() {
                String::new()
            } else {
                format!(", \u{201c}{}\u{201d}", safe(&cell.how))
            };
            format!("Last met {ago} ({}{how}).", at.format("%-d %b %Y"))
        }
        _ => format!(
            "{} has not been met in any conversation logged so far.",
            cell.need.label()
        ),
    }
}

/// " Score 14: +3 1:1 overdue 6d · +2 Fun never met · …", the reasons packed into as few
/// lines of `width` as they fit, none cut in the middle.
fn why_lines(row: &GapRow, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let lead = format!(" Score {}:", row.score);
    let parts: Vec<String> = if row.reasons.is_empty() {
        vec![words::no_reasons(row)]
    } else {
        row.reasons.iter().map(words::reason_line).collect()
    };
    let indent = " ".repeat(lead.width());
    let mut lines = Vec::new();
    let mut current = lead.clone();
    for (i, part) in parts.iter().enumerate() {
        let part = if i + 1 < parts.len() {
            format!(" {part} ·")
        } else {
            format!(" {part}")
        };
        if current.width() + part.width() > width && current.width() > lead.width() {
            lines.push(std::mem::replace(&mut current, indent.clone()));
        }
        current.push_str(&part);
    }
    lines.push(current);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let text = fit(&text, width);
            match text.strip_prefix(lead.as_str()) {
                Some(rest) if i == 0 => Line::from(vec![
                    Span::styled(lead.clone(), theme.title()),
                    Span::raw(rest.to_string()),
                ]),
                _ => Line::from(text),
            }
        })
        .collect()
}

/// A table cell: the text cut to leave one space before the next column.
fn column(text: &str, width: usize) -> String {
    format!("{} ", pad(text, width.saturating_sub(1)))
}

fn team_line(gaps: &Gaps, theme: Theme) -> Line<'static> {
    let text = words::team_line(gaps);
    // The thinnest need stands out.
    match gaps.team.thinnest.map(|t| t.need.label()) {
        Some(need) if text.contains(need) => {
            let (before, after) = text.split_once(need).unwrap_or((&text, ""));
            Line::from(vec![
                Span::raw(format!(" {before}")),
                Span::styled(need.to_string(), theme.title()),
                Span::raw(after.to_string()),
            ])
        }
        _ => Line::from(format!(" {text}")),
    }
}

fn header_line(columns: &Columns) -> String {
    let mut header = format!(
        " {}{}",
        pad("person", columns.name),
        column("last 1:1", columns.last)
    );
    for need in Need::ALL {
        let label = if columns.need > "Competence".len() {
            need.label().to_string()
        } else {
            need.letter().to_string()
        };
        header.push_str(&column(&label, columns.need));
    }
    header.push_str(&column("f-ups", columns.follow_ups));
    if columns.aspirations > 0 {
        header.push_str(&column("aspirations", columns.aspirations));
    }
    if columns.acknowledged > 0 {
        header.push_str(&pad("ack", columns.acknowledged));
    }
    header
}

/// What the symbols mean, and what the numbers count.
fn legend_line(gaps: &Gaps, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for freshness in [
        Freshness::Fresh,
        Freshness::Fading,
        Freshness::Missing,
        Freshness::Never,
        Freshness::Concern,
    ] {
        let word = match freshness {
            Freshness::Fresh => "fresh",
            Freshness::Fading => "fading",
            Freshness::Missing => "missing",
            Freshness::Never => "never",
            Freshness::Concern => "concern",
        };
        spans.push(Span::styled(
            format!(" {} {word} ", freshness.symbol()),
            theme.heat(freshness),
        ));
    }
    spans.push(Span::styled(
        format!(
            "  days since met/raised · (n) cadence · stalled: no progress in {}d",
            gaps.stalled_aspiration_days
        ),
        theme.dim(),
    ));
    Line::from(spans)
}

/// What the keys do on Gaps.
impl GapsScreen {
    /// Reads the grid when the journal changed since it was read.
    pub(crate) fn bring_up_to_date(&mut self, shared: &mut Shared) -> Result<()> {
        if self.read.behind(shared.journal) {
            self.load(shared.store, shared.store.today(), shared.config)?;
            self.read.caught_up(shared.journal);
        }
        Ok(())
    }

    pub(crate) fn update(&mut self, action: Action, shared: &mut Shared) -> Vec<Request> {
        if let Err(e) = self.bring_up_to_date(shared) {
            return request::complain(format!("Could not read the journal: {e}"));
        }
        match action {
            Action::Down => self.move_row(1),
            Action::Up => self.move_row(-1),
            Action::PageDown => self.move_row(PAGE),
            Action::PageUp => self.move_row(-PAGE),
            Action::Top => self.move_row(-isize::MAX),
            Action::Bottom => self.move_row(isize::MAX),
            Action::Left => self.move_need(-1),
            Action::Right => self.move_need(1),
            Action::Activate => {
                if let Some(row) = self.selected_row() {
                    if let Standing::Starting { on } = row.standing {
                        let refusal = Invalid::BeforeStart {
                            name: row.person.name.clone(),
                            starts: on,
                        };
                        return request::complain(format!("{refusal}."));
                    }
                    return vec![Request::StartLog {
                        person: Some((row.person.id, row.person.name.clone())),
                        needs: vec![self.selected_need()],
                    }];
                }
            }
            Action::Prep => {
                return vec![Request::OpenPrep(self.selected_row().map(|r| r.person.id))];
            }
            Action::PersonTimeline => {
                return vec![Request::ShowTimelineOf(
                    self.selected_row()
                        .map(|r| (r.person.id, r.person.name.clone())),
                )];
            }
            _ => {}
        }
        if let Err(e) = self.read_asked(shared.store) {
            return request::complain(format!("Could not read the questions asked: {e}"));
        }
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_terminal() {
        for width in [72, 80, 100, 120, 160, 200] {
            let c = Columns::for_width(width);
            let total =
                1 + c.name + c.last + 5 * c.need + c.follow_ups + c.aspirations + c.acknowledged;
            assert!(total <= width, "{width}: {total}");
            assert!(c.name >= 12, "{width}: names keep a dozen characters");
        }
        assert!(Columns::for_width(160).aspirations > 0);
        assert!(Columns::for_width(80).acknowledged > 0);
    }
}
