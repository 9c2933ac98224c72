//! The command line explains itself: every command and every argument has a help text, the
//! journal's fixed words are listed where they are asked for, and no default is shown as an
//! empty string.

use crate::common;

use clap::CommandFactory;
use rapport::cli::Cli;

/// Every (command path, argument) pair without help, and every `[default: ""]`.
fn missing_help(command: &clap::Command, path: &str, found: &mut Vec<String>) {
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        if arg.get_help().is_none() && arg.get_long_help().is_none() {
            found.push(format!("{path} {id}: no help"));
        }
        if arg
            .get_default_values()
            .iter()
            .any(|value| value.is_empty())
            && !arg.is_hide_default_value_set()
        {
            found.push(format!("{path} {id}: shows an empty default"));
        }
    }
    for sub in command.get_subcommands() {
        if sub.get_about().is_none() && sub.get_name() != "help" {
            found.push(format!("{path} {}: no about", sub.get_name()));
        }
        missing_help(sub, &format!("{path} {}", sub.get_name()), found);
    }
}

#[test]
fn every_command_and_argument_has_help() {
    let mut found = Vec::new();
    missing_help(&Cli::command(), "rapport", &mut found);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_journals_words_are_listed_where_they_are_asked_for() {
    let command = Cli::command();
    let values = |path: &[&str], arg: &str| -> Vec<String> {
        let mut at = &command;
        for name in path {
            at = at.find_subcommand(name).expect("a subcommand");
        }
        at.get_arguments()
            .find(|a| a.get_id().as_str() == arg)
            .expect("the argument")
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    };
    assert_eq!(
        values(&["log"], "kind"),
        ["one-on-one", "check-in", "skip-level", "informal"]
    );
    assert_eq!(values(&["log"], "stance"), ["leading", "managing", "both"]);
    assert_eq!(
        values(&["timeline"], "need"),
        ["competence", "belonging", "autonomy", "fun", "security"]
    );
    assert_eq!(values(&["followup", "add"], "owner"), ["me", "them"]);
    assert!(!values(&["aspiration", "add"], "status").is_empty());
    assert!(!values(&["idea"], "status").is_empty());
}

#[test]
fn the_top_level_help_describes_the_interface() {
    let help = Cli::command().render_long_help().to_string();
    assert!(help.contains("terminal interface"), "{help}");
    assert!(
        !help.contains("With no command, Rapport shows who is due"),
        "{help}"
    );
}

/// `rapport man` writes the manual page: roff with the program's name, its options and a
/// section for every command, and it never touches a journal.
#[test]
fn the_manual_page_is_generated() {
    let journal = common::Journal::new();
    let page = journal.ok(&["man"]);
    assert!(page.contains(".TH rapport 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(page.contains(section), "{section} in {page}");
    }
    assert!(!journal.path.exists(), "no journal was made");
}

/// Every command path the program has (`log`, `person add`…), from its own definitions.
fn command_paths(command: &clap::Command, path: &str, found: &mut Vec<String>) {
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let sub_path = format!("{path} {}", sub.get_name());
        found.push(sub_path.clone());
        command_paths(sub, &sub_path, found);
    }
}

/// The one page documents every command, each under its full name with its own options,
/// and sends the reader to no other page of Rapport's: only rapport(1) is installed.
#[test]
fn the_manual_page_documents_every_command_and_names_no_missing_page() {
    let journal = common::Journal::new();
    let page = journal.ok(&["man"]);
    let mut paths = Vec::new();
    command_paths(&Cli::command(), "rapport", &mut paths);
    assert!(paths.len() > 30, "{paths:?}");
    for path in &paths {
        let heading = format!(".SS \"{}\"", path.replace('-', "\\-"));
        let heading_plain = format!(".SS \"{path}\"");
        assert!(
            page.contains(&heading) || page.contains(&heading_plain),
            "{path} has no section in the page"
        );
    }
    let log = &page[page.find(".SS \"rapport log\"").expect("log's section")..];
    let log = &log[..log[1..].find(".SS ").map_or(log.len(), |end| end + 1)];
    assert!(log.contains("\\fB\\-\\-need\\fR"), "log's options: {log}");
    // Every NAME(N) the page refers to, e.g. rapport\-log(1): none but rapport itself.
    let mut referred = Vec::new();
    for (at, _) in page.match_indices('(') {
        let after = &page[at + 1..];
        if after.len() > 1 && after.as_bytes()[0].is_ascii_digit() && after.as_bytes()[1] == b')' {
            let name: String = page[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '\\')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            referred.push(name.replace("\\-", "-"));
        }
    }
    let missing: Vec<&String> = referred
        .iter()
        .filter(|name| name.starts_with("rapport") && name.as_str() != "rapport")
        .collect();
    assert!(missing.is_empty(), "pages that do not exist: {missing:?}");
}

/// `groff -ww` reads the page without a single warning: `…`, `×`, `–` and every other
/// character past ASCII are written as groff's escapes, and come out as themselves.
#[test]
fn the_manual_page_is_clean_under_groff() {
    if !common::installed("groff") {
        return;
    }
    let journal = common::Journal::new();
    let page = journal.ok(&["man"]);
    assert!(
        page.is_ascii(),
        "the page is ASCII, its other characters escaped"
    );
    assert!(page.contains("\\[u2026]"), "an ellipsis, escaped");
    let mut groff = std::process::Command::new("groff");
    common::isolate(&mut groff).args(["-ww", "-man", "-Tutf8"]);
    let run = common::execute(&mut groff, Some(page.as_bytes()));
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stderr, "", "groff's warnings");
    assert!(
        run.stdout.contains("a check-in…"),
        "the ellipsis reads as one again"
    );
}

/// `rapport log --help` names the five needs where it asks for one.
#[test]
fn log_help_names_the_five_needs() {
    let journal = common::Journal::new();
    let help = journal.ok(&["log", "--help"]);
    for option in ["--need <NEED[:HOW]>", "--concern <NEED[:NOTE]>"] {
        let at = help.find(option).expect("the option");
        let text = &help[at..];
        let text = &text[..text.find("\n      --").unwrap_or(text.len())];
        for need in ["competence", "belonging", "autonomy", "fun", "security"] {
            assert!(text.contains(need), "{option} names {need}: {text}");
        }
    }
}

/// Completions offer the journal's words where they are asked for, and never file names
/// where a person is (fish and zsh say so in their scripts).
#[test]
fn completions_offer_words_not_files() {
    let journal = common::Journal::new();
    let fish = journal.ok(&["completions", "fish"]);
    let kind = fish
        .lines()
        .find(|l| l.contains("using_subcommand log\" -l kind"))
        .expect("log --kind");
    assert!(
        kind.contains("one-on-one") && kind.contains(" -f "),
        "{kind}"
    );
    for line in fish.lines().filter(|l| l.contains("-l person")) {
        assert!(line.contains(" -f"), "no file names for a person: {line}");
    }
    let zsh = journal.ok(&["completions", "zsh"]);
    assert!(
        zsh.contains("--kind=[What sort of conversation it was]:KIND:(one-on-one check-in skip-level informal)"),
        "{zsh}"
    );
    assert!(
        !zsh.contains(":NAME:_default") && !zsh.contains(":NAME:_files"),
        "no file names for a person"
    );
}
