//! A CODEOWNERS file as GitHub or GitLab reads it: its rules (a pattern and its owners), its
//! GitLab sections, and the places where its syntax is one the host would reject or skip.
//! Every value is a [`Text`] with its span, for reports and fixes.

mod pattern;

pub use pattern::{Pattern, PatternError};

use smallvec::SmallVec;

use crate::model::text::Text;
pub use crate::source::Flavor;
use crate::source::{FileId, Span};

/// GitHub does not load a CODEOWNERS file of this many bytes or more.
pub const GITHUB_SIZE_LIMIT: usize = 3 * 1024 * 1024;

/// One CODEOWNERS file.
#[derive(Clone, Debug)]
pub struct Codeowners<'s> {
    pub file: FileId,
    pub flavor: Flavor,
    /// Every rule line, in file order; also those the host skips ([`CodeownersRule::skipped`]).
    pub rules: Vec<CodeownersRule<'s>>,
    /// GitLab section headers, in file order (always empty for GitHub).
    pub sections: Vec<Section<'s>>,
    pub problems: Vec<SyntaxProblem>,
    /// The owners of every rule, one rule's after another's ([`CodeownersRule::owners`]): a
    /// hundred thousand rules name theirs without an allocation each.
    pub owners: Vec<Text<'s>>,
    /// Every owner the file names, without case (ASCII, as GitHub compares owners), to the
    /// number the rules name it by ([`CodeownersRule::owner_ids`]): a hundred thousand rules
    /// are held against the team registry by numbers, not by their texts.
    pub owner_ids: rustc_hash::FxHashMap<Box<str>, u32>,
}

/// A line that gives a pattern its owners (`/docs/ @org/docs-team`).
#[derive(Clone, Debug)]
pub struct CodeownersRule<'s> {
    /// The pattern as written, escapes (`\ `) kept; without the `!` of a GitLab exclusion.
    pub pattern: Text<'s>,
    /// The owners the host reads: `@user`, `@org/team`, `@group/subgroup`, `@@role` (GitLab)
    /// or an email address. Malformed ones are left out (each is a [`SyntaxProblem`]). Empty
    /// means the pattern has no owner (GitHub), or the section's default owners (GitLab).
    /// A range of [`Codeowners::owners`] ([`Codeowners::rule_owners`]).
    pub owners: std::ops::Range<u32>,
    /// The owners' numbers in [`Codeowners::owner_ids`], in the same order.
    pub owner_ids: SmallVec<[u32; 2]>,
    /// The line's content, from its first character to the end of its owners (a trailing
    /// comment left out).
    pub span: Span,
    /// The index in [`Codeowners::sections`] of the header the line is under (GitLab).
    pub section: Option<usize>,
    /// A GitLab `!pattern`: paths it matches need no approval in its section.
    pub exclusion: bool,
    /// GitHub skips a line with invalid syntax (a [`SyntaxProblem`] on it): the rule is kept
    /// for its spans but takes no part in matching.
    pub skipped: bool,
    /// The compiled pattern; `None` when it cannot be compiled.
    pub matcher: Option<Pattern>,
}

/// A GitLab section header: `[Name]`, `^[Name]` (optional), `[Name][2]` (two approvals),
/// with default owners after it.
#[derive(Clone, Debug)]
pub struct Section<'s> {
    /// The name between the brackets, as written.
    pub name: Text<'s>,
    /// Written with a leading `^`: approval is not required. GitLab makes a section required
    /// when any of the headers of its name is.
    pub optional: bool,
    /// The number between the second brackets, as written.
    pub approvals: Option<Text<'s>>,
    /// The owners after the header, for the section's lines that name none.
    pub default_owners: Vec<Text<'s>>,
    /// Their numbers in [`Codeowners::owner_ids`].
    pub default_owner_ids: SmallVec<[u32; 2]>,
    /// The header line's content.
    pub span: Span,
    /// The index of the first section with the same name, compared without case (itself
    /// when it is the first): GitLab combines sections of one name.
    pub canonical: usize,
}

impl Section<'_> {
    /// How many approvals the section asks for: the number written, or 1 when there is none
    /// or it is not a whole number of at least 1 (as GitLab treats it).
    pub fn required_approvals(&self) -> u32 {
        self.approvals
            .as_ref()
            .and_then(|n| n.as_str().parse::<u32>().ok())
            .filter(|&n| n >= 1)
            .unwrap_or(1)
    }
}

/// A place where the file's syntax is not what the host reads as meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxProblem {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub kind: SyntaxProblemKind,
}

/// What is wrong, for rules to choose from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxProblemKind {
    /// An owner that is not `@name`, `@org/team` (`@group/subgroup`, `@@role` on GitLab) or an
    /// email address (GitHub's "Invalid owner").
    InvalidOwner,
    /// A pattern that can never match (GitHub's "Invalid pattern"): `/`.
    InvalidPattern,
    /// A line that starts with an owner: the owner is read as the pattern, and the line
    /// gives nobody anything.
    OwnerAsPattern,
    /// GitHub: the file is 3 MB or more, and GitHub does not load it.
    FileTooLarge,
    /// GitHub: `!pattern`, which does not negate on GitHub.
    Negation,
    /// GitHub: `[ ]`, which is no character range on GitHub.
    CharacterRange,
    /// GitHub: `\#` at the start of a pattern, which GitHub does not read as an escaped `#`.
    EscapedHash,
    /// GitLab: a section header without a name (`[]`).
    MissingSectionName,
    /// GitLab: a line that starts like a section header but does not end like one
    /// (`[Section name`); GitLab reads it as a rule.
    UnclosedSection,
    /// GitLab: approvals that are not a whole number of at least 1 (`[Name][0]`).
    InvalidApprovals,
    /// GitLab: a comment after a rule, which GitLab does not support: owners in it count.
    InlineComment,
    /// GitLab: a rule with no owners in a section without default owners.
    MissingOwners,
    /// GitLab: owners after an exclusion, which excludes and assigns nothing.
    OwnersOnExclusion,
}

impl<'s> Codeowners<'s> {
    pub fn new(file: FileId, flavor: Flavor) -> Codeowners<'s> {
        Codeowners {
            file,
            flavor,
            rules: Vec::new(),
            sections: Vec::new(),
            problems: Vec::new(),
            owners: Vec::new(),
            owner_ids: rustc_hash::FxHashMap::default(),
        }
    }

    /// The owners a rule names itself ([`CodeownersRule::owners`]).
    pub fn rule_owners(&self, rule: &CodeownersRule<'_>) -> &[Text<'s>] {
        &self.owners[rule.owners.start as usize..rule.owners.end as usize]
    }

    /// The number of an owner, for `owner` as written or as the team registry spells it
    /// (compared without ASCII case); `None` when the file names it nowhere.
    pub fn owner_id(&self, owner: &str) -> Option<u32> {
        match owner.bytes().any(|b| b.is_ascii_uppercase()) {
            true => self.owner_ids.get(&*owner.to_ascii_lowercase()).copied(),
            false => self.owner_ids.get(owner).copied(),
        }
    }

    /// The number of an owner the file names, given it when it has none yet.
    pub fn intern_owner(&mut self, owner: &str) -> u32 {
        if let Some(id) = self.owner_id(owner) {
            return id;
        }
        let id = self.owner_ids.len() as u32;
        self.owner_ids.insert(owner.to_ascii_lowercase().into(), id);
        id
    }

    /// The rule that decides who owns `path` as GitHub reads the file: the last rule in file
    /// order whose pattern matches, or `None` when none does. A rule with no owners
    /// matching is `Some`: the path deliberately has no owner.
    ///
    /// For a GitLab file this is the last match in the whole file, whatever its section:
    /// GitLab applies every section, so use [`Codeowners::owners_by_section`] there.
    pub fn owners_of(&self, path: &str) -> Option<&CodeownersRule<'s>> {
        self.rules
            .iter()
            .rev()
            .filter(|rule| !rule.skipped && !rule.exclusion)
            .find(|rule| rule.matches(path))
    }

    /// GitLab: for each section that applies to `path`, its last matching rule, in the order
    /// the sections first appear (the rules before any header first, as the section `None`).
    /// Sections of one name (compared without case) are one section, named by its first
    /// header's index. A section where an exclusion matches the path does not apply, whatever
    /// follows the exclusion. For a GitHub file, the one section `None` and [`Codeowners::owners_of`].
    pub fn owners_by_section(&self, path: &str) -> Vec<(Option<usize>, &CodeownersRule<'s>)> {
        self.last_matches(0..self.rules.len(), |rule| self.rules[rule].matches(path))
            .into_iter()
            .map(|(section, rule)| (section, &self.rules[rule]))
            .collect()
    }

    /// [`Codeowners::owners_by_section`] among the rules `candidates` (indices in file order)
    /// only, as indices: those a [`RuleIndex`] gives for `path`, which leaves out only rules
    /// that cannot match it.
    pub fn owners_by_section_among(
        &self,
        path: &str,
        candidates: &[u32],
    ) -> SmallVec<[(Option<usize>, usize); 2]> {
        self.last_matches_among(candidates, |rule| self.rules[rule].matches(path))
    }

    /// [`Codeowners::owners_by_section_among`] with `matches` saying whether a rule (by
    /// index) matches the path: for a caller that knows of some rules that they do without
    /// matching them (a rule with the pattern the path was made from).
    pub fn last_matches_among(
        &self,
        candidates: &[u32],
        matches: impl Fn(usize) -> bool,
    ) -> SmallVec<[(Option<usize>, usize); 2]> {
        let candidates = candidates.iter().map(|&i| i as usize);
        if self.flavor == Flavor::GitHub {
            // One section and no exclusions: the last candidate that matches.
            return candidates
                .rev()
                .find(|&i| !self.rules[i].skipped && matches(i))
                .map(|i| (None, i))
                .into_iter()
                .collect();
        }
        self.last_matches(candidates, matches).into_iter().collect()
    }

    /// The section a rule counts in: its header's first header of the same name.
    pub fn section_of(&self, rule: &CodeownersRule<'_>) -> Option<usize> {
        rule.section.map(|s| self.sections[s].canonical)
    }

    /// For each section, the index of its last rule among `rules` (indices in file order)
    /// that `matches` the path, unless an exclusion of the section matched first.
    fn last_matches(
        &self,
        rules: impl Iterator<Item = usize>,
        matches: impl Fn(usize) -> bool,
    ) -> Vec<(Option<usize>, usize)> {
        let mut found: Vec<(Option<usize>, SectionMatch)> = Vec::new();
        for i in rules {
            let rule = &self.rules[i];
            if rule.skipped {
                continue;
            }
            let section = self.section_of(rule);
            let at = match found.iter().position(|(s, _)| *s == section) {
                Some(at) => at,
                None => {
                    found.push((section, SectionMatch::None));
                    found.len() - 1
                }
            };
            if matches!(found[at].1, SectionMatch::Excluded) || !matches(i) {
                continue;
            }
            found[at].1 = if rule.exclusion {
                SectionMatch::Excluded
            } else {
                SectionMatch::Rule(i)
            };
        }
        found
            .into_iter()
            .filter_map(|(section, state)| match state {
                SectionMatch::Rule(rule) => Some((section, rule)),
                SectionMatch::None | SectionMatch::Excluded => None,
            })
            .collect()
    }

    /// The file, its texts no longer borrowed from the source: kept for the cross-file rules
    /// past the document.
    pub fn into_owned(self) -> Codeowners<'static> {
        let texts = |texts: Vec<Text<'_>>| texts.into_iter().map(Text::into_owned).collect();
        Codeowners {
            file: self.file,
            flavor: self.flavor,
            rules: self
                .rules
                .into_iter()
                .map(|r| CodeownersRule {
                    pattern: r.pattern.into_owned(),
                    owners: r.owners,
                    owner_ids: r.owner_ids,
                    span: r.span,
                    section: r.section,
                    exclusion: r.exclusion,
                    skipped: r.skipped,
                    matcher: r.matcher,
                })
                .collect(),
            sections: self
                .sections
                .into_iter()
                .map(|s| Section {
                    name: s.name.into_owned(),
                    optional: s.optional,
                    approvals: s.approvals.map(Text::into_owned),
                    default_owners: texts(s.default_owners),
                    default_owner_ids: s.default_owner_ids,
                    span: s.span,
                    canonical: s.canonical,
                })
                .collect(),
            problems: self.problems,
            owners: texts(self.owners),
            owner_ids: self.owner_ids,
        }
    }

    /// The numbers of the owners a rule gives ([`Codeowners::owners_for`]).
    pub fn owner_ids_for<'a>(&'a self, rule: &'a CodeownersRule<'s>) -> &'a [u32] {
        match self.defaults_for(rule) {
            Some(section) => &section.default_owner_ids,
            None => &rule.owner_ids,
        }
    }

    /// The owners a rule gives: its own, or its GitLab section's default owners when it
    /// names none.
    pub fn owners_for<'a>(&'a self, rule: &'a CodeownersRule<'s>) -> &'a [Text<'s>] {
        match self.defaults_for(rule) {
            Some(section) => &section.default_owners,
            None => self.rule_owners(rule),
        }
    }

    /// The section whose default owners a rule gives: its own when it names none.
    fn defaults_for(&self, rule: &CodeownersRule<'_>) -> Option<&Section<'s>> {
        let section = rule.section.filter(|_| rule.owners.is_empty())?;
        self.sections.get(section)
    }
}

/// Where a section stands on one path while its rules are read.
enum SectionMatch {
    None,
    Rule(usize),
    Excluded,
}

impl CodeownersRule<'_> {
    /// Whether the rule's pattern matches `path` (false when it did not compile).
    pub fn matches(&self, path: &str) -> bool {
        self.matcher.as_ref().is_some_and(|m| m.matches(path))
    }
}

/// The rules of a file by the folder their pattern's literal text names, so that a path is
/// tried against the few rules that can match it rather than all: a path can only match a
/// pattern whose literal prefix ([`Pattern::literal_prefix`]) it starts with. Rules whose
/// pattern starts with a wildcard or matches at any depth (`*.md`, `docs/`) are tried on
/// every path. Folders are kept by a hash of their text, so that looking one up allocates
/// nothing; two folders that hash alike only add candidates, which are matched all the same.
///
/// Most folders of a path have no rules (`src/`, `src/payments/` above the rule for
/// `src/payments/api/`), and a table of a hundred thousand folders is too large for the
/// processor's caches: a bit per folder hash in a much smaller table says, without a visit to
/// the large one, that a folder has none.
#[derive(Debug)]
pub struct RuleIndex {
    anywhere: Vec<u32>,
    /// The folders' first rules, by folder hash, open-addressed: each slot a part of the
    /// folder's hash and its first rule in file order ([`NO_RULE`] when the slot is free).
    /// Eight bytes a folder, so that the table of a large file stays in the processor's
    /// larger caches; two folders that share the part only add candidates.
    slots: Box<[FolderSlot]>,
    /// For each rule, the next rule of its folder in file order, or [`NO_RULE`].
    next: Box<[u32]>,
    /// A bit for each folder hash that has rules (several hashes share a bit): a clear bit
    /// means no rules.
    folder_bits: Box<[u64]>,
    /// How far [`RuleIndex::bit`] shifts a mixed hash: 64 less the number of bits indexed.
    shift: u32,
    /// How far a mixed hash is shifted to pick a slot: 64 less log2 of the slots.
    slot_shift: u32,
    /// A bit for each rule whose folder holds another rule too.
    shared_folder: Box<[u64]>,
}

/// A folder in [`RuleIndex::slots`].
#[derive(Clone, Copy, Debug)]
struct FolderSlot {
    /// The folder hash's [`tag`].
    tag: u32,
    /// The folder's first rule in file order, [`NO_RULE`] in a free slot.
    first: u32,
}

impl FolderSlot {
    const FREE: FolderSlot = FolderSlot {
        tag: 0,
        first: NO_RULE,
    };
}

const NO_RULE: u32 = u32::MAX;

impl RuleIndex {
    pub fn new(file: &Codeowners<'_>) -> RuleIndex {
        // About 16 bits a rule, at least a word's worth: few folders without rules share a
        // bit with one that has some.
        let bits = (file.rules.len() * 16).next_power_of_two().max(64);
        // At most half the slots taken: a probe seldom goes past the first.
        let slots = (file.rules.len() * 2).next_power_of_two().max(2);
        let mut index = RuleIndex {
            anywhere: Vec::new(),
            slots: vec![FolderSlot::FREE; slots].into_boxed_slice(),
            next: vec![NO_RULE; file.rules.len()].into_boxed_slice(),
            folder_bits: vec![0; bits / 64].into_boxed_slice(),
            shift: 64 - bits.trailing_zeros(),
            slot_shift: 64 - slots.trailing_zeros(),
            shared_folder: vec![0; file.rules.len().div_ceil(64)].into_boxed_slice(),
        };
        // From the last rule to the first, each put before those of its folder already in:
        // every folder's rules then follow one another in file order.
        for (i, rule) in file.rules.iter().enumerate().rev() {
            let Some(matcher) = rule.matcher.as_ref().filter(|_| !rule.skipped) else {
                continue;
            };
            match folder_hash(matcher.literal_prefix()) {
                None => index.anywhere.push(i as u32),
                Some(key) => {
                    let bit = index.bit(key);
                    index.folder_bits[bit / 64] |= 1 << (bit % 64);
                    let slot = index.slot_of(key);
                    let first = std::mem::replace(&mut index.slots[slot].first, i as u32);
                    index.slots[slot].tag = tag(key);
                    if first != NO_RULE {
                        index.next[i] = first;
                        for rule in [first as usize, i] {
                            index.shared_folder[rule / 64] |= 1 << (rule % 64);
                        }
                    }
                }
            }
        }
        index.anywhere.reverse();
        index
    }

    /// The slot of a folder hash: the one holding its part, or the free one where it would
    /// go.
    fn slot_of(&self, folder: u64) -> usize {
        let tag = tag(folder);
        let mask = self.slots.len() - 1;
        let mut at = (folder.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.slot_shift) as usize;
        loop {
            let slot = self.slots[at];
            if slot.first == NO_RULE || slot.tag == tag {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The bit of a folder hash in `folder_bits`: its high bits after a multiplication that
    /// mixes every bit of the hash into them.
    fn bit(&self, folder: u64) -> usize {
        (folder.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Whether a folder (by hash) may have rules: false when its bit in `folder_bits` is
    /// clear.
    fn may_have_rules(&self, folder: u64) -> bool {
        let bit = self.bit(folder);
        self.folder_bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The rules that may match `path`, in file order, into `out` (cleared first).
    pub fn candidates(&self, path: &str, out: &mut Vec<u32>) {
        self.collect(path, out);
    }

    /// The rules that may cover every path `pattern` matches, in file order: those whose
    /// folder is `pattern`'s literal prefix or a folder above it, and those tried everywhere.
    pub fn around(&self, pattern: &Pattern, out: &mut Vec<u32>) {
        self.collect(pattern.literal_prefix(), out);
    }

    /// Whether rule `rule` (with pattern `pattern`) is the only rule that may cover the paths
    /// it matches: no other rule has its folder, none a folder above, none is tried
    /// everywhere. Answered from the index's bits alone, for the many rules of a large file
    /// that have a folder of their own.
    pub fn alone(&self, rule: usize, pattern: &Pattern) -> bool {
        if !self.anywhere.is_empty() || self.shared_folder[rule / 64] & (1 << (rule % 64)) != 0 {
            return false;
        }
        // The folders above: each prefix of the literal prefix that ends in `/`, its own
        // folder left out.
        let prefix = pattern.literal_prefix().as_bytes();
        let own = prefix.len() - usize::from(prefix.ends_with(b"/"));
        let mut hash = FNV_OFFSET;
        for (at, &b) in prefix.iter().enumerate() {
            hash = fnv(hash, b);
            if b == b'/' && at < own && self.may_have_rules(hash) {
                return false;
            }
        }
        true
    }

    /// Into `out`, in file order, the rules tried everywhere and those of every folder `text`
    /// lies in or names: each of its prefixes that ends in `/`, and `text/` itself.
    fn collect(&self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(&self.anywhere);
        let mut hash = FNV_OFFSET;
        for &b in text.as_bytes() {
            hash = fnv(hash, b);
            if b == b'/' {
                self.add(hash, out);
            }
        }
        if !text.is_empty() && !text.ends_with('/') {
            self.add(fnv(hash, b'/'), out);
        }
        out.sort_unstable();
    }

    fn add(&self, folder: u64, out: &mut Vec<u32>) {
        if !self.may_have_rules(folder) {
            return;
        }
        let mut rule = self.slots[self.slot_of(folder)].first;
        while rule != NO_RULE {
            out.push(rule);
            rule = self.next[rule as usize];
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The part of a folder hash a slot keeps: its low bits, which the slot's place (from the
/// high bits of a multiplication) does not already tell.
fn tag(folder: u64) -> u32 {
    folder as u32
}

/// One byte of FNV-1a: a folder's hash is built a byte at a time, so that every folder of a
/// path is hashed in one pass over it.
fn fnv(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// The hash of a literal prefix as a folder ending in `/` (`src/` for `src/`,
/// `docs/readme.md/` for a pattern that is all literal), or `None` when it is empty.
fn folder_hash(prefix: &str) -> Option<u64> {
    if prefix.is_empty() {
        return None;
    }
    let hash = prefix.bytes().fold(FNV_OFFSET, fnv);
    Some(match prefix.ends_with('/') {
        true => hash,
        false => fnv(hash, b'/'),
    })
}
