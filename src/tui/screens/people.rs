//! People: the list with each person's rhythm and needs strip, and a detail pane with the
//! profile, aspirations, open follow-ups and recent conversations.

use chrono::NaiveDate;

use crate::domain::{Acknowledgement, Aspiration, Conversation, FollowUp, Idea, TalkingPoint};
use crate::insights::freshness;
use crate::store::{FollowUpFilter, PersonSummary, Record, Result, Store, Which};
use crate::tui::forms::kind::FormKind;
use crate::tui::keymap::Action;
use crate::tui::keymap::Screen;
use crate::tui::overlays::confirm::Question;
use crate::tui::request::{self, Request, Shared};
use crate::tui::target::Target;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::list::{self, PAGE};

/// The detail lists this many of the person's latest conversations: enough to fill the
/// pane on a tall terminal, where fewer left its lower half empty.
const DETAIL_CONVERSATIONS: usize = 30;
/// The detail lists this many of the person's latest acknowledgements.
const DETAIL_ACKNOWLEDGEMENTS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

/// What a row of the detail pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailItem {
    Aspiration(usize),
    /// The latest progress note of the aspiration at this place.
    Progress(usize),
    /// The note in force on what meets one need.
    Meets(usize),
    Delegation(usize),
    FollowUp(usize),
    TalkingPoint(usize),
    Idea(usize),
    Acknowledgement(usize),
    Conversation(usize),
}

#[derive(Debug, Default)]
pub struct PersonDetail {
    pub person_id: i64,
    pub aspirations: Vec<Aspiration>,
    pub follow_ups: Vec<FollowUp>,
    /// Still to raise, oldest first.
    pub talking_points: Vec<TalkingPoint>,
    /// Newest first, answered or not.
    pub ideas: Vec<Idea>,
    /// The last few, newest first.
    pub acknowledgements: Vec<Acknowledgement>,
    pub conversations: Vec<Conversation>,
    /// What meets each need for them, the note in force per need.
    pub(crate) meets: Vec<crate::domain::MeetsNeed>,
    /// What the leader handed over to them, not checked yet first.
    pub(crate) delegations: Vec<crate::domain::Delegation>,
}

impl PersonDetail {
    pub fn items(&self) -> Vec<DetailItem> {
        (0..self.aspirations.len())
            .flat_map(|i| {
                let noted = !self.aspirations[i].updates.is_empty();
                std::iter::once(DetailItem::Aspiration(i))
                    .chain(noted.then_some(DetailItem::Progress(i)))
            })
            .chain((0..self.meets.len()).map(DetailItem::Meets))
            .chain((0..self.delegations.len()).map(DetailItem::Delegation))
            .chain((0..self.follow_ups.len()).map(DetailItem::FollowUp))
            .chain((0..self.talking_points.len()).map(DetailItem::TalkingPoint))
            .chain((0..self.ideas.len()).map(DetailItem::Idea))
            .chain((0..self.acknowledgements.len()).map(DetailItem::Acknowledgement))
            .chain((0..self.conversations.len()).map(DetailItem::Conversation))
            .collect()
    }

    /// Adds the record asked for when the detail does not list it, so that it can be
    /// selected: an acknowledgement older than the latest few, a follow-up already done, a
    /// talking point already discussed (as a search finds them).
    fn join(&mut self, (record, id): (Record, i64), person_id: i64, store: &Store) {
        let listed = self
            .items()
            .into_iter()
            .any(|row| self.record(row) == Some((record, id)));
        if listed {
            return;
        }
        match record {
            Record::Acknowledgement => {
                if let Ok(ack) = store.acknowledgement(id)
                    && ack.person_id == person_id
                {
                    self.acknowledgements.push(ack);
                }
            }
            Record::FollowUp => {
                if let Ok(follow_up) = store.follow_up(id)
                    && follow_up.person_id == person_id
                {
                    self.follow_ups.push(follow_up);
                }
            }
            Record::TalkingPoint => {
                if let Ok(point) = store.talking_point(id)
                    && point.person_id == person_id
                {
                    self.talking_points.push(point);
                }
            }
            _ => {}
        }
    }

    /// The record a detail row shows, for deleting it.
    pub(crate) fn record(&self, item: DetailItem) -> Option<(Record, i64)> {
        self.held(item).map(|(record, which)| (record, which.id))
    }

    /// The record under the cursor with its UUID, for a change that must reach that very
    /// record (a delete asked about, a tick) and no other that took its number.
    pub(crate) fn held(&self, item: DetailItem) -> Option<(Record, Which)> {
        match item {
            DetailItem::Aspiration(i) => self
                .aspirations
                .get(i)
                .map(|a| (Record::Aspiration, Which::held(a.id, a.uuid))),
            DetailItem::Progress(i) => self
                .aspirations
                .get(i)
                .and_then(|a| a.updates.last())
                .map(|u| (Record::AspirationUpdate, Which::held(u.id, u.uuid))),
            DetailItem::Meets(i) => self
                .meets
                .get(i)
                .map(|m| (Record::MeetsNeed, Which::held(m.id, m.uuid))),
            DetailItem::Delegation(i) => self
                .delegations
                .get(i)
                .map(|d| (Record::Delegation, Which::held(d.id, d.uuid))),
            DetailItem::FollowUp(i) => self
                .follow_ups
                .get(i)
                .map(|f| (Record::FollowUp, Which::held(f.id, f.uuid))),
            DetailItem::TalkingPoint(i) => self
                .talking_points
                .get(i)
                .map(|t| (Record::TalkingPoint, Which::held(t.id, t.uuid))),
            DetailItem::Idea(i) => self
                .ideas
                .get(i)
                .map(|x| (Record::Idea, Which::held(x.id, x.uuid))),
            DetailItem::Acknowledgement(i) => self
                .acknowledgements
                .get(i)
                .map(|a| (Record::Acknowledgement, Which::held(a.id, a.uuid))),
            DetailItem::Conversation(i) => self
                .conversations
                .get(i)
                .map(|c| (Record::Conversation, Which::held(c.id, c.uuid))),
        }
    }
}

#[derive(Debug, Default)]
pub struct PeopleScreen {
    pub today: Option<NaiveDate>,
    /// The leader's freshness thresholds, for the need strips.
    pub thresholds: freshness::Thresholds,
    pub filter: LineInput,
    pub filtering: bool,
    pub show_archived: bool,
    /// Positions in the app's people list that pass the filter.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub focus: Focus,
    pub detail: Option<PersonDetail>,
    pub detail_selected: usize,
    /// The details of the people next to the selected one, read while the interface waits
    /// for keys ([`PeopleScreen::read_ahead`]), so that a move reads nothing. Forgotten
    /// whenever the journal changes (a forced [`PeopleScreen::load_detail`]).
    pub ahead: Vec<PersonDetail>,
}

impl PeopleScreen {
    /// Recomputes which people show, keeping the selected person selected when possible.
    pub fn refilter(&mut self, people: &[PersonSummary]) {
        let keep = self
            .selected_index()
            .and_then(|i| people.get(i))
            .map(|p| p.person.id);
        let needle = self.filter.text().trim().to_lowercase();
        self.visible = people
            .iter()
            .enumerate()
            .filter(|(_, p)| self.show_archived || !p.person.archived)
            .filter(|(_, p)| {
                needle.is_empty()
                    || p.person.name.to_lowercase().contains(&needle)
                    || p.person.role.to_lowercase().contains(&needle)
                    || p.person.team.to_lowercase().contains(&needle)
                    // "roving", "★": the roving leaders, whatever their name or role.
                    || (p.person.roving_leader
                        && (needle == "★"
                            || (needle.len() >= 3
                                && "roving leader".starts_with(needle.as_str()))))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = keep
            .and_then(|id| self.visible.iter().position(|&i| people[i].person.id == id))
            .map_or(0, |at| list::clamped(at, self.visible.len()));
    }

    /// Position in the app's people list of the selected person.
    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Loads the detail pane for the selected person (only when it changed).
    pub fn load_detail(
        &mut self,
        store: &Store,
        people: &[PersonSummary],
        force: bool,
    ) -> Result<()> {
        if force {
            self.ahead.clear();
        }
        let Some(person) = self.selected_index().and_then(|i| people.get(i)) else {
            self.detail = None;
            return Ok(());
        };
        let id = person.person.id;
        if !force && self.detail.as_ref().is_some_and(|d| d.person_id == id) {
            return Ok(());
        }
        let ready = self
            .ahead
            .iter()
            .position(|d| d.person_id == id)
            .map(|at| self.ahead.swap_remove(at));
        let detail = match ready {
            Some(detail) => detail,
            None => read_detail(store, id)?,
        };
        self.detail_selected = list::clamped(self.detail_selected, detail.items().len());
        if !force {
            self.detail_selected = 0;
        }
        // The person left is the one a step back shows: kept, it is not read again.
        if let Some(left) = self.detail.replace(detail)
            && !force
            && left.person_id != id
        {
            self.ahead.push(left);
        }
        Ok(())
    }

    /// Reads the detail of one person next to the selected one (after, then before) that
    /// is not read yet, and forgets those no longer next to it. True when it read one.
    pub(crate) fn read_ahead(&mut self, store: &Store, people: &[PersonSummary]) -> Result<bool> {
        let around = |step: isize| {
            self.selected
                .checked_add_signed(step)
                .and_then(|at| self.visible.get(at))
                .and_then(|&i| people.get(i))
                .map(|p| p.person.id)
        };
        let next_to: Vec<i64> = [around(1), around(-1)].into_iter().flatten().collect();
        self.ahead.retain(|d| next_to.contains(&d.person_id));
        let shown = self.detail.as_ref().map(|d| d.person_id);
        let Some(&id) = next_to
            .iter()
            .find(|&&id| Some(id) != shown && self.ahead.iter().all(|d| d.person_id != id))
        else {
            return Ok(false);
        };
        self.ahead.push(read_detail(store, id)?);
        Ok(true)
    }

    pub fn selected_item(&self) -> Option<DetailItem> {
        if self.focus != Focus::Detail {
            return None;
        }
        self.detail
            .as_ref()?
            .items()
            .get(self.detail_selected)
            .copied()
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        match self.focus {
            Focus::List => {
                list::step(&mut self.selected, delta, self.visible.len());
            }
            Focus::Detail => {
                let len = self.detail.as_ref().map(|d| d.items().len()).unwrap_or(0);
                list::step(&mut self.detail_selected, delta, len);
            }
        }
    }
}

/// Everything the detail pane shows of one person.
fn read_detail(store: &Store, id: i64) -> Result<PersonDetail> {
    Ok(PersonDetail {
        person_id: id,
        aspirations: store.aspirations(Some(id))?,
        follow_ups: store.follow_ups(FollowUpFilter {
            person_id: Some(id),
            open_only: true,
        })?,
        talking_points: store.talking_points(crate::store::TalkingPointFilter {
            person_id: Some(id),
            open_only: true,
        })?,
        ideas: store.ideas(Some(id))?,
        acknowledgements: store.acknowledgements(id, DETAIL_ACKNOWLEDGEMENTS)?,
        conversations: store.recent_conversations(id, DETAIL_CONVERSATIONS)?,
        meets: store.what_meets(Some(id))?,
        delegations: store.delegations(Some(id), false)?,
    })
}

/// What the keys do on People.
impl PeopleScreen {
    fn selected_person<'a>(&self, people: &'a [PersonSummary]) -> Option<&'a PersonSummary> {
        self.selected_index().and_then(|i| people.get(i))
    }

    pub(crate) fn update(&mut self, action: Action, shared: &mut Shared) -> Vec<Request> {
        let people = shared.people;
        let requests = match action {
            Action::Down => self.move_selection_by(1),
            Action::Up => self.move_selection_by(-1),
            Action::PageDown => self.move_selection_by(PAGE),
            Action::PageUp => self.move_selection_by(-PAGE),
            Action::Top => self.move_selection_by(-isize::MAX),
            Action::Bottom => self.move_selection_by(isize::MAX),
            Action::Right if self.detail.as_ref().is_some_and(|d| !d.items().is_empty()) => {
                self.focus = Focus::Detail;
                vec![]
            }
            Action::Left => {
                self.focus = Focus::List;
                vec![]
            }
            Action::Filter => {
                self.filtering = true;
                vec![]
            }
            Action::Close => {
                self.filtering = false;
                vec![]
            }
            Action::No => {
                self.filtering = false;
                self.filter.clear();
                self.refilter(people);
                vec![]
            }
            Action::ToggleArchived => {
                self.show_archived = !self.show_archived;
                self.refilter(people);
                vec![]
            }
            Action::AddPerson => vec![Request::OpenForm(FormKind::Person(None))],
            Action::EditPerson => match (self.selected_item(), &self.detail) {
                (Some(DetailItem::FollowUp(i)), Some(detail)) => detail
                    .follow_ups
                    .get(i)
                    .map(|f| vec![Request::OpenForm(FormKind::FollowUp(Box::new(f.clone())))])
                    .unwrap_or_default(),
                (Some(item @ (DetailItem::Meets(_) | DetailItem::Delegation(_))), Some(detail)) => {
                    leaders_side_form(detail, item)
                }
                _ => self
                    .selected_person(people)
                    .map(|p| {
                        vec![Request::OpenForm(FormKind::Person(Some(Box::new(
                            p.person.clone(),
                        ))))]
                    })
                    .unwrap_or_default(),
            },
            Action::RaiseTalkingPoint => self
                .selected_person(people)
                .map(|p| {
                    vec![Request::OpenForm(FormKind::TalkingPoint {
                        person_id: p.person.id,
                        name: p.person.name.clone(),
                    })]
                })
                .unwrap_or_default(),
            Action::ArchivePerson => self
                .selected_person(people)
                .map(|p| {
                    vec![Request::Ask(Question::Archive {
                        person: Which::held(p.person.id, p.person.uuid),
                        name: p.person.name.clone(),
                        archive: !p.person.archived,
                    })]
                })
                .unwrap_or_default(),
            Action::PausePerson => self
                .selected_person(people)
                .map(|p| {
                    vec![Request::OpenForm(FormKind::Pause {
                        person: Box::new(p.person.clone()),
                        today: shared.store.today(),
                    })]
                })
                .unwrap_or_default(),
            Action::DeleteItem => {
                let chosen = self
                    .selected_item()
                    .zip(self.detail.as_ref())
                    .and_then(|(item, detail)| detail.held(item));
                match chosen {
                    Some((record, which)) => {
                        match crate::views::records::describe(shared.store, record, which.id) {
                            Ok(what) => vec![Request::Ask(Question::Delete {
                                record,
                                which,
                                what,
                            })],
                            Err(e) => request::complain(e.to_string()),
                        }
                    }
                    None => {
                        request::say("Move into the detail (→) and choose what to delete first.")
                    }
                }
            }
            Action::AddAspiration => self
                .selected_person(people)
                .map(|p| {
                    vec![Request::OpenForm(FormKind::NewAspiration(Box::new(
                        p.person.clone(),
                    )))]
                })
                .unwrap_or_default(),
            Action::UpdateAspiration => self.open_aspiration_update(),
            Action::FollowUpDone
                if matches!(self.selected_item(), Some(DetailItem::TalkingPoint(_))) =>
            {
                self.tick_talking_point(shared)
            }
            Action::FollowUpDone => {
                let chosen = match (self.selected_item(), &self.detail) {
                    (Some(DetailItem::FollowUp(i)), Some(detail)) => detail.follow_ups.get(i),
                    _ => None,
                };
                match chosen {
                    // One a search opened on: ticking it again would change nothing.
                    Some(f) if !f.is_open() => request::say("That follow-up is already done."),
                    Some(f) => vec![Request::FollowUpDone(Which::held(f.id, f.uuid))],
                    None => request::say("Move into the detail (→) and choose a follow-up first."),
                }
            }
            Action::Activate => self.activate(people),
            Action::Prep => vec![Request::OpenPrep(
                self.selected_person(people).map(|p| p.person.id),
            )],
            Action::Trends => match self.selected_person(people) {
                Some(p) => vec![Request::OpenTrends(p.person.id)],
                None => request::say("Choose a person first."),
            },
            Action::PersonTimeline => vec![Request::ShowTimelineOf(
                self.selected_person(people)
                    .map(|p| (p.person.id, p.person.name.clone())),
            )],
            _ => vec![],
        };
        let mut requests = requests;
        if self.focus == Focus::List {
            requests.extend(self.refresh_detail(shared));
        }
        requests
    }

    fn move_selection_by(&mut self, delta: isize) -> Vec<Request> {
        self.move_selection(delta);
        vec![]
    }

    /// x on a talking point: discussed today, outside any conversation.
    fn tick_talking_point(&mut self, shared: &mut Shared) -> Vec<Request> {
        let chosen = match (self.selected_item(), &self.detail) {
            (Some(DetailItem::TalkingPoint(i)), Some(detail)) => detail.talking_points.get(i),
            _ => None,
        };
        let which = match chosen {
            Some(t) if !t.is_open() => return request::say("That point is already discussed."),
            Some(t) => Which::held(t.id, t.uuid),
            None => return vec![],
        };
        match shared.store.tick_talking_point(which, true) {
            Ok(point) => vec![
                Request::Say(format!(
                    "Discussed: {}",
                    crate::views::text::printable(&point.text)
                )),
                Request::Reload,
            ],
            Err(e) => request::complain(e.to_string()),
        }
    }

    /// Enter: the item of the detail under the cursor, or a 1:1 with the person.
    fn activate(&mut self, people: &[PersonSummary]) -> Vec<Request> {
        let item = self.selected_item();
        let detail = self.detail.as_ref();
        match (item, detail) {
            (Some(DetailItem::Conversation(i)), Some(detail)) => detail
                .conversations
                .get(i)
                .map(|c| vec![Request::Open(Target::Conversation(c.id))])
                .unwrap_or_default(),
            (Some(DetailItem::Aspiration(_) | DetailItem::Progress(_)), _) => {
                self.open_aspiration_update()
            }
            (Some(DetailItem::Idea(i)), Some(detail)) => detail
                .ideas
                .get(i)
                .map(|idea| {
                    vec![Request::OpenForm(FormKind::AnswerIdea(Box::new(
                        idea.clone(),
                    )))]
                })
                .unwrap_or_default(),
            (Some(item @ (DetailItem::Meets(_) | DetailItem::Delegation(_))), Some(detail)) => {
                leaders_side_form(detail, item)
            }
            (Some(DetailItem::TalkingPoint(_)), _) => request::say(
                "x ticks a talking point discussed; the Log form ticks it in the conversation.",
            ),
            (Some(DetailItem::Acknowledgement(_)), _) => {
                request::say("D deletes an acknowledgement written in error.")
            }
            (Some(DetailItem::FollowUp(i)), Some(detail)) => detail
                .follow_ups
                .get(i)
                .map(|f| vec![Request::FollowUpDone(Which::held(f.id, f.uuid))])
                .unwrap_or_default(),
            _ => self
                .selected_person(people)
                .filter(|p| !p.person.archived)
                .map(|p| {
                    vec![Request::StartLog {
                        person: Some((p.person.id, p.person.name.clone())),
                        needs: vec![],
                    }]
                })
                .unwrap_or_default(),
        }
    }

    /// Reads the detail pane again when the selected person changed.
    pub(crate) fn refresh_detail(&mut self, shared: &mut Shared) -> Vec<Request> {
        match self.load_detail(shared.store, shared.people, false) {
            Ok(()) => vec![],
            Err(e) => request::complain(e.to_string()),
        }
    }

    /// Selects the person at `index` of the people list, when the filter shows them.
    pub(crate) fn select_index(&mut self, index: usize, shared: &mut Shared) -> Vec<Request> {
        match self.visible.iter().position(|&i| i == index) {
            Some(at) => {
                self.selected = at;
                self.refresh_detail(shared)
            }
            None => vec![],
        }
    }

    /// Selects a person (bringing archived people into view when needed), and the item of
    /// their detail when given (an aspiration, a follow-up, an idea…), then shows People.
    pub(crate) fn show(
        &mut self,
        person_id: i64,
        item: Option<(Record, i64)>,
        shared: &mut Shared,
    ) -> Vec<Request> {
        let people = shared.people;
        let Some(index) = people.iter().position(|p| p.person.id == person_id) else {
            return request::complain("That person is no longer in the journal.");
        };
        if people[index].person.archived {
            self.show_archived = true;
        }
        self.filtering = false;
        self.filter.clear();
        self.refilter(people);
        self.selected = self.visible.iter().position(|&i| i == index).unwrap_or(0);
        self.focus = Focus::List;
        let mut requests = self.refresh_detail(shared);
        if let (Some(asked), Some(detail)) = (item, &mut self.detail) {
            detail.join(asked, person_id, shared.store);
        }
        if let Some(detail) = &self.detail {
            let at = detail
                .items()
                .into_iter()
                .position(|row| item.is_some() && detail.record(row) == item);
            if let Some(at) = at {
                self.focus = Focus::Detail;
                self.detail_selected = at;
            }
        }
        requests.push(Request::GoTo(Screen::People));
        requests
    }

    fn open_aspiration_update(&self) -> Vec<Request> {
        let aspiration = match (self.selected_item(), &self.detail) {
            (Some(DetailItem::Aspiration(i) | DetailItem::Progress(i)), Some(detail)) => {
                detail.aspirations.get(i)
            }
            _ => None,
        };
        let Some(aspiration) = aspiration else {
            return request::say("Move into the detail (→) and choose an aspiration first.");
        };
        vec![Request::OpenForm(FormKind::AspirationProgress(Box::new(
            aspiration.clone(),
        )))]
    }
}

/// e or Enter on a note on what meets a need (note it anew) or on something handed over
/// (check how it turned out).
fn leaders_side_form(detail: &PersonDetail, item: DetailItem) -> Vec<Request> {
    let kind = match item {
        DetailItem::Meets(i) => detail
            .meets
            .get(i)
            .map(|note| FormKind::MeetsNeed(Box::new(note.clone()))),
        DetailItem::Delegation(i) => detail
            .delegations
            .get(i)
            .map(|d| FormKind::CheckDelegation(Box::new(d.clone()))),
        _ => None,
    };
    kind.map(|kind| vec![Request::OpenForm(kind)])
        .unwrap_or_default()
}
