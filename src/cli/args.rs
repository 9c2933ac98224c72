//! What the command line accepts. Doc comments here are the `--help` texts.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueHint};

use crate::config::ThemeName;
use crate::domain::{
    AspirationStatus, ConversationKind, IdeaStatus, Mood, Need, Outcome, Owner, Pair, ProfileText,
    Stance,
};
use crate::export::arrive::jrnl::PersonBy;

/// Marks an argument that names someone in the journal. clap has no hint of its own for
/// that; the user-name hint is the nearest, and the completion scripts (`completions.rs`)
/// swap the shell's list of the system's users for `rapport complete people`.
pub(super) const PERSON: ValueHint = ValueHint::Username;

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "A coaching journal for people leaders: 1:1s, the five needs, follow-ups.",
    long_about = "A coaching journal for people leaders.\n\nLog your 1:1 conversations, tag which of \
                  the five basic needs each one addressed (competence, belonging, autonomy, fun, \
                  security), keep your follow-ups and see who needs you next.\n\nWith no command, \
                  Rapport opens its terminal interface (Today, People, Log, Timeline, Gaps, Week; \
                  ? lists the keys); when its output is not a terminal it prints who is due for \
                  a 1:1 today instead.",
    after_help = "Exit codes: 0 ok, 1 the command could not be carried out, 2 the command line was wrong."
)]
pub struct Cli {
    /// The journal file (default: rapport/rapport.db in your data folder)
    #[arg(long, global = true, env = "RAPPORT_DB", value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,

    /// Use the demo journal (rapport/demo.db beside yours), never your own
    #[arg(long)]
    pub(crate) demo: bool,

    /// Read the settings from this file instead of rapport/config.toml in your config folder
    #[arg(long, global = true, env = "RAPPORT_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// The interface's colours, over the settings' `theme` (NO_COLOR always means mono)
    #[arg(long, ignore_case = true, value_parser = words(&ThemeName::CHOICES, ThemeName::key))]
    pub(crate) theme: Option<ThemeName>,

    /// Leave the mouse to the terminal (its own selection and scrolling) in the interface
    #[arg(long)]
    pub(crate) no_mouse: bool,

    /// Read an encrypted journal's passphrase from this file (for scripts; keep it private).
    /// Without it, Rapport asks at the terminal. A passphrase is never given as an argument.
    #[arg(
        long,
        global = true,
        env = "RAPPORT_PASSPHRASE_FILE",
        value_name = "FILE"
    )]
    pub(crate) passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Add, list, show, edit and archive the people you lead
    Person {
        #[command(subcommand)]
        action: PersonCommand,
    },
    /// Log a conversation (a 1:1, a check-in…) with someone
    Log(LogArgs),
    /// Correct or delete a conversation already logged
    Conversation {
        #[command(subcommand)]
        action: ConversationCommand,
    },
    /// Keep the promises made in conversations, yours and theirs
    Followup {
        #[command(subcommand)]
        action: FollowupCommand,
    },
    /// Track what each person hopes for, and their progress
    Aspiration {
        #[command(subcommand)]
        action: AspirationCommand,
    },
    /// Record what you acknowledged someone for
    Ack(AckArgs),
    /// Record an idea someone brought you, and your answer
    Idea(IdeaArgs),
    /// Note something to bring up at your next 1:1 with someone (a talking point)
    Raise(RaiseArgs),
    /// Record what someone told you about your leading, and list, correct or delete it
    Feedback {
        #[command(subcommand)]
        action: FeedbackCommand,
    },
    /// Note what meets a need for someone (pairing, a lunch, being asked first), kept with
    /// its history; list what you noted
    Meets(MeetsArgs),
    /// Note something you handed over to someone, and later whether it stuck or came back
    /// to you
    Delegate(DelegateArgs),
    /// The story of the future: a few short statements of where the team is going
    Direction {
        #[command(subcommand)]
        action: DirectionCommand,
    },
    /// Dates to acknowledge for someone (back from leave, a birthday they chose to share),
    /// once or every year; work anniversaries come from their start date
    Moment {
        #[command(subcommand)]
        action: MomentCommand,
    },
    /// Who is due for a 1:1 and which follow-ups are due
    Today(JsonFlag),
    /// Check the journal's integrity, schema version and size; exit 1 if it is not ok
    Check(JsonFlag),
    /// Fill a journal with a made-up team to try Rapport on
    Demo(DemoArgs),
    /// Search what you wrote: conversations, needs, tags, aspirations, acknowledgements, ideas, reflections
    Search(SearchArgs),
    /// Copy the journal to a checked backup file, or list the backups
    Backup(BackupArgs),
    /// Replace the journal with a backup; the journal as it was is kept as a safety copy
    Restore(RestoreArgs),
    /// Keep this journal in step with your other devices through a folder you already sync
    /// (Syncthing, Dropbox, a network share, a git repository): `sync` alone syncs now
    Sync(SyncArgs),
    /// Encrypt the journal and its backups with a passphrase. Without the passphrase nothing
    /// can be read back: there is no recovery (see docs/security.md)
    Encrypt(NewPassphraseArgs),
    /// Turn an encrypted journal and its backups back into plain SQLite files
    Decrypt,
    /// Give an encrypted journal and its backups a new passphrase
    Rekey(NewPassphraseArgs),
    /// Keep an encrypted journal's passphrase for a while (Linux kernel keyring, never on
    /// disk), so that commands and the interface stop asking for it
    Unlock(UnlockArgs),
    /// Forget the passphrase `rapport unlock` kept: the next command asks for it again
    Lock,
    /// Write the journal as JSON (complete, re-importable), Markdown or CSV
    Export(ExportArgs),
    /// Add what a JSON export holds and the journal does not have yet
    Import(ImportArgs),
    /// Write the coming 1:1s and the follow-ups you owe as an iCalendar file to subscribe to
    Calendar(CalendarArgs),
    /// A dossier on one person over a period, for review season: Markdown or one HTML file
    Review(ReviewArgs),
    /// Everything that happened, newest first, grouped by week
    Timeline(TimelineArgs),
    /// People × the five needs: where each relationship is thin, worst first
    Gaps(JsonFlag),
    /// One week against the week before, with your reflection
    Week(WeekArgs),
    /// Write your reflection on a week and the leading–managing self-check
    Reflect(ReflectArgs),
    /// What to pick up with someone before a 1:1
    Prep(PrepArgs),
    /// One person over months: mood, each need, 1:1s held against expected, promises kept
    Trends(TrendsArgs),
    /// The questions Rapport offers per need and per guide, and where each comes from (yours
    /// in questions.toml beside the settings file, or built in)
    Questions(QuestionsArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell to write the script for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. rapport man > ~/.local/share/man/man1/rapport.1
    Man,
    /// Where the settings are read from, what is in force, and a file to start from
    Config {
        #[command(subcommand)]
        action: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// The settings file Rapport reads, and whether it exists
    Path,
    /// Every setting in force, and where it came from (the file and line, or the default)
    Show,
    /// A commented settings file with every default, to start from
    Default,
}

#[derive(Debug, Args)]
pub(crate) struct JsonFlag {
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PersonCommand {
    /// Add someone you lead
    Add {
        /// Their name, as you want to see it everywhere
        // A new person's name: never a file to complete.
        #[arg(value_hint = ValueHint::Other)]
        name: String,
        #[command(flatten)]
        profile: ProfileArgs,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List people with their last 1:1 and when the next is due
    List {
        /// Include archived people
        #[arg(long)]
        all: bool,
        /// Only the roving leaders: the people others already follow
        #[arg(long)]
        roving: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Add the people a team roster names (CSV: name, role, team, cadence, start date);
    /// people already in the journal are skipped
    Import {
        /// A CSV file saved from a spreadsheet, or - for standard input
        #[arg(value_name = "FILE.csv|-", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// Only say who would be added
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show one person's profile, aspirations, follow-ups and recent conversations
    Show {
        /// A name, or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change someone's profile
    Edit(PersonEditArgs),
    /// Archive someone: their history stays, they leave the daily views
    Archive {
        /// A name, or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        /// Bring an archived person back instead
        #[arg(long)]
        undo: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Pause someone's 1:1s (leave, a sabbatical): until the day they are back they are
    /// shown as paused, never as overdue
    Pause {
        /// A name, or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        /// The day they are back, when their next 1:1 is due (a date such as 2027-01-11,
        /// a weekday, or +30 for thirty days from today)
        #[arg(long, value_hint = ValueHint::Other)]
        until: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// End someone's pause today: their next 1:1 is due again
    Resume {
        /// A name, or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub(crate) struct PersonEditArgs {
    /// A name, or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub name: String,
    /// A new name
    #[arg(long = "name", value_name = "NAME", value_hint = ValueHint::Other)]
    pub new_name: Option<String>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// The profile a person is added with (`person add`) or changed to (`person edit`): one set of
/// flags, so whatever can be edited can be given from the start.
#[derive(Debug, Args)]
pub(crate) struct ProfileArgs {
    /// Their role, e.g. "Backend engineer"
    #[arg(long)]
    pub role: Option<String>,
    /// Their team
    #[arg(long)]
    pub team: Option<String>,
    /// Days between 1:1s (1 to 365; 14 for someone new)
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<u32>,
    /// When they started (a date such as 2024-03-01), or "none"
    #[arg(long, value_name = "DATE")]
    pub started: Option<String>,
    /// What they are good at
    #[arg(long)]
    pub strengths: Option<String>,
    /// What drives them
    #[arg(long)]
    pub motivations: Option<String>,
    /// What they want to be acknowledged for
    #[arg(long, value_name = "TEXT")]
    pub acknowledge_for: Option<String>,
    /// What they would change here, if they could
    #[arg(long, value_name = "TEXT")]
    pub would_change: Option<String>,
    /// Whether others already follow them (a roving leader)
    #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
    pub roving_leader: Option<bool>,
    /// The one or two needs that matter most for them now, e.g. "security,competence", or
    /// "none": Gaps weighs them double and prep leads with them
    #[arg(long, value_name = "NEEDS")]
    pub priorities: Option<String>,
}

impl ProfileArgs {
    /// The flag given for a free-text part of the profile, if any.
    pub(crate) fn profile_text(&self, part: ProfileText) -> Option<&String> {
        match part {
            ProfileText::Strengths => self.strengths.as_ref(),
            ProfileText::Motivations => self.motivations.as_ref(),
            ProfileText::AcknowledgeFor => self.acknowledge_for.as_ref(),
            ProfileText::WouldChange => self.would_change.as_ref(),
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct LogArgs {
    /// Who you talked with: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub name: String,
    /// When: now, today, yesterday, a weekday (the latest one), 2026-11-20 or "2026-11-20 14:30"
    #[arg(long, default_value = "now")]
    pub when: String,
    /// What sort of conversation it was
    #[arg(long, default_value = "one-on-one", ignore_case = true, value_parser = words(ConversationKind::ALL, ConversationKind::key))]
    pub kind: ConversationKind,
    /// Their mood and energy, 1 (low) to 5 (high)
    #[arg(long, value_parser = parse_word::<Mood>)]
    pub mood: Option<Mood>,
    /// Whether you were leading, managing or both
    #[arg(long, ignore_case = true, value_parser = words(Stance::ALL, Stance::key))]
    pub stance: Option<Stance>,
    /// A need the conversation met (competence, belonging, autonomy, fun or security),
    /// optionally with how: --need "autonomy:picked the plan"; repeat for more
    #[arg(long = "need", value_name = "NEED[:HOW]")]
    pub needs: Vec<String>,
    /// A need that came up and is not met (competence, belonging, autonomy, fun or
    /// security), optionally with what the worry is: --concern "security:worried about pay".
    /// It stays flagged until a later conversation meets it
    #[arg(long = "concern", value_name = "NEED[:NOTE]")]
    pub concerns: Vec<String>,
    /// One line saying what it was about
    #[arg(long, default_value = "", hide_default_value = true)]
    pub summary: String,
    /// Notes, as long as you like
    #[arg(long, conflicts_with = "notes_file")]
    pub notes: Option<String>,
    /// Read the notes from a file, or from standard input with -
    #[arg(long, value_name = "PATH|-")]
    pub notes_file: Option<PathBuf>,
    /// A free-form tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Something you promised to do (repeat for more)
    #[arg(long = "followup", value_name = "TEXT")]
    pub follow_ups: Vec<String>,
    /// Something they promised to do (repeat for more)
    #[arg(long = "their-followup", value_name = "TEXT")]
    pub their_follow_ups: Vec<String>,
    /// What you acknowledged them for in this conversation
    #[arg(long, value_name = "TEXT")]
    pub ack: Option<String>,
    /// What they told you about your leading (see `rapport feedback`)
    #[arg(long, value_name = "TEXT")]
    pub feedback_to_me: Option<String>,
    /// The pole or pair of the self-check that feedback speaks to (directing, serving…)
    #[arg(long, value_name = "POLE", ignore_case = true, value_parser = about(), requires = "feedback_to_me")]
    pub feedback_about: Option<(Pair, Option<Stance>)>,
    /// An idea they brought
    #[arg(long, value_name = "TEXT")]
    pub idea: Option<String>,
    /// What you handed over to them in it, for a later check (see `rapport delegate`)
    #[arg(long, value_name = "TEXT")]
    pub handed_over: Option<String>,
    /// A question from your bank you asked them, remembered so prep offers the ones not asked
    /// yet: its text, or TOPIC:N as `rapport questions` numbers it (--asked support:1);
    /// repeat for more
    #[arg(long = "asked", value_name = "QUESTION")]
    pub asked: Vec<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub(crate) struct QuestionsArgs {
    /// Only this need's questions: competence, belonging, autonomy, fun, security (or a letter)
    #[arg(long, value_name = "NEED")]
    pub need: Option<String>,
    /// Only this guide's questions: getting-to-know, support, future, neck-up, roving-leaders
    #[arg(long, value_name = "GUIDE")]
    pub guide: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub(crate) enum FollowupCommand {
    /// Add a follow-up for someone
    Add {
        /// Whose follow-up: a name or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        /// What was promised
        text: String,
        /// Who promised it
        #[arg(long, default_value = "me", ignore_case = true, value_parser = words(Owner::ALL, Owner::key))]
        owner: Owner,
        /// When it is due: a date, tomorrow, a weekday (the next one) or +N days
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List follow-ups, open ones first by due date
    List {
        /// Only this person's
        #[arg(long, value_name = "NAME")]
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        person: Option<String>,
        /// Only the ones not done yet
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Mark a follow-up done
    Done {
        /// Its number as listed, e.g. 12 or #12
        id: String,
        /// Reopen it instead
        #[arg(long)]
        undo: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Correct a follow-up: its text, when it is due, whose it is
    Edit {
        /// Its number as listed, e.g. 12 or #12
        id: String,
        /// The new text
        #[arg(long)]
        text: Option<String>,
        /// When it is due: a date, tomorrow, a weekday (the next one), +N days, or none
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Who promised it
        #[arg(long, ignore_case = true, value_parser = words(Owner::ALL, Owner::key))]
        owner: Option<Owner>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a follow-up written in error
    Delete {
        /// Its number as listed, e.g. 12 or #12
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConversationCommand {
    /// Show a conversation with everything linked to it: needs, notes, follow-ups made and
    /// kept, talking points discussed, acknowledgements, ideas, aspiration progress
    Show {
        /// Its number, as `rapport timeline --json` or `log --json` shows it
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a conversation (logged twice, or in error): its needs and tags go with it;
    /// follow-ups, acknowledgements and ideas from it stay
    Delete {
        /// Its number, as `rapport timeline --json` or `log --json` shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AspirationCommand {
    /// Write down something a person hopes for
    Add {
        /// Whose aspiration: a name or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        /// A short title, e.g. "Lead the platform migration"
        title: String,
        /// More about it, in their words
        #[arg(long, default_value = "", hide_default_value = true)]
        detail: String,
        /// When they hope to get there, in their words ("this year", "in two years")
        #[arg(long, default_value = "", hide_default_value = true)]
        horizon: String,
        /// How far along it is
        #[arg(long, default_value = "exploring", ignore_case = true, value_parser = words(AspirationStatus::ALL, AspirationStatus::key))]
        status: AspirationStatus,
        /// The statement of the team's direction it serves, by its number in `direction list`
        #[arg(long, value_name = "N")]
        serves: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete an aspiration written in error, with its progress notes
    Delete {
        /// Its number as listed, e.g. 3 or #3
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Record progress on an aspiration: a note, a new status, or both
    Update {
        /// Its number as listed, e.g. 3 or #3
        id: String,
        /// Its new status
        #[arg(long, ignore_case = true, value_parser = words(AspirationStatus::ALL, AspirationStatus::key))]
        status: Option<AspirationStatus>,
        /// What moved, in a line
        #[arg(long, default_value = "", hide_default_value = true)]
        note: String,
        #[command(flatten)]
        json: JsonFlag,
        /// The statement of the team's direction it serves, by its number in `direction
        /// list`; `none` unlinks it
        #[arg(long, value_name = "N")]
        serves: Option<String>,
    },
    /// Show one aspiration with every progress note and its number
    Show {
        /// Its number as listed, e.g. 3 or #3
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete one progress note written in error (its number as `aspiration show` lists it)
    DeleteUpdate {
        /// The note's number, e.g. 12 or #12
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List aspirations with their status and last progress
    List {
        /// Only this person's
        #[arg(long, value_name = "NAME")]
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        person: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct AckArgs {
    #[command(subcommand)]
    pub action: Option<AckCommand>,
    /// Who you acknowledged: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON, required = true)]
    pub name: Option<String>,
    /// What you recognised them for
    #[arg(required = true)]
    pub text: Option<String>,
    /// When (same words as for log)
    #[arg(long, default_value = "now")]
    pub when: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct IdeaArgs {
    #[command(subcommand)]
    pub action: Option<IdeaCommand>,
    /// Whose idea: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON, required = true)]
    pub name: Option<String>,
    /// The idea, in a line
    #[arg(required = true)]
    pub text: Option<String>,
    /// Where the idea stands
    #[arg(long, default_value = "heard", ignore_case = true, value_parser = words(IdeaStatus::ALL, IdeaStatus::key))]
    pub status: IdeaStatus,
    /// The answer you gave them
    #[arg(long, default_value = "", hide_default_value = true)]
    pub answer: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct RaiseArgs {
    #[command(subcommand)]
    pub action: Option<RaiseCommand>,
    /// Who to raise it with: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON, required = true)]
    pub name: Option<String>,
    /// What to bring up, in a line
    #[arg(required = true)]
    pub text: Option<String>,
    /// They asked to talk about it (otherwise it is yours to bring up)
    #[arg(long)]
    pub theirs: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct MeetsArgs {
    #[command(subcommand)]
    pub action: Option<MeetsCommand>,
    /// Whose need: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON, required = true)]
    pub name: Option<String>,
    /// The need it meets (competence, belonging, autonomy, fun, security, or its letter)
    #[arg(required = true, ignore_case = true, value_parser = needs())]
    pub need: Option<Need>,
    /// What meets it for them, in a line; it replaces the note in force, which stays in
    /// the history
    #[arg(required = true)]
    pub text: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct DelegateArgs {
    #[command(subcommand)]
    pub action: Option<DelegateCommand>,
    /// Who you handed it to: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON, required = true)]
    pub name: Option<String>,
    /// What you handed over, in a line
    #[arg(required = true)]
    pub text: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DelegateCommand {
    /// What you handed over: not checked yet first, then the ones checked
    List {
        /// Only this person's (a name or the unique beginning of one)
        #[arg(long, value_name = "NAME", value_hint = PERSON)]
        person: Option<String>,
        /// Only the ones not checked yet
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a delegation written in error
    Delete {
        /// Its number, as `delegate list` shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Say how a delegation turned out: it stuck, or it came back to you
    Check {
        /// Its number, as `delegate list` shows it, e.g. 3 or #3
        id: String,
        /// stuck or came-back
        #[arg(ignore_case = true, value_parser = words(Outcome::ALL, Outcome::key))]
        outcome: Outcome,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum DirectionCommand {
    /// State where the team is going, in a line
    Add {
        /// The statement, e.g. "Ship every week, safely"
        text: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The statements in force, oldest first, with the aspirations that serve each
    List {
        /// Include the retired ones
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Reword a statement (it keeps the day it was first stated)
    Edit {
        /// Its number, as `direction list` shows it, e.g. 2 or #2
        id: String,
        /// The statement as it reads now
        text: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a statement written in error (retire one that no longer holds instead)
    Delete {
        /// Its number, as `direction list` shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Retire a statement that no longer holds (it stays in the history)
    Retire {
        /// Its number, as `direction list` shows it, e.g. 2 or #2
        id: String,
        /// Bring it back instead
        #[arg(long)]
        undo: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum MeetsCommand {
    /// What meets each need, as noted last, per person
    List {
        /// Only this person's (a name or the unique beginning of one)
        #[arg(long, value_name = "NAME", value_hint = PERSON)]
        person: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a note written in error, by its number in `meets history --json` (the one
    /// before it is in force again)
    Delete {
        /// Its number
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Every note on what meets a person's needs, newest first within each need
    History {
        /// Whose: a name or the unique beginning of one
        #[arg(value_hint = PERSON)]
        name: String,
        /// Only this need
        #[arg(ignore_case = true, value_parser = needs())]
        need: Option<Need>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum RaiseCommand {
    /// List talking points still to raise (oldest first), or every one with --all
    List {
        /// Only this person's (a name or the unique beginning of one)
        #[arg(long, value_name = "NAME", value_hint = PERSON)]
        person: Option<String>,
        /// Include the ones already discussed
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Tick a talking point as discussed
    #[command(alias = "tick")]
    Done {
        /// Its number as listed, e.g. 3 or #3
        id: String,
        /// Carry it over again instead
        #[arg(long)]
        undo: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a talking point written in error
    Delete {
        /// Its number as listed, e.g. 3 or #3
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AckCommand {
    /// Delete an acknowledgement written in error
    Delete {
        /// Its number, as `ack --json` or the timeline shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum FeedbackCommand {
    /// Record what someone told you about your leading (heard outside a logged 1:1)
    Add {
        /// Who said it: a name or the unique beginning of one
        // Someone in the journal: completions offer its names (cli/completions.rs).
        #[arg(value_hint = PERSON)]
        name: String,
        /// What they said, in their words
        text: String,
        /// The pair of the self-check it speaks to: a pole (directing, serving, control…)
        /// says where they placed you, a pair (directing-serving) only what it is about
        #[arg(long, value_name = "POLE", ignore_case = true, value_parser = about())]
        about: Option<(Pair, Option<Stance>)>,
        /// The need it speaks to
        #[arg(long, ignore_case = true, value_parser = needs())]
        need: Option<Need>,
        /// The day you heard it (today, yesterday, a weekday, 2026-11-20…)
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List what people told you about your leading, newest first
    List {
        /// Only what this person said (a name or the unique beginning of one)
        #[arg(long, value_name = "NAME", value_hint = PERSON)]
        person: Option<String>,
        /// Heard on this day or later
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Correct a piece of feedback: its words, its day, what it speaks to
    Edit {
        /// Its number, as `feedback list` shows it, e.g. 4 or #4
        id: String,
        /// The new words
        #[arg(long)]
        text: Option<String>,
        /// A pole or pair of the self-check, or none to clear it
        #[arg(long, value_name = "POLE", ignore_case = true, value_parser = about_or_none())]
        about: Option<OrNone<(Pair, Option<Stance>)>>,
        /// A need, or none to clear it
        #[arg(long, ignore_case = true, value_parser = need_or_none())]
        need: Option<OrNone<Need>>,
        /// The day you heard it
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete feedback written in error
    Delete {
        /// Its number, as `feedback list` shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum IdeaCommand {
    /// List ideas, newest first: who brought them, where they stand, your answer
    List {
        /// Only this person's ideas (a name or the unique beginning of one)
        #[arg(long, value_hint = PERSON)]
        person: Option<String>,
        /// Only ideas still waiting for an answer
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete an idea written in error
    Delete {
        /// The idea's number, as `idea list` shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Answer an idea: where it stands now and what you told them
    Answer {
        /// The idea's number, as `idea list` shows it
        id: i64,
        /// Where the idea stands now
        #[arg(long, ignore_case = true, value_parser = words(IdeaStatus::ALL, IdeaStatus::key))]
        status: IdeaStatus,
        /// What you told them
        #[arg(long)]
        answer: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// How many people the made-up team has
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=5000))]
    pub people: u32,
    /// How many years of history to make up
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub years: u32,
    /// Another seed gives another team
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// What to find: words (all must match), "a phrase" in quotes, plan* for a prefix,
    /// AND / OR / NOT between words
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only this person's
    #[arg(long, value_name = "NAME")]
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub person: Option<String>,
    /// At most this many results, best first
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub(crate) struct BackupArgs {
    /// Where to write the backup: a file, or a folder for a dated file in it (default: a
    /// dated file in the backups folder beside the journal, which keeps the last 7 days and
    /// 8 weeks; set RAPPORT_KEEP_DAILY / RAPPORT_KEEP_WEEKLY to change that)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// List the backups in the backups folder instead
    #[arg(long, conflicts_with = "path")]
    pub list: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncCommand>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SyncCommand {
    /// Start syncing this journal through FOLDER, on the first device
    Init {
        /// The shared folder (created if missing); each device writes only its own files in it
        #[arg(value_name = "FOLDER", value_hint = ValueHint::DirPath)]
        folder: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Join the sync folder another device started, on every other device
    Join {
        /// The shared folder, as this device sees it
        #[arg(value_name = "FOLDER", value_hint = ValueHint::DirPath)]
        folder: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The devices, when each was last seen, changes not yet sent, and conflicts
    Status {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The texts edited on two devices: each with the other version kept, and its id
    Conflicts {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Take the other version of a conflict: the record holds it, on every device after
    /// their next sync
    Take {
        /// The conflict's id, as `rapport sync conflicts` lists it
        #[arg(value_name = "ID")]
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Keep this version of a conflict: the other one is dropped, on the other devices too
    /// at their next sync
    Keep {
        /// The conflict's id, as `rapport sync conflicts` lists it
        #[arg(value_name = "ID")]
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub(crate) struct RestoreArgs {
    /// The backup to restore (see `rapport backup --list`)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Replace the journal without asking
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub(crate) struct NewPassphraseArgs {
    /// Read the new passphrase from this file instead of asking twice at the terminal (for
    /// scripts; keep the file private, and remove it afterwards)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub new_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct UnlockArgs {
    /// How long to keep it: a number and s, m, h or d (at most 7d); `rapport lock` forgets
    /// it sooner
    #[arg(
        long = "for",
        value_name = "DURATION",
        default_value = super::kept_passphrase::USUAL,
        value_parser = super::kept_passphrase::parse_duration
    )]
    pub keep_for: std::time::Duration,
}

/// What wrote a file `rapport import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportFrom {
    /// A JSON export of Rapport
    Rapport,
    /// jrnl's `jrnl --export json`
    Jrnl,
    /// A folder of Markdown notes, one file per conversation (Obsidian's habit)
    Markdown,
}

/// The shapes `rapport export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// Everything, re-importable with `rapport import` (see docs/export-format.md)
    Json,
    /// A readable dossier per person
    #[value(alias = "md")]
    Markdown,
    /// One row per conversation, a column per need
    Csv,
}

impl ExportFormat {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "JSON",
            ExportFormat::Markdown => "Markdown",
            ExportFormat::Csv => "CSV",
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// Only this person (and what is about them)
    #[arg(long, value_name = "NAME")]
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub person: Option<String>,
    /// Write to this file (created private, 0600) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The shapes of the review dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReviewFormat {
    #[value(alias = "md")]
    Markdown,
    /// One self-contained file (its own CSS and charts, no script, nothing fetched)
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// Whose review: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub name: String,
    /// From this day (default: a year ago): a date, or a weekday
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// What to write
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReviewFormat,
    /// Write to this file (created private, 0600) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct CalendarArgs {
    /// Write to this file (created private, 0600) instead of standard output; a file in a
    /// synced folder lets a calendar app subscribe to it (see docs/backup-and-export.md)
    #[arg(short, long, value_name = "FILE.ics")]
    pub output: Option<PathBuf>,
    /// Put what you wrote in the events: each follow-up's text and the last conversation's
    /// summary. Without it an event names only the person and the record's number
    #[arg(long)]
    pub with_notes: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// A JSON export written by `rapport export` (or by `jrnl --export json` with --from
    /// jrnl), or - for standard input; with --from markdown, a folder of notes
    #[arg(value_name = "FILE.json|-|FOLDER")]
    pub file: PathBuf,
    /// What wrote the file: Rapport, or jrnl
    #[arg(long, value_enum, default_value = "rapport")]
    pub from: ImportFrom,
    /// jrnl: how an entry names the person it is about, by a tag (@ana) or by the first
    /// word of the entry (Ana: …)
    #[arg(long, default_value = "tag", value_parser = words(PersonBy::ALL, PersonBy::key))]
    pub person_by: PersonBy,
    /// jrnl and markdown: add the people notes name who are not in the journal yet,
    /// instead of skipping those notes
    #[arg(long)]
    pub add_people: bool,
    /// jrnl and markdown: what sort of conversation a note was, unless it says
    #[arg(long, default_value = "one-on-one", ignore_case = true, value_parser = words(ConversationKind::ALL, ConversationKind::key))]
    pub kind: ConversationKind,
    /// Only say what would be added
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    /// Only this person's events: a name or the unique beginning of one
    #[arg(long, value_name = "NAME")]
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub person: Option<String>,
    /// Only conversations that addressed this need
    #[arg(long, ignore_case = true, value_parser = needs())]
    pub need: Option<Need>,
    /// Only conversations with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only conversations of this kind
    #[arg(long, ignore_case = true, value_parser = words(ConversationKind::ALL, ConversationKind::key))]
    pub kind: Option<ConversationKind>,
    /// From this day on (a date, yesterday, a weekday…)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// At most this many events, newest first
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub(crate) struct WeekArgs {
    /// The ISO week, e.g. 2026-W47 (default: this week)
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// Instead of the week: the N weeks ending with it, your self-check against what people
    /// said about your leading, and whether the two come closer
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=104))]
    pub weeks: Option<u32>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// Options left out keep what the week's reflection already says. The balance self-check
/// rates seed 003's eight pairs as a balance: 1 mostly the managing pole, 3 both, 5 mostly the
/// leading pole; neither end is the goal.
#[derive(Debug, Args)]
pub(crate) struct ReflectArgs {
    /// The ISO week, e.g. 2026-W47 (default: this week)
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// What went well
    #[arg(long, value_name = "TEXT")]
    pub went_well: Option<String>,
    /// What you would do differently
    #[arg(long, value_name = "TEXT")]
    pub differently: Option<String>,
    /// Anything else
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// How you want to show up next week: next week's screen shows it at the top and asks
    #[arg(long, value_name = "TEXT")]
    pub intention: Option<String>,
    /// 1 mostly systems, processes and technology … 3 both … 5 mostly people, context and culture
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub systems_people: Option<u8>,
    /// 1 mostly goals, standards and measurements … 3 both … 5 mostly preferred future, principles and purpose
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub goals_purpose: Option<u8>,
    /// 1 mostly control … 3 both … 5 mostly commitment
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub control_commitment: Option<u8>,
    /// 1 mostly strategic planning … 3 both … 5 mostly strategic opportunism
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub planning_opportunism: Option<u8>,
    /// 1 mostly a way of doing … 3 both … 5 mostly a way of being
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub doing_being: Option<u8>,
    /// 1 mostly directing … 3 both … 5 mostly serving
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub directing_serving: Option<u8>,
    /// 1 mostly responding and reacting … 3 both … 5 mostly initiating and originating
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub reacting_initiating: Option<u8>,
    /// 1 mostly continuous improvement of what is … 3 both … 5 mostly innovative breakthroughs to what could be
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub improving_breakthrough: Option<u8>,
    #[command(flatten)]
    pub json: JsonFlag,
}

impl ReflectArgs {
    /// The ratings given, in `Balance::POLES` order.
    pub(crate) fn ratings(&self) -> [Option<u8>; crate::domain::Balance::PAIRS] {
        [
            self.systems_people,
            self.goals_purpose,
            self.control_commitment,
            self.planning_opportunism,
            self.doing_being,
            self.directing_serving,
            self.reacting_initiating,
            self.improving_breakthrough,
        ]
    }
}

#[derive(Debug, Args)]
pub(crate) struct PrepArgs {
    /// Who the 1:1 is with: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub name: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub(crate) struct TrendsArgs {
    /// Whose trends: a name or the unique beginning of one
    // Someone in the journal: completions offer its names (cli/completions.rs).
    #[arg(value_hint = PERSON)]
    pub name: String,
    /// How many months back, this one included (default: the trend_months setting, 12)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: Option<u32>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// Lets clap parse any of the journal's fixed words with the domain's own message.
fn parse_word<T>(text: &str) -> Result<T, String>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e: T::Err| e.to_string())
}

/// One of the journal's fixed words (a kind, a stance, a status…): `--help` lists them,
/// completions offer them, and letter case does not matter.
fn words<T>(all: &'static [T], key: fn(T) -> &'static str) -> impl TypedValueParser<Value = T>
where
    T: Copy + Send + Sync + std::str::FromStr + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    PossibleValuesParser::new(all.iter().map(|word| PossibleValue::new(key(*word))))
        .try_map(|text| text.parse::<T>())
}

/// The words that tag feedback with a pair of the self-check: each pole's short word and
/// each pair's key with dashes (see [`Pair::parse_about`]).
fn about_words() -> Vec<PossibleValue> {
    Pair::ALL
        .iter()
        .flat_map(|pair| {
            let poles = pair.poles();
            [
                PossibleValue::new(poles.managing_short),
                PossibleValue::new(poles.leading_short),
                PossibleValue::new(pair.dashed()).alias(pair.key()),
            ]
        })
        .collect()
}

fn about() -> impl TypedValueParser<Value = (Pair, Option<Stance>)> {
    PossibleValuesParser::new(about_words()).try_map(|text| Pair::parse_about(&text))
}

/// A value, or `none` typed to clear it. (clap reads a bare `Option<Option<T>>` as an
/// option whose value may be left out, which is not what `--need none` means.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OrNone<T>(pub Option<T>);

/// [`about`], or `none` to clear the tag.
fn about_or_none() -> impl TypedValueParser<Value = OrNone<(Pair, Option<Stance>)>> {
    PossibleValuesParser::new(
        about_words()
            .into_iter()
            .chain([PossibleValue::new("none")]),
    )
    .try_map(|text| match text.as_str() {
        "none" => Ok(OrNone(None)),
        _ => Pair::parse_about(&text).map(|about| OrNone(Some(about))),
    })
}

/// [`needs`], or `none` to clear the tag.
fn need_or_none() -> impl TypedValueParser<Value = OrNone<Need>> {
    PossibleValuesParser::new(need_words().chain([PossibleValue::new("none")])).try_map(|text| {
        match text.as_str() {
            "none" => Ok(OrNone(None)),
            _ => text.parse::<Need>().map(|need| OrNone(Some(need))),
        }
    })
}

/// A need by its name, its letter (c, b, a, f, s) or another word for it (mastery…).
fn needs() -> impl TypedValueParser<Value = Need> {
    PossibleValuesParser::new(need_words()).try_map(|text| text.parse::<Need>())
}

/// Each need's name, with its letter and other words for it as aliases.
fn need_words() -> impl Iterator<Item = PossibleValue> {
    const LETTERS: [&str; 5] = ["c", "b", "a", "f", "s"];
    Need::ALL.iter().map(|need| {
        PossibleValue::new(need.key())
            .alias(LETTERS[need.index()])
            .aliases(need.aliases().iter().copied())
    })
}

#[derive(Debug, Subcommand)]
pub(crate) enum MomentCommand {
    /// Note a date to acknowledge for someone, e.g. moment add Ana 2026-12-10 "back from leave"
    Add {
        /// Whose moment: a name or the unique beginning of one
        #[arg(value_hint = PERSON)]
        name: String,
        /// The day: 2026-12-10, tomorrow, a weekday (the next one) or +10d; for a yearly
        /// moment, its month and day (05-04) or any year's date of it
        date: String,
        /// What the day is, in a line, e.g. "back from leave"
        label: String,
        /// Every year on that day (a birthday), not once
        #[arg(long)]
        yearly: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The moments ahead, soonest first: work anniversaries and the dates you noted
    List {
        /// How many days ahead to look (0 is today only)
        #[arg(long, value_name = "N", default_value_t = 365,
              value_parser = clap::value_parser!(u16).range(0..=366))]
        days: u16,
        /// Only this person's (a name or the unique beginning of one)
        #[arg(long, value_name = "NAME", value_hint = PERSON)]
        person: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change a noted moment's day, label, or whether it comes back every year
    Edit {
        /// Its number, as `moment list` shows it, e.g. 3 or #3
        id: String,
        /// The new day
        #[arg(long)]
        date: Option<String>,
        /// The new label
        #[arg(long)]
        label: Option<String>,
        /// Every year on its day from now on
        #[arg(long, conflicts_with = "once")]
        yearly: bool,
        /// Once only from now on
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a noted moment written in error
    Delete {
        /// Its number, as `moment list` shows it
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}
