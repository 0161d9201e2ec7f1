//! Workflows in the editor: a workflow's name and the text candidates read at each status of
//! an application that follows it.

use super::form::{check_texts, text_in, text_of};
use super::{editable, save, FieldMap, Save};
use crate::domain::cycle::edit::{self, WorkflowValues};
use crate::domain::cycle::model::{StageText, WorkflowFile};
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::Definition;
use crate::domain::status::ApplicationStatus;
use crate::web::csrf::CsrfForm;
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use toml::Spanned;

/// Which input of the workflow form shows a problem with which value of the workflow.
const WORKFLOW_INPUTS: FieldMap = &[("name", "name_pl")];

pub struct StageRow {
    pub status: &'static str,
    pub name: String,
    pub pl: String,
    pub en: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/workflows/edit.html")]
struct WorkflowPage {
    page: Page,
    base: String,
    code: String,
    name_pl: String,
    name_en: String,
    stages: Vec<StageRow>,
    errors: FormErrors,
}

/// The workflow form has a pair of texts per status (`stage_{status}_pl` / `_en`), so it is
/// read as name/value pairs.
struct WorkflowForm(Vec<(String, String)>);

impl WorkflowForm {
    fn value(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// The workflow's new name and stage texts (`current` as it is), or every error at its
    /// input.
    fn values(&self, page: &Page, current: &WorkflowFile) -> Result<WorkflowValues, FormErrors> {
        let (name_pl, name_en) = (self.value("name_pl"), self.value("name_en"));
        let mut errors = FormErrors::default();
        check_texts(
            page,
            &mut errors,
            [("name_pl", &name_pl), ("name_en", &name_en)],
            Some(200),
        );
        let mut stages = Vec::new();
        for status in ApplicationStatus::ALL {
            let s = status.as_str();
            let [pl, en] = ["pl", "en"].map(|locale| self.value(&format!("stage_{s}_{locale}")));
            for (locale, text) in [("pl", &pl), ("en", &en)] {
                if text.chars().count() > 2000 {
                    errors.add(
                        format!("stage_{s}_{locale}"),
                        page.tn("error-field-too-long", "max", &2000),
                    );
                }
            }
            match (pl.is_empty(), en.is_empty()) {
                (true, true) => {}
                (false, false) => stages.push(StageText {
                    status: Spanned::new(0..0, s.to_owned()),
                    text: text_of(current.stage_text(s), &pl, &en),
                }),
                (pl_missing, _) => {
                    let missing = if pl_missing { "pl" } else { "en" };
                    errors.add(
                        format!("stage_{s}_{missing}"),
                        page.t("editor-error-stage-both"),
                    );
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(WorkflowValues {
            name: text_of(Some(current.workflow.name.get_ref()), &name_pl, &name_en),
            stages,
        })
    }
}

impl WorkflowPage {
    /// The page with the name and stage texts `value` gives (by input name).
    fn new(
        page: Page,
        code: String,
        value: impl Fn(&str) -> String,
        (base, errors): (String, FormErrors),
    ) -> WorkflowPage {
        let stages = ApplicationStatus::ALL
            .iter()
            .map(|s| StageRow {
                status: s.as_str(),
                name: page.t(&s.message_id()),
                pl: value(&format!("stage_{}_pl", s.as_str())),
                en: value(&format!("stage_{}_en", s.as_str())),
            })
            .collect();
        WorkflowPage {
            name_pl: value("name_pl"),
            name_en: value("name_en"),
            stages,
            page,
            base,
            code,
            errors,
        }
    }
}

pub async fn workflow_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let editable = editable(&state).await?;
    let workflow = edit::workflow(&editable.definition, &code).ok_or(AppError::NotFound)?;
    let value = |name: &str| match name {
        "name_pl" => text_in(Some(&workflow.workflow.name), "pl"),
        "name_en" => text_in(Some(&workflow.workflow.name), "en"),
        _ => name
            .strip_prefix("stage_")
            .and_then(|rest| rest.rsplit_once('_'))
            .and_then(|(status, locale)| workflow.stage_text(status)?.get(locale).cloned())
            .unwrap_or_default(),
    };
    let base = editable.base.as_str().to_owned();
    render(&WorkflowPage::new(
        page,
        code,
        value,
        (base, FormErrors::default()),
    ))
}

pub async fn workflow_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let form = WorkflowForm(pairs);
    let base = form.value("base");
    let editable = editable(&state).await?;
    let workflow = edit::workflow(&editable.definition, &code).ok_or(AppError::NotFound)?;
    let edit = form.values(&page, workflow).map(|values| {
        let at = Save {
            what: format!("workflow {code}"),
            then: "/staff/cycle".into(),
            part: Part::Workflow(code.clone()),
            inputs: WORKFLOW_INPUTS,
        };
        let c = code.clone();
        let edit = move |d: &mut Definition| edit::set_workflow(d, &c, values);
        (at, edit)
    });
    let rejected = match save(&state, &page, user.id.0, &base, edit).await? {
        Ok(redirect) => return Ok(redirect),
        Err(rejected) => rejected,
    };
    render_status(
        rejected.status,
        &WorkflowPage::new(
            page,
            code,
            |name| form.value(name),
            (rejected.base, rejected.errors),
        ),
    )
}
