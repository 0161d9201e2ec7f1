//! Submitting an application (idempotent: a second click finds the first submission), the
//! receipt and the PDF summary of what was submitted.

use super::applications::{application_page, points_info};
use super::{programme_name, Loaded, OwnApplication};
use crate::domain::cycle::evaluate::Scope;
use crate::i18n::format::pick;
use crate::routes::views::{display_value, item_views};
use crate::services::applications::{self as journey, SubmitContext, SubmitOutcome};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

/// The submit form: `then=pay` is "Submit and pay".
#[derive(Debug, Default, serde::Deserialize)]
pub struct SubmitForm {
    #[serde(default)]
    then: String,
}

/// Submits (the submission counts at this click, whatever happens to the payment), then with
/// "Submit and pay" goes on to the fee's checkout.
pub async fn submit(
    page: Page,
    state: web::Data<AppState>,
    own: OwnApplication,
    CsrfForm(form): CsrfForm<SubmitForm>,
) -> Result<HttpResponse, AppError> {
    let OwnApplication {
        candidate,
        id,
        loaded,
    } = own;
    let version = loaded.version.clone();
    let services = state.services.clone();
    let documents = loaded.documents.clone();
    let (app_id, candidate) = (id.clone(), candidate.id);
    let candidate_id = candidate.clone();
    let outcome = state
        .db(move |conn| {
            journey::submit(
                conn,
                &SubmitContext {
                    def: &version.definition,
                    compiled: &version.compiled,
                    config: &services,
                    documents: &documents,
                },
                &app_id,
                &candidate,
            )
            .map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let receipt_page = format!("/applications/{id}/receipt");
    let submitted = matches!(
        outcome,
        SubmitOutcome::Submitted { .. } | SubmitOutcome::AlreadySubmitted { .. }
    );
    if submitted && form.then == "pay" {
        if let Some(redirect) = checkout_after_submission(&state, &id, &candidate_id).await? {
            return Ok(redirect);
        }
    }
    match outcome {
        SubmitOutcome::Submitted { .. } => Ok(redirect_with(&receipt_page, Some(Flash::Submitted))),
        SubmitOutcome::AlreadySubmitted { .. } => Ok(redirect_with(&receipt_page, None)),
        SubmitOutcome::Incomplete(_) => {
            let mut errors = FormErrors::default();
            errors.add("missing", page.t("submit-error-incomplete"));
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &application_page(page, &loaded, (None, &[]), errors),
            )
        }
        SubmitOutcome::Closed => {
            let mut errors = FormErrors::default();
            errors.add("submit", page.t("submit-error-closed"));
            render_status(
                StatusCode::CONFLICT,
                &application_page(page, &loaded, (None, &[]), errors),
            )
        }
        SubmitOutcome::NotSubmittable => Ok(redirect_with(
            &format!("/applications/{id}"),
            Some(Flash::NotEditable),
        )),
    }
}

/// To the checkout of the fee that fell due at submission, or, when the gateway cannot be
/// reached, to the application (submitted) saying so beside the transfer details; None when
/// there is nothing to pay online (no provider, a waived or free fee): the receipt follows.
async fn checkout_after_submission(
    state: &AppState,
    id: &crate::domain::ids::ApplicationId,
    candidate: &crate::domain::UserId,
) -> Result<Option<HttpResponse>, AppError> {
    use crate::services::payments::CheckoutOutcome;
    let outcome =
        crate::services::payments::checkout(&state.database(), &state.services, id, candidate)
            .await?;
    Ok(match outcome {
        Some(CheckoutOutcome::Pay { url }) => Some(redirect_with(&url, None)),
        Some(CheckoutOutcome::GatewayDown) => Some(redirect_with(
            &format!("/applications/{id}"),
            Some(Flash::PaymentGatewayDown),
        )),
        _ => None,
    })
}

#[derive(Template)]
#[template(path = "candidate/submission/receipt.html")]
struct ReceiptPage {
    page: Page,
    id: String,
    programme: String,
    receipt: String,
    submitted_at: String,
    email: String,
}

pub async fn receipt(page: Page, own: OwnApplication) -> Result<HttpResponse, AppError> {
    let OwnApplication {
        candidate: user,
        id,
        loaded,
    } = own;
    let (Some(receipt), Some(at)) = (
        loaded.app.row.receipt_number.clone(),
        loaded.app.row.submitted_at,
    ) else {
        return Ok(redirect_with(&format!("/applications/{id}"), None));
    };
    render(&ReceiptPage {
        id: id.to_string(),
        programme: programme_name(
            &loaded.version.definition,
            loaded.app.row.program_code.as_str(),
            page.lang(),
        ),
        receipt,
        submitted_at: page.datetime(&at),
        email: user.email,
        page,
    })
}

/// The application as a PDF: programme, status, receipt, every answer of every step that
/// applies, and the checklist.
pub async fn summary_pdf(page: Page, own: OwnApplication) -> Result<HttpResponse, AppError> {
    let OwnApplication {
        candidate, loaded, ..
    } = own;
    let bytes = summary_document(&page, &loaded, &candidate.email)?;
    let name = loaded.app.row.reference();
    Ok(crate::web::page::pdf_attachment(
        &format!("application-{name}.pdf"),
        bytes,
    ))
}

fn summary_document(page: &Page, loaded: &Loaded, email: &str) -> Result<Vec<u8>, AppError> {
    use crate::pdf::{Block, Document};
    let locale = page.lang();
    let def = &loaded.version.definition;
    let university = pick(def.cycle.university.name.get_ref(), locale);
    let programme = programme_name(def, loaded.app.row.program_code.as_str(), locale);
    let mut blocks = vec![
        Block::Title(page.t("pdf-title")),
        Block::Paragraph(format!(
            "{university} · {}",
            pick(def.cycle.cycle.name.get_ref(), locale)
        )),
        Block::Field {
            label: page.t("pdf-programme"),
            value: programme.clone(),
        },
        Block::Field {
            label: page.t("pdf-status"),
            value: page.t(&loaded.app.row.status.message_id()),
        },
    ];
    if let (Some(receipt), Some(at)) = (&loaded.app.row.receipt_number, loaded.app.row.submitted_at)
    {
        blocks.push(Block::Field {
            label: page.t("pdf-receipt"),
            value: page.t2(
                "pdf-receipt-value",
                "receipt",
                receipt,
                "time",
                page.datetime(&at),
            ),
        });
    }
    blocks.push(Block::Field {
        label: page.t("pdf-account"),
        value: email.to_owned(),
    });
    for view in &loaded.evaluated.preview.steps {
        let Some(step) = crate::domain::answers::find_step(
            def,
            loaded.app.row.program_code.as_str(),
            view.scope,
            &view.key,
        ) else {
            continue;
        };
        if view.fields.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(pick(&view.title, locale)));
        let answers = match view.scope {
            Scope::Profile => &loaded.profile.answers,
            Scope::Application => &loaded.app.answers,
        };
        for field_view in &view.fields {
            if let Some(field) = step
                .fields
                .iter()
                .find(|f| f.key.get_ref() == &field_view.key)
            {
                blocks.push(Block::Field {
                    label: pick(field.label.get_ref(), locale),
                    value: display_value(page, def, field, answers.get(field.key.get_ref())),
                });
            }
        }
    }
    blocks.push(Block::Heading(page.t("pdf-checklist")));
    for item in item_views(page, &loaded.evaluated.checklist, "") {
        blocks.push(Block::Field {
            label: item.title,
            value: format!("{} — {}", item.state_label, item.reason),
        });
    }
    if let Some(points) = points_info(page, loaded) {
        blocks.push(Block::Heading(page.t("pdf-points")));
        blocks.push(Block::Paragraph(if points.max.is_empty() {
            points.points
        } else {
            format!("{} / {}", points.points, points.max)
        }));
    }
    let footer = match &loaded.app.row.receipt_number {
        Some(receipt) => format!("{university} · {receipt}"),
        None => format!("{university} · {}", page.t("pdf-draft")),
    };
    crate::pdf::render(&Document {
        title: format!("{} – {programme}", page.t("pdf-title")),
        footer,
        blocks,
    })
    .map_err(AppError::from)
}
