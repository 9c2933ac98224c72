//! How long a met need stays fresh and then fading, in 1:1 cadences held within days: the
//! rule and its defaults, which the settings may change and the insights grade by.

use serde::Serialize;

/// A need is fresh while it was met within this many 1:1 cadences…
pub(crate) const FRESH_CADENCES: i64 = 2;
/// …fading up to this many, and missing beyond.
pub(crate) const FADING_CADENCES: i64 = 4;

/// Where fresh ends and missing begins, in multiples of a person's 1:1 cadence, held
/// within floors and ceilings in days so that a daily 1:1 does not make a need missing within
/// days, nor a quarterly one keep it fresh for half a year. The defaults are
/// `FRESH_CADENCES` and `FADING_CADENCES` within 7–60 and 21–120 days, which leave weekly
/// to monthly cadences untouched; the leader's config may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    pub fresh_cadences: i64,
    pub fading_cadences: i64,
    /// The fewest and the most days a need stays fresh.
    #[serde(serialize_with = "days_between")]
    pub fresh_days: (i64, i64),
    /// The fewest and the most days a need stays no worse than fading.
    #[serde(serialize_with = "days_between")]
    pub fading_days: (i64, i64),
}

/// A floor and a ceiling in JSON: `{"min": 7, "max": 60}`, named rather than a pair.
fn days_between<S: serde::Serializer>(days: &(i64, i64), serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut out = serializer.serialize_struct("Days", 2)?;
    out.serialize_field("min", &days.0)?;
    out.serialize_field("max", &days.1)?;
    out.end()
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            fresh_cadences: FRESH_CADENCES,
            fading_cadences: FADING_CADENCES,
            fresh_days: (7, 60),
            fading_days: (21, 120),
        }
    }
}

impl Thresholds {
    /// For a cadence of `cadence_days`: the last day (counted from the meeting) a need is
    /// fresh, and the last day it is fading.
    pub(crate) fn windows(&self, cadence_days: u32) -> (i64, i64) {
        let cadence = i64::from(cadence_days.max(1));
        let fresh = (cadence * self.fresh_cadences).clamp(self.fresh_days.0, self.fresh_days.1);
        let fading = (cadence * self.fading_cadences)
            .clamp(self.fading_days.0, self.fading_days.1)
            .max(fresh + 1);
        (fresh, fading)
    }
}
