//! Timeline: every event, newest first, grouped by week, read a page at a time as the
//! cursor moves back through history; a filter line edited in place; and per person a strip
//! of 1:1s per week over the last twelve weeks.

use chrono::{NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::{FilterWords, Need};
use crate::insights::timeline::{self as insight, FrequencyStrips, STRIP_WEEKS};
use crate::insights::week::WeekSpan;
use crate::store::{
    EventKind, Record, Result, Store, TimelineCursor, TimelineEvent, TimelineFilter,
};
use crate::tui::generation::ReadAt;
use crate::tui::keymap::{Action, Footer, Keys, footer};
use crate::tui::request::{self, Request, Shared};
use crate::tui::target::Target;
use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::list::{self, PAGE};
use crate::tui::widgets::{first_name, fit, pad, safe};
use crate::views::timeline::event_text;
use crate::views::trends::held_of_expected;

/// Events read per page: a few screens' worth, so scrolling rarely waits.
pub const PAGE_SIZE: usize = 150;
/// The next page is read when the cursor comes this close to the last loaded event.
const READ_AHEAD: usize = 40;
/// Width of the strips panel beside the events on wide terminals.
const STRIPS_WIDTH: u16 = 46;
/// From this width the strips sit beside the events by default.
const WIDE: u16 = 120;

#[derive(Debug, Default)]
pub struct TimelineScreen {
    pub filter: TimelineFilter,
    /// The person the filter names, for the heading.
    pub person_name: Option<String>,
    /// The filter line while it is being edited.
    pub editing: Option<LineInput>,
    pub events: Vec<TimelineEvent>,
    /// Where the next (older) page starts; `None` once the beginning is loaded.
    next: Option<TimelineCursor>,
    pub selected: usize,
    pub strips: Option<FrequencyStrips>,
    /// The journal's generation the strips were read at: they depend on the journal and the
    /// first day of the week, not on the filter.
    strips_read: ReadAt,
    /// 1:1s per week of the filtered person (or everyone), oldest week first.
    pub frequency: Vec<u32>,
    /// `s` flips whether the strips show, from the default of the terminal's width.
    pub strips_flipped: bool,
    pub week_start: Option<Weekday>,
    /// The journal's generation the events were read at, for the filter they were read
    /// with; forgotten when the filter changes, so they are read again the next time the
    /// screen shows.
    pub(crate) read: ReadAt,
}

impl TimelineScreen {
    /// Reads the first page for the current filter, and the strips.
    pub fn load(&mut self, store: &Store, today: NaiveDate, week_start: Weekday) -> Result<()> {
        let keep = self.selected_event().map(|e| (e.kind, e.id));
        let was_loaded = self.events.len();
        let page = store.timeline(&self.filter, None, PAGE_SIZE)?;
        self.events = page.events;
        self.next = page.next;
        // The reader stays where they were: as far back as they had read, a page at a time.
        if let Some((kind, id)) = keep {
            while !self.events.iter().any(|e| e.kind == kind && e.id == id)
                && self.events.len() < was_loaded
            {
                let Some(cursor) = self.next.take() else {
                    break;
                };
                let page = store.timeline(&self.filter, Some(&cursor), PAGE_SIZE)?;
                self.events.extend(page.events);
                self.next = page.next;
            }
        }
        self.week_start = Some(week_start);
        let first = insight::strip_start(today, week_start);
        self.frequency = store.conversation_counts(first, STRIP_WEEKS, self.filter.person_id)?;
        // Every person's strip depends on the journal, not on the filter: it is read again
        // only after the journal changed.
        if self.strips.is_none() {
            let people = store.people(false)?;
            let counts = store.conversations_by_week(first, STRIP_WEEKS)?;
            self.strips = Some(insight::frequency_strips(
                &people, &counts, today, week_start,
            ));
        }
        self.selected = keep
            .and_then(|(kind, id)| {
                self.events
                    .iter()
                    .position(|e| e.kind == kind && e.id == id)
            })
            .map_or(0, |at| list::clamped(at, self.events.len()));
        Ok(())
    }

    /// Reads older pages until the cursor has `READ_AHEAD` events below it, or history ends.
    pub fn read_ahead(&mut self, store: &Store) -> Result<()> {
        while self.selected + READ_AHEAD >= self.events.len() {
            let Some(cursor) = self.next.take() else {
                break;
            };
            match store.timeline(&self.filter, Some(&cursor), PAGE_SIZE) {
                Ok(page) => {
                    self.events.extend(page.events);
                    self.next = page.next;
                }
                Err(e) => {
                    // Keep the place: the next move tries the same page again.
                    self.next = Some(cursor);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }

    pub fn selected_event(&self) -> Option<&TimelineEvent> {
        self.events.get(self.selected)
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        list::step(&mut self.selected, delta, self.events.len());
    }

    /// Shows one person's history (or everyone's with `None`), keeping the other filters.
    pub(crate) fn set_person(&mut self, person: Option<(i64, String)>) {
        self.filter.person_id = person.as_ref().map(|(id, _)| *id);
        self.person_name = person.map(|(_, name)| name);
        self.start_over();
    }

    /// The first day of the week changed: the events and the strips are read again the next
    /// time the screen shows.
    pub(crate) fn week_start_changed(&mut self) {
        self.read.forget();
        self.strips_read.forget();
    }

    /// A new filter shows its newest event first: nothing of the old list is kept.
    fn start_over(&mut self) {
        self.events.clear();
        self.next = None;
        self.selected = 0;
        self.read.forget();
    }

    /// Everyone → competence → … → security → everyone.
    pub(crate) fn cycle_need(&mut self) {
        self.filter.need = match self.filter.need {
            None => Some(Need::ALL[0]),
            Some(need) => Need::ALL.get(need.index() + 1).copied(),
        };
        self.start_over();
    }

    pub(crate) fn clear_filter(&mut self) {
        self.filter = TimelineFilter::default();
        self.person_name = None;
        self.start_over();
    }

    pub(crate) fn start_editing(&mut self) {
        self.editing = Some(LineInput::new(&self.filter_text()));
    }

    /// Applies the edited filter line; on a mistake the line stays open with the reason.
    pub(crate) fn apply_edit(
        &mut self,
        store: &Store,
        today: NaiveDate,
    ) -> std::result::Result<(), String> {
        let Some(input) = &self.editing else {
            return Ok(());
        };
        let (filter, person_name) = parse_filter(input.text(), store, today)?;
        self.filter = filter;
        self.person_name = person_name;
        self.editing = None;
        self.start_over();
        Ok(())
    }

    /// The filter as the line that would set it.
    pub(crate) fn filter_text(&self) -> String {
        let f = &self.filter;
        let mut parts = Vec::new();
        if let Some(name) = &self.person_name {
            parts.push(format!("person:{name}"));
        }
        parts.extend(f.need.map(|n| format!("need:{}", n.key())));
        parts.extend(f.tag.as_ref().map(|t| format!("tag:{t}")));
        parts.extend(f.kind.map(|k| format!("kind:{}", k.key())));
        parts.extend(f.since.map(|d| format!("since:{d}")));
        parts.extend(f.until.map(|d| format!("until:{d}")));
        parts.join(" ")
    }

    fn shows_strips(&self, width: u16) -> bool {
        (width >= WIDE) != self.strips_flipped
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let [heading, filter_line, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        self.render_heading(frame, heading, theme);
        self.render_filter(frame, filter_line, theme, keys);
        if !self.shows_strips(area.width) {
            self.render_events(frame, body, theme);
        } else if area.width >= WIDE {
            let [events, strips] =
                Layout::horizontal([Constraint::Min(0), Constraint::Length(STRIPS_WIDTH)])
                    .areas(body);
            self.render_events(frame, events, theme);
            self.render_strips(frame, strips, theme);
        } else {
            self.render_strips(frame, body, theme);
        }
    }

    fn render_heading(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let who = self
            .person_name
            .as_deref()
            .map_or_else(|| "all people".to_string(), safe);
        let need = self.filter.need.map_or("all needs", |n| n.label());
        let text = format!(" Timeline · {who} · {need} · last 12 weeks ");
        let line = Line::from(vec![
            Span::styled(text, theme.title()),
            Span::styled(insight::sparkline(&self.frequency), theme.accent()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_filter(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let label = " Filter ";
        let label_width = label.chars().count() as u16;
        match &self.editing {
            Some(input) => {
                let hint = &format!(" {}", footer(keys, Footer::TimelineFilter));
                let hint_width = hint.chars().count() as u16;
                let width = usize::from(area.width.saturating_sub(label_width + hint_width + 1));
                let (shown, cursor) = input.visible(width);
                let line = Line::from(vec![
                    Span::styled(label, theme.accent()),
                    Span::styled(pad(&shown, width), theme.selected_unfocused()),
                    Span::styled(hint, theme.dim()),
                ]);
                frame.render_widget(Paragraph::new(line), area);
                frame.set_cursor_position(Position::new(area.x + label_width + cursor, area.y));
            }
            None => {
                let text = self.filter_text();
                let (shown, style) = if text.is_empty() {
                    (
                        "none · f edit · n one need at a time · s strips".to_string(),
                        theme.dim(),
                    )
                } else {
                    (format!("{} · f edit · c clear", safe(&text)), theme.plain())
                };
                let line = Line::from(vec![
                    Span::styled(label, theme.dim()),
                    Span::styled(fit(&shown, usize::from(area.width) - 8), style),
                ]);
                frame.render_widget(Paragraph::new(line), area);
            }
        }
    }

    fn render_events(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        if self.events.is_empty() {
            let text = if self.filter == TimelineFilter::default() {
                " Nothing logged yet: press 3 to log a conversation."
            } else {
                " Nothing matches these filters: press c to clear them."
            };
            frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
            return;
        }
        let week_start = self.week_start.unwrap_or(Weekday::Mon);
        let height = usize::from(area.height);
        let width = usize::from(area.width);
        // Rows are week rules and events. Walking back from the selection until the screen
        // is full finds the first row shown: drawing costs the height of the screen, however
        // far back the reader has scrolled.
        let mut above: Vec<Row> = Vec::with_capacity(height + 1);
        let mut at = self.selected.min(self.events.len() - 1);
        loop {
            above.push(Row::Event(at));
            let week = WeekSpan::containing(self.events[at].at.date(), week_start);
            let starts_week = at == 0 || !week.contains(self.events[at - 1].at.date());
            if starts_week {
                above.push(Row::Week(week));
            }
            if above.len() >= height || at == 0 {
                break;
            }
            at -= 1;
        }
        above.reverse();
        let mut start = above.len().saturating_sub(height);
        // The top row always says which week it is in. A week scrolled halfway shows its
        // rule in place of its first visible event; a lone event cut from its rule is left
        // out, and the screen fills one more row below instead.
        match above.get(start..start + 2) {
            Some([Row::Event(_), Row::Week(_)]) => start += 1,
            Some([Row::Event(first), Row::Event(_)]) => {
                let week = WeekSpan::containing(self.events[*first].at.date(), week_start);
                above[start] = Row::Week(week);
            }
            _ => {}
        }
        let mut rows: Vec<Row> = above.split_off(start);
        // Fill the rest of the screen below the selection.
        let mut week = self
            .selected_event()
            .map(|e| WeekSpan::containing(e.at.date(), week_start));
        for (i, event) in self.events.iter().enumerate().skip(self.selected + 1) {
            if rows.len() >= height {
                break;
            }
            let day = event.at.date();
            if !week.as_ref().is_some_and(|w| w.contains(day)) {
                let span = WeekSpan::containing(day, week_start);
                rows.push(Row::Week(span.clone()));
                week = Some(span);
            }
            if rows.len() < height {
                rows.push(Row::Event(i));
            }
        }
        if rows.len() < height && self.has_more() {
            rows.push(Row::More);
        }
        let lines: Vec<Line> = rows
            .iter()
            .map(|row| match row {
                Row::Week(span) => {
                    let rule = format!("── Week {} · {} ", span.number(), span.days_text());
                    let fill = "─".repeat(width.saturating_sub(rule.chars().count()));
                    Line::from(Span::styled(format!("{rule}{fill}"), theme.dim()))
                }
                Row::Event(i) => {
                    self.event_line(&self.events[*i], *i == self.selected, width, theme)
                }
                Row::More => Line::from(Span::styled(
                    " … older events load as you scroll",
                    theme.dim(),
                )),
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn event_line(
        &self,
        event: &TimelineEvent,
        selected: bool,
        width: usize,
        theme: Theme,
    ) -> Line<'static> {
        let when = event.at.format(" %a %d ").to_string();
        let who = pad(
            &safe(
                event
                    .person
                    .as_ref()
                    .map(|p| first_name(&p.name))
                    .unwrap_or(""),
            ),
            10,
        );
        let kind_style = match event.kind {
            EventKind::Conversation => theme.accent(),
            EventKind::Reflection => theme.title(),
            _ => theme.plain(),
        };
        let what = fit(&event_text(event), width.saturating_sub(19));
        let line = Line::from(vec![
            Span::styled(when, theme.dim()),
            Span::raw(format!("{who} ")),
            Span::styled(what, kind_style),
        ]);
        list::mark_cursor(line, selected, theme)
    }

    fn render_strips(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let block = Block::bordered().title(Span::styled(
            " 1:1s per week, last 12 weeks ",
            theme.title(),
        ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(strips) = &self.strips else {
            return;
        };
        if strips.people.is_empty() {
            frame.render_widget(
                Paragraph::new(" Nobody to show yet.").style(theme.dim()),
                inner,
            );
            return;
        }
        let name_width = usize::from(inner.width)
            .saturating_sub(STRIP_WEEKS as usize + 10)
            .clamp(6, 20);
        let mut lines = vec![Line::from(vec![
            Span::styled(format!(" {}", pad("team", name_width)), theme.dim()),
            Span::styled(insight::sparkline(&strips.team), theme.accent()),
            Span::styled(
                format!(" {:>3}", strips.team.iter().sum::<u32>()),
                theme.dim(),
            ),
        ])];
        for strip in &strips.people {
            let held: u32 = strip.counts.iter().sum();
            // Below the rhythm their cadence asks for reads as a warning.
            let behind = held < strip.expected;
            let chosen = self.filter.person_id == Some(strip.person_id);
            let name_style = if chosen {
                theme.selected_unfocused()
            } else {
                theme.plain()
            };
            let cells: String = strip
                .counts
                .iter()
                .zip(insight::sparkline(&strip.counts).chars())
                .map(|(count, bar)| if *count == 0 { '·' } else { bar })
                .collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {}", pad(&safe(&strip.name), name_width)),
                    name_style,
                ),
                Span::styled(
                    cells,
                    if behind {
                        theme.warning()
                    } else {
                        theme.good()
                    },
                ),
                Span::styled(
                    format!(" {:>5}", held_of_expected(held, strip.expected)),
                    if behind { theme.warning() } else { theme.dim() },
                ),
            ]));
        }
        lines.push(Line::from(Span::styled(
            " one column a week, oldest left · · none · held/expected at their cadence",
            theme.dim(),
        )));
        let shown = usize::from(inner.height);
        frame.render_widget(
            Paragraph::new(lines.into_iter().take(shown).collect::<Vec<_>>()),
            inner,
        );
    }
}

#[derive(Debug, Clone)]
enum Row {
    Week(WeekSpan),
    Event(usize),
    More,
}

/// Reads a filter line (see [`FilterWords`]) and finds the person it names.
pub(crate) fn parse_filter(
    text: &str,
    store: &Store,
    today: NaiveDate,
) -> std::result::Result<(TimelineFilter, Option<String>), String> {
    let words = FilterWords::parse(text, today).map_err(|e| e.to_string())?;
    let (filter, person) = store.timeline_filter(&words).map_err(|e| e.to_string())?;
    Ok((filter, person.map(|p| p.name)))
}

/// What the keys do on the Timeline.
impl TimelineScreen {
    /// Reads the events again when the journal or the filter changed, and the next page
    /// when the cursor came close to the last one read.
    pub(crate) fn bring_up_to_date(&mut self, shared: &mut Shared) -> Result<()> {
        if self.read.behind(shared.journal) {
            if self.strips_read.behind(shared.journal) {
                self.strips = None;
            }
            self.load(shared.store, shared.store.today(), shared.config.week_start)?;
            self.read.caught_up(shared.journal);
            self.strips_read.caught_up(shared.journal);
        }
        self.read_ahead(shared.store)
    }

    pub(crate) fn update(&mut self, action: Action, shared: &mut Shared) -> Vec<Request> {
        if self.editing.is_some() {
            match action {
                Action::Save => {
                    let today = shared.store.today();
                    if let Err(reason) = self.apply_edit(shared.store, today) {
                        return request::complain(reason);
                    }
                }
                Action::Close => self.editing = None,
                _ => {}
            }
        } else {
            match action {
                Action::Down => self.move_selection(1),
                Action::Up => self.move_selection(-1),
                Action::PageDown => self.move_selection(PAGE),
                Action::PageUp => self.move_selection(-PAGE),
                Action::Top => self.move_selection(-isize::MAX),
                Action::Bottom => self.move_selection(isize::MAX),
                Action::Filter => self.start_editing(),
                Action::CycleNeed => self.cycle_need(),
                Action::ClearFilter => self.clear_filter(),
                Action::ToggleStrips => self.strips_flipped = !self.strips_flipped,
                Action::Activate => {
                    return self
                        .selected_event()
                        .and_then(target_of_event)
                        .map(|target| vec![Request::Open(target)])
                        .unwrap_or_default();
                }
                _ => {}
            }
        }
        match self.bring_up_to_date(shared) {
            Ok(()) => vec![],
            Err(e) => request::complain(format!("Could not read the journal: {e}")),
        }
    }
}

/// Where a timeline event opens: its conversation when it came from one, else its person
/// (or its week, for a reflection).
pub(crate) fn target_of_event(event: &crate::store::TimelineEvent) -> Option<Target> {
    let person = |item: Option<(Record, i64)>| {
        event.person.as_ref().map(|p| Target::Person {
            person_id: p.id,
            item,
        })
    };
    match event.kind {
        EventKind::Conversation => Some(Target::Conversation(event.id)),
        EventKind::Reflection => event.week.clone().map(Target::Week),
        EventKind::FollowUpMade | EventKind::FollowUpDone => {
            person(Some((Record::FollowUp, event.id)))
        }
        _ => event
            .conversation_id
            .map(Target::Conversation)
            .or_else(|| person(None)),
    }
}
