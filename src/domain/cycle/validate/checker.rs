//! The state of one validation run: the definition, the problems found so far, and the
//! helpers that check a text, a code or an expression and record what is wrong.

use super::super::expr::Expr;
use super::super::model::*;
use super::problem::{line_at, Location, Problem};
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

pub(super) struct Checker<'a> {
    pub(super) def: &'a Definition,
    pub(super) locales: Vec<String>,
    pub(super) problems: Vec<Problem>,
    /// Expressions already reported, so one mistake is reported once.
    pub(super) reported: BTreeSet<(String, usize)>,
}

impl<'a> Checker<'a> {
    pub(super) fn at(&mut self, at: &Location, file: &str, offset: usize, message: String) {
        let line = self.def.sources.get(file).map_or(1, |t| line_at(t, offset));
        self.problems.push(Problem {
            file: file.to_owned(),
            line,
            message,
            at: at.clone(),
        });
    }

    pub(super) fn text(&mut self, at: &Location, file: &str, text: &Spanned<Text>, what: &str) {
        let start = text.span().start;
        let missing: Vec<&str> = self
            .locales
            .iter()
            .filter(|l| text.get_ref().get(*l).is_none_or(|v| v.trim().is_empty()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            self.at(
                at,
                file,
                start,
                format!("{what} has no text in {}", missing.join(", ")),
            );
        }
        let extra: Vec<String> = text
            .get_ref()
            .keys()
            .filter(|k| !self.locales.contains(k))
            .cloned()
            .collect();
        if !extra.is_empty() {
            self.at(
                at,
                file,
                start,
                format!(
                    "{what} has text in {}, which is not one of the cycle's languages ({})",
                    extra.join(", "),
                    self.locales.join(", ")
                ),
            );
        }
    }

    pub(super) fn opt_text(
        &mut self,
        at: &Location,
        file: &str,
        text: &Option<Spanned<Text>>,
        what: &str,
    ) {
        if let Some(text) = text {
            self.text(at, file, text, what);
        }
    }

    pub(super) fn unique(
        &mut self,
        at: &Location,
        file: &str,
        seen: &mut BTreeMap<String, String>,
        code: &Spanned<String>,
        what: &str,
    ) {
        let value = code.get_ref().trim().to_owned();
        if value.is_empty() {
            self.at(
                at,
                file,
                code.span().start,
                format!("{what} must not be empty"),
            );
            return;
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.at(
                at,
                file,
                code.span().start,
                format!("{what} \"{value}\" may use only letters, digits, '-' and '_'"),
            );
        }
        if let Some(first) = seen.get(&value) {
            let first = first.clone();
            self.at(
                at,
                file,
                code.span().start,
                format!("{what} \"{value}\" is used twice (first in {first})"),
            );
        } else {
            seen.insert(value, file.to_owned());
        }
    }

    /// Compiles an expression and checks the names it reads. Returns it for the dry runs.
    pub(super) fn expr(
        &mut self,
        at: &Location,
        file: &str,
        source: &Spanned<String>,
        what: &str,
        scope: Scope,
    ) -> Option<Expr> {
        let offset = source.span().start;
        let expr = match Expr::compile(source.get_ref()) {
            Ok(expr) => expr,
            Err(e) => {
                self.at(
                    at,
                    file,
                    offset,
                    format!("{what}: syntax error at column {}: {}", e.column, e.message),
                );
                return None;
            }
        };
        let rule_names: Vec<&str> = super::super::expr::VARIABLES
            .into_iter()
            .chain([super::super::expr::RULE_VARIABLE])
            .collect();
        let allowed: &[&str] = match scope {
            Scope::Profile => &["candidate", "results"],
            Scope::Application => &super::super::expr::VARIABLES,
            Scope::Rule => &rule_names,
        };
        for name in expr.variables() {
            if !allowed.contains(&name.as_str()) {
                let hint = match (scope, name.as_str()) {
                    (Scope::Profile, "program" | "answers") => {
                        " (profile steps are shared by all programmes, so they can use only candidate and results)".to_owned()
                    }
                    _ => format!(" (use one of: {})", allowed.join(", ")),
                };
                self.at(
                    at,
                    file,
                    offset,
                    format!("{what}: unknown name `{name}`{hint}"),
                );
                return None;
            }
        }
        Some(expr)
    }

    /// Checks an optional condition and, when it compiles, adds it to `located` for the dry
    /// runs.
    pub(super) fn condition(
        &mut self,
        (at, file): (Location, &str),
        source: &Option<Spanned<String>>,
        what: String,
        scope: Scope,
        located: &mut Vec<Located>,
    ) {
        let Some(source) = source else { return };
        if let Some(expr) = self.expr(&at, file, source, &what, scope) {
            located.push(Located {
                at,
                file: file.to_owned(),
                offset: source.span().start,
                what,
                expr,
                formula: false,
            });
        }
    }
}

/// A condition or formula with where it was written, collected for the dry runs.
pub(super) struct Located {
    pub(super) at: Location,
    pub(super) file: String,
    pub(super) offset: usize,
    pub(super) what: String,
    pub(super) expr: Expr,
    pub(super) formula: bool,
}

/// Which variables an expression may read where it stands.
#[derive(Clone, Copy)]
pub(super) enum Scope {
    /// Profile steps are shared by every programme: no `program`, no `answers`.
    Profile,
    Application,
    /// An automation rule's condition: also the application's status and dates.
    Rule,
}
