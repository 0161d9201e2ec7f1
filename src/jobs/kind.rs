//! What a job kind is: a typed payload that knows its name, priority, retries, whether it is
//! deduplicated, and how it runs. `enqueue` stores one in the caller's transaction; the worker
//! finds its kind in the registry (`jobs::KINDS`) by name and runs it.

use crate::db::{self, jobs::NewJob, DbConn, Pool};
use crate::notify::Mailer;
use crate::services::ServiceConfig;
use anyhow::Context;
use chrono::NaiveDateTime;
use serde::{de::DeserializeOwned, Serialize};

/// What a running job may use besides its database connection.
pub struct JobContext<'a> {
    pub mailer: &'a Mailer,
    pub mail_from: &'a str,
    /// The pool, for jobs that use the services' own connections.
    pub pool: &'a Pool,
    /// The services' settings, for jobs that act through them (the payment sweep); None in a
    /// worker that only sends email.
    pub services: Option<&'a ServiceConfig>,
    /// Where jobs run what they do over the network (with the services).
    pub runtime: Option<&'a tokio::runtime::Runtime>,
}

impl JobContext<'_> {
    /// Runs network work to its end on the worker's runtime.
    pub fn block_on<F: std::future::Future>(&self, work: F) -> anyhow::Result<F::Output> {
        let runtime = self
            .runtime
            .context("this worker runs no jobs that act through the services")?;
        Ok(runtime.block_on(work))
    }
}

/// A job kind. The payload is the value itself, stored as JSON.
pub trait Job: Serialize + DeserializeOwned {
    /// Stored in the queue; the registry finds the kind by it.
    const KIND: &'static str;
    /// Higher runs first.
    const PRIORITY: i32;

    /// A job with a key already queued is not queued again (periodic ticks, one email per
    /// event); `None` queues every time.
    fn dedup_key(&self) -> Option<String>;

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()>;

    /// Called after a failed attempt (`dead`: it will not be tried again), in the worker's
    /// connection, so the kind can record the failure where users see it.
    fn failed(&self, _conn: &mut DbConn, _error: &str, _dead: bool) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Queues `job` to run from `run_after`, at most `max_attempts` times. False when its dedup key
/// was already used. Call inside the transaction of the change that caused it.
pub fn enqueue<J: Job>(
    conn: &mut DbConn,
    job: &J,
    max_attempts: i32,
    run_after: NaiveDateTime,
) -> anyhow::Result<bool> {
    let payload = serde_json::to_string(job).context("writing the job payload")?;
    let key = job.dedup_key();
    db::jobs::enqueue(
        conn,
        &NewJob {
            kind: J::KIND,
            payload: &payload,
            dedup_key: key.as_deref(),
            priority: J::PRIORITY,
            max_attempts,
            run_after,
        },
        db::now(),
    )
    .with_context(|| format!("queueing a {} job", J::KIND))
}

/// A registry entry: the kind's name and its payload-reading runners.
pub struct Kind {
    pub name: &'static str,
    run: fn(&JobContext<'_>, &mut DbConn, &str) -> anyhow::Result<()>,
    failed: fn(&mut DbConn, &str, &str, bool) -> anyhow::Result<()>,
}

fn read<J: Job>(payload: &str) -> anyhow::Result<J> {
    serde_json::from_str(payload).with_context(|| format!("reading a {} payload", J::KIND))
}

impl Kind {
    /// The entry of job type `J`.
    pub const fn of<J: Job>() -> Kind {
        Kind {
            name: J::KIND,
            run: |ctx, conn, payload| read::<J>(payload)?.run(ctx, conn),
            failed: |conn, payload, error, dead| read::<J>(payload)?.failed(conn, error, dead),
        }
    }

    pub fn run(
        &self,
        ctx: &JobContext<'_>,
        conn: &mut DbConn,
        payload: &str,
    ) -> anyhow::Result<()> {
        (self.run)(ctx, conn, payload)
    }

    pub fn failed(
        &self,
        conn: &mut DbConn,
        payload: &str,
        error: &str,
        dead: bool,
    ) -> anyhow::Result<()> {
        (self.failed)(conn, payload, error, dead)
    }
}
