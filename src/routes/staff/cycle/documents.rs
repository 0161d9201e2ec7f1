//! Document requirements in the editor: a requirement's texts, condition, file types and size,
//! paper original and rejection reasons; adding one to a step; removing one.

use super::form::{
    check_new, check_requirement, check_texts, checked, condition_text, optional_text, parse_count,
    parse_texts, requirement_from, requirement_of, text_in, text_of, texts_text, yes_if, BaseForm,
};
use super::{act, EditorForm, FieldMap, Save};
use crate::domain::cycle::edit::{self, DocumentValues, NewDocument};
use crate::domain::cycle::model::{DocumentDef, DocumentType};
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::Definition;
use crate::web::csrf::CsrfForm;
use crate::web::form::FormErrors;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// Which input of the document form shows a problem with which value of the requirement.
const DOCUMENT_INPUTS: FieldMap = &[
    ("required_when", "condition"),
    ("reason", "reason_pl"),
    ("name", "name_pl"),
    ("rejection_reasons", "rejection_reasons"),
];

/// Which input of the new-document form shows a problem with which value of the requirement.
const NEW_DOCUMENT_INPUTS: FieldMap = &[
    ("key", "key"),
    ("name", "name_pl"),
    ("required_when", "condition"),
];

fn document_part(owner: &str, key: &str) -> Part {
    Part::Document {
        owner: owner.to_owned(),
        key: key.to_owned(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocumentForm {
    name_pl: String,
    name_en: String,
    reason_pl: String,
    reason_en: String,
    requirement: String,
    condition: String,
    max_size_mb: String,
    type_pdf: String,
    type_jpeg: String,
    type_png: String,
    original_required: String,
    original_due: String,
    rejection_reasons: String,
}

impl DocumentForm {
    fn of(d: &DocumentDef) -> DocumentForm {
        DocumentForm {
            name_pl: text_in(Some(&d.name), "pl"),
            name_en: text_in(Some(&d.name), "en"),
            reason_pl: text_in(d.reason.as_ref(), "pl"),
            reason_en: text_in(d.reason.as_ref(), "en"),
            requirement: requirement_of(d.required, &d.required_when).to_owned(),
            condition: condition_text(&d.required_when),
            max_size_mb: d.max_size_mb.to_string(),
            type_pdf: yes_if(d.types.contains(&DocumentType::Pdf)),
            type_jpeg: yes_if(d.types.contains(&DocumentType::Jpeg)),
            type_png: yes_if(d.types.contains(&DocumentType::Png)),
            original_required: yes_if(d.original_required),
            original_due: condition_text(&d.original_due),
            rejection_reasons: texts_text(&d.rejection_reasons),
        }
    }

    /// The requirement's new values (`d` as it is), or every error at its input.
    fn values(&self, page: &Page, d: &DocumentDef) -> Result<DocumentValues, FormErrors> {
        let mut errors = FormErrors::default();
        let max_size = parse_count(&self.max_size_mb, 1..=50);
        if max_size.is_none() {
            errors.add("max_size_mb", page.t("editor-error-size"));
        }
        check_requirement(page, &mut errors, &self.requirement, &self.condition);
        check_texts(
            page,
            &mut errors,
            [("name_pl", &self.name_pl), ("name_en", &self.name_en)],
            None,
        );
        let types: Vec<DocumentType> = [
            (&self.type_pdf, DocumentType::Pdf),
            (&self.type_jpeg, DocumentType::Jpeg),
            (&self.type_png, DocumentType::Png),
        ]
        .into_iter()
        .filter(|(value, _)| checked(value))
        .map(|(_, kind)| kind)
        .collect();
        if types.is_empty() {
            errors.add("type_pdf", page.t("editor-error-types"));
        }
        let original_required = checked(&self.original_required);
        let original_due = match self.original_due.trim() {
            "" => None,
            _ if !original_required => None,
            raw => match crate::domain::values::parse_date(raw) {
                Ok(date) => Some(date.format("%Y-%m-%d").to_string()),
                Err(e) => {
                    errors.add("original_due", page.t(e.message_id()));
                    None
                }
            },
        };
        let reasons = parse_texts(&self.rejection_reasons).unwrap_or_else(|line| {
            errors.add(
                "rejection_reasons",
                page.tn("editor-error-reasons-line", "line", &(line as i64)),
            );
            Vec::new()
        });
        let (true, Some(max_size_mb)) = (errors.is_empty(), max_size) else {
            return Err(errors);
        };
        let (required, required_when) =
            requirement_from(d.required_when.as_ref(), &self.requirement, &self.condition);
        Ok(DocumentValues {
            name: text_of(Some(d.name.get_ref()), &self.name_pl, &self.name_en),
            reason: optional_text(d.reason.as_ref(), &self.reason_pl, &self.reason_en),
            required,
            required_when,
            max_size_mb,
            types,
            original_required,
            original_due,
            rejection_reasons: reasons,
        })
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/documents/edit.html")]
pub(super) struct DocumentPage {
    page: Page,
    base: String,
    owner: String,
    key: String,
    form: DocumentForm,
    errors: FormErrors,
}

impl EditorForm for DocumentForm {
    type At = (String, String);
    type Page = DocumentPage;

    fn fill(definition: &Definition, (owner, key): &Self::At) -> Option<Self> {
        edit::document(definition, owner, key).map(DocumentForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        (owner, key): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        let d = edit::document(definition, owner, key)?;
        Some(self.values(page, d).map(|values| {
            let (o, k) = (owner.clone(), key.clone());
            Save {
                what: format!("document {owner}/{key}"),
                then: "/staff/cycle".into(),
                part: document_part(owner, key),
                inputs: DOCUMENT_INPUTS,
                edit: Box::new(move |d| edit::set_document(d, &o, &k, values)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        (owner, key): Self::At,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> DocumentPage {
        DocumentPage {
            page,
            base,
            owner,
            key,
            form,
            errors,
        }
    }
}

// ---- adding and removing ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewDocumentForm {
    key: String,
    name_pl: String,
    name_en: String,
    requirement: String,
    condition: String,
}

impl NewDocumentForm {
    /// The new requirement, or every error at its input.
    fn new_document(&self, page: &Page) -> Result<NewDocument, FormErrors> {
        let mut errors = FormErrors::default();
        check_new(
            page,
            &mut errors,
            &self.key,
            [("name_pl", &self.name_pl), ("name_en", &self.name_en)],
        );
        check_requirement(page, &mut errors, &self.requirement, &self.condition);
        if !errors.is_empty() {
            return Err(errors);
        }
        let (required, required_when) = requirement_from(None, &self.requirement, &self.condition);
        Ok(NewDocument {
            key: self.key.trim().to_owned(),
            name: text_of(None, &self.name_pl, &self.name_en),
            required,
            required_when,
        })
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/documents/new.html")]
pub(super) struct NewDocumentPage {
    page: Page,
    base: String,
    owner: String,
    step: String,
    form: NewDocumentForm,
    errors: FormErrors,
}

impl EditorForm for NewDocumentForm {
    type At = (String, String);
    type Page = NewDocumentPage;

    fn fill(definition: &Definition, (owner, step): &Self::At) -> Option<Self> {
        edit::step(definition, owner, step)?;
        Some(NewDocumentForm {
            requirement: "always".into(),
            ..NewDocumentForm::default()
        })
    }

    fn edit(
        &self,
        page: &Page,
        _: &Definition,
        (owner, step): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        Some(self.new_document(page).map(|new| {
            let key = new.key.clone();
            let (o, s) = (owner.clone(), step.clone());
            Save {
                what: format!("document {owner}/{key} added to step {step}"),
                then: format!("/staff/cycle/documents/{owner}/{key}"),
                part: document_part(owner, &key),
                inputs: NEW_DOCUMENT_INPUTS,
                edit: Box::new(move |d| edit::add_document(d, &o, &s, new)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        (owner, step): Self::At,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> NewDocumentPage {
        NewDocumentPage {
            page,
            base,
            owner,
            step,
            form,
            errors,
        }
    }
}

pub async fn document_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let what = format!("document {owner}/{key} removed");
    let back = format!("/staff/cycle/documents/{owner}/{key}");
    let edit = move |d: &mut Definition| edit::remove_document(d, &owner, &key);
    act(
        &state,
        page,
        user.id.0,
        &form.base,
        (what, back, "/staff/cycle#documents".into()),
        edit,
    )
    .await
}
