//! Shared mechanics of the interface: a list's cursor (`list`), the tab bar's
//! layout (drawn and clicked), popups and their frames, toned sheets and their scrolling, the needs strip, and
//! the one-line input.

pub(crate) mod line_input;
pub(crate) mod list;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::keymap::{Action, Screen};
use super::theme::Theme;
use crate::domain::Need;
use crate::insights::freshness::Freshness;

/// The five-cell needs strip, `C● B◐ A○ F· S●`, always in C B A F S order.
pub(crate) fn needs_strip(
    cells: &[Freshness; 5],
    theme: Theme,
    compact: bool,
) -> Vec<Span<'static>> {
    let mut spans = Vec::with_capacity(10);
    for need in Need::ALL {
        let freshness = cells[need.index()];
        let text = if compact {
            freshness.symbol().to_string()
        } else {
            format!("{}{} ", need.letter(), freshness.symbol())
        };
        spans.push(Span::styled(text, theme.freshness(freshness)));
    }
    spans
}

/// `text` wrapped to `width` columns after `lead` (a label, an indent), each further row
/// hung under the first row's text, so a long line is read whole instead of cut.
pub(crate) fn hanging(
    lead: Vec<Span<'static>>,
    text: &str,
    width: usize,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let indent: usize = lead.iter().map(|span| span.content.width()).sum();
    let mut lead = Some(lead);
    wrap_words(text, width.saturating_sub(indent))
        .into_iter()
        .map(|row| {
            let mut spans = lead
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(row, style));
            Line::from(spans)
        })
        .collect()
}

/// Parts joined by " · ", as many on a row as fit `width`, so a row breaks between parts
/// ("since Sep 2021") rather than inside one.
pub(crate) fn packed(parts: &[String], width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut rows: Vec<String> = Vec::new();
    for part in parts {
        match rows.last_mut() {
            Some(row) if row.width() + 3 + part.width() <= width => {
                row.push_str(" · ");
                row.push_str(part);
            }
            _ => rows.push(fit(part, width)),
        }
    }
    rows
}

/// A rectangle of at most `width` × `height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Draws `block` as a box of at most `width` × `height` centred in `area`, over whatever is
/// beneath it, and returns the room inside it.
pub(crate) fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, block: Block) -> Rect {
    let outer = centered(area, width, height);
    frame.render_widget(Clear, outer);
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    inner
}

/// A sheet of lines in their tones (prep, a conversation), scrolled down by `scroll` lines but
/// never past the point where the last line reaches the bottom.
pub(crate) fn toned_lines(
    frame: &mut Frame,
    area: Rect,
    lines: &[(crate::views::prep::Tone, String)],
    scroll: usize,
    theme: Theme,
) {
    use crate::views::prep::Tone;
    let width = usize::from(area.width);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(area.height)));
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .flat_map(|(tone, text)| {
            let style = match tone {
                Tone::Title => theme.title(),
                Tone::Heading => theme.accent(),
                Tone::Plain => theme.plain(),
                Tone::Question => theme.good(),
                Tone::Warning => theme.warning(),
            };
            // The title says when the next 1:1 is due at its end, so it wraps rather
            // than lose that on a narrow terminal; other lines keep to one row each.
            let rows = if *tone == Tone::Title {
                wrap_words(text, width.saturating_sub(1))
            } else {
                vec![fit(text, width.saturating_sub(1))]
            };
            rows.into_iter()
                .map(move |row| Line::from(Span::styled(format!(" {row}"), style)))
        })
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(shown), area);
}

/// Scrolls a sheet of `len` lines for the keys that scroll one (a line, a page), never past
/// its last line; false, leaving `scroll` alone, for any other action.
pub(crate) fn scroll_sheet(scroll: &mut usize, action: Action, len: usize) -> bool {
    let delta = match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => list::PAGE,
        Action::PageUp => -list::PAGE,
        _ => return false,
    };
    list::step(scroll, delta, len);
    true
}

/// The frame of a popup: its title at the top, the keys that matter at the bottom.
pub(crate) fn titled(
    title: String,
    keys: impl Into<std::borrow::Cow<'static, str>>,
    theme: Theme,
) -> Block<'static> {
    Block::bordered()
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(keys, theme.dim()))
        .border_style(theme.accent())
}

/// The tab bar's labels, each with the x range it occupies: shared by drawing and clicking.
pub(crate) fn tab_spans() -> Vec<(Screen, String, u16, u16)> {
    let mut x = 0;
    Screen::ALL
        .iter()
        .map(|screen| {
            let label = format!(" {} {} ", screen.key(), screen.title());
            let width = u16::try_from(label.chars().count()).unwrap_or(0);
            let start = x;
            x += width + 1;
            (*screen, label, start, start + width)
        })
        .collect()
}

/// The screen whose tab is at column `x` of the top row.
pub(crate) fn tab_at(x: u16) -> Option<Screen> {
    tab_spans()
        .into_iter()
        .find(|(_, _, start, end)| (*start..*end).contains(&x))
        .map(|(screen, ..)| screen)
}

/// A sentence as a status line starts it.
pub(crate) fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(crate) use crate::views::text::{first_name, fit, pad, printable as safe, wrap_words};
