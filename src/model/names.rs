//! How names are compared: domain, SLO, responsibility and role names match after folding
//! case and white space and dropping a trailing `Domain` or `Service`.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::text::AsciiFold;
use crate::util::label::dns_label;

/// The group of `name` among groups of names that compare equal, in first-seen order: a
/// new, empty one at the end when no group has its key yet. For splitting names whose
/// hashes agree by the names themselves.
pub fn group_of<'g, T>(groups: &'g mut Vec<(String, Vec<T>)>, name: &str) -> &'g mut Vec<T> {
    let key = key(name);
    match groups.iter().position(|(k, _)| *k == key) {
        Some(i) => &mut groups[i].1,
        None => {
            groups.push((key, Vec::new()));
            &mut groups.last_mut().expect("just pushed").1
        }
    }
}

/// The key two names are compared by.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
    for suffix in [" domain", " service"] {
        if out.len() > suffix.len() && out.ends_with(suffix) {
            out.truncate(out.len() - suffix.len());
            break;
        }
    }
    out
}

/// Whether two team names name one team as written in two systems: the same key, or the
/// same slug (`Payment Service Team` and a Backstage Group `payment-service-team`, the name
/// `ownlint export --format backstage` gives it: [`dns_label`]).
pub fn same_team(a: &str, b: &str) -> bool {
    key(a) == key(b) || team_slug(a).is_some_and(|slug| Some(slug) == team_slug(b))
}

/// A team name's slug for [`same_team`]; `None` when it has no ASCII letter or digit.
fn team_slug(name: &str) -> Option<String> {
    Some(dns_label(name)).filter(|slug| !slug.is_empty())
}

/// Team names, for asking whether one of them is a given team ([`same_team`]) without
/// folding each of them again for every question: their keys and slugs, each once.
#[derive(Debug, Default)]
pub struct Teams {
    keys: rustc_hash::FxHashSet<String>,
    slugs: rustc_hash::FxHashSet<String>,
}

impl Teams {
    pub fn insert(&mut self, name: &str) {
        self.keys.insert(key(name));
        self.slugs.extend(team_slug(name));
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether `name` is [`same_team`] as one of the names.
    pub fn contains(&self, name: &str) -> bool {
        self.keys.contains(&key(name)) || team_slug(name).is_some_and(|s| self.slugs.contains(&s))
    }
}

/// A domain name as messages show it: without a trailing `Domain` or `Service`.
pub fn display_name(name: &str) -> &str {
    for suffix in [" domain", " service"] {
        if name.len() > suffix.len()
            && name.is_char_boundary(name.len() - suffix.len())
            && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        {
            return &name[..name.len() - suffix.len()];
        }
    }
    name
}

/// The significant words of a name, singular, hashed: `Subscription Service Team` gives the
/// hash of `subscription`. Team words, `Domain`, `Service` and small words are left out.
pub fn stems(name: &str) -> impl Iterator<Item = u64> + '_ {
    const NOISE: &[&str] = &[
        "team", "teams", "squad", "group", "service", "services", "domain", "the", "and", "of",
        "on", "call", "oncall",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NOISE.iter().any(|n| w.eq_ignore_ascii_case(n)))
        .map(|w| {
            let bytes = w.as_bytes();
            let plural = bytes.len() > 3
                && bytes[bytes.len() - 1].eq_ignore_ascii_case(&b's')
                && !bytes[bytes.len() - 2].eq_ignore_ascii_case(&b's');
            let singular = if plural { &w[..w.len() - 1] } else { w };
            word_hash(singular)
        })
}

/// The hash of [`key`]`(name)`, computed without allocating for the ASCII
/// names that nearly all names are: one pass folds case and white space into a buffer, a
/// trailing ` domain` or ` service` is dropped, and the bytes are hashed. Never 0 (see
/// `NO_OWNER` in the index facts).
pub fn key_hash(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut buf = [0u8; 256];
    if bytes.len() > buf.len() || !name.is_ascii() {
        return hash_bytes(key(name).as_bytes());
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
    use super::*;

    #[test]
    fn a_team_is_one_team_by_key_or_slug() {
        assert!(same_team("Payment Service Team", "payment-service-team"));
        assert!(same_team("payments", "Payments"));
        assert!(same_team("SRE / Platform", "sre-platform"));
        assert!(!same_team("Payment Service Team", "payments"));
        assert!(!same_team("Platform Team", "platform"));
    }

    #[test]
    fn a_set_of_teams_holds_what_same_team_says() {
        let names = [
            "Payment Service Team",
            "payments",
            "SRE / Platform",
            "Identity",
            "---",
        ];
        let mut teams = Teams::default();
        for name in names {
            teams.insert(name);
        }
        for asked in [
            "payment-service-team",
            "Payments",
            "sre-platform",
            "identity",
            "platform",
            "Platform Team",
            "--",
            "",
        ] {
            let one = names.iter().any(|n| same_team(asked, n));
            assert_eq!(teams.contains(asked), one, "{asked:?}");
        }
    }

    #[test]
    fn stems_are_the_singular_significant_words() {
        let a: Vec<u64> = stems("Subscription team").collect();
        let b: Vec<u64> = stems("Subscriptions Domain").collect();
        assert_eq!(a, b);
        assert_eq!(stems("Payment Service Team").count(), 1);
    }

    #[test]
    fn folds_case_space_and_suffix() {
        assert_eq!(key("Subscriptions  Domain"), "subscriptions");
        assert_eq!(key("payments service"), "payments");
        assert_eq!(key("VPN API availability"), "vpn api availability");
        assert_eq!(key("Domain"), "domain");
    }

    #[test]
    fn key_hash_agrees_with_key() {
        let same = [
            ("Payments Domain", "payments"),
            ("  Payment   Processing ", "payment processing"),
            ("VPN API Service", "vpn api"),
            ("Ärger Domain", "ärger"),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b));
            assert_eq!(key_hash(a), key_hash(b), "{a} / {b}");
        }
        assert_ne!(key_hash("Domain"), key_hash(""));
        assert_ne!(key_hash("ab c"), key_hash("a bc"));
        // The ASCII path and the general one agree.
        assert_eq!(
            key_hash("Payments  Domain"),
            hash_bytes(key("Payments  Domain").as_bytes())
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
                hash_bytes(key(&name).as_bytes()),
                "{name:?}"
            );
        }
        assert_eq!(
            key_hash("ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ Service"),
            hash_bytes(b"abcdefghijklmnopqrstuvwxyz@[`{")
        );
    }
}
