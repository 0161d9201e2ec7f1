//! Malware scanning against a real ClamAV daemon. The test starts Debian's `clamd` (or the one
//! `TEST_CLAMD` names) with a signature database it writes itself, matching the EICAR test
//! string, so no signature download is needed. Without clamd the test is skipped, unless
//! `TEST_REQUIRE_SERVICES=1` (CI), where it fails.

use crate::helpers::files;
use crate::helpers::journey::olympiad_candidate;
use crate::helpers::{services_required, spawn_app_with, TestApp};
use admitto::scan::Scanner;
use reqwest::StatusCode;
use std::time::Duration;

/// The signature name clamd reports (it marks signatures outside its own databases).
const SIGNATURE: &str = "Admitto.Test.EICAR.UNOFFICIAL";

/// A clamd started for one test and stopped after it.
struct Clamd {
    child: std::process::Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Clamd {
    async fn start() -> Option<Clamd> {
        let binary = std::env::var("TEST_CLAMD").unwrap_or_else(|_| "/usr/sbin/clamd".into());
        if !std::path::Path::new(&binary).exists() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        std::fs::create_dir(&db).unwrap();
        let hex: String = files::eicar().bytes().map(|b| format!("{b:02x}")).collect();
        // Body signature: any file type, anywhere in the file.
        std::fs::write(
            db.join("admitto-test.ndb"),
            format!("Admitto.Test.EICAR:0:*:{hex}\n"),
        )
        .unwrap();
        let port = free_port();
        let config = dir.path().join("clamd.conf");
        std::fs::write(
            &config,
            format!(
                "Foreground yes\nDatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\n\
                 LogFile {}\nStreamMaxLength 60M\n",
                db.display(),
                dir.path().join("clamd.log").display()
            ),
        )
        .unwrap();
        let child = std::process::Command::new(&binary)
            .arg("-c")
            .arg(&config)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let clamd = Clamd {
            child,
            address: format!("tcp://127.0.0.1:{port}"),
            _dir: dir,
        };
        let scanner = Scanner::new(&clamd.address, Duration::from_secs(2)).unwrap();
        for _ in 0..300 {
            if scanner.ping().await.is_ok() {
                return Some(clamd);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let log = std::fs::read_to_string(clamd._dir.path().join("clamd.log")).unwrap_or_default();
        panic!("clamd did not answer within 30 s:\n{log}");
    }
}

async fn health(app: &TestApp) -> serde_json::Value {
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    response.json().await.unwrap()
}

async fn app_scanning_with(clamd: &str) -> TestApp {
    let clamd = clamd.to_owned();
    let app = spawn_app_with(move |s| s.scan.clamd = Some(clamd)).await;
    crate::helpers::journey::publish_open_cycle(&app);
    app
}

#[tokio::test]
async fn with_scanning_on_an_eicar_file_is_refused_recorded_and_never_stored() {
    let Some(clamd) = Clamd::start().await else {
        assert!(
            !services_required(),
            "clamd (Debian's clamav-daemon) must be installed"
        );
        eprintln!("skipped: install clamav-daemon (or set TEST_CLAMD) to run the scanning test");
        return;
    };
    let app = app_scanning_with(&clamd.address).await;
    let (client, id) = olympiad_candidate(&app).await;
    let health = health(&app).await;
    assert_eq!(health["scanner"]["status"], "ok");

    // A clean file passes the scanner and is stored.
    let clean = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "dyplom.pdf",
            files::pdf(),
        )
        .await;
    assert_eq!(clean.status, StatusCode::SEE_OTHER, "{}", clean.body);
    assert_eq!(app.stored_files(), 1);

    // A PDF carrying the EICAR string, and the bare EICAR file named as a photo.
    let infected_pdf = files::pdf_with("Scan", &files::eicar());
    let bare = files::eicar().into_bytes();
    for (requirement, name, bytes) in [
        ("olympiad_certificate", "dyplom2.pdf", infected_pdf.clone()),
        ("photo", "photo.png", bare),
    ] {
        let refused = app.upload(&client, &id, requirement, name, bytes).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            refused.body.contains("found malware in this file") && refused.body.contains(SIGNATURE),
            "{name}: {}",
            refused.body
        );
        assert!(refused
            .body
            .contains(&format!("id=\"file-{requirement}-error\"")));
        assert_eq!(app.stored_files(), 1, "{name} was never stored");
    }

    // Both refusals are on the record, with the signature and the file's hash.
    let infected: Vec<_> = admitto::db::audit::recent(&mut app.conn(), 50)
        .unwrap()
        .into_iter()
        .filter(|a| a.action == "document.infected")
        .collect();
    assert_eq!(infected.len(), 2);
    let sha = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&infected_pdf))
    };
    assert!(infected.iter().any(|a| a.detail.contains(&sha)
        && a.detail.contains(SIGNATURE)
        && a.detail.contains("olympiad_certificate")));

    // The clean diploma is still the current document.
    let step = app
        .get_with(&client, &format!("/applications/{id}/steps/questions"))
        .await;
    assert!(step.body.contains(">dyplom.pdf<"), "{}", step.body);
}

#[tokio::test]
async fn when_the_scanner_cannot_be_reached_uploads_are_refused_not_stored_unscanned() {
    let nobody = format!("tcp://127.0.0.1:{}", free_port());
    let app = app_scanning_with(&nobody).await;
    let (client, id) = olympiad_candidate(&app).await;
    let refused = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "dyplom.pdf",
            files::pdf(),
        )
        .await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        refused
            .body
            .contains("could not check this file for viruses"),
        "{}",
        refused.body
    );
    assert_eq!(app.stored_files(), 0);
    // The health check tells the operator why.
    let health = health(&app).await;
    assert_eq!(health["scanner"]["status"], "unavailable");
    assert_eq!(health["status"], "degraded");
}
