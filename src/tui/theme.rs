//! Colours with meaning, and nothing else. Four palettes: `dark` (the default), `light` for
//! light terminal backgrounds, `high-contrast`, and `mono`, which `NO_COLOR` forces. In every
//! one the symbols (● ◐ ○ ·, the overdue words, ▲ ▼) carry the meaning alone, and the
//! selection shows as reversed or underlined text.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::insights::freshness::Freshness;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    palette: Option<Palette>,
}

/// The colours of a palette, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Palette {
    accent: Color,
    dim: Color,
    good: Color,
    warning: Color,
    bad: Color,
    /// Bold on top of colour, for terminals or eyes that need more than a hue.
    bold: bool,
}

const DARK: Palette = Palette {
    accent: Color::Cyan,
    dim: Color::DarkGray,
    good: Color::Green,
    warning: Color::Yellow,
    bad: Color::Red,
    bold: false,
};

/// Yellow and cyan wash out on a white background: darker hues instead.
const LIGHT: Palette = Palette {
    accent: Color::Blue,
    dim: Color::DarkGray,
    good: Color::Green,
    warning: Color::Indexed(130),
    bad: Color::Red,
    bold: false,
};

const HIGH_CONTRAST: Palette = Palette {
    accent: Color::LightCyan,
    dim: Color::Reset,
    good: Color::LightGreen,
    warning: Color::LightYellow,
    bad: Color::LightRed,
    bold: true,
};

impl Theme {
    /// The default palette (`true`) or none.
    pub fn new(colour: bool) -> Theme {
        Theme::named(if colour {
            ThemeName::Dark
        } else {
            ThemeName::Mono
        })
    }

    pub fn named(name: ThemeName) -> Theme {
        let palette = match name {
            ThemeName::Dark => Some(DARK),
            ThemeName::Light => Some(LIGHT),
            ThemeName::HighContrast => Some(HIGH_CONTRAST),
            ThemeName::Mono => None,
        };
        Theme { palette }
    }

    /// The theme asked for, unless the `NO_COLOR` convention asks for none.
    pub(crate) fn chosen(name: ThemeName) -> Theme {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::named(if no_colour { ThemeName::Mono } else { name })
    }

    fn with(self, pick: fn(&Palette) -> Color) -> Style {
        match self.palette {
            Some(palette) => {
                let style = Style::default().fg(pick(&palette));
                if palette.bold {
                    style.add_modifier(Modifier::BOLD)
                } else {
                    style
                }
            }
            None => Style::default(),
        }
    }

    pub(crate) fn plain(self) -> Style {
        Style::default()
    }

    pub(crate) fn dim(self) -> Style {
        match self.palette {
            Some(palette) if palette.dim != Color::Reset => Style::default().fg(palette.dim),
            _ => Style::default(),
        }
    }

    pub(crate) fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The selected row of the focused list; reversed so it shows without colour too.
    pub(crate) fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list that does not have the focus.
    pub(crate) fn selected_unfocused(self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }

    pub(crate) fn accent(self) -> Style {
        self.with(|p| p.accent)
    }

    pub(crate) fn warning(self) -> Style {
        self.with(|p| p.warning)
    }

    pub(crate) fn error(self) -> Style {
        self.with(|p| p.bad).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn good(self) -> Style {
        self.with(|p| p.good)
    }

    pub(crate) fn freshness(self, freshness: Freshness) -> Style {
        match freshness {
            Freshness::Fresh => self.good(),
            Freshness::Fading => self.warning(),
            Freshness::Missing => self.with(|p| p.bad),
            Freshness::Concern => self.with(|p| p.bad).add_modifier(Modifier::BOLD),
            Freshness::Never => self.dim(),
        }
    }

    /// A heat cell: the grade as a background, so a column of gaps shows at a glance. The
    /// cell's symbol carries the same meaning without colour.
    pub(crate) fn heat(self, freshness: Freshness) -> Style {
        let Some(palette) = self.palette else {
            return Style::default();
        };
        let background = match freshness {
            Freshness::Fresh => palette.good,
            Freshness::Fading => palette.warning,
            Freshness::Missing | Freshness::Concern => palette.bad,
            Freshness::Never => return self.dim(),
        };
        Style::default().fg(Color::Black).bg(background)
    }

    /// Overdue in red, due today in amber, later plain.
    pub(crate) fn due(self, due_in_days: i64) -> Style {
        match due_in_days {
            d if d < 0 => self.with(|p| p.bad),
            0 => self.warning(),
            _ => self.plain(),
        }
    }
}
