//! Bad uploads beyond size and declared type: polyglots, damaged PDFs, decompression bombs and
//! overlong or tricky names. Each is refused at its upload field with a clear message, leaves
//! nothing in storage and does not touch what was stored before.

use crate::helpers::files;
use crate::helpers::journey::{app_with_open_cycle, olympiad_candidate, png, start};
use crate::helpers::TestApp;
use reqwest::StatusCode;

async fn download(app: &TestApp, client: &reqwest::Client, id: &str, requirement: &str) -> Vec<u8> {
    let response = client
        .get(app.url(&format!("/applications/{id}/documents/{requirement}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn polyglots_damaged_pdfs_and_decompression_bombs_are_refused_and_nothing_is_lost() {
    let app = app_with_open_cycle().await;
    let (client, id) = olympiad_candidate(&app).await;
    // A sound diploma first: nothing refused afterwards may touch it.
    let diploma = files::pdf_with("Olimpiada Informatyczna", "");
    let sent = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "dyplom.pdf",
            diploma.clone(),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(app.stored_files(), 1);

    let pdf = files::pdf();
    let mut web_page = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script>".to_vec();
    web_page.extend_from_slice(&pdf[9..]);
    let mut zip_appended = pdf.clone();
    zip_appended.extend_from_slice(b"PK\x03\x04\x14\0\0\0payload.html");
    zip_appended.extend_from_slice(b"PK\x05\x06");
    zip_appended.extend_from_slice(&[0; 18]);
    let mut png_with_zip = crate::helpers::journey::png();
    png_with_zip.extend_from_slice(b"PK\x05\x06");
    png_with_zip.extend_from_slice(&[0; 18]);
    let mut photo_with_script = photo(40, 30);
    photo_with_script.extend_from_slice(b"<?php system($_GET['c']); ?>");
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "photo",
            "photo.jpg",
            photo_with_script,
            "second file or web-page code",
        ),
        (
            "olympiad_certificate",
            "truncated.pdf",
            pdf[..pdf.len() / 2].to_vec(),
            "damaged or incomplete",
        ),
        (
            "olympiad_certificate",
            "broken.pdf",
            files::pdf_pointing_elsewhere(),
            "damaged or incomplete",
        ),
        (
            "olympiad_certificate",
            "page.pdf",
            web_page,
            "web-page code hidden inside",
        ),
        (
            "olympiad_certificate",
            "archive.pdf",
            zip_appended,
            "second file or web-page code",
        ),
        (
            "photo",
            "photo.png",
            png_with_zip,
            "second file or web-page code",
        ),
        // A few kilobytes that decode to 64 million pixels.
        (
            "photo",
            "bomb.png",
            files::png_of(8_000, 8_000),
            "The image is 64 megapixels; the largest we accept is 50 megapixels",
        ),
    ];
    for (requirement, name, bytes, message) in cases {
        let refused = app.upload(&client, &id, requirement, name, bytes).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            refused.body.contains(message),
            "{name}: {message}: {}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains(&format!("id=\"file-{requirement}-error\"")),
            "{name}: the message is at the field"
        );
        assert_eq!(app.stored_files(), 1, "{name} left nothing behind");
    }
    assert_eq!(
        download(&app, &client, &id, "olympiad_certificate").await,
        diploma,
        "the diploma sent before is still the current one"
    );
}

#[tokio::test]
async fn a_motion_photo_from_a_phone_is_accepted_as_it_was_taken() {
    let app = app_with_open_cycle().await;
    let (client, id) = olympiad_candidate(&app).await;
    let motion = include_bytes!("../../fixtures/camera/samsung.jpg").to_vec();
    let sent = app
        .upload(&client, &id, "photo", "20270612_101500.jpg", motion.clone())
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(download(&app, &client, &id, "photo").await, motion);
}

#[tokio::test]
async fn a_255_character_name_full_of_unicode_tricks_is_kept_short_clean_and_readable() {
    let app = app_with_open_cycle().await;
    let (client, id) = olympiad_candidate(&app).await;
    let name = format!(
        "..\\..\\{}\u{202E}fdp.exe\u{200B}{}.pdf",
        "dyplom-olimpiady-ś".repeat(8),
        "x".repeat(92)
    );
    assert_eq!(name.chars().count(), 255);
    let sent = app
        .upload(&client, &id, "olympiad_certificate", &name, files::pdf())
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let step = app
        .get_with(&client, &format!("/applications/{id}/steps/questions"))
        .await;
    // The path goes, the invisible and direction-changing characters go, and the name is cut to
    // 120 characters with the real extension.
    let kept = format!("{}dyplom-o.pdf", "dyplom-olimpiady-ś".repeat(6));
    assert_eq!(kept.chars().count(), 120);
    assert!(step.body.contains(&format!(">{kept}<")), "{}", step.body);
    assert!(!step.body.contains('\u{202E}') && !step.body.contains('\u{200B}'));
    // The download is named in plain ASCII.
    let response = client
        .get(app.url(&format!(
            "/applications/{id}/documents/olympiad_certificate"
        )))
        .send()
        .await
        .unwrap();
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.is_ascii() && disposition.ends_with(".pdf\""),
        "{disposition}"
    );
    assert!(!disposition.contains(".."), "{disposition}");
}

/// A real JPEG photo of `width` × `height` pixels.
fn photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 200) as u8 + 40, (y % 200) as u8 + 40, 160])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

#[tokio::test]
async fn staff_see_previews_of_photos_made_once_and_never_of_pdfs() {
    let app = app_with_open_cycle().await;
    let (client, id) = olympiad_candidate(&app).await;
    let sent = app
        .upload(&client, &id, "photo", "me.jpg", photo(1000, 800))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let sent = app
        .upload(&client, &id, "olympiad_certificate", "d.pdf", files::pdf())
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let queue = app.get_with(&officer, "/staff/documents").await;
    let previews: Vec<&str> = queue
        .body
        .split("<img src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        previews.len(),
        1,
        "only the photo has a preview: {}",
        queue.body
    );
    assert!(queue.body.contains("PDF, open to view"));
    let preview = officer.get(app.url(previews[0])).send().await.unwrap();
    assert_eq!(preview.status(), StatusCode::OK);
    assert_eq!(preview.headers()["content-type"], "image/jpeg");
    assert_eq!(preview.headers()["x-content-type-options"], "nosniff");
    // Personal data: not kept in the browser's cache of a shared office computer.
    assert_eq!(preview.headers()["cache-control"], "no-store");
    let bytes = preview.bytes().await.unwrap();
    let small = image::load_from_memory(&bytes).unwrap();
    assert_eq!((small.width(), small.height()), (240, 192));
    // Made once and kept: the photo and the PDF, and the preview beside them.
    assert_eq!(app.stored_files(), 3);
    let again = officer.get(app.url(previews[0])).send().await.unwrap();
    assert_eq!(again.bytes().await.unwrap(), bytes);
    assert_eq!(app.stored_files(), 3);

    // The PDF has none; candidates reach no staff preview.
    let pdf = queue
        .body
        .split("href=\"/staff/documents/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|document| !previews[0].contains(document))
        .unwrap();
    let none = officer
        .get(app.url(&format!("/staff/documents/{pdf}/preview")))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), StatusCode::NOT_FOUND);
    let theirs = client.get(app.url(previews[0])).send().await.unwrap();
    assert!(
        theirs.status() == StatusCode::FORBIDDEN || theirs.status() == StatusCode::NOT_FOUND,
        "{}",
        theirs.status()
    );

    // A PNG whose chunks are in order but whose pixels are garbled is accepted (a reviewer can
    // still open it), and its preview is a placeholder rather than a broken image.
    let mut garbled = files::png_of(64, 64);
    let data = garbled.windows(4).position(|w| w == b"IDAT").unwrap() + 4;
    garbled[data..data + 6].copy_from_slice(b"\xde\xad\xbe\xef\x00\x01");
    let sent = app
        .upload(&client, &id, "photo", "garbled.png", garbled)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let queue = app.get_with(&officer, "/staff/documents").await;
    let preview = queue
        .body
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let placeholder = officer.get(app.url(&preview)).send().await.unwrap();
    assert_eq!(placeholder.status(), StatusCode::OK);
    assert_eq!(placeholder.headers()["content-type"], "image/svg+xml");
    assert_eq!(placeholder.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn simultaneous_uploads_of_one_document_each_get_their_own_version_number() {
    let app = app_with_open_cycle().await;
    let (client, id) = olympiad_candidate(&app).await;
    let uploads = (0..6).map(|i| {
        let (app, client, id) = (&app, client.clone(), id.clone());
        async move {
            app.upload(
                &client,
                &id,
                "olympiad_certificate",
                &format!("diploma-{i}.pdf"),
                files::pdf(),
            )
            .await
        }
    });
    let results = futures_util::future::join_all(uploads).await;
    for page in &results {
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let versions: Vec<i32> = {
        use admitto::db::schema::documents::dsl;
        use diesel::prelude::*;
        dsl::documents
            .filter(dsl::requirement.eq("olympiad_certificate"))
            .select(dsl::version)
            .order(dsl::version)
            .load(&mut *app.conn())
            .unwrap()
    };
    assert_eq!(versions, (1..=6).collect::<Vec<i32>>());
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size_and_refusals_leave_nothing_stored() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let step = format!("/applications/{id}/steps/identity_documents");
    let page = app.get_with(&client, &step).await;
    assert!(
        page.body.contains("enctype=\"multipart/form-data\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"file-photo\""));

    // HTML renamed .png, an empty file, a PDF where only images are allowed.
    for (name, bytes, message) in [
        (
            "photo.png",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "is not a PDF, JPEG or PNG",
        ),
        ("photo.png", Vec::new(), "The file is empty"),
        (
            "photo.pdf",
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n".to_vec(),
            "is not a PDF, JPEG or PNG",
        ),
    ] {
        let refused = app.upload(&client, &id, "photo", name, bytes).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            refused.body.contains(message),
            "{message}: {}",
            refused.body
        );
        assert!(refused.body.contains("id=\"file-photo-error\""));
    }
    assert_eq!(
        app.stored_files(),
        0,
        "refused uploads leave nothing behind"
    );

    // Over the 5 MB limit of the photo: refused with 413, nothing stored.
    let big = vec![0x89u8; 6 * 1024 * 1024];
    let too_big = app.upload(&client, &id, "photo", "huge.png", big).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_big.body.contains("larger than 5 MB"));
    assert_eq!(app.stored_files(), 0);

    // Without the CSRF token: refused.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(png()).file_name("p.png"),
    );
    let forged = client
        .post(app.url(&format!("/applications/{id}/documents/photo")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // A real PNG with a hostile name is kept under a clean name and listed on the step.
    let sent = app
        .upload(&client, &id, "photo", "../../etc/\u{202E}gnp.exe", png())
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(app.stored_files(), 1);
    let page = app.get_with(&client, &step).await;
    assert!(page.body.contains("gnp.png"), "{}", page.body);
    assert!(page.body.contains("Sent, waiting for verification"));
    let download = client
        .get(app.url(&format!("/applications/{id}/documents/photo")))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(download.bytes().await.unwrap().to_vec(), png());

    // Replacing keeps the earlier version for staff; another candidate finds nothing.
    let replaced = app.upload(&client, &id, "photo", "second.png", png()).await;
    assert_eq!(replaced.status, StatusCode::SEE_OTHER);
    assert_eq!(app.stored_files(), 2);
    let (intruder, _) = app.candidate_client().await;
    let theirs = app.upload(&intruder, &id, "photo", "x.png", png()).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let peek = app
        .get_with(&intruder, &format!("/applications/{id}/documents/photo"))
        .await;
    assert_eq!(peek.status, StatusCode::NOT_FOUND);
    assert_eq!(app.stored_files(), 2);

    // Removing it puts the photo back on the list of what is missing.
    let removed = app
        .post_with(
            &client,
            &format!("/applications/{id}/documents/photo/remove"),
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(overview.body.contains("Photo for the student ID card"));
    assert!(overview.body.contains("item-missing"));
}

#[tokio::test]
async fn simultaneous_uploads_cannot_take_a_candidate_over_the_quota() {
    let app = crate::helpers::spawn_app_with(|s| s.storage.quota_mb = 1).await;
    crate::helpers::journey::publish_open_cycle(&app);
    let (client, id) = olympiad_candidate(&app).await;
    // Six files of 400 kB at once against 1 MB: each alone fits, together they do not.
    let big = files::pdf_with("Scan", &"x".repeat(400 * 1024));
    let uploads = (0..6).map(|i| {
        let (app, client, id, big) = (&app, client.clone(), id.clone(), big.clone());
        async move {
            let name = format!("diploma-{i}.pdf");
            app.upload(&client, &id, "olympiad_certificate", &name, big)
                .await
        }
    });
    let results = futures_util::future::join_all(uploads).await;
    let kept = results
        .iter()
        .filter(|p| p.status == StatusCode::SEE_OTHER)
        .count();
    let refused = results
        .iter()
        .filter(|p| p.status == StatusCode::PAYLOAD_TOO_LARGE)
        .count();
    assert_eq!(
        kept + refused,
        6,
        "{:?}",
        results.iter().map(|p| p.status).collect::<Vec<_>>()
    );
    assert_eq!(kept, 2, "two of 400 kB fit in 1 MB, a third does not");
    let stored: Vec<i64> = {
        use admitto::db::schema::documents::dsl;
        use diesel::prelude::*;
        dsl::documents
            .select(dsl::size_bytes)
            .load(&mut *app.conn())
            .unwrap()
    };
    assert_eq!(stored.len(), kept);
    assert!(stored.iter().sum::<i64>() <= 1024 * 1024, "{stored:?}");
    // What was refused is not left in storage either.
    assert_eq!(app.stored_files(), kept);
}
