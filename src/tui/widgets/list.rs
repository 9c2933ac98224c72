//! A list's cursor, written once for every list and popup: moving it by a row or a page,
//! keeping it inside the list when the list changes, the rows that fit in view, and how the
//! cursor's row looks. A cursor is a plain index into its list; these say what it may be.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::theme::Theme;

/// How far PageUp and PageDown move a list's cursor.
pub(crate) const PAGE: isize = 10;

/// Moves `at` by `delta` rows (negative is up), never before the first row nor past the
/// last of a list of `len`.
pub(crate) fn step(at: &mut usize, delta: isize, len: usize) {
    *at = clamped(at.saturating_add_signed(delta), len);
}

/// `at` kept inside a list of `len` rows (0 for an empty list).
pub(crate) fn clamped(at: usize, len: usize) -> usize {
    at.min(len.saturating_sub(1))
}

/// The indices of a list that fit `height` rows with `selected` in view.
pub(crate) fn window(len: usize, selected: usize, height: u16) -> Range<usize> {
    let height = usize::from(height).max(1);
    let start = selected
        .saturating_sub(height - 1)
        .min(len.saturating_sub(height));
    start..(start + height).min(len)
}

/// A row's style: the cursor's row selected, any other plain.
pub(crate) fn row_style(is_cursor: bool, theme: Theme) -> Style {
    if is_cursor {
        theme.selected()
    } else {
        theme.plain()
    }
}

/// A row's style in a list that may not have the focus: the cursor's row stays marked, more
/// quietly, while the keys go elsewhere.
pub(crate) fn focus_row_style(is_cursor: bool, list_has_focus: bool, theme: Theme) -> Style {
    match (is_cursor, list_has_focus) {
        (true, true) => theme.selected(),
        (true, false) => theme.selected_unfocused(),
        (false, _) => theme.plain(),
    }
}

/// `line` marked as the cursor's row when it is one, untouched otherwise.
pub(crate) fn mark_cursor(line: Line<'static>, is_cursor: bool, theme: Theme) -> Line<'static> {
    if is_cursor {
        line.style(theme.selected())
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_keeps_the_selection_in_view() {
        assert_eq!(window(3, 0, 10), 0..3);
        assert_eq!(window(30, 0, 10), 0..10);
        assert_eq!(window(30, 15, 10), 6..16);
        assert_eq!(window(30, 29, 10), 20..30);
        assert_eq!(window(0, 0, 0), 0..0);
    }

    #[test]
    fn the_cursor_stays_inside_its_list() {
        let mut at = 2;
        step(&mut at, PAGE, 5);
        assert_eq!(at, 4);
        step(&mut at, -PAGE, 5);
        assert_eq!(at, 0);
        step(&mut at, 1, 0);
        assert_eq!(at, 0, "an empty list keeps the cursor at its top");
        assert_eq!(clamped(7, 3), 2);
        assert_eq!(clamped(7, 0), 0);
    }
}
