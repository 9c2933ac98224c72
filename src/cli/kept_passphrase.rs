//! An encrypted journal's passphrase kept between commands for a while, after `rapport
//! unlock`: in the user's keyring of the Linux kernel (kernel memory, never a file), with a
//! timeout the kernel enforces, so that `today`, `log` and the terminal interface stop
//! asking. `rapport lock` forgets it sooner. docs/security.md says what this protects
//! against and what it does not.
//!
//! The kept value is the journal's salt (the first 16 bytes of an encrypted SQLite file)
//! followed by the passphrase. A passphrase kept for one file is never tried on another
//! that took its place (a rekeyed journal, a restored backup): their salt differs, so the
//! command asks, as it would have.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::store::Passphrase;

/// The longest `rapport unlock` keeps a passphrase: long enough for a week of work, short
/// enough that a forgotten unlock ends by itself.
pub(crate) const LONGEST: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// How long `rapport unlock` keeps it when not told: a working day.
pub(crate) const USUAL: &str = "8h";

/// SQLCipher's salt: the first bytes of every encrypted page file, random for each file.
const SALT_BYTES: usize = 16;

/// The kernel keyring cannot be used here (another system, or a container that forbids it).
#[derive(Debug)]
pub(crate) struct Unavailable(pub(crate) String);

/// The passphrase kept for `journal`, if one is kept and the journal is the file it was
/// kept for. One kept for a file that has since been replaced is forgotten.
pub(crate) fn kept(journal: &Path) -> Option<Passphrase> {
    let value = kernel::read(&description(journal))?;
    let salt = salt(journal)?;
    if value.len() <= SALT_BYTES || value[..SALT_BYTES] != salt {
        kernel::forget(&description(journal));
        return None;
    }
    let text = std::str::from_utf8(&value[SALT_BYTES..]).ok()?;
    Some(Passphrase::new(text.to_string()))
}

/// Keeps `passphrase` for `journal` until `how_long` has passed, replacing one kept before.
pub(crate) fn keep(
    journal: &Path,
    passphrase: &Passphrase,
    how_long: Duration,
) -> Result<(), Unavailable> {
    let salt = salt(journal).ok_or_else(|| {
        Unavailable(format!(
            "the start of {} could not be read",
            journal.display()
        ))
    })?;
    let mut value = Zeroizing::new(Vec::with_capacity(SALT_BYTES + passphrase.text().len()));
    value.extend_from_slice(&salt);
    value.extend_from_slice(passphrase.text().as_bytes());
    kernel::keep(&description(journal), &value, how_long)
}

/// Forgets the passphrase kept for `journal`; true when one was kept.
pub(crate) fn forget(journal: &Path) -> bool {
    kernel::forget(&description(journal))
}

/// The name the passphrase is kept under: the journal's full path, so that two journals
/// never share one.
fn description(journal: &Path) -> String {
    let path = std::fs::canonicalize(journal).unwrap_or_else(|_| journal.to_path_buf());
    format!("rapport:{}", path.display())
}

fn salt(journal: &Path) -> Option<[u8; SALT_BYTES]> {
    let mut salt = [0; SALT_BYTES];
    std::fs::File::open(journal)
        .ok()?
        .read_exact(&mut salt)
        .ok()?;
    Some(salt)
}

#[cfg(target_os = "linux")]
mod kernel {
    use std::time::Duration;

    use linux_keyutils::{KeyPermissionsBuilder, KeyRing, KeyRingIdentifier, Permission};
    use zeroize::Zeroizing;

    use super::Unavailable;

    fn ring() -> Option<KeyRing> {
        KeyRing::from_special_id(KeyRingIdentifier::User, false).ok()
    }

    pub(super) fn read(description: &str) -> Option<Zeroizing<Vec<u8>>> {
        let key = ring()?.search(description).ok()?;
        key.read_to_vec().ok().map(Zeroizing::new)
    }

    pub(super) fn keep(
        description: &str,
        value: &[u8],
        how_long: Duration,
    ) -> Result<(), Unavailable> {
        let unavailable = |e: linux_keyutils::KeyError| {
            Unavailable(format!("the kernel keyring cannot be used here ({e:?})"))
        };
        let ring = KeyRing::from_special_id(KeyRingIdentifier::User, false).map_err(unavailable)?;
        let key = ring.add_key(description, value).map_err(unavailable)?;
        // The user's own processes may find and read it from any terminal or session they
        // open (a new tab is a new session); nobody else may even see it.
        let everything = Permission::ALL;
        let find_and_read = Permission::VIEW
            | Permission::READ
            | Permission::SEARCH
            | Permission::WRITE
            | Permission::SETATTR;
        let permissions = KeyPermissionsBuilder::builder()
            .posessor(everything)
            .user(find_and_read)
            .build();
        let kept = key
            .set_perms(permissions)
            .and_then(|()| {
                key.set_timeout(usize::try_from(how_long.as_secs()).unwrap_or(usize::MAX))
            })
            .map_err(unavailable);
        if kept.is_err() {
            // Never left behind without its timeout.
            let _ = key.invalidate();
        }
        kept
    }

    pub(super) fn forget(description: &str) -> bool {
        let Some(key) = ring().and_then(|ring| ring.search(description).ok()) else {
            return false;
        };
        key.invalidate().is_ok()
    }
}

#[cfg(not(target_os = "linux"))]
mod kernel {
    use std::time::Duration;

    use zeroize::Zeroizing;

    use super::Unavailable;

    pub(super) fn read(_description: &str) -> Option<Zeroizing<Vec<u8>>> {
        None
    }

    pub(super) fn keep(
        _description: &str,
        _value: &[u8],
        _how_long: Duration,
    ) -> Result<(), Unavailable> {
        Err(Unavailable(
            "keeping a passphrase needs the Linux kernel keyring, which this system does not have"
                .into(),
        ))
    }

    pub(super) fn forget(_description: &str) -> bool {
        false
    }
}

/// Reads a duration such as `8h`, `30m`, `2d` or `90s`, up to [`LONGEST`].
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let seconds_per = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 60 * 60,
        "d" => 24 * 60 * 60,
        _ => {
            return Err(format!(
                "'{text}' is not a duration: write a number and s, m, h or d, as in 8h or 30m"
            ));
        }
    };
    let how_long = number
        .parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .and_then(|n| n.checked_mul(seconds_per))
        .map(Duration::from_secs)
        .ok_or_else(|| {
            format!("'{text}' is not a duration: write a number above 0 and s, m, h or d")
        })?;
    if how_long > LONGEST {
        return Err(format!(
            "{text} is longer than Rapport keeps a passphrase (at most 7d): a passphrase kept longer is one left lying around"
        ));
    }
    Ok(how_long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duration_is_a_number_and_a_unit_up_to_a_week() {
        assert_eq!(parse_duration("8h"), Ok(Duration::from_secs(8 * 3600)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("7d"), Ok(LONGEST));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        for wrong in ["8", "h", "0h", "8 hours", "-1h", "1.5h", ""] {
            let refusal = parse_duration(wrong).unwrap_err();
            assert!(refusal.contains("is not a duration"), "{wrong}: {refusal}");
        }
        assert!(parse_duration("8d").unwrap_err().contains("at most 7d"));
        assert!(
            parse_duration("99999999999999999999d")
                .unwrap_err()
                .contains("not a duration")
        );
    }
}
