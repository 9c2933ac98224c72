//! Today: who is due for a 1:1, which follow-ups are due, this week at a glance, recent
//! activity and one question for the thinnest need.

use chrono::{NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::{Conversation, FollowUp, Need, Owner, distinct_names};
use crate::insights::agenda::{self, DueEntry, RovingNudge};
use crate::insights::freshness::{self, Freshness, NeedsOutlook};
use crate::insights::moments::Upcoming;
use crate::insights::week::{WeekSpan, WeekSummary};
use crate::insights::wellbeing::CheckIn;
use crate::store::{PersonSummary, Result, Store};
use crate::tui::forms::kind::FormKind;
use crate::tui::generation::ReadAt;
use crate::tui::keymap::Action;
use crate::tui::request::{self, Request};
use crate::tui::theme::Theme;
use crate::tui::widgets::list;
use crate::tui::widgets::{first_name, fit, needs_strip, pad, safe, wrap_words};
use crate::views::text::{follow_up_state, relative, roving_nudge, standing};
use crate::views::today::{self as today_wording, Agenda};
use crate::views::week::{one_on_one_figures, week_summary};
use crate::views::{moments, wellbeing};

/// Recent conversations read: enough to fill Recent on a tall terminal.
const RECENT_ACTIVITY: usize = 60;
/// From this many rows the screen is tall: the question box takes the rows it needs and
/// the people coming up after the agenda are listed below it.
const TALL: u16 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Panel {
    #[default]
    Due,
    FollowUps,
}

/// This week so far, in the figures of the Week screen and `rapport week` (the same
/// summary, worded by the same function).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekGlance {
    /// "3 held", "met 2 of 5 due", "7 conversations": [`one_on_one_figures`].
    pub figures: [String; 3],
    pub needs: [u32; 5],
    pub leading: u32,
    pub managing: u32,
    pub both: u32,
}

impl WeekGlance {
    fn from_summary(summary: &WeekSummary) -> WeekGlance {
        let mut needs = [0; 5];
        for coverage in &summary.needs {
            needs[coverage.need.index()] = coverage.conversations.this_week;
        }
        WeekGlance {
            figures: one_on_one_figures(summary).map(|(figure, _)| figure),
            needs,
            leading: summary.stance.leading.this_week,
            managing: summary.stance.managing.this_week,
            both: summary.stance.both.this_week,
        }
    }
}

#[derive(Debug, Default)]
pub struct TodayScreen {
    pub today: Option<NaiveDate>,
    pub due: Vec<DueEntry>,
    /// The needs strip of each due person, by position in `due`.
    pub(crate) due_strips: Vec<[Freshness; 5]>,
    pub follow_ups: Vec<FollowUp>,
    pub recent: Vec<Conversation>,
    /// How Recent and the follow-ups name each person: the first name, or the full name
    /// where someone else in the journal shares it.
    pub(crate) names: std::collections::HashMap<i64, String>,
    pub week: WeekGlance,
    /// What is true about the team's needs: the question box words it.
    pub(crate) needs: NeedsOutlook,
    /// Who is due soonest after those in `due`, named when `due` is empty.
    pub(crate) next_up: Option<DueEntry>,
    /// Everyone after those in `due`, soonest first (`next_up` leads), with their needs
    /// strips: listed when the screen is tall.
    pub(crate) coming_up: Vec<(DueEntry, [Freshness; 5])>,
    /// The moments to acknowledge in the days ahead.
    pub(crate) moments: Vec<Upcoming>,
    /// The people to ask "are you okay?", and why.
    pub(crate) check_ins: Vec<CheckIn>,
    /// Set when no roving leader was noticed in the weeks the settings say.
    pub(crate) roving_nudge: Option<RovingNudge>,
    pub(crate) panel: Panel,
    pub due_selected: usize,
    pub follow_up_selected: usize,
    /// The journal's generation this was read at: read again before it is shown when the
    /// journal moved on.
    pub(crate) read: ReadAt,
}

impl TodayScreen {
    /// Reloads everything Today shows. `people` is the already loaded people list and
    /// `week` the summary of the week holding `today` ([`TodayScreen::week_to_read`]), which
    /// the Week screen shows too: it is read once for both.
    pub fn load(
        &mut self,
        store: &Store,
        people: &[PersonSummary],
        today: NaiveDate,
        week: &WeekSummary,
        thresholds: freshness::Thresholds,
        roving_leader_weeks: u32,
    ) -> Result<()> {
        let agenda = Agenda::assemble(store, people, today, thresholds, roving_leader_weeks)?;
        self.today = Some(today);
        self.due = agenda.due_for_one_on_one;
        let strip_of = |entry: &DueEntry| {
            people
                .iter()
                .find(|p| p.person.id == entry.person_id)
                .map(|p| freshness::strip(p, today, thresholds))
                .unwrap_or([Freshness::Never; 5])
        };
        self.due_strips = self.due.iter().map(strip_of).collect();
        self.coming_up = agenda::coming_up(people, today)
            .into_iter()
            .map(|entry| {
                let strip = strip_of(&entry);
                (entry, strip)
            })
            .collect();
        self.follow_ups = agenda.follow_ups_due;
        self.recent = store.conversations_before(None, RECENT_ACTIVITY)?;
        let full: Vec<&str> = people.iter().map(|p| p.person.name.as_str()).collect();
        self.names = people
            .iter()
            .map(|p| p.person.id)
            .zip(distinct_names(&full).into_iter().map(str::to_string))
            .collect();
        self.week = WeekGlance::from_summary(week);
        self.needs = agenda.needs;
        self.next_up = agenda.next_up;
        self.moments = agenda.moments;
        self.check_ins = agenda.are_you_okay;
        self.roving_nudge = agenda.roving_leaders;
        self.due_selected = list::clamped(self.due_selected, self.due.len());
        self.follow_up_selected = list::clamped(self.follow_up_selected, self.follow_ups.len());
        Ok(())
    }

    /// The summary [`TodayScreen::load`] takes: the week holding `today`.
    pub fn week_to_read(
        store: &Store,
        today: NaiveDate,
        week_start: Weekday,
    ) -> Result<WeekSummary> {
        week_summary(store, &WeekSpan::containing(today, week_start))
    }

    pub(crate) fn selected_person(&self) -> Option<&DueEntry> {
        (self.panel == Panel::Due)
            .then(|| self.due.get(self.due_selected))
            .flatten()
    }

    pub(crate) fn selected_follow_up(&self) -> Option<&FollowUp> {
        (self.panel == Panel::FollowUps)
            .then(|| self.follow_ups.get(self.follow_up_selected))
            .flatten()
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        let (selected, len) = match self.panel {
            Panel::Due => (&mut self.due_selected, self.due.len()),
            Panel::FollowUps => (&mut self.follow_up_selected, self.follow_ups.len()),
        };
        list::step(selected, delta, len);
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let today = self.today.unwrap_or_default();
        // The lists take the room they need (at least a few rows); the rest goes below.
        let wanted =
            u16::try_from(self.due.len().max(self.follow_ups.len()).max(3) + 2).unwrap_or(u16::MAX);
        let top_height = wanted.min(area.height * 3 / 5).max(5.min(area.height));
        let [top, bottom] =
            Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
        let [due_area, follow_area] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let [week_area, right_area] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        self.render_due(frame, due_area, theme);
        self.render_follow_ups(frame, follow_area, today, theme);
        let [glance_area, rest] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(0)]).areas(week_area);
        self.render_week(frame, glance_area, theme);
        // The moments ahead above Recent, as tall as they need up to half of the room, so
        // Recent always keeps some.
        // Each moment's line, and the line of what to acknowledge them for when there is one.
        let moment_rows = self.moments.len()
            + self
                .moments
                .iter()
                .filter(|moment| moments::acknowledge_for(moment).is_some())
                .count();
        let moments_height = match moment_rows {
            0 => 0,
            rows => u16::try_from(rows + 2)
                .unwrap_or(u16::MAX)
                .min(rest.height / 2),
        };
        let [moments_area, recent_area] =
            Layout::vertical([Constraint::Length(moments_height), Constraint::Min(0)]).areas(rest);
        if moments_height > 0 {
            self.render_moments(frame, moments_area, today, theme);
        }
        self.render_recent(frame, recent_area, today, theme);
        let (title, question) = self.question_lines(today, theme);
        if area.height < TALL || self.coming_up.is_empty() {
            render_question(frame, right_area, title, question, theme);
            return;
        }
        // Tall: the question as tall as its words, who comes next below it.
        let inside = usize::from(right_area.width.saturating_sub(2));
        let rows: usize = question
            .iter()
            .map(|line| {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                wrap_words(&text, inside).len()
            })
            .sum();
        let question_height = u16::try_from(rows + 2)
            .unwrap_or(u16::MAX)
            .min(right_area.height / 2);
        let [question_area, next_area] =
            Layout::vertical([Constraint::Length(question_height), Constraint::Min(0)])
                .areas(right_area);
        render_question(frame, question_area, title, question, theme);
        self.render_coming_up(frame, next_area, today, theme);
    }

    /// Everyone after the agenda, soonest first: who is next, and after them.
    fn render_coming_up(&self, frame: &mut Frame, area: Rect, today: NaiveDate, theme: Theme) {
        let block = Block::bordered().title(Span::styled(" Next up ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let longest = self
            .coming_up
            .iter()
            .map(|(e, _)| safe(&e.name).width())
            .max()
            .unwrap_or(0)
            .clamp(6, 24);
        const DUE: usize = 12;
        const CADENCE: usize = 10;
        let name_width = longest.min(width.saturating_sub(3 + DUE + CADENCE + 5));
        let lines: Vec<Line> = self
            .coming_up
            .iter()
            .take(usize::from(inner.height))
            .map(|(entry, strip)| {
                let mut spans = vec![
                    Span::raw(" "),
                    Span::raw(pad(&safe(&entry.name), name_width)),
                    Span::raw(" "),
                    Span::styled(
                        pad(&crate::views::text::standing(entry.standing, today), DUE),
                        theme.dim(),
                    ),
                    Span::styled(
                        pad(&format!("every {}d", entry.cadence_days), CADENCE),
                        theme.dim(),
                    ),
                ];
                spans.extend(needs_strip(strip, theme, true));
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn panel_block(&self, title: &'static str, focused: bool, theme: Theme) -> Block<'static> {
        let style = if focused {
            theme.accent()
        } else {
            theme.plain()
        };
        Block::bordered()
            .title(Span::styled(format!(" {title} "), theme.title()))
            .border_style(style)
    }

    fn render_due(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let block = self.panel_block("Due for a 1:1", self.panel == Panel::Due, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let today = self.today.unwrap_or_default();
        if self.due.is_empty() {
            let text = Paragraph::new(today_wording::nobody_due(self.next_up.as_ref(), today))
                .style(theme.dim())
                .wrap(Wrap { trim: true });
            frame.render_widget(text, inner);
            return;
        }
        // Columns by priority: the name (as long as the longest, up to two dozen) and the
        // due phrase first; the needs strip, then the cadence, only where room is left.
        let width = usize::from(inner.width);
        let longest = self
            .due
            .iter()
            .map(|e| safe(&e.name).width())
            .max()
            .unwrap_or(0)
            .clamp(6, 24);
        const DUE: usize = 12;
        const STRIP: usize = 5;
        const CADENCE: usize = 10;
        // A space before the name and one after the last column.
        let room = width.saturating_sub(3 + DUE);
        let strip = room >= longest + STRIP;
        let cadence = room >= longest + STRIP + CADENCE;
        let extras = if strip { STRIP } else { 0 } + if cadence { CADENCE } else { 0 };
        let name_width = room.saturating_sub(extras).min(24);
        let lines: Vec<Line> = list::window(self.due.len(), self.due_selected, inner.height)
            .map(|i| {
                let entry = &self.due[i];
                let due = standing(entry.standing, today);
                let mut spans = vec![
                    Span::raw(" "),
                    Span::raw(pad(&safe(&entry.name), name_width)),
                    Span::raw(" "),
                    Span::styled(pad(&due, DUE), theme.due(entry.due_in_days)),
                ];
                if cadence {
                    spans.push(Span::styled(
                        pad(&format!("every {}d", entry.cadence_days), CADENCE),
                        theme.dim(),
                    ));
                }
                if strip {
                    spans.extend(needs_strip(&self.due_strips[i], theme, true));
                }
                let style =
                    list::focus_row_style(i == self.due_selected, self.panel == Panel::Due, theme);
                Line::from(spans).style(style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_follow_ups(&self, frame: &mut Frame, area: Rect, today: NaiveDate, theme: Theme) {
        let block = self.panel_block("Follow-ups", self.panel == Panel::FollowUps, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.follow_ups.is_empty() {
            frame.render_widget(
                Paragraph::new(format!(
                    "No follow-ups due in the next {} days.",
                    agenda::DUE_SOON_DAYS
                ))
                .style(theme.dim()),
                inner,
            );
            return;
        }
        let width = usize::from(inner.width);
        let lines: Vec<Line> =
            list::window(self.follow_ups.len(), self.follow_up_selected, inner.height)
                .map(|i| {
                    let item = &self.follow_ups[i];
                    let late = item.days_overdue(today);
                    let due = follow_up_state(item, today);
                    let marker = if late.is_some() { "!" } else { " " };
                    let name = self.name_of(item.person_id, &item.person_name);
                    let who = match item.owner {
                        Owner::Me => format!("{name}: "),
                        Owner::Them => format!("{name} (theirs): "),
                    };
                    let text = format!("{who}{}", safe(&item.text));
                    // "overdue 230d" is wider than the usual column: the text gives way,
                    // never the phrase.
                    let due_width = due.chars().count().max(11);
                    let text_width = width.saturating_sub(2 + due_width);
                    let style = list::row_style(
                        i == self.follow_up_selected && self.panel == Panel::FollowUps,
                        theme,
                    );
                    Line::from(vec![
                        Span::styled(marker, theme.error()),
                        Span::raw(" "),
                        Span::raw(pad(&text, text_width)),
                        Span::styled(
                            format!("{due:>due_width$}"),
                            if late.is_some() {
                                theme.error()
                            } else {
                                theme.dim()
                            },
                        ),
                    ])
                    .style(style)
                })
                .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_week(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let block = Block::bordered().title(Span::styled(" This week ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let week = &self.week;
        let [held, met, conversations] = &week.figures;
        let one_on_ones = format!(" 1:1s {held} · {met}");
        let mut needs = vec![Span::raw(format!(" {conversations} · "))];
        for need in Need::ALL {
            let count = week.needs[need.index()];
            let style = if count == 0 {
                theme.freshness(Freshness::Missing)
            } else {
                theme.plain()
            };
            needs.push(Span::styled(format!("{}{} ", need.letter(), count), style));
        }
        let stance = format!(
            " leading {} · managing {} · both {}",
            week.leading, week.managing, week.both
        );
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(one_on_ones),
                Line::from(needs),
                Line::from(stance),
            ]),
            inner,
        );
    }

    /// The moments to acknowledge in the days ahead in at most `rows` lines: each one's
    /// line and, one step in, what its person likes to be acknowledged for. Short of rows,
    /// those go first; then the last row says how many more `rapport moment list` has.
    fn moment_lines(
        &self,
        today: NaiveDate,
        theme: Theme,
        rows: usize,
    ) -> Vec<(String, ratatui::style::Style)> {
        let line = |moment| {
            (
                format!(" ★ {}", moments::line(moment, today)),
                theme.accent(),
            )
        };
        let with_ack: Vec<_> = self
            .moments
            .iter()
            .flat_map(|moment| {
                let ack =
                    moments::acknowledge_for(moment).map(|ack| (format!("   {ack}"), theme.dim()));
                std::iter::once(line(moment)).chain(ack)
            })
            .collect();
        if with_ack.len() <= rows {
            return with_ack;
        }
        let mut lines: Vec<_> = self.moments.iter().map(line).collect();
        if lines.len() > rows {
            let shown = rows.saturating_sub(1);
            lines.truncate(shown);
            lines.push((
                format!(
                    " and {} more: rapport moment list",
                    self.moments.len() - shown
                ),
                theme.dim(),
            ));
        }
        lines
    }

    fn render_moments(&self, frame: &mut Frame, area: Rect, today: NaiveDate, theme: Theme) {
        let block = Block::bordered().title(Span::styled(" To acknowledge ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let lines: Vec<Line> = self
            .moment_lines(today, theme, usize::from(inner.height))
            .into_iter()
            .map(|(text, style)| Line::from(Span::styled(fit(&text, width), style)))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// The name Today gives the person `id` (named `name` on the record).
    fn name_of<'a>(&'a self, id: i64, name: &'a str) -> &'a str {
        self.names
            .get(&id)
            .map_or_else(|| first_name(name), String::as_str)
    }

    fn render_recent(&self, frame: &mut Frame, area: Rect, today: NaiveDate, theme: Theme) {
        let block = Block::bordered().title(Span::styled(" Recent ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.recent.is_empty() {
            frame.render_widget(
                Paragraph::new(" Nothing logged yet.").style(theme.dim()),
                inner,
            );
            return;
        }
        let width = usize::from(inner.width);
        let shown: Vec<&Conversation> =
            self.recent.iter().take(usize::from(inner.height)).collect();
        let ago = |c: &Conversation| relative(c.happened_at.date(), today);
        // The date and name columns as wide as what they hold, so the summary gets the rest.
        let ago_width = shown.iter().map(|c| ago(c).width()).max().unwrap_or(0);
        let name_of = |c: &Conversation| safe(self.name_of(c.person_id, &c.person_name));
        // A full name (two people share the first) may take up to a third of the row.
        let name_width = shown
            .iter()
            .map(|c| name_of(c).width())
            .max()
            .unwrap_or(0)
            .min((width / 3).max(10));
        let needs_width = shown
            .iter()
            .map(|c| c.need_marks().width())
            .max()
            .unwrap_or(0);
        let lines: Vec<Line> = shown
            .into_iter()
            .map(|c| {
                let needs = c.need_marks();
                let head = format!(" {:<ago_width$} {} ", ago(c), pad(&name_of(c), name_width));
                // No needs column, and no gap for it, when none of these met a need.
                let rest = match needs_width {
                    0 => safe(&c.summary).to_string(),
                    _ => format!("{needs:<needs_width$} {}", safe(&c.summary)),
                };
                let room = width.saturating_sub(head.width());
                Line::from(vec![
                    Span::styled(head, theme.dim()),
                    Span::raw(fit(&rest, room)),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// The question box's title and lines: who to ask "are you okay?", then what is true
    /// about the needs and what to ask, then the roving leaders' nudge.
    fn question_lines(&self, today: NaiveDate, theme: Theme) -> (&'static str, Vec<Line<'static>>) {
        let title = if self.check_ins.is_empty() {
            " A question for today "
        } else {
            " Are you okay? "
        };
        let mut lines: Vec<Line> = Vec::new();
        if !self.check_ins.is_empty() {
            for check in &self.check_ins {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", safe(&check.name)), theme.warning()),
                    Span::styled(wellbeing::reasons(check), theme.dim()),
                ]));
            }
            lines.push(Line::from(format!("Ask: {}", wellbeing::questions())));
            lines.push(Line::from(""));
        }
        if let Some(question) = today_wording::question(&self.needs, today) {
            let headline = match question.need {
                Some(need) => {
                    let label = need.label();
                    let rest = question.headline.strip_prefix(label).unwrap_or_default();
                    Line::from(vec![
                        Span::styled(label.to_string(), theme.title()),
                        Span::raw(rest.to_string()),
                    ])
                }
                None => Line::from(question.headline),
            };
            lines.extend([headline, Line::from(""), Line::from(question.question)]);
        }
        if let Some(nudge) = &self.roving_nudge {
            // Gentle: after the question, in the accent colour, and only while it holds.
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                format!("★ {}", roving_nudge(nudge)),
                theme.accent(),
            )));
        }
        (title, lines)
    }
}

fn render_question(
    frame: &mut Frame,
    area: Rect,
    title: &'static str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// What the keys do on Today.
impl TodayScreen {
    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        let follow_up = |screen: &TodayScreen| {
            screen
                .selected_follow_up()
                .map(|f| {
                    vec![Request::FollowUpDone(crate::store::Which::held(
                        f.id, f.uuid,
                    ))]
                })
                .unwrap_or_default()
        };
        match action {
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::Left => self.panel = Panel::Due,
            Action::Right => self.panel = Panel::FollowUps,
            Action::Activate => match (self.panel, self.selected_person()) {
                (Panel::Due, Some(entry)) => {
                    return vec![Request::StartLog {
                        person: Some((entry.person_id, entry.name.clone())),
                        needs: vec![],
                    }];
                }
                (Panel::FollowUps, _) => return follow_up(self),
                _ => {}
            },
            Action::FollowUpDone if self.panel != Panel::FollowUps => {
                self.panel = Panel::FollowUps;
                return request::say("Choose a follow-up with j/k, then press x.");
            }
            Action::FollowUpDone => return follow_up(self),
            Action::LogConversation => {
                return vec![Request::StartLog {
                    person: None,
                    needs: vec![],
                }];
            }
            Action::AddPerson => return vec![Request::OpenForm(FormKind::Person(None))],
            Action::RaiseTalkingPoint => {
                let person = match self.panel {
                    Panel::Due => self
                        .selected_person()
                        .map(|e| (e.person_id, e.name.clone())),
                    Panel::FollowUps => self
                        .selected_follow_up()
                        .map(|f| (f.person_id, f.person_name.clone())),
                };
                return match person {
                    Some((id, name)) => {
                        vec![Request::OpenForm(FormKind::TalkingPoint {
                            person_id: id,
                            name,
                        })]
                    }
                    None => request::say("Choose a person first."),
                };
            }
            Action::Edit => {
                return match self.selected_follow_up() {
                    Some(f) => vec![Request::OpenForm(FormKind::FollowUp(Box::new(f.clone())))],
                    None => request::say("Choose a follow-up (l, then j/k), then press e."),
                };
            }
            Action::Prep => {
                let person = match self.panel {
                    Panel::Due => self.selected_person().map(|e| e.person_id),
                    Panel::FollowUps => self.selected_follow_up().map(|f| f.person_id),
                };
                return vec![Request::OpenPrep(person)];
            }
            _ => {}
        }
        vec![]
    }
}
