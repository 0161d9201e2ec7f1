//! Fields in the editor: a field's texts, requirement, visibility, length and choice options;
//! adding a field to a step; moving and removing one (refused while a condition reads it).

use super::form::{
    check_new, check_requirement, check_texts, checked, checked_options, condition_text, optional,
    optional_text, options_text, parse_count, requirement_from, requirement_of, text_in, text_of,
    BaseForm, MoveForm,
};
use super::{act, editable, EditorForm, FieldMap, Save};
use crate::domain::cycle::edit::{self, Direction, FieldValues, NewField};
use crate::domain::cycle::model::FieldDef;
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::{Definition, FieldType};
use crate::web::csrf::CsrfForm;
use crate::web::flash::redirect_with;
use crate::web::form::FormErrors;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// Which input of the field form shows a problem with which value of the field.
const FIELD_INPUTS: FieldMap = &[
    ("required_when", "condition"),
    ("visible_when", "visible_when"),
    ("hint", "hint_pl"),
    ("label", "label_pl"),
    ("options", "options"),
];

/// Which input of the new-field form shows a problem with which value of the new field.
const NEW_FIELD_INPUTS: FieldMap = &[
    ("key", "key"),
    ("label", "label_pl"),
    ("options", "options"),
];

fn field_part(owner: &str, key: &str) -> Part {
    Part::Field {
        owner: owner.to_owned(),
        key: key.to_owned(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FieldForm {
    label_pl: String,
    label_en: String,
    hint_pl: String,
    hint_en: String,
    requirement: String,
    condition: String,
    visible_when: String,
    max_length: String,
    /// Choice fields: one option per line, `value | Polish label | English label`.
    options: String,
}

impl FieldForm {
    fn of(f: &FieldDef) -> FieldForm {
        FieldForm {
            label_pl: text_in(Some(&f.label), "pl"),
            label_en: text_in(Some(&f.label), "en"),
            hint_pl: text_in(f.hint.as_ref(), "pl"),
            hint_en: text_in(f.hint.as_ref(), "en"),
            requirement: requirement_of(f.required, &f.required_when).to_owned(),
            condition: condition_text(&f.required_when),
            visible_when: condition_text(&f.visible_when),
            max_length: f.max_length.map(|m| m.to_string()).unwrap_or_default(),
            options: options_text(&f.options),
        }
    }

    /// The field's new values (`f` as it is), or every error at its input.
    fn values(&self, page: &Page, f: &FieldDef) -> Result<FieldValues, FormErrors> {
        let mut errors = FormErrors::default();
        check_texts(
            page,
            &mut errors,
            [("label_pl", &self.label_pl), ("label_en", &self.label_en)],
            None,
        );
        check_requirement(page, &mut errors, &self.requirement, &self.condition);
        let max_length = match self.max_length.trim() {
            "" => Some(None),
            raw => parse_count(raw, 1..=100_000).map(Some),
        };
        if max_length.is_none() {
            errors.add("max_length", page.t("editor-error-max-length"));
        }
        let options = checked_options(page, &mut errors, f.kind, &self.options);
        let (true, Some(max_length), Some(options)) = (errors.is_empty(), max_length, options)
        else {
            return Err(errors);
        };
        let (required, required_when) =
            requirement_from(f.required_when.as_ref(), &self.requirement, &self.condition);
        Ok(FieldValues {
            label: text_of(Some(f.label.get_ref()), &self.label_pl, &self.label_en),
            hint: optional_text(f.hint.as_ref(), &self.hint_pl, &self.hint_en),
            required,
            required_when,
            visible_when: optional(f.visible_when.as_ref(), &self.visible_when),
            max_length,
            options,
        })
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/fields/edit.html")]
pub(super) struct FieldPage {
    page: Page,
    base: String,
    owner: String,
    key: String,
    kind: String,
    is_choice: bool,
    form: FieldForm,
    errors: FormErrors,
}

impl FieldPage {
    fn new(
        page: Page,
        (owner, key): (String, String),
        kind: Option<FieldType>,
        form: FieldForm,
        (base, errors): (String, FormErrors),
    ) -> FieldPage {
        FieldPage {
            page,
            base,
            owner,
            key,
            kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            is_choice: kind.is_some_and(FieldType::is_choice),
            form,
            errors,
        }
    }
}

impl EditorForm for FieldForm {
    type At = (String, String);
    type Page = FieldPage;

    fn fill(definition: &Definition, (owner, key): &Self::At) -> Option<Self> {
        edit::field(definition, owner, key).map(FieldForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        (owner, key): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        let f = edit::field(definition, owner, key)?;
        Some(self.values(page, f).map(|values| {
            let (o, k) = (owner.clone(), key.clone());
            Save {
                what: format!("field {owner}/{key}"),
                then: "/staff/cycle".into(),
                part: field_part(owner, key),
                inputs: FIELD_INPUTS,
                edit: Box::new(move |d| edit::set_field(d, &o, &k, values)),
            }
        }))
    }

    fn page(
        page: Page,
        definition: &Definition,
        (owner, key): Self::At,
        form: Self,
        shown: (String, FormErrors),
    ) -> FieldPage {
        let kind = edit::field(definition, &owner, &key).map(|f| f.kind);
        FieldPage::new(page, (owner, key), kind, form, shown)
    }
}

// ---- adding ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewFieldForm {
    key: String,
    kind: String,
    label_pl: String,
    label_en: String,
    required: String,
    options: String,
}

impl NewFieldForm {
    /// The new field, or every error at its input.
    fn new_field(&self, page: &Page) -> Result<NewField, FormErrors> {
        let mut errors = FormErrors::default();
        check_new(
            page,
            &mut errors,
            &self.key,
            [("label_pl", &self.label_pl), ("label_en", &self.label_en)],
        );
        let kind = FieldType::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", page.t("editor-error-kind"));
        }
        let options = kind.and_then(|kind| checked_options(page, &mut errors, kind, &self.options));
        let (true, Some(kind), Some(options)) = (errors.is_empty(), kind, options) else {
            return Err(errors);
        };
        Ok(NewField {
            key: self.key.trim().to_owned(),
            kind,
            label: text_of(None, &self.label_pl, &self.label_en),
            required: checked(&self.required),
            options,
        })
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/fields/new.html")]
pub(super) struct NewFieldPage {
    page: Page,
    base: String,
    owner: String,
    step: String,
    kinds: Vec<(String, String)>,
    form: NewFieldForm,
    errors: FormErrors,
}

impl NewFieldPage {
    fn new(
        page: Page,
        (owner, step): (String, String),
        form: NewFieldForm,
        (base, errors): (String, FormErrors),
    ) -> NewFieldPage {
        let kinds = FieldType::ALL
            .iter()
            .map(|k| {
                let label = page.t(&format!("field-type-{}", k.as_str().replace('_', "-")));
                (k.as_str().to_owned(), label)
            })
            .collect();
        NewFieldPage {
            page,
            base,
            owner,
            step,
            kinds,
            form,
            errors,
        }
    }
}

impl EditorForm for NewFieldForm {
    type At = (String, String);
    type Page = NewFieldPage;

    fn fill(definition: &Definition, (owner, step): &Self::At) -> Option<Self> {
        edit::step(definition, owner, step)?;
        Some(NewFieldForm {
            kind: "text".into(),
            ..NewFieldForm::default()
        })
    }

    fn edit(
        &self,
        page: &Page,
        _: &Definition,
        (owner, step): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        Some(self.new_field(page).map(|new| {
            let key = new.key.clone();
            let (o, s) = (owner.clone(), step.clone());
            Save {
                what: format!("field {owner}/{key} added to step {step}"),
                then: format!("/staff/cycle/fields/{owner}/{key}"),
                part: field_part(owner, &key),
                inputs: NEW_FIELD_INPUTS,
                edit: Box::new(move |d| edit::add_field(d, &o, &s, new)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        at: Self::At,
        form: Self,
        shown: (String, FormErrors),
    ) -> NewFieldPage {
        NewFieldPage::new(page, at, form, shown)
    }
}

// ---- moving and removing ----

/// Where the overview shows the step holding the field `key` of `owner`.
async fn step_anchor(state: &AppState, owner: &str, key: &str) -> Result<String, AppError> {
    let editable = editable(state).await?;
    let step = edit::step_of_field(&editable.definition, owner, key).ok_or(AppError::NotFound)?;
    Ok(format!("/staff/cycle#step-{owner}-{}", step.key.get_ref()))
}

pub async fn field_move(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let back = step_anchor(&state, &owner, &key).await?;
    let Some(direction) = Direction::parse(&form.direction) else {
        return Ok(redirect_with(&back, None));
    };
    let what = format!("field {owner}/{key} moved {}", direction.as_str());
    let edit = move |d: &mut Definition| edit::move_field(d, &owner, &key, direction);
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

pub async fn field_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let then = step_anchor(&state, &owner, &key).await?;
    let what = format!("field {owner}/{key} removed");
    let back = format!("/staff/cycle/fields/{owner}/{key}");
    let edit = move |d: &mut Definition| edit::remove_field(d, &owner, &key);
    act(
        &state,
        page,
        user.id.0,
        &form.base,
        (what, back, then),
        edit,
    )
    .await
}
