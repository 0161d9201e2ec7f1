//! Steps in the editor: a step's texts and visibility, adding a step to the profile or a
//! workflow, moving and removing one (refused while a condition reads one of its fields).

use super::form::{
    check_new, check_texts, condition_text, optional, optional_text, text_in, text_of, BaseForm,
    MoveForm,
};
use super::{act, EditorForm, FieldMap, Save};
use crate::domain::cycle::edit::{self, Direction, StepValues};
use crate::domain::cycle::model::{StepDef, Text};
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::Definition;
use crate::web::csrf::CsrfForm;
use crate::web::flash::redirect_with;
use crate::web::form::FormErrors;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use toml::Spanned;

/// Which input of the step form shows a problem with which value of the step.
const STEP_INPUTS: FieldMap = &[
    ("visible_when", "visible_when"),
    ("intro", "intro_pl"),
    ("title", "title_pl"),
];

/// Which input of the new-step form shows a problem with which value of the new step.
const NEW_STEP_INPUTS: FieldMap = &[("key", "key"), ("title", "title_pl")];

fn step_part(owner: &str, key: &str) -> Part {
    Part::Step {
        owner: owner.to_owned(),
        key: key.to_owned(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    title_pl: String,
    title_en: String,
    intro_pl: String,
    intro_en: String,
    visible_when: String,
}

impl StepForm {
    fn of(step: &StepDef) -> StepForm {
        StepForm {
            title_pl: text_in(Some(&step.title), "pl"),
            title_en: text_in(Some(&step.title), "en"),
            intro_pl: text_in(step.intro.as_ref(), "pl"),
            intro_en: text_in(step.intro.as_ref(), "en"),
            visible_when: condition_text(&step.visible_when),
        }
    }

    /// The step's new values (`step` as it is), or every error at its input.
    fn values(&self, page: &Page, step: &StepDef) -> Result<StepValues, FormErrors> {
        let mut errors = FormErrors::default();
        check_texts(
            page,
            &mut errors,
            [("title_pl", &self.title_pl), ("title_en", &self.title_en)],
            None,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StepValues {
            title: text_of(Some(step.title.get_ref()), &self.title_pl, &self.title_en),
            intro: optional_text(step.intro.as_ref(), &self.intro_pl, &self.intro_en),
            visible_when: optional(step.visible_when.as_ref(), &self.visible_when),
        })
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/steps/edit.html")]
pub(super) struct StepPage {
    page: Page,
    base: String,
    owner: String,
    key: String,
    form: StepForm,
    errors: FormErrors,
}

impl EditorForm for StepForm {
    type At = (String, String);
    type Page = StepPage;

    fn fill(definition: &Definition, (owner, key): &Self::At) -> Option<Self> {
        edit::step(definition, owner, key).map(StepForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        (owner, key): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        let step = edit::step(definition, owner, key)?;
        Some(self.values(page, step).map(|values| {
            let (o, k) = (owner.clone(), key.clone());
            Save {
                what: format!("step {owner}/{key}"),
                then: "/staff/cycle".into(),
                part: step_part(owner, key),
                inputs: STEP_INPUTS,
                edit: Box::new(move |d| edit::set_step(d, &o, &k, values)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        (owner, key): Self::At,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> StepPage {
        StepPage {
            page,
            base,
            owner,
            key,
            form,
            errors,
        }
    }
}

// ---- adding ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewStepForm {
    key: String,
    title_pl: String,
    title_en: String,
}

impl NewStepForm {
    /// The new step's key and title, or every error at its input.
    fn new_step(&self, page: &Page) -> Result<(String, Spanned<Text>), FormErrors> {
        let mut errors = FormErrors::default();
        check_new(
            page,
            &mut errors,
            &self.key,
            [("title_pl", &self.title_pl), ("title_en", &self.title_en)],
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let title = text_of(None, &self.title_pl, &self.title_en);
        Ok((self.key.trim().to_owned(), title))
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/steps/new.html")]
pub(super) struct NewStepPage {
    page: Page,
    base: String,
    owner: String,
    form: NewStepForm,
    errors: FormErrors,
}

impl EditorForm for NewStepForm {
    type At = String;
    type Page = NewStepPage;

    fn fill(definition: &Definition, owner: &String) -> Option<Self> {
        edit::steps(definition, owner)?;
        Some(NewStepForm::default())
    }

    fn edit(
        &self,
        page: &Page,
        _: &Definition,
        owner: &String,
    ) -> Option<Result<Save, FormErrors>> {
        Some(self.new_step(page).map(|(key, title)| {
            let o = owner.clone();
            Save {
                what: format!("step {owner}/{key} added"),
                then: format!("/staff/cycle/steps/{owner}/{key}"),
                part: step_part(owner, &key),
                inputs: NEW_STEP_INPUTS,
                edit: Box::new(move |d| edit::add_step(d, &o, &key, title)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        owner: String,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> NewStepPage {
        NewStepPage {
            page,
            base,
            owner,
            form,
            errors,
        }
    }
}

// ---- moving and removing ----

pub async fn step_move(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let back = format!("/staff/cycle#step-{owner}-{key}");
    let Some(direction) = Direction::parse(&form.direction) else {
        return Ok(redirect_with(&back, None));
    };
    let what = format!("step {owner}/{key} moved {}", direction.as_str());
    let edit = move |d: &mut Definition| edit::move_step(d, &owner, &key, direction);
    act(
        &state,
        page,
        user.id.0,
        &form.base,
        (what, back.clone(), back),
        edit,
    )
    .await
}

pub async fn step_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let what = format!("step {owner}/{key} removed");
    let back = format!("/staff/cycle/steps/{owner}/{key}");
    let edit = move |d: &mut Definition| edit::remove_step(d, &owner, &key);
    act(
        &state,
        page,
        user.id.0,
        &form.base,
        (what, back, "/staff/cycle#steps".into()),
        edit,
    )
    .await
}
