//! The docs agree with the tree: every file, folder and module path they name is there, every
//! link in them resolves inside the repository (to a heading that exists, when it names one),
//! and every source file says what it holds in a `//!` header. A file moved or renamed
//! without its docs fails here, not in a reader's hands.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::architecture::rust_files;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page of docs/, each with its text.
fn pages() -> Vec<(PathBuf, String)> {
    let mut paths = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .expect("the docs folder")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("a readable doc");
            (path, text)
        })
        .collect()
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A page split into its prose (code removed), its inline code spans, and the lines of its
/// fenced blocks.
struct Parts {
    prose: String,
    spans: Vec<String>,
    fenced: Vec<String>,
}

fn parts(text: &str) -> Parts {
    let mut parts = Parts {
        prose: String::new(),
        spans: Vec::new(),
        fenced: Vec::new(),
    };
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            parts.fenced.push(line.to_string());
            continue;
        }
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 1 {
                parts.spans.push(piece.to_string());
            } else {
                parts.prose.push_str(piece);
            }
        }
        parts.prose.push('\n');
    }
    parts
}

/// The folders a path in the docs may be written from: the repository, `src/` (the docs
/// write `store/open.rs` for `src/store/open.rs`) and `src/tui/` (`screens/`, `widgets/`).
const PATH_BASES: [&str; 3] = ["", "src", "src/tui"];

/// Where cargo builds: named by the docs, never part of the tree.
const BUILT: &str = "target/";

/// A span or word that names a file or folder of the tree: no spaces, a slash, and none of
/// the marks of a pattern, a placeholder or an address.
fn names_a_path(candidate: &str) -> bool {
    !candidate.is_empty()
        && candidate.contains('/')
        && !candidate.contains(char::is_whitespace)
        && !candidate.contains([
            '<', '>', '*', '…', '{', '$', '~', '=', '(', ':', '@', '?', '|', '"', '\'',
        ])
        && !candidate.starts_with(['/', '.', '-'])
        && !candidate.starts_with(BUILT)
        && candidate.split('/').next().is_some_and(|first| {
            PATH_BASES
                .iter()
                .any(|base| root().join(base).join(first).exists())
        })
}

/// The migration that would come next: one past the highest number in the folder.
fn next_migration() -> u32 {
    fs::read_dir(root().join("src/store/migrations"))
        .expect("the migrations folder")
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.get(..4)?.parse::<u32>().ok())
        .max()
        .expect("at least one migration")
        + 1
}

#[test]
fn every_file_and_folder_the_docs_name_is_in_the_tree() {
    let next = format!("{:04}_", next_migration());
    let mut missing = Vec::new();
    let mut checked = 0;
    for (page, text) in pages() {
        let parts = parts(&text);
        let words = parts
            .fenced
            .iter()
            .flat_map(|line| line.split_whitespace().map(str::to_string))
            .filter(|word| word.starts_with("src/"));
        for candidate in parts.spans.into_iter().chain(words) {
            let candidate = candidate.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
            let candidate = candidate.trim_end_matches(['.', ',', ';', ')']);
            if !names_a_path(candidate) {
                continue;
            }
            checked += 1;
            if PATH_BASES
                .iter()
                .any(|base| root().join(base).join(candidate).exists())
            {
                continue;
            }
            // A migration named as the example of the next one must be the next one.
            if let Some(name) = candidate.strip_prefix("src/store/migrations/") {
                if name.starts_with(&next) {
                    continue;
                }
                missing.push(format!(
                    "{}: `{candidate}` is no migration, and the next one is {next}…",
                    shown(&page)
                ));
                continue;
            }
            missing.push(format!(
                "{}: `{candidate}` is not in the tree",
                shown(&page)
            ));
        }
    }
    assert!(checked > 50, "the docs name paths ({checked} found)");
    assert_eq!(missing, Vec::<String>::new(), "update the docs or the tree");
}

/// The modules of `src/` a path like `store::cipher::sealing` may begin with.
fn top_modules() -> BTreeSet<String> {
    fs::read_dir(root().join("src"))
        .expect("the source folder")
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let module = name.strip_suffix(".rs").unwrap_or(&name).to_string();
            (!["lib", "main"].contains(&module.as_str())).then_some(module)
        })
        .collect()
}

/// The file that holds module `dir` (`src/store` → `src/store/mod.rs`, `src/clock` →
/// `src/clock.rs`), if there is one.
fn module_file(dir: &Path) -> Option<PathBuf> {
    let own = dir.with_extension("rs");
    if own.is_file() {
        return Some(own);
    }
    let inner = dir.join("mod.rs");
    inner.is_file().then_some(inner)
}

/// Whether module `dir` names `word`: in its own file, or, since a folder's `mod.rs` may
/// re-export a whole file (`pub use records::*`), in any file of its folder.
fn module_names(dir: &Path, word: &str) -> bool {
    let own = module_file(dir)
        .and_then(|file| fs::read_to_string(file).ok())
        .is_some_and(|text| holds_word(&text, word));
    own || (dir.is_dir()
        && rust_files(dir)
            .iter()
            .any(|file| fs::read_to_string(file).is_ok_and(|text| holds_word(&text, word))))
}

fn holds_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let part_of_name = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part_of_name(before) && !part_of_name(after)
    })
}

/// Why a module path such as `store::cipher::convert` or `insights::prep::{a, b}` does not
/// resolve: each lowercase step is a module file or folder, until the first one that is
/// not, which must be named in the module it is read from (defined or re-exported there).
fn unresolved(path: &str, tops: &BTreeSet<String>) -> Option<String> {
    let (head, braced) = match path.split_once("::{") {
        Some((head, rest)) => (head, rest.trim_end_matches('}')),
        None => (path, ""),
    };
    let mut steps: Vec<&str> = head.split("::").collect();
    if !tops.contains(steps[0]) {
        return None;
    }
    let mut leaves: Vec<&str> = braced
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if leaves.is_empty() {
        leaves.push(steps.pop().unwrap_or_default());
    }
    let mut dir = root().join("src");
    for step in &steps {
        let next = dir.join(step);
        if module_file(&next).is_none() && !next.is_dir() {
            // Not a module: an item, named where the walk stopped.
            return (!module_names(&dir, step)).then(|| format!("no `{step}` in {}", shown(&dir)));
        }
        dir = next;
    }
    for leaf in leaves {
        if module_file(&dir.join(leaf)).is_some() || dir.join(leaf).is_dir() {
            continue;
        }
        if !module_names(&dir, leaf) {
            return Some(format!("no `{leaf}` in {}", shown(&dir)));
        }
    }
    None
}

/// The bench suite `benches/<name>.rs`, if there is one (`queries`, `tui`, `writes`…).
fn bench_file(name: &str) -> Option<String> {
    fs::read_to_string(root().join("benches").join(name).with_extension("rs")).ok()
}

/// `queries::today`, `tui::update_and_draw_*`: a bench of a suite, as the performance pages
/// name them (the suite and the bench, found in the suite's file).
fn names_a_bench(path: &str) -> bool {
    let mut steps = path.split("::");
    let (Some(suite), Some(bench), None) = (steps.next(), steps.next(), steps.next()) else {
        return false;
    };
    let bench = bench.trim_end_matches('*').trim_end_matches('_');
    bench_file(suite).is_some_and(|text| text.contains(&format!("fn {bench}")))
}

#[test]
fn every_module_path_the_docs_name_is_in_the_tree() {
    let tops = top_modules();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (page, text) in pages() {
        for span in parts(&text).spans {
            for candidate in span.split_whitespace() {
                let candidate = candidate.trim_end_matches(['.', ',', ';', ')', '`']);
                let is_path = candidate.contains("::")
                    && candidate
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_:{}, *".contains(c));
                let first = candidate.split("::").next().unwrap_or_default();
                if !is_path || !(tops.contains(first) || bench_file(first).is_some()) {
                    continue;
                }
                checked += 1;
                if names_a_bench(candidate) {
                    continue;
                }
                if let Some(why) = unresolved(candidate, &tops) {
                    missing.push(format!("{}: `{candidate}`: {why}", shown(&page)));
                }
            }
        }
    }
    assert!(checked > 20, "the docs name modules ({checked} found)");
    assert_eq!(missing, Vec::<String>::new(), "update the docs or the tree");
}

#[test]
fn every_source_file_opens_with_a_module_header() {
    let mut bare: Vec<String> = rust_files(&root().join("src"))
        .into_iter()
        .filter(|file| {
            let text = fs::read_to_string(file).expect("a readable source file");
            !text
                .lines()
                .find(|line| !line.trim().is_empty())
                .is_some_and(|line| line.starts_with("//!"))
        })
        .map(|file| shown(&file))
        .collect();
    bare.sort();
    assert_eq!(
        bare,
        Vec::<String>::new(),
        "each source file opens with a //! header saying what it holds and why"
    );
}

/// A heading's anchor as GitHub makes it: lowercase, spaces to hyphens, other marks dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every anchor a page offers, a repeated heading's with GitHub's `-1`, `-2`…
fn anchors(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || !line.starts_with('#') {
            continue;
        }
        let base = anchor(line.trim_start_matches('#'));
        let mut name = base.clone();
        let mut n = 0;
        while found.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        found.insert(name);
    }
    found
}

/// The targets of the page's Markdown links, `[text](target)`, outside code.
fn link_targets(prose: &str) -> Vec<String> {
    prose
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target.to_string()))
        .collect()
}

#[test]
fn every_link_in_the_docs_resolves_inside_the_repository() {
    let repository = root().canonicalize().expect("the repository");
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, text) in pages() {
        for target in link_targets(&parts(&text).prose) {
            checked += 1;
            let (file, heading) = target.split_once('#').unwrap_or((&target, ""));
            if file.contains(':') {
                broken.push(format!(
                    "{}: ({target}) leaves the repository",
                    shown(&page)
                ));
                continue;
            }
            let linked = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap_or(root()).join(file)
            };
            let Ok(linked) = linked.canonicalize() else {
                broken.push(format!("{}: ({target}) is not there", shown(&page)));
                continue;
            };
            if !linked.starts_with(&repository) {
                broken.push(format!(
                    "{}: ({target}) leaves the repository",
                    shown(&page)
                ));
                continue;
            }
            if !heading.is_empty() {
                let text = fs::read_to_string(&linked).unwrap_or_default();
                if !anchors(&text).contains(heading) {
                    broken.push(format!("{}: ({target}) names no heading", shown(&page)));
                }
            }
        }
    }
    assert!(
        checked > 30,
        "the docs link to each other ({checked} found)"
    );
    assert_eq!(broken, Vec::<String>::new());
}
