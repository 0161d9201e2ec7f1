//! The sweeper: checkouts open for longer than a notification takes are asked about at their
//! gateway, in case the notification was lost. What the gateway tells goes through the same
//! checks and the same once-only crediting as a notification.

use chrono::Duration;

use super::{apply_payment_notice, NoticeOutcome};
use crate::db::payments as rows;
use crate::db::{self};
use crate::services::ServiceConfig;

/// How many checkouts one sweep asks about at most.
const SWEEP_BATCH: i64 = 200;

/// What a sweep found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// Checkouts asked about.
    pub asked: usize,
    /// Found paid and credited now.
    pub credited: usize,
    /// Found ended unpaid: the fee is payable again.
    pub failed: usize,
    /// Still open at the gateway, or already settled here.
    pub unchanged: usize,
    /// The gateway could not be reached or refused to say.
    pub errors: usize,
}

/// Asks the gateway about every checkout open for longer than `after`.
pub async fn sweep(
    database: &db::Db,
    config: &ServiceConfig,
    after: Duration,
) -> anyhow::Result<SweepReport> {
    let Some(provider) = config.payments.clone() else {
        return Ok(SweepReport::default());
    };
    let name = provider.name();
    let before = db::now() - after;
    let sessions = database
        .run(move |conn| {
            rows::open_since(conn, name, before, SWEEP_BATCH).map_err(anyhow::Error::from)
        })
        .await?;
    let mut report = SweepReport {
        asked: sessions.len(),
        ..SweepReport::default()
    };
    for session in &sessions {
        let notice = match provider.lookup(session).await {
            Ok(Some(notice)) => notice,
            Ok(None) => {
                report.unchanged += 1;
                continue;
            }
            Err(e) => {
                tracing::warn!(session = %session.id, provider = name, error = %format!("{e:#}"), "could not ask the payment gateway about a checkout");
                report.errors += 1;
                continue;
            }
        };
        let outcome =
            apply_payment_notice(database, config, provider.clone(), notice, db::now()).await;
        match outcome {
            Ok(NoticeOutcome::Credited) => {
                tracing::info!(session = %session.id, provider = name, "a checkout whose notification was lost is paid");
                report.credited += 1;
            }
            Ok(NoticeOutcome::Failed) => report.failed += 1,
            Ok(_) => report.unchanged += 1,
            Err(e) => {
                tracing::warn!(session = %session.id, provider = name, error = %format!("{e:#}"), "a checkout the gateway reports could not be settled");
                report.errors += 1;
            }
        }
    }
    Ok(report)
}
