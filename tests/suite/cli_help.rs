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

/// `rapport man` writes the manual page: roff with the program's name, its commands and
/// its options, and it never touches a journal.
#[test]
fn the_manual_page_is_generated() {
    let journal = common::Journal::new();
    let page = journal.ok(&["man"]);
    assert!(page.contains(".TH rapport 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} in {page}");
    }
    for command in ["log", "timeline", "restore", "man"] {
        assert!(
            page.contains(&format!("rapport\\-{command}(1)")),
            "{command} in {page}"
        );
    }
    assert!(!journal.path.exists(), "no journal was made");
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
