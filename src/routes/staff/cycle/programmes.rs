//! Programmes in the editor: the programme form, adding a programme as a copy of another, and
//! removing one.

use super::form::{
    check_texts, condition_text, number_text, optional, optional_text, parse_optional_number, pick,
    text_in, text_of, BaseForm,
};
use super::{EditorForm, FieldMap, Save};
use crate::domain::cycle::edit::{self, ProgrammeValues};
use crate::domain::cycle::model::{Level, MoneyDef, ProgramDef, StudyForm};
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::Definition;
use crate::domain::money::parse_amount;
use crate::web::csrf::CsrfForm;
use crate::web::form::FormErrors;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use toml::Spanned;

/// Which input of the programme form shows a problem with which value of the programme.
const PROGRAMME_INPUTS: FieldMap = &[
    ("name", "name_pl"),
    ("description", "description_pl"),
    ("points", "points"),
    ("fee_exempt_when", "fee_exempt_when"),
    ("threshold", "threshold"),
    ("points_max", "points_max"),
    ("fee.amount", "fee_amount"),
    ("workflow", "workflow"),
    ("tuition.amount", "tuition_amount"),
    ("tuition.currency", "tuition_currency"),
];

/// Which input of the copy form shows a problem with which value of the new programme.
const COPY_INPUTS: FieldMap = &[("code", "new_code"), ("name", "name_pl")];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProgramForm {
    name_pl: String,
    name_en: String,
    capacity: String,
    fee_amount: String,
    points: String,
    points_max: String,
    threshold: String,
    fee_exempt_when: String,
    description_pl: String,
    description_en: String,
    level: String,
    study_form: String,
    language: String,
    workflow: String,
    tuition_amount: String,
    tuition_currency: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/programmes/edit.html")]
pub(super) struct ProgramPage {
    page: Page,
    base: String,
    code: String,
    form: ProgramForm,
    currency: String,
    /// (value, label) of the choices offered.
    levels: Choices,
    study_forms: Choices,
    workflows: Choices,
    errors: FormErrors,
}

const LEVELS: [Level; 4] = [
    Level::Bachelor,
    Level::Master,
    Level::LongCycle,
    Level::Doctoral,
];
const STUDY_FORMS: [StudyForm; 2] = [StudyForm::FullTime, StudyForm::PartTime];

/// (value, label) pairs offered by a drop-down.
type Choices = Vec<(String, String)>;

impl ProgramPage {
    /// The page for `form`, with the choices of the definition in the staff member's language.
    fn new(
        page: Page,
        definition: &Definition,
        code: String,
        form: ProgramForm,
        (base, errors): (String, FormErrors),
    ) -> ProgramPage {
        let currency = edit::programme(definition, &code)
            .map(|p| p.fee.currency.get_ref().clone())
            .unwrap_or_default();
        let choices = |values: &mut dyn Iterator<Item = &'static str>, prefix: &str| {
            values
                .map(|v| {
                    let label = page.t(&format!("{prefix}-{}", v.replace('_', "-")));
                    (v.to_owned(), label)
                })
                .collect()
        };
        let levels = choices(&mut LEVELS.iter().map(|l| l.as_str()), "level");
        let study_forms = choices(&mut STUDY_FORMS.iter().map(|f| f.as_str()), "study-form");
        let workflows = definition
            .workflows
            .iter()
            .map(|(_, w)| {
                (
                    w.workflow.code.get_ref().clone(),
                    pick(w.workflow.name.get_ref(), page.lang()),
                )
            })
            .collect();
        ProgramPage {
            base,
            code,
            currency,
            levels,
            study_forms,
            workflows,
            form,
            errors,
            page,
        }
    }
}

impl ProgramForm {
    /// The form showing `p` as it is.
    fn of(p: &ProgramDef) -> ProgramForm {
        ProgramForm {
            description_pl: text_in(p.description.as_ref(), "pl"),
            description_en: text_in(p.description.as_ref(), "en"),
            level: p.level.as_str().to_owned(),
            study_form: p.form.as_str().to_owned(),
            language: p.language.clone(),
            workflow: p.workflow.get_ref().clone(),
            tuition_amount: p
                .tuition
                .as_ref()
                .map(|t| t.amount.get_ref().clone())
                .unwrap_or_default(),
            tuition_currency: p.tuition.as_ref().map_or_else(
                || p.fee.currency.get_ref().clone(),
                |t| t.currency.get_ref().clone(),
            ),
            name_pl: text_in(Some(&p.name), "pl"),
            name_en: text_in(Some(&p.name), "en"),
            capacity: p.capacity.to_string(),
            fee_amount: p.fee.amount.get_ref().clone(),
            points: condition_text(&p.points),
            points_max: number_text(p.points_max),
            threshold: number_text(p.threshold),
            fee_exempt_when: condition_text(&p.fee_exempt_when),
        }
    }

    /// The tuition, if an amount is given (errors at the amount and currency inputs).
    fn tuition(&self, page: &Page, errors: &mut FormErrors) -> Option<MoneyDef> {
        let amount = self.tuition_amount.trim();
        if amount.is_empty() {
            return None;
        }
        if parse_amount(amount).is_none() {
            errors.add("tuition_amount", page.t("editor-error-amount"));
        }
        let currency = self.tuition_currency.trim().to_ascii_uppercase();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            errors.add("tuition_currency", page.t("editor-error-currency"));
        }
        Some(MoneyDef {
            amount: Spanned::new(0..0, amount.to_owned()),
            currency: Spanned::new(0..0, currency),
        })
    }

    /// The programme's new values, or every error at its input. `p` is the programme as it
    /// is, so values submitted unchanged stay exactly as they were.
    fn values(&self, page: &Page, p: &ProgramDef) -> Result<ProgrammeValues, FormErrors> {
        let mut errors = FormErrors::default();
        let level = LEVELS.into_iter().find(|l| l.as_str() == self.level);
        if level.is_none() {
            errors.add("level", page.t("editor-error-choice"));
        }
        let study_form = STUDY_FORMS
            .into_iter()
            .find(|f| f.as_str() == self.study_form);
        if study_form.is_none() {
            errors.add("study_form", page.t("editor-error-choice"));
        }
        let language = self.language.trim().to_ascii_lowercase();
        if language.len() != 2 || !language.chars().all(|c| c.is_ascii_lowercase()) {
            errors.add("language", page.t("editor-error-language"));
        }
        let tuition = self.tuition(page, &mut errors);
        for (field, value) in [
            ("description_pl", &self.description_pl),
            ("description_en", &self.description_en),
        ] {
            if value.chars().count() > 2000 {
                errors.add(field, page.tn("error-field-too-long", "max", &2000));
            }
        }
        let capacity = super::form::parse_count(&self.capacity, 1..=100_000);
        if capacity.is_none() {
            errors.add("capacity", page.t("editor-error-capacity"));
        }
        if parse_amount(&self.fee_amount).is_none() {
            errors.add("fee_amount", page.t("editor-error-amount"));
        }
        let mut number = |field: &'static str, raw: &str| {
            parse_optional_number(raw)
                .map_err(|()| errors.add(field, page.t("editor-error-number")))
                .ok()
                .flatten()
        };
        let points_max = number("points_max", &self.points_max);
        let threshold = number("threshold", &self.threshold);
        check_texts(
            page,
            &mut errors,
            [("name_pl", &self.name_pl), ("name_en", &self.name_en)],
            Some(200),
        );
        let (true, Some(capacity), Some(level), Some(form)) =
            (errors.is_empty(), capacity, level, study_form)
        else {
            return Err(errors);
        };
        Ok(ProgrammeValues {
            name: text_of(Some(p.name.get_ref()), &self.name_pl, &self.name_en),
            description: optional_text(
                p.description.as_ref(),
                &self.description_pl,
                &self.description_en,
            ),
            level,
            form,
            language,
            workflow: self.workflow.trim().to_owned(),
            capacity,
            fee_amount: self.fee_amount.trim().to_owned(),
            tuition,
            points: optional(p.points.as_ref(), &self.points),
            points_max,
            threshold,
            fee_exempt_when: optional(p.fee_exempt_when.as_ref(), &self.fee_exempt_when),
        })
    }
}

impl EditorForm for ProgramForm {
    type At = String;
    type Page = ProgramPage;

    fn fill(definition: &Definition, code: &String) -> Option<Self> {
        edit::programme(definition, code).map(ProgramForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        code: &String,
    ) -> Option<Result<Save, FormErrors>> {
        let program = edit::programme(definition, code)?;
        Some(self.values(page, program).map(|values| {
            let code = code.clone();
            Save {
                what: format!("programme {code}"),
                then: "/staff/cycle".into(),
                part: Part::Programme(code.clone()),
                inputs: PROGRAMME_INPUTS,
                edit: Box::new(move |d| edit::set_programme(d, &code, values)),
            }
        }))
    }

    fn page(
        page: Page,
        definition: &Definition,
        code: String,
        form: Self,
        shown: (String, FormErrors),
    ) -> ProgramPage {
        ProgramPage::new(page, definition, code, form, shown)
    }
}

// ---- adding (as a copy) and removing ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CopyForm {
    new_code: String,
    name_pl: String,
    name_en: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/copy.html")]
pub(super) struct CopyPage {
    page: Page,
    base: String,
    code: String,
    form: CopyForm,
    errors: FormErrors,
}

impl CopyForm {
    /// The new programme's code, or every error at its input.
    fn new_code(&self, page: &Page, definition: &Definition) -> Result<String, FormErrors> {
        let new_code = self.new_code.trim().to_owned();
        let mut errors = FormErrors::default();
        let well_formed = !new_code.is_empty()
            && new_code.len() <= 40
            && new_code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        let file = edit::programme_file(&new_code);
        if !well_formed {
            errors.add("new_code", page.t("editor-error-code"));
        } else if definition
            .programs
            .iter()
            .any(|(name, p)| p.program.code.get_ref() == &new_code || *name == file)
        {
            errors.add("new_code", page.t("editor-error-code-taken"));
        }
        check_texts(
            page,
            &mut errors,
            [("name_pl", &self.name_pl), ("name_en", &self.name_en)],
            None,
        );
        if errors.is_empty() {
            Ok(new_code)
        } else {
            Err(errors)
        }
    }
}

impl EditorForm for CopyForm {
    type At = String;
    type Page = CopyPage;

    fn fill(definition: &Definition, code: &String) -> Option<Self> {
        edit::programme(definition, code)?;
        Some(CopyForm::default())
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        code: &String,
    ) -> Option<Result<Save, FormErrors>> {
        edit::programme(definition, code)?;
        Some(self.new_code(page, definition).map(|new_code| {
            let name = text_of(None, &self.name_pl, &self.name_en);
            let from = code.clone();
            Save {
                what: format!("programme {new_code} copied from {code}"),
                then: format!("/staff/cycle/programs/{new_code}"),
                part: Part::Programme(new_code.clone()),
                inputs: COPY_INPUTS,
                edit: Box::new(move |d| edit::copy_programme(d, &from, &new_code, name)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        code: String,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> CopyPage {
        CopyPage {
            page,
            base,
            code,
            form,
            errors,
        }
    }
}

pub async fn program_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    // Nothing refers to programmes, so removing one cannot break the rest; the refusal page
    // still explains a conflict.
    let what = format!("programme {code} removed");
    let back = format!("/staff/cycle/programs/{code}");
    let edit = move |d: &mut Definition| edit::remove_programme(d, &code);
    super::act(
        &state,
        page,
        user.id.0,
        &form.base,
        (what, back, "/staff/cycle".into()),
        edit,
    )
    .await
}
