//! Staff pages. Every route under `/staff` is behind `require_staff` (see `routes::configure`);
//! each page checks the role it needs.

pub mod automation;
pub mod cycle;
pub mod documents;
pub mod exams;
pub mod payments;
pub mod preview;
pub mod refunds;

/// The routes under `/staff`, relative to that scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").route(web::get().to(home)))
        .service(web::resource("/preview").route(web::get().to(preview::preview)))
        .service(web::resource("/applications").route(web::get().to(applications)))
        .service(web::resource("/applications/{id}").route(web::get().to(application)))
        .service(
            web::resource("/applications/{id}/refund")
                .route(web::get().to(refunds::show))
                .route(web::post().to(refunds::request)),
        )
        .service(
            web::resource("/applications/{id}/refund/extra")
                .route(web::post().to(refunds::refund_extra)),
        )
        .service(
            web::resource("/applications/{id}/refund/balance")
                .route(web::post().to(refunds::refund_balance)),
        )
        .service(web::resource("/refunds/{id}/sent").route(web::post().to(refunds::sent)))
        .service(web::resource("/documents").route(web::get().to(documents::queue)))
        .service(web::resource("/documents/{id}").route(web::get().to(documents::show)))
        .service(web::resource("/documents/{id}/file").route(web::get().to(documents::file)))
        .service(web::resource("/documents/{id}/preview").route(web::get().to(documents::preview)))
        .service(web::resource("/documents/{id}/accept").route(web::post().to(documents::accept)))
        .service(web::resource("/documents/{id}/reject").route(web::post().to(documents::reject)))
        .service(
            web::resource("/documents/{id}/original").route(web::post().to(documents::original)),
        )
        .service(web::resource("/payments").route(web::get().to(payments::index)))
        .service(web::resource("/payments/fees").route(web::get().to(payments::fees)))
        .service(web::resource("/payments/fees.csv").route(web::get().to(payments::fees_csv)))
        .service(web::resource("/payments/import").route(web::post().to(payments::import)))
        .service(
            web::resource("/payments/credits/{id}/match")
                .route(web::post().to(payments::match_credit)),
        )
        .configure(exams::configure)
        .configure(automation::configure)
        .configure(cycle::configure);
}

use crate::domain::ApplicationStatus;
use crate::services::staff;
use crate::web::page::render;
use crate::web::session::Staff;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
struct StaffHome {
    page: Page,
    role: String,
    candidates: i64,
    applications: Vec<(ApplicationStatus, i64)>,
    total_applications: i64,
    emails_waiting: i64,
    jobs_dead: i64,
}

pub async fn home(
    page: Page,
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let dashboard = state
        .db(|conn| staff::dashboard(conn).map_err(AppError::from))
        .await?;
    render(&StaffHome {
        role: page.t(&format!("role-{}", user.role.as_str().replace('_', "-"))),
        candidates: dashboard.candidates,
        total_applications: dashboard.applications.iter().map(|(_, n)| n).sum(),
        applications: dashboard.applications,
        emails_waiting: dashboard.emails_waiting,
        jobs_dead: dashboard.jobs_dead,
        page,
    })
}

// ---- applications: list and detail (read-only) ----

use crate::db::applications::Event;
use crate::db::applications::{StaffFilter, StaffRow};
use crate::domain::cycle::evaluate::Preview;
use crate::domain::cycle::evaluate::Scope;
use crate::domain::cycle::model::Definition;
use crate::domain::history::Reader;
use crate::domain::ids::ApplicationId;
use crate::i18n::format::{country_choices, pick, points_out_of};
use crate::routes::views::{
    candidate_name, citizenship_name, display_value, history_note, item_views, ItemView,
};
use crate::services::applications::{Application, Profile};
use crate::services::staff::StaffApplication;
use crate::web::form::FormErrors;
use serde::Deserialize;
use std::collections::HashMap;

const PAGE_SIZE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    program: String,
    status: String,
    citizenship: String,
    from: String,
    until: String,
    page: String,
}

pub struct ListRow {
    pub id: String,
    pub candidate: String,
    pub email: String,
    pub programme: String,
    pub citizenship: String,
    pub status: String,
    pub status_value: &'static str,
    pub created: String,
    pub submitted: String,
    pub receipt: String,
}

#[derive(Template)]
#[template(path = "staff/applications/list.html")]
struct ListPage {
    page: Page,
    query: ListQuery,
    rows: Vec<ListRow>,
    total: i64,
    first: i64,
    last: i64,
    previous: Option<String>,
    next: Option<String>,
    programmes: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    countries: Vec<(String, String)>,
    errors: FormErrors,
}

/// The list's link to another page, keeping the filters.
fn list_link(query: &ListQuery, page: i64) -> String {
    crate::routes::views::page_link(
        "/staff/applications",
        &[
            ("program", &query.program),
            ("status", &query.status),
            ("citizenship", &query.citizenship),
            ("from", &query.from),
            ("until", &query.until),
        ],
        page,
    )
}

pub async fn applications(
    page: Page,
    _staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let locale = page.lang();
    let mut errors = FormErrors::default();
    let (from, until) =
        crate::routes::views::day_range(&page, &mut errors, &query.from, &query.until);
    let status = ApplicationStatus::parse(&query.status);
    let filter = StaffFilter {
        program: query.program.trim().to_owned(),
        status,
        citizenship: query.citizenship.trim().to_ascii_uppercase(),
        from,
        until,
    };
    let page_number = query.page.parse::<i64>().unwrap_or(1).max(1);
    let offset = (page_number - 1) * PAGE_SIZE;
    let (rows, total): (Vec<StaffRow>, i64) = state
        .db(move |conn| {
            crate::db::applications::staff_list(conn, &filter, offset, PAGE_SIZE)
                .map_err(AppError::from)
        })
        .await?;
    let cycle = state.cycle().await?;
    let programme_name = |code: &str| match &cycle {
        Some(c) => crate::routes::views::programme_name(&c.definition, code, locale),
        None => code.to_owned(),
    };
    let list: Vec<ListRow> = rows
        .into_iter()
        .map(|r| ListRow {
            candidate: candidate_name(&page, r.full_name.clone()),
            programme: programme_name(&r.program_code),
            citizenship: citizenship_name(r.citizenship.as_deref(), locale),
            status: page.t(&r.status.message_id()),
            status_value: r.status.as_str(),
            created: page.datetime(&r.created_at),
            submitted: r
                .submitted_at
                .map(|t| page.datetime(&t))
                .unwrap_or_default(),
            receipt: r.receipt_number.unwrap_or_default(),
            email: r.email,
            id: r.id,
        })
        .collect();
    let first = if total == 0 { 0 } else { offset + 1 };
    let last = offset + list.len() as i64;
    let programmes =
        crate::routes::views::programme_choices(cycle.as_ref().map(|c| &c.definition), locale);
    let statuses = ApplicationStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), page.t(&s.message_id())))
        .collect();
    let countries = country_choices(locale);
    let body = ListPage {
        previous: (page_number > 1).then(|| list_link(&query, page_number - 1)),
        next: (last < total).then(|| list_link(&query, page_number + 1)),
        rows: list,
        total,
        first,
        last,
        programmes,
        statuses,
        countries,
        query,
        errors,
        page,
    };
    if body.errors.is_empty() {
        render(&body)
    } else {
        crate::web::page::render_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, &body)
    }
}

pub struct AnswerSection {
    pub title: String,
    pub scope: String,
    pub answers: Vec<(String, String)>,
}

pub struct HistoryRow {
    pub at: String,
    pub from: String,
    pub to: String,
    pub actor: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "staff/applications/show.html")]
struct DetailPage {
    page: Page,
    application_id: String,
    programme: String,
    candidate: String,
    email: String,
    status: String,
    status_value: &'static str,
    receipt: String,
    submitted: String,
    version: String,
    sections: Vec<AnswerSection>,
    items: Vec<ItemView>,
    points: String,
    fee: Option<FeeView>,
    money: MoneyView,
    history: Vec<HistoryRow>,
    messages: Vec<crate::routes::views::messages::MessageRow>,
}

/// The candidate's fees on all their applications, and money left over from their transfers.
struct MoneyView {
    fees: Vec<MoneyFee>,
    balance: Vec<String>,
}

impl MoneyView {
    /// Worth showing beside the fee: more than this one fee, or a balance.
    fn shown(&self) -> bool {
        self.fees.len() > 1 || !self.balance.is_empty()
    }
}

struct MoneyFee {
    application: String,
    receipt: String,
    programme: String,
    amount: String,
    status: String,
    /// The application this page is about.
    this: bool,
}

fn money_view(
    page: &Page,
    def: &Definition,
    this: &ApplicationId,
    money: crate::services::payments::CandidateMoney,
) -> MoneyView {
    let text = |minor: i64, currency: &str| crate::routes::views::money_text(page, minor, currency);
    MoneyView {
        fees: money
            .fees
            .into_iter()
            .map(|f| MoneyFee {
                this: f.order.application_id == *this,
                application: f.order.application_id.to_string(),
                receipt: f.receipt.unwrap_or_default(),
                programme: crate::routes::views::programme_name(def, &f.program_code, page.lang()),
                amount: text(f.order.amount_minor, &f.order.currency),
                status: page.t(&f.order.status.message_id()),
            })
            .collect(),
        balance: money
            .balance
            .into_iter()
            .map(|c| {
                page.t2(
                    "staff-money-balance",
                    "amount",
                    text(c.left_minor, &c.currency),
                    "date",
                    c.value_date.format("%d.%m.%Y"),
                )
            })
            .collect(),
    }
}

/// The application's fee order as staff see it: its state and every change.
struct FeeView {
    amount: String,
    status: String,
    /// Paid (or refunded in part or whole) and seen by someone who handles money: the refund
    /// page is linked.
    refunds: bool,
    changes: Vec<FeeChange>,
}

struct FeeChange {
    at: String,
    change: String,
    channel: String,
    reason: String,
}

fn fee_view(
    page: &Page,
    order: &crate::db::payments::FeeOrderRow,
    events: &[crate::db::payments::OrderEventRow],
) -> FeeView {
    use crate::domain::payments::FeeStatus;
    let status_name =
        |s: &str| FeeStatus::parse(s).map_or_else(|| s.to_owned(), |s| page.t(&s.message_id()));
    let channel = |c: &Option<String>| {
        c.as_deref()
            .map(|c| page.t1("payment-channel", "channel", c))
            .unwrap_or_default()
    };
    FeeView {
        amount: order
            .amount()
            .map(|amount| crate::i18n::format::money(&amount, page.lang()))
            .unwrap_or_default(),
        status: page.t(&order.status.message_id()),
        refunds: page
            .user
            .as_ref()
            .is_some_and(|u| u.role.may_handle_money())
            && matches!(
                order.status,
                FeeStatus::Paid | FeeStatus::PartiallyRefunded | FeeStatus::Refunded
            ),
        changes: events
            .iter()
            .map(|e| FeeChange {
                at: page.datetime(&e.at),
                change: match &e.from_status {
                    Some(from) => format!("{} → {}", status_name(from), status_name(&e.to_status)),
                    None => status_name(&e.to_status),
                },
                channel: channel(&e.channel),
                reason: page.t(&format!("fee-reason-{}", e.reason)),
            })
            .collect(),
    }
}

pub async fn application(
    page: Page,
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let shown = state
        .db(move |conn| crate::services::staff::application(conn, &id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    let StaffApplication {
        app,
        candidate,
        profile,
        documents,
        events,
        actors,
        messages,
    } = shown;
    let version = state
        .cycle_version(app.row.cycle_version_id.as_str())
        .await?;
    let def = &version.definition;
    let locale = page.lang();
    let mut evaluated = crate::services::applications::evaluate_application(
        def,
        &version.compiled,
        &app,
        &profile,
        &documents,
    )?;
    let app_id = app.row.id.clone();
    let owner = app.row.candidate_id.clone();
    let (fee, money) = state
        .db(move |conn| {
            let fee = crate::services::payments::fee_with_history(conn, &app_id)?;
            let money = crate::services::payments::candidate_money(conn, &owner)?;
            Ok::<_, AppError>((fee, money))
        })
        .await?;
    if let Some((order, _)) = &fee {
        crate::domain::checklist::apply_fee_status(&mut evaluated.checklist, order.status);
    }
    let full_name = [
        profile.answers.get("first_name"),
        profile.answers.get("last_name"),
    ]
    .into_iter()
    .flatten()
    .filter_map(|v| v.as_str())
    .collect::<Vec<_>>()
    .join(" ");
    render(&DetailPage {
        application_id: app.row.id.to_string(),
        programme: crate::routes::views::programme_name(def, app.row.program_code.as_str(), locale),
        candidate: if full_name.is_empty() {
            page.t("staff-applications-no-name")
        } else {
            full_name
        },
        email: candidate.email,
        status: page.t(&app.row.status.message_id()),
        status_value: app.row.status.as_str(),
        receipt: app.row.receipt_number.clone().unwrap_or_default(),
        submitted: app
            .row
            .submitted_at
            .map(|t| page.datetime(&t))
            .unwrap_or_default(),
        version: format!("{} v{}", version.cycle_code, version.version),
        items: item_views(&page, &evaluated.checklist, ""),
        fee: fee.map(|(order, events)| fee_view(&page, &order, &events)),
        money: money_view(&page, def, &app.row.id, money),
        sections: answer_sections(&page, def, &evaluated.preview, &profile, &app),
        points: evaluated
            .preview
            .points
            .as_ref()
            .map(|p| points_out_of(p.points, p.max, locale))
            .unwrap_or_default(),
        history: history_rows(&page, &events, &actors),
        messages: crate::routes::views::messages::message_rows(&page, &messages, true),
        page,
    })
}

/// The answers of every step that applies and has fields, profile and programme alike.
fn answer_sections(
    page: &Page,
    def: &Definition,
    preview: &Preview,
    profile: &Profile,
    app: &Application,
) -> Vec<AnswerSection> {
    let locale = page.lang();
    let mut sections = Vec::new();
    for view in preview.steps.iter().filter(|s| !s.fields.is_empty()) {
        let Some(step) = crate::domain::answers::find_step(
            def,
            app.row.program_code.as_str(),
            view.scope,
            &view.key,
        ) else {
            continue;
        };
        let answers = match view.scope {
            Scope::Profile => &profile.answers,
            Scope::Application => &app.answers,
        };
        sections.push(AnswerSection {
            title: pick(&view.title, locale),
            scope: page.t(match view.scope {
                Scope::Profile => "staff-application-profile",
                Scope::Application => "staff-application-programme",
            }),
            answers: view
                .fields
                .iter()
                .filter_map(|fv| step.fields.iter().find(|f| f.key.get_ref() == &fv.key))
                .map(|f| {
                    (
                        pick(f.label.get_ref(), locale),
                        display_value(page, def, f, answers.get(f.key.get_ref())),
                    )
                })
                .collect(),
        });
    }
    sections
}

/// The status history, newest last, with who made each change (`actors`: id to email).
fn history_rows(
    page: &Page,
    events: &[Event],
    actors: &HashMap<String, String>,
) -> Vec<HistoryRow> {
    events
        .iter()
        .map(|e| HistoryRow {
            at: page.datetime(&e.at),
            from: e.from.map(|s| page.t(&s.message_id())).unwrap_or_default(),
            to: page.t(&e.to.message_id()),
            actor: e
                .actor_id
                .as_ref()
                .and_then(|a| actors.get(a).cloned())
                .unwrap_or_else(|| page.t("staff-application-system")),
            note: history_note(page, e.entry.as_ref(), Reader::Staff),
        })
        .collect()
}
