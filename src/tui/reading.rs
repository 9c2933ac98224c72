//! Reading the journal for the screens: the people list after every change, and each
//! other screen only when it is shown or while the interface waits for keys.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::store;
use crate::tui::app::App;
use crate::tui::keymap::Screen;
use crate::tui::request::shared_of;
use crate::tui::screens::today::TodayScreen;

impl App {
    /// Re-reads what the screens show; called after every change to the journal.
    pub fn reload(&mut self) -> store::Result<()> {
        self.people = self.store.people_summaries(true)?;
        self.people_read()
    }

    /// [`App::reload`] after a new conversation with `person_id` was saved: only that
    /// person's line of the people list can have changed, so only it is read again.
    pub(crate) fn reload_after_logging(&mut self, person_id: i64) -> store::Result<()> {
        let summary = self.store.person_summary(person_id)?;
        match (
            summary,
            self.people.iter_mut().find(|p| p.person.id == person_id),
        ) {
            (Some(summary), Some(line)) => {
                *line = summary;
                self.people_read()
            }
            _ => self.reload(),
        }
    }

    /// Everything after the people list was read: see [`App::reload`].
    fn people_read(&mut self) -> store::Result<()> {
        let today = self.store.today();
        self.people_screen.today = Some(today);
        self.people_screen.thresholds = self.config.thresholds();
        self.people_screen.refilter(&self.people);
        self.people_screen
            .load_detail(&self.store, &self.people, true)?;
        self.log.refresh_matches(&self.people);
        // Today and the insight screens read more of the journal: only the one in view is
        // read now, the others while the interface waits for keys (`prepare_unseen`) or
        // when next shown, whichever comes first. Each sees the journal moved on.
        self.journal = self.journal.next();
        self.load_screen(self.screen)
    }

    /// Whether `screen` must be read before it is shown: it last read an older journal.
    pub fn out_of_date(&self, screen: Screen) -> bool {
        let read = match screen {
            Screen::Today => self.today.read,
            Screen::Timeline => self.timeline.read,
            Screen::Gaps => self.gaps.read,
            Screen::Week => self.week.read,
            Screen::People | Screen::Log => return false,
        };
        read.behind(self.journal)
    }

    /// Reads ahead one piece of what the next keys show, so that they read nothing: the
    /// detail of a person next to People's selection, or one out-of-date screen that is not
    /// in view. The event loop calls it when no key is waiting. True when it read one (more
    /// may be left); false when none is left. A screen that cannot be read is left for its
    /// visit, which says why.
    pub fn prepare_unseen(&mut self) -> bool {
        self.prepare_unseen_giving_way(|| false)
    }

    /// [`App::prepare_unseen`], stopping its queries as soon as `key_waiting` says a key
    /// came: the key is handled first, and what was being read, still out of date, is read
    /// again the next time the interface waits (or when shown). A key never waits for
    /// reading ahead.
    pub fn prepare_unseen_giving_way(
        &mut self,
        mut key_waiting: impl FnMut() -> bool + Send + 'static,
    ) -> bool {
        let gave_way = Arc::new(AtomicBool::new(false));
        let noted = Arc::clone(&gave_way);
        self.store.give_way_when(Some(move || {
            let waiting = key_waiting();
            if waiting {
                noted.store(true, Ordering::Relaxed);
            }
            waiting
        }));
        let read = self.prepare_next(&gave_way);
        self.store.give_way_when(None::<fn() -> bool>);
        read
    }

    /// One piece of reading ahead: a person next to People's selection (what `j` or `k`
    /// shows next), else a screen out of view. True when there was one.
    fn prepare_next(&mut self, gave_way: &AtomicBool) -> bool {
        match self.people_screen.read_ahead(&self.store, &self.people) {
            Ok(true) => return true,
            // Stopped for a key: the key first, the rest after it.
            Err(_) if gave_way.load(Ordering::Relaxed) => return true,
            // A person whose detail cannot be read is left for the move to them, which
            // says why.
            Ok(false) | Err(_) => {}
        }
        if !self.unseen_read.behind(self.journal) {
            return false;
        }
        let next = [Screen::Today, Screen::Timeline, Screen::Gaps, Screen::Week]
            .into_iter()
            .find(|&screen| screen != self.screen && self.out_of_date(screen));
        let Some(screen) = next else {
            self.unseen_read.caught_up(self.journal);
            return false;
        };
        if self.load_screen(screen).is_err() && !gave_way.load(Ordering::Relaxed) {
            self.unseen_read.caught_up(self.journal);
        }
        true
    }

    /// Reads what Today, or an insight screen, shows, if it is out of date.
    pub(crate) fn load_screen(&mut self, screen: Screen) -> store::Result<()> {
        let mut shared = shared_of!(self);
        match screen {
            Screen::Today if self.today.read.behind(self.journal) => {
                let today = self.store.today();
                let week = TodayScreen::week_to_read(&self.store, today, self.config.week_start)?;
                self.today.load(
                    &self.store,
                    &self.people,
                    today,
                    &week,
                    self.config.thresholds(),
                    self.config.roving_leader_weeks,
                )?;
                self.today.read.caught_up(self.journal);
                self.week.offer_current(today, &week, self.journal);
                Ok(())
            }
            Screen::Timeline if self.timeline.read.behind(self.journal) => {
                self.timeline.bring_up_to_date(&mut shared)
            }
            Screen::Gaps => self.gaps.bring_up_to_date(&mut shared),
            Screen::Week => self.week.bring_up_to_date(&self.store, self.journal),
            _ => Ok(()),
        }
    }

    /// Weeks on the Week screen begin on this day (the config's `week_start`).
    pub fn set_week_start(&mut self, day: chrono::Weekday) {
        self.config.week_start = day;
        self.week.start_weeks_on(day);
        self.timeline.week_start_changed();
    }
}
