//! The layers keep to their places: the two front ends never name each other (the binary
//! composes them), and the layers beneath them name neither.

use std::collections::{BTreeMap, BTreeSet};
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
    for layer in [
        "domain", "keymap", "store", "insights", "views", "export", "demo",
    ] {
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
    "ConflictsSheet",
    "Count",
    "DemoReport",
    "DueEntry",
    "Effect",
    "FrequencyStrips",
    "GapRow",
    "Health",
    "HelpScroll",
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

/// A source file's path under `src/` with `/` between folders (`tui/app.rs`).
fn under_src(file: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    file.strip_prefix(&src)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The module path of a file under `src/` (`tui/screens/today.rs` is `tui::screens::today`,
/// `tui/mod.rs` is `tui`, `lib.rs` the crate root).
fn module_of(file: &str) -> Vec<String> {
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The file that holds a module, when there is one.
fn file_of(module: &[String], files: &BTreeSet<String>) -> Option<String> {
    if module.is_empty() {
        return Some("lib.rs".into()).filter(|f| files.contains(f));
    }
    let joined = module.join("/");
    [format!("{joined}.rs"), format!("{joined}/mod.rs")]
        .into_iter()
        .find(|f| files.contains(f))
}

/// The lines of a file without its inline test modules (`#[cfg(test)] mod … { … }`).
fn lines_without_tests(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at].trim_start();
        let next_is_inline_mod = lines.get(at + 1).map(|l| l.trim_start()).is_some_and(|l| {
            (l.starts_with("mod ") || l.starts_with("pub mod ")) && l.contains('{')
        });
        if line.starts_with("#[cfg(test)]") && next_is_inline_mod {
            // Skip to the line that closes the module's braces.
            let mut depth = 0i32;
            at += 1;
            while at < lines.len() {
                depth += lines[at].matches('{').count() as i32;
                depth -= lines[at].matches('}').count() as i32;
                at += 1;
                if depth <= 0 {
                    break;
                }
            }
            continue;
        }
        kept.push(lines[at]);
        at += 1;
    }
    kept
}

/// The text of a file without its inline test modules, whose `super::` means the file
/// itself, and without whole-line comments.
fn code_without_tests(text: &str) -> String {
    lines_without_tests(text)
        .into_iter()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths one `use` tree stands for: `a::{b, c::{d, self}}` is `a::b`, `a::c::d`, `a::c`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand_use)
        .map(|p| match p.as_str() {
            "self" => prefix.trim_end_matches("::").to_string(),
            _ => format!("{prefix}{p}"),
        })
        .collect()
}

/// The paths a file's code names that may lead into the crate: every path of its `use`
/// statements, and every `crate::…`, `super::…` or `self::…` path written in its code, or
/// one that starts with a child module it declares (`mod app;` then `app::App`).
fn named_paths(code: &str, children: &[String]) -> Vec<String> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut paths = Vec::new();
    let mut rest = String::new();
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        // A `use` statement starts a line (after any visibility) and runs to its `;`.
        let trimmed = line.trim_start();
        let after_vis = trimmed
            .strip_prefix("pub(crate) ")
            .or_else(|| trimmed.strip_prefix("pub(super) "))
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        let Some(tree) = after_vis.strip_prefix("use ") else {
            rest.push_str(line);
            rest.push('\n');
            continue;
        };
        let mut statement = tree.to_string();
        while !statement.contains(';') {
            match lines.next() {
                Some(more) => statement.push_str(more),
                None => break,
            }
        }
        let tree = statement.split(';').next().unwrap_or_default();
        paths.extend(expand_use(tree));
    }
    let mut roots: Vec<String> = vec!["crate::".into(), "super::".into(), "self::".into()];
    roots.extend(children.iter().map(|c| format!("{c}::")));
    for root in &roots {
        let mut from = 0;
        while let Some(found) = rest[from..].find(root.as_str()) {
            let at = from + found;
            from = at + root.len();
            // Part of a longer path or name (`x::app::`, `rapport::`): not a root.
            if rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| ident(c) || c == ':')
            {
                continue;
            }
            let path: String = rest[at..]
                .chars()
                .take_while(|c| ident(*c) || *c == ':')
                .collect();
            paths.push(path);
        }
    }
    paths
}

/// What one source file says, for the graph: its module path, its code without tests, the
/// child modules it declares and what it re-exports (`pub use error::Error;` maps `Error` to
/// `error::Error`).
struct SourceFile {
    module: Vec<String>,
    code: String,
    children: Vec<String>,
    reexports: BTreeMap<String, String>,
}

fn read_source(file: &Path) -> SourceFile {
    let code = code_without_tests(&fs::read_to_string(file).expect("a readable source file"));
    let mut children = Vec::new();
    let mut reexports = BTreeMap::new();
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        let rest = ["pub(crate) ", "pub(super) ", "pub "]
            .iter()
            .find_map(|vis| line.strip_prefix(vis))
            .unwrap_or(line);
        if let Some(child) = rest.strip_prefix("mod ").and_then(|c| c.strip_suffix(';')) {
            children.push(child.to_string());
        } else if line.starts_with("pub") && rest.starts_with("use ") {
            let mut statement = rest["use ".len()..].to_string();
            while !statement.contains(';') {
                match lines.next() {
                    Some(more) => statement.push_str(more),
                    None => break,
                }
            }
            let tree = statement.split(';').next().unwrap_or_default();
            for (path, name) in expand_use(tree).into_iter().zip(use_names(tree)) {
                reexports.insert(name, path);
            }
        }
    }
    SourceFile {
        module: module_of(&under_src(file)),
        code,
        children,
        reexports,
    }
}

/// The names a `use` tree brings in, in the order of [`expand_use`]'s paths (an alias's
/// name for `x as y`, the last segment otherwise).
fn use_names(tree: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut part = String::new();
    for c in tree.chars().chain([',']) {
        if matches!(c, '{' | '}' | ',') {
            let item = part.trim();
            if !item.is_empty() && !item.ends_with("::") {
                let name = match item.split_once(" as ") {
                    Some((_, alias)) => alias.trim(),
                    None => item.rsplit("::").next().unwrap_or(item),
                };
                names.push(name.to_string());
            }
            if c == '{' {
                // `a::{…}` opens a group: the prefix is no item of its own.
                part.clear();
                continue;
            }
            part.clear();
        } else {
            part.push(c);
        }
    }
    names
}

/// The file a path written in `from` leads to: the deepest module it names that is a file,
/// and, where it goes on to an item that module only re-exports, the file that item comes
/// from. `None` for a path that leaves the crate (`std::`, `ratatui::`).
fn resolve(
    path: &str,
    from: &str,
    sources: &BTreeMap<String, SourceFile>,
    hops: usize,
) -> Option<String> {
    let source = &sources[from];
    let mut segments = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut module: Vec<String> = match segments.peek().copied() {
        Some("crate") => {
            segments.next();
            vec![]
        }
        Some("super") => {
            let mut module = source.module.clone();
            while segments.peek() == Some(&"super") {
                segments.next();
                module.pop();
            }
            module
        }
        Some("self") => {
            segments.next();
            source.module.clone()
        }
        Some(first) if source.children.iter().any(|c| c == first) => source.module.clone(),
        _ => return None,
    };
    let files: BTreeSet<String> = sources.keys().cloned().collect();
    for segment in segments {
        let mut deeper = module.clone();
        deeper.push(segment.to_string());
        if file_of(&deeper, &files).is_some() {
            module = deeper;
            continue;
        }
        // An item of `module`: where it is only re-exported there, follow it to its file.
        let holder = file_of(&module, &files)?;
        if let Some(origin) = sources[&holder].reexports.get(segment)
            && hops < 8
        {
            return resolve(origin, &holder, sources, hops + 1).or(Some(holder));
        }
        break;
    }
    file_of(&module, &files)
}

/// The graph of the source files under `src/{folder}` (all of `src/` for `""`): each file
/// (as a path under `src/`, `tui/app.rs`) and the files of the crate it names, computed
/// from its `use` lines and the paths in its code (see [`named_paths`] and [`resolve`]). A
/// file naming itself is left out.
fn file_graph(folder: &str) -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let sources: BTreeMap<String, SourceFile> = rust_files(&src)
        .iter()
        .map(|f| (under_src(f), read_source(f)))
        .collect();
    let mut graph = BTreeMap::new();
    for file in rust_files(&src.join(folder)) {
        let name = under_src(&file);
        let source = &sources[&name];
        let names: BTreeSet<String> = named_paths(&source.code, &source.children)
            .iter()
            .filter_map(|path| resolve(path, &name, &sources, 0))
            .filter(|target| *target != name)
            .collect();
        graph.insert(name, names);
    }
    graph
}

/// The circles of a file graph: each group of files that can reach one another through
/// the files they name (Tarjan's strongly connected components of more than one file).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(walk: &mut Walk<'a>, file: &'a str) {
        let at = walk.index.len();
        walk.index.insert(file, at);
        walk.low.insert(file, at);
        walk.stack.push(file);
        walk.on_stack.insert(file);
        for next in walk.graph.get(file).into_iter().flatten() {
            let next = next.as_str();
            if !walk.graph.contains_key(next) {
                continue;
            }
            if !walk.index.contains_key(next) {
                visit(walk, next);
                let low = walk.low[file].min(walk.low[next]);
                walk.low.insert(file, low);
            } else if walk.on_stack.contains(next) {
                let low = walk.low[file].min(walk.index[next]);
                walk.low.insert(file, low);
            }
        }
        if walk.low[file] == walk.index[file] {
            let mut group = Vec::new();
            while let Some(member) = walk.stack.pop() {
                walk.on_stack.remove(member);
                group.push(member.to_string());
                if member == file {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                walk.found.push(group);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for file in graph.keys() {
        if !walk.index.contains_key(file.as_str()) {
            visit(&mut walk, file);
        }
    }
    walk.found
}

/// The interface has no circle of files: the shell names the screens, overlays and forms,
/// and they never name it back (they return requests that carry intent, and the shell
/// builds what those ask for). Both are computed from the source, not from a list.
#[test]
fn the_tui_has_no_circle_and_no_room_names_the_shell() {
    let graph = file_graph("tui");
    // Sanity: the graph sees the edges it must (the shell names the screens).
    assert!(
        graph["tui/app.rs"].contains("tui/screens/today.rs"),
        "{:?}",
        graph["tui/app.rs"]
    );
    // The shell: `app.rs` and every file that names it.
    let shell: BTreeSet<&str> = graph
        .iter()
        .filter(|(file, names)| *file == "tui/app.rs" || names.contains("tui/app.rs"))
        .map(|(file, _)| file.as_str())
        .collect();
    let mut offenders = Vec::new();
    for (file, names) in &graph {
        let in_a_room = ["tui/screens/", "tui/overlays/", "tui/forms/"]
            .iter()
            .any(|room| file.starts_with(room));
        if !in_a_room {
            continue;
        }
        for name in names {
            if shell.contains(name.as_str()) {
                offenders.push(format!("{file} names the shell's {name}"));
            }
        }
    }
    assert_eq!(offenders, Vec::<String>::new());
    let inside: BTreeMap<String, BTreeSet<String>> = graph
        .iter()
        .map(|(file, names)| {
            let names = names
                .iter()
                .filter(|n| n.starts_with("tui/"))
                .cloned()
                .collect();
            (file.clone(), names)
        })
        .collect();
    assert_eq!(circles(&inside), Vec::<Vec<String>>::new());
}

/// The graph builder reads the ways a file names another, and the circle finder finds a
/// circle of three: the two would otherwise pass by seeing nothing.
#[test]
fn the_file_graph_reads_use_trees_and_paths_and_finds_circles() {
    assert_eq!(
        expand_use("crate::tui::{app::App, keymap::{self, Action}}"),
        vec![
            "crate::tui::app::App",
            "crate::tui::keymap",
            "crate::tui::keymap::Action"
        ]
    );
    let code = code_without_tests(
        "use super::x::Y;\nfn f() { crate::tui::widgets::PAGE; app::go(); }\n// crate::cli::z\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    );
    assert_eq!(
        named_paths(&code, &["app".to_string()]),
        vec!["super::x::Y", "crate::tui::widgets::PAGE", "app::go"]
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a.rs", vec!["b.rs"]),
        ("b.rs", vec!["c.rs"]),
        ("c.rs", vec!["a.rs"]),
        ("d.rs", vec!["a.rs"]),
    ]
    .into_iter()
    .map(|(f, n)| (f.to_string(), n.into_iter().map(str::to_string).collect()))
    .collect();
    assert_eq!(circles(&graph), vec![vec!["a.rs", "b.rs", "c.rs"]]);
}

/// The floors of `src/`, lowest first: a folder (or a file at the top of `src/`) names only
/// folders on floors below its own, never one on its floor or above. `lib.rs` and `main.rs`
/// are the composition root above them all. The rules need nothing; the clock and the
/// settings need only the rules; the store keeps rows; insights answer from rows; views
/// shape answers for reading; export and the demo write and read whole journals; the two
/// front ends stand on top and never name each other.
const FLOORS: &[&[&str]] = &[
    &["domain"],
    &["keymap"],
    &["clock", "config"],
    &["store"],
    &["insights"],
    &["views"],
    &["export", "demo"],
    &["cli", "tui"],
];

/// The folder of a file under `src/` (`store/open.rs` is `store`, `config.rs` is `config`).
fn folder_of(file: &str) -> &str {
    file.split('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".rs")
}

/// The edges of a graph that lead into the front door (`mod.rs`) of a folder holding the
/// file: a room uses what its folder shares (`Store`, `Result`), and the front door
/// declares the rooms; a circle through it is the module tree, not a tangle. Items the
/// front door only re-exports are followed to their own files (see [`resolve`]), so two
/// rooms that name each other through it still make a circle.
fn without_front_doors(
    graph: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    graph
        .iter()
        .map(|(file, names)| {
            let names = names
                .iter()
                .filter(|name| {
                    let front_door_of = name.strip_suffix("mod.rs");
                    !front_door_of.is_some_and(|folder| file.starts_with(folder))
                })
                .cloned()
                .collect();
            (file.clone(), names)
        })
        .collect()
}

/// No circle of files anywhere in `src/`: within a folder or across folders, computed from
/// the `use` lines and paths of every file.
#[test]
fn no_circle_of_files_anywhere_in_src() {
    let graph = file_graph("");
    // Sanity: the graph sees edges within and across folders.
    assert!(graph["store/backup.rs"].contains("store/files.rs"));
    assert!(graph["store/open.rs"].contains("store/key.rs"));
    assert!(graph["config.rs"].contains("domain/thresholds.rs"));
    assert_eq!(
        circles(&without_front_doors(&graph)),
        Vec::<Vec<String>>::new()
    );
}

/// No import from a lower floor to a higher one, nor between folders on one floor: every
/// edge between folders of the file graph goes down [`FLOORS`]. Every folder of `src/` has
/// its floor, so a new one must be placed.
#[test]
fn no_folder_names_one_on_its_floor_or_above() {
    let floor = |folder: &str| FLOORS.iter().position(|on| on.contains(&folder));
    let graph = file_graph("");
    let root = ["lib", "main"];
    let unplaced: BTreeSet<&str> = graph
        .keys()
        .map(|file| folder_of(file))
        .filter(|folder| !root.contains(folder) && floor(folder).is_none())
        .collect();
    assert_eq!(unplaced, BTreeSet::new(), "folders with no floor");
    let mut upward = Vec::new();
    for (file, names) in &graph {
        let from = folder_of(file);
        for name in names {
            let to = folder_of(name);
            if from == to || root.contains(&from) {
                continue;
            }
            if floor(to) >= floor(from) {
                upward.push(format!("{file} names {name}"));
            }
        }
    }
    // Sanity: the check saw edges between floors.
    assert!(graph["tui/app.rs"].iter().any(|n| folder_of(n) == "store"));
    assert_eq!(upward, Vec::<String>::new());
}

/// The most lines of non-test source (comments included: they are read too) a file of
/// `src/` may have, unless it is a data table listed in `docs/architecture.md`.
const MOST_LINES: usize = 800;

/// The files `docs/architecture.md` lists under "Files over 800 lines": the bullets of
/// that section that name a file (`` - `cli/args.rs`: … ``).
fn listed_large_files(doc: &str) -> BTreeSet<String> {
    let section = doc
        .split("\n## ")
        .find(|part| part.starts_with("Files over 800 lines"))
        .expect("docs/architecture.md has a section \"Files over 800 lines\"");
    section
        .lines()
        .filter_map(|line| line.strip_prefix("- `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(file, _)| file.to_string())
        .collect()
}

/// The files under `root` with more than [`MOST_LINES`] lines outside their test modules,
/// with `/` between folders, relative to `root`.
fn large_files(root: &Path) -> BTreeMap<String, usize> {
    rust_files(root)
        .into_iter()
        .filter(|file| file.file_name().is_some_and(|name| name != "tests.rs"))
        .filter_map(|file| {
            let text = fs::read_to_string(&file).expect("a readable source file");
            let lines = lines_without_tests(&text).len();
            let shown = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            (lines > MOST_LINES).then_some((shown, lines))
        })
        .collect()
}

/// No source file is over 800 lines of non-test code except the data tables named in
/// `docs/architecture.md` (key tables, demo words, clap definitions), and every file named
/// there is still one: the list and the tree say the same.
#[test]
fn no_file_is_over_800_lines_but_the_listed_data_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("docs/architecture.md")).expect("the architecture doc");
    let listed = listed_large_files(&doc);
    // Sanity: the doc's list was found and the count sees large files.
    assert!(listed.contains("cli/args.rs"), "{listed:?}");
    let large = large_files(&root.join("src"));
    let found: BTreeSet<String> = large.keys().cloned().collect();
    let unlisted: Vec<String> = large
        .iter()
        .filter(|(file, _)| !listed.contains(*file))
        .map(|(file, lines)| format!("{file}: {lines} lines"))
        .collect();
    assert_eq!(
        unlisted,
        Vec::<String>::new(),
        "split these, or list them as data"
    );
    let stale: Vec<&String> = listed.difference(&found).collect();
    assert_eq!(
        stale,
        Vec::<&String>::new(),
        "listed as large but no longer are"
    );
}

#[test]
fn a_test_module_does_not_count_towards_a_files_lines() {
    let text =
        "//! A file.\nfn a() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n";
    assert_eq!(
        lines_without_tests(text),
        vec!["//! A file.", "fn a() {}", ""]
    );
    let doc = "# Architecture\n\n## Files over 800 lines\n\n- `cli/args.rs`: clap\n- `demo/words.rs`: words\n\n## Next\n\n- `not/this.rs`\n";
    assert_eq!(
        listed_large_files(doc),
        BTreeSet::from(["cli/args.rs".to_string(), "demo/words.rs".to_string()])
    );
}
