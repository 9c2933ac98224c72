//! The words of the keymap: the screens in tab order, the contexts keys are read in, and the
//! actions a key can stand for.

use crate::domain::Need;

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Today,
    People,
    Log,
    Timeline,
    Gaps,
    Week,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Today,
        Screen::People,
        Screen::Log,
        Screen::Timeline,
        Screen::Gaps,
        Screen::Week,
    ];

    pub(crate) fn title(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::People => "People",
            Screen::Log => "Log",
            Screen::Timeline => "Timeline",
            Screen::Gaps => "Gaps",
            Screen::Week => "Week",
        }
    }

    /// The digit that jumps to the screen, as shown in the tab bar.
    pub fn key(self) -> char {
        match self {
            Screen::Today => '1',
            Screen::People => '2',
            Screen::Log => '3',
            Screen::Timeline => '4',
            Screen::Gaps => '5',
            Screen::Week => '6',
        }
    }
}

/// Where the keyboard is: decides which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Today,
    People,
    /// Typing into the People filter.
    PeopleFilter,
    /// The conversation form.
    Log,
    /// A small form in a popup (a person's profile, an aspiration).
    Form,
    /// The Week screen, moving between weeks.
    Week,
    /// Writing the week's reflection or rating its balance, in place on the Week screen.
    WeekEdit,
    /// A yes/no question.
    Confirm,
    Help,
    Timeline,
    /// Typing the Timeline's filter line.
    TimelineFilter,
    Gaps,
    /// The 1:1 preparation sheet over a screen.
    Prep,
    /// Typing, on the prep sheet, the answer to what is still unknown about them.
    PrepAnswer,
    /// A past conversation, read-only, over a screen.
    Conversation,
    /// Typing a search, results below.
    Search,
    /// One person's trends over a screen.
    Trends,
    /// The texts edited on two devices (a journal that syncs), over a screen.
    Conflicts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-C: quit from anywhere, keeping an open form as a draft.
    ForceQuit,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    Help,
    Close,
    NextScreen,
    PrevScreen,
    GoTo(Screen),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Left,
    Right,
    Activate,
    LogConversation,
    FollowUpDone,
    Filter,
    ToggleArchived,
    AddPerson,
    EditPerson,
    ArchivePerson,
    /// Pause (or resume) the selected person's 1:1s.
    PausePerson,
    /// Delete the selected item of the detail (asks first).
    DeleteItem,
    AddAspiration,
    UpdateAspiration,
    Save,
    NextField,
    PrevField,
    ToggleNeed(Need),
    OpenEditor,
    /// Log: put the next question from the bank into the notes, remembered as asked.
    AskQuestion,
    /// Log: on a ticked need, a line for what meets it for this person, kept beyond the
    /// conversation.
    RememberNeed,
    /// Prep: answer what is still unknown about the person (their profile, an aspiration).
    Answer,
    /// Week: back to the week holding today.
    ThisWeek,
    /// Week: rate the balance self-check.
    EditBalance,
    Yes,
    No,
    /// Open the search from any screen.
    Search,
    /// Show the preparation sheet for the selected person.
    Prep,
    /// Show the selected person's timeline.
    PersonTimeline,
    /// Show the selected person's trends over months.
    Trends,
    /// On the prep sheet: answer the oldest idea waiting for an answer.
    AnswerIdea,
    /// Cycle the Timeline's need filter through the five needs and back to all.
    CycleNeed,
    ClearFilter,
    /// Show or hide the per-person 1:1 strips.
    ToggleStrips,
    /// Edit what is shown (a conversation opened read-only, a follow-up on Today).
    Edit,
    /// Note a talking point for the selected person's next 1:1.
    RaiseTalkingPoint,
    /// Take back the follow-up just ticked with x.
    Undo,
    /// Open the conflicts: texts edited on two devices.
    Conflicts,
    /// In the conflicts: the record takes the other device's version.
    TakeOtherVersion,
    /// In the conflicts: the record keeps its version, the other is dropped.
    KeepThisVersion,
}
