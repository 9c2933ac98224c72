//! Colours with meaning, and nothing else. Four palettes: `dark`, `light` for light terminal
//! backgrounds, `high-contrast`, and `mono`, which `NO_COLOR` forces; `auto` (the default)
//! is `dark` or `light` by the terminal's background (`background`). Every palette keeps to
//! the 16 ANSI colours, which every colour terminal has and the leader's own scheme tunes.
//! In every one the symbols (● ◐ ○ ·, the overdue words, ▲ ▼) carry the meaning alone, and
//! the selection shows as reversed or underlined text.

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

/// Yellow and cyan wash out on a white background: darker hues instead, magenta standing in
/// for amber (the 16 colours have no orange).
const LIGHT: Palette = Palette {
    accent: Color::Blue,
    dim: Color::DarkGray,
    good: Color::Green,
    warning: Color::Magenta,
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
            // Undetected (no terminal asked): the dark palette, as when detection fails.
            ThemeName::Dark | ThemeName::Auto => Some(DARK),
            ThemeName::Light => Some(LIGHT),
            ThemeName::HighContrast => Some(HIGH_CONTRAST),
            ThemeName::Mono => None,
        };
        Theme { palette }
    }

    /// The theme asked for, unless the `NO_COLOR` convention asks for none.
    pub(crate) fn chosen(name: ThemeName) -> Theme {
        Theme::named(if Theme::no_colour() {
            ThemeName::Mono
        } else {
            name
        })
    }

    /// Whether the `NO_COLOR` convention asks for no colour at all.
    pub(crate) fn no_colour() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every palette keeps to the 16 ANSI colours (and the terminal's own, `Reset`): a
    /// 256-colour index or an RGB value is wrong on a 16-colour terminal and ignores the
    /// leader's scheme.
    #[test]
    fn every_palette_uses_only_the_sixteen_colours() {
        let sixteen = |colour: Color| {
            matches!(
                colour,
                Color::Reset
                    | Color::Black
                    | Color::Red
                    | Color::Green
                    | Color::Yellow
                    | Color::Blue
                    | Color::Magenta
                    | Color::Cyan
                    | Color::Gray
                    | Color::DarkGray
                    | Color::LightRed
                    | Color::LightGreen
                    | Color::LightYellow
                    | Color::LightBlue
                    | Color::LightMagenta
                    | Color::LightCyan
                    | Color::White
            )
        };
        for name in ThemeName::ALL {
            let Some(palette) = Theme::named(name).palette else {
                continue;
            };
            for (meaning, colour) in [
                ("accent", palette.accent),
                ("dim", palette.dim),
                ("good", palette.good),
                ("warning", palette.warning),
                ("bad", palette.bad),
            ] {
                assert!(
                    sixteen(colour),
                    "{}: {meaning} is {colour:?}, not one of the 16 ANSI colours",
                    name.key()
                );
            }
        }
    }
}
