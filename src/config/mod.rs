//! Settings, layered: built-in defaults, then an optional `admitto.toml`, then `ADMITTO_*`
//! environment variables (nested keys joined with `__`, e.g. `ADMITTO_MAIL__BACKEND`), then
//! `DATABASE_URL`. Secrets are `SecretString`, so they never appear in logs or `Debug` output.

pub mod admin;

use crate::domain::Locale;
use anyhow::Context;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address the HTTP server listens on. Port 0 picks a free port (tests).
    pub bind: String,
    /// Directory for the SQLite database, the generated secret key and file-backend mail.
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL, `sqlite://PATH` for SQLite. Default:
    /// `sqlite://<data_dir>/admitto.db`.
    #[serde(serialize_with = "serialize_secret_opt")]
    pub database_url: Option<SecretString>,
    /// Connections in the pool.
    pub database_pool_size: u32,
    /// Threads that hash and check passwords (0: every core but one).
    pub password_hash_threads: usize,
    /// The address people reach the portal at, used in links sent by email. Default:
    /// `http://<bind>`. When it starts with `https://`, cookies are `Secure` and HSTS is sent.
    pub public_url: Option<String>,
    /// Key for signing cookies (at least 32 characters). All instances behind one load balancer
    /// must share it. When unset, one is generated and kept in `<data_dir>/secret.key`.
    #[serde(serialize_with = "serialize_secret_opt")]
    pub secret_key: Option<SecretString>,
    /// Language for visitors whose browser asks for neither Polish nor English.
    pub default_locale: Locale,
    /// Minutes of inactivity after which a session ends.
    pub session_idle_minutes: i64,
    /// Hours after login after which a session ends regardless of activity.
    pub session_max_hours: i64,
    /// Version of the privacy notice candidates accept at registration.
    pub privacy_notice_version: String,
    /// Name shown in the header and in emails until a cycle (with its university name) is
    /// published.
    pub institution_name: String,
    /// `pretty` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// A tracing filter, e.g. `info` or `admitto=debug,actix_web=info`.
    pub log_level: String,
    /// Run the job worker inside `serve`. Turn off when separate `admitto worker`s run.
    pub run_worker: bool,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` (only behind your own proxy).
    pub trust_proxy: bool,
    /// The bearer token `/metrics` asks for. When unset, `/metrics` is off (404): the counts
    /// tell an outsider how busy the portal is and which pages exist.
    #[serde(serialize_with = "serialize_secret_opt")]
    pub metrics_token: Option<SecretString>,
    /// How many proxies of yours stand in front of the portal: the client's address is the
    /// `X-Forwarded-For` entry that many places from the right (what the outermost of them
    /// saw). Entries further left come from the client and are not believed.
    pub proxy_hops: u32,
    /// Demo mode: demo staff accounts and the dev mailbox. Set by `serve --demo` only.
    #[serde(skip)]
    pub demo: bool,
    pub mail: MailSettings,
    pub login_throttle: ThrottleSettings,
    pub storage: StorageSettings,
    pub scan: ScanSettings,
    pub transfers: TransferSettings,
    pub payments: PaymentSettings,
}

/// Online payment of fees.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentSettings {
    /// `przelewy24` or `stripe` takes fees online through that gateway. Unset: no online
    /// payment (the demo uses its sandbox).
    pub provider: Option<String>,
    /// A checkout still open after this many minutes is asked about at its gateway, in case
    /// its notification was lost.
    pub sweep_after_minutes: u32,
    pub przelewy24: Przelewy24Settings,
    pub stripe: StripeSettings,
}

impl Default for PaymentSettings {
    fn default() -> Self {
        PaymentSettings {
            provider: None,
            sweep_after_minutes: 15,
            przelewy24: Przelewy24Settings::default(),
            stripe: StripeSettings::default(),
        }
    }
}

/// The university's Stripe account.
#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StripeSettings {
    pub url: String,
    /// The secret API key (`sk_live_…`, `sk_test_…`).
    pub secret_key: String,
    /// The webhook endpoint's signing secret (`whsec_…`).
    pub webhook_secret: String,
    /// The payment methods offered on the Checkout page.
    pub methods: Vec<String>,
}

impl Default for StripeSettings {
    fn default() -> Self {
        StripeSettings {
            url: "https://api.stripe.com".to_owned(),
            secret_key: String::new(),
            webhook_secret: String::new(),
            methods: vec!["card".into(), "blik".into(), "p24".into()],
        }
    }
}

impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The keys stay out of logs.
        f.debug_struct("StripeSettings")
            .field("url", &self.url)
            .field("methods", &self.methods)
            .finish_non_exhaustive()
    }
}

/// The shop's Przelewy24 account (its panel gives the ids and both keys).
#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Przelewy24Settings {
    /// `https://secure.przelewy24.pl`, or `https://sandbox.przelewy24.pl` to test.
    pub url: String,
    pub merchant_id: Option<i64>,
    /// Defaults to the merchant id.
    pub pos_id: Option<i64>,
    /// The CRC key the `sign` fields are made with.
    pub crc: String,
    /// The API (reports) key, the password of the REST calls.
    pub api_key: String,
}

impl Default for Przelewy24Settings {
    fn default() -> Self {
        Przelewy24Settings {
            url: "https://secure.przelewy24.pl".to_owned(),
            merchant_id: None,
            pos_id: None,
            crc: String::new(),
            api_key: String::new(),
        }
    }
}

impl std::fmt::Debug for Przelewy24Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The keys stay out of logs.
        f.debug_struct("Przelewy24Settings")
            .field("url", &self.url)
            .field("merchant_id", &self.merchant_id)
            .field("pos_id", &self.pos_id)
            .finish_non_exhaustive()
    }
}

/// Fees paid by bank transfer to each candidate's own account number.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TransferSettings {
    /// The bank's 8-digit sort code and the fixed part of the virtual accounts the bank gave
    /// the university (8 to 18 digits, spaces allowed); each candidate's number fills the rest
    /// of the 24 digits after the check digits. Unset: no transfer details are shown (in the
    /// demo a made-up prefix is used).
    pub account_prefix: Option<String>,
    /// Who the transfer is to, as the candidate writes it on the form (name and address).
    pub recipient: Option<String>,
    /// Working days the bank may take to book a transfer, told to candidates.
    pub booking_days: u32,
}

impl Default for TransferSettings {
    fn default() -> Self {
        TransferSettings {
            account_prefix: None,
            recipient: None,
            booking_days: 7,
        }
    }
}

/// Malware scanning of uploads.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScanSettings {
    /// The ClamAV daemon: `tcp://host:port` or `unix:/path/to/clamd.ctl`. Unset: uploads are
    /// not scanned.
    pub clamd: Option<String>,
    /// Seconds to wait for clamd at each step before the upload is refused as unscanned.
    pub timeout_seconds: u64,
}

impl Default for ScanSettings {
    fn default() -> Self {
        ScanSettings {
            clamd: None,
            timeout_seconds: 30,
        }
    }
}

/// Where uploaded documents are kept.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// `local` (a directory) or `s3` (any S3-compatible store).
    pub backend: StorageBackend,
    /// The directory of the local backend. Default: `<data_dir>/files`.
    pub dir: Option<PathBuf>,
    pub s3_bucket: Option<String>,
    pub s3_region: String,
    /// For stores other than AWS, e.g. `https://s3.example.edu` or `http://127.0.0.1:9000`.
    pub s3_endpoint: Option<String>,
    pub s3_access_key_id: Option<String>,
    #[serde(serialize_with = "serialize_secret_opt")]
    pub s3_secret_access_key: Option<SecretString>,
    /// Allow an `http://` endpoint (a store on a trusted network).
    pub s3_allow_http: bool,
    /// Megabytes each candidate may have stored in all (every kept version counts).
    pub quota_mb: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    Local,
    S3,
}

impl Default for StorageSettings {
    fn default() -> Self {
        StorageSettings {
            backend: StorageBackend::Local,
            dir: None,
            s3_bucket: None,
            s3_region: "us-east-1".into(),
            s3_endpoint: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_allow_http: false,
            quota_mb: 200,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// `smtp` (production), `file` (writes .eml files), `memory` (tests).
    pub backend: MailBackend,
    /// The From header of every email.
    pub from: String,
    /// `smtp://user:password@host:port` (STARTTLS required), `smtps://…` (TLS), or
    /// `smtp://host:port?tls=none` for a relay on a trusted network.
    #[serde(serialize_with = "serialize_secret_opt")]
    pub smtp_url: Option<SecretString>,
    /// Where the file backend writes. Default: `<data_dir>/mail`.
    pub file_dir: Option<PathBuf>,
    /// Delivery attempts before a message is given up (dead letter).
    pub max_attempts: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MailBackend {
    Smtp,
    File,
    Memory,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThrottleSettings {
    /// Failed logins for one email address within the window before it is locked.
    pub per_account: i64,
    /// Failed logins from one IP address within the window before it is locked.
    pub per_ip: i64,
    /// Registrations and password-reset requests (each sends an email) from one IP address
    /// within the window; more wait. A computer room behind one address may need more.
    pub mail_per_ip: i64,
    pub window_minutes: i64,
}

fn serialize_secret_opt<S: serde::Serializer>(
    value: &Option<SecretString>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(v.expose_secret()),
        None => s.serialize_none(),
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./var"),
            database_url: None,
            database_pool_size: 10,
            password_hash_threads: 0,
            public_url: None,
            secret_key: None,
            default_locale: Locale::Pl,
            session_idle_minutes: 60,
            session_max_hours: 12,
            privacy_notice_version: "2026-11".into(),
            institution_name: "Admitto".into(),
            log_format: LogFormat::Pretty,
            log_level: "info".into(),
            run_worker: true,
            trust_proxy: false,
            metrics_token: None,
            proxy_hops: 1,
            demo: false,
            mail: MailSettings {
                backend: MailBackend::File,
                from: "Admitto <no-reply@admitto.localhost>".into(),
                smtp_url: None,
                file_dir: None,
                max_attempts: 8,
            },
            login_throttle: ThrottleSettings {
                per_account: 5,
                per_ip: 50,
                mail_per_ip: 30,
                window_minutes: 15,
            },
            storage: StorageSettings::default(),
            scan: ScanSettings::default(),
            transfers: TransferSettings::default(),
            payments: PaymentSettings::default(),
        }
    }
}

impl Settings {
    /// Loads defaults, then `config_file` if it exists, then the environment.
    pub fn load(config_file: &Path) -> anyhow::Result<Settings> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if config_file.exists() {
            figment = figment.merge(Toml::file(config_file));
        }
        figment = figment.merge(Env::prefixed("ADMITTO_").split("__"));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            figment = figment.merge(Serialized::default("database_url", url));
        }
        figment.extract().with_context(|| {
            format!(
                "reading settings ({} and ADMITTO_* variables)",
                config_file.display()
            )
        })
    }

    /// The database URL in force (the SQLite file under the data dir by default).
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose_secret().to_owned(),
            None => format!("sqlite://{}", self.data_dir.join("admitto.db").display()),
        }
    }

    pub fn mail_file_dir(&self) -> PathBuf {
        self.mail
            .file_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("mail"))
    }

    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let settings = Settings {
            secret_key: Some(SecretString::from("super-secret-signing-key-000000000")),
            ..Settings::default()
        };
        let shown = format!("{settings:?}");
        assert!(!shown.contains("super-secret"), "{shown}");
    }

    #[test]
    fn the_default_database_is_sqlite_in_the_data_dir() {
        let settings = Settings::default();
        assert_eq!(settings.database_url(), "sqlite://./var/admitto.db");
    }
}
