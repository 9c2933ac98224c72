//! `rapport man`: one manual page that documents every command, built from the same clap
//! definitions as `--help`. One page, so that it refers to no `rapport-*` page that nobody
//! installs, and one file to put on MANPATH.

use std::io::Write;

use clap::{Command, CommandFactory};
use clap_mangen::Man;

use super::Cli;

/// The page, in roff that `groff -ww -man` reads without a warning.
pub(super) fn page() -> std::io::Result<Vec<u8>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    writeln!(page, ".SH COMMANDS")?;
    let globals: Vec<String> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set() && !arg.is_hide_set())
        .filter_map(|arg| {
            arg.get_long()
                .map(|long| format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-")))
        })
        .collect();
    if !globals.is_empty() {
        writeln!(
            page,
            "Each command below also takes {}, as described under OPTIONS.",
            globals.join(", ")
        )?;
    }
    for sub in visible(&command) {
        entry(sub, &mut page)?;
    }
    if command.get_after_help().is_some() || command.get_after_long_help().is_some() {
        man.render_extra_section(&mut page)?;
    }
    if command.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    Ok(for_groff(&String::from_utf8_lossy(&page)).into_bytes())
}

fn visible(command: &Command) -> impl Iterator<Item = &Command> {
    command.get_subcommands().filter(|sub| !sub.is_hide_set())
}

/// One command under its full name (`rapport person add`): its synopsis, description,
/// options and any examples, then the commands under it.
fn entry(command: &Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
    // The global options (--db, --config…) are told once, at the top of the page.
    let man = Man::new(command.clone().mut_args(|arg| {
        if arg.is_global_set() {
            arg.hide(true)
        } else {
            arg
        }
    }));
    writeln!(page, ".SS \"{}\"", name.replace('"', ""))?;
    let mut sections = Vec::new();
    man.render_synopsis_section(&mut sections)?;
    man.render_description_section(&mut sections)?;
    if command
        .get_arguments()
        .any(|arg| !arg.is_hide_set() && !arg.is_global_set())
    {
        man.render_options_section(&mut sections)?;
    }
    if command.get_after_help().is_some() || command.get_after_long_help().is_some() {
        man.render_extra_section(&mut sections)?;
    }
    // A page has only two levels of heading: within a command, its own headings become a
    // paragraph with the heading in italics, and the synopsis and description need none.
    for line in String::from_utf8_lossy(&sections).lines() {
        match line.strip_prefix(".SH ") {
            Some("SYNOPSIS" | "DESCRIPTION" | "EXTRA") => writeln!(page, ".PP")?,
            Some(heading) => {
                let heading = heading.trim_matches('"').to_lowercase();
                let mut letters = heading.chars();
                let heading: String = letters
                    .next()
                    .map(|first| first.to_uppercase().chain(letters).collect())
                    .unwrap_or_default();
                writeln!(page, ".PP\n\\fI{heading}:\\fR")?;
            }
            // Each render defines groff's quote string again; the page's title did already.
            None if line.ends_with(".ds Aq \\(aq") || line.ends_with(".ds Aq '") => {}
            None => writeln!(page, "{line}")?,
        }
    }
    for sub in visible(command) {
        entry(sub, page)?;
    }
    Ok(())
}

/// groff reads its input as Latin-1 unless told otherwise (man runs preconv; `groff -man`
/// alone does not): every character past ASCII (`…`, `×`, `–`, `é`) is written as groff's
/// own escape for it, which every groff reads the same.
fn for_groff(page: &str) -> String {
    let mut escaped = String::with_capacity(page.len());
    for character in page.chars() {
        if character.is_ascii() {
            escaped.push(character);
        } else {
            escaped.push_str(&format!("\\[u{:04X}]", u32::from(character)));
        }
    }
    escaped
}
