//! `rapport sync`: init, join, sync now, status (docs/cli.md, "sync").

use std::io::Write;

use chrono::{DateTime, Utc};

use super::args::{SyncArgs, SyncCommand};
use super::output::json;
use super::{Journal, Outcome};
use crate::store::sync::{SyncConflict, SyncReport, SyncStatus};
use crate::views::sync as words;
use crate::views::text::printable;

pub(crate) fn run(journal: &Journal, args: SyncArgs, out: &mut dyn Write) -> Outcome {
    let mut store = journal.open()?;
    match args.action {
        None => {
            let report = store.sync_now()?;
            report_out(&report, args.json.json, out)
        }
        Some(SyncCommand::Init { folder, json }) => {
            let report = store.sync_start(&folder, false)?;
            if !json.json {
                writeln!(
                    out,
                    "This journal now syncs through {}. On each other device: rapport sync join FOLDER",
                    report.folder.display()
                )?;
            }
            report_out(&report, json.json, out)
        }
        Some(SyncCommand::Join { folder, json }) => {
            let report = store.sync_start(&folder, true)?;
            if !json.json {
                writeln!(out, "This journal joined {}.", report.folder.display())?;
                if report.taken > 0 {
                    writeln!(
                        out,
                        "It was empty, so it took the first device's journal whole: {}.",
                        records(report.taken)
                    )?;
                }
            }
            report_out(&report, json.json, out)
        }
        Some(SyncCommand::Conflicts { json: as_json }) => {
            let conflicts = store.sync_conflicts()?;
            if as_json.json {
                json(out, &conflicts)?;
                return Ok(());
            }
            if conflicts.is_empty() {
                writeln!(out, "No conflicts: no text was edited on two devices.")?;
            }
            for conflict in &conflicts {
                conflict_out(conflict, out)?;
            }
            Ok(())
        }
        Some(SyncCommand::Take { id, json: as_json }) => {
            let conflict = store.sync_settle(&id, true)?;
            settled_out(&conflict, "Took the other version of", as_json.json, out)
        }
        Some(SyncCommand::Keep { id, json: as_json }) => {
            let conflict = store.sync_settle(&id, false)?;
            settled_out(&conflict, "Kept this version of", as_json.json, out)
        }
        Some(SyncCommand::Status { json: as_json }) => {
            let status = store.sync_status()?;
            if as_json.json {
                json(out, &status)?;
                Ok(())
            } else {
                status_out(&status, out, store.now().with_timezone(&Utc))
            }
        }
    }
}

fn report_out(report: &SyncReport, as_json: bool, out: &mut dyn Write) -> Outcome {
    if as_json {
        json(out, report)?;
        return Ok(());
    }
    writeln!(
        out,
        "Synced: {} sent, {} received from {} segment{}.",
        changes(report.sent),
        changes(report.applied),
        report.segments_applied,
        if report.segments_applied == 1 {
            ""
        } else {
            "s"
        }
    )?;
    if report.waiting > 0 {
        writeln!(
            out,
            "{} waiting for a record they need (it has not arrived yet, or the journal refuses it): see `rapport sync status`.",
            changes(report.waiting)
        )?;
    }
    if report.dropped > 0 {
        writeln!(
            out,
            "{} dropped: their record was deleted here with the record it belonged to.",
            changes(report.dropped)
        )?;
    }
    if report.incomplete > 0 {
        writeln!(
            out,
            "{} file{} in the folder {} still arriving or cut short: read again at the next sync.",
            report.incomplete,
            if report.incomplete == 1 { "" } else { "s" },
            if report.incomplete == 1 { "is" } else { "are" }
        )?;
    }
    // Said when a sync finds one; the status line and `sync status` keep the count.
    if report.new_conflicts > 0 {
        writeln!(
            out,
            "Edited on two devices: {} other version{} kept ({} in all; `rapport sync conflicts` lists them).",
            report.new_conflicts,
            if report.new_conflicts == 1 { "" } else { "s" },
            report.conflicts
        )?;
    }
    Ok(())
}

fn records(n: usize) -> String {
    format!("{n} record{}", if n == 1 { "" } else { "s" })
}

fn changes(n: usize) -> String {
    format!("{n} change{}", if n == 1 { "" } else { "s" })
}

/// One conflict on one line: its id, whose record, which field, and the other version.
fn conflict_out(conflict: &SyncConflict, out: &mut dyn Write) -> Outcome {
    let whose = conflict
        .whose
        .as_deref()
        .map_or(String::new(), |name| format!(" ({})", printable(name)));
    writeln!(
        out,
        "  {}  {}{} {}: edited on two devices — the other version: {}",
        conflict.id,
        conflict.table,
        whose,
        conflict.field,
        printable(&conflict.other_version)
    )?;
    Ok(())
}

fn settled_out(conflict: &SyncConflict, done: &str, as_json: bool, out: &mut dyn Write) -> Outcome {
    if as_json {
        json(out, conflict)?;
    } else {
        writeln!(
            out,
            "{done} the {} of {} {} (conflict {}).",
            conflict.field, conflict.table, conflict.record, conflict.id
        )?;
    }
    Ok(())
}

fn status_out(status: &SyncStatus, out: &mut dyn Write, now: DateTime<Utc>) -> Outcome {
    writeln!(out, "State       {}", words::summary(status, now))?;
    writeln!(out, "Folder      {}", status.folder.display())?;
    writeln!(
        out,
        "Last sync   {}",
        status.synced_at.as_deref().unwrap_or("never")
    )?;
    writeln!(
        out,
        "Not sent    {}",
        changes(usize::try_from(status.pending).unwrap_or(0))
    )?;
    if status.waiting > 0 {
        writeln!(
            out,
            "Waiting     {}",
            changes(usize::try_from(status.waiting).unwrap_or(0))
        )?;
    }
    writeln!(out, "Devices")?;
    for device in &status.devices {
        if device.this_device {
            writeln!(out, "  {}  this device", device.device)?;
        } else {
            writeln!(
                out,
                "  {}  last seen {}{}",
                device.device,
                device.last_seen.as_deref().unwrap_or("never"),
                if device.behind {
                    " · behind this device"
                } else {
                    ""
                }
            )?;
        }
    }
    if status.conflicts.is_empty() {
        writeln!(out, "Conflicts   none")?;
    } else {
        writeln!(out, "Conflicts   {}", status.conflicts.len())?;
        for conflict in &status.conflicts {
            conflict_out(conflict, out)?;
        }
    }
    Ok(())
}
