//! One application as its candidate sees it: starting it from the catalogue, its overview
//! (status, steps, checklist, points, history) and withdrawal.

use super::{programme_name, status_class, Loaded, OwnApplication};
use crate::domain::checklist::ItemState;
use crate::domain::cycle::model::FieldType;
use crate::domain::history::Reader;
use crate::domain::ids::{ApplicationId, ProgrammeCode};
use crate::domain::points::Points;
use crate::domain::status::ApplicationStatus;
use crate::i18n::format::pick;
use crate::routes::views::{display_value, history_note, item_views, progress, ItemView};
use crate::services::applications::{self as journey, StartOutcome, WithdrawOutcome};
use crate::services::payments::transfers::TransferDetails;
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::render;
use crate::web::session::Candidate;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {
    program: String,
}

pub async fn start(
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    CsrfForm(form): CsrfForm<StartForm>,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let user_id = user.id.clone();
    let version = cycle.clone();
    let outcome = state
        .db(move |conn| {
            journey::start(
                conn,
                &version.definition,
                &version.version_id,
                &user_id,
                &ProgrammeCode::new(form.program.trim()),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(match outcome {
        StartOutcome::Started(id) => redirect_with(
            &format!("/applications/{id}"),
            Some(Flash::ApplicationStarted),
        ),
        StartOutcome::Exists(id) => redirect_with(&format!("/applications/{id}"), None),
        StartOutcome::UnknownProgramme => return Err(AppError::NotFound),
        StartOutcome::Closed => redirect_with("/", Some(Flash::RegistrationClosed)),
        StartOutcome::Limit(_) => redirect_with("/", Some(Flash::ApplicationLimit)),
    })
}

pub struct StepLink {
    pub key: String,
    pub title: String,
    pub complete: bool,
    pub current: bool,
}

pub struct EventView {
    pub at: String,
    /// The same moment for machines (`<time datetime>`), ISO 8601 in UTC.
    pub at_iso: String,
    pub status: String,
    pub note: String,
}

pub struct PointsInfo {
    pub points: String,
    pub max: String,
    pub threshold: String,
    pub formula: String,
    pub results: String,
}

#[derive(Template)]
#[template(path = "candidate/applications/show.html")]
pub(super) struct ApplicationPage {
    page: Page,
    id: String,
    programme: String,
    status: String,
    status_class: &'static str,
    stage_text: String,
    receipt: Option<(String, String)>,
    editable: bool,
    /// Submitted, but the workflow still lets the candidate change it.
    changeable: bool,
    can_withdraw: bool,
    steps: Vec<StepLink>,
    items: Vec<ItemView>,
    outstanding: Vec<ItemView>,
    done: usize,
    total: usize,
    points: Option<PointsInfo>,
    fee: Option<FeeView>,
    /// "Submit and pay <amount>", when a fee will fall due and can be paid online.
    submit_and_pay: Option<String>,
    events: Vec<EventView>,
    /// The messages sent to the candidate about it.
    messages: Vec<crate::routes::views::messages::MessageRow>,
    errors: FormErrors,
}

pub(super) fn step_links(loaded: &Loaded, locale: &str, current: &str) -> Vec<StepLink> {
    loaded
        .evaluated
        .preview
        .steps
        .iter()
        .map(|s| {
            let complete = loaded.evaluated.checklist.iter().any(|i| {
                matches!(&i.kind, crate::domain::checklist::ItemKind::Step { key, .. } if key == &s.key)
                    && i.state == ItemState::Complete
            }) || (s.fields.is_empty() && !step_has_missing_document(loaded, &s.key));
            StepLink {
                key: s.key.clone(),
                title: pick(&s.title, locale),
                complete,
                current: s.key == current,
            }
        })
        .collect()
}

fn step_has_missing_document(loaded: &Loaded, step: &str) -> bool {
    loaded.evaluated.checklist.iter().any(|i| {
        matches!(&i.kind, crate::domain::checklist::ItemKind::Document { step: s, .. } if s == step)
            && i.is_outstanding()
    })
}

pub(super) fn points_info(page: &Page, loaded: &Loaded) -> Option<PointsInfo> {
    let points = loaded.evaluated.preview.points.as_ref()?;
    let number = |v: Points| crate::i18n::format::points(v, page.lang());
    let def = &loaded.version.definition;
    let results_field = def
        .profile
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.kind == FieldType::ExamResults);
    let results = results_field
        .filter(|_| points.formula.contains("results."))
        .map(|f| display_value(page, def, f, loaded.profile.answers.get(f.key.get_ref())))
        .unwrap_or_default();
    Some(PointsInfo {
        points: number(points.points),
        max: points.max.map(number).unwrap_or_default(),
        threshold: points.threshold.map(number).unwrap_or_default(),
        formula: points.formula.clone(),
        results,
    })
}

fn stage_text(page: &Page, loaded: &Loaded) -> String {
    let def = &loaded.version.definition;
    let workflow = def.workflow_of(loaded.app.row.program_code.as_str());
    workflow
        .and_then(|w| w.stage_text(loaded.app.row.status.as_str()))
        .map(|t| pick(t, page.lang()))
        .unwrap_or_else(|| {
            page.t(&format!(
                "stage-{}",
                loaded.app.row.status.as_str().replace('_', "-")
            ))
        })
}

/// The application page; `transfer` is where to transfer its unpaid fee (see [`transfer_for`]).
pub(super) fn application_page(
    page: Page,
    loaded: &Loaded,
    (transfer, messages): (Option<&TransferDetails>, &[crate::db::outbox::SentRow]),
    errors: FormErrors,
) -> ApplicationPage {
    let locale = page.lang();
    let id = loaded.app.row.id.clone();
    let items = item_views(
        &page,
        &loaded.evaluated.checklist,
        &format!("/applications/{id}"),
    );
    let (done, total) = progress(&loaded.evaluated.checklist);
    let events = loaded
        .events
        .iter()
        .map(|e| EventView {
            at: page.datetime(&e.at),
            at_iso: crate::web::page::iso_datetime(&e.at),
            status: page.t(&e.to.message_id()),
            note: history_note(&page, e.entry.as_ref(), Reader::Candidate),
        })
        .collect();
    let receipt = loaded
        .app
        .row
        .receipt_number
        .clone()
        .zip(loaded.app.row.submitted_at.map(|t| page.datetime(&t)));
    ApplicationPage {
        programme: programme_name(
            &loaded.version.definition,
            loaded.app.row.program_code.as_str(),
            locale,
        ),
        status: page.t(&loaded.app.row.status.message_id()),
        status_class: status_class(loaded.app.row.status),
        stage_text: stage_text(&page, loaded),
        receipt,
        editable: loaded.app.is_editable(),
        changeable: !loaded.app.is_editable() && loaded.app.can_change(&loaded.version.definition),
        can_withdraw: loaded.app.can_withdraw(),
        steps: step_links(loaded, locale, ""),
        outstanding: items
            .iter()
            .filter(|i| i.outstanding)
            .map(clone_item)
            .collect(),
        items,
        done,
        total,
        points: points_info(&page, loaded),
        fee: fee_view(&page, loaded, transfer),
        submit_and_pay: submit_and_pay(&page, loaded),
        events,
        messages: crate::routes::views::messages::message_rows(&page, messages, false),
        errors,
        id: id.to_string(),
        page,
    }
}

/// The fee section: what the fee order says, whether "Pay" is offered and where to transfer
/// the fee.
pub(super) struct FeeView {
    text: String,
    /// Until when an unpaid fee may be paid.
    deadline: Option<String>,
    pay: Option<String>,
    transfer: Option<TransferView>,
    /// The payment confirmation PDF, once paid.
    confirmation: bool,
}

fn submit_and_pay(page: &Page, loaded: &Loaded) -> Option<String> {
    use crate::domain::checklist::ItemKind;
    if !loaded.online || !loaded.app.is_editable() {
        return None;
    }
    loaded
        .evaluated
        .checklist
        .iter()
        .find_map(|item| match &item.kind {
            ItemKind::Fee(money) if item.state == ItemState::ToPay && money.minor > 0 => {
                Some(page.t1(
                    "application-submit-and-pay",
                    "amount",
                    &crate::i18n::format::money(money, page.lang()),
                ))
            }
            _ => None,
        })
}

/// The bank-transfer details, as the candidate copies them onto the form.
pub(super) struct TransferView {
    recipient: String,
    account: String,
    title: String,
    amount: String,
    booking: String,
}

fn fee_view(page: &Page, loaded: &Loaded, transfer: Option<&TransferDetails>) -> Option<FeeView> {
    use crate::domain::payments::FeeStatus;
    let order = loaded.fee.as_ref()?;
    let amount = order
        .amount()
        .map(|amount| crate::i18n::format::money(&amount, page.lang()))
        .unwrap_or_default();
    let payable = order.status.is_payable()
        && loaded.app.row.status != crate::domain::status::ApplicationStatus::Withdrawn;
    let channel = order.channel.as_deref().unwrap_or_default();
    let text = match order.status {
        FeeStatus::Due if !loaded.online => page.t1("fee-due-transfer", "amount", &amount),
        FeeStatus::Due if transfer.is_some() => page.t1("fee-due-either", "amount", &amount),
        FeeStatus::Due => page.t1("fee-due", "amount", &amount),
        FeeStatus::Pending => page.t1("fee-pending", "amount", &amount),
        FeeStatus::Paid => page.t2(
            "fee-paid",
            "date",
            order
                .paid_at
                .map(|t| paid_on(page, t, channel))
                .unwrap_or_default(),
            "channel",
            page.t1("payment-channel", "channel", channel),
        ),
        FeeStatus::Waived | FeeStatus::Cancelled => page.t("fee-waived"),
        FeeStatus::Refunded | FeeStatus::PartiallyRefunded => page.t("fee-refunded"),
    };
    let transfer = transfer.map(|t| TransferView {
        recipient: t
            .recipient
            .clone()
            .unwrap_or_else(|| page.institution.clone()),
        account: t.account.grouped(),
        title: page.t1("fee-transfer-title", "reference", &t.reference),
        amount: crate::i18n::format::money(&t.amount, page.lang()),
        booking: page.t1("fee-transfer-booking", "days", &t.booking_days.to_string()),
    });
    let deadline = payable
        .then(|| crate::domain::cycle::payment_deadline(&loaded.version.definition))
        .flatten()
        .map(|d| page.t1("fee-pay-by", "deadline", &page.datetime(&d)));
    Some(FeeView {
        text,
        deadline,
        pay: (payable && loaded.online).then(|| page.t1("fee-pay", "amount", &amount)),
        transfer,
        confirmation: order.paid_at.is_some(),
    })
}

/// When a fee was paid, as the candidate reads it: a transfer counts from its day (the bank
/// gives no time), a payment online from its moment.
pub(super) fn paid_on(page: &Page, at: chrono::NaiveDateTime, channel: &str) -> String {
    use crate::domain::payments::Channel;
    if Channel::parse(channel) == Some(Channel::BankTransfer) {
        page.date(&at.date())
    } else {
        page.datetime(&at)
    }
}

fn clone_item(i: &ItemView) -> ItemView {
    ItemView {
        title: i.title.clone(),
        state: i.state,
        state_label: i.state_label.clone(),
        reason: i.reason.clone(),
        link: i.link.clone(),
        outstanding: i.outstanding,
        original: i.original.clone(),
    }
}

pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    own: OwnApplication,
) -> Result<HttpResponse, AppError> {
    let transfer = transfer_for(&state, &own).await?;
    let id = own.loaded.app.row.id.clone();
    let messages = state
        .db(move |conn| {
            crate::db::outbox::for_application(conn, id.as_str()).map_err(AppError::from)
        })
        .await?;
    render(&application_page(
        page,
        &own.loaded,
        (transfer.as_ref(), &messages),
        FormErrors::default(),
    ))
}

/// Where to transfer the application's unpaid fee, when transfers are taken. Only the
/// application page shows it, so only it may give the candidate their account number.
async fn transfer_for(
    state: &AppState,
    own: &OwnApplication,
) -> Result<Option<TransferDetails>, AppError> {
    let (Some(plan), Some(order)) = (state.services.transfers.clone(), own.loaded.fee.clone())
    else {
        return Ok(None);
    };
    let app = &own.loaded.app.row;
    if !order.status.is_payable() || app.status == ApplicationStatus::Withdrawn {
        return Ok(None);
    }
    let candidate = own.candidate.id.clone();
    let receipt = app.receipt_number.clone();
    state
        .db(move |conn| {
            crate::services::payments::transfers::transfer_details(
                conn,
                &plan,
                &order,
                &candidate,
                receipt.as_deref(),
            )
            .map(Some)
            .map_err(AppError::from)
        })
        .await
}

#[derive(Template)]
#[template(path = "candidate/applications/withdraw.html")]
struct WithdrawPage {
    page: Page,
    id: String,
    programme: String,
}

pub async fn withdraw_form(page: Page, own: OwnApplication) -> Result<HttpResponse, AppError> {
    let OwnApplication { id, loaded, .. } = own;
    if !loaded.app.can_withdraw() {
        return Ok(redirect_with(&format!("/applications/{id}"), None));
    }
    render(&WithdrawPage {
        programme: programme_name(
            &loaded.version.definition,
            loaded.app.row.program_code.as_str(),
            page.lang(),
        ),
        id: id.to_string(),
        page,
    })
}

pub async fn withdraw(
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<ApplicationId>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (app_id, candidate) = (id.clone(), user.id.clone());
    let services = state.services.clone();
    let outcome = state
        .db(move |conn| {
            let release = crate::services::exams::release_all;
            journey::withdraw(conn, &services, &app_id, &candidate, release).map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let flash = match outcome {
        WithdrawOutcome::Withdrawn => Some(Flash::Withdrawn),
        WithdrawOutcome::AlreadyWithdrawn | WithdrawOutcome::NotWithdrawable => None,
    };
    Ok(redirect_with(&format!("/applications/{id}"), flash))
}
