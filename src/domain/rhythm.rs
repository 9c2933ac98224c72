//! Who is due for a 1:1, and from which day: the one rule Today, People, Week, Gaps, prep
//! and the timeline strips all ask.
//!
//! A person's next 1:1 is due a cadence after their last one. Only some kinds of
//! conversation keep that rhythm (a setting; by default a one-on-one and a skip-level): an
//! informal chat is recorded and shown, but it does not make a 1:1 unnecessary. Nobody is
//! due before they were added to the journal or before their start date, and nobody while
//! paused: a paused person's next 1:1 is due on the day they are back.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{ConversationKind, Invalid};

/// A stretch of days without 1:1s: `from` up to, not including, `until` (the day back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Pause {
    /// A pause from `from` with `until` the day back, which must come after it.
    pub fn new(from: NaiveDate, until: NaiveDate) -> Result<Pause, Invalid> {
        if until <= from {
            return Err(Invalid::PauseEnd { from, until });
        }
        Ok(Pause { from, until })
    }

    pub(crate) fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day < self.until
    }

    /// The pause ended on `today` (back today, so the next 1:1 is due today rather than
    /// overdue for the weeks away): `Some(None)` when it began today and so never held,
    /// `None` when it is not running.
    pub(crate) fn resumed_on(self, today: NaiveDate) -> Option<Option<Pause>> {
        self.covers(today)
            .then(|| Pause::new(self.from, today).ok())
    }
}

/// Which kinds of conversation count as the 1:1 a cadence asks for: a set of
/// [`ConversationKind`]s, one bit each in the vocabulary's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CadenceKinds(u8);

impl Default for CadenceKinds {
    fn default() -> Self {
        CadenceKinds::new(&[ConversationKind::OneOnOne, ConversationKind::SkipLevel])
            .expect("two kinds")
    }
}

impl CadenceKinds {
    fn bit(kind: ConversationKind) -> u8 {
        let index = ConversationKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        1 << index
    }

    /// At least one kind; `None` for none.
    pub(crate) fn new(kinds: &[ConversationKind]) -> Option<CadenceKinds> {
        let bits = kinds.iter().fold(0, |bits, kind| bits | Self::bit(*kind));
        (bits != 0).then_some(CadenceKinds(bits))
    }

    pub(crate) fn counts(self, kind: ConversationKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    /// The kinds, in the vocabulary's order.
    pub(crate) fn kinds(self) -> Vec<ConversationKind> {
        ConversationKind::ALL
            .iter()
            .copied()
            .filter(|kind| self.counts(*kind))
            .collect()
    }
}

/// What the rule needs to know about one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rhythm {
    pub cadence_days: u32,
    /// The day they joined the team, when known.
    pub started_on: Option<NaiveDate>,
    /// The day they were added to the journal, when known.
    pub added_on: Option<NaiveDate>,
    pub pause: Option<Pause>,
}

/// Where someone stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Standing {
    /// A 1:1 is expected from `on` (in the past when overdue).
    Due { on: NaiveDate },
    /// Paused on that day; the next 1:1 is due on `until`, the day back.
    Paused { until: NaiveDate },
    /// They start on `on`; the first 1:1 is due then.
    Starting { on: NaiveDate },
}

impl Standing {
    /// The day a 1:1 is next expected, whatever the reason it is not earlier.
    pub fn due_on(self) -> NaiveDate {
        match self {
            Standing::Due { on } | Standing::Starting { on } => on,
            Standing::Paused { until } => until,
        }
    }

    /// Days until the next 1:1 is due: negative when overdue, 0 when due today.
    pub fn due_in_days(self, today: NaiveDate) -> i64 {
        (self.due_on() - today).num_days()
    }

    /// Due today or earlier, and not paused or yet to start.
    pub(crate) fn is_due(self, today: NaiveDate) -> bool {
        matches!(self, Standing::Due { on } if on <= today)
    }
}

impl Rhythm {
    /// The first day a 1:1 can be expected: the later of the start and the day added.
    pub(crate) fn earliest(&self) -> Option<NaiveDate> {
        self.started_on.max(self.added_on)
    }

    /// The day the next 1:1 is due, counting a pause that had begun by `as_of`: a cadence
    /// after `last_one_on_one`, or for someone never met the day they were there (added or
    /// started; `as_of` when neither is known); never before their start date, and never
    /// before the end of their pause.
    pub(crate) fn due_on(&self, last_one_on_one: Option<NaiveDate>, as_of: NaiveDate) -> NaiveDate {
        let cadence = Duration::days(i64::from(self.cadence_days.max(1)));
        // A 1:1 logged before they were added shows they were there: the day added bounds
        // only someone never met. The start date bounds everyone.
        let mut due = match last_one_on_one {
            Some(last) => (last + cadence).max(self.started_on.unwrap_or(last)),
            None => self.earliest().unwrap_or(as_of),
        };
        if let Some(pause) = self.pause.filter(|p| p.from <= as_of) {
            due = due.max(pause.until);
        }
        due
    }

    /// Where the person stands on `today`.
    pub(crate) fn standing(
        &self,
        last_one_on_one: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Standing {
        if let Some(pause) = self.pause.filter(|p| p.covers(today)) {
            return Standing::Paused { until: pause.until };
        }
        let on = self.due_on(last_one_on_one, today);
        match self.started_on {
            Some(start) if start > today && on == start => Standing::Starting { on },
            _ => Standing::Due { on },
        }
    }

    /// Whether a 1:1 fell due on some day of `start..end` (overdue from before included),
    /// given the last 1:1 before `start`: the same question as [`Rhythm::standing`], asked
    /// of each day. Someone paused for the whole span, added after it, or starting after it
    /// was not due.
    #[cfg(test)]
    pub(crate) fn due_in(
        &self,
        last_before: Option<NaiveDate>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> bool {
        self.first_due_day(last_before, start, end).is_some()
    }

    /// How many days of `start..end` the person was there (added, started) and not paused:
    /// the days a cadence asks 1:1s for.
    pub(crate) fn days_present(&self, start: NaiveDate, end: NaiveDate) -> i64 {
        let from = self.earliest().map_or(start, |day| day.max(start));
        let days = (end - from).num_days().max(0);
        let paused = self.pause.map_or(0, |pause| {
            let (a, b) = (pause.from.max(from), pause.until.min(end));
            (b - a).num_days().max(0)
        });
        days - paused
    }

    /// The first day of `start..end` on which a 1:1 was due, given the last one before
    /// `start`.
    pub(crate) fn first_due_day(
        &self,
        last_before: Option<NaiveDate>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Option<NaiveDate> {
        start
            .iter_days()
            .take_while(|day| *day < end)
            .find(|day| self.standing(last_before, *day).is_due(*day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn rhythm(cadence: u32) -> Rhythm {
        Rhythm {
            cadence_days: cadence,
            started_on: None,
            added_on: Some(day("2026-01-05")),
            pause: None,
        }
    }

    #[test]
    fn due_a_cadence_after_the_last_one_and_at_once_when_never_met() {
        let r = rhythm(14);
        let today = day("2026-11-25");
        assert_eq!(
            r.standing(Some(day("2026-11-20")), today),
            Standing::Due {
                on: day("2026-12-04")
            }
        );
        // Never met: due since the day they were added.
        assert_eq!(r.due_on(None, today), day("2026-01-05"));
        assert!(r.standing(None, today).is_due(today));
    }

    #[test]
    fn nobody_is_due_before_they_start_or_were_added() {
        let mut r = rhythm(14);
        r.started_on = Some(day("2026-12-15"));
        let today = day("2026-11-25");
        let standing = r.standing(None, today);
        assert_eq!(
            standing,
            Standing::Starting {
                on: day("2026-12-15")
            }
        );
        assert!(!standing.is_due(today));
        // A week long before they were added is not a week they were due in.
        let added_today = Rhythm {
            added_on: Some(today),
            ..rhythm(14)
        };
        assert!(!added_today.due_in(None, day("2020-01-06"), day("2020-01-13")));
        assert!(added_today.due_in(None, day("2026-11-23"), day("2026-11-30")));
    }

    #[test]
    fn a_paused_person_is_paused_not_overdue_and_due_the_day_back() {
        let mut r = rhythm(7);
        r.pause = Some(Pause {
            from: day("2026-11-01"),
            until: day("2026-12-07"),
        });
        let last = Some(day("2026-10-20"));
        let today = day("2026-11-25");
        assert_eq!(
            r.standing(last, today),
            Standing::Paused {
                until: day("2026-12-07")
            }
        );
        assert!(!r.standing(last, today).is_due(today));
        // Back: due that day, not overdue for the weeks away.
        assert_eq!(
            r.standing(last, day("2026-12-07")),
            Standing::Due {
                on: day("2026-12-07")
            }
        );
        // Not due in a week wholly inside the pause; due in the week they come back.
        assert!(!r.due_in(last, day("2026-11-23"), day("2026-11-30")));
        assert!(r.due_in(last, day("2026-12-07"), day("2026-12-14")));
        // Before the pause began, the week it fell due in still counts.
        assert!(r.due_in(last, day("2026-10-26"), day("2026-11-02")));
    }

    #[test]
    fn the_cadence_kinds_keep_their_order_and_need_one() {
        use ConversationKind::*;
        let kinds = CadenceKinds::new(&[SkipLevel, OneOnOne, SkipLevel]).unwrap();
        assert_eq!(kinds, CadenceKinds::default());
        assert!(kinds.counts(OneOnOne) && !kinds.counts(Informal));
        assert_eq!(CadenceKinds::new(&[]), None);
    }
}
