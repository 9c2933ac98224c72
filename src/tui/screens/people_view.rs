//! Drawing People: the list with each person's rhythm and needs strip, and the detail pane.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::people::{DetailItem, Focus, PeopleScreen};
use crate::domain::{Owner, ProfileText, Standing};
use crate::insights::freshness;
use crate::store::PersonSummary;
use crate::tui::keymap::{Footer, Keys, footer};
use crate::tui::theme::Theme;
use crate::tui::widgets::list;
use crate::tui::widgets::{fit, hanging, needs_strip, packed, pad, safe};
use crate::views::text::{LastMet, days_ago, follow_up_state};

/// Below this width the list and the detail are stacked; from it they sit side by side.
const SIDE_BY_SIDE: u16 = 100;
/// From this width the list has a role column.
const ROLE_COLUMN: u16 = 160;
const ROLE_WIDTH: usize = 26;
/// The list's columns after the name: last 1:1, next, open, and the needs strip.
const AFTER_NAME: usize = 9 + 12 + 5 + 10;

/// The widths of the list's name and role columns.
#[derive(Debug, Clone, Copy)]
struct ListColumns {
    name: usize,
    role: usize,
}

impl PeopleScreen {
    pub(crate) fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        people: &[PersonSummary],
        theme: Theme,
        keys: &Keys,
    ) {
        let selected = self.selected_index().and_then(|i| people.get(i));
        if area.width < SIDE_BY_SIDE {
            // Stacked: the list takes what it needs up to half, the detail the rest.
            let wanted = u16::try_from(self.visible.len() + 4).unwrap_or(u16::MAX);
            let [list_area, detail_area] = Layout::vertical([
                Constraint::Length(wanted.min(area.height / 2).max(5)),
                Constraint::Min(0),
            ])
            .areas(area);
            // Full width: the name column takes what the other columns leave.
            let width = usize::from(list_area.width.saturating_sub(2));
            let columns = ListColumns {
                name: width.saturating_sub(40).clamp(6, 26),
                role: if width > 90 { ROLE_WIDTH } else { 0 },
            };
            self.render_list(frame, list_area, people, columns, theme, keys);
            self.render_detail(frame, detail_area, selected, true, theme);
            return;
        }
        // Side by side: the list as wide as its columns (at most half), the detail the
        // rest. The list is as tall as its rows; the person's profile, wrapped whole, fills
        // the room below it, unless the list needs that room more.
        let roles = area.width >= ROLE_COLUMN;
        let columns =
            self.list_columns(people, usize::from(area.width / 2).saturating_sub(2), roles);
        let list_width = u16::try_from(1 + columns.name + 1 + columns.role + AFTER_NAME + 2)
            .unwrap_or(u16::MAX)
            .min(area.width / 2);
        let [left, detail_area] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(area);
        let profile = selected
            .map(|s| {
                profile_lines(
                    s,
                    self.today.unwrap_or_default(),
                    usize::from(left.width).saturating_sub(2),
                    theme,
                )
            })
            .unwrap_or_default();
        let list_wanted = u16::try_from(self.visible.len() + 4).unwrap_or(u16::MAX);
        let profile_wanted = u16::try_from(profile.len() + 2).unwrap_or(u16::MAX);
        let list_height = if list_wanted.saturating_add(profile_wanted) <= left.height {
            Some(list_wanted)
        } else if left.height.saturating_sub(profile_wanted) >= left.height / 2 {
            Some(left.height - profile_wanted)
        } else {
            None
        };
        match (list_height, selected) {
            (Some(height), Some(summary)) => {
                let [list_area, profile_area] =
                    Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(left);
                self.render_list(frame, list_area, people, columns, theme, keys);
                let block = Block::bordered()
                    .title(Span::styled(" Profile ", theme.title()))
                    .border_style(theme.plain());
                let inner = block.inner(profile_area);
                frame.render_widget(block, profile_area);
                frame.render_widget(Paragraph::new(profile), inner);
                self.render_detail(frame, detail_area, Some(summary), false, theme);
            }
            _ => {
                self.render_list(frame, left, people, columns, theme, keys);
                self.render_detail(frame, detail_area, selected, true, theme);
            }
        }
    }

    /// The name column as wide as the longest name shown (up to 26), within `width`.
    fn list_columns(&self, people: &[PersonSummary], width: usize, roles: bool) -> ListColumns {
        let longest = |text: fn(&PersonSummary) -> String| {
            self.visible
                .iter()
                .filter_map(|&i| people.get(i))
                .map(|p| text(p).width())
                .max()
                .unwrap_or(0)
        };
        let name = longest(|p| {
            let star = if p.person.roving_leader { " ★" } else { "" };
            format!("{}{star}", safe(&p.person.name))
        })
        .clamp(6, 26);
        let role = if roles {
            (longest(|p| safe(&p.person.role)) + 1).clamp(5, ROLE_WIDTH)
        } else {
            0
        };
        let room = width.saturating_sub(1 + 1 + role + AFTER_NAME);
        ListColumns {
            name: name.min(room).max(6),
            role,
        }
    }

    fn render_list(
        &self,
        frame: &mut Frame,
        area: Rect,
        people: &[PersonSummary],
        columns: ListColumns,
        theme: Theme,
        keys: &Keys,
    ) {
        let today = self.today.unwrap_or_default();
        let mut title = format!(" People ({}) ", self.visible.len());
        if self.show_archived {
            title.push_str("· with archived ");
        }
        let block = Block::bordered()
            .title(Span::styled(title, theme.title()))
            .border_style(if self.focus == Focus::List {
                theme.accent()
            } else {
                theme.plain()
            });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [filter_area, header_area, rows_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        let filter_line = if self.filtering || !self.filter.is_empty() {
            let (shown, cursor) = self
                .filter
                .visible(usize::from(filter_area.width.saturating_sub(9)));
            if self.filtering {
                frame.set_cursor_position((filter_area.x + 9 + cursor, filter_area.y));
            }
            Line::from(vec![
                Span::styled(" filter: ", theme.accent()),
                Span::raw(shown),
            ])
        } else {
            Line::from(Span::styled(
                format!(" {}", footer(keys, Footer::People)),
                theme.dim(),
            ))
        };
        frame.render_widget(Paragraph::new(filter_line), filter_area);
        let width = usize::from(inner.width);
        let (name_width, role_width) = (columns.name, columns.role);
        let header = format!(
            " {}{}{:<9}{:<12}{:<5}C B A F S",
            pad("name", name_width + 1),
            pad(if role_width > 0 { "role" } else { "" }, role_width),
            "last 1:1",
            "next",
            "open"
        );
        frame.render_widget(
            Paragraph::new(fit(&header, width)).style(theme.dim()),
            header_area,
        );
        if self.visible.is_empty() {
            let text = if people.is_empty() {
                " Nobody yet. Press a to add the first person you lead."
            } else {
                " Nobody matches the filter."
            };
            frame.render_widget(Paragraph::new(text).style(theme.dim()), rows_area);
            return;
        }
        let lines: Vec<Line> = list::window(self.visible.len(), self.selected, rows_area.height)
            .map(|row| {
                let summary = &people[self.visible[row]];
                let p = &summary.person;
                let last = LastMet::of(summary).one_on_one_cell(today);
                let standing = summary.standing(today);
                let next = if p.archived {
                    "archived".to_string()
                } else {
                    crate::views::text::standing(standing, today)
                };
                let mut name = safe(&p.name);
                if p.roving_leader {
                    name.push_str(" ★");
                }
                let mut spans = vec![
                    Span::raw(" "),
                    Span::raw(pad(&name, name_width + 1)),
                    // A cut role keeps a space before the next column.
                    Span::styled(
                        pad(
                            &fit(&safe(&p.role), role_width.saturating_sub(1)),
                            role_width,
                        ),
                        theme.dim(),
                    ),
                    Span::raw(pad(&last, 9)),
                    Span::styled(
                        pad(&next, 12),
                        match standing {
                            _ if p.archived => theme.dim(),
                            Standing::Due { on } => theme.due((on - today).num_days()),
                            Standing::Paused { .. } | Standing::Starting { .. } => theme.dim(),
                        },
                    ),
                    Span::raw(pad(&summary.open_follow_ups.to_string(), 5)),
                ];
                let strip = freshness::strip(summary, today, self.thresholds);
                for span in needs_strip(&strip, theme, true) {
                    spans.push(span);
                    spans.push(Span::raw(" "));
                }
                let style =
                    list::focus_row_style(row == self.selected, self.focus == Focus::List, theme);
                Line::from(spans).style(style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rows_area);
    }

    fn render_detail(
        &self,
        frame: &mut Frame,
        area: Rect,
        summary: Option<&PersonSummary>,
        with_profile: bool,
        theme: Theme,
    ) {
        let today = self.today.unwrap_or_default();
        let block = Block::bordered().border_style(if self.focus == Focus::Detail {
            theme.accent()
        } else {
            theme.plain()
        });
        let Some(summary) = summary else {
            frame.render_widget(block, area);
            return;
        };
        let p = &summary.person;
        let block = block.title(Span::styled(format!(" {} ", safe(&p.name)), theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let mut lines: Vec<Line> = if with_profile {
            profile_lines(summary, today, width, theme)
        } else {
            Vec::new()
        };
        let Some(detail) = self.detail.as_ref().filter(|d| d.person_id == p.id) else {
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        };
        let selected = self.selected_item();
        let style_for = |item: DetailItem| list::row_style(Some(item) == selected, theme);
        lines.push(Line::from(Span::styled("Aspirations", theme.title())));
        if detail.aspirations.is_empty() {
            lines.push(Line::from(Span::styled(
                "  none yet · s adds one",
                theme.dim(),
            )));
        }
        for (i, a) in detail.aspirations.iter().enumerate() {
            let last = (today - a.last_progress_on()).num_days();
            let stalled = last > 60
                && matches!(
                    a.status,
                    crate::domain::AspirationStatus::Exploring
                        | crate::domain::AspirationStatus::Active
                );
            let text = format!("  {:<9} {}", a.status.key(), safe(&a.title));
            lines.push(
                Line::from(vec![
                    Span::raw(pad(&text, width.saturating_sub(14))),
                    Span::styled(
                        format!("{:>13}", days_ago(last)),
                        if stalled {
                            theme.warning()
                        } else {
                            theme.dim()
                        },
                    ),
                ])
                .style(style_for(DetailItem::Aspiration(i))),
            );
            if let Some(u) = a.updates.last() {
                let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
                let lead = format!("    ↳ {}{status} · ", u.noted_on.format("%d %b"));
                let rows = hanging(
                    vec![Span::styled(lead, theme.dim())],
                    &safe(&u.note),
                    width,
                    theme.dim(),
                );
                marked(&mut lines, rows, style_for(DetailItem::Progress(i)));
            }
        }
        if !detail.meets.is_empty() {
            lines.push(Line::from(Span::styled(
                "What meets their needs",
                theme.title(),
            )));
        }
        for (i, note) in detail.meets.iter().enumerate() {
            let lead = format!("  {:<11} ", note.need.label());
            let rows = hanging(
                vec![Span::raw(lead)],
                &crate::views::leading::meets_text(note, today),
                width,
                theme.plain(),
            );
            marked(&mut lines, rows, style_for(DetailItem::Meets(i)));
        }
        if !detail.delegations.is_empty() {
            lines.push(Line::from(Span::styled("Handed over", theme.title())));
        }
        for (i, d) in detail.delegations.iter().enumerate() {
            let rows = hanging(
                vec![Span::raw("  ")],
                &format!(
                    "{} · {}",
                    safe(&d.text),
                    crate::views::leading::delegation_state(d, today)
                ),
                width,
                if d.outcome == Some(crate::domain::Outcome::CameBack) {
                    theme.warning()
                } else {
                    theme.plain()
                },
            );
            marked(&mut lines, rows, style_for(DetailItem::Delegation(i)));
        }
        // Only open ones are listed, unless a search opened on one already done.
        let heading = if detail.follow_ups.iter().all(|f| f.is_open()) {
            "Open follow-ups"
        } else {
            "Follow-ups"
        };
        lines.push(Line::from(Span::styled(heading, theme.title())));
        if detail.follow_ups.is_empty() {
            lines.push(Line::from(Span::styled("  none", theme.dim())));
        }
        for (i, f) in detail.follow_ups.iter().enumerate() {
            let who = if f.owner == Owner::Me { "me  " } else { "them" };
            // Done, paused or due: worded where every surface words a follow-up's state.
            let due = if f.done_on.is_some() || f.due_on.is_some() {
                format!(" · {}", follow_up_state(f, today))
            } else {
                String::new()
            };
            let late = f.days_overdue(today).is_some();
            let rows = hanging(
                vec![
                    match (late, f.is_open()) {
                        (true, _) => Span::styled("! ", theme.error()),
                        (_, false) => Span::styled("✓ ", theme.dim()),
                        _ => Span::raw("  "),
                    },
                    Span::raw(format!("{who} ")),
                ],
                &format!("{}{due}", safe(&f.text)),
                width,
                theme.plain(),
            );
            marked(&mut lines, rows, style_for(DetailItem::FollowUp(i)));
        }
        if !detail.talking_points.is_empty() {
            let heading = if detail.talking_points.iter().all(|t| t.is_open()) {
                "To raise"
            } else {
                "Talking points"
            };
            lines.push(Line::from(Span::styled(heading, theme.title())));
        }
        for (i, t) in detail.talking_points.iter().enumerate() {
            let whose = if t.owner == Owner::Me {
                "yours "
            } else {
                "theirs"
            };
            let discussed = t
                .ticked_on
                .map(|d| d.format(" · discussed %d %b").to_string())
                .unwrap_or_default();
            let rows = hanging(
                vec![Span::raw(format!("  {whose} "))],
                &format!("{}{discussed}", safe(&t.text)),
                width,
                theme.plain(),
            );
            marked(&mut lines, rows, style_for(DetailItem::TalkingPoint(i)));
        }
        if !detail.ideas.is_empty() {
            lines.push(Line::from(Span::styled("Ideas", theme.title())));
        }
        for (i, idea) in detail.ideas.iter().enumerate() {
            let state = if idea.awaits_answer() {
                crate::views::text::waiting((today - idea.heard_on).num_days())
            } else {
                idea.status.key().to_string()
            };
            let mut text = safe(&idea.text);
            if !idea.answer.is_empty() {
                text.push_str(&format!(" → {}", safe(&idea.answer)));
            }
            let style = if idea.awaits_answer() {
                theme.warning()
            } else {
                theme.plain()
            };
            let rows = hanging(
                vec![Span::styled(format!("  {state:<11} "), style)],
                &text,
                width,
                style,
            );
            marked(&mut lines, rows, style_for(DetailItem::Idea(i)));
        }
        if !detail.acknowledgements.is_empty() {
            lines.push(Line::from(Span::styled("Acknowledged for", theme.title())));
        }
        for (i, ack) in detail.acknowledgements.iter().enumerate() {
            let rows = hanging(
                vec![Span::raw(format!(
                    "  {}  ",
                    ack.given_at.format("%d %b %y")
                ))],
                &safe(&ack.text),
                width,
                theme.plain(),
            );
            marked(&mut lines, rows, style_for(DetailItem::Acknowledgement(i)));
        }
        lines.push(Line::from(Span::styled(
            "Recent conversations",
            theme.title(),
        )));
        if detail.conversations.is_empty() {
            lines.push(Line::from(Span::styled(
                "  none yet · Enter logs one",
                theme.dim(),
            )));
        }
        for (i, c) in detail.conversations.iter().enumerate() {
            let needs = c.need_marks();
            let text = format!(
                "  {}  {:<8} {:<5} {}",
                c.happened_at.format("%d %b %y"),
                c.kind.short(),
                needs,
                safe(&c.summary)
            );
            lines.push(Line::from(fit(&text, width)).style(style_for(DetailItem::Conversation(i))));
        }
        // Keep the selected item in view, all its rows, when the pane is shorter than its
        // content: one row of what follows below it when there is one.
        let height = usize::from(inner.height);
        let marked_rows: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| selected.is_some() && l.style == theme.selected())
            .map(|(at, _)| at)
            .collect();
        let scroll = match (marked_rows.first(), marked_rows.last()) {
            (Some(&first), Some(&last)) => (last + 2).saturating_sub(height).min(first),
            _ => 0,
        };
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            inner,
        );
    }
}

/// Rows of one detail item, each marked with the item's style (the cursor's or plain).
fn marked(lines: &mut Vec<Line<'static>>, rows: Vec<Line<'static>>, style: Style) {
    lines.extend(rows.into_iter().map(|row| row.style(style)));
}

/// Who the person is: role, team, rhythm and standing, then the profile's texts, each
/// wrapped whole to `width`.
fn profile_lines(
    summary: &PersonSummary,
    today: NaiveDate,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let p = &summary.person;
    let mut head = Vec::new();
    for part in [&p.role, &p.team] {
        if !part.is_empty() {
            head.push(safe(part));
        }
    }
    head.push(format!("1:1 every {}d", p.cadence_days));
    if let Some(started) = p.started_on {
        head.push(format!("since {}", started.format("%b %Y")));
    }
    head.push(LastMet::of(summary).phrase(today));
    if p.archived {
        head.push("archived".into());
    } else {
        head.push(crate::views::text::standing_sentence(
            summary.standing(today),
            today,
        ));
    }
    let mut lines: Vec<Line<'static>> = packed(&head, width)
        .into_iter()
        .map(|row| Line::from(row).style(theme.dim()))
        .collect();
    if p.roving_leader {
        lines.extend(hanging(
            vec![Span::raw("★ ")],
            "a roving leader: others already follow them",
            width,
            theme.plain(),
        ));
    }
    if !p.priorities.is_empty() {
        let names: Vec<&str> = p.priorities.iter().map(|n| n.label()).collect();
        lines.extend(hanging(
            vec![Span::styled("Priorities: ", theme.title())],
            &names.join(", "),
            width,
            theme.plain(),
        ));
    }
    for (part, text) in ProfileText::all_of(p) {
        if !text.is_empty() {
            lines.extend(hanging(
                vec![Span::styled(format!("{}: ", part.label()), theme.title())],
                &safe(text),
                width,
                theme.plain(),
            ));
        }
    }
    lines
}
