//! Lists the journal's migrations for `store/open.rs`: every `src/store/migrations/NNNN_*.sql`
//! in order, so a new migration is one new file. Numbers must run 0001, 0002… without a gap
//! or a repeat: a migration is applied by its place in the list, and a journal records how
//! many it has applied.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new("src/store/migrations");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<(u32, String)> = fs::read_dir(dir)
        .expect("src/store/migrations is readable")
        .map(|entry| entry.expect("a migration file").file_name())
        .filter_map(|name| name.to_str().map(str::to_string))
        .filter(|name| name.ends_with(".sql"))
        .map(|name| {
            let number = name
                .split('_')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("migration {name} must start with its number: NNNN_"));
            (number, name)
        })
        .collect();
    files.sort();
    let mut list = String::from("&[\n");
    for (at, (number, name)) in files.iter().enumerate() {
        let expected = u32::try_from(at + 1).expect("fewer than 4 billion migrations");
        assert_eq!(
            *number, expected,
            "migration {name} is numbered {number}; the next one must be {expected}"
        );
        let path = fs::canonicalize(dir.join(name)).expect("a migration's path");
        writeln!(list, "    include_str!({:?}),", path.display().to_string()).unwrap();
    }
    list.push(']');
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    fs::write(out, list).expect("OUT_DIR is writable");
}
