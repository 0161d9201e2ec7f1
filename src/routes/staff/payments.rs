//! Fees for the finance office (and administrators): importing bank statements, the statements
//! imported, and the queue of transfers that could not be matched, each with its suggestions
//! and a form to match it to an application by hand.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::transfers::StatementRow;
use crate::domain::payments::statement::StatementProblem;
use crate::services::payments::transfers::{self, ImportReport, MatchProblem, QueuedCredit};
use crate::web::csrf::CsrfForm;
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::FinanceStaff;
use crate::web::{AppError, AppState, Page};

/// The largest statement file taken (a year of a busy account is a few megabytes).
const MAX_STATEMENT_BYTES: usize = 64 * 1024 * 1024;
const QUEUE_SIZE: i64 = 100;

#[derive(Template)]
#[template(path = "staff/payments/index.html")]
struct PaymentsPage {
    page: Page,
    report: Option<String>,
    statements: Vec<StatementLine>,
    queue: Vec<CreditLine>,
    to_send: Vec<ToSendLine>,
    errors: FormErrors,
}

/// A bank-transfer refund the finance office is to send.
struct ToSendLine {
    id: String,
    application: String,
    receipt: String,
    amount: String,
    account: String,
    reason: String,
}

struct StatementLine {
    imported_at: String,
    file_name: String,
    format: &'static str,
    reference: String,
    summary: String,
}

struct CreditLine {
    id: String,
    value_date: String,
    amount: String,
    payer: String,
    title: String,
    reason: String,
    suggestions: Vec<SuggestionLine>,
    /// The field of the manual match, `application-<credit id>`.
    field: String,
}

struct SuggestionLine {
    application: String,
    label: String,
}

use crate::routes::views::money_text;

fn statement_line(page: &Page, s: StatementRow) -> StatementLine {
    StatementLine {
        imported_at: page.datetime(&s.imported_at),
        file_name: s.file_name,
        format: if s.format == "camt053" {
            "camt.053"
        } else {
            "MT940"
        },
        reference: s.reference,
        summary: summary(
            page,
            i64::from(s.credits),
            i64::from(s.matched),
            i64::from(s.unmatched),
            i64::from(s.repeated),
        ),
    }
}

fn summary(page: &Page, credits: i64, matched: i64, unmatched: i64, repeated: i64) -> String {
    page.t_args(
        "payments-import-summary",
        &[
            ("credits", credits.into()),
            ("matched", matched.into()),
            ("unmatched", unmatched.into()),
            ("repeated", repeated.into()),
        ],
    )
}

fn credit_line(page: &Page, q: QueuedCredit) -> CreditLine {
    let c = q.credit;
    CreditLine {
        field: format!("application-{}", c.id),
        value_date: page.date(&c.value_date),
        amount: money_text(page, c.amount_minor, &c.currency),
        payer: c.payer,
        title: c.title,
        reason: q
            .reason
            .map(|r| page.t(&r.message_id()))
            .unwrap_or_default(),
        suggestions: q
            .suggestions
            .into_iter()
            .map(|s| {
                let reference = s
                    .receipt
                    .clone()
                    .unwrap_or_else(|| s.order.application_id.to_string());
                SuggestionLine {
                    label: format!(
                        "{reference} · {} · {}",
                        s.email,
                        money_text(page, s.order.amount_minor, &s.order.currency)
                    ),
                    application: reference,
                }
            })
            .collect(),
        id: c.id,
    }
}

async fn page_with(
    state: &AppState,
    page: Page,
    report: Option<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (statements, queue, to_send) = state
        .db(|conn| {
            let statements = crate::db::transfers::recent_statements(conn, 10)?;
            let queue = transfers::queue(conn, QUEUE_SIZE)?;
            let to_send = crate::services::payments::refunds::transfers_to_send(conn, QUEUE_SIZE)?;
            Ok::<_, AppError>((statements, queue, to_send))
        })
        .await?;
    let body = PaymentsPage {
        report,
        statements: statements
            .into_iter()
            .map(|s| statement_line(&page, s))
            .collect(),
        queue: queue.into_iter().map(|q| credit_line(&page, q)).collect(),
        to_send: to_send
            .into_iter()
            .map(|t| ToSendLine {
                amount: money_text(&page, t.refund.amount_minor, &t.refund.currency),
                account: t.refund.account.unwrap_or_default(),
                reason: t.refund.reason,
                id: t.refund.id,
                receipt: t.receipt.unwrap_or_default(),
                application: t.application_id.to_string(),
            })
            .collect(),
        errors,
        page,
    };
    if status == StatusCode::OK {
        render(&body)
    } else {
        render_status(status, &body)
    }
}

pub async fn index(
    page: Page,
    FinanceStaff(_): FinanceStaff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    page_with(&state, page, None, FormErrors::default(), StatusCode::OK).await
}

fn problem_text(page: &Page, problem: &StatementProblem) -> String {
    match problem {
        StatementProblem::Encoding => page.t("payments-import-encoding"),
        StatementProblem::Malformed { line, what } => {
            page.t2("payments-import-malformed", "line", line, "what", what)
        }
        StatementProblem::Truncated => page.t("payments-import-truncated"),
        StatementProblem::Unbalanced { .. } => page.t("payments-import-unbalanced"),
        StatementProblem::AccountCheckDigits(account) => {
            page.t1("payments-import-check-digits", "account", account)
        }
        StatementProblem::Empty => page.t("payments-import-empty"),
    }
}

/// Imports an uploaded statement, then shows what it did (or why it was refused, at the
/// file field).
pub async fn import(
    req: HttpRequest,
    page: Page,
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let Some((file_name, bytes)) =
        crate::web::upload::receive_file(&req, &mut payload, "statement", MAX_STATEMENT_BYTES)
            .await?
    else {
        let mut errors = FormErrors::default();
        errors.add("statement", page.t("payments-import-no-file"));
        return page_with(&state, page, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let services = state.services.clone();
    let actor = user.id.clone();
    let outcome = state
        .db(move |conn| {
            transfers::import_statement(conn, &services, &bytes, &file_name, Some(&actor))
                .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Ok(report) => {
            let text = report_text(&page, &report);
            page_with(
                &state,
                page,
                Some(text),
                FormErrors::default(),
                StatusCode::OK,
            )
            .await
        }
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("statement", problem_text(&page, &problem));
            page_with(&state, page, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

fn report_text(page: &Page, report: &ImportReport) -> String {
    let counts = report.counts;
    format!(
        "{} {}",
        summary(
            page,
            i64::from(counts.credits),
            i64::from(counts.matched),
            i64::from(counts.unmatched),
            i64::from(counts.repeated),
        ),
        page.t_args(
            "payments-import-fees-paid",
            &[("count", (report.fees_paid as i64).into())]
        )
    )
}

#[derive(Debug, Deserialize)]
pub struct MatchForm {
    #[serde(default)]
    application: String,
}

/// Matches a queued transfer to the application staff name (a suggestion's button, or the
/// receipt number typed in).
pub async fn match_credit(
    page: Page,
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<MatchForm>,
) -> Result<HttpResponse, AppError> {
    let credit_id = id.into_inner();
    let field = format!("application-{credit_id}");
    if form.application.trim().is_empty() {
        let mut errors = FormErrors::default();
        errors.add(field, page.t("payments-match-empty"));
        return page_with(&state, page, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let services = state.services.clone();
    let actor = user.id.clone();
    let application = form.application.clone();
    let outcome = state
        .db(move |conn| {
            transfers::match_by_hand(conn, &services, &credit_id, &application, &actor)
                .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Ok(()) => {
            let text = page.t1("payments-matched", "application", form.application.trim());
            page_with(
                &state,
                page,
                Some(text),
                FormErrors::default(),
                StatusCode::OK,
            )
            .await
        }
        Err(problem) => {
            let key = match problem {
                MatchProblem::NoSuchFee => "payments-match-no-fee",
                MatchProblem::NotPayable => "payments-match-not-payable",
                MatchProblem::Currency => "payments-match-currency",
                MatchProblem::TooLittle => "payments-match-too-little",
                MatchProblem::Settled => "payments-match-settled",
            };
            let mut errors = FormErrors::default();
            errors.add(field, page.t(key));
            page_with(&state, page, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

// ---- every fee: a list with filters, and the same as CSV ----

use crate::db::payments::{FeeFilter, FeeLine};
use crate::domain::payments::{Channel, FeeStatus};

const FEES_PAGE_SIZE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeesQuery {
    program: String,
    status: String,
    channel: String,
    from: String,
    until: String,
    page: String,
}

impl FeesQuery {
    /// The filter, or the fields whose dates cannot be read.
    fn filter(&self, page: &Page) -> (FeeFilter, FormErrors) {
        let mut errors = FormErrors::default();
        let (paid_from, paid_until) =
            crate::routes::views::day_range(page, &mut errors, &self.from, &self.until);
        let filter = FeeFilter {
            program: self.program.trim().to_owned(),
            status: FeeStatus::parse(&self.status),
            channel: Channel::parse(&self.channel).map(|c| c.as_str().to_owned()),
            paid_from,
            paid_until,
        };
        (filter, errors)
    }

    fn link(&self, path: &str, page: i64) -> String {
        crate::routes::views::page_link(
            path,
            &[
                ("program", &self.program),
                ("status", &self.status),
                ("channel", &self.channel),
                ("from", &self.from),
                ("until", &self.until),
            ],
            page,
        )
    }
}

struct FeeRow {
    application_id: String,
    receipt: String,
    email: String,
    programme: String,
    amount: String,
    status: String,
    channel: String,
    paid: String,
}

#[derive(Template)]
#[template(path = "staff/payments/fees.html")]
struct FeesPage {
    page: Page,
    query: FeesQuery,
    rows: Vec<FeeRow>,
    total: i64,
    previous: Option<String>,
    next: Option<String>,
    csv: String,
    programmes: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    channels: Vec<(String, String)>,
    errors: FormErrors,
}

fn channel_name(page: &Page, channel: Option<&str>) -> String {
    channel
        .map(|c| page.t1("payment-channel", "channel", c))
        .unwrap_or_default()
}

pub async fn fees(
    page: Page,
    FinanceStaff(_): FinanceStaff,
    state: web::Data<AppState>,
    query: web::Query<FeesQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (filter, errors) = query.filter(&page);
    let page_number = query.page.parse::<i64>().unwrap_or(1).max(1);
    let offset = (page_number - 1) * FEES_PAGE_SIZE;
    let (lines, total): (Vec<FeeLine>, i64) = state
        .db(move |conn| {
            crate::db::payments::fee_list(conn, &filter, offset, Some(FEES_PAGE_SIZE))
                .map_err(AppError::from)
        })
        .await?;
    let cycle = state.cycle().await?;
    let locale = page.lang();
    let rows: Vec<FeeRow> = lines
        .into_iter()
        .map(|l| FeeRow {
            programme: match &cycle {
                Some(c) => {
                    crate::routes::views::programme_name(&c.definition, &l.program_code, locale)
                }
                None => l.program_code.clone(),
            },
            amount: money_text(&page, l.order.amount_minor, &l.order.currency),
            status: page.t(&l.order.status.message_id()),
            channel: channel_name(&page, l.order.channel.as_deref()),
            paid: l
                .order
                .paid_at
                .map(|t| page.datetime(&t))
                .unwrap_or_default(),
            receipt: l.receipt.unwrap_or_default(),
            email: l.email,
            application_id: l.order.application_id.to_string(),
        })
        .collect();
    let shown = offset + rows.len() as i64;
    let body = FeesPage {
        previous: (page_number > 1).then(|| query.link("/staff/payments/fees", page_number - 1)),
        next: (shown < total).then(|| query.link("/staff/payments/fees", page_number + 1)),
        csv: query.link("/staff/payments/fees.csv", 1),
        programmes: crate::routes::views::programme_choices(
            cycle.as_ref().map(|c| &c.definition),
            locale,
        ),
        statuses: FeeStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), page.t(&s.message_id())))
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), channel_name(&page, Some(c.as_str()))))
            .collect(),
        rows,
        total,
        query,
        errors,
        page,
    };
    if body.errors.is_empty() {
        render(&body)
    } else {
        render_status(StatusCode::UNPROCESSABLE_ENTITY, &body)
    }
}

/// A CSV field: quoted when it must be, and never read as a formula by a spreadsheet.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Every fee the filters select, as CSV (UTF-8 with a byte-order mark, so spreadsheets read
/// Polish letters): the columns keep their machine values (status, channel, ISO times in UTC).
pub async fn fees_csv(
    page: Page,
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    query: web::Query<FeesQuery>,
) -> Result<HttpResponse, AppError> {
    let (filter, errors) = query.filter(&page);
    if !errors.is_empty() {
        return Err(AppError::BadRequest);
    }
    let actor = user.id.clone();
    let lines = state
        .db(move |conn| {
            crate::services::payments::export_fees(conn, &filter, &actor).map_err(AppError::from)
        })
        .await?;
    let mut out = String::from(
        "\u{feff}receipt,application,email,programme,amount,currency,status,channel,paid_at,created_at\r\n",
    );
    for l in lines {
        let o = &l.order;
        let fields = [
            l.receipt.clone().unwrap_or_default(),
            o.application_id.to_string(),
            l.email.clone(),
            l.program_code.clone(),
            format!("{}.{:02}", o.amount_minor / 100, o.amount_minor % 100),
            o.currency.clone(),
            o.status.as_str().to_owned(),
            o.channel.clone().unwrap_or_default(),
            o.paid_at
                .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_default(),
            o.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"fees.csv\"",
        ))
        .body(out))
}
