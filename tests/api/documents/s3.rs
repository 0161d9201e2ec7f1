//! The document suite against a real S3 API (`moto_server`, started by `.ci/run`, which sets
//! `TEST_S3_ENDPOINT`): uploads land in the bucket, downloads come back from it, a refused
//! upload (also one refused after it reached the bucket) leaves nothing there, and replacing
//! keeps both versions.

use crate::helpers::journey::png;
use crate::helpers::{services_required, spawn_app_with, TestApp};
use admitto::config::StorageBackend;
use reqwest::StatusCode;
use secrecy::SecretString;

/// Keys in the bucket (the S3 ListObjectsV2 answer, read plainly).
async fn keys(endpoint: &str, bucket: &str) -> Vec<String> {
    let listing = reqwest::get(format!("{endpoint}/{bucket}?list-type=2"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    listing
        .split("<Key>")
        .skip(1)
        .filter_map(|rest| rest.split("</Key>").next())
        .map(str::to_owned)
        .collect()
}

async fn app_on_s3(endpoint: &str, bucket: &str) -> TestApp {
    let created = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .unwrap();
    assert!(
        created.status().is_success(),
        "creating the bucket: {}",
        created.status()
    );
    let (endpoint, bucket) = (endpoint.to_owned(), bucket.to_owned());
    let app = spawn_app_with(move |s| {
        s.storage.backend = StorageBackend::S3;
        s.storage.s3_bucket = Some(bucket);
        s.storage.s3_endpoint = Some(endpoint);
        s.storage.s3_allow_http = true;
        s.storage.s3_access_key_id = Some("testing".into());
        s.storage.s3_secret_access_key = Some(SecretString::from("testing"));
    })
    .await;
    crate::helpers::journey::publish_open_cycle(&app);
    app
}

#[tokio::test]
async fn documents_are_stored_in_and_served_from_an_s3_bucket() {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        assert!(!services_required(), "TEST_S3_ENDPOINT must be set");
        eprintln!("skipped: set TEST_S3_ENDPOINT to run against an S3 API server");
        return;
    };
    let bucket = format!(
        "admitto-test-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let app = app_on_s3(&endpoint, &bucket).await;
    let (client, id) = crate::helpers::journey::olympiad_candidate(&app).await;

    let refused = app
        .upload(&client, &id, "photo", "fake.png", b"<html></html>".to_vec())
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let too_big = app
        .upload(
            &client,
            &id,
            "photo",
            "big.png",
            vec![0x89; 6 * 1024 * 1024],
        )
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A PDF whose last line points at the wrong place is found damaged only once it is in the
    // bucket (its cross-reference section is read back), and is removed from it again.
    let refused = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "d.pdf",
            crate::helpers::files::pdf_pointing_elsewhere(),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("damaged or incomplete"));
    assert!(
        keys(&endpoint, &bucket).await.is_empty(),
        "nothing partial in the bucket"
    );

    let sent = app.upload(&client, &id, "photo", "me.png", png()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let stored = keys(&endpoint, &bucket).await;
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert!(stored[0].starts_with("documents/"));
    let download = client
        .get(app.url(&format!("/applications/{id}/documents/photo")))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().to_vec(), png());

    let replaced = app.upload(&client, &id, "photo", "again.png", png()).await;
    assert_eq!(replaced.status, StatusCode::SEE_OTHER);
    assert_eq!(
        keys(&endpoint, &bucket).await.len(),
        2,
        "both versions are kept"
    );
}
