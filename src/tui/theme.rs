//! Colours with meaning, and nothing else. With `NO_COLOR` set every style is plain and the
//! symbols (● ◐ ○ ·, overdue words) carry the meaning alone.

use ratatui::style::{Color, Modifier, Style};

use crate::insights::freshness::Freshness;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
}

impl Theme {
    pub fn new(colour: bool) -> Theme {
        Theme { colour }
    }

    /// Colour unless the `NO_COLOR` convention asks for none.
    pub fn from_env() -> Theme {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_colour)
    }

    fn fg(self, colour: Color) -> Style {
        if self.colour {
            Style::default().fg(colour)
        } else {
            Style::default()
        }
    }

    pub fn plain(self) -> Style {
        Style::default()
    }

    pub fn dim(self) -> Style {
        if self.colour {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The selected row of the focused list; reversed so it shows without colour too.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list that does not have the focus.
    pub fn selected_unfocused(self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn freshness(self, freshness: Freshness) -> Style {
        match freshness {
            Freshness::Fresh => self.fg(Color::Green),
            Freshness::Fading => self.fg(Color::Yellow),
            Freshness::Missing => self.fg(Color::Red),
            Freshness::Never => self.dim(),
        }
    }

    /// A heat cell: the grade as a background, so a column of gaps shows at a glance. The
    /// cell's symbol carries the same meaning without colour.
    pub fn heat(self, freshness: Freshness) -> Style {
        if !self.colour {
            return Style::default();
        }
        let background = match freshness {
            Freshness::Fresh => Color::Green,
            Freshness::Fading => Color::Yellow,
            Freshness::Missing => Color::Red,
            Freshness::Never => return self.dim(),
        };
        Style::default().fg(Color::Black).bg(background)
    }

    /// Overdue in red, due today in amber, later plain.
    pub fn due(self, due_in_days: i64) -> Style {
        match due_in_days {
            d if d < 0 => self.fg(Color::Red),
            0 => self.fg(Color::Yellow),
            _ => self.plain(),
        }
    }
}
