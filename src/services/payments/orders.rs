//! A fee order's moves: from one status to the next, each with a history row; what a
//! provider's notification did to an order; and whose fee an order is, for telling them.

use anyhow::Context;
use chrono::NaiveDateTime;

use crate::db::applications::ApplicationRow;
use crate::db::payments::{self as rows, FeeOrderRow, NewOrderEvent, OrderMove};
use crate::db::users::UserRow;
use crate::db::{self, DbConn};
use crate::domain::cycle::model::Text;
use crate::domain::payments::{Channel, FeeStatus, NoticeProblem};
use crate::domain::Locale;
use crate::services::ServiceConfig;

/// The application a fee order is for, its candidate, their language and the programme's
/// name: what the history entry and the email about a payment or a refund need.
pub(super) struct FeeOwner {
    pub app: ApplicationRow,
    pub user: UserRow,
    pub locale: Locale,
    pub programme: Text,
}

pub(super) fn fee_owner(
    conn: &mut DbConn,
    config: &ServiceConfig,
    order: &FeeOrderRow,
) -> anyhow::Result<FeeOwner> {
    let app = db::applications::find(conn, &order.application_id)?
        .context("a fee order without its application")?;
    let user = db::users::find(conn, app.candidate_id.as_str())?
        .context("an application without its candidate")?;
    let locale = user.locale_or(Locale::Pl);
    // Parsed once per version, not in every payment's transaction.
    let programme = config
        .cycles
        .version(conn, app.cycle_version_id.as_str())?
        .and_then(|version| {
            version
                .definition
                .program(app.program_code.as_str())
                .map(|p| p.name.get_ref().clone())
        })
        .unwrap_or_default();
    Ok(FeeOwner {
        app,
        user,
        locale,
        programme,
    })
}

/// Moves an order from its current status with a history row; false when another request
/// moved it first.
pub(super) fn move_order(
    conn: &mut DbConn,
    order: &FeeOrderRow,
    to: FeeStatus,
    paid: Option<(Channel, NaiveDateTime)>,
    reason: &str,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    anyhow::ensure!(
        order.status.may_move(to),
        "a fee order cannot move from {} to {}",
        order.status.as_str(),
        to.as_str()
    );
    let moved = rows::move_order(
        conn,
        &OrderMove {
            id: &order.id,
            from: &[order.status],
            to,
            channel: paid.map(|(c, _)| c.as_str()),
            paid_at: paid.map(|(_, at)| at),
            now,
        },
    )?;
    if moved == 0 {
        return Ok(false);
    }
    rows::record_order_event(
        conn,
        &NewOrderEvent {
            order_id: &order.id,
            from: Some(order.status),
            to,
            channel: paid.map(|(c, _)| c.as_str()),
            reason,
            now,
        },
    )?;
    Ok(true)
}

/// What a notification did.
#[derive(Debug, PartialEq, Eq)]
pub enum NoticeOutcome {
    /// The fee is paid now.
    Credited,
    /// The checkout failed; the fee is payable again.
    Failed,
    /// This notification was applied before (a repeat), or the order was settled already.
    AlreadyApplied,
    /// A refund is completed: the money is given back.
    Refunded,
    /// The gateway refused a refund: nothing was given back.
    RefundFailed,
    /// Refused, with why; nothing changed.
    Refused(NoticeProblem),
}
