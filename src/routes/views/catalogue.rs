//! The programme catalogue as pages show it, to visitors on the front page and to candidates
//! on their home: each programme's name, faculty, level, form, language and fee, with the
//! search and filter choices that the definition's programmes offer.

use crate::domain::catalogue::ProgrammeFilter;
use crate::domain::cycle::model::Definition;
use crate::i18n::format::{money, pick};
use crate::web::Page;

pub struct ProgrammeCard {
    pub code: String,
    pub name: String,
    pub faculty: String,
    pub facts: String,
    pub fee: String,
    /// The candidate's application to it, if any.
    pub application: Option<String>,
}

/// (value, label) pairs of a drop-down.
pub type Choices = Vec<(String, String)>;

pub struct Catalogue {
    pub cycle_name: String,
    pub open: bool,
    pub closes: String,
    pub programmes: Vec<ProgrammeCard>,
    pub total: usize,
    pub filter: ProgrammeFilter,
    pub levels: Choices,
    pub faculties: Choices,
    pub languages: Choices,
    pub forms: Choices,
}

impl Catalogue {
    /// The catalogue of `def` at `now` (UTC), filtered by `filter`; `applied` holds the
    /// (programme code, application id) pairs of the signed-in candidate, if any.
    pub fn build(
        page: &Page,
        def: &Definition,
        (filter, now): (ProgrammeFilter, chrono::NaiveDateTime),
        applied: &[(&str, &str)],
    ) -> Catalogue {
        let locale = page.lang();
        let faculty_name = |code: &str| {
            def.cycle
                .faculties
                .iter()
                .find(|f| f.code.get_ref() == code)
                .map_or_else(|| code.to_owned(), |f| pick(f.name.get_ref(), locale))
        };
        // A choice: the value and its name in the page's language (`level-long-cycle`, …).
        let choice = |prefix: &str, value: &str| {
            (
                value.to_owned(),
                page.t(&format!("{prefix}-{}", value.replace('_', "-"))),
            )
        };
        let programmes = filter
            .apply(def)
            .into_iter()
            .map(|p| {
                let (_, level) = choice("level", p.level.as_str());
                let (_, form) = choice("study-form", p.form.as_str());
                let (_, language) = choice("language", &p.language);
                let fee = p
                    .fee
                    .money()
                    .map(|fee| money(&fee, locale))
                    .unwrap_or_default();
                ProgrammeCard {
                    code: p.code.get_ref().clone(),
                    name: pick(p.name.get_ref(), locale),
                    faculty: faculty_name(p.faculty.get_ref()),
                    facts: format!("{level} · {form} · {language}"),
                    fee,
                    application: applied
                        .iter()
                        .find(|(code, _)| *code == p.code.get_ref())
                        .map(|(_, id)| (*id).to_owned()),
                }
            })
            .collect();
        let all = || def.programs.iter().map(|(_, p)| &p.program);
        let distinct = |values: Choices| {
            let mut out: Choices = Vec::new();
            for v in values {
                if !out.iter().any(|(k, _)| *k == v.0) {
                    out.push(v);
                }
            }
            out
        };
        Catalogue {
            cycle_name: pick(def.cycle.cycle.name.get_ref(), locale),
            open: crate::domain::cycle::registration_open(def, now),
            closes: crate::domain::cycle::warsaw_time(def.cycle.cycle.closes.get_ref())
                .map(|t| page.datetime(&t))
                .unwrap_or_else(|| def.cycle.cycle.closes.get_ref().clone()),
            programmes,
            total: def.programs.len(),
            filter,
            levels: distinct(all().map(|p| choice("level", p.level.as_str())).collect()),
            faculties: def
                .cycle
                .faculties
                .iter()
                .map(|f| (f.code.get_ref().clone(), pick(f.name.get_ref(), locale)))
                .collect(),
            languages: distinct(all().map(|p| choice("language", &p.language)).collect()),
            forms: distinct(
                all()
                    .map(|p| choice("study-form", p.form.as_str()))
                    .collect(),
            ),
        }
    }
}
