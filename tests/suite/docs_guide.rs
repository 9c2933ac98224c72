//! Every screen drawn in `docs/guide.md` is a capture of the real program: each equals one
//! of the 80×24 snapshots the TUI tests keep, so the guide cannot drift from the screens.

use std::fs;
use std::path::Path;

/// A snapshot's screen as plain lines, trailing spaces dropped.
fn snapshot_lines(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .expect("a snapshot")
        .lines()
        .filter(|line| line.starts_with('"'))
        .map(|line| {
            let inner = &line[1..line.len() - 1];
            inner.replace("\\\"", "\"").trim_end().to_string()
        })
        .collect()
}

#[test]
fn every_capture_in_the_guide_is_a_current_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snapshots: Vec<(String, Vec<String>)> = fs::read_dir(root.join("tests/suite/snapshots"))
        .expect("the snapshots folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with("_80x24.snap"))
        .map(|path| (path.display().to_string(), snapshot_lines(&path)))
        .collect();
    let guide = fs::read_to_string(root.join("docs/guide.md")).expect("the guide");
    let mut captures = 0;
    for (i, block) in guide.split("```").enumerate().skip(1).step_by(2) {
        let lines: Vec<String> = block
            .trim_matches('\n')
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
        if !lines.first().is_some_and(|l| l.starts_with(" 1 Today ")) {
            continue;
        }
        captures += 1;
        assert!(
            snapshots.iter().any(|(_, snapshot)| *snapshot == lines),
            "capture {} of docs/guide.md (starting {:?}) matches no 80×24 snapshot: retake it \
             from tests/suite/snapshots",
            i / 2 + 1,
            lines.get(1)
        );
    }
    assert!(
        captures >= 10,
        "the guide shows the screens ({captures} found)"
    );
}
