//! The key a journal and its backups open with: plain, or the leader's passphrase, which
//! SQLCipher turns into the key of every page (PBKDF2-HMAC-SHA512, SQLCipher 4's defaults).
//! The passphrase is wiped from memory when dropped, never printed, and reaches SQLCipher
//! as bytes, never inside SQL text (see docs/security.md).

use std::sync::Arc;

use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::domain::Invalid;

/// The shortest passphrase `rapport encrypt` and `rapport rekey` accept. Anyone holding the
/// file can try passphrases offline as long as they like; SQLCipher's key derivation makes
/// each try cost about a quarter of a second, and length does the rest.
pub(crate) const MIN_PASSPHRASE_CHARS: usize = 12;

/// A passphrase, wiped from memory when dropped and never printed.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The passphrase as typed or read from a file, with what is not part of it taken off:
    /// a trailing line break (from `echo` or an editor), and a leading byte-order mark
    /// (which some editors write at the start of a file, invisibly; kept, it would make a
    /// passphrase no one can type). Everything else, spaces included, is kept.
    pub fn new(text: String) -> Passphrase {
        let mut text = Zeroizing::new(text);
        while text.ends_with(['\n', '\r']) {
            text.pop();
        }
        if text.starts_with(BYTE_ORDER_MARK) {
            // In place: no copy of the rest is left behind unwiped.
            text.remove(0);
        }
        Passphrase(text)
    }

    /// [`Passphrase::new`], refusing an empty passphrase and one that holds NUL or another
    /// control character: the terminal prompt and the passphrase screen cannot type those,
    /// so a journal keyed with one would open from one file only (a file saved as UTF-16 is
    /// full of NUL bytes). The refusal never quotes the passphrase.
    pub(crate) fn entered(text: String) -> std::result::Result<Passphrase, Invalid> {
        let passphrase = Passphrase::new(text);
        if passphrase.is_empty() {
            return Err(Invalid::NoPassphrase);
        }
        if passphrase.0.chars().any(char::is_control) {
            return Err(Invalid::PassphraseControl);
        }
        Ok(passphrase)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Its length in characters, as the minimum length counts it.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }

    /// True when it begins or ends with a space (or another blank): part of the passphrase,
    /// but easily left out when it is typed.
    pub(crate) fn has_blank_edges(&self) -> bool {
        self.0.starts_with(char::is_whitespace) || self.0.ends_with(char::is_whitespace)
    }

    /// The text, for a bound `KEY` parameter of SQLCipher's `ATTACH` (never SQL text) and
    /// for the kernel keyring after `rapport unlock`.
    pub(crate) fn text(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn same_as(&self, other: &Passphrase) -> bool {
        *self.0 == *other.0
    }

    /// This passphrase behind a byte-order mark: how a passphrase file that began with one
    /// was read before the mark was dropped, for the journals keyed that way.
    pub(crate) fn behind_byte_order_mark(&self) -> Passphrase {
        let mut text = Zeroizing::new(String::with_capacity(self.0.len() + 3));
        text.push(BYTE_ORDER_MARK);
        text.push_str(&self.0);
        Passphrase(text)
    }
}

/// U+FEFF, the byte-order mark, as text.
const BYTE_ORDER_MARK: char = '\u{feff}';

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// How a journal (and each of its backups) is opened: plain, or with its passphrase.
#[derive(Debug, Clone, Default)]
pub struct Key(Option<Arc<Passphrase>>);

impl Key {
    pub fn plain() -> Key {
        Key(None)
    }

    pub fn with(passphrase: Passphrase) -> Key {
        Key(Some(Arc::new(passphrase)))
    }

    pub(crate) fn is_encrypted(&self) -> bool {
        self.0.is_some()
    }

    /// The passphrase, for an encrypted key.
    pub(crate) fn passphrase(&self) -> Option<&Passphrase> {
        self.0.as_deref()
    }

    /// True when this key is `passphrase`.
    pub(crate) fn opens_with(&self, passphrase: &Passphrase) -> bool {
        self.0.as_deref().is_some_and(|own| own.same_as(passphrase))
    }

    /// Keys a connection that has read nothing yet. On a plain key nothing is done.
    ///
    /// The passphrase is handed to SQLCipher's `sqlite3_key_v2` as bytes, never inside SQL
    /// text: an SQL statement can be quoted by an error message (a `PRAGMA key='…'` that
    /// failed to parse once printed the whole passphrase). SQLCipher's `PRAGMA key` calls
    /// the same function with the same bytes, so journals keyed either way open alike.
    pub(super) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        let Some(passphrase) = &self.0 else {
            return Ok(());
        };
        // SQLCipher otherwise writes "error decrypting page 1" to stderr on a wrong
        // passphrase, under the one sentence Rapport says about it.
        conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
            .or_else(ignore_no_rows)?;
        let bytes = passphrase.0.as_bytes();
        let code = match std::ffi::c_int::try_from(bytes.len()) {
            // An empty key would leave the connection unkeyed: SQLCipher would read the
            // file as plain, and so refuse it as not a database, like a wrong passphrase.
            Ok(length) if length > 0 => {
                // SAFETY: the handle is this open connection's, the name a NUL-terminated
                // string, and the key `length` readable bytes that SQLCipher copies before
                // it returns.
                unsafe {
                    rusqlite::ffi::sqlite3_key_v2(
                        conn.handle(),
                        c"main".as_ptr(),
                        bytes.as_ptr().cast(),
                        length,
                    )
                }
            }
            Ok(_) => rusqlite::ffi::SQLITE_NOTADB,
            Err(_) => rusqlite::ffi::SQLITE_TOOBIG,
        };
        if code == rusqlite::ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        }
    }
}

fn ignore_no_rows(error: rusqlite::Error) -> rusqlite::Result<()> {
    match error {
        rusqlite::Error::QueryReturnedNoRows => Ok(()),
        other => Err(other),
    }
}
