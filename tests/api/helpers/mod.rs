//! The test harness: `spawn_app()` starts the portal with a fresh database (SQLite in a
//! temporary directory, or a new PostgreSQL database when `TEST_POSTGRES_URL` names a server),
//! a random port and the in-memory mail backend, and returns a client that behaves like a
//! browser (cookie jar, no automatic redirects, CSRF token taken from the page).

#![allow(dead_code)]

pub mod exams;
pub mod files;
pub mod journey;
pub mod payments;

use admitto::config::{MailBackend, Settings};
use admitto::db::{self, DbConn, Pool};
use admitto::jobs::Worker;
use admitto::notify::{MemoryMailbox, SentEmail};
use admitto::startup::Application;
use diesel::connection::SimpleConnection;
use reqwest::StatusCode;
use secrecy::SecretString;

pub const PASSWORD: &str = "correct horse battery staple";

/// Set by CI: tests that need an outside service fail instead of skipping when it is missing.
pub fn services_required() -> bool {
    std::env::var("TEST_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// A PostgreSQL database created for one test and dropped after it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl PgDatabase {
    fn create(admin_url: &str) -> (PgDatabase, String) {
        let name = format!("admitto_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = db::connect_postgres(admin_url).expect("connecting to TEST_POSTGRES_URL");
        conn.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("creating the test database");
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("TEST_POSTGRES_URL needs a database name");
        let url = format!("{base}/{name}");
        (
            PgDatabase {
                admin_url: admin_url.to_owned(),
                name,
            },
            url,
        )
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = db::connect_postgres(&self.admin_url) {
            let _ = conn.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub pool: Pool,
    pub mailbox: MemoryMailbox,
    pub worker: Worker,
    pub services: admitto::services::ServiceConfig,
    /// What the app was started with (a second instance starts with the same).
    pub settings: Settings,
    /// The app's password hashing threads.
    pub hashes: admitto::auth::HashPool,
    // Dropped after the fields above (declaration order): the server's pool first, then the data.
    _pg: Option<PgDatabase>,
    pub data_dir: tempfile::TempDir,
}

/// The `/metrics` token of test apps.
pub const METRICS_TOKEN: &str = "test-metrics-token";

pub fn test_settings(data_dir: &std::path::Path) -> Settings {
    let defaults = Settings::default();
    Settings {
        bind: "127.0.0.1:0".into(),
        data_dir: data_dir.to_path_buf(),
        database_pool_size: 4,
        secret_key: Some(SecretString::from(
            "test-secret-key-that-is-long-enough-0123456789",
        )),
        mail: admitto::config::MailSettings {
            backend: MailBackend::Memory,
            ..defaults.mail.clone()
        },
        // Tests deliver mail explicitly with `dispatch_jobs`, so nothing races them.
        run_worker: false,
        demo: true,
        institution_name: "Uniwersytet Testowy".into(),
        metrics_token: Some(SecretString::from(METRICS_TOKEN)),
        ..defaults
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(customise: impl FnOnce(&mut Settings)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        admitto::telemetry::init(admitto::config::LogFormat::Pretty, "info");
    }
    let data_dir = tempfile::tempdir().expect("creating a temporary data directory");
    let mut settings = test_settings(data_dir.path());
    let pg = match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let (db, url) = PgDatabase::create(&admin_url);
            settings.database_url = Some(SecretString::from(url));
            Some(db)
        }
        _ => None,
    };
    customise(&mut settings);
    let mail_from = settings.mail.from.clone();
    let app = Application::build(settings.clone()).expect("building the application");
    let address = format!("http://127.0.0.1:{}", app.port());
    let pool = app.pool.clone();
    let mailer = app.mailer.clone();
    let mailbox = mailer.memory_mailbox().cloned().unwrap_or_default();
    let services = app.services.clone();
    let hashes = app.hashes.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: new_client(),
        worker: Worker::new(pool.clone(), mailer, mail_from)
            .with_services(services.clone())
            .expect("the worker's runtime"),
        pool,
        mailbox,
        services,
        settings,
        hashes,
        _pg: pg,
        data_dir,
    }
}

/// A fresh "browser": its own cookie jar, redirects not followed (tests look at them).
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("building an HTTP client")
}

/// A client without a cookie jar, for requests that set their `Cookie` header by hand.
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("building an HTTP client")
}

/// The value of `<input ... name="NAME" value="...">` in a page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(
        html[start..end]
            .replace("&#43;", "+")
            .replace("&#61;", "=")
            .replace("&#x2b;", "+"),
    )
}

/// What a browser sends when the form posting to `action` is submitted untouched: every named
/// input, checked box, selected option and textarea, in document order. As in a browser,
/// single-line inputs cannot hold line breaks (they are stripped) and textareas send theirs as
/// CRLF.
pub fn form_submission(html: &str, action: &str) -> Vec<(String, String)> {
    let document = scraper::Html::parse_document(html);
    let form_selector = scraper::Selector::parse("form").expect("selector");
    let control = scraper::Selector::parse("input, select, textarea").expect("selector");
    let option = scraper::Selector::parse("option").expect("selector");
    let form = document
        .select(&form_selector)
        .find(|f| f.value().attr("action") == Some(action))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let mut fields = Vec::new();
    for element in form.select(&control) {
        let Some(name) = element.value().attr("name") else {
            continue;
        };
        let value = match element.value().name() {
            "textarea" => element
                .text()
                .collect::<String>()
                .replace("\r\n", "\n")
                .replace('\n', "\r\n"),
            "select" => {
                let options: Vec<_> = element.select(&option).collect();
                let chosen = options
                    .iter()
                    .find(|o| o.value().attr("selected").is_some())
                    .or(options.first());
                match chosen {
                    Some(o) => o
                        .value()
                        .attr("value")
                        .map_or_else(|| o.text().collect(), str::to_owned),
                    None => continue,
                }
            }
            _ => {
                let kind = element.value().attr("type").unwrap_or("text");
                if matches!(kind, "checkbox" | "radio") && element.value().attr("checked").is_none()
                {
                    continue;
                }
                if matches!(kind, "submit" | "button" | "file") {
                    continue;
                }
                let default = if matches!(kind, "checkbox" | "radio") {
                    "on"
                } else {
                    ""
                };
                element
                    .value()
                    .attr("value")
                    .unwrap_or(default)
                    .replace(['\r', '\n'], "")
            }
        };
        fields.push((name.to_owned(), value));
    }
    fields
}

/// The first link in `text` that starts with `prefix`.
pub fn find_link(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)?;
    let end = text[start..]
        .find(|c: char| c.is_whitespace())
        .map_or(text.len(), |e| start + e);
    Some(text[start..end].to_owned())
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Starts another instance of the portal on the same database and secret key (as behind a
    /// load balancer); returns its address.
    pub async fn second_instance(&self) -> String {
        let app = Application::build(self.settings.clone()).expect("building a second instance");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    pub async fn get_with(&self, client: &reqwest::Client, path: &str) -> Page {
        let response = client.get(self.url(path)).send().await.expect("GET failed");
        to_page(response).await
    }

    /// GET with an `Accept-Language` header, returning the page text.
    pub async fn get_text_in(
        &self,
        client: &reqwest::Client,
        path: &str,
        accept_language: &str,
    ) -> String {
        client
            .get(self.url(path))
            .header("Accept-Language", accept_language)
            .send()
            .await
            .expect("GET failed")
            .text()
            .await
            .expect("reading the body")
    }

    /// `/metrics` as the operator's scraper reads it (with the token).
    pub async fn metrics(&self) -> Page {
        let response = self
            .client
            .get(self.url("/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .expect("GET /metrics failed");
        to_page(response).await
    }

    pub async fn get(&self, path: &str) -> Page {
        self.get_with(&self.client, path).await
    }

    /// The CSRF token this client's forms carry (read from a page, as a browser would).
    pub async fn csrf_token_for(&self, client: &reqwest::Client) -> String {
        let page = self.get_with(client, "/password/forgot").await;
        input_value(&page.body, "csrf_token").expect("no CSRF token on the page")
    }

    /// Posts a form with this client's CSRF token added.
    pub async fn post_with(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let token = self.csrf_token_for(client).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(client, path, &all).await
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.post_with(&self.client, path, fields).await
    }

    /// Posts exactly these fields (no CSRF token added).
    pub async fn post_raw(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("encoding the form");
        self.post_body(client, path, body).await
    }

    pub async fn post_body(&self, client: &reqwest::Client, path: &str, body: String) -> Page {
        let response = client
            .post(self.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST failed");
        to_page(response).await
    }

    /// Runs the job queue until it is empty (delivers queued emails to the memory mailbox).
    pub async fn dispatch_jobs(&self) -> usize {
        let worker = self.worker.clone();
        tokio::task::spawn_blocking(move || worker.run_until_idle())
            .await
            .expect("worker task panicked")
            .expect("worker failed")
    }

    pub async fn emails(&self) -> Vec<SentEmail> {
        self.dispatch_jobs().await;
        self.mailbox.messages()
    }

    pub async fn emails_to(&self, address: &str) -> Vec<SentEmail> {
        self.emails()
            .await
            .into_iter()
            .filter(|e| e.to == address)
            .collect()
    }

    /// The newest link to `path` emailed to `address`.
    pub async fn emailed_link(&self, address: &str, path: &str) -> String {
        let prefix = self.url(path);
        self.emails_to(address)
            .await
            .iter()
            .rev()
            .find_map(|e| find_link(&e.text, &prefix))
            .unwrap_or_else(|| panic!("no email to {address} with a link to {path}"))
    }

    pub fn conn(&self) -> db::PooledConn {
        self.pool.get().expect("test database connection")
    }

    pub fn sql(&self, statement: &str) {
        let mut conn = self.conn();
        let conn: &mut DbConn = &mut conn;
        conn.batch_execute(statement).expect("test SQL failed");
    }

    pub async fn register(&self, email: &str) -> Page {
        self.post(
            "/register",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("accept_privacy", "yes"),
            ],
        )
        .await
    }

    /// Logs in and returns the raw response (to read its `Set-Cookie` headers).
    pub async fn login_response(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let token = self.csrf_token_for(client).await;
        client
            .post(self.url("/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .expect("POST /login failed")
    }

    pub async fn login_with(&self, client: &reqwest::Client, email: &str, password: &str) -> Page {
        self.post_with(
            client,
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Page {
        self.login_with(&self.client, email, password).await
    }

    /// A browser signed in as a new member of staff with `role` (invited, password set).
    pub async fn signed_in_staff(&self, role: admitto::domain::Role) -> reqwest::Client {
        let email = format!(
            "{}-{}@uni.example",
            role.as_str(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let address = admitto::domain::EmailAddress::parse(&email).expect("a valid address");
        let services = self.services.clone();
        let pool = self.pool.clone();
        let invitation = tokio::task::spawn_blocking(move || {
            admitto::services::staff::create_staff_user(
                &mut pool.get().expect("connection"),
                &services,
                &address,
                role,
                admitto::domain::Locale::En,
            )
        })
        .await
        .expect("invite task")
        .expect("inviting staff");
        let token = invitation
            .set_password_link
            .split("token=")
            .nth(1)
            .expect("token")
            .to_owned();
        let client = new_client();
        self.post_with(
            &client,
            "/password/reset",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
        let login = self.login_with(&client, &email, PASSWORD).await;
        assert_eq!(login.status, StatusCode::SEE_OTHER, "staff login");
        client
    }

    /// A candidate with a browser of their own (cookies apart from `self.client`): registered,
    /// verified and logged in.
    pub async fn candidate_client(&self) -> (reqwest::Client, String) {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_static("en"),
        );
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("building an HTTP client");
        let email = format!(
            "candidate-{}@example.com",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        let registered = self
            .post_with(
                &client,
                "/register",
                &[
                    ("email", email.as_str()),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                    ("accept_privacy", "yes"),
                ],
            )
            .await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
        let link = self.emailed_link(&email, "/verify-email?token=").await;
        let verified = self.get_with(&client, &link[self.address.len()..]).await;
        assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
        let login = self.login_with(&client, &email, PASSWORD).await;
        assert_eq!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
        (client, email)
    }

    /// Uploads `bytes` as `file_name` to a document requirement of an application, the way the
    /// step page's form does (CSRF token first, then the file).
    pub async fn upload(
        &self,
        client: &reqwest::Client,
        application: &str,
        requirement: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Page {
        let token = self.csrf_token_for(client).await;
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token)
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
            );
        let response = client
            .post(self.url(&format!(
                "/applications/{application}/documents/{requirement}"
            )))
            .multipart(form)
            .send()
            .await
            .expect("upload failed");
        to_page(response).await
    }

    /// Files kept in the portal's file storage.
    pub fn stored_files(&self) -> usize {
        fn count(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|e| {
                        let path = e.path();
                        if path.is_dir() {
                            count(&path)
                        } else {
                            1
                        }
                    })
                    .sum()
            })
        }
        count(&self.data_dir.path().join("files"))
    }

    /// Registers, verifies through the emailed link and logs in; returns the email used.
    pub async fn signed_in_candidate(&self) -> String {
        let email = format!(
            "candidate-{}@example.com",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        self.register(&email).await;
        let link = self.emailed_link(&email, "/verify-email?token=").await;
        let verified = self.get(&link[self.address.len()..]).await;
        assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
        let login = self.login(&email, PASSWORD).await;
        assert_eq!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
        email
    }
}

/// The session token a response sets, if any.
pub fn session_token_set_by(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("admitto_session="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
        .filter(|v| !v.is_empty() && v != "\"\"")
}

pub async fn to_page(response: reqwest::Response) -> Page {
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.text().await.expect("reading the body");
    Page {
        status,
        location,
        body,
    }
}

/// A fresh app with the repository's demo cycle (`admin-config/`) published.
pub async fn spawn_app_with_demo_cycle() -> TestApp {
    let app = spawn_app().await;
    let files = admitto::config::admin::read_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config"),
    )
    .expect("reading admin-config");
    admitto::services::cycles::apply(&mut app.conn(), files, None).expect("applying admin-config");
    app
}
