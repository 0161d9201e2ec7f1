//! Refunds of fee orders: what was asked for, through which channel, and how it ended.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{applications, fee_orders, refunds};
use super::DbConn;
use crate::domain::ids::ApplicationId;
use crate::domain::payments::refund::RefundState;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refunds)]
pub struct RefundRow {
    pub id: String,
    pub order_id: String,
    pub session_id: Option<String>,
    /// `domain::payments::Channel` as stored: the gateway's, or `bank_transfer`.
    pub method: String,
    pub amount_minor: i64,
    pub currency: String,
    #[diesel(deserialize_as = String)]
    pub state: RefundState,
    pub reason: String,
    pub account: Option<String>,
    pub reference: Option<String>,
    pub problem: Option<String>,
    pub requested_by: Option<String>,
    pub requested_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    /// A second payment given back whole (the fee stays paid), not part of the fee.
    pub extra: bool,
    /// A balance refund: the transfer whose money left over it sends back.
    pub credit_id: Option<String>,
}

pub struct NewRefund<'a> {
    pub id: &'a str,
    pub order_id: &'a str,
    pub session_id: Option<&'a str>,
    pub method: &'a str,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub state: RefundState,
    pub reason: &'a str,
    pub account: Option<&'a str>,
    pub requested_by: &'a str,
    pub extra: bool,
    pub credit_id: Option<&'a str>,
    pub now: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, r: &NewRefund<'_>) -> QueryResult<()> {
    diesel::insert_into(refunds::table)
        .values((
            refunds::id.eq(r.id),
            refunds::order_id.eq(r.order_id),
            refunds::session_id.eq(r.session_id),
            refunds::method.eq(r.method),
            refunds::amount_minor.eq(r.amount_minor),
            refunds::currency.eq(r.currency),
            refunds::state.eq(r.state.as_str()),
            refunds::reason.eq(r.reason),
            refunds::account.eq(r.account),
            refunds::requested_by.eq(r.requested_by),
            refunds::requested_at.eq(r.now),
            refunds::updated_at.eq(r.now),
            refunds::extra.eq(r.extra),
            refunds::credit_id.eq(r.credit_id),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<RefundRow>> {
    refunds::table
        .find(id)
        .select(RefundRow::as_select())
        .first(conn)
        .optional()
}

/// The order's refunds, oldest first.
pub fn of_order(conn: &mut DbConn, order_id: &str) -> QueryResult<Vec<RefundRow>> {
    refunds::table
        .filter(refunds::order_id.eq(order_id))
        .order((refunds::requested_at, refunds::id))
        .select(RefundRow::as_select())
        .load(conn)
}

/// Takes the order's row for this transaction, so that two refunds asked for at once are
/// weighed one after the other against what is left.
pub fn lock_order(conn: &mut DbConn, order_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(fee_orders::table.find(order_id))
        .set(fee_orders::updated_at.eq(now))
        .execute(conn)
}

/// How a refund ends, or what it learns on the way.
pub struct Settle<'a> {
    pub id: &'a str,
    pub from: &'a [RefundState],
    pub to: RefundState,
    pub reference: Option<&'a str>,
    pub problem: Option<&'a str>,
    pub now: NaiveDateTime,
}

/// Moves a refund from one of `from` to `to`; the number of rows moved (0: it had moved
/// already).
pub fn settle(conn: &mut DbConn, s: &Settle<'_>) -> QueryResult<usize> {
    let from: Vec<&str> = s.from.iter().map(|st| st.as_str()).collect();
    let completed_at = (s.to == RefundState::Completed).then_some(s.now);
    let target = refunds::table
        .find(s.id)
        .filter(refunds::state.eq_any(from));
    match s.reference {
        Some(reference) => diesel::update(target)
            .set((
                refunds::state.eq(s.to.as_str()),
                refunds::reference.eq(reference),
                refunds::problem.eq(s.problem),
                refunds::completed_at.eq(completed_at),
                refunds::updated_at.eq(s.now),
            ))
            .execute(conn),
        None => diesel::update(target)
            .set((
                refunds::state.eq(s.to.as_str()),
                refunds::problem.eq(s.problem),
                refunds::completed_at.eq(completed_at),
                refunds::updated_at.eq(s.now),
            ))
            .execute(conn),
    }
}

/// A bank-transfer refund waiting for the finance office, with the application it is for.
#[derive(Debug, Clone)]
pub struct TransferToSend {
    pub refund: RefundRow,
    pub application_id: ApplicationId,
    pub receipt: Option<String>,
}

/// Bank-transfer refunds the finance office is still to send, oldest first.
pub fn transfers_to_send(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<TransferToSend>> {
    refunds::table
        .inner_join(fee_orders::table.inner_join(applications::table))
        .filter(refunds::state.eq(RefundState::ToSend.as_str()))
        .order((refunds::requested_at, refunds::id))
        .limit(limit)
        .select((
            RefundRow::as_select(),
            applications::id,
            applications::receipt_number,
        ))
        .load::<(RefundRow, String, Option<String>)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(refund, id, receipt)| TransferToSend {
                    refund,
                    application_id: ApplicationId::from(id.as_str()),
                    receipt,
                })
                .collect()
        })
}
