//! What the cross-file rules need to know of each document, kept for the whole run while the
//! documents themselves are dropped after the per-file rules: names as hashes of their keys,
//! places as spans, and a few flags. A few hundred bytes per domain, where the parsed model is
//! kilobytes, so that a repository with a hundred thousand domains is checked in a fraction of
//! the memory its text takes. Where the facts show a candidate finding, the rule asks the
//! [`super::Workspace`] for the document, which parses it again from the source text.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use smallvec::SmallVec;

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
    if !name.is_ascii() {
        return hash_bytes(super::names::key(name).as_bytes());
    }
    // Most names have single spaces between words and none around: fold case eight bytes at
    // a time and hash in place.
    let plain = !bytes.is_empty()
        && bytes[0] != b' '
        && bytes[bytes.len() - 1] != b' '
        && !bytes.windows(2).any(|w| w[0] == b' ' && w[1] == b' ')
        && !bytes
            .iter()
            .any(|&b| b != b' ' && (b.is_ascii_whitespace() || b == 0x0B));
    if plain && bytes.len() <= 256 {
        let mut buf = [0u8; 256];
        let len = bytes.len();
        let mut i = 0;
        while i + 8 <= len {
            let word = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
            buf[i..i + 8].copy_from_slice(&ascii_lower8(word).to_le_bytes());
            i += 8;
        }
        for j in i..len {
            buf[j] = bytes[j].to_ascii_lowercase();
        }
        return hash_bytes(strip_kind_suffix(&buf[..len]));
    }
    let mut buf = [0u8; 256];
    if bytes.len() > buf.len() {
        return hash_bytes(super::names::key(name).as_bytes());
    }
    let mut len = 0;
    let mut space = false;
    for &b in bytes {
        // `char::is_whitespace` on ASCII: the ASCII white space and the vertical tab.
        if b.is_ascii_whitespace() || b == 0x0B {
            space = len > 0;
        } else {
            if space {
                buf[len] = b' ';
                len += 1;
                space = false;
            }
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    hash_bytes(strip_kind_suffix(&buf[..len]))
}

/// Eight ASCII bytes lower-cased at once: a byte from `A` to `Z` gets bit 5 set.
fn ascii_lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let above_z = x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = at_least_a & !above_z & (ONES * 0x80);
    x | (upper >> 2)
}

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
        assert_eq!(
            key_hash("ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ Service"),
            hash_bytes(b"abcdefghijklmnopqrstuvwxyz@[`{")
        );
    }
}
