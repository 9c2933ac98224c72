//! The Log form's "carried over" block: the chosen person's open loops (follow-ups both
//! ways, talking points, ideas awaiting an answer, aspirations in motion) and what the
//! leader does about each while writing the conversation. Nothing is written until the
//! form is saved; then every action is saved with the conversation, in its transaction,
//! and linked to it.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};
use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use crate::domain::{
    Aspiration, AspirationStatus, CONCERN_MARK, CarriedAction, FollowUp, Idea, IdeaStatus, Lean,
    Need, NeedState, Owner, TalkingPoint, parse_date,
};
use crate::store::{self, CarriedConcern, Store};
use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::{fit, list, safe};
use crate::views::text::{due, follow_up_state, relative};

/// One open loop of the chosen person.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    FollowUp(FollowUp),
    TalkingPoint(TalkingPoint),
    Idea(Idea),
    Aspiration(Aspiration),
    /// A need with a concern open. Marking it met is the form's own need mark, so the
    /// needs line and this item always agree and a draft keeps it with the needs.
    Concern(CarriedConcern),
}

impl Item {
    /// The row an action is about; a concern has no action of its own.
    fn uuid(&self) -> Option<Uuid> {
        match self {
            Item::FollowUp(f) => Some(f.uuid),
            Item::TalkingPoint(t) => Some(t.uuid),
            Item::Idea(i) => Some(i.uuid),
            Item::Aspiration(a) => Some(a.uuid),
            Item::Concern(_) => None,
        }
    }

    fn id(&self) -> Option<i64> {
        match self {
            Item::FollowUp(f) => Some(f.id),
            Item::TalkingPoint(t) => Some(t.id),
            Item::Idea(i) => Some(i.id),
            Item::Aspiration(a) => Some(a.id),
            Item::Concern(_) => None,
        }
    }
}

/// What a line typed in the block is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prompt {
    /// A follow-up's new due date.
    Due,
    /// An idea's answer, optionally led by where it stands ("adopted: from January").
    Answer,
    /// Progress on an aspiration, optionally led by its new status ("active: shadowing").
    Progress,
}

impl Prompt {
    fn label(self) -> &'static str {
        match self {
            Prompt::Due => "new due date (a date, fri, +7, none): ",
            Prompt::Answer => "answer (trying:, adopted:, declined: first to say so): ",
            Prompt::Progress => "progress (active:, achieved:, parked: first to say so): ",
        }
    }
}

/// An action kept in a draft, with the UUID of the row it is about: row ids differ from
/// journal to journal, so a resumed draft finds its rows again by UUID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DraftedAction {
    pub uuid: Uuid,
    pub action: CarriedAction,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct CarriedBlock {
    /// Whose loops are read; `None` before anyone is chosen.
    pub person_id: Option<i64>,
    pub items: Vec<Item>,
    /// What the leader did about each item, in the items' order.
    pub actions: Vec<Option<CarriedAction>>,
    /// The item under the cursor.
    pub at: usize,
    /// A line being typed for the item under the cursor.
    pub prompt: Option<(Prompt, LineInput)>,
    pub error: Option<String>,
    /// Actions from a resumed draft, waiting for their rows to be read.
    restore: Vec<DraftedAction>,
    /// The day the loops were read, for "heard 12d" and "due in 3d".
    today: NaiveDate,
}

impl CarriedBlock {
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Actions from a draft, applied once the person's loops are read.
    pub(crate) fn restoring(actions: Vec<DraftedAction>) -> CarriedBlock {
        CarriedBlock {
            restore: actions,
            ..CarriedBlock::default()
        }
    }

    /// Reads the person's open loops when the person changed; actions already taken on
    /// rows still open are kept. `editing` is the conversation being rewritten, if any.
    pub(crate) fn sync(
        &mut self,
        person_id: Option<i64>,
        editing: Option<i64>,
        store: &Store,
    ) -> store::Result<()> {
        if person_id == self.person_id && self.restore.is_empty() {
            return Ok(());
        }
        let mut kept: Vec<DraftedAction> = std::mem::take(&mut self.restore);
        if person_id == self.person_id {
            kept.extend(self.drafted());
        }
        *self = CarriedBlock {
            person_id,
            today: store.today(),
            ..CarriedBlock::default()
        };
        let Some(person_id) = person_id else {
            return Ok(());
        };
        let open = store.carried_over(person_id, editing)?;
        // Concerns first: a worry left open is the first thing to come back to.
        self.items = open
            .concerns
            .into_iter()
            .map(Item::Concern)
            .chain(open.follow_ups.into_iter().map(Item::FollowUp))
            .chain(open.talking_points.into_iter().map(Item::TalkingPoint))
            .chain(open.ideas.into_iter().map(Item::Idea))
            .chain(open.aspirations.into_iter().map(Item::Aspiration))
            .collect();
        self.actions = self
            .items
            .iter()
            .map(|item| {
                let (uuid, id) = (item.uuid()?, item.id()?);
                kept.iter()
                    .find(|d| d.uuid == uuid)
                    .map(|d| with_id(&d.action, id))
            })
            .collect();
        Ok(())
    }

    /// What saving does about the loops, in the items' order.
    pub(crate) fn taken(&self) -> Vec<CarriedAction> {
        self.actions.iter().flatten().cloned().collect()
    }

    /// The actions as a draft keeps them.
    pub(crate) fn drafted(&self) -> Vec<DraftedAction> {
        let mut drafted: Vec<DraftedAction> = self
            .items
            .iter()
            .zip(&self.actions)
            .filter_map(|(item, action)| {
                Some(DraftedAction {
                    uuid: item.uuid()?,
                    action: action.as_ref()?.clone(),
                })
            })
            .collect();
        // Not read yet (the form was never drawn for this person): kept as they came.
        drafted.extend(self.restore.iter().cloned());
        drafted
    }

    fn carries_a_concern(&self) -> bool {
        self.items
            .iter()
            .any(|item| matches!(item, Item::Concern(_)))
    }

    /// The need whose open concern is under the cursor, when one is and no line is typed.
    pub(crate) fn concern_at_cursor(&self) -> Option<Need> {
        match self.items.get(self.at) {
            Some(Item::Concern(concern)) if self.prompt.is_none() => Some(concern.need),
            _ => None,
        }
    }

    /// Esc while typing a line closes the line; true when there was one.
    pub(crate) fn close_prompt(&mut self) -> bool {
        self.error = None;
        self.prompt.take().is_some()
    }

    /// A key while the block has the focus; true when an action changed.
    pub(crate) fn handle_key(&mut self, key: KeyEvent, today: NaiveDate) -> bool {
        if self.prompt.is_some() {
            return self.prompt_key(key, today);
        }
        let Some(item) = self.items.get(self.at).cloned() else {
            return false;
        };
        let at = self.at;
        match (key.code, &item) {
            (KeyCode::Down | KeyCode::Char('j'), _) => {
                list::step(&mut self.at, 1, self.items.len());
                false
            }
            (KeyCode::Up | KeyCode::Char('k'), _) => {
                list::step(&mut self.at, -1, self.items.len());
                false
            }
            (KeyCode::Char('x' | ' ') | KeyCode::Enter, Item::FollowUp(f)) => {
                self.actions[at] = match self.actions[at] {
                    Some(CarriedAction::FollowUpDone { .. }) => None,
                    _ => Some(CarriedAction::FollowUpDone { id: f.id }),
                };
                true
            }
            (KeyCode::Char('x' | ' ') | KeyCode::Enter, Item::TalkingPoint(t)) => {
                self.actions[at] = match self.actions[at] {
                    Some(_) => None,
                    None => Some(CarriedAction::TalkingPointTicked { id: t.id }),
                };
                true
            }
            (KeyCode::Char('d'), Item::FollowUp(_)) => self.open(Prompt::Due),
            (KeyCode::Char('a') | KeyCode::Enter, Item::Idea(_)) => self.open(Prompt::Answer),
            (KeyCode::Char('u') | KeyCode::Enter, Item::Aspiration(_)) => {
                self.open(Prompt::Progress)
            }
            _ => false,
        }
    }

    /// Opens a line for the item under the cursor, holding what was typed for it before.
    fn open(&mut self, prompt: Prompt) -> bool {
        let typed = match &self.actions[self.at] {
            Some(CarriedAction::FollowUpDue { due_on, .. }) => due_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "none".into()),
            Some(CarriedAction::IdeaAnswered { status, answer, .. }) => {
                format!("{status}: {answer}")
            }
            Some(CarriedAction::AspirationProgress { status, note, .. }) => match status {
                Some(status) => format!("{status}: {note}"),
                None => note.clone(),
            },
            _ => String::new(),
        };
        self.prompt = Some((prompt, LineInput::new(&typed)));
        false
    }

    fn prompt_key(&mut self, key: KeyEvent, today: NaiveDate) -> bool {
        let Some((prompt, input)) = &mut self.prompt else {
            return false;
        };
        if key.code != KeyCode::Enter {
            input.handle(key);
            self.error = None;
            return false;
        }
        let text = input.text().trim().to_string();
        let Some(id) = self.items[self.at].id() else {
            self.prompt = None;
            return false;
        };
        let action = match read_prompt(*prompt, id, &text, today) {
            Ok(action) => action,
            Err(message) => {
                self.error = Some(message);
                return false;
            }
        };
        self.actions[self.at] = action;
        self.prompt = None;
        self.error = None;
        true
    }

    /// The block's lines: a heading (or the line being typed) and a window of the items
    /// around the cursor, `rows` lines in all; `needs` is how the form marks each need, which
    /// says what this conversation does about an open concern. The cursor's column is
    /// returned when a line is being typed.
    pub(crate) fn lines(
        &self,
        focused: bool,
        rows: usize,
        width: usize,
        needs: [Option<NeedState>; 5],
        theme: Theme,
    ) -> (Vec<Line<'static>>, Option<u16>) {
        let today = self.today;
        let mut lines = Vec::new();
        let mut cursor = None;
        let lead = format!("{}{:<11}", if focused { '›' } else { ' ' }, "Carried");
        let lead_width = lead.chars().count();
        let lead_style = if focused { theme.accent() } else { theme.dim() };
        let mut heading = vec![Span::styled(lead, lead_style)];
        match (&self.prompt, &self.error) {
            (Some((prompt, input)), error) => {
                let label = prompt.label();
                let error = error
                    .as_ref()
                    .map(|e| format!("  ✗ {e}"))
                    .unwrap_or_default();
                let room = width
                    .saturating_sub(lead_width + label.chars().count())
                    .saturating_sub(error.chars().count());
                let (shown, at) = input.visible(room);
                cursor = Some(u16::try_from(lead_width + label.chars().count()).unwrap_or(0) + at);
                heading.push(Span::styled(label, theme.accent()));
                heading.push(Span::raw(shown));
                heading.push(Span::styled(error, theme.error()));
            }
            // The concern's key is named only when a concern is carried, so the usual
            // hint keeps its room at 80 columns.
            (None, _) if focused => heading.push(Span::styled(
                if self.carries_a_concern() {
                    "↑↓ · x tick, or mark a concern met · d new date · a answer · u progress"
                } else {
                    "↑↓ · x tick · d new date · a answer · u progress"
                },
                theme.dim(),
            )),
            (None, _) => heading.push(Span::styled(
                if self.carries_a_concern() {
                    format!(
                        "{} open · Tab here to tick or mark a concern met",
                        self.items.len()
                    )
                } else {
                    format!(
                        "{} open · Tab here to tick, re-date, answer, note progress",
                        self.items.len()
                    )
                },
                theme.dim(),
            )),
        }
        lines.push(Line::from(heading));
        let shown = rows.saturating_sub(1);
        let height = u16::try_from(shown).unwrap_or(u16::MAX);
        for i in list::window(self.items.len(), self.at, height).take(shown) {
            let item = &self.items[i];
            // What this conversation does about it always shows; the item gives way.
            let (what, done) = match item {
                Item::Concern(concern) => concern_text(concern, needs[concern.need.index()]),
                _ => item_text(item, self.actions[i].as_ref(), today),
            };
            let answered = match item {
                Item::Concern(concern) => needs[concern.need.index()].is_some(),
                _ => self.actions[i].is_some(),
            };
            let room = width.saturating_sub(1);
            let done = fit(&done, room);
            let text = fit(&what, room.saturating_sub(done.width())) + &done;
            let style = if answered && !(focused && i == self.at) {
                theme.good()
            } else {
                list::row_style(focused && i == self.at, theme)
            };
            lines.push(Line::from(vec![Span::raw(" "), Span::styled(text, style)]));
        }
        (lines, cursor)
    }
}

/// The action a typed line means for the item `id`; an empty line takes the action back.
fn read_prompt(
    prompt: Prompt,
    id: i64,
    text: &str,
    today: NaiveDate,
) -> Result<Option<CarriedAction>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(match prompt {
        Prompt::Due => CarriedAction::FollowUpDue {
            id,
            due_on: match text {
                "none" => None,
                day => Some(parse_date(day, today, Lean::Future).map_err(|e| e.to_string())?),
            },
        },
        Prompt::Answer => {
            let (status, answer) = led_by::<IdeaStatus>(text);
            if answer.is_empty() {
                return Err("write the answer you gave them".into());
            }
            CarriedAction::IdeaAnswered {
                id,
                // Answered without saying where it stands: they heard back, it stays heard.
                status: status.unwrap_or(IdeaStatus::Heard),
                answer: answer.to_string(),
            }
        }
        Prompt::Progress => {
            let (status, note) = led_by::<AspirationStatus>(text);
            CarriedAction::AspirationProgress {
                id,
                status,
                note: note.to_string(),
            }
        }
    }))
}

/// "adopted: from January" → (adopted, "from January"); text without a known word first
/// is all text.
fn led_by<T: std::str::FromStr>(text: &str) -> (Option<T>, &str) {
    match text.split_once(':') {
        Some((word, rest)) => match word.trim().parse::<T>() {
            Ok(word) => (Some(word), rest.trim()),
            Err(_) => (None, text),
        },
        None => (None, text),
    }
}

/// The same action for the row `id` of this journal.
fn with_id(action: &CarriedAction, id: i64) -> CarriedAction {
    let mut action = action.clone();
    match &mut action {
        CarriedAction::FollowUpDone { id: at }
        | CarriedAction::FollowUpDue { id: at, .. }
        | CarriedAction::TalkingPointTicked { id: at }
        | CarriedAction::IdeaAnswered { id: at, .. }
        | CarriedAction::AspirationProgress { id: at, .. } => *at = id,
    }
    action
}

/// An open concern as a line: "[ ] ! Security “worried about the reorg” · open since 3 Dec",
/// and what this conversation does about it, which names the key while it does nothing.
fn concern_text(concern: &CarriedConcern, marked: Option<NeedState>) -> (String, String) {
    let tick = if marked == Some(NeedState::Met) {
        "[x]"
    } else {
        "[ ]"
    };
    let words = if concern.words.trim().is_empty() {
        String::new()
    } else {
        format!(" \u{201c}{}\u{201d}", safe(&concern.words))
    };
    let what = format!(
        "{tick} {CONCERN_MARK} {}{words} · open since {}",
        concern.need.label(),
        concern.since.format("%-d %b")
    );
    let done = match marked {
        Some(NeedState::Met) => "  → met",
        Some(NeedState::Concern) => "  → still a concern",
        None => "  x: met, or leave it open",
    };
    (what, done.to_string())
}

/// One item as a line: what it is, and what this conversation does about it (empty when
/// nothing).
fn item_text(item: &Item, action: Option<&CarriedAction>, today: NaiveDate) -> (String, String) {
    let owner = |owner: Owner| match owner {
        Owner::Me => "me    ",
        Owner::Them => "them  ",
    };
    match item {
        Item::FollowUp(f) => {
            let tick = if matches!(action, Some(CarriedAction::FollowUpDone { .. })) {
                "[x]"
            } else {
                "[ ]"
            };
            let when = match (action, f.due_on) {
                (Some(CarriedAction::FollowUpDone { .. }), _) => "done".to_string(),
                (
                    Some(CarriedAction::FollowUpDue {
                        due_on: Some(d), ..
                    }),
                    _,
                ) => {
                    format!("→ {}", due(*d, today))
                }
                (Some(CarriedAction::FollowUpDue { due_on: None, .. }), _) => "→ no date".into(),
                (_, Some(_)) => follow_up_state(f, today),
                (_, None) => String::new(),
            };
            (
                format!("{tick} {}{}", owner(f.owner), safe(&f.text)),
                format!("  {when}"),
            )
        }
        Item::TalkingPoint(t) => {
            let tick = if action.is_some() { "[x]" } else { "[ ]" };
            let whose = match t.owner {
                Owner::Me => "yours",
                Owner::Them => "theirs",
            };
            (
                format!("{tick} raise {}", safe(&t.text)),
                format!("  (talking point, {whose})"),
            )
        }
        Item::Idea(i) => {
            let text = format!(
                "    idea  \u{201c}{}\u{201d} · heard {}",
                safe(&i.text),
                relative(i.heard_on, today)
            );
            let done = match action {
                Some(CarriedAction::IdeaAnswered { status, answer, .. }) => {
                    format!("  → {status}: \u{201c}{}\u{201d}", safe(answer))
                }
                _ => String::new(),
            };
            (text, done)
        }
        Item::Concern(concern) => concern_text(concern, None),
        Item::Aspiration(a) => {
            let text = format!(
                "    aim   {} · {} · last progress {}",
                safe(&a.title),
                a.status,
                relative(a.last_progress_on(), today)
            );
            let mut done = String::new();
            if let Some(CarriedAction::AspirationProgress { status, note, .. }) = action {
                done.push_str("  →");
                if let Some(status) = status {
                    done.push_str(&format!(" {status}"));
                }
                if !note.is_empty() {
                    done.push_str(&format!(" \u{201c}{}\u{201d}", safe(note)));
                }
            }
            (text, done)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    #[test]
    fn a_typed_line_becomes_the_action_it_says() {
        assert_eq!(
            read_prompt(Prompt::Due, 4, "fri", monday()),
            Ok(Some(CarriedAction::FollowUpDue {
                id: 4,
                due_on: NaiveDate::from_ymd_opt(2026, 11, 27)
            }))
        );
        assert_eq!(
            read_prompt(Prompt::Due, 4, "none", monday()),
            Ok(Some(CarriedAction::FollowUpDue {
                id: 4,
                due_on: None
            }))
        );
        assert!(read_prompt(Prompt::Due, 4, "someday", monday()).is_err());
        assert_eq!(
            read_prompt(Prompt::Answer, 2, "Adopted: from January", monday()),
            Ok(Some(CarriedAction::IdeaAnswered {
                id: 2,
                status: IdeaStatus::Adopted,
                answer: "from January".into()
            }))
        );
        assert_eq!(
            read_prompt(Prompt::Answer, 2, "note: not yet", monday()),
            Ok(Some(CarriedAction::IdeaAnswered {
                id: 2,
                status: IdeaStatus::Heard,
                answer: "note: not yet".into()
            }))
        );
        assert!(read_prompt(Prompt::Answer, 2, "declined:", monday()).is_err());
        assert_eq!(
            read_prompt(Prompt::Progress, 7, "active: shadowing the lead", monday()),
            Ok(Some(CarriedAction::AspirationProgress {
                id: 7,
                status: Some(AspirationStatus::Active),
                note: "shadowing the lead".into()
            }))
        );
        assert_eq!(read_prompt(Prompt::Progress, 7, "", monday()), Ok(None));
    }
}
