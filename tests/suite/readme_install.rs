//! The README's Install block works as pasted: its `sh` blocks run with bash in a fresh,
//! empty HOME, with the built binary put where `cargo install` would put it, and afterwards
//! man finds the page, and bash, zsh and fish load their completions from where the block
//! wrote them. A test that needs man, zsh or fish says it is skipped when that is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{self, BIN, Run, installed};

/// The `sh` blocks of README.md's "## Install" section, one script.
fn install_block() -> String {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(readme).expect("README.md");
    let start = readme.find("\n## Install\n").expect("an Install section");
    let section = &readme[start + 1..];
    let section = &section[..section[1..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 1)];
    let mut script = String::new();
    let mut in_block = false;
    for line in section.lines() {
        match (in_block, line.trim_end()) {
            (false, "```sh") => in_block = true,
            (true, "```") => in_block = false,
            (true, line) => {
                script.push_str(line);
                script.push('\n');
            }
            _ => {}
        }
    }
    assert!(!in_block, "every block is closed");
    script
}

/// A fresh HOME and the Install block made ready to run there: the `cargo install` line
/// puts the binary under test in ~/.cargo/bin instead of building it again.
struct Fresh {
    _dir: tempfile::TempDir,
    home: PathBuf,
}

impl Fresh {
    fn new() -> Fresh {
        let dir = tempfile::tempdir().expect("a temp folder");
        let home = dir.path().join("home");
        std::fs::create_dir(&home).expect("an empty HOME");
        Fresh { _dir: dir, home }
    }

    /// A command with only this HOME, a PATH with ~/.cargo/bin first as rustup makes it, and
    /// nothing of the developer's (no XDG folders, no RAPPORT_*).
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        let system = std::env::var_os("PATH").unwrap_or_default();
        let mut path = self.home.join(".cargo/bin").into_os_string();
        path.push(":");
        path.push(system);
        common::isolate(&mut command)
            .env("PATH", path)
            .env("HOME", &self.home)
            .env("LANG", "C.UTF-8")
            .current_dir(&self.home)
            .stdin(Stdio::null());
        command
    }

    /// Runs `block` with bash, stopping at the first line that fails, and says what MANPATH
    /// it left.
    fn install(&self, block: &str) -> Run {
        let lines: Vec<&str> = block
            .lines()
            .filter(|line| line.trim_start().starts_with("cargo install"))
            .collect();
        assert_eq!(lines.len(), 1, "one cargo install line: {block}");
        let copy = format!(
            "mkdir -p ~/.cargo/bin && cp '{BIN}' ~/.cargo/bin/rapport  # {}",
            lines[0]
        );
        let script = format!(
            "set -euo pipefail\n{}\nprintf 'MANPATH=%s\\n' \"${{MANPATH-}}\"\n",
            block.replacen(lines[0], &copy, 1)
        );
        let mut bash = self.command("bash");
        bash.args(["--norc", "--noprofile", "-c", &script]);
        common::execute(&mut bash, None)
    }
}

fn manpath(run: &Run) -> String {
    run.stdout
        .lines()
        .find_map(|line| line.strip_prefix("MANPATH="))
        .expect("the block's MANPATH")
        .to_string()
}

#[test]
fn the_install_block_works_in_a_fresh_home() {
    let fresh = Fresh::new();
    let run = fresh.install(&install_block());
    assert_eq!(run.code, 0, "the block as pasted: {run:#?}");
    assert_eq!(run.stderr, "", "{run:#?}");

    // man finds the page with the MANPATH the block sets.
    let page = fresh.home.join(".local/share/man/man1/rapport.1");
    assert!(page.is_file(), "{}", page.display());
    if installed("man") {
        let mut man = fresh.command("man");
        man.args(["-w", "rapport"]).env("MANPATH", manpath(&run));
        let found = common::execute(&mut man, None);
        assert_eq!(found.code, 0, "{found:#?}");
        assert_eq!(found.stdout.trim(), page.to_str().expect("a UTF-8 path"));
    }

    // bash: the file bash-completion reads for `rapport`, and it completes when sourced.
    let bash_file = fresh
        .home
        .join(".local/share/bash-completion/completions/rapport");
    let mut bash = fresh.command("bash");
    bash.args([
        "--norc",
        "--noprofile",
        "-c",
        r#"source "$1"
COMP_WORDS=(rapport per)
COMP_CWORD=1
COMP_LINE="rapport per"
COMP_POINT=${#COMP_LINE}
entry=$(complete -p rapport)
entry=${entry#*-F }
${entry%% *} rapport per rapport
printf '%s\n' "${COMPREPLY[@]}""#,
        "bash",
        bash_file.to_str().expect("a UTF-8 path"),
    ]);
    let offered = common::execute(&mut bash, None);
    assert_eq!(offered.stderr, "", "{offered:#?}");
    assert_eq!(offered.stdout.trim(), "person", "{offered:#?}");

    // zsh, as it starts with the ~/.zshrc the block wrote: compinit finds _rapport.
    if installed("zsh") {
        let mut zsh = fresh.command("zsh");
        zsh.args([
            "-i",
            "-c",
            "print -r -- \"$_comps[rapport]\" $^fpath/_rapport(N)",
        ]);
        let loaded = common::execute(&mut zsh, None);
        assert_eq!(
            loaded.stdout.trim(),
            format!("_rapport {}/.zfunc/_rapport", fresh.home.display()),
            "{loaded:#?}"
        );
    }

    // fish reads ~/.config/fish/completions by itself.
    if installed("fish") {
        let mut fish = fresh.command("fish");
        fish.args(["-c", "complete -C 'rapport per'"]);
        let offered = common::execute(&mut fish, None);
        assert_eq!(offered.stderr, "", "{offered:#?}");
        let words: Vec<&str> = offered
            .stdout
            .lines()
            .map(|line| line.split('\t').next().unwrap_or_default())
            .collect();
        assert_eq!(words, ["person"], "{offered:#?}");
    }
}

/// The run above stops at a line that breaks: without the folder made for bash's file, the
/// block fails where it writes it.
#[test]
fn a_broken_line_of_the_install_block_is_caught() {
    let block = install_block();
    let made = "mkdir -p ~/.local/share/bash-completion/completions\n";
    assert!(block.contains(made), "{block}");
    let fresh = Fresh::new();
    let run = fresh.install(&block.replacen(made, "", 1));
    assert_ne!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr
            .contains("bash-completion/completions/rapport: No such file or directory"),
        "{run:#?}"
    );
}
