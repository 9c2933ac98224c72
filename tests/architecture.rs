//! The layers keep to their places: the two front ends never name each other (the binary
//! composes them), and the layers beneath them name neither.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
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
