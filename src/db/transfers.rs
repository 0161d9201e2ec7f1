//! Candidates' numbers (behind their account numbers), imported statements, the credits read
//! from them and what each credit paid.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::payments::FeeOrderRow;
use super::schema::{
    applications, bank_credits, bank_statements, candidate_numbers, counters, credit_allocations,
    fee_orders, users,
};
use super::DbConn;
use crate::domain::payments::reconcile::CreditState;
use crate::domain::payments::FeeStatus;

pub fn candidate_number(conn: &mut DbConn, user_id: &str) -> QueryResult<Option<i64>> {
    candidate_numbers::table
        .find(user_id)
        .select(candidate_numbers::number)
        .first(conn)
        .optional()
}

/// The candidate's number, given now if they have none; called in a write transaction. The
/// counter's row is updated first, with RETURNING: that row's lock makes concurrent
/// transactions take turns, so they get different numbers, and one that finds the candidate
/// numbered by the transaction before it hands its number back.
pub fn assign_number(conn: &mut DbConn, user_id: &str, now: NaiveDateTime) -> QueryResult<i64> {
    let number: i64 = diesel::update(counters::table.find("candidate"))
        .set(counters::value.eq(counters::value + 1))
        .returning(counters::value)
        .get_result(conn)?;
    if let Some(existing) = candidate_number(conn, user_id)? {
        diesel::update(counters::table.find("candidate"))
            .set(counters::value.eq(counters::value - 1))
            .execute(conn)?;
        return Ok(existing);
    }
    diesel::insert_into(candidate_numbers::table)
        .values((
            candidate_numbers::user_id.eq(user_id),
            candidate_numbers::number.eq(number),
            candidate_numbers::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(number)
}

/// Rows looked up in one query at most (bound parameters have limits).
const CHUNK: usize = 500;

/// The candidates these numbers were given to.
pub fn users_of_numbers(
    conn: &mut DbConn,
    numbers: &[i64],
) -> QueryResult<std::collections::HashMap<i64, String>> {
    let mut found = std::collections::HashMap::new();
    for chunk in numbers.chunks(CHUNK) {
        let rows: Vec<(i64, String)> = candidate_numbers::table
            .filter(candidate_numbers::number.eq_any(chunk))
            .select((candidate_numbers::number, candidate_numbers::user_id))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Which of these credit fingerprints were imported before.
pub fn known_fingerprints(
    conn: &mut DbConn,
    fingerprints: &[String],
) -> QueryResult<std::collections::HashSet<String>> {
    let mut known = std::collections::HashSet::new();
    for chunk in fingerprints.chunks(CHUNK) {
        let rows: Vec<String> = bank_credits::table
            .filter(bank_credits::fingerprint.eq_any(chunk))
            .select(bank_credits::fingerprint)
            .load(conn)?;
        known.extend(rows);
    }
    Ok(known)
}

pub struct NewStatement<'a> {
    pub id: &'a str,
    pub format: &'a str,
    pub reference: &'a str,
    pub account: &'a str,
    pub file_name: &'a str,
    pub imported_by: Option<&'a str>,
    pub now: NaiveDateTime,
}

pub fn insert_statement(conn: &mut DbConn, s: &NewStatement<'_>) -> QueryResult<()> {
    diesel::insert_into(bank_statements::table)
        .values((
            bank_statements::id.eq(s.id),
            bank_statements::format.eq(s.format),
            bank_statements::reference.eq(s.reference),
            bank_statements::account.eq(s.account),
            bank_statements::file_name.eq(s.file_name),
            bank_statements::imported_by.eq(s.imported_by),
            bank_statements::imported_at.eq(s.now),
            bank_statements::credits.eq(0),
            bank_statements::matched.eq(0),
            bank_statements::unmatched.eq(0),
            bank_statements::repeated.eq(0),
        ))
        .execute(conn)
        .map(|_| ())
}

/// What an import did with a statement's credits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub credits: i32,
    pub matched: i32,
    pub unmatched: i32,
    pub repeated: i32,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.credits += other.credits;
        self.matched += other.matched;
        self.unmatched += other.unmatched;
        self.repeated += other.repeated;
    }
}

pub fn set_counts(conn: &mut DbConn, id: &str, counts: Counts) -> QueryResult<()> {
    diesel::update(bank_statements::table.find(id))
        .set((
            bank_statements::credits.eq(counts.credits),
            bank_statements::matched.eq(counts.matched),
            bank_statements::unmatched.eq(counts.unmatched),
            bank_statements::repeated.eq(counts.repeated),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = bank_statements)]
pub struct StatementRow {
    pub id: String,
    pub format: String,
    pub reference: String,
    pub account: String,
    pub file_name: String,
    pub imported_at: NaiveDateTime,
    pub credits: i32,
    pub matched: i32,
    pub unmatched: i32,
    pub repeated: i32,
}

pub fn recent_statements(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<StatementRow>> {
    bank_statements::table
        .order(bank_statements::imported_at.desc())
        .limit(limit)
        .select(StatementRow::as_select())
        .load(conn)
}

pub struct NewCredit<'a> {
    pub id: &'a str,
    pub statement_id: &'a str,
    pub fingerprint: &'a str,
    pub value_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub account: Option<&'a str>,
    pub payer: &'a str,
    pub title: &'a str,
    pub bank_reference: &'a str,
    /// The candidate whose account it names, if any.
    pub user_id: Option<&'a str>,
    /// Why it waits for staff, when that is known already (no candidate's account named).
    pub reason: Option<&'a str>,
    pub now: NaiveDateTime,
}

/// Inserts a credit as unmatched (the caller has checked its fingerprint is new; the unique
/// index refuses it otherwise).
pub fn insert_credit(conn: &mut DbConn, c: &NewCredit<'_>) -> QueryResult<()> {
    diesel::insert_into(bank_credits::table)
        .values((
            bank_credits::id.eq(c.id),
            bank_credits::statement_id.eq(c.statement_id),
            bank_credits::fingerprint.eq(c.fingerprint),
            bank_credits::value_date.eq(c.value_date),
            bank_credits::amount_minor.eq(c.amount_minor),
            bank_credits::currency.eq(c.currency),
            bank_credits::account.eq(c.account),
            bank_credits::payer.eq(c.payer),
            bank_credits::title.eq(c.title),
            bank_credits::bank_reference.eq(c.bank_reference),
            bank_credits::state.eq(CreditState::Unmatched.as_str()),
            bank_credits::user_id.eq(c.user_id),
            bank_credits::reason.eq(c.reason),
            bank_credits::left_minor.eq(c.amount_minor),
            bank_credits::created_at.eq(c.now),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = bank_credits)]
pub struct CreditRow {
    pub id: String,
    pub value_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
    pub account: Option<String>,
    pub user_id: Option<String>,
    pub payer: String,
    pub title: String,
    pub bank_reference: String,
    pub state: String,
    pub reason: Option<String>,
    pub left_minor: i64,
    pub matched_by: Option<String>,
    pub matched_at: Option<NaiveDateTime>,
}

pub fn credit(conn: &mut DbConn, id: &str) -> QueryResult<Option<CreditRow>> {
    bank_credits::table
        .find(id)
        .select(CreditRow::as_select())
        .first(conn)
        .optional()
}

/// The candidate's transfers with money left over (overpayments), oldest first.
pub fn balance_of(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<CreditRow>> {
    bank_credits::table
        .filter(bank_credits::user_id.eq(user_id))
        .filter(bank_credits::state.eq(CreditState::Balance.as_str()))
        .filter(bank_credits::left_minor.gt(0))
        .order((bank_credits::value_date.asc(), bank_credits::id.asc()))
        .select(CreditRow::as_select())
        .load(conn)
}

/// Takes `amount` off a credit's money left over, if that much is left; the rows changed.
pub fn take_from_balance(conn: &mut DbConn, credit_id: &str, amount: i64) -> QueryResult<usize> {
    diesel::update(
        bank_credits::table
            .find(credit_id)
            .filter(bank_credits::state.eq(CreditState::Balance.as_str()))
            .filter(bank_credits::left_minor.ge(amount)),
    )
    .set(bank_credits::left_minor.eq(bank_credits::left_minor - amount))
    .execute(conn)
}

/// The fee orders a credit paid.
pub fn orders_paid_by(conn: &mut DbConn, credit_id: &str) -> QueryResult<Vec<String>> {
    credit_allocations::table
        .filter(credit_allocations::credit_id.eq(credit_id))
        .order(credit_allocations::order_id)
        .select(credit_allocations::order_id)
        .load(conn)
}

/// Credits in `state`, oldest transfer first.
pub fn credits_in(
    conn: &mut DbConn,
    state: CreditState,
    limit: i64,
) -> QueryResult<Vec<CreditRow>> {
    bank_credits::table
        .filter(bank_credits::state.eq(state.as_str()))
        .order((bank_credits::value_date.asc(), bank_credits::id.asc()))
        .limit(limit)
        .select(CreditRow::as_select())
        .load(conn)
}

/// Where a credit ends up after matching.
pub struct Settled<'a> {
    pub id: &'a str,
    /// The state it must still be in (so two staff matching it at once match it once).
    pub from: CreditState,
    pub to: CreditState,
    pub user_id: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub left_minor: i64,
    pub matched_by: Option<&'a str>,
    pub now: NaiveDateTime,
}

/// Moves a credit to its new state; the number of rows moved.
pub fn settle(conn: &mut DbConn, s: &Settled<'_>) -> QueryResult<usize> {
    diesel::update(
        bank_credits::table
            .find(s.id)
            .filter(bank_credits::state.eq(s.from.as_str())),
    )
    .set((
        bank_credits::state.eq(s.to.as_str()),
        bank_credits::user_id.eq(s.user_id),
        bank_credits::reason.eq(s.reason),
        bank_credits::left_minor.eq(s.left_minor),
        bank_credits::matched_by.eq(s.matched_by),
        bank_credits::matched_at.eq(s.matched_by.map(|_| s.now)),
    ))
    .execute(conn)
}

pub fn allocate(
    conn: &mut DbConn,
    credit_id: &str,
    order_id: &str,
    amount_minor: i64,
) -> QueryResult<()> {
    diesel::insert_into(credit_allocations::table)
        .values((
            credit_allocations::credit_id.eq(credit_id),
            credit_allocations::order_id.eq(order_id),
            credit_allocations::amount_minor.eq(amount_minor),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The candidate's unpaid fees in `currency`, oldest first.
pub fn payable_orders_of(
    conn: &mut DbConn,
    user_id: &str,
    currency: &str,
) -> QueryResult<Vec<FeeOrderRow>> {
    let payable: Vec<&str> = FeeStatus::CREDITABLE.iter().map(|s| s.as_str()).collect();
    fee_orders::table
        .inner_join(applications::table)
        .filter(applications::candidate_id.eq(user_id))
        .filter(fee_orders::status.eq_any(payable))
        .filter(fee_orders::currency.eq(currency))
        .order((fee_orders::created_at.asc(), fee_orders::id.asc()))
        .select(FeeOrderRow::as_select())
        .load(conn)
}

/// Whether the candidate has any fee order at all (so a credit to them can be told apart from
/// a credit in a currency none of their fees is in).
pub fn has_orders_in(conn: &mut DbConn, user_id: &str, currency: &str) -> QueryResult<bool> {
    fee_orders::table
        .inner_join(applications::table)
        .filter(applications::candidate_id.eq(user_id))
        .filter(fee_orders::currency.eq(currency))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// An unpaid fee as the queue suggests it for a credit: the order, the application's receipt
/// number and the candidate's email.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub order: FeeOrderRow,
    pub receipt: Option<String>,
    pub email: String,
}

/// Unpaid fees of exactly `amount` (the amount-only suggestions), or of one candidate.
pub fn suggestions(
    conn: &mut DbConn,
    amount_minor: i64,
    currency: &str,
    user_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Suggestion>> {
    let payable: Vec<&str> = FeeStatus::CREDITABLE.iter().map(|s| s.as_str()).collect();
    let mut query = fee_orders::table
        .inner_join(applications::table.inner_join(users::table))
        .filter(fee_orders::status.eq_any(payable))
        .filter(fee_orders::currency.eq(currency))
        .into_boxed();
    query = match user_id {
        Some(user) => query.filter(applications::candidate_id.eq(user.to_owned())),
        None => query.filter(fee_orders::amount_minor.eq(amount_minor)),
    };
    let rows: Vec<(FeeOrderRow, Option<String>, String)> = query
        .order((fee_orders::created_at.asc(), fee_orders::id.asc()))
        .limit(limit)
        .select((
            FeeOrderRow::as_select(),
            applications::receipt_number,
            users::email,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(order, receipt, email)| Suggestion {
            order,
            receipt,
            email,
        })
        .collect())
}

/// The fee order of the application with this receipt number or id.
pub fn order_by_application(conn: &mut DbConn, text: &str) -> QueryResult<Option<FeeOrderRow>> {
    fee_orders::table
        .inner_join(applications::table)
        .filter(
            applications::receipt_number
                .eq(text)
                .or(applications::id.eq(text)),
        )
        .select(FeeOrderRow::as_select())
        .first(conn)
        .optional()
}

/// The owner of an application's fee order.
pub fn candidate_of_order(conn: &mut DbConn, order_id: &str) -> QueryResult<Option<String>> {
    fee_orders::table
        .inner_join(applications::table)
        .filter(fee_orders::id.eq(order_id))
        .select(applications::candidate_id)
        .first(conn)
        .optional()
}
