//! Use cases, one function each. A service owns its transaction (`db::write_tx`) and enqueues
//! the emails and jobs it causes inside it.

pub mod accounts;
pub mod applications;
pub mod cycles;
pub mod demo;
pub mod documents;
pub mod staff;

use crate::config::{Settings, ThrottleSettings};
use chrono::Duration;

/// The settings services need, resolved once at start.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Base of links in emails, without a trailing slash.
    pub public_url: String,
    pub institution: String,
    pub privacy_version: String,
    pub session_max: Duration,
    pub throttle: ThrottleSettings,
    pub mail_max_attempts: i32,
}

impl ServiceConfig {
    pub fn new(settings: &Settings, public_url: String) -> ServiceConfig {
        ServiceConfig {
            public_url: public_url.trim_end_matches('/').to_owned(),
            institution: settings.institution_name.clone(),
            privacy_version: settings.privacy_notice_version.clone(),
            session_max: Duration::hours(settings.session_max_hours),
            throttle: settings.login_throttle.clone(),
            mail_max_attempts: settings.mail.max_attempts,
        }
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url, path)
    }
}
