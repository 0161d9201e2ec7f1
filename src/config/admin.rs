//! Reading an admission-cycle definition from a directory (`admin-config/`):
//! `cycle.toml`, `profile.toml`, `workflows/*.toml` and `programs/*.toml`. Syntax errors and
//! unknown keys are reported with their file and line, then the definition is validated whole.

use crate::domain::cycle::model::{CycleFile, Definition, ProfileFile, CYCLE_FILE, PROFILE_FILE};
use crate::domain::cycle::validate;
use crate::domain::cycle::validate::{line_at, Problem};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// Loads and validates the definition in `dir`; every problem found is returned at once.
pub fn load(dir: &Path) -> Result<Definition, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut sources = BTreeMap::new();
    let cycle: Option<CycleFile> = read(dir, CYCLE_FILE, &mut sources, &mut problems);
    let profile: Option<ProfileFile> = if dir.join(PROFILE_FILE).exists() {
        read(dir, PROFILE_FILE, &mut sources, &mut problems)
    } else {
        Some(ProfileFile::default())
    };
    let workflows = read_all(dir, "workflows", &mut sources, &mut problems);
    let programs = read_all(dir, "programs", &mut sources, &mut problems);
    let (Some(cycle), Some(profile)) = (cycle, profile) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let definition = Definition {
        cycle,
        profile,
        workflows,
        programs,
        sources,
    };
    let problems = validate(&definition);
    if problems.is_empty() {
        Ok(definition)
    } else {
        Err(problems)
    }
}

fn read<T: DeserializeOwned>(
    dir: &Path,
    name: &str,
    sources: &mut BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let text = match std::fs::read_to_string(dir.join(name)) {
        Ok(text) => text,
        Err(e) => {
            problems.push(Problem {
                file: name.to_owned(),
                line: 1,
                message: format!("cannot read the file: {e}"),
            });
            return None;
        }
    };
    let parsed = toml::from_str::<T>(&text);
    let value = match parsed {
        Ok(value) => Some(value),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_at(&text, s.start));
            problems.push(Problem {
                file: name.to_owned(),
                line,
                message: plain(e.message()),
            });
            None
        }
    };
    sources.insert(name.to_owned(), text);
    value
}

/// Every `*.toml` in a subdirectory, in name order.
fn read_all<T: DeserializeOwned>(
    dir: &Path,
    sub: &str,
    sources: &mut BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Vec<(String, T)> {
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|n| {
            let name = format!("{sub}/{n}");
            read(dir, &name, sources, problems).map(|v| (name, v))
        })
        .collect()
}

/// TOML's messages, made one line ("unknown field `x`, expected one of …").
fn plain(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
