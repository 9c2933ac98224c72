//! Drawing the whole screen from the app state. Nothing here queries the journal or changes
//! the state.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::App;
use super::keymap::{self, Action, Context, Screen};
use super::overlay::{HelpScroll, Overlay};
use super::widgets::{fit, list, popup, tab_spans, titled, wrap_words};
use unicode_width::UnicodeWidthStr;

/// Below this size the screens cannot be drawn sensibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The name on the right of the tab bar, before the date: the tabs come first so that all
/// six fit the narrowest terminal Rapport draws on.
const BRAND: &str = "Rapport";

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(app, frame, tabs);
    if app.is_empty_journal() && app.screen == Screen::Today {
        render_welcome(app, frame, body);
    } else {
        match app.screen {
            Screen::Today => app.today.render(frame, body, app.theme),
            Screen::People => {
                app.people_screen
                    .render(frame, body, &app.people, app.theme, &app.config.keys)
            }
            Screen::Log => {
                let note = app
                    .draft_saved_at
                    .filter(|_| app.log.changed)
                    .map(|_| "draft kept");
                app.log
                    .render(frame, body, app.theme, &app.config.keys, note);
            }
            Screen::Timeline => app
                .timeline
                .render(frame, body, app.theme, &app.config.keys),
            Screen::Gaps => app.gaps.render(frame, body, app.theme),
            Screen::Week => app.week.render(frame, body, app.theme),
        }
    }
    render_status(app, frame, status);
    match &app.overlay {
        Some(Overlay::Help(context, scroll)) => render_help(app, frame, body, *context, scroll),
        Some(Overlay::Confirm(question)) => render_confirm(app, frame, body, &question.text()),
        Some(Overlay::Form(form)) => form.render(frame, body, app.theme),
        Some(Overlay::Prep(sheet)) => sheet.render(frame, body, app.theme, &app.config.keys),
        Some(Overlay::Conversation(sheet)) => {
            sheet.render(frame, body, app.theme, &app.config.keys)
        }
        Some(Overlay::Search(panel)) => panel.render(frame, body, app.theme, &app.config.keys),
        Some(Overlay::Trends(view)) => view.render(frame, body, app.theme, &app.config.keys),
        Some(Overlay::TeamTrends(view)) => view.render(frame, body, app.theme, &app.config.keys),
        Some(Overlay::Conflicts(sheet)) => sheet.render(frame, body, app.theme, &app.config.keys),
        None => {}
    }
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Rapport needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}. Make it larger, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let mut spans = Vec::new();
    for (screen, label, ..) in tab_spans() {
        let style = list::row_style(screen == app.screen, theme);
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    // On the right, the name and the date: shorter when the tabs leave little room.
    let tabs_end = tab_spans().last().map_or(0, |(.., end)| *end);
    let now = app.store.now().with_timezone(&Local);
    let right = [
        (
            format!("{BRAND} · "),
            now.format("%a %d %b %Y ").to_string(),
        ),
        (format!("{BRAND} · "), now.format("%d %b ").to_string()),
        (String::new(), now.format("%d %b ").to_string()),
    ]
    .into_iter()
    .find(|(brand, date)| {
        let width = brand.chars().count() + date.chars().count();
        usize::from(tabs_end) + 2 + width <= usize::from(area.width)
    });
    if let Some((brand, date)) = right {
        let width = u16::try_from(brand.chars().count() + date.chars().count()).unwrap_or(0);
        let place = Rect::new(area.right() - width, area.y, width, 1);
        let line = Line::from(vec![
            Span::styled(brand, theme.title()),
            Span::styled(date, theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line), place);
    }
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    // Where `/` searches, say so: it is the quickest way to anything written. The keys are
    // the screens' (the leader's own when they moved them).
    let key = |action| keymap::key_of(&app.config.keys, Context::Today, action);
    let help = match app.context() {
        Context::Today | Context::People | Context::Timeline | Context::Gaps | Context::Week => {
            // Conflicts waiting: the key that lists them comes first.
            let conflicts = if app.sync_conflicts() > 0 {
                format!("{} conflicts · ", key(Action::Conflicts))
            } else {
                String::new()
            };
            format!(
                "{conflicts}{} search · {} help ",
                key(Action::Search),
                key(Action::Help)
            )
        }
        _ => format!("{} help ", key(Action::Help)),
    };
    let width = usize::from(area.width);
    let (text, style) = match &app.status {
        Some(status) => (
            status.text.clone(),
            if status.error {
                theme.error()
            } else {
                theme.accent()
            },
        ),
        None => (app.journal_label.clone(), theme.dim()),
    };
    let room = width.saturating_sub(help.chars().count() + 2);
    let mut spans = Vec::new();
    // The line is one column short of the width: ` {text:<room}` then the help.
    match (&app.status, app.sync_words()) {
        (None, Some((parts, trouble))) => {
            // A journal that syncs says how it stands after its name. Where room is short
            // the name gives way first, then the least pressing of the words.
            let sync_style = if trouble {
                theme.warning()
            } else {
                theme.dim()
            };
            let fits = |words: &str| words.width() < room;
            let (name, words) = (0..parts.len())
                .map(|from| parts[from..].join(" · "))
                .find_map(|words| {
                    let named = format!("{text} · ");
                    if fits(&format!("{named}{words}")) {
                        Some((named, words))
                    } else {
                        fits(&words).then(|| (String::new(), words))
                    }
                })
                .unwrap_or_else(|| {
                    (
                        String::new(),
                        fit(&parts.join(" · "), room.saturating_sub(1)),
                    )
                });
            let used = name.width() + words.width();
            spans.push(Span::styled(format!(" {name}"), style));
            spans.push(Span::styled(words, sync_style));
            spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
        }
        _ => spans.push(Span::styled(format!(" {:<room$}", fit(&text, room)), style)),
    }
    spans.push(Span::styled(help, theme.dim()));
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}

fn render_welcome(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let lines = vec![
        Line::from(Span::styled("Welcome to Rapport", theme.title())),
        Line::from(""),
        Line::from("A journal for the 1:1s you hold with the people you lead."),
        Line::from(""),
        Line::from(format!(
            "Press {} to add the first person you lead,",
            keymap::key_of(&app.config.keys, Context::Today, Action::AddPerson)
        )),
        Line::from("then Enter on them after a 1:1 to log it."),
        Line::from(""),
        Line::from(Span::styled(
            format!(
                "Just looking? Quit ({}) and run: rapport --demo",
                keymap::key_of(&app.config.keys, Context::Today, Action::Quit)
            ),
            theme.dim(),
        )),
        Line::from(Span::styled(
            format!(
                "{} shows every key",
                keymap::key_of(&app.config.keys, Context::Today, Action::Help)
            ),
            theme.dim(),
        )),
    ];
    let block = Block::bordered().border_style(theme.accent());
    let inner = popup(frame, area, 62, 11, block);
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}

/// The widest the key help grows.
const HELP_WIDTH: u16 = 100;

fn render_help(app: &App, frame: &mut Frame, area: Rect, context: Context, scroll: &HelpScroll) {
    let theme = app.theme;
    // Laid out by hand, each description wrapped under itself (not under its key), so the
    // rows counted are the rows drawn and the last of them can be scrolled into view.
    let width = usize::from(area.width.min(HELP_WIDTH).saturating_sub(2));
    let mut lines = Vec::new();
    let described = |key: String, key_width: usize, what: &str, lines: &mut Vec<Line>| {
        let key = format!("  {key:<key_width$}");
        let indent = key.width();
        for (i, row) in wrap_words(what, width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let left = if i == 0 {
                key.clone()
            } else {
                " ".repeat(indent)
            };
            lines.push(Line::from(vec![
                Span::styled(left, theme.accent()),
                Span::raw(row),
            ]));
        }
    };
    for table in keymap::help_tables(&app.config.keys, context) {
        for (label, what) in table {
            described(label, 13, what, &mut lines);
        }
        lines.push(Line::from(""));
    }
    if let Some((heading, rows)) = keymap::notes(context) {
        lines.push(Line::from(Span::styled(
            format!("  {heading}"),
            theme.title(),
        )));
        for (left, what) in rows {
            described(left.to_string(), 18, what, &mut lines);
        }
    }
    let title = match context {
        Context::Today => " Keys · Today ",
        Context::People | Context::PeopleFilter => " Keys · People ",
        Context::Log => " Keys · Log a conversation ",
        Context::Form => " Keys · Form ",
        Context::Timeline | Context::TimelineFilter => " Keys · Timeline ",
        Context::Gaps => " Keys · Gaps ",
        Context::Prep | Context::PrepAnswer => " Keys · Preparing a 1:1 ",
        Context::Conversation => " Keys · A conversation ",
        Context::Search => " Keys · Search ",
        Context::Trends => " Keys · A person's trends ",
        Context::Conflicts => " Keys · Conflicts ",
        Context::Week | Context::WeekEdit => " Keys · Week ",
        Context::Confirm | Context::Help => " Keys ",
    };
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let keys = if height > area.height {
        format!(
            " {} {} scroll · {} close ",
            keymap::key_of(&app.config.keys, Context::Help, Action::Down),
            keymap::key_of(&app.config.keys, Context::Help, Action::Up),
            keymap::key_of(&app.config.keys, Context::Help, Action::Close)
        )
    } else {
        format!(
            " {} close ",
            keymap::key_of(&app.config.keys, Context::Help, Action::Close)
        )
    };
    let inner = popup(
        frame,
        area,
        HELP_WIDTH,
        height,
        titled(title.into(), keys, theme),
    );
    // Scrolled no further than the last line at the bottom.
    let last = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    scroll.set_furthest(last.saturating_sub(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll.at(), 0)), inner);
}

fn render_confirm(app: &App, frame: &mut Frame, area: Rect, question: &str) {
    let theme = app.theme;
    let block = Block::bordered().border_style(theme.warning());
    let inner = popup(frame, area, 64, 5, block);
    let lines = vec![
        Line::from(question.to_string()),
        Line::from(Span::styled(
            format!(
                "{} yes · {} no",
                keymap::key_of(&app.config.keys, Context::Confirm, Action::Yes),
                keymap::key_of(&app.config.keys, Context::Confirm, Action::No)
            ),
            theme.dim(),
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).centered(),
        inner,
    );
}
