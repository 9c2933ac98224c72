//! Shell completion: clap_complete's scripts, with the journal's names wherever an argument
//! names someone in it. Which arguments those are, and which options take a value, is read
//! from the clap definitions; each shell's hook is a few lines, all of them in this file.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, Command, CommandFactory, Parser, ValueHint};
use clap_complete::Shell;

use super::Cli;
use super::args::PERSON;

/// `rapport completions SHELL`: bash, zsh and fish complete names; elvish and PowerShell get
/// clap_complete's script as it is.
pub(super) fn script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut generated = Vec::new();
    clap_complete::generate(shell, &mut command, "rapport", &mut generated);
    let generated = String::from_utf8_lossy(&generated).into_owned();
    let wanted = Wanted::of(&mut command);
    match shell {
        Shell::Bash => bash(&generated, &wanted),
        Shell::Zsh => zsh(&generated),
        Shell::Fish => fish(&generated, &wanted),
        _ => generated,
    }
}

/// `rapport complete people [--db PATH] [--demo] [PREFIX]`, which the scripts run at each
/// Tab. It is parsed apart from [`Cli`] so that no help, manual page or script offers it.
#[derive(Debug, Parser)]
#[command(name = "rapport complete")]
enum Request {
    /// The names in the journal that begin with PREFIX (in any letter case), one a line,
    /// active people first
    People {
        /// The journal, as for every command
        #[arg(long, env = "RAPPORT_DB", value_name = "PATH")]
        db: Option<PathBuf>,
        /// The demo journal
        #[arg(long)]
        demo: bool,
        /// What has been typed of the name
        #[arg(default_value = "")]
        prefix: String,
    },
}

/// Answers `rapport complete …` and says how the process ends, or leaves any other command
/// line alone. Nothing but names reaches the terminal: a mistake, a blank RAPPORT_DB or a
/// missing journal offer nothing, and no journal is made or changed.
pub(super) fn answer_if_asked() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1).peekable();
    if args.peek().is_none_or(|first| first != "complete") {
        return None;
    }
    if let Ok(Request::People { db, demo, prefix }) = Request::try_parse_from(args)
        && let Ok(journal) = super::journal_path(db.as_deref(), demo)
    {
        let journal = crate::store::targets::follow_links(&journal);
        let _ = people(&journal, &prefix, &mut std::io::stdout().lock());
    }
    Some(ExitCode::SUCCESS)
}

fn people(journal: &Path, prefix: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let prefix = prefix.to_lowercase();
    let names = crate::store::person_names(journal).unwrap_or_default();
    for name in names {
        // A name a terminal would act on cannot be typed anyway.
        if name.to_lowercase().starts_with(&prefix) && !name.chars().any(char::is_control) {
            writeln!(out, "{name}")?;
        }
    }
    Ok(())
}

/// Where the command line asks for a person, as the bash and fish hooks need to know it.
#[derive(Debug, Default)]
struct Wanted {
    /// The commands whose first positional argument is a person: `log`, `person show`…
    commands: BTreeSet<String>,
    /// The commands whose first positional argument is a new person's name (`person add`):
    /// no names to offer, and no file names either.
    new_names: BTreeSet<String>,
    /// The options whose value is a person: `--person`.
    options: BTreeSet<String>,
    /// Every option that takes a value, so that a hook steps over the value.
    value_options: BTreeSet<String>,
}

impl Wanted {
    fn of(command: &mut Command) -> Wanted {
        // Built, the global options (--db) are every command's.
        command.build();
        let mut wanted = Wanted::default();
        wanted.visit(command, &mut Vec::new());
        wanted
    }

    fn visit(&mut self, command: &Command, path: &mut Vec<String>) {
        match command.get_positionals().next().map(Arg::get_value_hint) {
            Some(PERSON) => {
                self.commands.insert(path.join(" "));
            }
            Some(ValueHint::Other) => {
                self.new_names.insert(path.join(" "));
            }
            _ => {}
        }
        for option in command.get_opts() {
            let spellings: Vec<String> = option
                .get_long_and_visible_aliases()
                .unwrap_or_default()
                .into_iter()
                .map(|long| format!("--{long}"))
                .chain(
                    option
                        .get_short_and_visible_aliases()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|short| format!("-{short}")),
                )
                .collect();
            if option.get_value_hint() == PERSON {
                self.options.extend(spellings.iter().cloned());
            }
            self.value_options.extend(spellings);
        }
        for sub in command.get_subcommands() {
            path.push(sub.get_name().to_string());
            self.visit(sub, path);
            path.pop();
        }
    }
}

/// bash's script completes nothing for a positional argument and knows no positions, so
/// its entry point is wrapped: a walk over the words typed so far decides whether a person
/// is asked for, and anything else goes on to clap_complete's `_rapport`.
fn bash(generated: &str, wanted: &Wanted) -> String {
    let patterns = |paths: &BTreeSet<String>| -> String {
        let quoted: Vec<String> = paths.iter().map(|path| format!("\"{path} \"")).collect();
        quoted.join(" | ")
    };
    let hook = r#"
# Names from the journal where someone in it is asked for (rapport complete people).
_rapport_people() {
    local name
    COMPREPLY=()
    # One name a line, read as it is: an unquoted $(…) would also expand "Zed *" or "Ann?"
    # against the files of the current folder.
    while IFS= read -r name; do
        COMPREPLY+=("$name")
    done < <(command rapport complete people "${@:2}" -- "${1//\\/}" 2>/dev/null)
    # readline quotes them as it quotes file names (Priya\ Raman, or "Priya Raman"), and
    # offers no file names when no name fits.
    compopt -o filenames +o default +o bashdefault 2>/dev/null
}

_rapport_with_people() {
    local i word option= demo=() db=() path=
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ -n $option ]]; then
            # bash splits --db=PATH into three words.
            [[ $word == = ]] && continue
            if [[ $option == --db ]]; then
                case $word in
                    \"*\" | \'*\') word=${word:1:${#word}-2} ;;
                    *) word=${word//\\/} ;;
                esac
                db=(--db "${word/#\~/$HOME}")
            fi
            option=
            continue
        fi
        case $word in
            --demo) demo=(--demo) ;;
            @VALUE_OPTIONS@) option=$word ;;
            -*) ;;
            *) path+="$word " ;;
        esac
    done
    if [[ -n $option ]]; then
        case $option in
            @PERSON_OPTIONS@) _rapport_people "$2" "${demo[@]}" "${db[@]}"; return 0 ;;
        esac
    elif [[ $2 != -* ]]; then
        case $path in
            @PERSON_COMMANDS@) _rapport_people "$2" "${demo[@]}" "${db[@]}"; return 0 ;;
            @NEW_NAMES@) COMPREPLY=(); compopt +o default +o bashdefault 2>/dev/null; return 0 ;;
        esac
    fi
    _rapport "$@"
}
"#
    .replace("@VALUE_OPTIONS@", &join(&wanted.value_options, " | "))
    .replace("@PERSON_OPTIONS@", &join(&wanted.options, " | "))
    .replace("@PERSON_COMMANDS@", &patterns(&wanted.commands))
    .replace("@NEW_NAMES@", &patterns(&wanted.new_names));
    generated.replace("complete -F _rapport ", "complete -F _rapport_with_people ") + &hook
}

/// zsh's script knows every position already: the user-name completer it put where a person
/// is asked for becomes the journal's names. zsh quotes and matches them itself.
fn zsh(generated: &str) -> String {
    const HOOK: &str = r#"# Names from the journal where someone in it is asked for (rapport complete people).
(( $+functions[_rapport_people] )) ||
_rapport_people() {
    local -a tokens journal names
    local i
    tokens=(${(Q)${(z)BUFFER}})
    for ((i = 1; i <= $#tokens; i++)); do
        case $tokens[i] in
            (--demo) journal=(--demo $journal) ;;
            (--db) journal+=(--db ${tokens[i+1]/#\~/$HOME}) ;;
            (--db=*) journal+=(--db ${${tokens[i]#--db=}/#\~/$HOME}) ;;
        esac
    done
    names=(${(f)"$(command rapport complete people $journal 2>/dev/null)"})
    _wanted people expl 'person' compadd -a names
}

"#;
    let script = generated.replace(":_users'", ":_rapport_people'");
    // Defined before the script's last lines, which run the first completion.
    match script.rfind("if [ \"$funcstack[1]\" = \"_rapport\" ]") {
        Some(at) => format!("{}{HOOK}{}", &script[..at], &script[at..]),
        None => script + HOOK,
    }
}

/// fish's script completes options and subcommands but no positional argument: options
/// get the journal's names in place of the user list, and one more line offers them where
/// a command's first positional argument is a person. fish quotes and matches them itself.
fn fish(generated: &str, wanted: &Wanted) -> String {
    let quoted = |paths: &BTreeSet<String>| -> String {
        let quoted: Vec<String> = paths.iter().map(|path| format!("'{path}'")).collect();
        quoted.join(" ")
    };
    let hook = r#"
# Names from the journal where someone in it is asked for (rapport complete people).
function __rapport_people
    set -l tokens (commandline -opc)
    set -l journal
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --demo
                set journal --demo $journal
            case --db
                set -q tokens[(math $i + 1)]
                and set -a journal --db $tokens[(math $i + 1)]
            case '--db=*'
                set -a journal --db (string replace -- --db= '' $tokens[$i])
        end
    end
    command rapport complete people $journal 2>/dev/null
end

# True when the word under the cursor is the first argument of one of the commands given.
function __rapport_first_argument_of
    set -l words
    set -l option
    for token in (commandline -opc)[2..-1]
        if set -q option[1]
            set -e option
            continue
        end
        switch $token
            case @VALUE_OPTIONS@
                set option $token
            case '-*'
            case '*'
                set -a words $token
        end
    end
    not set -q option[1]
    and contains -- "$words" $argv
end

complete -c rapport -n "__rapport_first_argument_of @PERSON_COMMANDS@" -f -a '(__rapport_people)'
complete -c rapport -n "__rapport_first_argument_of @NEW_NAMES@" -f
"#
    .replace("@VALUE_OPTIONS@", &join(&wanted.value_options, " "))
    .replace("@PERSON_COMMANDS@", &quoted(&wanted.commands))
    .replace("@NEW_NAMES@", &quoted(&wanted.new_names));
    generated.replace("(__fish_complete_users)", "(__rapport_people)") + &hook
}

fn join(words: &BTreeSet<String>, separator: &str) -> String {
    words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_asked_for_where_the_definitions_say() {
        let wanted = Wanted::of(&mut Cli::command());
        for path in [
            "log",
            "person show",
            "person edit",
            "followup add",
            "prep",
            "ack",
        ] {
            assert!(wanted.commands.contains(path), "{path}: {wanted:?}");
        }
        // A new person's name is not someone in the journal.
        assert!(!wanted.commands.contains("person add"), "{wanted:?}");
        assert_eq!(wanted.new_names, BTreeSet::from(["person add".to_string()]));
        assert_eq!(wanted.options, BTreeSet::from(["--person".to_string()]));
        for option in ["--db", "--when", "--kind", "-o", "--name", "--person"] {
            assert!(wanted.value_options.contains(option), "{option}");
        }
        assert!(!wanted.value_options.contains("--json"), "{wanted:?}");
    }

    /// The hooks know only the first positional argument, and step over an option's value
    /// by its spelling alone: both hold for every command.
    #[test]
    fn the_hooks_can_read_every_command_line() {
        fn visit(command: &Command, flags: &mut BTreeSet<String>, found: &mut Vec<String>) {
            for (index, arg) in command.get_positionals().enumerate() {
                if index > 0 && arg.get_value_hint() == PERSON {
                    found.push(format!(
                        "{} {}: a person after another argument",
                        command.get_name(),
                        arg.get_id()
                    ));
                }
            }
            for arg in command.get_arguments() {
                if !arg.is_positional() && !arg.get_action().takes_values() {
                    flags.extend(arg.get_long().map(|long| format!("--{long}")));
                }
            }
            for sub in command.get_subcommands() {
                visit(sub, flags, found);
            }
        }
        let mut command = Cli::command();
        let wanted = Wanted::of(&mut command);
        let mut flags = BTreeSet::new();
        let mut found = Vec::new();
        visit(&command, &mut flags, &mut found);
        found.extend(
            flags
                .intersection(&wanted.value_options)
                .map(|option| format!("{option} takes a value in one command and none in another")),
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
