//! The worker: claims jobs from the database queue and runs them. Any number of workers (in
//! `serve` or as `admitto worker`) can run against one database; each job runs once at a time,
//! failures are retried with exponential backoff and end in the dead-letter state. A periodic
//! maintenance job is queued with an hourly dedup key, so many workers queue it once.

use crate::db::{self, jobs::JobRow, jobs::NewJob, DbConn, Pool};
use crate::notify::emails::{SendEmailPayload, SEND_EMAIL_JOB};
use crate::notify::Mailer;
use anyhow::Context;
use chrono::Duration;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub const MAINTENANCE_JOB: &str = "maintenance";

/// How long a claimed job may run before another worker may take it over.
pub fn lease() -> Duration {
    Duration::minutes(5)
}

#[derive(Clone)]
pub struct Worker {
    pub id: String,
    pool: Pool,
    mailer: Mailer,
    mail_from: String,
}

impl Worker {
    pub fn new(pool: Pool, mailer: Mailer, mail_from: String) -> Worker {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "worker".into());
        Worker {
            id: format!("{host}-{}", &db::new_id()[..8]),
            pool,
            mailer,
            mail_from,
        }
    }

    fn conn(&self) -> anyhow::Result<db::PooledConn> {
        self.pool
            .get()
            .context("getting a database connection for the worker")
    }

    /// Claims and runs one job. Returns false when no job was ready.
    pub fn run_one(&self) -> anyhow::Result<bool> {
        let mut conn = self.conn()?;
        let Some(job) = db::jobs::claim_next(&mut conn, &self.id, db::now(), lease())? else {
            return Ok(false);
        };
        let span =
            tracing::info_span!("job", job_id = %job.id, kind = %job.kind, attempt = job.attempts);
        let _entered = span.enter();
        match self.execute(&mut conn, &job) {
            Ok(()) => {
                db::jobs::mark_done(&mut conn, &job.id, &self.id, db::now())?;
                tracing::info!("job done");
            }
            Err(error) => {
                let text = format!("{error:#}");
                let dead = db::jobs::mark_failed(&mut conn, &job, &self.id, &text, db::now())?;
                if job.kind == SEND_EMAIL_JOB {
                    if let Ok(payload) = serde_json::from_str::<SendEmailPayload>(&job.payload) {
                        db::outbox::mark_attempt_failed(
                            &mut conn,
                            &payload.outbox_id,
                            &text,
                            dead,
                            db::now(),
                        )?;
                    }
                }
                if dead {
                    tracing::error!(error = %text, "job failed for the last time; moved to dead letters");
                } else {
                    tracing::warn!(error = %text, "job failed; will retry");
                }
            }
        }
        Ok(true)
    }

    /// Runs jobs until none is ready (tests, and `admitto worker --once`).
    pub fn run_until_idle(&self) -> anyhow::Result<usize> {
        let mut count = 0;
        while self.run_one()? {
            count += 1;
        }
        Ok(count)
    }

    fn execute(&self, conn: &mut DbConn, job: &JobRow) -> anyhow::Result<()> {
        match job.kind.as_str() {
            SEND_EMAIL_JOB => {
                let payload: SendEmailPayload =
                    serde_json::from_str(&job.payload).context("reading the job payload")?;
                let message = db::outbox::find(conn, &payload.outbox_id)?
                    .with_context(|| format!("outbox message {} is gone", payload.outbox_id))?;
                // Already delivered by an earlier attempt whose completion was not recorded.
                if message.sent_at.is_some() {
                    return Ok(());
                }
                self.mailer.send(&self.mail_from, &message)?;
                db::outbox::mark_sent(conn, &message.id, db::now())?;
                Ok(())
            }
            MAINTENANCE_JOB => {
                let now = db::now();
                let sessions = db::sessions::delete_dead(conn, now)?;
                let failures = db::throttle::delete_older_than(conn, now - Duration::days(1))?;
                tracing::info!(sessions, failures, "maintenance done");
                Ok(())
            }
            other => anyhow::bail!("unknown job kind {other:?}"),
        }
    }

    /// Queues the periodic maintenance job for the current hour (once, whatever the number of
    /// workers).
    pub fn schedule_periodic(&self) -> anyhow::Result<()> {
        let mut conn = self.conn()?;
        let now = db::now();
        let key = format!("maintenance:{}", now.format("%Y%m%d%H"));
        db::jobs::enqueue(
            &mut conn,
            &NewJob {
                kind: MAINTENANCE_JOB,
                payload: "{}",
                dedup_key: Some(&key),
                priority: 0,
                max_attempts: 3,
                run_after: now,
            },
            now,
        )
        .or_else(|e| {
            if db::is_unique_violation(&e) {
                Ok(false)
            } else {
                Err(e)
            }
        })?;
        Ok(())
    }

    /// Polls until `stop` is set. Errors are logged and retried; the worker never gives up.
    pub fn run_until_stopped(&self, stop: &AtomicBool) {
        let mut last_schedule: Option<std::time::Instant> = None;
        while !stop.load(Ordering::Relaxed) {
            if last_schedule.is_none_or(|t| t.elapsed() > std::time::Duration::from_secs(60)) {
                if let Err(e) = self.schedule_periodic() {
                    tracing::warn!(error = %format!("{e:#}"), "could not queue periodic jobs");
                }
                last_schedule = Some(std::time::Instant::now());
            }
            match self.run_one() {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::error!(error = %format!("{e:#}"), "worker error"),
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
    }
}

/// A worker thread inside `serve`, stopped when the handle is dropped or `stop` is called.
pub struct WorkerHandle {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl WorkerHandle {
    pub fn spawn(worker: Worker) -> anyhow::Result<WorkerHandle> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("admitto-worker".into())
            .spawn(move || worker.run_until_stopped(&flag))
            .context("starting the worker thread")?;
        Ok(WorkerHandle {
            stop,
            thread: Some(thread),
        })
    }

    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.stop();
    }
}
