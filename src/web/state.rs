//! The application state every handler may use, shared by all workers of one app instance.

use super::error::AppError;
use crate::config::Settings;
use crate::db::{Backend, DbConn, Pool};
pub use crate::services::cycle_cache::CurrentCycle;
use crate::services::cycle_cache::CycleCache;
use crate::services::ServiceConfig;

/// Everything a handler may need, shared by all workers of one app instance.
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub settings: Settings,
    pub services: ServiceConfig,
    /// Encrypts and authenticates the session cookie (derived from the secret key, so every
    /// instance with the same key reads the others' cookies).
    pub cookie_key: actix_web::cookie::Key,
    /// Where passwords are hashed and checked.
    pub hashes: crate::auth::HashPool,
    pub metrics: super::metrics::Metrics,
    /// Uploaded files.
    pub storage: crate::storage::Storage,
    /// The malware scanner uploads go through, when one is configured.
    pub scanner: Option<crate::scan::Scanner>,
    /// Previews being made at once (each may hold a large decoded image).
    pub previews: tokio::sync::Semaphore,
    /// Cycle versions parsed and compiled once (`services::cycle_cache`).
    pub cycles: std::sync::Arc<CycleCache>,
}

impl AppState {
    /// Runs blocking database work on the blocking threads with a pooled connection.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    {
        self.database().run(f).await
    }

    /// The pool for services that run several queries with waits between them.
    pub fn database(&self) -> crate::db::Db {
        crate::db::Db(self.pool.clone())
    }

    /// The current published cycle (None when nothing is published).
    pub async fn cycle(&self) -> Result<Option<std::sync::Arc<CurrentCycle>>, AppError> {
        let cycles = self.cycles.clone();
        self.db(move |conn| cycles.current(conn).map_err(AppError::from))
            .await
    }

    /// The published version `id` (the one an application started on).
    pub async fn cycle_version(&self, id: &str) -> Result<std::sync::Arc<CurrentCycle>, AppError> {
        // Most pages name versions already loaded: they need no trip to the pool.
        if let Some(cached) = self.cycles.cached_version(id) {
            return Ok(cached);
        }
        let (cycles, id) = (self.cycles.clone(), id.to_owned());
        self.db(move |conn| cycles.version(conn, &id).map_err(AppError::from))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The university's name and colours as last loaded with the cycle (None before the first
    /// load, or when no cycle is published).
    pub fn branding(&self) -> Option<std::sync::Arc<crate::domain::branding::Branding>> {
        self.services
            .institution
            .branding
            .read()
            .ok()
            .and_then(|b| b.clone())
    }

    pub fn cookie_secure(&self) -> bool {
        self.settings.is_https()
    }
}

/// The client's IP address: the peer address, or the `X-Forwarded-For` entry the outermost
/// trusted proxy added (`proxy_hops` from the right) when the operator said the portal sits
/// behind proxies.
pub fn client_ip(req: &actix_web::HttpRequest, settings: &crate::config::Settings) -> String {
    let peer = || req.peer_addr().map(|a| a.ip().to_string());
    let forwarded = settings
        .trust_proxy
        .then(|| forwarded_client(req, settings.proxy_hops))
        .flatten();
    forwarded
        .or_else(peer)
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The `X-Forwarded-For` entry `hops` places from the right, over every such header in order:
/// each proxy appends the address it saw, so the client can forge entries on the left only.
/// With fewer entries than hops, the leftmost (the request came through fewer proxies).
fn forwarded_client(req: &actix_web::HttpRequest, hops: u32) -> Option<String> {
    let entries: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let from_right = usize::try_from(hops.max(1)).unwrap_or(usize::MAX);
    let at = entries.len().saturating_sub(from_right);
    entries.get(at).map(|e| (*e).to_owned())
}
