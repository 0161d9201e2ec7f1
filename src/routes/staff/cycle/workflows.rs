//! Workflows in the editor: a workflow's name and the text candidates read at each status of
//! an application that follows it.

use super::form::{check_texts, text_in, text_of};
use super::{EditorForm, FieldMap, Save};
use crate::domain::cycle::edit::{self, WorkflowValues};
use crate::domain::cycle::model::{StageText, WorkflowFile};
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::Definition;
use crate::domain::status::ApplicationStatus;
use crate::web::form::FormErrors;
use crate::web::Page;
use askama::Template;
use serde::Deserialize;
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
pub(super) struct WorkflowPage {
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
#[derive(Deserialize)]
#[serde(transparent)]
pub struct WorkflowForm(Vec<(String, String)>);

impl WorkflowForm {
    /// The form showing `workflow` as it is.
    fn of(workflow: &WorkflowFile) -> WorkflowForm {
        let name = &workflow.workflow.name;
        let mut pairs = vec![
            ("name_pl".to_owned(), text_in(Some(name), "pl")),
            ("name_en".to_owned(), text_in(Some(name), "en")),
        ];
        for status in ApplicationStatus::ALL {
            let s = status.as_str();
            for locale in ["pl", "en"] {
                let text = workflow.stage_text(s).and_then(|t| t.get(locale)).cloned();
                pairs.push((format!("stage_{s}_{locale}"), text.unwrap_or_default()));
            }
        }
        WorkflowForm(pairs)
    }

    /// The input `name` as it was typed.
    fn typed(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn value(&self, name: &str) -> String {
        self.typed(name).trim().to_owned()
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

impl EditorForm for WorkflowForm {
    type At = String;
    type Page = WorkflowPage;

    fn fill(definition: &Definition, code: &String) -> Option<Self> {
        edit::workflow(definition, code).map(WorkflowForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        code: &String,
    ) -> Option<Result<Save, FormErrors>> {
        let workflow = edit::workflow(definition, code)?;
        Some(self.values(page, workflow).map(|values| {
            let c = code.clone();
            Save {
                what: format!("workflow {code}"),
                then: "/staff/cycle".into(),
                part: Part::Workflow(code.clone()),
                inputs: WORKFLOW_INPUTS,
                edit: Box::new(move |d| edit::set_workflow(d, &c, values)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        code: String,
        form: Self,
        shown: (String, FormErrors),
    ) -> WorkflowPage {
        WorkflowPage::new(page, code, |name| form.typed(name), shown)
    }
}
