//! ownlint's own generator of large ownership repositories, for the benchmark and for the
//! tests that need a big repository: deterministic (same options, same bytes), clean by
//! construction, with seeded defects listed exactly.
//!
//! The shape follows the reference generator the benchmark figures were first taken on: about
//! fifty domains per file in nested folders, each domain in the user's format (owner,
//! escalation contact, one to six SLOs, incident authority, responsibilities), about 8% of the
//! domains opening a shared-ownership declaration with a domain of another owner, and one
//! escalation ladder for the whole repository. A mixed corpus writes each file as Markdown or
//! YAML at random.
//!
//! With `codeowners`, every domain also lists one path of its own (`**Paths:**`, `paths:`),
//! `.ownlint.yaml` maps each owner to a handle (`teams`), and `.github/CODEOWNERS` gives each
//! path to its owner's handle, as `ownlint export --format codeowners` writes it: the
//! codeowners rules have nothing to report, so their cost can be timed on its own.
//!
//! Used by `bench/gen_corpus.rs` (the command) and by the tests, which include this file.

use std::fmt::Write as _;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    pub domains: usize,
    /// Domains per file, on average.
    pub per_file: usize,
    pub format: Format,
    /// The share of domains that get one defect each.
    pub defects: f64,
    pub seed: u64,
    /// A path per domain, the team registry and a matching CODEOWNERS. Without it the bytes
    /// are those of the generator before the option.
    pub codeowners: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Mixed,
}

/// A generated repository: its files and the findings ownlint must report on it.
pub struct Corpus {
    /// Relative path and contents, in the order written.
    pub files: Vec<(String, String)>,
    /// Rule name, file and 1-based line of every seeded defect, sorted.
    pub expected: Vec<(&'static str, String, usize)>,
    pub shared_declarations: usize,
}

const NOUNS: &[&str] = &[
    "Payments",
    "Subscriptions",
    "Billing",
    "Invoicing",
    "Ledger",
    "Refunds",
    "Checkout",
    "Cart",
    "Catalog",
    "Search",
    "Recommendations",
    "Inventory",
    "Shipping",
    "Fulfillment",
    "Returns",
    "Identity",
    "Authentication",
    "Authorization",
    "Sessions",
    "Profiles",
    "Notifications",
    "Email",
    "SMS",
    "Messaging",
    "Media",
    "Storage",
    "Backups",
    "Analytics",
    "Reporting",
    "Metrics",
    "Logging",
    "Tracing",
    "Alerting",
    "Scheduling",
    "Workflows",
    "Pricing",
    "Promotions",
    "Coupons",
    "Loyalty",
    "Reviews",
    "Fraud",
    "Risk",
    "Compliance",
    "Tax",
    "Payroll",
    "Onboarding",
    "KYC",
    "Accounts",
    "Settlements",
    "Payouts",
    "Disputes",
    "Chargebacks",
    "Webhooks",
    "Gateway",
    "Routing",
    "Maps",
    "Localization",
    "Experiments",
    "Audit",
    "Consent",
    "Support",
    "Ticketing",
    "Orders",
    "Quotes",
    "Contracts",
];
const QUALIFIERS: &[&str] = &[
    "EU",
    "US",
    "APAC",
    "LATAM",
    "Mobile",
    "Web",
    "Partner",
    "Merchant",
    "Consumer",
    "Enterprise",
    "Internal",
    "Realtime",
    "Batch",
    "Legacy",
    "Core",
    "Edge",
    "B2B",
    "Marketplace",
    "Wholesale",
    "Retail",
    "Sandbox",
    "Regulated",
    "Global",
    "Self-Serve",
    "Premium",
    "Guest",
    "Cross-Border",
    "Offline",
];
const SUFFIXES: &[&str] = &[
    "Reconciliation",
    "Ingestion",
    "Orchestration",
    "Sync",
    "Export",
    "Platform",
    "API",
    "Pipeline",
    "Processing",
    "Routing",
    "Archive",
    "Migration",
    "Scoring",
    "Delivery",
];
const TEAM_KINDS: &[&str] = &[
    "Service",
    "Platform",
    "Core",
    "Infrastructure",
    "Experience",
    "Data",
    "Reliability",
];
const CALLSIGNS: &[&str] = &[
    "Falcon", "Otter", "Heron", "Lynx", "Kestrel", "Badger", "Orca", "Puma", "Raven", "Wren",
    "Bison", "Cobra", "Dingo", "Egret", "Gecko", "Ibex", "Jaguar", "Koala", "Lemur", "Marmot",
];
const FIRST: &[&str] = &[
    "Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kofi", "Lena",
    "Mateo", "Nia", "Omar", "Priya", "Ruth", "Sven", "Tomás", "Yuki",
];
const LAST: &[&str] = &[
    "Okafor", "Novak", "Schmidt", "Tanaka", "Silva", "Haddad", "Kowalski", "Müller", "Larsen",
    "Rossi", "Nguyen", "Dubois", "Ortiz", "Kaur",
];
const AREAS: &[&str] = &[
    "platform", "commerce", "identity", "data", "growth", "infra", "finance", "mobile", "trust",
];
const GROUPS: &[&str] = &["services", "teams", "domains", "squads"];
const LADDER: &[(&str, [&str; 2])] = &[
    (
        "Domain Owner",
        [
            "Acknowledge within 15 minutes",
            "Own diagnosis and mitigation",
        ],
    ),
    (
        "Engineering Manager",
        [
            "Engaged after 30 minutes without mitigation",
            "Coordinates teams",
        ],
    ),
    (
        "Director of Engineering",
        [
            "Engaged for SEV1 incidents",
            "Can reassign ownership temporarily",
        ],
    ),
    (
        "CTO / VP Engineering",
        [
            "Engaged for company-wide outages",
            "Final decision authority",
        ],
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Latency,
    Availability,
    Throughput,
    ErrorRate,
    Freshness,
    Completeness,
}

const SLO_TEMPLATES: &[(Kind, &str)] = &[
    (Kind::Latency, "processing"),
    (Kind::Latency, "finalization"),
    (Kind::Latency, "verification"),
    (Kind::Latency, "lookup"),
    (Kind::Availability, "API availability"),
    (Kind::Throughput, "throughput"),
    (Kind::ErrorRate, "error rate"),
    (Kind::Freshness, "data freshness"),
    (Kind::Freshness, "event propagation"),
    (Kind::Completeness, "reconciliation completeness"),
];
const AUTHORITY: &[&str] = &[
    "Can disable {} processing during incidents",
    "Can enable {} queue mode",
    "Can roll back {} deployments",
    "Can pause {} consumers",
    "Can fail over {} to the secondary region",
];
const RESPONSIBILITIES: &[&str] = &[
    "data model",
    "API contract",
    "on-call rotation",
    "runbooks",
    "capacity planning",
    "lifecycle management",
    "health monitoring",
];
const SCOPES: &[&str] = &["finalization", "refunds", "data sync", "cutover", "billing"];
const SYNCS: &[&str] = &[
    "weekly handoff review",
    "fortnightly sync meeting",
    "monthly ownership review",
];

/// The defects seeded, each with the rule that must report it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Defect {
    MissingOwner,
    PlaceholderOwner,
    TwoOwners,
    MissingContact,
    PlaceholderContact,
    MalformedSlo,
    OutOfRange,
    WrongDirection,
    MissingPercentile,
}

const DEFECTS: &[Defect] = &[
    Defect::MissingOwner,
    Defect::PlaceholderOwner,
    Defect::TwoOwners,
    Defect::MissingContact,
    Defect::PlaceholderContact,
    Defect::MalformedSlo,
    Defect::OutOfRange,
    Defect::WrongDirection,
    Defect::MissingPercentile,
];

impl Defect {
    fn rule(self) -> &'static str {
        match self {
            Defect::MissingOwner | Defect::PlaceholderOwner => "orphaned-domain",
            Defect::TwoOwners => "multiple-owners",
            Defect::MissingContact => "missing-escalation-contact",
            Defect::PlaceholderContact => "placeholder-escalation-contact",
            Defect::MalformedSlo => "malformed-slo",
            Defect::OutOfRange => "slo-out-of-range",
            Defect::WrongDirection => "slo-wrong-direction",
            Defect::MissingPercentile => "slo-missing-percentile",
        }
    }
}

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// `k` distinct indices below `n`, in drawing order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

struct Slo {
    name: String,
    objective: String,
}

struct Domain {
    name: String,
    owners: Vec<String>,
    contact: Option<String>,
    slos: Vec<Slo>,
    authority: Vec<String>,
    responsibilities: Vec<String>,
    defect: Option<Defect>,
    /// The SLO the defect is on, for SLO defects.
    bad_slo: usize,
    /// The folder the domain lists as its code (`codeowners` only).
    path: Option<String>,
}

struct Shared {
    a: usize,
    b: usize,
    scope: String,
    parts: [String; 2],
    sla: String,
    escalation: String,
    sync: String,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn objective(r: &mut Rng, kind: Kind) -> String {
    let le = *r.pick(&["≤", "<="]);
    let ge = *r.pick(&["≥", ">="]);
    match kind {
        Kind::Latency => {
            let p = r.pick(&["P50", "P90", "P95", "P95", "P99", "P99.9"]);
            let v = match r.below(3) {
                0 => format!("{}ms", r.pick(&[50, 80, 100, 150, 200, 250, 300, 500, 800])),
                1 => format!("{}s", r.pick(&["1", "1.5", "2", "3", "5"])),
                _ => format!("{}min", r.pick(&[1, 2, 5, 10, 15])),
            };
            format!("{p} {le} {v}")
        }
        Kind::Availability => {
            format!(
                "{ge} {}",
                r.pick(&["99%", "99.5%", "99.9%", "99.95%", "99.99%"])
            )
        }
        Kind::Throughput => format!(
            "{ge} {} {}",
            r.pick(&[50, 100, 500, 1000, 5000, 20000]),
            r.pick(&["ops/hour", "req/sec"])
        ),
        Kind::ErrorRate => format!("{le} {}", r.pick(&["0.01%", "0.1%", "0.5%", "1%"])),
        Kind::Freshness => format!("P95 {le} {}", r.pick(&["30s", "5min", "15min", "1h", "2h"])),
        Kind::Completeness => r.pick(&["100%", "100%", "≥ 99.999%"]).to_string(),
    }
}

/// ownlint's name key, to keep names unique.
fn key(name: &str) -> String {
    let folded = name.to_lowercase();
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    for suffix in [" domain", " service"] {
        if let Some(stripped) = folded.strip_suffix(suffix) {
            return stripped.to_owned();
        }
    }
    folded
}

fn domains(r: &mut Rng, n: usize) -> Vec<Domain> {
    let mut used = std::collections::HashSet::new();
    let mut counts = std::collections::HashMap::<String, usize>::new();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (mut noun, mut qualifier, mut base);
        let mut tries = 0;
        loop {
            noun = *r.pick(NOUNS);
            qualifier = *r.pick(QUALIFIERS);
            let suffix = *r.pick(SUFFIXES);
            base = match r.below(4) {
                0 => noun.to_owned(),
                1 => format!("{qualifier} {noun}"),
                2 => format!("{noun} {suffix}"),
                _ => format!("{qualifier} {noun} {suffix}"),
            };
            tries += 1;
            if !used.contains(&key(&base)) || tries == 4 {
                break;
            }
        }
        let mut name = base.clone();
        while used.contains(&key(&name)) {
            let count = counts.entry(base.clone()).or_insert(1);
            *count += 1;
            name = format!("{base} {count}");
        }
        used.insert(key(&name));
        let singular = noun
            .strip_suffix('s')
            .filter(|_| !noun.ends_with("ss"))
            .unwrap_or(noun);
        let person = format!("{} {}", r.pick(FIRST), r.pick(LAST));
        let owner = match r.below(3) {
            0 => format!("{singular} {} Team", r.pick(TEAM_KINDS)),
            1 => format!("{qualifier} {singular} Team"),
            _ => format!("Team {}", r.pick(CALLSIGNS)),
        };
        let contact = match r.below(4) {
            0 => format!("{person} (@{})", slug(&person).replace('-', "")),
            1 => format!("@{}-oncall", slug(&name)),
            2 => format!("{}-oncall@example.com", slug(&name)),
            _ => format!("#{}-escalations (Slack)", slug(&name)),
        };
        let slo_count = 1 + r.below(6);
        let slos = r
            .sample(SLO_TEMPLATES.len(), slo_count)
            .into_iter()
            .map(|i| {
                let (kind, suffix) = SLO_TEMPLATES[i];
                Slo {
                    name: format!("{name} {suffix}"),
                    objective: objective(r, kind),
                }
            })
            .collect();
        let authority_count = 1 + r.below(3);
        let authority = r
            .sample(AUTHORITY.len(), authority_count)
            .into_iter()
            .map(|i| AUTHORITY[i].replace("{}", &singular.to_lowercase()))
            .collect();
        let responsibility_count = 1 + r.below(4);
        let responsibilities = r
            .sample(RESPONSIBILITIES.len(), responsibility_count)
            .into_iter()
            .map(|i| format!("{name} {}", RESPONSIBILITIES[i]))
            .collect();
        out.push(Domain {
            name,
            owners: vec![owner],
            contact: Some(contact),
            slos,
            authority,
            responsibilities,
            defect: None,
            bad_slo: 0,
            path: None,
        });
    }
    out
}

fn seed_defect(r: &mut Rng, d: &mut Domain, markdown: bool) {
    let defect = *r.pick(DEFECTS);
    d.defect = Some(defect);
    let slo_objective = match defect {
        Defect::MissingOwner => {
            d.owners.clear();
            None
        }
        Defect::PlaceholderOwner => {
            d.owners = vec![r.pick(&["TBD", "TODO", "N/A"]).to_string()];
            None
        }
        Defect::TwoOwners => {
            let other = if d.owners[0] == "Team Falcon" {
                "Team Otter"
            } else {
                "Team Falcon"
            };
            d.owners = vec![format!("{}, {other}", d.owners[0])];
            None
        }
        Defect::MissingContact => {
            d.contact = None;
            None
        }
        Defect::PlaceholderContact => {
            d.contact = Some(
                r.pick(&["TBD", "TODO", "???", "[Engineering Manager]"])
                    .to_string(),
            );
            None
        }
        Defect::MalformedSlo => Some(if markdown {
            *r.pick(&["P95 <= fast", "P95 ≤ soon", "P95 ≤ 300"])
        } else {
            "P95 <= fast"
        }),
        Defect::OutOfRange => Some(*r.pick(&["P95 ≤ -20ms", "P150 ≤ 200ms"])),
        Defect::WrongDirection => Some(*r.pick(&["P95 ≥ 300ms", "P99 > 2s"])),
        Defect::MissingPercentile => Some(*r.pick(&["≤ 5ms", "< 300ms", "<= 2s"])),
    };
    if let Some(objective) = slo_objective {
        // A latency objective on an SLO named for latency.
        d.bad_slo = r.below(d.slos.len());
        let slo = &mut d.slos[d.bad_slo];
        slo.name = format!("{} latency check", d.name);
        slo.objective = objective.to_owned();
    }
}

/// The text of a YAML scalar: plain when that is unambiguous, else double-quoted.
fn yaml(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " ._()/+'-".contains(c))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        )
        && !s.chars().all(|c| c.is_ascii_digit() || "-+._".contains(c));
    if plain {
        s.to_owned()
    } else {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                _ => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

/// Lines of a file, counting as they are written.
#[derive(Default)]
struct Lines {
    text: String,
    count: usize,
}

impl Lines {
    /// Add a line; returns its 1-based number.
    fn add(&mut self, line: &str) -> usize {
        self.text.push_str(line);
        self.text.push('\n');
        self.count += 1;
        self.count
    }
}

/// Where the defect of a domain is reported.
struct Marks {
    heading: usize,
    owner: usize,
    contact: usize,
    slos: Vec<usize>,
}

fn expected_line(d: &Domain, m: &Marks) -> usize {
    match d.defect {
        Some(Defect::MissingOwner | Defect::MissingContact) | None => m.heading,
        Some(Defect::PlaceholderOwner | Defect::TwoOwners) => m.owner,
        Some(Defect::PlaceholderContact) => m.contact,
        Some(_) => m.slos[d.bad_slo],
    }
}

fn markdown(doms: &[Domain], shared: &[&Shared], all: &[Domain]) -> (String, Vec<Marks>) {
    let mut l = Lines::default();
    for line in [
        "# Ownership Model",
        "",
        "This document defines who owns each domain, its SLOs and how incidents escalate.",
        "",
        "## Domain Ownership",
        "",
    ] {
        l.add(line);
    }
    let mut marks = Vec::new();
    for d in doms {
        let heading = l.add(&format!("### {} Domain", d.name));
        l.add("");
        let mut owner = heading;
        for o in &d.owners {
            owner = l.add(&format!("**Owner:** {o}"));
        }
        let contact = match &d.contact {
            Some(c) => l.add(&format!("**Escalation Contact:** {c}")),
            None => heading,
        };
        if let Some(p) = &d.path {
            l.add(&format!("**Paths:** `{p}`"));
        }
        l.add("**SLO Responsibility:**");
        let slos = d
            .slos
            .iter()
            .map(|s| l.add(&format!("- {}: {}", s.name, s.objective)))
            .collect();
        l.add("");
        l.add("**Incident Authority:**");
        for a in &d.authority {
            l.add(&format!("- {a}"));
        }
        l.add("");
        l.add("**Responsibilities:**");
        for x in &d.responsibilities {
            l.add(&format!("- {x}"));
        }
        for line in ["", "---", ""] {
            l.add(line);
        }
        marks.push(Marks {
            heading,
            owner,
            contact,
            slos,
        });
    }
    if !shared.is_empty() {
        l.add("## Shared Ownership (Exception)");
        l.add("");
    }
    for s in shared {
        let (a, b) = (&all[s.a], &all[s.b]);
        l.add(&format!(
            "- **{} + {}**: Shared ownership for {}",
            a.name, b.name, s.scope
        ));
        l.add(&format!("  - {}: {}", a.owners[0], s.parts[0]));
        l.add(&format!("  - {}: {}", b.owners[0], s.parts[1]));
        l.add(&format!("  - Shared SLA: {}", s.sla));
        l.add(&format!("  - Escalation path: {}", s.escalation));
        l.add(&format!("  - Sync: {}", s.sync));
    }
    (l.text, marks)
}

fn yaml_file(doms: &[Domain], shared: &[&Shared], all: &[Domain]) -> (String, Vec<Marks>) {
    let mut l = Lines::default();
    l.add("# Ownership Model");
    l.add("domains:");
    let mut marks = Vec::new();
    for d in doms {
        let heading = l.add(&format!("  - name: {}", yaml(&d.name)));
        let mut owner = heading;
        for o in &d.owners {
            owner = l.add(&format!("    owner: {}", yaml(o)));
        }
        let contact = match &d.contact {
            Some(c) => l.add(&format!("    escalation_contact: {}", yaml(c))),
            None => heading,
        };
        if let Some(p) = &d.path {
            l.add(&format!("    paths: [{}]", yaml(p)));
        }
        l.add("    slos:");
        let slos = d
            .slos
            .iter()
            .map(|s| {
                l.add(&format!("      - name: {}", yaml(&s.name)));
                l.add(&format!("        objective: \"{}\"", s.objective))
            })
            .collect();
        l.add("    incident_authority:");
        for a in &d.authority {
            l.add(&format!("      - {}", yaml(a)));
        }
        l.add("    responsibilities:");
        for x in &d.responsibilities {
            l.add(&format!("      - {}", yaml(x)));
        }
        marks.push(Marks {
            heading,
            owner,
            contact,
            slos,
        });
    }
    if !shared.is_empty() {
        l.add("shared_ownership:");
    }
    for s in shared {
        let (a, b) = (yaml(&all[s.a].name), yaml(&all[s.b].name));
        l.add(&format!("  - domains: [{a}, {b}]"));
        l.add(&format!("    scope: {}", yaml(&s.scope)));
        l.add(&format!("    sla: \"{}\"", s.sla));
        l.add("    boundaries:");
        l.add(&format!("      {a}: {}", yaml(&s.parts[0])));
        l.add(&format!("      {b}: {}", yaml(&s.parts[1])));
        l.add(&format!("    escalation: {}", yaml(&s.escalation)));
        l.add(&format!("    sync: {}", yaml(&s.sync)));
    }
    (l.text, marks)
}

fn ladder() -> String {
    let mut text = String::from(
        "# Ownership Model\n\nThis document defines how incidents escalate across all domains.\n\n## Escalation Ladder\n\n",
    );
    for (i, (role, duties)) in LADDER.iter().enumerate() {
        let _ = writeln!(text, "### Level {}: {role}", i + 1);
        for duty in duties {
            let _ = writeln!(text, "- {duty}");
        }
        text.push('\n');
    }
    text
}

/// Generate a repository.
pub fn generate(options: &Options) -> Corpus {
    let mut r = Rng(options.seed);
    let n = options.domains.max(1);
    let mut doms = domains(&mut r, n);

    // Files of about `per_file` domains (±50%), in nested folders.
    let per_file = options.per_file.max(1);
    let mut sizes = Vec::new();
    let mut left = n;
    while left > 0 {
        let size = (per_file / 2 + r.below(per_file + 1)).clamp(1, left);
        sizes.push(size);
        left -= size;
    }
    let mut layout = Vec::new(); // (path, markdown, first domain, count)
    let mut first = 0;
    for (i, size) in sizes.iter().enumerate() {
        let depth = 1 + r.below(3);
        let mut parts = vec![
            r.pick(GROUPS).to_string(),
            r.pick(AREAS).to_string(),
            format!("team-{:02}", 1 + r.below(40)),
        ];
        parts.truncate(depth);
        let markdown = options.format == Format::Markdown || r.below(2) == 0;
        let ext = if markdown {
            "md"
        } else {
            *r.pick(&["yaml", "yml"])
        };
        parts.push(format!("{i:05}-{}.{ext}", slug(&doms[first].name)));
        layout.push((parts.join("/"), markdown, first, *size));
        first += size;
    }
    let file_of: Vec<usize> = layout
        .iter()
        .enumerate()
        .flat_map(|(f, l)| std::iter::repeat_n(f, l.3))
        .collect();
    if options.codeowners {
        give_paths(&mut doms, &layout, &file_of);
    }

    let defect_count = (n as f64 * options.defects).round() as usize;
    for i in r.sample(n, defect_count) {
        let markdown = layout[file_of[i]].1;
        seed_defect(&mut r, &mut doms[i], markdown);
    }

    // Shared ownership: about 8% of clean domains open a declaration with a clean domain of
    // another owner that opens none itself, in the opener's file.
    let clean: Vec<usize> = (0..n).filter(|&i| doms[i].defect.is_none()).collect();
    let opens: Vec<bool> = (0..n)
        .map(|i| doms[i].defect.is_none() && r.chance(0.08))
        .collect();
    let partners: Vec<usize> = clean.iter().copied().filter(|&i| !opens[i]).collect();
    let mut shared = Vec::new();
    for a in (0..n).filter(|&i| opens[i]) {
        if partners.is_empty() {
            break;
        }
        let Some(b) = (0..20)
            .map(|_| *r.pick(&partners))
            .find(|&b| doms[b].owners != doms[a].owners)
        else {
            continue;
        };
        let word = *r.pick(SCOPES);
        let name = &doms[a].name;
        let sla_name = format!("{name} {word} handoff");
        shared.push(Shared {
            a,
            b,
            scope: format!("{word} handoff"),
            parts: [
                format!("{name} {word} handoff request"),
                format!("{name} {word} handoff acceptance"),
            ],
            sla: format!("{sla_name} {}", objective(&mut r, Kind::Latency)),
            escalation: format!("{} on-call, then Engineering Manager", doms[a].owners[0]),
            sync: r.pick(SYNCS).to_string(),
        });
    }

    let mut files = Vec::new();
    let mut expected = Vec::new();
    for (f, (path, markdown_file, first, count)) in layout.iter().enumerate() {
        let these = &doms[*first..first + count];
        let declared: Vec<&Shared> = shared.iter().filter(|s| file_of[s.a] == f).collect();
        let (text, marks) = if *markdown_file {
            markdown(these, &declared, &doms)
        } else {
            yaml_file(these, &declared, &doms)
        };
        for (d, m) in these.iter().zip(&marks) {
            if let Some(defect) = d.defect {
                expected.push((defect.rule(), path.clone(), expected_line(d, m)));
            }
        }
        files.push((path.clone(), text));
    }
    files.push(("ownership-model/ESCALATION.md".to_owned(), ladder()));
    if options.codeowners {
        let teams = handles(&doms);
        files.push((".ownlint.yaml".to_owned(), registry(&teams)));
        files.push((".github/CODEOWNERS".to_owned(), codeowners(&doms, &teams)));
    }
    expected.sort_by(|a, b| (&a.1, a.2, a.0).cmp(&(&b.1, b.2, b.0)));
    Corpus {
        files,
        expected,
        shared_declarations: shared.len(),
    }
}

/// Give each domain a folder of its own, `src/<group>/<domain-slug>/` with the top folder of
/// its document for the group: none inside another, so that no CODEOWNERS rule shadows or
/// overrides another. Draws nothing from the generator: the rest stays as it was.
fn give_paths(doms: &mut [Domain], layout: &[(String, bool, usize, usize)], file_of: &[usize]) {
    let mut used = std::collections::HashSet::new();
    for (i, d) in doms.iter_mut().enumerate() {
        let document = &layout[file_of[i]].0;
        let group = document.split('/').next().unwrap_or("misc");
        let base = slug(&d.name);
        let mut name = base.clone();
        let mut n = 1;
        while !used.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        d.path = Some(format!("src/{group}/{name}/"));
    }
}

/// The one team that owns a domain, when the documents give it one: the domains whose owner
/// was made a defect (none, a placeholder, two) have none, and `ownlint export` writes no rule
/// for their paths.
fn sole_owner(d: &Domain) -> Option<&str> {
    match d.defect {
        Some(Defect::MissingOwner | Defect::PlaceholderOwner | Defect::TwoOwners) => None,
        _ => d.owners.first().map(String::as_str),
    }
}

/// Every team the documents name as an owner, sorted, with its handle `@bench/<team-slug>`.
fn handles(doms: &[Domain]) -> std::collections::BTreeMap<String, String> {
    let mut teams = std::collections::BTreeMap::new();
    for d in doms {
        let named: Vec<&str> = match d.defect {
            Some(Defect::MissingOwner | Defect::PlaceholderOwner) => Vec::new(),
            Some(Defect::TwoOwners) => d.owners[0].split(", ").collect(),
            _ => d.owners.iter().map(String::as_str).collect(),
        };
        for team in named {
            teams
                .entry(team.to_owned())
                .or_insert_with(|| format!("@bench/{}", slug(team)));
        }
    }
    teams
}

/// `.ownlint.yaml` with the team registry.
fn registry(teams: &std::collections::BTreeMap<String, String>) -> String {
    let mut text = String::from("teams:\n");
    for (team, handle) in teams {
        let _ = writeln!(text, "  {}: \"{handle}\"", yaml(team));
    }
    text
}

/// CODEOWNERS as `ownlint export --format codeowners` writes it: the header, then for each
/// path of a domain with one owner its comment and its rule, broadest pattern first and then
/// by text (every path here is as deep as the others).
fn codeowners(doms: &[Domain], teams: &std::collections::BTreeMap<String, String>) -> String {
    let mut rules: Vec<(&str, String)> = doms
        .iter()
        .filter_map(|d| {
            let owner = sole_owner(d)?;
            let path = d.path.as_deref()?;
            let mut comment = format!("# {}: {owner}", d.name);
            if let Some(contact) = &d.contact {
                let _ = write!(comment, ", escalation {contact}");
            }
            Some((path, format!("{comment}\n{path} {}\n", teams[owner])))
        })
        .collect();
    rules.sort();
    let mut text = String::from(
        "# CODEOWNERS, generated by ownlint from the ownership documents: do not edit it by hand.\n\
         # Change the documents (a domain's paths and owner, the teams' handles in .ownlint.yaml),\n\
         # then run `ownlint export --format codeowners --output-file .github/CODEOWNERS`.\n",
    );
    for (_, rule) in rules {
        text.push('\n');
        text.push_str(&rule);
    }
    text
}

/// Write a corpus under `out`, which must be absent or empty (leftovers would be findings).
pub fn write(corpus: &Corpus, out: &std::path::Path) -> std::io::Result<()> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(std::io::Error::other(format!(
            "{} is not empty; remove it or pick another folder",
            out.display()
        )));
    }
    for (path, text) in &corpus.files {
        let full = out.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, text)?;
    }
    Ok(())
}
