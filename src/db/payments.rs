//! Fee orders, their history, checkouts at payment providers and the notifications received.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{fee_order_events, fee_orders, payment_notifications, payment_sessions};
use super::DbConn;
use crate::domain::ids::ApplicationId;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::{FeeStatus, SessionState};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = fee_orders)]
pub struct FeeOrderRow {
    pub id: String,
    #[diesel(deserialize_as = String)]
    pub application_id: ApplicationId,
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    #[diesel(deserialize_as = String)]
    pub status: FeeStatus,
    pub channel: Option<String>,
    pub paid_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl FeeOrderRow {
    /// The order's amount as money (None only if the stored currency is not a code).
    pub fn amount(&self) -> Option<Money> {
        money(self.amount_minor, &self.currency)
    }
}

fn money(minor: i64, currency: &str) -> Option<Money> {
    Currency::parse(currency).map(|currency| Money { minor, currency })
}

pub struct NewOrder<'a> {
    pub id: &'a str,
    pub application_id: &'a ApplicationId,
    pub kind: &'a str,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub status: FeeStatus,
    pub now: NaiveDateTime,
}

/// Inserts an order; false when the application already has one of this kind (the unique
/// constraint decides, so two submissions at once make one order).
pub fn insert_order(conn: &mut DbConn, order: &NewOrder<'_>) -> QueryResult<bool> {
    let existing = find_order(conn, order.application_id, order.kind)?;
    if existing.is_some() {
        return Ok(false);
    }
    diesel::insert_into(fee_orders::table)
        .values((
            fee_orders::id.eq(order.id),
            fee_orders::application_id.eq(order.application_id.as_str()),
            fee_orders::kind.eq(order.kind),
            fee_orders::amount_minor.eq(order.amount_minor),
            fee_orders::currency.eq(order.currency),
            fee_orders::status.eq(order.status.as_str()),
            fee_orders::created_at.eq(order.now),
            fee_orders::updated_at.eq(order.now),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

pub fn find_order(
    conn: &mut DbConn,
    application_id: &ApplicationId,
    kind: &str,
) -> QueryResult<Option<FeeOrderRow>> {
    fee_orders::table
        .filter(fee_orders::application_id.eq(application_id.as_str()))
        .filter(fee_orders::kind.eq(kind))
        .select(FeeOrderRow::as_select())
        .first(conn)
        .optional()
}

pub fn order(conn: &mut DbConn, id: &str) -> QueryResult<Option<FeeOrderRow>> {
    fee_orders::table
        .find(id)
        .select(FeeOrderRow::as_select())
        .first(conn)
        .optional()
}

/// A status change of an order, made only while it is still in one of `from`.
pub struct OrderMove<'a> {
    pub id: &'a str,
    pub from: &'a [FeeStatus],
    pub to: FeeStatus,
    pub channel: Option<&'a str>,
    pub paid_at: Option<NaiveDateTime>,
    pub now: NaiveDateTime,
}

/// Moves the order if it is still in one of `change.from`; the number of rows moved (of
/// concurrent attempts, exactly one moves it).
pub fn move_order(conn: &mut DbConn, change: &OrderMove<'_>) -> QueryResult<usize> {
    let from: Vec<&str> = change.from.iter().map(|s| s.as_str()).collect();
    let target = fee_orders::table
        .find(change.id)
        .filter(fee_orders::status.eq_any(from));
    // A channel and payment time are written only by a credit; other moves keep them.
    diesel::update(target)
        .set((
            fee_orders::status.eq(change.to.as_str()),
            fee_orders::updated_at.eq(change.now),
            change.channel.map(|c| fee_orders::channel.eq(c)),
            change.paid_at.map(|t| fee_orders::paid_at.eq(t)),
        ))
        .execute(conn)
}

pub struct NewOrderEvent<'a> {
    pub order_id: &'a str,
    pub from: Option<FeeStatus>,
    pub to: FeeStatus,
    pub channel: Option<&'a str>,
    /// Why, as a short key: `submitted`, `waived`, `checkout`, `credited`, `checkout-failed`.
    pub reason: &'a str,
    pub now: NaiveDateTime,
}

pub fn record_order_event(conn: &mut DbConn, event: &NewOrderEvent<'_>) -> QueryResult<()> {
    diesel::insert_into(fee_order_events::table)
        .values((
            fee_order_events::id.eq(super::new_id()),
            fee_order_events::order_id.eq(event.order_id),
            fee_order_events::at.eq(event.now),
            fee_order_events::from_status.eq(event.from.map(|s| s.as_str())),
            fee_order_events::to_status.eq(event.to.as_str()),
            fee_order_events::channel.eq(event.channel),
            fee_order_events::reason.eq(event.reason),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Clone, Queryable)]
pub struct OrderEventRow {
    pub at: NaiveDateTime,
    pub from_status: Option<String>,
    pub to_status: String,
    pub channel: Option<String>,
    pub reason: String,
}

pub fn order_events(conn: &mut DbConn, order_id: &str) -> QueryResult<Vec<OrderEventRow>> {
    fee_order_events::table
        .filter(fee_order_events::order_id.eq(order_id))
        .order((fee_order_events::at.asc(), fee_order_events::id.asc()))
        .select((
            fee_order_events::at,
            fee_order_events::from_status,
            fee_order_events::to_status,
            fee_order_events::channel,
            fee_order_events::reason,
        ))
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = payment_sessions)]
pub struct SessionRow {
    pub id: String,
    pub order_id: String,
    pub provider: String,
    pub amount_minor: i64,
    pub currency: String,
    pub state: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Where the candidate pays; None while the gateway is opening the checkout.
    pub checkout_url: Option<String>,
    /// The gateway's id of the payment, once paid (what a refund names).
    pub reference: Option<String>,
    /// The gateway's id of the checkout, once opened.
    pub gateway_id: Option<String>,
}

impl SessionRow {
    /// The checkout's amount as money.
    pub fn amount(&self) -> Option<Money> {
        money(self.amount_minor, &self.currency)
    }
}

pub fn open_session(conn: &mut DbConn, order_id: &str) -> QueryResult<Option<SessionRow>> {
    payment_sessions::table
        .filter(payment_sessions::order_id.eq(order_id))
        .filter(payment_sessions::state.eq(SessionState::Open.as_str()))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Records where the candidate pays checkout `id`, and the gateway's id of it, as its gateway
/// answered.
pub fn set_checkout_url(
    conn: &mut DbConn,
    id: &str,
    url: &str,
    gateway_id: Option<&str>,
) -> QueryResult<()> {
    diesel::update(payment_sessions::table.find(id))
        .set((
            payment_sessions::checkout_url.eq(url),
            payment_sessions::gateway_id.eq(gateway_id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Checkouts at `provider` open since before `before` (their notification may be lost), oldest
/// first.
pub fn open_since(
    conn: &mut DbConn,
    provider: &str,
    before: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<SessionRow>> {
    payment_sessions::table
        .filter(payment_sessions::state.eq(SessionState::Open.as_str()))
        .filter(payment_sessions::provider.eq(provider))
        .filter(payment_sessions::created_at.lt(before))
        .filter(payment_sessions::checkout_url.is_not_null())
        .order((payment_sessions::created_at, payment_sessions::id))
        .limit(limit)
        .select(SessionRow::as_select())
        .load(conn)
}

/// Records the gateway's id of checkout `id`'s payment.
pub fn set_session_reference(conn: &mut DbConn, id: &str, reference: &str) -> QueryResult<()> {
    diesel::update(payment_sessions::table.find(id))
        .set(payment_sessions::reference.eq(reference))
        .execute(conn)
        .map(|_| ())
}

/// The order's checkouts that were paid, first paid first.
pub fn paid_sessions(conn: &mut DbConn, order_id: &str) -> QueryResult<Vec<SessionRow>> {
    payment_sessions::table
        .filter(payment_sessions::order_id.eq(order_id))
        .filter(payment_sessions::state.eq(SessionState::Paid.as_str()))
        .order((payment_sessions::updated_at, payment_sessions::id))
        .select(SessionRow::as_select())
        .load(conn)
}

pub fn find_session(conn: &mut DbConn, id: &str) -> QueryResult<Option<SessionRow>> {
    payment_sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub order_id: &'a str,
    pub provider: &'a str,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub now: NaiveDateTime,
}

pub fn insert_session(conn: &mut DbConn, session: &NewSession<'_>) -> QueryResult<()> {
    diesel::insert_into(payment_sessions::table)
        .values((
            payment_sessions::id.eq(session.id),
            payment_sessions::order_id.eq(session.order_id),
            payment_sessions::provider.eq(session.provider),
            payment_sessions::amount_minor.eq(session.amount_minor),
            payment_sessions::currency.eq(session.currency),
            payment_sessions::state.eq(SessionState::Open.as_str()),
            payment_sessions::created_at.eq(session.now),
            payment_sessions::updated_at.eq(session.now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Closes an open checkout as paid or failed; the number of rows moved.
pub fn close_session(
    conn: &mut DbConn,
    id: &str,
    to: SessionState,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        payment_sessions::table
            .find(id)
            .filter(payment_sessions::state.eq(SessionState::Open.as_str())),
    )
    .set((
        payment_sessions::state.eq(to.as_str()),
        payment_sessions::updated_at.eq(now),
    ))
    .execute(conn)
}

pub fn notification_seen(conn: &mut DbConn, provider: &str, event_id: &str) -> QueryResult<bool> {
    payment_notifications::table
        .find((provider, event_id))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

pub fn record_notification(
    conn: &mut DbConn,
    provider: &str,
    event_id: &str,
    session_id: &str,
    outcome: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(payment_notifications::table)
        .values((
            payment_notifications::provider.eq(provider),
            payment_notifications::event_id.eq(event_id),
            payment_notifications::session_id.eq(session_id),
            payment_notifications::outcome.eq(outcome),
            payment_notifications::received_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// What the staff list of fees is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct FeeFilter {
    pub program: String,
    pub status: Option<FeeStatus>,
    pub channel: Option<String>,
    /// Paid on or after / before these moments (inclusive / exclusive).
    pub paid_from: Option<NaiveDateTime>,
    pub paid_until: Option<NaiveDateTime>,
}

/// One fee in the staff list: the order, its application's receipt number and programme, and
/// the candidate's email.
#[derive(Debug, Clone)]
pub struct FeeLine {
    pub order: FeeOrderRow,
    pub receipt: Option<String>,
    pub program_code: String,
    pub email: String,
}

/// Every fee of one candidate's applications, oldest first.
pub fn fees_of(conn: &mut DbConn, candidate_id: &str) -> QueryResult<Vec<FeeLine>> {
    use super::schema::{applications, users};
    fee_orders::table
        .inner_join(applications::table.inner_join(users::table))
        .filter(applications::candidate_id.eq(candidate_id))
        .order((fee_orders::created_at, fee_orders::id))
        .select((
            FeeOrderRow::as_select(),
            applications::receipt_number,
            applications::program_code,
            users::email,
        ))
        .load::<(FeeOrderRow, Option<String>, String, String)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(order, receipt, program_code, email)| FeeLine {
                    order,
                    receipt,
                    program_code,
                    email,
                })
                .collect()
        })
}

/// A page of fees (newest first) and how many match in all; `limit` None for every one.
pub fn fee_list(
    conn: &mut DbConn,
    filter: &FeeFilter,
    offset: i64,
    limit: Option<i64>,
) -> QueryResult<(Vec<FeeLine>, i64)> {
    use super::schema::{applications, users};
    let query = || {
        let mut query = fee_orders::table
            .inner_join(applications::table.inner_join(users::table))
            .into_boxed();
        if !filter.program.is_empty() {
            query = query.filter(applications::program_code.eq(filter.program.clone()));
        }
        if let Some(status) = filter.status {
            query = query.filter(fee_orders::status.eq(status.as_str()));
        }
        if let Some(channel) = &filter.channel {
            query = query.filter(fee_orders::channel.eq(channel.clone()));
        }
        if let Some(from) = filter.paid_from {
            query = query.filter(fee_orders::paid_at.ge(from));
        }
        if let Some(until) = filter.paid_until {
            query = query.filter(fee_orders::paid_at.lt(until));
        }
        query
    };
    let total: i64 = query().count().get_result(conn)?;
    let mut rows = query()
        .order((fee_orders::created_at.desc(), fee_orders::id.asc()))
        .select((
            FeeOrderRow::as_select(),
            applications::receipt_number,
            applications::program_code,
            users::email,
        ));
    // SQLite has no OFFSET without a LIMIT.
    if let Some(limit) = limit {
        rows = rows.offset(offset).limit(limit);
    }
    let rows: Vec<(FeeOrderRow, Option<String>, String, String)> = rows.load(conn)?;
    let lines = rows
        .into_iter()
        .map(|(order, receipt, program_code, email)| FeeLine {
            order,
            receipt,
            program_code,
            email,
        })
        .collect();
    Ok((lines, total))
}
