//! The database: one connection type over SQLite and PostgreSQL, the r2d2 pool that hands it
//! out, embedded migrations per backend, and the repository functions. Everything that differs
//! between the two backends lives in this module.

pub mod applications;
pub mod audit;
pub mod automation;
pub mod cycles;
pub mod documents;
pub mod exams;
pub mod jobs;
pub mod outbox;
pub mod payments;
pub mod refunds;
pub mod schema;
pub mod sessions;
pub mod stats;
pub mod throttle;
pub mod tokens;
pub mod transfers;
pub mod upgrades;
pub mod users;

use anyhow::Context;
use chrono::{NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever backend `DATABASE_URL` names.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConn = r2d2::PooledConnection<ConnectionManager>;

/// Which backend a URL names. SQLite accepts any string as a path, so the scheme decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Opens a PostgreSQL connection. libpq uses OpenSSL, which by default registers a clean-up to
/// run when the process exits; threads still holding connections (the pool's, the workers')
/// then crash inside freed OpenSSL state. OpenSSL is therefore initialised here, before libpq
/// first touches it, with that clean-up switched off: the operating system frees it all anyway.
pub fn connect_postgres(url: &str) -> Result<diesel::PgConnection, diesel::ConnectionError> {
    openssl_sys::init();
    diesel::PgConnection::establish(url)
}

/// Strips the `sqlite://` or `sqlite:` scheme, leaving the file path SQLite expects.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: String,
    backend: Backend,
}

impl ConnectionManager {
    pub fn new(url: &str) -> Self {
        ConnectionManager {
            url: url.to_owned(),
            backend: Backend::of_url(url),
        }
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = diesel::ConnectionError;

    fn connect(&self) -> Result<DbConn, diesel::ConnectionError> {
        match self.backend {
            Backend::Postgres => connect_postgres(&self.url).map(DbConn::Pg),
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(sqlite_path(&self.url))?;
                // WAL lets readers run beside the one writer; the busy timeout makes a second
                // writer wait instead of failing at once.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), diesel::ConnectionError> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

/// Builds the pool. For SQLite, first switches the file to WAL mode (a persistent setting that
/// needs the file to itself, so it is done once here rather than by each pooled connection).
pub fn build_pool(url: &str, max_size: u32) -> anyhow::Result<Pool> {
    if Backend::of_url(url) == Backend::Sqlite {
        let path = sqlite_path(url);
        let mut conn = diesel::SqliteConnection::establish(path)
            .with_context(|| format!("opening the SQLite database {path}"))?;
        conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
            .context("switching SQLite to WAL mode")?;
    }
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(std::time::Duration::from_secs(10))
        .build(ConnectionManager::new(url))
        .with_context(|| format!("connecting to the {} database", Backend::of_url(url).name()))
}

/// The pool seen from async code: runs blocking database work on the runtime's blocking threads
/// with a pooled connection, returned as soon as `f` ends. A use case that waits for something
/// else between its queries (a password check) calls it once per query, so no connection is
/// held while it waits.
#[derive(Clone)]
pub struct Db(pub Pool);

impl Db {
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<anyhow::Error> + Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    {
        let pool = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool
                .get()
                .map_err(|e| E::from(anyhow::anyhow!("database pool: {e}")))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| E::from(anyhow::anyhow!("blocking task failed: {e}")))?
    }
}

/// Runs every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut DbConn) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConn::Pg(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    };
    applied.map_err(|e| anyhow::anyhow!("running database migrations: {e}"))
}

pub fn backend_of(conn: &DbConn) -> Backend {
    match conn {
        DbConn::Sqlite(_) => Backend::Sqlite,
        DbConn::Pg(_) => Backend::Postgres,
    }
}

/// Runs `f` in a write transaction. On SQLite the transaction is `BEGIN IMMEDIATE`, so it takes
/// the write lock up front: a deferred transaction that read first would fail with
/// `SQLITE_BUSY` instead of waiting when another writer committed in between. Do not nest:
/// functions called inside take the connection and open no transaction of their own.
pub fn write_tx<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Pg(_) => conn.transaction(f),
        DbConn::Sqlite(_) => {
            conn.batch_execute("BEGIN IMMEDIATE")?;
            match f(conn) {
                Ok(value) => {
                    if let Err(e) = conn.batch_execute("COMMIT") {
                        // A failed COMMIT leaves the transaction open; close it so the pooled
                        // connection is usable again.
                        let _ = conn.batch_execute("ROLLBACK");
                        return Err(e.into());
                    }
                    Ok(value)
                }
                Err(e) => {
                    let _ = conn.batch_execute("ROLLBACK");
                    Err(e)
                }
            }
        }
    }
}

/// Runs `f` inside the caller's [`write_tx`] so that a unique violation it meets can be
/// recovered from: on PostgreSQL in a savepoint (the violation would otherwise abort the whole
/// transaction); on SQLite directly, where the write lock is held from the start and a check
/// before the insert cannot be raced.
pub fn savepoint<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Pg(_) => conn.transaction(f),
        DbConn::Sqlite(_) => f(conn),
    }
}

/// The current time as stored: UTC, microsecond precision (PostgreSQL keeps no more, so a value
/// read back compares equal to the one written).
pub fn now() -> NaiveDateTime {
    let t = Utc::now().naive_utc();
    let micros = t.and_utc().timestamp_micros();
    chrono::DateTime::from_timestamp_micros(micros)
        .map(|d| d.naive_utc())
        .unwrap_or(t)
}

/// A fresh identifier for a row.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// True when the error is a unique-constraint violation (same meaning on both backends).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
