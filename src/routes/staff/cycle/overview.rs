//! The editor's overview: the published version, the open draft (if any) and every programme,
//! workflow, step, field and document requirement, each linking to its form.

use super::form::pick;
use crate::domain::cycle::diff::diff_files;
use crate::domain::cycle::model::DocumentDef;
use crate::domain::cycle::validate::PROFILE_OWNER;
use crate::domain::cycle::Definition;
use crate::services::cycles::{self, Base};
use crate::web::page::render;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

pub struct ProgramRow {
    pub code: String,
    pub name: String,
    pub capacity: u32,
    /// (key, name, sessions) of each exam and interview it requires.
    pub exams: Vec<(String, String, usize)>,
}

pub struct StepRow {
    pub owner: String,
    pub key: String,
    pub title: String,
    /// (key, label) of each field.
    pub fields: Vec<(String, String)>,
}

pub struct DocumentRow {
    pub owner: String,
    pub key: String,
    pub name: String,
    pub requirement: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/overview.html")]
struct OverviewPage {
    page: Page,
    /// What the move buttons carry (see `services::cycles::Base`).
    base: String,
    published: String,
    has_draft: bool,
    /// "Started from version N", and the warning when a newer version was published since.
    draft_base: String,
    outdated: Option<String>,
    changed_files: i64,
    programs: Vec<ProgramRow>,
    /// (code, name) of each workflow.
    workflows: Vec<(String, String)>,
    steps: Vec<StepRow>,
    documents: Vec<DocumentRow>,
}

pub async fn overview(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let current = state
        .db(|conn| cycles::current_files(conn).map_err(AppError::from))
        .await?;
    let Some((row, published_files)) = current else {
        return Err(AppError::NotFound);
    };
    let draft = state
        .db(|conn| cycles::draft(conn).map_err(AppError::from))
        .await?;
    let changed_files = draft
        .as_ref()
        .map_or(0, |d| diff_files(&published_files, &d.files).len() as i64);
    let (definition, base) = match &draft {
        Some(d) => (d.definition.clone(), d.base.clone()),
        None => (
            crate::config::admin::from_files(published_files).map_err(|_| {
                AppError::Unexpected(anyhow::anyhow!("the published version does not validate"))
            })?,
            Base::of(&row.files),
        ),
    };
    let contents = Contents::of(&page, &definition);
    render(&OverviewPage {
        base: base.as_str().to_owned(),
        published: page.t1(
            "editor-published",
            "version",
            &format!("{} v{}", row.cycle_code, row.version),
        ),
        has_draft: draft.is_some(),
        draft_base: draft.as_ref().map_or_else(String::new, |d| {
            page.tn("editor-draft-base", "version", &i64::from(d.base_version))
        }),
        outdated: draft
            .as_ref()
            .and_then(|d| d.outdated_by)
            .map(|current| page.t1("editor-draft-outdated", "current", &current.to_string())),
        changed_files,
        programs: contents.programs,
        workflows: contents.workflows,
        steps: contents.steps,
        documents: contents.documents,
        page,
    })
}

/// What the overview lists, in the staff member's language.
struct Contents {
    programs: Vec<ProgramRow>,
    workflows: Vec<(String, String)>,
    steps: Vec<StepRow>,
    documents: Vec<DocumentRow>,
}

impl Contents {
    fn of(page: &Page, definition: &Definition) -> Contents {
        let locale = page.lang();
        let programs = definition
            .programs
            .iter()
            .map(|(_, p)| ProgramRow {
                code: p.program.code.get_ref().clone(),
                name: pick(p.program.name.get_ref(), locale),
                capacity: p.program.capacity,
                exams: p
                    .exams
                    .iter()
                    .map(|e| {
                        (
                            e.key.get_ref().clone(),
                            pick(e.name.get_ref(), locale),
                            e.sessions.len(),
                        )
                    })
                    .collect(),
            })
            .collect();
        let workflows = definition
            .workflows
            .iter()
            .map(|(_, w)| {
                let name = pick(w.workflow.name.get_ref(), locale);
                (w.workflow.code.get_ref().clone(), name)
            })
            .collect();
        let owners = std::iter::once((PROFILE_OWNER.to_owned(), &definition.profile.steps)).chain(
            definition
                .workflows
                .iter()
                .map(|(_, w)| (w.workflow.code.get_ref().clone(), &w.steps)),
        );
        let (mut steps, mut documents) = (Vec::new(), Vec::new());
        for (owner, owned) in owners {
            for step in owned {
                steps.push(StepRow {
                    owner: owner.clone(),
                    key: step.key.get_ref().clone(),
                    title: pick(step.title.get_ref(), locale),
                    fields: step
                        .fields
                        .iter()
                        .map(|f| (f.key.get_ref().clone(), pick(f.label.get_ref(), locale)))
                        .collect(),
                });
            }
            for document in owned.iter().flat_map(|s| &s.documents) {
                documents.push(DocumentRow {
                    owner: owner.clone(),
                    key: document.key.get_ref().clone(),
                    name: pick(document.name.get_ref(), locale),
                    requirement: requirement_text(page, document),
                });
            }
        }
        Contents {
            programs,
            workflows,
            steps,
            documents,
        }
    }
}

fn requirement_text(page: &Page, document: &DocumentDef) -> String {
    match (&document.required, &document.required_when) {
        (true, _) => page.t("editor-required-always"),
        (false, Some(when)) => page.t1("editor-required-when", "condition", when.get_ref()),
        (false, None) => page.t("editor-required-never"),
    }
}
