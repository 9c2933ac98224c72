//! A one-line text field: the text, a cursor, and the editing keys every terminal user
//! expects (arrows, Home/End, Backspace/Delete, Ctrl-U, Ctrl-W, Ctrl-A/E… except where the
//! form claims Ctrl-E).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl LineInput {
    pub(crate) fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    pub(crate) fn clear(&mut self) {
        self.set("");
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }

    /// Applies an editing key; returns true when the text changed.
    pub(crate) fn handle(&mut self, key: KeyEvent) -> bool {
        let len = self.text.chars().count();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
                return at > 0;
            }
            KeyCode::Char('w') if ctrl => {
                let before: Vec<char> = self.text.chars().take(self.cursor).collect();
                let mut start = before.len();
                while start > 0 && before[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && before[start - 1] != ' ' {
                    start -= 1;
                }
                let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(from..to, "");
                let changed = start != self.cursor;
                self.cursor = start;
                return changed;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                return true;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                return true;
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                return true;
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            _ => {}
        }
        false
    }

    /// The part of the text that fits `width` columns with the cursor in view, and the
    /// cursor's column within it.
    pub(crate) fn visible(&self, width: usize) -> (String, u16) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = 0;
        let width = width.max(1);
        loop {
            let before: String = chars[start..self.cursor.min(chars.len())].iter().collect();
            if before.width() < width || start >= self.cursor {
                let mut shown = String::new();
                for c in &chars[start..] {
                    shown.push(*c);
                    if shown.width() > width {
                        shown.pop();
                        break;
                    }
                }
                return (shown, u16::try_from(before.width()).unwrap_or(u16::MAX));
            }
            start += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::default();
        for c in text.chars() {
            input.handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        input
    }

    #[test]
    fn typing_and_editing() {
        let mut input = typed("hello wörld");
        assert_eq!(input.text(), "hello wörld");
        input.handle(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(input.text(), "hello wörl");
        input.handle(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
        input.handle(KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE));
        assert_eq!(input.text(), "ello wörl");
        input.handle(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        input.handle(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.text(), "ello ");
        input.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(input.text(), "");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let input = typed("abcdefghij");
        let (shown, cursor) = input.visible(5);
        assert_eq!(shown, "ghij");
        assert_eq!(cursor, 4);
        let wide = typed("李小龍李小龍");
        let (shown, cursor) = wide.visible(6);
        assert!(shown.width() <= 6);
        assert!(cursor <= 6);
    }
}
