//! The layers keep to their places: the two front ends never name each other (the binary
//! composes them), and the layers beneath them name neither.

use std::fs;
use std::path::{Path, PathBuf};

pub(super) fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The files under `src/{layer}` that name any of `forbidden` (as `crate::x` or `super::x`
/// reaching out of the layer).
fn naming(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let mut offenders = Vec::new();
    for file in rust_files(&root) {
        let text = fs::read_to_string(&file).expect("a readable source file");
        for name in forbidden {
            if text.contains(&format!("crate::{name}")) {
                offenders.push(format!("{} names {name}", file.display()));
            }
        }
    }
    offenders
}

#[test]
fn the_front_ends_never_name_each_other() {
    assert_eq!(naming("tui", &["cli"]), Vec::<String>::new());
    assert_eq!(naming("cli", &["tui"]), Vec::<String>::new());
}

#[test]
fn the_layers_beneath_the_front_ends_name_neither() {
    for layer in ["domain", "store", "insights", "views", "export", "demo"] {
        assert_eq!(
            naming(layer, &["cli", "tui"]),
            Vec::<String>::new(),
            "{layer}"
        );
    }
    // The rules need no rows, no screens and no answers about rows.
    assert_eq!(
        naming(
            "domain",
            &["store", "insights", "views", "export", "config"]
        ),
        Vec::<String>::new()
    );
    // Insights are pure answers from rows: they read row types, never the screens.
    assert_eq!(naming("insights", &["views"]), Vec::<String>::new());
}

/// Only the store speaks SQL: the export, import and the demo go through its API (the
/// tables' descriptions and the bulk load), never through a connection of their own. A
/// module's own tests may read the journal back to check it.
#[test]
fn export_import_and_the_demo_write_no_sql() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for layer in ["export", "demo"] {
        for file in rust_files(&src.join(layer)) {
            if file.file_name().is_some_and(|name| name == "tests.rs") {
                continue;
            }
            let text = fs::read_to_string(&file).expect("a readable source file");
            for word in ["rusqlite", "connection()", "INSERT INTO", "SELECT "] {
                if text.contains(word) {
                    offenders.push(format!("{} has {word}", file.display()));
                }
            }
        }
    }
    assert_eq!(offenders, Vec::<String>::new());
}

/// The names of the items a source file declares `pub` (not `pub(crate)`): items and
/// methods, and what its `pub use` lines re-export. Fields and variants are left out.
fn public_names(text: &str) -> Vec<String> {
    const KINDS: [&str; 8] = [
        "fn", "struct", "enum", "const", "static", "type", "trait", "mod",
    ];
    let ident = |token: &str| -> String {
        token
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.trim_start().strip_prefix("pub ") else {
            continue;
        };
        if let Some(used) = rest.strip_prefix("use ") {
            let mut statement = used.to_string();
            while !statement.contains(';') {
                match lines.next() {
                    Some(more) => statement.push_str(more),
                    None => break,
                }
            }
            let statement = statement.replace(['{', '}', ';'], ",");
            for part in statement.split(',').map(str::trim) {
                let name = match part.split_once(" as ") {
                    Some((_, alias)) => alias.trim(),
                    None => part.rsplit("::").next().unwrap_or_default(),
                };
                if !name.is_empty() && name != "*" && name != "self" {
                    names.push(name.to_string());
                }
            }
            continue;
        }
        let mut tokens = rest
            .split_whitespace()
            .skip_while(|t| matches!(*t, "async" | "unsafe" | "extern" | "\"C\""))
            .peekable();
        let mut kind = tokens.next().unwrap_or_default();
        if kind == "const" && tokens.peek() == Some(&"fn") {
            kind = tokens.next().unwrap_or_default();
        }
        if KINDS.contains(&kind) {
            let name = ident(tokens.next().unwrap_or_default());
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// Types the tests and benches receive from public functions and fields without naming
/// them (`Store::backup` answers a `BackupFile`): public because what returns them is.
const REACHED_THROUGH_SIGNATURES: &[&str] = &[
    "BackupFile",
    "Balance",
    "ClockError",
    "Count",
    "DemoReport",
    "DueEntry",
    "Effect",
    "FrequencyStrips",
    "GapRow",
    "Health",
    "ImportReport",
    "LineInput",
    "NeedCell",
    "ListedBackup",
    "PersonDetail",
    "PersonFacts",
    "PersonRef",
    "PersonSummary",
    "PrepRows",
    "PrepSheet",
    "Question",
    "Saved",
    "SearchPanel",
    "SmallForm",
    "Stamp",
    "Status",
    "TextField",
    "Thresholds",
    "TimelinePage",
    "TrendPoint",
    "TeamTrendsView",
    "TrendsView",
    "TuiError",
    "WeekGlance",
    "WeekScreen",
    "WeekSummary",
];

/// The library is public only where something outside it needs it: every item declared
/// `pub` in `src/` is named by the binary (`src/main.rs`), a test or a bench, or is a type
/// they get through one (above). Anything else is `pub(crate)` or private, so the public
/// surface is what those three use.
#[test]
fn the_library_exposes_only_what_the_binary_tests_and_benches_use() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut outside = vec![root.join("src/main.rs")];
    outside.extend(rust_files(&root.join("tests")));
    outside.extend(rust_files(&root.join("benches")));
    let used: std::collections::HashSet<String> = outside
        .iter()
        .flat_map(|file| {
            fs::read_to_string(file)
                .expect("a readable file")
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut unused = Vec::new();
    let mut declared = std::collections::HashSet::new();
    for file in rust_files(&root.join("src")) {
        if file.ends_with("src/main.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        for name in public_names(&text) {
            declared.insert(name.clone());
            if !used.contains(&name) && !REACHED_THROUGH_SIGNATURES.contains(&name.as_str()) {
                let shown = file.strip_prefix(root).unwrap_or(&file).display();
                unused.push(format!("{shown}: {name}"));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "public, but nothing outside the library names it (make it pub(crate)):\n{}",
        unused.join("\n")
    );
    let stale: Vec<&&str> = REACHED_THROUGH_SIGNATURES
        .iter()
        .filter(|name| !declared.contains(**name))
        .collect();
    assert!(stale.is_empty(), "no longer public: {stale:?}");
}
