//! Week: one week against the week before (1:1s held vs due, people not seen, needs
//! coverage, stance, mood, acknowledgements, ideas, follow-ups), the balance self-check with
//! its twelve-week trend per pole pair, and the reflection, written in place.

use chrono::{NaiveDate, Weekday};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::Balance;
use crate::insights::week::{WeekSpan, WeekSummary};
use crate::store::{ReflectionText, Result, Store};
use crate::tui::generation::{Generation, ReadAt};
use crate::tui::keymap::Action;
use crate::tui::overlays::confirm::Question;
use crate::tui::request::{self, Request};
use crate::views::week::week_summary;

/// A field of the reflection, in screen order: the balance rows, then the three texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WeekField {
    /// One pole pair, by its place in [`Balance::POLES`].
    Pole(usize),
    WentWell,
    Differently,
    Notes,
    /// How the leader wants to show up next week.
    Intention,
}

impl WeekField {
    const ALL: [WeekField; Balance::PAIRS + 4] = [
        WeekField::Pole(0),
        WeekField::Pole(1),
        WeekField::Pole(2),
        WeekField::Pole(3),
        WeekField::Pole(4),
        WeekField::Pole(5),
        WeekField::Pole(6),
        WeekField::Pole(7),
        WeekField::WentWell,
        WeekField::Differently,
        WeekField::Notes,
        WeekField::Intention,
    ];
}

/// The reflection being written: the week it belongs to and the fields as typed so far.
#[derive(Debug, Clone)]
pub(crate) struct ReflectionEdit {
    pub week: WeekSpan,
    pub focus: WeekField,
    pub went_well: TextArea<'static>,
    pub do_differently: TextArea<'static>,
    pub notes: TextArea<'static>,
    pub intention: TextArea<'static>,
    pub ratings: [Option<u8>; Balance::PAIRS],
    /// True once anything differs from what the journal holds.
    pub changed: bool,
}

impl ReflectionEdit {
    fn text_mut(&mut self, field: WeekField) -> Option<&mut TextArea<'static>> {
        match field {
            WeekField::WentWell => Some(&mut self.went_well),
            WeekField::Differently => Some(&mut self.do_differently),
            WeekField::Notes => Some(&mut self.notes),
            WeekField::Intention => Some(&mut self.intention),
            WeekField::Pole(_) => None,
        }
    }

    pub(super) fn text(&self, field: WeekField) -> Option<&TextArea<'static>> {
        match field {
            WeekField::WentWell => Some(&self.went_well),
            WeekField::Differently => Some(&self.do_differently),
            WeekField::Notes => Some(&self.notes),
            WeekField::Intention => Some(&self.intention),
            WeekField::Pole(_) => None,
        }
    }

    /// What saving writes.
    pub(crate) fn to_text(&self) -> ReflectionText {
        ReflectionText {
            went_well: self.went_well.lines().join("\n"),
            do_differently: self.do_differently.lines().join("\n"),
            notes: self.notes.lines().join("\n"),
            balance: Balance::from_ratings(self.ratings),
            intention: self.intention.lines().join("\n"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct WeekScreen {
    /// The day weeks begin on (from the config).
    pub week_start: Weekday,
    pub today: Option<NaiveDate>,
    /// The shown week, as last read from the journal.
    pub summary: Option<WeekSummary>,
    /// The journal's generation `summary` was read at: the same week is read again when the
    /// screen shows after the journal moved on.
    pub(crate) read: ReadAt,
    /// Some while the reflection is being written.
    pub(crate) edit: Option<ReflectionEdit>,
}

impl Default for WeekScreen {
    fn default() -> WeekScreen {
        WeekScreen {
            week_start: Weekday::Mon,
            today: None,
            summary: None,
            read: ReadAt::default(),
            edit: None,
        }
    }
}

impl WeekScreen {
    /// The week holding today.
    pub(crate) fn current(&self) -> WeekSpan {
        WeekSpan::containing(self.today.unwrap_or_default(), self.week_start)
    }

    /// The week on screen (this week until another is chosen).
    pub fn shown(&self) -> WeekSpan {
        self.summary
            .as_ref()
            .map(|s| s.week.clone())
            .unwrap_or_else(|| self.current())
    }

    /// Reads `week` (never later than this week) from the journal.
    pub(crate) fn load(
        &mut self,
        store: &Store,
        week: WeekSpan,
        journal: Generation,
    ) -> Result<()> {
        self.today = Some(store.today());
        let current = self.current();
        let week = if week.start > current.start {
            current
        } else {
            week
        };
        self.summary = Some(week_summary(store, &week)?);
        self.read.caught_up(journal);
        Ok(())
    }

    /// Takes `summary` (of the week holding `today`, as Today reads it) instead of reading it
    /// again, when that week is the one to show and what is shown is out of date.
    pub(crate) fn offer_current(
        &mut self,
        today: NaiveDate,
        summary: &WeekSummary,
        journal: Generation,
    ) {
        let current = WeekSpan::containing(today, self.week_start);
        let out_of_date = self.read.behind(journal);
        let shows_current = self.summary.as_ref().is_none_or(|s| s.week == current);
        if out_of_date && shows_current && summary.week == current {
            self.today = Some(today);
            self.summary = Some(summary.clone());
            self.read.caught_up(journal);
        }
    }

    /// Re-reads the shown week, as after any change to the journal.
    pub(crate) fn reload(&mut self, store: &Store, journal: Generation) -> Result<()> {
        self.today = Some(store.today());
        let week = self.shown();
        self.load(store, week, journal)
    }

    /// Weeks begin on `day` from now on: this week, so counted, shows next.
    pub(crate) fn start_weeks_on(&mut self, day: Weekday) {
        self.week_start = day;
        self.summary = None;
        self.read.forget();
    }

    pub(crate) fn is_current(&self) -> bool {
        self.shown() == self.current()
    }

    pub fn editing(&self) -> bool {
        self.edit.is_some()
    }

    /// Opens the shown week's reflection for writing, with `focus` on one field.
    /// Opens the reflection of the shown week for writing; nothing happens until the week
    /// has been read, so a stored reflection is never replaced by an empty form.
    pub(crate) fn start_editing(&mut self, focus: WeekField, journal: Generation) {
        if self.summary.is_none() || self.read.behind(journal) {
            return;
        }
        let week = self.shown();
        let reflection = self.summary.as_ref().and_then(|s| s.reflection.as_ref());
        let text = |pick: fn(&crate::domain::Reflection) -> &String| {
            text_area(reflection.map(pick).map_or("", String::as_str))
        };
        self.edit = Some(ReflectionEdit {
            week,
            focus,
            went_well: text(|r| &r.went_well),
            do_differently: text(|r| &r.do_differently),
            notes: text(|r| &r.notes),
            intention: text(|r| &r.intention),
            ratings: reflection.map(|r| r.balance.ratings()).unwrap_or_default(),
            changed: false,
        });
    }

    pub(crate) fn move_focus(&mut self, forward: bool) {
        if let Some(edit) = &mut self.edit {
            let all = WeekField::ALL;
            let at = all.iter().position(|f| *f == edit.focus).unwrap_or(0);
            let next = if forward {
                (at + 1) % all.len()
            } else {
                (at + all.len() - 1) % all.len()
            };
            edit.focus = all[next];
        }
    }

    /// A key for the focused field; true when the reflection changed.
    pub(crate) fn handle_key(&mut self, key: KeyEvent) -> bool {
        let Some(edit) = &mut self.edit else {
            return false;
        };
        let changed = match edit.focus {
            WeekField::Pole(i) => {
                let rating = &mut edit.ratings[i];
                let before = *rating;
                match key.code {
                    KeyCode::Char(c @ '1'..='5') => {
                        *rating = c.to_digit(10).and_then(|d| u8::try_from(d).ok())
                    }
                    KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete => *rating = None,
                    KeyCode::Right | KeyCode::Char('l') => {
                        *rating = Some(rating.map_or(3, |r| (r + 1).min(5)))
                    }
                    KeyCode::Left | KeyCode::Char('h') => {
                        *rating = Some(rating.map_or(3, |r| r.saturating_sub(1).max(1)))
                    }
                    KeyCode::Down | KeyCode::Enter => {
                        self.move_focus(true);
                        return false;
                    }
                    KeyCode::Up => {
                        self.move_focus(false);
                        return false;
                    }
                    _ => {}
                }
                before != *rating
            }
            field => match edit.text_mut(field) {
                Some(area) => {
                    let before = area.lines().to_vec();
                    area.input(key);
                    before != area.lines()
                }
                None => false,
            },
        };
        if let Some(edit) = &mut self.edit {
            edit.changed |= changed;
        }
        changed
    }
}

fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// What the keys do on the Week screen.
impl WeekScreen {
    /// Reads the week shown again when the journal changed since it was read.
    pub(crate) fn bring_up_to_date(&mut self, store: &Store, journal: Generation) -> Result<()> {
        if self.read.behind(journal) {
            self.reload(store, journal)?;
        }
        Ok(())
    }

    pub(crate) fn update(
        &mut self,
        action: Action,
        store: &mut Store,
        journal: Generation,
    ) -> Vec<Request> {
        if let Err(e) = self.bring_up_to_date(store, journal) {
            return request::complain(format!("Could not read the week: {e}"));
        }
        let shown = self.shown();
        let target = match action {
            Action::Left => Some(shown.previous()),
            Action::Right if self.is_current() => {
                return request::say("This is the current week; later ones have not happened yet.");
            }
            Action::Right => Some(shown.next()),
            Action::ThisWeek => Some(self.current()),
            Action::Trends => return vec![Request::OpenTeamTrends],
            Action::Activate => {
                self.start_editing(WeekField::WentWell, journal);
                None
            }
            Action::EditBalance => {
                self.start_editing(WeekField::Pole(0), journal);
                None
            }
            _ => None,
        };
        match target.map(|week| self.load(store, week, journal)) {
            Some(Err(e)) => request::complain(format!("Could not read the week: {e}")),
            _ => vec![],
        }
    }

    /// The keys while the reflection is being written.
    pub(crate) fn update_edit(
        &mut self,
        action: Action,
        store: &mut Store,
        journal: Generation,
    ) -> Vec<Request> {
        match action {
            Action::Save => return self.save_reflection(store, journal),
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Close if self.edit.as_ref().is_some_and(|e| e.changed) => {
                return vec![Request::Ask(Question::DiscardReflection)];
            }
            Action::Close => self.edit = None,
            _ => {}
        }
        vec![]
    }

    /// Writes the reflection being edited; on success editing ends, on failure it stays
    /// open with every word kept.
    fn save_reflection(&mut self, store: &mut Store, journal: Generation) -> Vec<Request> {
        let Some(edit) = &self.edit else {
            return vec![];
        };
        if !edit.changed {
            self.edit = None;
            return vec![];
        }
        let week = edit.week.clone();
        match store.save_reflection(&week.label, &edit.to_text()) {
            Ok(_) => {
                self.edit = None;
                let mut requests =
                    request::say(format!("Saved your reflection on week {}.", week.number()));
                if let Err(e) = self.load(store, week, journal) {
                    requests.push(Request::Complain(format!("Could not read the week: {e}")));
                }
                requests
            }
            Err(e) => request::complain(format!("Not saved, your text is kept: {e}")),
        }
    }

    /// Leaving the Week screen (or Rapport) while writing keeps what was written.
    pub(crate) fn save_on_leaving(
        &mut self,
        store: &mut Store,
        journal: Generation,
    ) -> Vec<Request> {
        if self.editing() {
            self.save_reflection(store, journal)
        } else {
            vec![]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_step_within_one_to_five_and_clear() {
        let dir = tempfile::TempDir::new().expect("a temp dir");
        let store =
            Store::open_with_clock(&dir.path().join("journal.db"), crate::clock::test_clock())
                .expect("opens");
        let mut screen = WeekScreen::default();
        // Nothing to write into before the week is read.
        let journal = Generation::default();
        screen.start_editing(WeekField::Pole(1), journal);
        assert!(screen.edit.is_none());
        screen.reload(&store, journal).expect("the week is read");
        screen.start_editing(WeekField::Pole(1), journal);
        let key = |code| KeyEvent::from(code);
        assert!(screen.handle_key(key(KeyCode::Right)));
        assert_eq!(screen.edit.as_ref().unwrap().ratings[1], Some(3));
        screen.handle_key(key(KeyCode::Char('5')));
        assert!(!screen.handle_key(key(KeyCode::Right)));
        assert_eq!(screen.edit.as_ref().unwrap().ratings[1], Some(5));
        screen.handle_key(key(KeyCode::Char('0')));
        assert_eq!(screen.edit.as_ref().unwrap().ratings[1], None);
        screen.handle_key(key(KeyCode::Down));
        assert_eq!(screen.edit.as_ref().unwrap().focus, WeekField::Pole(2));
        assert!(screen.edit.as_ref().unwrap().changed);
    }
}
