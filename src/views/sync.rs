//! How the state of syncing reads, the same on the interface's status line and in
//! `rapport sync status`: "synced 2 min ago · 1 device behind · conflict: 1", and a sync
//! that failed in one short phrase.

use chrono::{DateTime, Utc};

use crate::store::sync::SyncStatus;

/// How long ago the last sync was: "synced just now", "synced 2 min ago", "synced 3 h ago",
/// "synced 4d ago"; "not synced yet" before the first.
pub(crate) fn synced_ago(synced_at: Option<&str>, now: DateTime<Utc>) -> String {
    let Some(at) = synced_at.and_then(|at| DateTime::parse_from_rfc3339(at).ok()) else {
        return "not synced yet".into();
    };
    let minutes = (now - at.with_timezone(&Utc)).num_minutes();
    match minutes {
        ..1 => "synced just now".into(),
        1..60 => format!("synced {minutes} min ago"),
        60..1440 => format!("synced {} h ago", minutes / 60),
        _ => format!("synced {}d ago", minutes / 1440),
    }
}

/// "1 device behind", "2 devices behind": other devices that have not applied everything
/// this one wrote.
pub(crate) fn behind(devices: usize) -> String {
    format!(
        "{devices} device{} behind",
        if devices == 1 { "" } else { "s" }
    )
}

/// The whole state in a line: when, who is behind, how many conflicts wait (the last two
/// only when there are any).
pub(crate) fn summary(status: &SyncStatus, now: DateTime<Utc>) -> String {
    summary_parts(status, now).join(" · ")
}

/// The parts of [`summary`], least pressing first: where room is short, the first give way.
pub(crate) fn summary_parts(status: &SyncStatus, now: DateTime<Utc>) -> Vec<String> {
    let mut parts = vec![synced_ago(status.synced_at.as_deref(), now)];
    let devices = status.devices_behind();
    if devices > 0 {
        parts.push(behind(devices));
    }
    if !status.conflicts.is_empty() {
        parts.push(format!("conflict: {}", status.conflicts.len()));
    }
    parts
}

/// Why a sync did not happen, in a phrase that fits the status line (the command line says
/// the whole sentence: `rapport sync`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SyncFailure {
    /// The folder is not there (a drive not mounted, a folder moved).
    FolderMissing,
    /// Another Rapport was writing to the journal the whole time the sync waited.
    Busy,
    /// Anything else: a file the key cannot open, a newer Rapport's file, a full disk.
    Failed,
}

impl SyncFailure {
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            SyncFailure::FolderMissing => "sync failed: folder not found",
            SyncFailure::Busy => "sync waits: journal busy",
            SyncFailure::Failed => "sync failed (`rapport sync` says why)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sync::{SyncConflict, SyncDevice};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a stamp")
            .with_timezone(&Utc)
    }

    fn device(behind: bool) -> SyncDevice {
        SyncDevice {
            device: "d".into(),
            this_device: false,
            last_seen: None,
            behind,
        }
    }

    #[test]
    fn the_last_sync_reads_as_time_ago() {
        let now = at("2026-11-23T09:30:00Z");
        let ago = |at: &str| synced_ago(Some(at), now);
        assert_eq!(ago("2026-11-23T09:29:30Z"), "synced just now");
        assert_eq!(ago("2026-11-23T09:28:00Z"), "synced 2 min ago");
        assert_eq!(ago("2026-11-23T06:10:00Z"), "synced 3 h ago");
        assert_eq!(ago("2026-11-19T09:30:00Z"), "synced 4d ago");
        assert_eq!(synced_ago(None, now), "not synced yet");
        assert_eq!(synced_ago(Some("garbled"), now), "not synced yet");
    }

    #[test]
    fn the_summary_names_devices_behind_and_conflicts_only_when_there_are_some() {
        let conflict = SyncConflict {
            id: "0a1b2c3d".into(),
            table: "person".into(),
            record: String::new(),
            field: "motivations".into(),
            whose: None,
            other_version: "x".into(),
            found_at: String::new(),
        };
        let mut status = SyncStatus {
            folder: "/f".into(),
            device: "me".into(),
            synced_at: Some("2026-11-23T09:28:00Z".into()),
            pending: 0,
            waiting: 0,
            devices: vec![device(false)],
            conflicts: vec![],
        };
        let now = at("2026-11-23T09:30:00Z");
        assert_eq!(summary(&status, now), "synced 2 min ago");
        status.devices = vec![device(true), device(false)];
        status.conflicts = vec![conflict];
        assert_eq!(
            summary(&status, now),
            "synced 2 min ago · 1 device behind · conflict: 1"
        );
        status.devices = vec![device(true), device(true)];
        assert!(summary(&status, now).contains("2 devices behind"));
    }
}
