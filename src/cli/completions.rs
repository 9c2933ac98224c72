//! Shell completion: clap_complete's scripts, with the journal's own words wherever an
//! argument takes one: the names of the people in it, its tags, the five needs and the
//! guides. Which arguments those are, and which options take a value, is read from the clap
//! definitions; each shell's hook is a few lines, all of them in this file.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, Command, CommandFactory, Parser, ValueEnum, ValueHint};
use clap_complete::Shell;

use super::Cli;
use super::args::PERSON;
use crate::domain::{Guide, Need};

/// The words a shell can ask Rapport for: `rapport complete WORDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Words {
    /// The names of the people in the journal
    People,
    /// The tags its conversations carry
    Tags,
    /// The five needs
    Needs,
    /// The question guides
    Guides,
}

impl Words {
    fn key(self) -> &'static str {
        match self {
            Words::People => "people",
            Words::Tags => "tags",
            Words::Needs => "needs",
            Words::Guides => "guides",
        }
    }

    /// What zsh calls one of them when it lists them.
    fn one(self) -> &'static str {
        match self {
            Words::People => "person",
            Words::Tags => "tag",
            Words::Needs => "need",
            Words::Guides => "guide",
        }
    }
}

/// The options whose value is one of the words, by long name, in every command that has
/// them (`--need` of `log`, `timeline` and `questions`). A person is known by its value hint.
const WORD_OPTIONS: [(&str, Words); 5] = [
    ("need", Words::Needs),
    ("concern", Words::Needs),
    ("priorities", Words::Needs),
    ("guide", Words::Guides),
    ("tag", Words::Tags),
];

/// `rapport completions SHELL`: bash, zsh and fish complete the journal's words; elvish and
/// PowerShell get clap_complete's script as it is.
pub(super) fn script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut generated = Vec::new();
    clap_complete::generate(shell, &mut command, "rapport", &mut generated);
    let generated = String::from_utf8_lossy(&generated).into_owned();
    let wanted = Wanted::of(&mut command);
    match shell {
        Shell::Bash => bash(&generated, &wanted),
        Shell::Zsh => zsh(&generated, &wanted),
        Shell::Fish => fish(&generated, &wanted),
        _ => generated,
    }
}

/// `rapport complete WORDS [--db PATH] [--demo] [PREFIX]`, which the scripts run at each
/// Tab. It is parsed apart from [`Cli`] so that no help, manual page or script offers it.
#[derive(Debug, Parser)]
#[command(name = "rapport complete")]
struct Request {
    /// Which words
    #[arg(value_enum)]
    words: Words,
    /// The journal, as for every command
    #[arg(long, env = "RAPPORT_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// The demo journal
    #[arg(long)]
    demo: bool,
    /// What has been typed of the word
    #[arg(default_value = "")]
    prefix: String,
}

/// Answers `rapport complete …` and says how the process ends, or leaves any other command
/// line alone. Nothing but words reaches the terminal: a mistake, a blank RAPPORT_DB or a
/// missing journal offer nothing, and no journal is made or changed.
pub(super) fn answer_if_asked() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1).peekable();
    if args.peek().is_none_or(|first| first != "complete") {
        return None;
    }
    if let Ok(request) = Request::try_parse_from(args) {
        let out = &mut std::io::stdout().lock();
        let _ = match request.words {
            Words::Needs => needs(&request.prefix, out),
            Words::Guides => fixed(Guide::ALL.map(Guide::key), &request.prefix, out),
            Words::People | Words::Tags => {
                match super::journal_path(request.db.as_deref(), request.demo) {
                    Ok(journal) => {
                        let journal = crate::store::targets::follow_links(&journal);
                        let words = if request.words == Words::People {
                            crate::store::person_names(&journal)
                        } else {
                            crate::store::tag_names(&journal)
                        };
                        beginning_with(words.unwrap_or_default(), &request.prefix, out)
                    }
                    Err(_) => Ok(()),
                }
            }
        };
    }
    Some(ExitCode::SUCCESS)
}

/// The journal's `words` that begin with `prefix` (in any letter case).
fn beginning_with(words: Vec<String>, prefix: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let prefix = prefix.to_lowercase();
    for word in words {
        // A word a terminal would act on cannot be typed anyway.
        if word.to_lowercase().starts_with(&prefix) && !word.chars().any(char::is_control) {
            writeln!(out, "{word}")?;
        }
    }
    Ok(())
}

fn fixed<const N: usize>(
    words: [&str; N],
    prefix: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    beginning_with(words.map(str::to_string).to_vec(), prefix, out)
}

/// The needs that finish what is typed: `aut` is autonomy; after a comma (`--priorities
/// security,c`) another need, the ones before kept; after a colon (`--need autonomy:how`)
/// the leader's own words, so nothing.
fn needs(prefix: &str, out: &mut dyn Write) -> std::io::Result<()> {
    if prefix.contains(':') {
        return Ok(());
    }
    let (before, typed) = match prefix.rfind(',') {
        Some(comma) => prefix.split_at(comma + 1),
        None => ("", prefix),
    };
    let typed = typed.to_lowercase();
    let listed: Vec<&str> = before.split(',').map(str::trim).collect();
    for need in Need::ALL.map(Need::key) {
        if need.starts_with(&typed) && !listed.contains(&need) {
            writeln!(out, "{before}{need}")?;
        }
    }
    Ok(())
}

/// Where the command line asks for one of the words, as the hooks need to know it.
#[derive(Debug, Default)]
struct Wanted {
    /// The commands whose first positional argument is a person: `log`, `person show`…
    commands: BTreeSet<String>,
    /// The commands whose first positional argument is a new person's name (`person add`):
    /// no names to offer, and no file names either.
    new_names: BTreeSet<String>,
    /// The options whose value is one of the words, by spelling: `--person`, `--need`…
    options: BTreeMap<String, Words>,
    /// The value names those options show, with what they take: zsh's script is rewritten
    /// by them.
    value_names: BTreeSet<(String, String, Words)>,
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
            let words = if option.get_value_hint() == PERSON {
                Some(Words::People)
            } else {
                WORD_OPTIONS
                    .iter()
                    .find(|(long, _)| option.get_long() == Some(long))
                    .map(|&(_, words)| words)
            };
            if let Some(words) = words {
                for spelling in &spellings {
                    self.options.insert(spelling.clone(), words);
                }
                if let Some(long) = option.get_long() {
                    let value_name = option
                        .get_value_names()
                        .and_then(|names| names.first())
                        .map_or_else(
                            || option.get_id().as_str().to_uppercase(),
                            ToString::to_string,
                        );
                    self.value_names
                        .insert((long.to_string(), value_name, words));
                }
            }
            self.value_options.extend(spellings);
        }
        for sub in command.get_subcommands() {
            path.push(sub.get_name().to_string());
            self.visit(sub, path);
            path.pop();
        }
    }

    /// The spellings of the options that take `words`.
    fn options_for(&self, words: Words) -> BTreeSet<String> {
        self.options
            .iter()
            .filter(|&(_, &taken)| taken == words)
            .map(|(spelling, _)| spelling.clone())
            .collect()
    }
}

/// bash's script completes nothing for a positional argument and knows no positions, so
/// its entry point is wrapped: a walk over the words typed so far decides whether one of
/// the journal's words is asked for, and anything else goes on to clap_complete's
/// `_rapport`.
fn bash(generated: &str, wanted: &Wanted) -> String {
    let patterns = |paths: &BTreeSet<String>| -> String {
        let quoted: Vec<String> = paths.iter().map(|path| format!("\"{path} \"")).collect();
        quoted.join(" | ")
    };
    let arms: String = [Words::People, Words::Tags, Words::Needs, Words::Guides]
        .into_iter()
        .filter_map(|words| {
            let options = wanted.options_for(words);
            (!options.is_empty()).then(|| {
                format!(
                    "            {}) _rapport_words {} \"$2\" \"${{journal[@]}}\"; return 0 ;;\n",
                    join(&options, " | "),
                    words.key()
                )
            })
        })
        .collect();
    let hook = r#"
# The journal's words where one is asked for (rapport complete WORDS): names, tags, needs,
# guides.
_rapport_words() {
    local word i typed=${COMP_WORDS[COMP_CWORD]}
    COMPREPLY=()
    # One word a line, read as it is: an unquoted $(…) would also expand "Zed *" or "Ann?"
    # against the files of the current folder.
    while IFS= read -r word; do
        COMPREPLY+=("$word")
    done < <(command rapport complete "$1" "${@:3}" -- "${2//\\/}" 2>/dev/null)
    # No file names when no word fits.
    compopt +o default +o bashdefault 2>/dev/null
    if [[ $typed == [\"\']* ]]; then
        # After a quote readline quotes them as it quotes file names ("Zed \$HOME").
        compopt -o filenames 2>/dev/null
    else
        # Unquoted, readline's file-name quoting would leave a $ bare (Zed\ $HOME), and
        # the shell would expand it: each word is quoted here, as the shell will read it.
        for i in "${!COMPREPLY[@]}"; do
            printf -v 'COMPREPLY[i]' '%q' "${COMPREPLY[i]}"
        done
    fi
}

_rapport_with_words() {
    local i word option= valued= how= demo=() db=() journal=() path=
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
            valued=$option option= how=
            continue
        fi
        # bash splits --need autonomy:how at the colon: what follows it is the leader's own.
        if [[ $word == : && -n $valued ]]; then
            case $valued in
                @NEED_OPTIONS@) option=$valued how=1; continue ;;
            esac
        fi
        valued=
        case $word in
            --demo) demo=(--demo) ;;
            @VALUE_OPTIONS@) option=$word ;;
            -*) ;;
            *) path+="$word " ;;
        esac
    done
    journal=("${demo[@]}" "${db[@]}")
    if [[ -z $option && $2 == : && -n $valued ]]; then
        case $valued in
            @NEED_OPTIONS@) option=$valued how=1 ;;
        esac
    fi
    if [[ -n $how ]]; then
        COMPREPLY=()
        compopt +o default +o bashdefault 2>/dev/null
        return 0
    elif [[ -n $option ]]; then
        case $option in
@ARMS@        esac
    elif [[ $2 != -* ]]; then
        case $path in
            @PERSON_COMMANDS@) _rapport_words people "$2" "${journal[@]}"; return 0 ;;
            @NEW_NAMES@) COMPREPLY=(); compopt +o default +o bashdefault 2>/dev/null; return 0 ;;
        esac
    fi
    _rapport "$@"
}
"#
    .replace("@VALUE_OPTIONS@", &join(&wanted.value_options, " | "))
    .replace(
        "@NEED_OPTIONS@",
        &join(&wanted.options_for(Words::Needs), " | "),
    )
    .replace("@ARMS@", &arms)
    .replace("@PERSON_COMMANDS@", &patterns(&wanted.commands))
    .replace("@NEW_NAMES@", &patterns(&wanted.new_names));
    generated.replace("complete -F _rapport ", "complete -F _rapport_with_words ") + &hook
}

/// zsh's script knows every position already: the user-name completer it put where a person
/// is asked for, and the file names it offers for the other words, become the journal's
/// words. zsh quotes and matches them itself.
fn zsh(generated: &str, wanted: &Wanted) -> String {
    const HOOK: &str = r#"# The journal's words where one is asked for (rapport complete WORDS): names, tags, needs,
# guides, then what zsh calls one of them. _arguments puts compadd's options before those
# two, so they are read from the end.
(( $+functions[_rapport_words] )) ||
_rapport_words() {
    # Not `words`: zsh keeps the words of the command line in it.
    local -a tokens journal offered typed
    local i kind=${@[-2]} one=${@[-1]}
    tokens=(${(Q)${(z)BUFFER}})
    for ((i = 1; i <= $#tokens; i++)); do
        case $tokens[i] in
            (--demo) journal=(--demo $journal) ;;
            (--db) journal+=(--db ${tokens[i+1]/#\~/$HOME}) ;;
            (--db=*) journal+=(--db ${${tokens[i]#--db=}/#\~/$HOME}) ;;
        esac
    done
    # Rapport reads need,need and need:how itself; zsh matches the other words.
    [[ $kind == needs ]] && typed=(-- ${(Q)PREFIX})
    offered=(${(f)"$(command rapport complete $kind $journal $typed 2>/dev/null)"})
    _wanted $kind expl $one compadd -a offered
}

"#;
    let action = |words: Words| format!("_rapport_words {} {}", words.key(), words.one());
    let mut script = generated.replace(":_users'", &format!(":{}'", action(Words::People)));
    let mut lines: Vec<String> = script.lines().map(str::to_string).collect();
    for (long, value_name, words) in &wanted.value_names {
        if *words == Words::People {
            continue;
        }
        let option = format!("--{long}=[");
        let value = format!("]:{value_name}:");
        for line in lines.iter_mut().filter(|line| line.contains(&option)) {
            // `]:VALUE:ACTION' \` ends the line: the action becomes the words.
            if let (Some(at), Some(end)) = (line.rfind(&value), line.rfind('\''))
                && at < end
            {
                // A colon in the value's name (NEED[:HOW]) would end the message early,
                // and zsh would run `HOW]` as the action.
                let rewritten = format!(
                    "{}]:{}:{}{}",
                    &line[..at],
                    value_name.replace(':', "\\:"),
                    action(*words),
                    &line[end..]
                );
                *line = rewritten;
            }
        }
    }
    script = lines.join("\n") + "\n";
    // Defined before the script's last lines, which run the first completion.
    match script.rfind("if [ \"$funcstack[1]\" = \"_rapport\" ]") {
        Some(at) => format!("{}{HOOK}{}", &script[..at], &script[at..]),
        None => script + HOOK,
    }
}

/// fish's script completes options and subcommands but no positional argument: options
/// get the journal's words in place of file names or the user list, and one more line
/// offers names where a command's first positional argument is a person. fish quotes and
/// matches them itself.
fn fish(generated: &str, wanted: &Wanted) -> String {
    let quoted = |paths: &BTreeSet<String>| -> String {
        let quoted: Vec<String> = paths.iter().map(|path| format!("'{path}'")).collect();
        quoted.join(" ")
    };
    let hook = r#"
# The journal's words where one is asked for (rapport complete WORDS): names, tags, needs,
# guides.
function __rapport_words
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
    # Rapport reads need,need and need:how itself; fish matches the other words.
    set -l typed
    if test "$argv[1]" = needs
        set typed -- (string replace -r -- '^--[^=]*=' '' (commandline -ct))
    end
    command rapport complete $argv[1] $journal $typed 2>/dev/null
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

complete -c rapport -n "__rapport_first_argument_of @PERSON_COMMANDS@" -f -a '(__rapport_words people)'
complete -c rapport -n "__rapport_first_argument_of @NEW_NAMES@" -f
"#
    .replace("@VALUE_OPTIONS@", &join(&wanted.value_options, " "))
    .replace("@PERSON_COMMANDS@", &quoted(&wanted.commands))
    .replace("@NEW_NAMES@", &quoted(&wanted.new_names));
    let mut script = String::with_capacity(generated.len() + hook.len());
    for line in generated.lines() {
        script.push_str(&fish_option(line, wanted));
        script.push('\n');
    }
    script.replace("(__fish_complete_users)", "(__rapport_words people)") + &hook
}

/// One line of fish's script: an option that takes one of the words, and would be given
/// file names, is given the words.
fn fish_option(line: &str, wanted: &Wanted) -> String {
    let words = wanted
        .value_names
        .iter()
        .find(|(long, _, words)| *words != Words::People && line.contains(&format!(" -l {long} ")));
    match words {
        Some((_, _, words))
            if line.starts_with("complete -c rapport ") && line.ends_with(" -r") =>
        {
            format!("{line} -f -a '(__rapport_words {})'", words.key())
        }
        _ => line.to_string(),
    }
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
        assert_eq!(
            wanted.options_for(Words::People),
            BTreeSet::from(["--person".to_string()])
        );
        assert_eq!(
            wanted.options_for(Words::Needs),
            BTreeSet::from(["--concern", "--need", "--priorities"].map(String::from))
        );
        assert_eq!(
            wanted.options_for(Words::Tags),
            BTreeSet::from(["--tag".to_string()])
        );
        assert_eq!(
            wanted.options_for(Words::Guides),
            BTreeSet::from(["--guide".to_string()])
        );
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
