//! Trust handed over, counted once for `rapport week`, its JSON and the Week screen: what
//! the leader delegated in a week, what stuck and what came back, and how much of what is
//! still open the leader carries ("do it myself").

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Delegation, Outcome};
use crate::store::HandoverRows;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Handover {
    /// Delegations made in the week.
    pub(crate) handed_over: u32,
    /// Delegations checked in the week and found to have stuck.
    pub(crate) stuck: u32,
    /// Delegations checked in the week that came back to the leader: taken back.
    pub(crate) came_back: u32,
    /// Follow-ups open at the week's end that the leader owes.
    pub(crate) open_mine: u32,
    /// Follow-ups open at the week's end that the team owes.
    pub(crate) open_theirs: u32,
    /// The leader's share of the open follow-ups, in whole percent (rounded half up);
    /// `None` when none is open.
    pub(crate) mine_percent: Option<u32>,
}

/// The week's handing over from its rows.
pub(crate) fn handover(rows: HandoverRows) -> Handover {
    let open = rows.open_mine + rows.open_theirs;
    Handover {
        handed_over: rows.handed_over,
        stuck: rows.stuck,
        came_back: rows.came_back,
        open_mine: rows.open_mine,
        open_theirs: rows.open_theirs,
        mine_percent: (open > 0).then(|| (rows.open_mine * 200 + open) / (open * 2)),
    }
}

/// What was handed over to one person over a trend's period, and how it turned out:
/// `rapport trends` and the trends view set "taken back" against "handed over".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Handed {
    pub(crate) handed_over: u32,
    pub(crate) stuck: u32,
    /// Came back to the leader.
    pub(crate) came_back: u32,
    pub(crate) not_checked: u32,
}

/// The delegations handed over on `since` or later, by how they turned out.
pub(crate) fn handed_since(delegations: &[Delegation], since: NaiveDate) -> Handed {
    delegations
        .iter()
        .filter(|d| d.handed_on >= since)
        .fold(Handed::default(), |mut handed, d| {
            handed.handed_over += 1;
            match d.outcome {
                Some(Outcome::Stuck) => handed.stuck += 1,
                Some(Outcome::CameBack) => handed.came_back += 1,
                None => handed.not_checked += 1,
            }
            handed
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leaders_share_of_open_follow_ups_rounds_half_up() {
        let share = |mine, theirs| {
            handover(HandoverRows {
                open_mine: mine,
                open_theirs: theirs,
                ..HandoverRows::default()
            })
            .mine_percent
        };
        assert_eq!(share(0, 0), None);
        assert_eq!(share(5, 3), Some(63), "62.5 rounds up");
        assert_eq!(share(1, 2), Some(33));
        assert_eq!(share(2, 1), Some(67));
        assert_eq!(share(4, 0), Some(100));
    }
}
