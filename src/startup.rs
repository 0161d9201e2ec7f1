//! Building and running the application: settings in, a bound server (and worker) out.

use crate::auth::HashPool;
use crate::config::Settings;
use crate::db::{self, Backend, Pool};
use crate::jobs::{Worker, WorkerHandle};
use crate::notify::Mailer;
use crate::routes;
use crate::services::ServiceConfig;
use crate::web::{
    csrf, error_pages, flash, metrics::Metrics, observe, session, AppError, AppState,
};
use actix_web::dev::Server;
use actix_web::http::header;
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web as aw, App, HttpResponse, HttpServer};
use anyhow::Context;
use secrecy::SecretString;
use std::net::TcpListener;
use std::path::Path;

pub struct Application {
    state: aw::Data<AppState>,
    port: u16,
    public_url: String,
    server: Server,
    worker: Option<WorkerHandle>,
    pub mailer: Mailer,
    pub pool: Pool,
    pub services: ServiceConfig,
    pub hashes: HashPool,
}

/// Content-Security-Policy: no inline script or style, nothing from other origins, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The services' settings: links built on `public_url`, the payment gateway and the bank
/// transfer plan the settings choose.
pub fn service_config(settings: &Settings, public_url: &str) -> anyhow::Result<ServiceConfig> {
    let secret = secret_key(settings)?;
    let mut services = ServiceConfig::new(settings, public_url.to_owned());
    services.payments = {
        use secrecy::ExposeSecret;
        crate::services::payments::provider_for(
            &settings.payments,
            settings.demo,
            secret.expose_secret(),
        )?
    };
    services.transfers = crate::services::payments::transfers::TransferPlan::from_settings(
        &settings.transfers,
        settings.demo,
    )?;
    Ok(services)
}

impl Application {
    /// Prepares the data directory and database (running migrations), binds the listener and
    /// starts the in-process worker when configured. Nothing is served until `run_until_stopped`.
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "creating the data directory {}",
                settings.data_dir.display()
            )
        })?;
        let secret = secret_key(&settings)?;
        let cookie_key = {
            use secrecy::ExposeSecret;
            actix_web::cookie::Key::derive_from(secret.expose_secret().as_bytes())
        };
        let url = settings.database_url();
        let backend = Backend::of_url(&url);
        let pool = db::build_pool(&url, settings.database_pool_size)?;
        {
            let mut conn = pool.get().context("connecting to the database")?;
            let applied = db::run_migrations(&mut conn)?;
            crate::services::upgrades::run(&mut conn)?;
            // Loads the numbering plans now rather than at the first candidate's save.
            let _ = crate::domain::values::Phone::parse("+48 600 100 200", None);
            tracing::info!(backend = backend.name(), applied, "database ready");
        }
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("binding {}", settings.bind))?;
        let address = listener.local_addr()?;
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{address}"));
        if settings.payments.provider.is_some() && settings.public_url.is_none() {
            tracing::warn!(
                notify = %format!("{public_url}/payments/notify/…"),
                "payments.provider is set without public_url: the gateway is given this address for its notifications, which it may not reach"
            );
        }
        let services = service_config(&settings, &public_url)?;
        let mailer = Mailer::from_settings(&settings)?;
        let worker = if settings.run_worker {
            let worker = Worker::new(pool.clone(), mailer.clone(), settings.mail.from.clone())
                .with_services(services.clone())?;
            Some(WorkerHandle::spawn(worker)?)
        } else {
            None
        };
        let hashes = HashPool::new(match settings.password_hash_threads {
            0 => HashPool::default_threads(),
            n => n,
        })?;
        let demo = settings.demo;
        let hsts = settings.is_https();
        let state = aw::Data::new(AppState {
            pool: pool.clone(),
            backend,
            services: services.clone(),
            cookie_key,
            hashes: hashes.clone(),
            metrics: Metrics::new()?,
            cycles: services.cycles.clone(),
            storage: crate::storage::Storage::from_settings(&settings)?,
            previews: tokio::sync::Semaphore::new(2),
            scanner: settings
                .scan
                .clamd
                .as_deref()
                .map(|address| {
                    crate::scan::Scanner::new(
                        address,
                        std::time::Duration::from_secs(settings.scan.timeout_seconds),
                    )
                })
                .transpose()?,
            settings,
        });
        let state_for_app = state.clone();
        let server = HttpServer::new(move || {
            let mut headers = DefaultHeaders::new()
                .add((header::CONTENT_SECURITY_POLICY, CSP))
                .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .add((header::X_FRAME_OPTIONS, "DENY"))
                .add((header::REFERRER_POLICY, "same-origin"))
                .add((
                    "Permissions-Policy",
                    "camera=(), microphone=(), geolocation=()",
                ))
                .add(("Cross-Origin-Opener-Policy", "same-origin"))
                .add((header::CACHE_CONTROL, "no-store"));
            if hsts {
                headers = headers.add((
                    header::STRICT_TRANSPORT_SECURITY,
                    "max-age=31536000; includeSubDomains",
                ));
            }
            App::new()
                .app_data(state.clone())
                .app_data(aw::PayloadConfig::new(csrf::FORM_LIMIT))
                .app_data(
                    aw::QueryConfig::default().error_handler(|_, _| AppError::BadRequest.into()),
                )
                .app_data(aw::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
                // Health, metrics and static files are served without a session.
                .configure(routes::configure_sessionless)
                .service(
                    aw::scope("")
                        .configure(|cfg| routes::configure(cfg, demo))
                        .default_service(aw::to(not_found))
                        // Layers run outside in, from the last `wrap` to the first.
                        .wrap(from_fn(csrf::ensure_token))
                        .wrap(from_fn(flash::carry))
                        .wrap(from_fn(session::resolve_user))
                        .wrap(session::middleware(&state)),
                )
                .wrap(from_fn(error_pages::error_pages))
                .wrap(headers)
                .wrap(from_fn(observe::observe))
        })
        .listen(listener)?
        .run();
        Ok(Application {
            state: state_for_app,
            port: address.port(),
            public_url,
            server,
            worker,
            mailer,
            pool,
            services,
            hashes,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Serves until the server is stopped (SIGINT/SIGTERM), then stops the worker.
    pub async fn run_until_stopped(mut self) -> std::io::Result<()> {
        // Loaded now so that the first page already carries the university's name.
        if let Err(e) = self.state.cycle().await {
            tracing::warn!(error = %e, "loading the current cycle at start");
        }
        let result = self.server.await;
        if let Some(mut worker) = self.worker.take() {
            worker.stop();
        }
        result
    }
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// The configured key, or one generated once and kept in the data directory.
fn secret_key(settings: &Settings) -> anyhow::Result<SecretString> {
    use secrecy::ExposeSecret;
    if let Some(key) = &settings.secret_key {
        anyhow::ensure!(
            key.expose_secret().len() >= 32,
            "ADMITTO_SECRET_KEY must be at least 32 characters"
        );
        return Ok(key.clone());
    }
    let path = settings.data_dir.join("secret.key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_owned();
        if existing.len() >= 32 {
            return Ok(SecretString::from(existing));
        }
    }
    let key = format!("{}{}", crate::auth::new_token(), crate::auth::new_token());
    write_private(&path, &key)?;
    Ok(SecretString::from(key))
}

fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}
