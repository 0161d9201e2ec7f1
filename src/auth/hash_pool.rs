//! Threads of their own for password hashing. An argon2 check takes tens of milliseconds of CPU
//! and 19 MiB, so it runs here: never while a database connection is held (a burst of logins
//! would otherwise take the database pool from every other request), and at most `threads` at
//! once (the rest wait in a queue), so logins cannot take every core either.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{mpsc, oneshot};

type Job = Box<dyn FnOnce() + Send>;

/// How many checks may wait for a thread before callers wait to queue theirs.
const QUEUE: usize = 1024;

#[derive(Clone)]
pub struct HashPool {
    jobs: mpsc::Sender<Job>,
}

impl HashPool {
    /// Starts `threads` hashing threads (at least one). They end when the last handle is dropped.
    pub fn new(threads: usize) -> anyhow::Result<HashPool> {
        let (jobs, queue) = mpsc::channel::<Job>(QUEUE);
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..threads.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || loop {
                    // One thread waits at the queue at a time; the others wait for the lock.
                    let job = queue
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .blocking_recv();
                    let Some(job) = job else { break };
                    // A panicking job loses its answer (its caller gets an error), not the thread.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
                })?;
        }
        Ok(HashPool { jobs })
    }

    /// The default size: every core but one (at least one), so pages keep a core during a burst
    /// of logins.
    pub fn default_threads() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
    }

    /// Runs `f` on a hashing thread and waits for its result.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let (answer, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = answer.send(f());
        });
        self.jobs
            .send(job)
            .await
            .map_err(|_| anyhow::anyhow!("the password hashing threads have stopped"))?;
        result
            .await
            .map_err(|_| anyhow::anyhow!("a password hashing job failed"))
    }

    /// [`super::password::hash`] on a hashing thread.
    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        self.run(move || super::password::hash(&password)).await?
    }

    /// [`super::password::verify`] on a hashing thread.
    pub async fn verify(&self, password: String, stored: String) -> anyhow::Result<bool> {
        self.run(move || super::password::verify(&password, &stored))
            .await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn checks_run_on_the_pool_and_a_panic_does_not_lose_a_thread() -> anyhow::Result<()> {
        let pool = HashPool::new(1)?;
        let stored = pool.hash("correct horse battery".into()).await?;
        assert!(
            pool.verify("correct horse battery".into(), stored.clone())
                .await?
        );
        assert!(!pool.verify("wrong".into(), stored).await?);
        let name = pool
            .run(|| std::thread::current().name().map(str::to_owned))
            .await?;
        assert_eq!(name.as_deref(), Some("password-hash-0"));
        assert!(pool.run(|| panic!("a broken job")).await.is_err());
        assert_eq!(pool.run(|| 2 + 2).await?, 4, "the thread survived");
        Ok(())
    }
}
