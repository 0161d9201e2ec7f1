//! Use cases, one function each. A service owns its transaction (`db::write_tx`) and enqueues
//! the emails and jobs it causes inside it.

pub mod accounts;
pub mod applications;
pub mod automation;
pub mod cycle_cache;
pub mod cycles;
pub mod demo;
pub mod documents;
pub mod exams;
pub mod payments;
pub mod staff;
pub mod transitions;
pub mod upgrades;

use crate::config::{Settings, ThrottleSettings};
use crate::domain::branding::Branding;
use crate::domain::Locale;
use chrono::Duration;
use std::sync::{Arc, RwLock};

/// The university's name and colours from the current cycle, shared by the web layer (which
/// refreshes it when it loads a new cycle version) and the services that write emails.
pub type BrandingCell = Arc<RwLock<Option<Arc<Branding>>>>;

/// The name emails are signed with: the university's, from the current cycle, or the
/// configured `institution_name` before any cycle is loaded.
#[derive(Debug, Clone)]
pub struct Institution {
    fallback: String,
    pub branding: BrandingCell,
}

impl Institution {
    /// A name used until (and unless) a cycle gives the university's own.
    pub fn named(fallback: &str) -> Institution {
        Institution {
            fallback: fallback.to_owned(),
            branding: BrandingCell::default(),
        }
    }

    pub fn name(&self, locale: Locale) -> String {
        self.branding
            .read()
            .ok()
            .and_then(|b| {
                b.as_ref()
                    .map(|b| crate::i18n::format::pick(&b.name, locale.code()))
            })
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| self.fallback.clone())
    }
}

/// The settings services need, resolved once at start.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Base of links in emails, without a trailing slash.
    pub public_url: String,
    pub institution: Institution,
    pub privacy_version: String,
    pub session_max: Duration,
    pub throttle: ThrottleSettings,
    pub mail_max_attempts: i32,
    /// Bytes each candidate may have stored in all.
    pub upload_quota_bytes: i64,
    /// The payment gateway fees are paid through; none when online payment is off.
    pub payments: Option<std::sync::Arc<dyn payments::PaymentProvider>>,
    /// A checkout open this long is asked about at its gateway (`payments.sweep_after_minutes`).
    pub payment_sweep_after: chrono::Duration,
    /// Bank transfers to candidates' own account numbers; none when not configured.
    pub transfers: Option<payments::transfers::TransferPlan>,
    /// Published cycle versions, parsed once (pages and services share it).
    pub cycles: Arc<cycle_cache::CycleCache>,
}

impl ServiceConfig {
    pub fn new(settings: &Settings, public_url: String) -> ServiceConfig {
        let institution = Institution::named(&settings.institution_name);
        let branding = institution.branding.clone();
        ServiceConfig {
            public_url: public_url.trim_end_matches('/').to_owned(),
            institution,
            privacy_version: settings.privacy_notice_version.clone(),
            session_max: Duration::hours(settings.session_max_hours),
            throttle: settings.login_throttle.clone(),
            mail_max_attempts: settings.mail.max_attempts,
            upload_quota_bytes: i64::from(settings.storage.quota_mb) * 1024 * 1024,
            payments: None,
            payment_sweep_after: chrono::Duration::minutes(i64::from(
                settings.payments.sweep_after_minutes,
            )),
            transfers: None,
            cycles: Arc::new(cycle_cache::CycleCache::new(branding)),
        }
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url, path)
    }
}
