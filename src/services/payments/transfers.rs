//! Fees paid by bank transfer: each candidate's own account number, statement import (MT940
//! or camt.053, by staff or `admitto payments import`), automatic matching of credits to fees
//! and the staff queue of what could not be matched.

use anyhow::Context;
use chrono::{NaiveDateTime, NaiveTime};

use crate::config::TransferSettings;
use crate::db::payments::FeeOrderRow;
use crate::db::transfers::{self as rows, Counts, CreditRow, NewCredit, Settled};
use crate::db::{self, write_tx, DbConn};
use crate::domain::money::{Currency, Money};
use crate::domain::payments::account::{AccountPlan, Nrb};
use crate::domain::payments::reader;
use crate::domain::payments::reconcile::{allocate, fingerprint, CreditState, Unmatched};
use crate::domain::payments::statement::{Entry, Statement, StatementProblem};
use crate::domain::payments::{Channel, FeeStatus};
use crate::domain::UserId;
use crate::services::ServiceConfig;

/// The prefix the demo makes candidates' account numbers with (a sort code of a real bank
/// followed by nines, which no university is given).
const DEMO_PREFIX: &str = "1090 1014 9999 99";

/// How transfers are taken: the account-number plan and what candidates are told.
#[derive(Debug, Clone)]
pub struct TransferPlan {
    pub plan: AccountPlan,
    /// The recipient's name and address; the university's name when unset.
    pub recipient: Option<String>,
    pub booking_days: u32,
}

impl TransferPlan {
    /// From the settings; none when no account prefix is set (outside the demo).
    pub fn from_settings(
        settings: &TransferSettings,
        demo: bool,
    ) -> anyhow::Result<Option<TransferPlan>> {
        let prefix = match (&settings.account_prefix, demo) {
            (Some(prefix), _) => prefix.as_str(),
            (None, true) => DEMO_PREFIX,
            (None, false) => return Ok(None),
        };
        let plan = AccountPlan::parse(prefix).context("transfers.account_prefix")?;
        Ok(Some(TransferPlan {
            plan,
            recipient: settings.recipient.clone(),
            booking_days: settings.booking_days,
        }))
    }
}

/// What the candidate writes on the transfer form.
#[derive(Debug, Clone)]
pub struct TransferDetails {
    pub account: Nrb,
    pub recipient: Option<String>,
    /// The application's receipt number, for the transfer title.
    pub reference: String,
    pub amount: Money,
    pub booking_days: u32,
}

/// The transfer details for an unpaid fee; the candidate's number is given the first time.
pub fn transfer_details(
    conn: &mut DbConn,
    plan: &TransferPlan,
    order: &FeeOrderRow,
    candidate: &UserId,
    receipt: Option<&str>,
) -> anyhow::Result<TransferDetails> {
    let number = match rows::candidate_number(conn, candidate.as_str())? {
        Some(number) => number,
        None => write_tx(conn, |conn| {
            rows::assign_number(conn, candidate.as_str(), db::now())
        })?,
    };
    let account = plan
        .plan
        .account(number)
        .context("the candidate number does not fit the account prefix")?;
    Ok(TransferDetails {
        account,
        recipient: plan.recipient.clone(),
        reference: receipt
            .map(str::to_owned)
            .unwrap_or_else(|| order.application_id.to_string()),
        amount: order.amount().context("a fee order's currency")?,
        booking_days: plan.booking_days,
    })
}

/// What importing a file did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub statements: usize,
    pub counts: Counts,
    /// Fee orders paid by this import.
    pub fees_paid: usize,
}

/// Imports a statement file whole or not at all: a file that is refused changes nothing. A
/// credit imported before (the same file twice, overlapping statements) is counted as repeated
/// and credits nothing again.
pub fn import_statement(
    conn: &mut DbConn,
    config: &ServiceConfig,
    bytes: &[u8],
    file_name: &str,
    actor: Option<&UserId>,
) -> anyhow::Result<Result<ImportReport, StatementProblem>> {
    let statements = match reader::read(bytes) {
        Ok(statements) => statements,
        Err(problem) => {
            tracing::warn!(file = file_name, %problem, "bank statement refused");
            return Ok(Err(problem));
        }
    };
    let report = write_tx(conn, |conn| {
        let now = db::now();
        let mut report = ImportReport {
            statements: statements.len(),
            ..ImportReport::default()
        };
        for statement in &statements {
            let (counts, paid) = import_one(conn, config, statement, file_name, actor, now)?;
            report.counts += counts;
            report.fees_paid += paid;
        }
        db::audit::record(
            conn,
            actor.map(UserId::as_str),
            "payments.statement.import",
            file_name,
            &format!(
                "{} credits, {} matched, {} unmatched, {} repeated",
                report.counts.credits,
                report.counts.matched,
                report.counts.unmatched,
                report.counts.repeated
            ),
            now,
        )?;
        Ok::<_, anyhow::Error>(report)
    })?;
    tracing::info!(file = file_name, ?report, "bank statement imported");
    Ok(Ok(report))
}

fn import_one(
    conn: &mut DbConn,
    config: &ServiceConfig,
    statement: &Statement,
    file_name: &str,
    actor: Option<&UserId>,
    now: NaiveDateTime,
) -> anyhow::Result<(Counts, usize)> {
    let statement_id = db::new_id();
    rows::insert_statement(
        conn,
        &rows::NewStatement {
            id: &statement_id,
            format: statement.format.as_str(),
            reference: &statement.reference,
            account: &statement.account,
            file_name,
            imported_by: actor.map(UserId::as_str),
            now,
        },
    )?;
    let credits: Vec<&Entry> = statement.entries.iter().filter(|e| e.credit).collect();
    // Looked up for the whole statement at once: which credits came before, and whose
    // accounts the credits name.
    let fingerprints: Vec<String> = credits.iter().map(|e| fingerprint(statement, e)).collect();
    let mut known = rows::known_fingerprints(conn, &fingerprints)?;
    let numbers: Vec<i64> = match &config.transfers {
        Some(plan) => credits
            .iter()
            .flat_map(|e| e.accounts.iter().flatten())
            .filter_map(|nrb| plan.plan.number_of(nrb))
            .collect(),
        None => Vec::new(),
    };
    let owners = rows::users_of_numbers(conn, &numbers)?;
    let mut counts = Counts::default();
    let mut paid = 0;
    for (entry, fingerprint) in credits.into_iter().zip(fingerprints) {
        if !known.insert(fingerprint.clone()) {
            counts.repeated += 1;
            continue;
        }
        counts.credits += 1;
        let credit_id = db::new_id();
        let ours = our_account(config, entry, &owners);
        rows::insert_credit(
            conn,
            &NewCredit {
                id: &credit_id,
                statement_id: &statement_id,
                fingerprint: &fingerprint,
                value_date: entry.value_date,
                amount_minor: entry.amount_minor,
                currency: statement.currency.code(),
                account: ours.as_ref().ok().map(|(nrb, _)| nrb.digits()),
                payer: &entry.payer,
                title: &entry.title,
                bank_reference: &entry.bank_reference,
                user_id: None,
                reason: ours.as_ref().err().map(|reason| reason.as_str()),
                now,
            },
        )?;
        let Ok((_, user)) = ours else {
            counts.unmatched += 1;
            continue;
        };
        let credit = Credit {
            id: &credit_id,
            amount_minor: entry.amount_minor,
            currency: &statement.currency,
            paid_at: entry.value_date.and_time(NaiveTime::MIN),
        };
        let (state, fees) = match_to_candidate(conn, config, &credit, user, now)?;
        paid += fees;
        match state {
            CreditState::Unmatched => counts.unmatched += 1,
            _ => counts.matched += 1,
        }
    }
    rows::set_counts(conn, &statement_id, counts)?;
    Ok((counts, paid))
}

/// The candidate's account a credit names (of `owners`, the candidates by number), or why
/// none: a number of ours with wrong check digits is told apart from no number of ours at all.
fn our_account<'a>(
    config: &ServiceConfig,
    entry: &Entry,
    owners: &'a std::collections::HashMap<i64, String>,
) -> Result<(Nrb, &'a str), Unmatched> {
    let Some(plan) = &config.transfers else {
        return Err(Unmatched::NoAccount);
    };
    let mut mistyped = false;
    for account in &entry.accounts {
        match account {
            Ok(nrb) => {
                if let Some(user) = plan.plan.number_of(nrb).and_then(|n| owners.get(&n)) {
                    return Ok((nrb.clone(), user.as_str()));
                }
            }
            Err(digits) => mistyped |= plan.plan.has_prefix(digits),
        }
    }
    Err(if mistyped {
        Unmatched::CheckDigits
    } else {
        Unmatched::NoAccount
    })
}

/// A credit being matched.
struct Credit<'a> {
    id: &'a str,
    amount_minor: i64,
    currency: &'a Currency,
    /// The transfer date counts, not the day the bank booked it.
    paid_at: NaiveDateTime,
}

/// Pays the candidate's unpaid fees from a credit to their account, oldest first; what is
/// left is their balance. A credit that fits no fee goes to the queue.
fn match_to_candidate(
    conn: &mut DbConn,
    config: &ServiceConfig,
    credit: &Credit<'_>,
    user: &str,
    now: NaiveDateTime,
) -> anyhow::Result<(CreditState, usize)> {
    let orders = rows::payable_orders_of(conn, user, credit.currency.code())?;
    if orders.is_empty() {
        let state = if rows::has_orders_in(conn, user, credit.currency.code())? {
            // Every fee is paid already: an overpayment, refundable.
            settle(
                conn,
                credit,
                CreditState::Balance,
                Some(user),
                None,
                None,
                now,
            )?;
            CreditState::Balance
        } else {
            settle(
                conn,
                credit,
                CreditState::Unmatched,
                Some(user),
                Some(Unmatched::NothingDue),
                None,
                now,
            )?;
            CreditState::Unmatched
        };
        return Ok((state, 0));
    }
    let due: Vec<(&str, i64)> = orders
        .iter()
        .map(|o| (o.id.as_str(), o.amount_minor))
        .collect();
    let (fees, _) = allocate(credit.amount_minor, &due);
    if fees.is_empty() {
        settle(
            conn,
            credit,
            CreditState::Unmatched,
            Some(user),
            Some(Unmatched::AmountShort),
            None,
            now,
        )?;
        return Ok((CreditState::Unmatched, 0));
    }
    let mut left = credit.amount_minor;
    let mut paid = 0;
    for (order_id, amount) in fees {
        let Some(order) = orders.iter().find(|o| o.id == order_id) else {
            continue;
        };
        if pay_order(conn, config, credit, order, now)? {
            left -= amount;
            paid += 1;
        }
    }
    let state = if left == 0 {
        CreditState::Matched
    } else {
        CreditState::Balance
    };
    rows::settle(
        conn,
        &Settled {
            id: credit.id,
            from: CreditState::Unmatched,
            to: state,
            user_id: Some(user),
            reason: None,
            left_minor: left,
            matched_by: None,
            now,
        },
    )?;
    Ok((state, paid))
}

/// Credits one fee order from a credit; false when it was paid meanwhile (another channel).
fn pay_order(
    conn: &mut DbConn,
    config: &ServiceConfig,
    credit: &Credit<'_>,
    order: &FeeOrderRow,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    if !FeeStatus::CREDITABLE.contains(&order.status) {
        return Ok(false);
    }
    let moved = super::orders::move_order(
        conn,
        order,
        FeeStatus::Paid,
        Some((Channel::BankTransfer, credit.paid_at)),
        "transfer",
        now,
    )?;
    if !moved {
        return Ok(false);
    }
    rows::allocate(conn, credit.id, &order.id, order.amount_minor)?;
    super::record_paid(conn, config, order, Channel::BankTransfer, credit.paid_at)?;
    Ok(true)
}

fn settle(
    conn: &mut DbConn,
    credit: &Credit<'_>,
    to: CreditState,
    user: Option<&str>,
    reason: Option<Unmatched>,
    matched_by: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    rows::settle(
        conn,
        &Settled {
            id: credit.id,
            from: CreditState::Unmatched,
            to,
            user_id: user,
            reason: reason.map(Unmatched::as_str),
            left_minor: credit.amount_minor,
            matched_by,
            now,
        },
    )?;
    Ok(())
}

/// A credit in the staff queue with the fees it might pay.
#[derive(Debug, Clone)]
pub struct QueuedCredit {
    pub credit: CreditRow,
    pub reason: Option<Unmatched>,
    /// The candidate's own unpaid fees when the account is theirs, else unpaid fees of exactly
    /// the amount: suggestions, never matched without staff.
    pub suggestions: Vec<rows::Suggestion>,
}

/// The queue of unmatched credits, oldest transfer first, each with its suggestions.
pub fn queue(conn: &mut DbConn, limit: i64) -> anyhow::Result<Vec<QueuedCredit>> {
    let credits = rows::credits_in(conn, CreditState::Unmatched, limit)?;
    credits
        .into_iter()
        .map(|credit| {
            let suggestions = rows::suggestions(
                conn,
                credit.amount_minor,
                &credit.currency,
                credit.user_id.as_deref(),
                5,
            )?;
            Ok(QueuedCredit {
                reason: credit.reason.as_deref().and_then(Unmatched::parse),
                credit,
                suggestions,
            })
        })
        .collect()
}

/// Why staff cannot match a credit to the fee they named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MatchProblem {
    #[error("no application has this receipt number")]
    NoSuchFee,
    #[error("this fee is not unpaid")]
    NotPayable,
    #[error("the transfer is in another currency than the fee")]
    Currency,
    #[error("what is left of the transfer does not cover the fee")]
    TooLittle,
    #[error("the transfer was matched meanwhile")]
    Settled,
}

/// Staff match a credit from the queue (or a balance) to a fee, named by its application's
/// receipt number or id: the fee is paid on the transfer's date, what is left stays as the
/// candidate's balance, and the action is audited.
pub fn match_by_hand(
    conn: &mut DbConn,
    config: &ServiceConfig,
    credit_id: &str,
    application: &str,
    actor: &UserId,
) -> anyhow::Result<Result<(), MatchProblem>> {
    write_tx(conn, |conn| {
        let now = db::now();
        let Some(credit) = rows::credit(conn, credit_id)? else {
            return Ok(Err(MatchProblem::Settled));
        };
        let from = CreditState::parse(&credit.state).context("a credit's state")?;
        if from == CreditState::Matched {
            return Ok(Err(MatchProblem::Settled));
        }
        let Some(order) = rows::order_by_application(conn, application.trim())? else {
            return Ok(Err(MatchProblem::NoSuchFee));
        };
        if !FeeStatus::CREDITABLE.contains(&order.status) {
            return Ok(Err(MatchProblem::NotPayable));
        }
        if order.currency != credit.currency {
            return Ok(Err(MatchProblem::Currency));
        }
        if order.amount_minor > credit.left_minor {
            return Ok(Err(MatchProblem::TooLittle));
        }
        let currency = Currency::parse(&credit.currency).context("a credit's currency")?;
        let pending = Credit {
            id: &credit.id,
            amount_minor: credit.left_minor,
            currency: &currency,
            paid_at: credit.value_date.and_time(NaiveTime::MIN),
        };
        if !pay_order(conn, config, &pending, &order, now)? {
            return Ok(Err(MatchProblem::NotPayable));
        }
        let left = credit.left_minor - order.amount_minor;
        let owner = rows::candidate_of_order(conn, &order.id)?;
        let moved = rows::settle(
            conn,
            &Settled {
                id: &credit.id,
                from,
                to: if left == 0 {
                    CreditState::Matched
                } else {
                    CreditState::Balance
                },
                user_id: owner.as_deref(),
                reason: None,
                left_minor: left,
                matched_by: Some(actor.as_str()),
                now,
            },
        )?;
        if moved == 0 {
            // Another member of staff matched it first; undo this one.
            anyhow::bail!(Settle);
        }
        db::audit::record(
            conn,
            Some(actor.as_str()),
            "payments.credit.match",
            &credit.id,
            &format!("application {}", order.application_id),
            now,
        )?;
        Ok(Ok(()))
    })
    .or_else(|e: anyhow::Error| {
        if e.downcast_ref::<Settle>().is_some() {
            Ok(Err(MatchProblem::Settled))
        } else {
            Err(e)
        }
    })
}

/// Rolls a manual match back when the credit moved under it.
#[derive(Debug, thiserror::Error)]
#[error("the credit was settled by another request")]
struct Settle;
