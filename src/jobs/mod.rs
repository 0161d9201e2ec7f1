//! The worker: claims jobs from the database queue and runs them. Any number of workers (in
//! `serve` or as `admitto worker`) can run against one database; each job runs once at a time,
//! failures are retried with exponential backoff and end in the dead-letter state. Periodic
//! jobs (the hourly maintenance and exam reminders, the payment sweep and the exam seats'
//! upkeep every five minutes, the automation rules' look every minute) are
//! queued with a dedup key per period, so many workers queue each once.
//!
//! Each job kind is one file implementing `kind::Job`, listed once in `KINDS`.

pub mod automation_tick;
pub mod exam_reminders;
pub mod exam_seats;
pub mod kind;
pub mod maintenance;
pub mod rule_firing;
pub mod send_email;
pub mod sweep_payments;

use crate::db::{self, jobs::JobRow, DbConn, Pool};
use crate::notify::Mailer;
use anyhow::Context;
use chrono::Duration;
use kind::{JobContext, Kind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub use kind::{enqueue, Job};

/// Every job kind the worker runs.
pub static KINDS: &[Kind] = &[
    Kind::of::<send_email::SendEmail>(),
    Kind::of::<maintenance::Maintenance>(),
    Kind::of::<sweep_payments::SweepPayments>(),
    Kind::of::<exam_reminders::ExamReminders>(),
    Kind::of::<exam_seats::ExamSeats>(),
    Kind::of::<automation_tick::AutomationTick>(),
    Kind::of::<rule_firing::RuleFiring>(),
];

/// The registry entry for a stored kind name.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// How long a claim lasts without a heartbeat: a job whose worker died (its claim not renewed
/// for this long) is taken over by another worker. Short, so that after a crash the jobs it
/// held go out within a minute; a running job's heartbeat renews its claim every
/// [`heartbeat_interval`], so it is never taken over while it runs.
pub fn lease() -> Duration {
    Duration::seconds(30)
}

/// How often a running job's claim is renewed: a third of the lease.
pub fn heartbeat_interval() -> std::time::Duration {
    std::time::Duration::from_secs(10)
}

/// Renews a running job's claim every `interval` on a thread of its own, until dropped.
pub struct Heartbeat {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Heartbeat {
    pub fn start(
        pool: Pool,
        job: String,
        worker: String,
        interval: std::time::Duration,
    ) -> Heartbeat {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(interval)
            {
                let renewed = pool
                    .get()
                    .map_err(anyhow::Error::from)
                    .and_then(|mut conn| Ok(db::jobs::renew(&mut conn, &job, &worker, db::now())?));
                match renewed {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(job_id = %job, "the job's claim was lost while it ran");
                        return;
                    }
                    Err(e) => {
                        tracing::warn!(job_id = %job, error = %format!("{e:#}"), "renewing a job's claim")
                    }
                }
            }
        });
        Heartbeat {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The runtime a worker's jobs do their network work on, one per worker, with one thread. Shut
/// down without waiting when the worker goes, which may be inside another runtime.
struct JobRuntime(Option<tokio::runtime::Runtime>);

impl Drop for JobRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

#[derive(Clone)]
pub struct Worker {
    pub id: String,
    pool: Pool,
    mailer: Mailer,
    mail_from: String,
    services: Option<crate::services::ServiceConfig>,
    runtime: Arc<JobRuntime>,
}

impl Worker {
    pub fn new(pool: Pool, mailer: Mailer, mail_from: String) -> Worker {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "worker".into());
        Worker {
            id: format!("{host}-{}", &db::new_id()[..8]),
            pool,
            mailer,
            mail_from,
            services: None,
            runtime: Arc::new(JobRuntime(None)),
        }
    }

    /// The worker also runs the jobs that act through the services (the payment sweep), on a
    /// runtime of its own for their network calls.
    pub fn with_services(self, services: crate::services::ServiceConfig) -> anyhow::Result<Worker> {
        // A thread of its own that keeps running between jobs: connections the shared HTTP
        // clients open from here are driven by it, so a request from the web server that later
        // reuses one is not left waiting on an idle runtime.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("admitto-jobs-io")
            .enable_all()
            .build()
            .context("starting the worker's runtime")?;
        Ok(Worker {
            services: Some(services),
            runtime: Arc::new(JobRuntime(Some(runtime))),
            ..self
        })
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
        let heartbeat = Heartbeat::start(
            self.pool.clone(),
            job.id.clone(),
            self.id.clone(),
            heartbeat_interval(),
        );
        let outcome = self.execute(&mut conn, &job);
        drop(heartbeat);
        match outcome {
            Ok(()) => {
                db::jobs::mark_done(&mut conn, &job.id, &self.id, db::now())?;
                tracing::info!("job done");
            }
            Err(error) => {
                let text = format!("{error:#}");
                let dead = db::jobs::mark_failed(&mut conn, &job, &self.id, &text, db::now())?;
                if let Some(kind) = kind(&job.kind) {
                    kind.failed(&mut conn, &job.payload, &text, dead)?;
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
        let kind = kind(&job.kind).with_context(|| format!("unknown job kind {:?}", job.kind))?;
        let ctx = JobContext {
            mailer: &self.mailer,
            mail_from: &self.mail_from,
            pool: &self.pool,
            services: self.services.as_ref(),
            runtime: self.runtime.0.as_ref(),
        };
        kind.run(&ctx, conn, &job.payload)
    }

    /// Queues the periodic jobs for the current period: the maintenance and (with the services)
    /// the exam reminders for this hour and the exam seats' upkeep for these five minutes, and
    /// (with online payment) the payment sweep for these five minutes, each once whatever the
    /// number of workers.
    pub fn schedule_periodic(&self) -> anyhow::Result<()> {
        let mut conn = self.conn()?;
        let now = db::now();
        once(enqueue(
            &mut conn,
            &maintenance::Maintenance::for_hour(now),
            3,
            now,
        ))?;
        if self.services.is_some() {
            once(enqueue(
                &mut conn,
                &exam_reminders::ExamReminders::for_hour(now),
                3,
                now,
            ))?;
            once(enqueue(
                &mut conn,
                &exam_seats::ExamSeats::for_time(now),
                1,
                now,
            ))?;
            once(enqueue(
                &mut conn,
                &automation_tick::AutomationTick::for_time(now),
                1,
                now,
            ))?;
        }
        if self.services.as_ref().is_some_and(|s| s.payments.is_some()) {
            once(enqueue(
                &mut conn,
                &sweep_payments::SweepPayments::for_time(now),
                1,
                now,
            ))?;
        }
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

/// A job (or what it is queued with) queued, or found queued by another worker between the
/// check and the insert: the unique violation of its key is `false`, not an error.
pub fn once(queued: anyhow::Result<bool>) -> anyhow::Result<bool> {
    queued.or_else(|e| match e.downcast_ref::<diesel::result::Error>() {
        Some(db_error) if db::is_unique_violation(db_error) => Ok(false),
        _ => Err(e),
    })
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
