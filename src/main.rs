//! The composition root: the command line, with the terminal interface it opens when
//! `rapport` runs bare at a terminal. Neither front end names the other.

fn main() -> std::process::ExitCode {
    rapport::cli::main(rapport::cli::Interface {
        run: |store, journal_label, config| {
            rapport::tui::run(store, journal_label, config).map_err(|e| e.to_string())
        },
        unlock: |journal_label, open| {
            rapport::tui::unlock(journal_label, open).map_err(|e| e.to_string())
        },
    })
}
