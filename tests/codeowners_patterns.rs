//! CODEOWNERS patterns matched as GitHub documents them. Every expectation below is read from
//! a documented example, not from the implementation:
//!
//! - GitHub Docs, "About code owners", section "Example of a CODEOWNERS file": each line of
//!   the example file with the comment above it saying which files it covers.
//! - The same page, section "CODEOWNERS syntax": paths are case sensitive; the pattern rules
//!   are those of gitignore, with exceptions.
//! - git's documentation of gitignore, section "PATTERN FORMAT" (which GitHub's page links
//!   for the rules it follows): where a `/` anchors, what a trailing `/`, `*`, `?` and `**`
//!   match, with its own examples (`doc/frotz/`, `foo/*`, `**/foo/bar`, `abc/**`, `a/**/b`).

use ownlint::model::{Flavor, Pattern, RuleIndex, Text};
use ownlint::parse::codeowners;
use ownlint::source::SourceFile;

/// (pattern, path, whether it matches).
const CASES: &[(&str, &str, bool)] = &[
    // GitHub example: `*` — the default owners "for everything in the repo".
    ("*", "README.md", true),
    ("*", "src/main.rs", true),
    ("*", "deeply/nested/dir/file.txt", true),
    ("*", ".github/workflows/ci.yml", true),
    // GitHub example: `*.js` — "JS files" wherever they are.
    ("*.js", "app.js", true),
    ("*.js", "src/components/button.js", true),
    ("*.js", "app.ts", false),
    ("*.js", "app.json", false),
    // GitHub example: `*.go` and `*.txt` — "all .txt files".
    ("*.go", "cmd/tool/main.go", true),
    ("*.txt", "notes.txt", true),
    ("*.txt", "docs/notes.txt", true),
    ("*.txt", "notes.txt.bak", false),
    // GitHub example: `/build/logs/` — "any files in the build/logs directory at the root of
    // the repository and any of its subdirectories".
    ("/build/logs/", "build/logs/today.log", true),
    ("/build/logs/", "build/logs/2024/01/today.log", true),
    ("/build/logs/", "src/build/logs/today.log", false),
    ("/build/logs/", "build/logs.txt", false),
    ("/build/logs/", "build/other/today.log", false),
    // GitHub example: `docs/*` — "will match files like `docs/getting-started.md` but not
    // further nested files like `docs/build-app/troubleshooting.md`".
    ("docs/*", "docs/getting-started.md", true),
    ("docs/*", "docs/build-app/troubleshooting.md", false),
    // A `/` in the middle anchors (gitignore, PATTERN FORMAT).
    ("docs/*", "src/docs/getting-started.md", false),
    // GitHub example: `apps/` — "any file in an apps directory anywhere in your repository".
    ("apps/", "apps/web/index.js", true),
    ("apps/", "src/apps/web/index.js", true),
    ("apps/", "deeply/nested/apps/readme.md", true),
    ("apps/", "myapps/index.js", false),
    ("apps/", "apps.js", false),
    // GitHub example: `/docs/` — "any file in the `/docs` directory in the root of your
    // repository and any of its subdirectories".
    ("/docs/", "docs/getting-started.md", true),
    ("/docs/", "docs/build-app/troubleshooting.md", true),
    ("/docs/", "src/docs/getting-started.md", false),
    // GitHub example: `/scripts/` — "any change inside the `/scripts` directory".
    ("/scripts/", "scripts/deploy.sh", true),
    ("/scripts/", "scripts/ci/lint.sh", true),
    ("/scripts/", "tools/scripts/deploy.sh", false),
    // GitHub example: `**/logs` — "any file in a `/logs` directory such as `/build/logs`,
    // `/scripts/logs`, and `/deeply/nested/logs`".
    ("**/logs", "build/logs/today.log", true),
    ("**/logs", "scripts/logs/run.txt", true),
    ("**/logs", "deeply/nested/logs/x/y.log", true),
    ("**/logs", "logs/today.log", true),
    ("**/logs", "build/logsbook/today.log", false),
    // GitHub example: `/apps/` and `/apps/github` — the subdirectory is its own pattern.
    ("/apps/github", "apps/github/index.js", true),
    ("/apps/github", "apps/github", true),
    ("/apps/github", "apps/githubber/index.js", false),
    ("/apps/", "apps/github/index.js", true),
    // "CODEOWNERS paths are case sensitive".
    ("*.js", "APP.JS", false),
    ("/docs/", "Docs/getting-started.md", false),
    ("apps/", "Apps/index.js", false),
    // gitignore, PATTERN FORMAT: `doc/frotz/` matches the directory `doc/frotz` but not
    // `a/doc/frotz`; `frotz/` matches `frotz` and `a/frotz`.
    ("doc/frotz/", "doc/frotz/file.txt", true),
    ("doc/frotz/", "a/doc/frotz/file.txt", false),
    ("frotz/", "frotz/file.txt", true),
    ("frotz/", "a/frotz/file.txt", true),
    // gitignore: `foo/*` matches `foo/test.json` but not `foo/bar/hello.c`.
    ("foo/*", "foo/test.json", true),
    ("foo/*", "foo/bar/hello.c", false),
    // gitignore: `**/foo` matches `foo` anywhere; `**/foo/bar` matches `bar` directly under
    // a directory `foo` anywhere.
    ("**/foo", "foo", true),
    ("**/foo", "x/y/foo", true),
    ("**/foo/bar", "x/foo/bar", true),
    ("**/foo/bar", "x/foo/baz/bar", false),
    // gitignore: `abc/**` matches everything inside `abc`, relative to the root.
    ("abc/**", "abc/file.txt", true),
    ("abc/**", "abc/x/y/file.txt", true),
    ("abc/**", "abc", false),
    ("abc/**", "x/abc/file.txt", false),
    // gitignore: `a/**/b` matches `a/b`, `a/x/b`, `a/x/y/b`.
    ("a/**/b", "a/b", true),
    ("a/**/b", "a/x/b", true),
    ("a/**/b", "a/x/y/b", true),
    ("a/**/b", "b/x/a/b", false),
    // gitignore: `?` matches one character, never `/`; `*` never matches `/`.
    ("file?.txt", "file1.txt", true),
    ("file?.txt", "file.txt", false),
    ("file?.txt", "file12.txt", false),
    ("/a?b", "a/b", false),
    ("/src/*.rs", "src/main.rs", true),
    ("/src/*.rs", "src/bin/main.rs", false),
    // gitignore: a backslash escapes the next character (GitHub and GitLab both escape a
    // space in a path so; GitLab's "Entries with spaces").
    ("path\\ with\\ spaces/", "path with spaces/a.md", true),
    ("path\\ with\\ spaces/", "path/a.md", false),
];

/// The cases of `table` whose pattern, read as `flavor`'s host reads it, does not match as
/// documented.
fn mismatches(table: &[(&str, &str, bool)], flavor: Flavor) -> Vec<String> {
    let mut wrong = Vec::new();
    for &(pattern, path, expected) in table {
        let compiled =
            Pattern::with_flavor(pattern, flavor).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        if compiled.matches(path) != expected {
            wrong.push(format!("{pattern:?} on {path:?}: expected {expected}"));
        }
    }
    wrong
}

#[test]
fn each_documented_pattern_matches_as_documented() {
    let wrong = mismatches(CASES, Flavor::GitHub);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(CASES.len() >= 40);
}

#[test]
fn a_match_always_starts_with_the_literal_prefix() {
    for &(pattern, path, expected) in CASES {
        let compiled = Pattern::new(pattern).unwrap();
        if expected {
            assert!(
                path.starts_with(compiled.literal_prefix()),
                "{pattern} {path}"
            );
        }
    }
}

fn file(text: &str) -> SourceFile {
    ownlint::testing::source_files(&[("CODEOWNERS", text.as_bytes())]).remove(0)
}

/// Who owns `path`: the owners of the last matching rule, `Some("")` for a match without
/// owners, `None` without a match.
fn owner(text: &str, path: &str) -> Option<String> {
    let f = file(text);
    let parsed = codeowners(&f, Flavor::GitHub);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let rule = parsed.owners_of(path)?;
    let owners: Vec<&str> = parsed.rule_owners(rule).iter().map(Text::as_str).collect();
    Some(owners.join(" "))
}

/// GitHub Docs, "About code owners", "Example of a CODEOWNERS file", its rules in its order.
const GITHUB_EXAMPLE: &str = "\
# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
";

#[test]
fn the_last_matching_line_of_githubs_example_owns_each_file() {
    let cases = [
        // "Unless a later match takes precedence", the global owners own everything.
        ("README.md", "@global-owner1 @global-owner2"),
        ("Makefile", "@global-owner1 @global-owner2"),
        // "only @js-owner and not the global owner(s)" for JS files.
        ("src/index.js", "@js-owner"),
        ("main.go", "docs@example.com"),
        ("notes.txt", "@octo-org/octocats"),
        // A later line matches too: `**/logs` comes after `/build/logs/`.
        ("build/logs/today.log", "@octocat"),
        // `/docs/` comes after `docs/*`.
        ("docs/getting-started.md", "@doctocat"),
        ("docs/build-app/troubleshooting.md", "@doctocat"),
        ("scripts/deploy.sh", "@doctocat @octocat"),
        ("src/apps/web/index.html", "@octocat"),
        ("apps/web/index.html", "@octocat"),
        // "except for the `/apps/github` subdirectory, as its owners are left empty".
        ("apps/github/index.html", ""),
    ];
    for (path, expected) in cases {
        assert_eq!(
            owner(GITHUB_EXAMPLE, path).as_deref(),
            Some(expected),
            "{path}"
        );
    }
}

#[test]
fn a_subdirectory_with_its_own_owner_overrides_its_parent() {
    // GitHub's example: "@octocat owns any file in the `/apps` directory … except for the
    // `/apps/github` subdirectory, as this subdirectory has its own owner @doctocat".
    let text = "/apps/ @octocat\n/apps/github @doctocat\n";
    assert_eq!(owner(text, "apps/web/main.js").as_deref(), Some("@octocat"));
    assert_eq!(
        owner(text, "apps/github/main.js").as_deref(),
        Some("@doctocat")
    );
    assert_eq!(owner(text, "README.md"), None);
}

#[test]
fn owners_on_separate_lines_leave_only_the_last() {
    // GitHub: owners of one pattern must be on one line; otherwise "the pattern matches only
    // the last mentioned code owner".
    let text = "*.rb @alice\n*.rb @bob\n";
    assert_eq!(owner(text, "app/models/user.rb").as_deref(), Some("@bob"));
}

/// GitLab's matching, where it differs from GitHub's, as GitLab's documentation ("Code Owners
/// syntax and error handling", sections "Relative paths", "Directory paths", "Wildcard
/// paths") shows it; character classes as `fnmatch`, which that page says the patterns
/// follow, reads them.
const GITLAB_CASES: &[(&str, &str, bool)] = &[
    // "README.md is treated the same way as /**/README.md": a relative path matches anywhere.
    ("README.md", "README.md", true),
    ("README.md", "internal/README.md", true),
    ("README.md", "app/lib/README.md", true),
    // With a `/` inside, still anywhere (GitHub anchors it to the root).
    ("internal/README.md", "internal/README.md", true),
    ("internal/README.md", "docs/internal/README.md", true),
    ("internal/README.md", "docs/api/internal/README.md", true),
    ("internal/README.md", "internal/other.md", false),
    // "Directory paths": a trailing `/` matches the files in the folder and below.
    ("/docs/", "docs/index.md", true),
    ("/docs/", "docs/api/index.md", true),
    ("/docs/*", "docs/index.md", true),
    ("/docs/*", "docs/api/index.md", false),
    ("/docs/**/*.md", "docs/index.md", true),
    ("/docs/**/*.md", "docs/api/index.md", true),
    ("lib/", "lib/a.rb", true),
    ("lib/", "ee/lib/a.rb", true),
    // A path without its trailing `/` is a file: it owns nothing below it (GitHub: a folder
    // and all below).
    ("/docs", "docs", true),
    ("/docs", "docs/index.md", false),
    // "Wildcard paths".
    ("*.rb", "app/models/user.rb", true),
    ("/config/**/*.rb", "config/initializers/a.rb", true),
    ("/config/**/*.rb", "app/config/a.rb", false),
    // Character classes (`fnmatch`): a range, a set, a negated set; GitHub has none.
    ("/src/[a-c]*.rs", "src/build.rs", true),
    ("/src/[a-c]*.rs", "src/main.rs", false),
    ("/src/[!a-c]*.rs", "src/main.rs", true),
    ("/src/[!a-c]*.rs", "src/build.rs", false),
    ("/v[12]/", "v1/a.rb", true),
    ("/v[12]/", "v3/a.rb", false),
];

#[test]
fn each_documented_gitlab_pattern_matches_as_documented() {
    let wrong = mismatches(GITLAB_CASES, Flavor::GitLab);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The three differences, side by side with GitHub's reading of the same pattern.
    let github = |p: &str, path: &str| Pattern::new(p).unwrap().matches(path);
    assert!(!github("internal/README.md", "docs/internal/README.md"));
    assert!(github("/docs", "docs/index.md"));
    assert!(!github("/src/[a-c]*.rs", "src/build.rs"));
}

/// Every pattern of both tables, on every path of both tables.
fn all_patterns_and_paths() -> (Vec<(Pattern, Flavor)>, Vec<&'static str>) {
    let mut patterns = Vec::new();
    let mut paths = Vec::new();
    for (table, flavor) in [(CASES, Flavor::GitHub), (GITLAB_CASES, Flavor::GitLab)] {
        for &(pattern, path, _) in table {
            patterns.push((Pattern::with_flavor(pattern, flavor).unwrap(), flavor));
            paths.push(path);
        }
    }
    paths.extend([
        "src/payments/api.rs",
        "src/payments",
        "docs/guide.md",
        "a/b/c/d.txt",
    ]);
    (patterns, paths)
}

#[test]
fn an_example_path_is_matched_by_its_pattern() {
    let (patterns, _) = all_patterns_and_paths();
    for (pattern, _) in &patterns {
        let example = pattern.example().unwrap_or_else(|| panic!("{pattern:?}"));
        assert!(pattern.matches(&example), "{pattern:?}: {example}");
    }
}

/// `covers` is a claim about every path: no path of the tables may be matched by the covered
/// pattern and not by the one said to cover it.
#[test]
fn a_pattern_covers_another_only_when_it_matches_all_its_paths() {
    let (patterns, mut paths) = all_patterns_and_paths();
    let examples: Vec<String> = patterns.iter().filter_map(|(p, _)| p.example()).collect();
    paths.extend(examples.iter().map(String::as_str));
    let mut claims = 0;
    for (a, fa) in &patterns {
        for (b, fb) in &patterns {
            if fa != fb || !a.covers(b) {
                continue;
            }
            claims += 1;
            for path in &paths {
                assert!(
                    !b.matches(path) || a.matches(path),
                    "{a:?} said to cover {b:?}, but {path} is matched by the second only"
                );
            }
        }
    }
    // The check is not empty: the shapes `covers` knows occur in the tables.
    assert!(claims > 60, "{claims}");
    let covers = |a: &str, b: &str| Pattern::new(a).unwrap().covers(&Pattern::new(b).unwrap());
    assert!(covers("*", "/src/payments/"));
    assert!(covers("/src/", "/src/payments/"));
    assert!(covers("src", "/lib/src/a.rs"));
    assert!(covers("*.md", "/docs/guide.md"));
    assert!(covers("docs/", "/docs/guide.md"));
    assert!(!covers("docs/", "/docs"));
    assert!(!covers("/src/", "/src"));
    assert!(!covers("/src/payments/", "/src/"));
    assert!(!covers("*.md", "/docs/"));
}

/// The rule index leaves out only rules that cannot match: the last match among its
/// candidates is the last match among all the rules, for every path of the tables.
#[test]
fn the_rule_index_finds_the_last_match_the_whole_file_finds() {
    let (_, paths) = all_patterns_and_paths();
    for flavor in [Flavor::GitHub, Flavor::GitLab] {
        let table = if flavor == Flavor::GitHub {
            CASES
        } else {
            GITLAB_CASES
        };
        let mut text = String::new();
        let mut seen = std::collections::HashSet::new();
        for (i, &(pattern, _, _)) in table.iter().enumerate() {
            if seen.insert(pattern) {
                text.push_str(&format!("{pattern} @owner{i}\n"));
            }
        }
        let f = file(&text);
        let parsed = codeowners(&f, flavor);
        let index = RuleIndex::new(&parsed);
        let mut candidates = Vec::new();
        for path in &paths {
            index.candidates(path, &mut candidates);
            let among: Vec<usize> = parsed
                .owners_by_section_among(path, &candidates)
                .into_iter()
                .map(|(_, rule)| rule)
                .collect();
            let all: Vec<usize> = parsed
                .owners_by_section(path)
                .into_iter()
                .map(|(_, rule)| {
                    parsed
                        .rules
                        .iter()
                        .position(|r| std::ptr::eq(r, rule))
                        .unwrap()
                })
                .collect();
            assert_eq!(among, all, "{flavor:?} {path}");
        }
    }
}

/// A rule the index says is alone has no candidate but itself around its pattern: the rules
/// it skips in looking for shadowing rules are those nothing could shadow. Held on the
/// tables' files (wildcards, rules tried everywhere) and on files of nested folders only,
/// where most rules are alone and some share a folder or have one above.
#[test]
fn a_rule_the_index_calls_alone_has_no_other_candidate() {
    let tables: Vec<(String, Flavor)> = [(CASES, Flavor::GitHub), (GITLAB_CASES, Flavor::GitLab)]
        .into_iter()
        .map(|(table, flavor)| {
            let text: String = table
                .iter()
                .enumerate()
                .map(|(i, (pattern, _, _))| format!("{pattern} @owner{i}\n"))
                .collect();
            (text, flavor)
        })
        .collect();
    let nested = "/src/a/ @a\n/src/b/ @b\n/src/b/*.md @b\n/src/c/d/ @c\n/src/c/ @c\n\
                  /lib/x @x\n/lib/x/y/ @x\n/docs @d\n/tools/e/ @e\n";
    let mut alone = 0;
    for (text, flavor) in tables
        .iter()
        .map(|(t, f)| (t.as_str(), *f))
        .chain([(nested, Flavor::GitHub), (nested, Flavor::GitLab)])
    {
        let f = file(text);
        let parsed = codeowners(&f, flavor);
        let index = RuleIndex::new(&parsed);
        let mut candidates = Vec::new();
        for (i, rule) in parsed.rules.iter().enumerate() {
            let Some(matcher) = rule.matcher.as_ref().filter(|_| !rule.skipped) else {
                continue;
            };
            index.around(matcher, &mut candidates);
            if index.alone(i, matcher) {
                alone += 1;
                assert_eq!(
                    candidates,
                    [i as u32],
                    "{flavor:?} {}",
                    rule.pattern.as_str()
                );
            }
        }
    }
    // The nested files have rules alone (`/src/a/`, `/tools/e/`, `/docs`) and rules that are
    // not (`/src/b/` shares its folder, `/src/c/d/` has `/src/c/` above).
    assert!(alone >= 6, "{alone}");
    let f = file(nested);
    let parsed = codeowners(&f, Flavor::GitHub);
    let index = RuleIndex::new(&parsed);
    let alone_of = |pattern: &str| {
        let i = parsed
            .rules
            .iter()
            .position(|r| r.pattern.as_str() == pattern)
            .unwrap();
        index.alone(i, parsed.rules[i].matcher.as_ref().unwrap())
    };
    assert!(alone_of("/src/a/"));
    assert!(alone_of("/docs"));
    assert!(!alone_of("/src/b/"));
    assert!(!alone_of("/src/b/*.md"));
    assert!(!alone_of("/src/c/d/"));
    assert!(!alone_of("/lib/x/y/"));
}
