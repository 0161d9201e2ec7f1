//! The shape of the code, checked by reading `src/`: `domain/` stays free of actix and diesel,
//! route modules leave transactions, audit rows and database writes to services, no module
//! imports a module that imports it back, no source file grows past 800 lines, and outside
//! `domain/` and `db/` no status is spelled as its column text. The checker
//! is tested on small made-up trees, each breaking one rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MAX_LINES: usize = 800;

/// What a route module must leave to a service.
const ROUTE_FORBIDDEN: [(&str, &str); 6] = [
    ("write_tx(", "opens a transaction"),
    (".transaction(", "opens a transaction"),
    ("immediate_transaction(", "opens a transaction"),
    ("audit::record(", "writes an audit row"),
    ("diesel::insert_into(", "writes to the database"),
    ("diesel::delete(", "writes to the database"),
];

/// Names of repository functions that write: a route calling `db::<module>::<one of these>…`
/// writes to the database itself.
const WRITE_PREFIXES: [&str; 12] = [
    "insert",
    "update",
    "delete",
    "record",
    "mark",
    "set_",
    "publish",
    "supersede",
    "claim",
    "enqueue",
    "create",
    "remove",
];

/// The column texts of application and document statuses: outside `domain/` (which maps them)
/// and `db/` (which stores them), code names a status by its enum, never by this text.
const STATUS_TEXTS: [&str; 17] = [
    "draft",
    "submitted",
    "under_review",
    "needs_correction",
    "complete",
    "ranked",
    "admitted",
    "waitlisted",
    "rejected",
    "offer_accepted",
    "offer_declined",
    "enrolled",
    "expired",
    "withdrawn",
    "accepted",
    "replaced",
    "deleted",
];

/// `src/a/b.rs` → `a::b`, `src/a/mod.rs` → `a`, `src/lib.rs` → `` (the crate).
fn module_of(path: &str) -> String {
    let inner = path.strip_prefix("src/").unwrap_or(path);
    let inner = inner.strip_suffix(".rs").unwrap_or(inner);
    if inner == "lib" || inner == "main" {
        return String::new();
    }
    inner
        .strip_suffix("/mod")
        .unwrap_or(inner)
        .replace('/', "::")
}

/// The text without `//` comments (doc comments included), so that prose does not count.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code before the file's `#[cfg(test)]` module: tests may set up anything.
fn production_code(text: &str) -> String {
    let code = code_of(text);
    match code.find("#[cfg(test)]") {
        Some(at) => code[..at].to_owned(),
        None => code,
    }
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.trim_end_matches("::self").to_owned()];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(&format!("{prefix}{}", p.trim())))
        .map(|p| {
            p.strip_suffix("::self")
                .map_or(p.clone(), str::to_owned)
                .replace("::::", "::")
        })
        .collect()
}

/// Every path a module names through `use` or as `crate::…`, made absolute (without `crate`).
/// `children` are the names of the module's own submodules, which a `use` may name directly.
fn referenced_paths(module: &str, code: &str, children: &BTreeSet<String>) -> Vec<String> {
    let parent = |m: &str| {
        m.rsplit_once("::")
            .map_or(String::new(), |(p, _)| p.to_owned())
    };
    let absolute = |path: &str| -> Option<String> {
        let mut segments: Vec<&str> = path.split("::").collect();
        let mut base = module.to_owned();
        match segments.first().copied() {
            Some("crate") => {
                segments.remove(0);
                base = String::new();
            }
            Some("super") => {
                while segments.first() == Some(&"super") {
                    segments.remove(0);
                    base = parent(&base);
                }
            }
            Some("self") => {
                segments.remove(0);
            }
            Some(child) if children.contains(child) => {}
            _ => return None, // another crate, or a name in scope
        }
        let rest = segments.join("::");
        Some(match (base.is_empty(), rest.is_empty()) {
            (true, _) => rest,
            (false, true) => base,
            (false, false) => format!("{base}::{rest}"),
        })
    };
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        let Some(end) = after.find(';') else { break };
        if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ';') {
            paths.extend(expand(&after[..end]).iter().filter_map(|p| absolute(p)));
        }
        rest = &after[end..];
    }
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        paths.extend(absolute(tail[..end].trim_end_matches(':')));
        rest = &tail[end..];
    }
    paths
}

/// The names of `module`'s direct submodules.
fn children_of(module: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let prefix = if module.is_empty() {
        String::new()
    } else {
        format!("{module}::")
    };
    modules
        .iter()
        .filter_map(|m| m.strip_prefix(&prefix))
        .filter(|rest| !rest.is_empty() && !rest.contains("::"))
        .map(str::to_owned)
        .collect()
}

/// The longest known module that `path` starts with.
fn module_named_by(path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].join("::"))
        .find(|m| modules.contains(m))
}

/// Every rule broken in `files` (path relative to the crate, text), one line each.
fn check(files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let modules: BTreeSet<String> = files.iter().map(|(p, _)| module_of(p)).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files {
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!(
                "{path}: {lines} lines, more than {MAX_LINES}: split it by responsibility"
            ));
        }
        let module = module_of(path);
        let code = production_code(text);
        if path.starts_with("src/domain/") {
            for framework in ["actix", "diesel"] {
                if code.contains(framework) {
                    problems.push(format!(
                        "{path}: domain/ mentions {framework}; it must stay pure"
                    ));
                }
            }
        }
        if !path.starts_with("src/domain/") && !path.starts_with("src/db/") {
            for line in code.lines().filter(|l| l.to_lowercase().contains("status")) {
                if let Some(text) = STATUS_TEXTS
                    .iter()
                    .find(|t| line.contains(&format!("\"{t}\"")))
                {
                    problems.push(format!(
                        "{path}: a status spelled as its column text (\"{text}\"); use ApplicationStatus or DocumentStatus"
                    ));
                }
            }
        }
        if path.starts_with("src/routes/") {
            for (pattern, what) in ROUTE_FORBIDDEN {
                if code.contains(pattern) {
                    problems.push(format!(
                        "{path}: a route module {what} (`{pattern}`); a service must do it"
                    ));
                }
            }
            let mut rest = code.as_str();
            while let Some(at) = rest.find("db::") {
                let tail = &rest[at + 4..];
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                if let Some((_, function)) = tail[..end]
                    .rsplit_once("::")
                    .filter(|(module, _)| *module != "audit")
                {
                    if WRITE_PREFIXES.iter().any(|w| function.starts_with(w)) {
                        problems.push(format!(
                            "{path}: a route module calls the database write `db::{}`; a service must do it",
                            &tail[..end]
                        ));
                    }
                }
                rest = &tail[end..];
            }
        }
        let children = children_of(&module, &modules);
        let named: BTreeSet<String> = referenced_paths(&module, &code, &children)
            .iter()
            .filter_map(|p| module_named_by(p, &modules))
            .filter(|m| *m != module && !m.is_empty())
            .collect();
        imports.insert(module, named);
    }
    for (module, named) in &imports {
        for other in named {
            if module < other && imports.get(other).is_some_and(|back| back.contains(module)) {
                problems.push(format!(
                    "modules {module} and {other} import each other; move what both need into one of them or a third module"
                ));
            }
        }
    }
    problems
}

fn read_tree(dir: &Path, root: &Path, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            read_tree(&path, root, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push((relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn the_source_tree_keeps_its_layers_acyclic_and_its_files_small() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    read_tree(&root.join("src"), root, &mut files);
    assert!(files.len() > 50, "read {} files", files.len());
    let problems = check(&files);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

fn tree(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn the_checker_refuses_actix_or_diesel_in_the_domain() {
    let problems = check(&tree(&[(
        "src/domain/money.rs",
        "use actix_web::HttpResponse;\npub struct Money;",
    )]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("domain/ mentions actix"));
    // Prose and tests may name them.
    let problems = check(&tree(&[(
        "src/domain/money.rs",
        "//! Not diesel.\npub struct Money;\n#[cfg(test)]\nmod tests { use diesel::x; }",
    )]));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn the_checker_refuses_transactions_audit_rows_and_database_writes_in_routes() {
    for (code, expected) in [
        (
            "fn f(c: &mut DbConn) { db::write_tx(c, |c| Ok(())); }",
            "opens a transaction",
        ),
        (
            "fn f(c: &mut DbConn) { db::audit::record(c, None, \"x\", \"y\", \"\", now); }",
            "writes an audit row",
        ),
        (
            "fn f(c: &mut DbConn) { crate::db::documents::insert_version(c, &d); }",
            "calls the database write `db::documents::insert_version`",
        ),
        (
            "fn f(c: &mut DbConn) { db::documents::delete_current(c, a, b, k); }",
            "calls the database write `db::documents::delete_current`",
        ),
    ] {
        let problems = check(&tree(&[("src/routes/candidate/documents.rs", code)]));
        assert_eq!(problems.len(), 1, "{code}: {problems:?}");
        assert!(problems[0].contains(expected), "{code}: {problems:?}");
    }
    let reads = check(&tree(&[(
        "src/routes/candidate/documents.rs",
        "fn f(c: &mut DbConn) { db::documents::statuses(c, a, b); }",
    )]));
    assert!(reads.is_empty(), "{reads:?}");
}

#[test]
fn the_checker_refuses_status_texts_outside_domain_and_db() {
    let route = "pub fn f(d: &Doc) -> bool { d.status == \"accepted\" }";
    let problems = check(&tree(&[("src/routes/staff/documents.rs", route)]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("status spelled as its column text (\"accepted\")"),
        "{problems:?}"
    );
    // The mapping itself lives in domain/, and db/ reads and writes the column.
    let mapping =
        "pub fn as_str(s: Status) -> &'static str { match s { Status::Accepted => \"accepted\" } }";
    assert!(check(&tree(&[
        ("src/domain/status.rs", mapping),
        ("src/db/documents.rs", route),
    ]))
    .is_empty());
    // The same word that is not a status (an email template's name) is fine anywhere.
    let email = "fn name() -> &'static str { \"submitted\" }";
    assert!(check(&tree(&[("src/notify/emails.rs", email)])).is_empty());
}

#[test]
fn the_checker_refuses_modules_that_import_each_other() {
    let problems = check(&tree(&[
        ("src/web/page.rs", "use crate::web::session::CurrentUser;"),
        ("src/web/session.rs", "use super::page::Page;"),
        ("src/web/mod.rs", "pub mod page;\npub mod session;"),
    ]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("web::page and web::session import each other"));
    let problems = check(&tree(&[
        (
            "src/routes/staff/cycle/steps.rs",
            "use super::{form::{text_of, optional}, save};",
        ),
        (
            "src/routes/staff/cycle/mod.rs",
            "pub mod steps;\nfn f() { crate::routes::staff::cycle::steps::g(); }",
        ),
        ("src/routes/staff/cycle/form.rs", "pub fn text_of() {}"),
    ]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("routes::staff::cycle and routes::staff::cycle::steps"));
}

#[test]
fn the_checker_refuses_files_over_800_lines() {
    let long = "fn f() {}\n".repeat(801);
    let problems = check(&tree(&[("src/routes/staff/applications.rs", &long)]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("801 lines"));
}

#[test]
fn module_names_follow_the_files() {
    assert_eq!(
        module_of("src/routes/staff/cycle/mod.rs"),
        "routes::staff::cycle"
    );
    assert_eq!(module_of("src/web/page.rs"), "web::page");
    assert_eq!(module_of("src/lib.rs"), "");
    assert_eq!(
        expand("crate::domain::{checklist::{Item, ItemKind}, Locale}"),
        vec![
            "crate::domain::checklist::Item",
            "crate::domain::checklist::ItemKind",
            "crate::domain::Locale"
        ]
    );
}

#[test]
fn the_checker_sees_the_real_import_graph() {
    // Guards the checker itself: were path resolution broken, the cycle rule would pass vacuously.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    read_tree(&root.join("src"), root, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|(p, _)| module_of(p)).collect();
    let (_, steps) = files
        .iter()
        .find(|(p, _)| p == "src/routes/candidate/steps.rs")
        .unwrap();
    let children = children_of("routes::candidate::steps", &modules);
    let named: BTreeSet<String> =
        referenced_paths("routes::candidate::steps", &code_of(steps), &children)
            .iter()
            .filter_map(|p| module_named_by(p, &modules))
            .collect();
    for expected in [
        "routes::candidate",
        "routes::views",
        "web::page",
        "services::applications",
    ] {
        assert!(named.contains(expected), "{expected} in {named:?}");
    }
}
