//! The conversation form: state, editing, drafts and turning it into a conversation.

use chrono::NaiveDateTime;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};

use crate::domain::{
    Conversation, ConversationInput, ConversationKind, ConversationNeed, Mood, Need, NeedState,
    NewFollowUp, Owner, Stance, parse_when, split_due, split_owner,
};
use crate::store::AskedQuestion;
use crate::store::KeptWith;
use crate::store::PersonSummary;
use crate::store::Which;
use crate::tui::forms::carried::{CarriedBlock, DraftedAction};
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::list;

/// The form's fields in the order Tab visits them; a "how" line follows each ticked need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Person,
    /// The chosen person's open loops (see `carried.rs`).
    Carried,
    When,
    Kind,
    Mood,
    Stance,
    Needs,
    How(Need),
    /// What meets the need for this person, kept beyond this conversation: opened with
    /// Ctrl-T on a ticked need.
    Remember(Need),
    Summary,
    Notes,
    Tags,
    FollowUps,
    Ack,
    Idea,
    /// What the leader handed over to them in this conversation.
    HandedOver,
    /// What they said about the leader's leading.
    FeedbackToMe,
}

impl Field {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Person => "Person",
            Field::Carried => "Carried",
            Field::When => "When",
            Field::Kind => "Kind",
            Field::Mood => "Mood",
            Field::Stance => "Stance",
            Field::Needs => "Needs",
            Field::How(_) => "how",
            Field::Remember(_) => "remember",
            Field::Summary => "Summary",
            Field::Notes => "Notes",
            Field::Tags => "Tags",
            Field::FollowUps => "Follow-ups",
            Field::Ack => "Ack",
            Field::Idea => "Idea",
            Field::HandedOver => "Delegated",
            Field::FeedbackToMe => "To me",
        }
    }
}

/// Everything the form holds, as stored in the draft table. Plain values only, so a draft
/// written by one version of the form can be read back field by field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct LogDraft {
    /// Row ids in the journal that wrote the draft; trusted only once found again by UUID.
    pub editing: Option<i64>,
    pub person_id: Option<i64>,
    /// The conversation being edited and the person chosen, by UUID: drafts travel in
    /// exports, and ids differ from journal to journal.
    pub editing_uuid: Option<String>,
    pub person_uuid: Option<String>,
    pub person_name: String,
    pub person_query: String,
    pub when: String,
    pub kind: Option<ConversationKind>,
    pub mood: Option<u8>,
    pub stance: Option<Stance>,
    pub needs: Vec<ConversationNeed>,
    /// Needs suggested by prep or Gaps and not yet marked.
    #[serde(default)]
    pub to_raise: Vec<Need>,
    pub summary: String,
    pub notes: String,
    pub tags: String,
    pub follow_ups: Vec<NewFollowUp>,
    pub follow_up_input: String,
    pub ack: String,
    pub idea: String,
    #[serde(default)]
    pub feedback_to_me: String,
    /// What meets a need for them, one line per need opened with Ctrl-T.
    #[serde(default)]
    pub remember: Vec<(Need, String)>,
    #[serde(default)]
    pub handed_over: String,
    /// Questions put into the notes with Ctrl-Q: (topic, question).
    #[serde(default)]
    pub asked: Vec<(String, String)>,
    /// What the leader did about the person's open loops, by the rows' UUIDs.
    pub carried: Vec<DraftedAction>,
}

/// How a need stands in the form. Space or its number cycles absent → met → concern →
/// absent; a need suggested by prep or Gaps starts as "to raise", which saves nothing until
/// the leader marks it met or a concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NeedMark {
    #[default]
    Absent,
    ToRaise,
    Met,
    Concern,
}

impl NeedMark {
    fn next(self) -> NeedMark {
        match self {
            NeedMark::Absent | NeedMark::ToRaise => NeedMark::Met,
            NeedMark::Met => NeedMark::Concern,
            NeedMark::Concern => NeedMark::Absent,
        }
    }

    /// What saving stores for it: nothing for absent or to raise.
    pub fn state(self) -> Option<NeedState> {
        match self {
            NeedMark::Met => Some(NeedState::Met),
            NeedMark::Concern => Some(NeedState::Concern),
            NeedMark::Absent | NeedMark::ToRaise => None,
        }
    }

    fn of(state: NeedState) -> NeedMark {
        match state {
            NeedState::Met => NeedMark::Met,
            NeedState::Concern => NeedMark::Concern,
        }
    }
}

/// The name drafts of this form are kept under.
pub const DRAFT_FORM: &str = "log";

/// The picker keeps this many matches; the screen shows as many as fit.
const MAX_PICKER_MATCHES: usize = 200;

pub struct LogForm {
    /// The conversation being edited, by id and UUID: saving rewrites that one or, when it
    /// is gone, nothing.
    pub editing: Option<Which>,
    pub person: Option<(i64, String)>,
    pub person_query: LineInput,
    /// People matching the query, best first, and the one under the cursor.
    pub matches: Vec<(i64, String)>,
    pub picked: usize,
    pub when: LineInput,
    pub kind: ConversationKind,
    pub mood: Option<u8>,
    pub stance: Option<Stance>,
    pub needs: [NeedMark; 5],
    /// How a need was met, or what the concern is.
    pub how: [LineInput; 5],
    pub summary: LineInput,
    pub notes: TextArea<'static>,
    pub tags: LineInput,
    pub follow_ups: Vec<NewFollowUp>,
    pub follow_up_input: LineInput,
    pub ack: LineInput,
    pub idea: LineInput,
    pub feedback_to_me: LineInput,
    /// What meets each need for them, for the needs whose line is open.
    pub remember: [Option<LineInput>; 5],
    pub handed_over: LineInput,
    pub(crate) focus: Field,
    pub(crate) errors: Vec<(Field, String)>,
    /// Whether anything was typed since the form was opened or last saved.
    pub changed: bool,
    /// When editing: the follow-ups, acknowledgement and idea already noted in the
    /// conversation, which saving keeps (the fields add more).
    pub(crate) kept: KeptWith,
    /// Questions from the bank put into the notes (Ctrl-Q); saving records those still in
    /// the notes as asked.
    pub(crate) asked: Vec<AskedQuestion>,
    /// The chosen person's open loops and what this conversation does about them.
    pub(crate) carried: CarriedBlock,
}

impl Default for LogForm {
    fn default() -> Self {
        LogForm {
            editing: None,
            person: None,
            person_query: LineInput::default(),
            matches: Vec::new(),
            picked: 0,
            when: LineInput::default(),
            kind: ConversationKind::OneOnOne,
            mood: None,
            stance: None,
            needs: [NeedMark::Absent; 5],
            how: Default::default(),
            summary: LineInput::default(),
            notes: TextArea::default(),
            tags: LineInput::default(),
            follow_ups: Vec::new(),
            follow_up_input: LineInput::default(),
            ack: LineInput::default(),
            idea: LineInput::default(),
            feedback_to_me: LineInput::default(),
            remember: Default::default(),
            handed_over: LineInput::default(),
            focus: Field::Person,
            errors: Vec::new(),
            changed: false,
            kept: KeptWith::default(),
            asked: Vec::new(),
            carried: CarriedBlock::default(),
        }
    }
}

impl LogForm {
    /// A fresh form for a person (or for choosing one), with needs suggested to raise.
    pub fn for_person(person: Option<(i64, String)>, needs: &[Need]) -> LogForm {
        let mut form = LogForm {
            focus: if person.is_some() {
                Field::When
            } else {
                Field::Person
            },
            person,
            ..LogForm::default()
        };
        for need in needs {
            form.needs[need.index()] = NeedMark::ToRaise;
        }
        form
    }

    /// The form filled with a saved conversation, for editing it.
    pub fn for_conversation(conversation: &Conversation) -> LogForm {
        let mut form = LogForm {
            editing: Some(Which::held(conversation.id, conversation.uuid)),
            person: Some((conversation.person_id, conversation.person_name.clone())),
            when: LineInput::new(
                &conversation
                    .happened_at
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            ),
            kind: conversation.kind,
            mood: conversation.mood.map(|m| m.value()),
            stance: conversation.stance,
            summary: LineInput::new(&conversation.summary),
            notes: text_area(&conversation.notes),
            tags: LineInput::new(&conversation.tags.join(" ")),
            focus: Field::Summary,
            ..LogForm::default()
        };
        for noted in &conversation.needs {
            form.needs[noted.need.index()] = NeedMark::of(noted.state);
            form.how[noted.need.index()].set(&noted.how);
        }
        form
    }

    pub(crate) fn to_draft(&self) -> LogDraft {
        LogDraft {
            editing: self.editing.map(|which| which.id),
            person_id: self.person.as_ref().map(|(id, _)| *id),
            // The form's own: looked up by id when the draft is written, it would name
            // whatever took the number meanwhile.
            editing_uuid: self
                .editing
                .and_then(|which| which.uuid)
                .map(|uuid| uuid.to_string()),
            // Filled in by the app, which can ask the journal.
            person_uuid: None,
            person_name: self
                .person
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            person_query: self.person_query.text().to_string(),
            when: self.when.text().to_string(),
            kind: Some(self.kind),
            mood: self.mood,
            stance: self.stance,
            needs: self.needs_noted(),
            to_raise: Need::ALL
                .into_iter()
                .filter(|n| self.needs[n.index()] == NeedMark::ToRaise)
                .collect(),
            summary: self.summary.text().to_string(),
            notes: self.notes_text(),
            tags: self.tags.text().to_string(),
            follow_ups: self.follow_ups.clone(),
            follow_up_input: self.follow_up_input.text().to_string(),
            ack: self.ack.text().to_string(),
            idea: self.idea.text().to_string(),
            feedback_to_me: self.feedback_to_me.text().to_string(),
            remember: Need::ALL
                .into_iter()
                .filter_map(|need| {
                    let line = self.remember[need.index()].as_ref()?;
                    Some((need, line.text().to_string()))
                })
                .collect(),
            handed_over: self.handed_over.text().to_string(),
            asked: self
                .asked
                .iter()
                .map(|q| (q.topic.key().to_string(), q.text.clone()))
                .collect(),
            carried: self.carried.drafted(),
        }
    }

    pub(crate) fn from_draft(draft: &LogDraft) -> LogForm {
        let mut form = LogForm {
            editing: draft.editing.map(|id| Which {
                id,
                uuid: draft
                    .editing_uuid
                    .as_deref()
                    .and_then(|uuid| uuid::Uuid::parse_str(uuid).ok()),
            }),
            person: draft.person_id.map(|id| (id, draft.person_name.clone())),
            person_query: LineInput::new(&draft.person_query),
            when: LineInput::new(&draft.when),
            kind: draft.kind.unwrap_or(ConversationKind::OneOnOne),
            mood: draft.mood.filter(|m| (1..=5).contains(m)),
            stance: draft.stance,
            summary: LineInput::new(&draft.summary),
            notes: text_area(&draft.notes),
            tags: LineInput::new(&draft.tags),
            follow_ups: draft.follow_ups.clone(),
            follow_up_input: LineInput::new(&draft.follow_up_input),
            ack: LineInput::new(&draft.ack),
            idea: LineInput::new(&draft.idea),
            feedback_to_me: LineInput::new(&draft.feedback_to_me),
            handed_over: LineInput::new(&draft.handed_over),
            carried: CarriedBlock::restoring(draft.carried.clone()),
            changed: true,
            // A topic this version does not know drops its question, not the draft.
            asked: draft
                .asked
                .iter()
                .filter_map(|(topic, text)| {
                    Some(AskedQuestion {
                        topic: topic.parse().ok()?,
                        text: text.clone(),
                    })
                })
                .collect(),
            ..LogForm::default()
        };
        for need in &draft.to_raise {
            form.needs[need.index()] = NeedMark::ToRaise;
        }
        for noted in &draft.needs {
            form.needs[noted.need.index()] = NeedMark::of(noted.state);
            form.how[noted.need.index()].set(&noted.how);
        }
        for (need, text) in &draft.remember {
            form.remember[need.index()] = Some(LineInput::new(text));
        }
        form.focus = if form.person.is_some() {
            Field::Summary
        } else {
            Field::Person
        };
        form
    }

    pub(crate) fn notes_text(&self) -> String {
        self.notes.lines().join("\n")
    }

    pub(crate) fn set_notes(&mut self, text: &str) {
        self.notes = text_area(text);
        self.changed = true;
    }

    /// The needs marked met or a concern: what saving stores.
    fn needs_noted(&self) -> Vec<ConversationNeed> {
        Need::ALL
            .into_iter()
            .filter_map(|need| {
                self.needs[need.index()]
                    .state()
                    .map(|state| ConversationNeed {
                        need,
                        state,
                        how: self.how[need.index()].text().to_string(),
                    })
            })
            .collect()
    }

    /// Whether a need is marked met or a concern (and so has a "how" line).
    pub(crate) fn is_noted(&self, need: Need) -> bool {
        self.needs[need.index()].state().is_some()
    }

    /// The fields in visiting order right now.
    pub(crate) fn fields(&self) -> Vec<Field> {
        let mut fields = vec![Field::Person];
        if !self.carried.is_empty() {
            fields.push(Field::Carried);
        }
        fields.extend([
            Field::When,
            Field::Kind,
            Field::Mood,
            Field::Stance,
            Field::Needs,
        ]);
        for need in Need::ALL.into_iter().filter(|n| self.is_noted(*n)) {
            fields.push(Field::How(need));
            if self.remember[need.index()].is_some() {
                fields.push(Field::Remember(need));
            }
        }
        fields.extend([
            Field::Summary,
            Field::Notes,
            Field::Tags,
            Field::FollowUps,
            Field::Ack,
            Field::Idea,
            Field::HandedOver,
            Field::FeedbackToMe,
        ]);
        fields
    }

    pub(crate) fn move_focus(&mut self, forward: bool) {
        if self.focus == Field::Person {
            self.take_picked();
        }
        self.carried.close_prompt();
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    /// Cycles a need: absent (or to raise) → met → concern → absent.
    pub fn toggle_need(&mut self, need: Need) {
        self.needs[need.index()] = self.needs[need.index()].next();
        if !self.is_noted(need) {
            // Untaken, the need takes its "remember" line with it: nothing to save it with.
            self.remember[need.index()] = None;
            if matches!(self.focus, Field::How(n) | Field::Remember(n) if n == need) {
                self.focus = Field::Needs;
            }
        }
        self.changed = true;
    }

    /// x on an open concern in the Carried block: met in this conversation, or, pressed
    /// again, left open. The same mark as the need's number on the needs line.
    pub(crate) fn toggle_concern_met(&mut self, need: Need) {
        self.needs[need.index()] = match self.needs[need.index()] {
            NeedMark::Met => NeedMark::Absent,
            _ => NeedMark::Met,
        };
        self.changed = true;
        self.errors.retain(|(f, _)| *f != Field::Carried);
    }

    /// Recomputes the people matching the typed name (fuzzy, best first).
    pub(crate) fn refresh_matches(&mut self, people: &[PersonSummary]) {
        let active = people.iter().filter(|p| !p.person.archived);
        let query = self.person_query.text().trim();
        self.matches = if query.is_empty() {
            active
                .map(|p| (p.person.id, p.person.name.clone()))
                .collect()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let mut buffer = Vec::new();
            let mut scored: Vec<(u32, i64, String)> = active
                .filter_map(|p| {
                    let score =
                        pattern.score(Utf32Str::new(&p.person.name, &mut buffer), &mut matcher)?;
                    Some((score, p.person.id, p.person.name.clone()))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
            scored.into_iter().map(|(_, id, name)| (id, name)).collect()
        };
        self.matches.truncate(MAX_PICKER_MATCHES);
        self.picked = list::clamped(self.picked, self.matches.len());
    }

    /// Whether the person picker is open: the focus is on the person and a name is being
    /// typed (or nobody is chosen yet).
    pub(crate) fn picker_open(&self) -> bool {
        self.focus == Field::Person && (self.person.is_none() || !self.person_query.is_empty())
    }

    /// The name typed in the picker when it matches nobody: Enter then adds that person.
    pub(crate) fn new_person_asked(&self) -> Option<String> {
        let typed = self.person_query.text().trim();
        (self.picker_open() && self.matches.is_empty() && !typed.is_empty())
            .then(|| typed.to_string())
    }

    /// Takes the person under the picker's cursor, if the leader typed something.
    fn take_picked(&mut self) {
        if (self.person.is_none() || !self.person_query.is_empty())
            && let Some((id, name)) = self.matches.get(self.picked).cloned()
        {
            if self.person.as_ref().map(|p| p.0) != Some(id) {
                self.changed = true;
            }
            self.person = Some((id, name));
            self.person_query.clear();
            self.errors.retain(|(f, _)| *f != Field::Person);
        }
    }

    /// A key for the focused field; returns true when the form's content changed.
    pub(crate) fn handle_key(&mut self, key: KeyEvent, people: &[PersonSummary]) -> bool {
        let changed = match self.focus {
            Field::Person => self.handle_person_key(key, people),
            Field::Kind => cycle_key(key, ConversationKind::ALL, &mut self.kind),
            Field::Stance => {
                let mut index = self
                    .stance
                    .map(|s| Stance::ALL.iter().position(|x| *x == s).unwrap_or(0) + 1)
                    .unwrap_or(0);
                let moved = step(key, &mut index, Stance::ALL.len() + 1);
                self.stance = index.checked_sub(1).map(|i| Stance::ALL[i]);
                moved
            }
            Field::Mood => self.handle_mood_key(key),
            Field::Needs => match key.code {
                KeyCode::Char(c @ '1'..='5') => {
                    self.toggle_need(Need::ALL[(c as usize) - ('1' as usize)]);
                    true
                }
                _ => false,
            },
            Field::Notes => {
                let before = self.notes.lines().to_vec();
                self.notes.input(key);
                before != self.notes.lines()
            }
            Field::FollowUps => self.handle_follow_up_key(key),
            // Enter in a one-line field goes on to the next field, as in any form.
            _ if key.code == KeyCode::Enter => {
                self.move_focus(true);
                false
            }
            field => self.line_mut(field).is_some_and(|input| input.handle(key)),
        };
        if changed {
            self.changed = true;
            self.errors.retain(|(f, _)| *f != self.focus);
        }
        changed
    }

    fn line_mut(&mut self, field: Field) -> Option<&mut LineInput> {
        Some(match field {
            Field::When => &mut self.when,
            Field::How(need) => &mut self.how[need.index()],
            Field::Remember(need) => self.remember[need.index()].as_mut()?,
            Field::Summary => &mut self.summary,
            Field::Tags => &mut self.tags,
            Field::Ack => &mut self.ack,
            Field::Idea => &mut self.idea,
            Field::HandedOver => &mut self.handed_over,
            Field::FeedbackToMe => &mut self.feedback_to_me,
            _ => return None,
        })
    }

    fn handle_person_key(&mut self, key: KeyEvent, people: &[PersonSummary]) -> bool {
        match key.code {
            KeyCode::Down => {
                list::step(&mut self.picked, 1, self.matches.len());
                false
            }
            KeyCode::Up => {
                list::step(&mut self.picked, -1, self.matches.len());
                false
            }
            KeyCode::Enter => {
                self.take_picked();
                if self.person.is_some() {
                    self.focus = Field::When;
                }
                true
            }
            _ => {
                let typed = self.person_query.handle(key);
                if typed {
                    self.picked = 0;
                    self.refresh_matches(people);
                }
                typed
            }
        }
    }

    fn handle_mood_key(&mut self, key: KeyEvent) -> bool {
        let before = self.mood;
        match key.code {
            KeyCode::Char(c @ '1'..='5') => self.mood = Some(c as u8 - b'0'),
            KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete => self.mood = None,
            KeyCode::Left | KeyCode::Char('-') => {
                self.mood = Some(self.mood.unwrap_or(4).saturating_sub(1).max(1))
            }
            KeyCode::Right | KeyCode::Char('+') => {
                self.mood = Some((self.mood.unwrap_or(2) + 1).min(5))
            }
            _ => {}
        }
        before != self.mood
    }

    fn handle_follow_up_key(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Enter => {
                let text = self.follow_up_input.text().trim().to_string();
                if text.is_empty() {
                    return false;
                }
                // The due date is read when saving; here only owner and text are split off.
                self.follow_ups.push(parse_follow_up_entry(&text));
                self.follow_up_input.clear();
                true
            }
            KeyCode::Backspace if self.follow_up_input.is_empty() => {
                self.follow_ups.pop().is_some()
            }
            _ => self.follow_up_input.handle(key),
        }
    }

    /// Builds the conversation, or says which fields are wrong and why.
    pub(crate) fn to_input(
        &self,
        now: NaiveDateTime,
    ) -> Result<ConversationInput, Vec<(Field, String)>> {
        let mut errors = Vec::new();
        let person_id = match &self.person {
            Some((id, _)) => Some(*id),
            None => {
                errors.push((Field::Person, "choose who you talked with".to_string()));
                None
            }
        };
        let happened_at = parse_when(self.when.text(), now)
            .map_err(|e| errors.push((Field::When, e.to_string())))
            .ok();
        let mut follow_ups = Vec::new();
        let mut pending = self.follow_ups.clone();
        if !self.follow_up_input.text().trim().is_empty() {
            pending.push(parse_follow_up_entry(self.follow_up_input.text()));
        }
        for mut item in pending {
            match split_due(&item.text, now.date()) {
                Ok((text, due)) => {
                    item.text = text;
                    item.due_on = item.due_on.or(due);
                    follow_ups.push(item);
                }
                Err(e) => errors.push((Field::FollowUps, e.to_string())),
            }
        }
        let (Some(person_id), Some(happened_at), true) =
            (person_id, happened_at, errors.is_empty())
        else {
            return Err(errors);
        };
        let optional =
            |input: &LineInput| Some(input.text().trim().to_string()).filter(|t| !t.is_empty());
        Ok(ConversationInput {
            person_id,
            happened_at,
            kind: self.kind,
            mood: self.mood.and_then(|m| Mood::new(i64::from(m))),
            stance: self.stance,
            summary: self.summary.text().to_string(),
            notes: self.notes_text(),
            needs: self.needs_noted(),
            tags: self
                .tags
                .text()
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            follow_ups,
            acknowledgement: optional(&self.ack),
            idea: optional(&self.idea),
        })
    }

    pub(crate) fn error_for(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }
}

/// "them: draft the plan @fri" → theirs, with the due word kept in the text until saving.
fn parse_follow_up_entry(text: &str) -> NewFollowUp {
    let (owner, rest) = split_owner(text, Owner::Me);
    NewFollowUp {
        owner,
        text: rest.to_string(),
        due_on: None,
    }
}

fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    TextArea::new(lines)
}

/// ←/→ (or h/l, space) step through choices; true when the index moved.
fn step(key: KeyEvent, index: &mut usize, count: usize) -> bool {
    let before = *index;
    match key.code {
        KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => *index = (*index + 1) % count,
        KeyCode::Left | KeyCode::Char('h') => *index = (*index + count - 1) % count,
        _ => {}
    }
    before != *index && !key.modifiers.contains(KeyModifiers::CONTROL)
}

fn cycle_key<T: Copy + PartialEq>(key: KeyEvent, all: &[T], value: &mut T) -> bool {
    let mut index = all.iter().position(|x| x == value).unwrap_or(0);
    let moved = step(key, &mut index, all.len());
    *value = all[index];
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2026-11-23 14:30", "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn follow_up_entries_know_owner_and_due_date() {
        let entry = parse_follow_up_entry("them: draft the plan @fri");
        assert_eq!(entry.owner, Owner::Them);
        let (text, due) = split_due(&entry.text, now().date()).unwrap();
        assert_eq!(text, "draft the plan");
        assert_eq!(due.unwrap().to_string(), "2026-11-27");
        let mine = parse_follow_up_entry("send the link to bob@example.com");
        assert_eq!(mine.owner, Owner::Me);
        assert_eq!(split_due(&mine.text, now().date()).unwrap().1, None);
    }

    #[test]
    fn the_form_refuses_without_a_person_and_with_a_bad_date() {
        let mut form = LogForm::default();
        form.when.set("2026-02-30");
        let errors = form.to_input(now()).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [Field::Person, Field::When]);
    }

    #[test]
    fn drafts_round_trip_every_field() {
        let mut form = LogForm::for_person(Some((3, "Priya".into())), &[Need::Autonomy, Need::Fun]);
        form.toggle_need(Need::Autonomy);
        form.toggle_need(Need::Security);
        form.toggle_need(Need::Security);
        form.how[Need::Autonomy.index()].set("chose the plan");
        form.how[Need::Security.index()].set("worried about pay");
        form.summary.set("Career chat");
        form.set_notes("line one\nline two");
        form.mood = Some(4);
        form.stance = Some(Stance::Leading);
        form.tags.set("growth, career");
        form.follow_ups
            .push(parse_follow_up_entry("send link @fri"));
        form.ack.set("calm in the outage");
        form.open_remember(Need::Autonomy);
        form.remember[Need::Autonomy.index()]
            .as_mut()
            .unwrap()
            .set("choosing the plan");
        form.handed_over.set("the release notes");
        let draft = form.to_draft();
        let back = LogForm::from_draft(
            &serde_json::from_str(&serde_json::to_string(&draft).unwrap()).unwrap(),
        );
        assert_eq!(back.to_draft(), draft);
        assert_eq!(back.needs[Need::Fun.index()], NeedMark::ToRaise);
        let input = back.to_input(now()).unwrap();
        let saved: Vec<(Need, NeedState)> = input.needs.iter().map(|n| (n.need, n.state)).collect();
        assert_eq!(
            saved,
            [
                (Need::Autonomy, NeedState::Met),
                (Need::Security, NeedState::Concern)
            ]
        );
        assert_eq!(input.tags, ["growth", "career"]);
        assert_eq!(
            input.follow_ups[0].due_on.unwrap().to_string(),
            "2026-11-27"
        );
        assert_eq!(input.notes, "line one\nline two");
        assert_eq!(
            back.meets_noted(),
            [(Need::Autonomy, "choosing the plan".to_string())]
        );
        assert_eq!(back.handed_over_text(), Some("the release notes"));
    }

    #[test]
    fn how_lines_follow_ticked_needs_in_tab_order() {
        let mut form = LogForm::for_person(Some((1, "A".into())), &[]);
        form.toggle_need(Need::Fun);
        form.toggle_need(Need::Competence);
        let fields = form.fields();
        let after_needs: Vec<Field> = fields
            .iter()
            .skip_while(|f| **f != Field::Needs)
            .skip(1)
            .take(3)
            .copied()
            .collect();
        assert_eq!(
            after_needs,
            [
                Field::How(Need::Competence),
                Field::How(Need::Fun),
                Field::Summary
            ]
        );
    }
}
