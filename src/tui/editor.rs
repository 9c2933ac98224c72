//! Editing notes in the leader's own editor, on a private temporary file that is removed
//! afterwards.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// Opens `$VISUAL`, else `$EDITOR`, else `vi` on `text` and returns what was saved.
pub(crate) fn edit(text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let dir = private_dir()
        .map_err(|e| format!("could not make a private folder for the editor: {e}"))?;
    let result = edit_in(&dir, &editor, text);
    let _ = fs::remove_dir_all(&dir);
    result
}

fn edit_in(dir: &Path, editor: &str, text: &str) -> Result<String, String> {
    let file = dir.join("notes.md");
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&file)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("could not prepare the notes for the editor: {e}"))?;
    let words = editor_words(editor)?;
    let (program, arguments) = words
        .split_first()
        .map_or(("vi", &[][..]), |(first, rest)| (first.as_str(), rest));
    let mut command = Command::new(program);
    command.args(arguments);
    command.args(private_flags(program));
    let status = command
        .arg(&file)
        .status()
        .map_err(|e| format!("could not start the editor \"{program}\": {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor \"{program}\" ended with an error; the notes were not changed"
        ));
    }
    let edited =
        fs::read_to_string(&file).map_err(|e| format!("could not read the notes back: {e}"))?;
    Ok(edited.trim_end_matches('\n').to_string())
}

/// The editor setting split the way a shell would: `code --wait` is a program and a flag,
/// `"/Applications/My Editor.app/vim" -u NONE` a quoted path and two flags.
fn editor_words(editor: &str) -> Result<Vec<String>, String> {
    shell_words::split(editor).map_err(|_| {
        "the editor setting ($VISUAL or $EDITOR) has an unclosed quote; fix it and try again"
            .to_string()
    })
}

/// Vim and Neovim otherwise leave swap, undo, backup and history files with copies of the
/// notes behind.
fn private_flags(program: &str) -> Vec<&'static str> {
    let name = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    match name {
        "vim" | "vi" | "gvim" | "nvim" => vec![
            "-n",
            "-i",
            "NONE",
            "--cmd",
            "set nobackup nowritebackup noundofile noswapfile viminfo= shada=",
        ],
        _ => Vec::new(),
    }
}

fn private_dir() -> std::io::Result<PathBuf> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("rapport-{}-{nanos}", std::process::id()));
    DirBuilder::new().mode(0o700).create(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_setting_is_split_like_a_shell_would() {
        assert_eq!(editor_words("code --wait").unwrap(), ["code", "--wait"]);
        assert_eq!(
            editor_words(r#""/opt/My Editor/vim" -u NONE"#).unwrap(),
            ["/opt/My Editor/vim", "-u", "NONE"]
        );
        assert_eq!(
            editor_words(r"/opt/My\ Editor/nvim").unwrap(),
            ["/opt/My Editor/nvim"]
        );
        assert!(editor_words("'unclosed").is_err());
    }
}
