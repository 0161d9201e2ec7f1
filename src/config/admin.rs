//! Reading and writing an admission-cycle definition: a directory (`admin-config/`) or the same
//! files held in memory (a stored version). Files: `cycle.toml`, `profile.toml`,
//! `workflows/*.toml`, `programs/*.toml`, and optionally `automation.toml` and
//! `messages/*.toml`. Syntax errors and unknown keys are reported with their
//! file and line, then the definition is validated whole.

use crate::domain::automation::{AutomationFile, AUTOMATION_FILE};
use crate::domain::cycle::model::{CycleFile, Definition, ProfileFile, CYCLE_FILE, PROFILE_FILE};
use crate::domain::cycle::validate;
use crate::domain::cycle::validate::{line_at, Location, Problem};
use anyhow::Context;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// File name (relative, `/`-separated) → text.
pub type Files = BTreeMap<String, String>;

/// Reads the definition files of `dir` (other files are ignored).
pub fn read_dir(dir: &Path) -> Result<Files, Vec<Problem>> {
    let mut files = Files::new();
    let mut problems = Vec::new();
    let mut read = |name: String| match std::fs::read_to_string(dir.join(&name)) {
        Ok(text) => {
            files.insert(name, text);
        }
        Err(e) => problems.push(Problem {
            file: name,
            line: 1,
            message: format!("cannot read the file: {e}"),
            at: Location::file(),
        }),
    };
    read(CYCLE_FILE.to_owned());
    for optional in [PROFILE_FILE, AUTOMATION_FILE] {
        if dir.join(optional).exists() {
            read(optional.to_owned());
        }
    }
    for sub in ["workflows", "programs", "messages"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        for name in names {
            read(format!("{sub}/{name}"));
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Loads and validates the definition in `dir`; every problem found is returned at once.
pub fn load(dir: &Path) -> Result<Definition, Vec<Problem>> {
    from_files(read_dir(dir)?)
}

/// Parses and validates a definition held as files.
pub fn from_files(files: Files) -> Result<Definition, Vec<Problem>> {
    let mut problems = Vec::new();
    let cycle: Option<CycleFile> = match files.get(CYCLE_FILE) {
        Some(text) => parse(CYCLE_FILE, text, &mut problems),
        None => {
            problems.push(Problem {
                file: CYCLE_FILE.into(),
                line: 1,
                message: "the file is missing".into(),
                at: Location::file(),
            });
            None
        }
    };
    let profile: Option<ProfileFile> = match files.get(PROFILE_FILE) {
        Some(text) => parse(PROFILE_FILE, text, &mut problems),
        None => Some(ProfileFile::default()),
    };
    let in_folder = |folder: &str| {
        files
            .iter()
            .filter(move |(name, _)| name.starts_with(folder) && name.ends_with(".toml"))
            .map(|(name, text)| (name.clone(), text.clone()))
            .collect::<Vec<_>>()
    };
    let workflows = in_folder("workflows/")
        .into_iter()
        .filter_map(|(name, text)| parse(&name, &text, &mut problems).map(|w| (name, w)))
        .collect();
    let programs = in_folder("programs/")
        .into_iter()
        .filter_map(|(name, text)| parse(&name, &text, &mut problems).map(|p| (name, p)))
        .collect();
    let automation: Option<AutomationFile> = match files.get(AUTOMATION_FILE) {
        Some(text) => parse(AUTOMATION_FILE, text, &mut problems),
        None => Some(AutomationFile::default()),
    };
    let messages = in_folder(crate::domain::messages::MESSAGES_FOLDER)
        .into_iter()
        .filter_map(|(name, text)| parse(&name, &text, &mut problems).map(|m| (name, m)))
        .collect();
    let (Some(cycle), Some(profile), Some(automation), true) =
        (cycle, profile, automation, problems.is_empty())
    else {
        return Err(problems);
    };
    let definition = Definition {
        cycle,
        profile,
        workflows,
        programs,
        automation,
        messages,
        sources: files,
    };
    let problems = validate(&definition);
    if problems.is_empty() {
        Ok(definition)
    } else {
        Err(problems)
    }
}

fn parse<T: DeserializeOwned>(name: &str, text: &str, problems: &mut Vec<Problem>) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_at(text, s.start));
            let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            problems.push(Problem {
                file: name.to_owned(),
                line,
                message,
                at: Location::file(),
            });
            None
        }
    }
}

/// The definition written out as TOML files, in a canonical layout: the same model always gives
/// the same files (comments and formatting of the original files are not kept).
pub fn to_files(def: &Definition) -> anyhow::Result<Files> {
    let mut files = Files::new();
    files.insert(
        CYCLE_FILE.into(),
        toml::to_string_pretty(&def.cycle).context("writing cycle.toml")?,
    );
    files.insert(
        PROFILE_FILE.into(),
        toml::to_string_pretty(&def.profile).context("writing profile.toml")?,
    );
    for (name, workflow) in &def.workflows {
        files.insert(
            name.clone(),
            toml::to_string_pretty(workflow).with_context(|| format!("writing {name}"))?,
        );
    }
    for (name, program) in &def.programs {
        files.insert(
            name.clone(),
            toml::to_string_pretty(program).with_context(|| format!("writing {name}"))?,
        );
    }
    if !def.automation.rules.is_empty() {
        files.insert(
            AUTOMATION_FILE.into(),
            toml::to_string_pretty(&def.automation).context("writing automation.toml")?,
        );
    }
    for (name, message) in &def.messages {
        files.insert(
            name.clone(),
            toml::to_string_pretty(message).with_context(|| format!("writing {name}"))?,
        );
    }
    Ok(files)
}

/// Writes files under `dir`, creating folders as needed.
pub fn write_dir(dir: &Path, files: &Files) -> anyhow::Result<()> {
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
