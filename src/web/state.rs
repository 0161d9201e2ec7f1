//! The application state every handler may use, shared by all workers of one app instance.

use super::error::AppError;
use crate::config::Settings;
use crate::db::{Backend, DbConn, Pool};
use crate::services::ServiceConfig;
use actix_web::web;

/// Everything a handler may need, shared by all workers of one app instance.
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub settings: Settings,
    pub services: ServiceConfig,
    pub signing_key: crate::auth::SigningKey,
    pub metrics: super::metrics::Metrics,
    /// Uploaded files.
    pub storage: crate::storage::Storage,
    /// The malware scanner uploads go through, when one is configured.
    pub scanner: Option<crate::scan::Scanner>,
    /// Previews being made at once (each may hold a large decoded image).
    pub previews: tokio::sync::Semaphore,
    /// The current published admission cycle, parsed and compiled once per version.
    pub cycle_cache: std::sync::RwLock<Option<std::sync::Arc<CurrentCycle>>>,
    /// Versions applications started on, by id (published versions never change).
    pub version_cache:
        std::sync::RwLock<std::collections::HashMap<String, std::sync::Arc<CurrentCycle>>>,
}

/// A published cycle version ready for evaluation.
pub struct CurrentCycle {
    pub version_id: String,
    pub cycle_code: String,
    pub version: i32,
    pub definition: crate::domain::cycle::Definition,
    pub compiled: crate::domain::cycle::evaluate::Compiled,
}

impl AppState {
    /// Runs blocking database work on actix's blocking thread pool with a pooled connection.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool
                .get()
                .map_err(|e| AppError::Unexpected(anyhow::anyhow!("database pool: {e}")))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("blocking task failed: {e}")))?
    }

    /// The current published cycle. One cheap query finds which version is current; the
    /// definition is parsed and its expressions compiled only when that version changes.
    pub async fn cycle(&self) -> Result<Option<std::sync::Arc<CurrentCycle>>, AppError> {
        let current_id = self
            .db(|conn| crate::db::cycles::current_published_id(conn).map_err(AppError::from))
            .await?;
        let Some(current_id) = current_id else {
            return Ok(None);
        };
        if let Ok(cache) = self.cycle_cache.read() {
            if let Some(cached) = cache.as_ref().filter(|c| c.version_id == current_id) {
                return Ok(Some(cached.clone()));
            }
        }
        let loaded = self
            .db(|conn| crate::services::cycles::current(conn).map_err(AppError::from))
            .await?;
        let Some((row, definition)) = loaded else {
            return Ok(None);
        };
        let compiled = crate::domain::cycle::evaluate::Compiled::new(&definition);
        let current = std::sync::Arc::new(CurrentCycle {
            version_id: row.id,
            cycle_code: row.cycle_code,
            version: row.version,
            definition,
            compiled,
        });
        if let Ok(mut cache) = self.cycle_cache.write() {
            *cache = Some(current.clone());
        }
        if let Ok(mut branding) = self.services.institution.branding.write() {
            *branding = Some(std::sync::Arc::new(crate::domain::branding::Branding::of(
                &current.definition,
            )));
        }
        if let Ok(mut versions) = self.version_cache.write() {
            versions.insert(current.version_id.clone(), current.clone());
        }
        Ok(Some(current))
    }

    /// The published version `id` (the one an application started on), parsed and compiled
    /// once.
    pub async fn cycle_version(&self, id: &str) -> Result<std::sync::Arc<CurrentCycle>, AppError> {
        if let Ok(cache) = self.version_cache.read() {
            if let Some(cached) = cache.get(id) {
                return Ok(cached.clone());
            }
        }
        let owned_id = id.to_owned();
        let loaded = self
            .db(move |conn| {
                crate::services::cycles::version(conn, &owned_id).map_err(AppError::from)
            })
            .await?;
        let (row, definition) = loaded.ok_or(AppError::NotFound)?;
        let compiled = crate::domain::cycle::evaluate::Compiled::new(&definition);
        let version = std::sync::Arc::new(CurrentCycle {
            version_id: row.id.clone(),
            cycle_code: row.cycle_code,
            version: row.version,
            definition,
            compiled,
        });
        if let Ok(mut cache) = self.version_cache.write() {
            cache.insert(row.id, version.clone());
        }
        Ok(version)
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

/// The client's IP address: the peer address, or the first `X-Forwarded-For` hop when the
/// operator said the portal sits behind a trusted proxy.
pub fn client_ip(req: &actix_web::HttpRequest, trust_proxy: bool) -> String {
    let info = req.connection_info();
    let ip = if trust_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    ip.unwrap_or("unknown").to_owned()
}
