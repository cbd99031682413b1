//! What the cross-file rules need to know of each document, kept for the whole run while the
//! documents themselves are dropped after the per-file rules: names as hashes of their keys,
//! places as spans, and a few flags. A few hundred bytes per domain, where the parsed model is
//! kilobytes, so that a repository with a hundred thousand domains is checked in a fraction of
//! the memory its text takes. Where the facts show a candidate finding, the rule asks the
//! [`super::Workspace`] for the document, which parses it again from the source text.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use smallvec::SmallVec;

use super::text::AsciiFold;
use super::workspace::SuppressionScope;
use crate::source::Span;

/// The cross-file facts of one domain.
#[derive(Clone, Debug)]
pub struct DomainFacts {
    /// [`key_hash`] of the name.
    pub name: u64,
    /// The owner's key hash when the domain has exactly one real owner, else [`NO_OWNER`].
    pub owner: u64,
    /// Where the name is written.
    pub name_span: Span,
    /// The heading, YAML item or table row that defines the domain.
    pub span: Span,
}

/// The owner hash of a domain without one real owner.
pub const NO_OWNER: u64 = 0;

impl DomainFacts {
    pub fn owner(&self) -> Option<u64> {
        (self.owner != NO_OWNER).then_some(self.owner)
    }
}

/// Where a name (an SLO's, a responsibility, a shared SLA's) is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameAt {
    /// The name of SLO `.1` of domain `.0`.
    DomainSlo(u32, u16),
    /// Responsibility `.1` of domain `.0`.
    Responsibility(u32, u16),
    /// The SLA of shared-ownership declaration `.0`.
    SharedSla(u32),
}

impl NameAt {
    /// The domain that claims the name, if a domain does.
    pub fn domain(self) -> Option<u32> {
        match self {
            NameAt::DomainSlo(d, _) | NameAt::Responsibility(d, _) => Some(d),
            NameAt::SharedSla(_) => None,
        }
    }
}

/// A name: its key hash and where it is. Sixteen bytes, for there are several per domain.
#[derive(Clone, Debug)]
pub struct NameFacts {
    pub hash: u64,
    pub at: NameAt,
}

/// A shared-ownership declaration.
#[derive(Clone, Debug)]
pub struct SharedFacts {
    /// The key hashes of the domains named.
    pub domains: SmallVec<[u64; 2]>,
    /// The key hashes of the parties that have a boundary.
    pub parties: SmallVec<[u64; 2]>,
    pub has_sla: bool,
    pub has_escalation: bool,
    pub has_sync: bool,
}

/// A contact written as a bracketed role, `[Product Manager]`.
#[derive(Clone, Debug)]
pub struct RoleContact {
    pub role: u64,
    pub domain: u32,
}

/// A suppression comment, its rules resolved.
#[derive(Clone, Debug)]
pub struct SuppressionFacts {
    pub comment: Span,
    pub scope: SuppressionScope,
    /// Rule codes named, with where each name is written; empty for every rule.
    pub rules: Vec<(&'static str, Span, String)>,
    /// Names that are not rules, with where they are written.
    pub unknown: Vec<(String, Span)>,
}

/// Everything the cross-file rules know of one document.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub explicit: bool,
    /// The document holds a domain, a ladder or a shared-ownership declaration.
    pub ownership: bool,
    /// The document could not be read in full.
    pub problems: bool,
    pub domains: Vec<DomainFacts>,
    pub names: Vec<NameFacts>,
    pub shared: Vec<SharedFacts>,
    /// Key hashes of the roles of the document's escalation ladders.
    pub ladder_roles: Vec<u64>,
    pub has_ladder: bool,
    pub role_contacts: Vec<RoleContact>,
    pub suppressions: Vec<SuppressionFacts>,
}

impl Facts {
    /// Give back the room the vectors grew into.
    pub fn shrink(&mut self) {
        self.domains.shrink_to_fit();
        self.names.shrink_to_fit();
        self.shared.shrink_to_fit();
        self.ladder_roles.shrink_to_fit();
        self.role_contacts.shrink_to_fit();
        self.suppressions.shrink_to_fit();
    }
}

/// The hash of [`super::names::key`]`(name)`, computed without allocating for the ASCII
/// names that nearly all names are: one pass folds case and white space into a buffer, a
/// trailing ` domain` or ` service` is dropped, and the bytes are hashed. Never 0 (see
/// [`NO_OWNER`]).
pub fn key_hash(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut buf = [0u8; 256];
    if bytes.len() > buf.len() || !name.is_ascii() {
        return hash_bytes(super::names::key(name).as_bytes());
    }
    if let Some(len) = fold_plain(bytes, &mut buf) {
        return hash_bytes(strip_kind_suffix(&buf[..len]));
    }
    let len = NAME_FOLD.fold(bytes, &mut buf);
    hash_bytes(strip_kind_suffix(&buf[..len]))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = ONES * 0x80;

/// The high bit of each byte of `x` (all ASCII) that is below `n`. Exact per byte: an ASCII
/// byte plus `0x80 - n` stays below 0x100, so nothing carries into the next byte.
fn below(x: u64, n: u8) -> u64 {
    !(x + ONES * u64::from(0x80 - n)) & HIGHS
}

/// Lower-case a plain name (ASCII, words separated by single spaces, none around, no other
/// white space or control byte) eight bytes at a time into `buf`; `None` when the name is
/// not plain and must be folded byte by byte. Returns the length, which is the name's.
fn fold_plain(bytes: &[u8], buf: &mut [u8; 256]) -> Option<usize> {
    let len = bytes.len();
    if len == 0 || bytes[0] == b' ' || bytes[len - 1] == b' ' {
        return None;
    }
    let mut previous_space = false;
    let mut at = 0;
    while at < len {
        let take = (len - at).min(8);
        // Whole chunks are loaded as they are; the tail is padded with a letter.
        let x = match bytes.get(at..at + 8) {
            Some(whole) => u64::from_le_bytes(whole.try_into().unwrap_or([0; 8])),
            None => {
                let mut chunk = [b'a'; 8];
                chunk[..take].copy_from_slice(&bytes[at..]);
                u64::from_le_bytes(chunk)
            }
        };
        let spaces = below(x ^ (ONES * u64::from(b' ')), 1);
        // Control bytes and white space other than a space need the byte-by-byte fold.
        if below(x, 0x21) != spaces {
            return None;
        }
        // Two spaces in a row, within the chunk or across its start.
        if spaces & (spaces << 8) != 0 || previous_space && spaces & 0x80 != 0 {
            return None;
        }
        previous_space = spaces >> 56 != 0;
        let upper = !below(x, b'A') & below(x, b'Z' + 1);
        let lower = x | (upper >> 2);
        match buf.get_mut(at..at + 8) {
            // Bytes past the name are written too, and never read.
            Some(out) => out.copy_from_slice(&lower.to_le_bytes()),
            None => buf[at..at + take].copy_from_slice(&lower.to_le_bytes()[..take]),
        }
        at += take;
    }
    Some(len)
}

/// Names are folded on white space only.
static NAME_FOLD: AsciiFold = AsciiFold::new(&[]);

/// A key without its trailing ` domain` or ` service`.
fn strip_kind_suffix(key: &[u8]) -> &[u8] {
    for suffix in [&b" domain"[..], &b" service"[..]] {
        if key.len() > suffix.len() && key.ends_with(suffix) {
            return &key[..key.len() - suffix.len()];
        }
    }
    key
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.finish().max(1)
}

/// The hash of a single word, lower-cased.
pub fn word_hash(word: &str) -> u64 {
    if word.is_ascii() && word.len() <= 64 {
        let mut buf = [0u8; 64];
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        return hash_bytes(&buf[..word.len()]);
    }
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    hash_bytes(lower.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::super::names;
    use super::*;

    #[test]
    fn key_hash_agrees_with_key() {
        let same = [
            ("Payments Domain", "payments"),
            ("  Payment   Processing ", "payment processing"),
            ("VPN API Service", "vpn api"),
            ("Ärger Domain", "ärger"),
        ];
        for (a, b) in same {
            assert_eq!(names::key(a), names::key(b));
            assert_eq!(key_hash(a), key_hash(b), "{a} / {b}");
        }
        assert_ne!(key_hash("Domain"), key_hash(""));
        assert_ne!(key_hash("ab c"), key_hash("a bc"));
        // The ASCII path and the general one agree.
        assert_eq!(
            key_hash("Payments  Domain"),
            hash_bytes(names::key("Payments  Domain").as_bytes())
        );
        assert_eq!(key_hash("Zürich Domain"), hash_bytes(b"z\xc3\xbcrich"));
        // Every path agrees with the plain definition, on names built from the bytes that
        // matter: both cases, the letters around them, spaces, tabs, line breaks.
        let alphabet = b"aAzZ@[`{ \t\n\x0bdomainDOMAIN_-";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let name: String = (0..len)
                .map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()] as char)
                .collect();
            assert_eq!(
                key_hash(&name),
                hash_bytes(names::key(&name).as_bytes()),
                "{name:?}"
            );
        }
        assert_eq!(
            key_hash("ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ Service"),
            hash_bytes(b"abcdefghijklmnopqrstuvwxyz@[`{")
        );
    }
}
