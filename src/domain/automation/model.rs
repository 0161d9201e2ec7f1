//! Automation rules as written in `automation.toml`: `[[rules]]`, each with a trigger, an
//! optional status filter and CEL condition, and its actions. Positions are kept (`Spanned`) so
//! a problem names its line.

use crate::domain::cycle::model::Text;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub const AUTOMATION_FILE: &str = "automation.toml";

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AutomationFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleDef>,
}

fn enabled() -> bool {
    true
}

fn is_enabled(value: &bool) -> bool {
    *value
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Letters, digits, `-` and `_`; part of every firing's deduplication key, so renaming a
    /// rule makes it fire again.
    pub id: Spanned<String>,
    /// What staff read about the rule.
    pub name: Spanned<Text>,
    #[serde(default = "enabled", skip_serializing_if = "is_enabled")]
    pub enabled: bool,
    pub trigger: TriggerDef,
    /// Applications in these statuses only (none: any status).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<Spanned<String>>,
    /// A CEL condition over `candidate`, `program`, `answers`, `results`, `exams` and
    /// `application`, checked when the rule fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Spanned<String>>,
    pub actions: Vec<ActionDef>,
}

/// One of: `event` (with `from`/`to` for status changes), `before`/`after` a date (with
/// `days`, `hours` and an optional `every_days` repeat), or `daily` at a Warsaw time.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_days: Option<u32>,
    /// `HH:MM`, Europe/Warsaw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily: Option<Spanned<String>>,
}

/// One of: `send` a message (through `channels`, email by default), change the `status`, or
/// add a `history` note.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Spanned<Text>>,
}
