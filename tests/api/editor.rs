//! The staff editor of the cycle definition: edits go into a draft, are checked whole, can be
//! reviewed, and reach candidates only when published.

use crate::helpers::{spawn_app, TestApp};
use admitto::domain::Role;
use reqwest::StatusCode;
use std::path::Path;

async fn app_with_demo_cycle() -> TestApp {
    let app = spawn_app().await;
    let files = admitto::config::admin::read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config"),
    )
    .unwrap();
    admitto::services::cycles::apply(&mut app.conn(), files, None).unwrap();
    app
}

fn program_fields<'a>(capacity: &'a str, points: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name_pl", "Informatyka"),
        ("name_en", "Computer Science"),
        ("capacity", capacity),
        ("fee_amount", "85.00"),
        (
            "fee_exempt_when",
            "!candidate.polish && candidate.karta_polaka",
        ),
        ("points", points),
        ("points_max", "170"),
        ("threshold", "40"),
    ]
}

#[tokio::test]
async fn an_edit_is_a_draft_until_published_then_it_is_the_new_version_and_exports() {
    let app = app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let overview = app.get_with(&admin, "/staff/cycle").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview
        .body
        .contains("/staff/cycle/programs/informatyka-s1"));

    let form = app
        .get_with(&admin, "/staff/cycle/programs/informatyka-s1")
        .await;
    assert!(form.body.contains("value=\"120\"") || form.body.contains("name=\"capacity\""));
    let saved = app
        .post_with(
            &admin,
            "/staff/cycle/programs/informatyka-s1",
            &program_fields(
                "135",
                "max(results.math.extended, results.math.basic * 0.6) * 2.0",
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // Candidates (and the preview) still see the published version.
    let (row, published) = admitto::services::cycles::current(&mut app.conn())
        .unwrap()
        .unwrap();
    assert_eq!(row.version, 1);
    let program = |def: &admitto::domain::cycle::Definition| {
        def.programs
            .iter()
            .find(|(_, p)| p.program.code.get_ref() == "informatyka-s1")
            .unwrap()
            .1
            .program
            .clone()
    };
    assert_ne!(program(&published).capacity, 135);

    let changes = app.get_with(&admin, "/staff/cycle/changes").await;
    assert!(changes.body.contains("capacity = 135"), "{}", changes.body);

    let publish = app.post_with(&admin, "/staff/cycle/publish", &[]).await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER);
    let (row, published) = admitto::services::cycles::current(&mut app.conn())
        .unwrap()
        .unwrap();
    assert_eq!(row.version, 2);
    assert_eq!(program(&published).capacity, 135);

    let exported = tempfile::tempdir().unwrap();
    let (_, files) = admitto::services::cycles::current_files(&mut app.conn())
        .unwrap()
        .unwrap();
    admitto::config::admin::write_dir(exported.path(), &files).unwrap();
    let text =
        std::fs::read_to_string(exported.path().join("programs/computer-science.toml")).unwrap();
    assert!(text.contains("capacity = 135"), "{text}");
    assert!(text.contains("* 2.0"), "{text}");

    let actions: Vec<String> = admitto::db::audit::recent(&mut app.conn(), 20)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    for action in ["cycle.draft.start", "cycle.draft.edit", "cycle.publish"] {
        assert!(
            actions.contains(&action.to_owned()),
            "{action} audited: {actions:?}"
        );
    }
}

#[tokio::test]
async fn a_broken_formula_is_shown_at_its_field_and_nothing_is_saved() {
    let app = app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let page = app
        .post_with(
            &admin,
            "/staff/cycle/programs/informatyka-s1",
            &program_fields("abc", "results.maths.extended"),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"capacity-error\""));
    let page = app
        .post_with(
            &admin,
            "/staff/cycle/programs/informatyka-s1",
            &program_fields("120", "results.maths.extended"),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"points-error\""), "{}", page.body);
    assert!(
        page.body.contains("there is no field `maths`"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("value=\"results.maths.extended\""),
        "what was typed is kept"
    );
    assert!(
        admitto::services::cycles::draft(&mut app.conn())
            .unwrap()
            .is_none(),
        "no draft was saved"
    );
}

#[tokio::test]
async fn a_document_requirement_condition_is_edited_and_checked() {
    let app = app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::Admin).await;
    let path = "/staff/cycle/documents/profile/certificate_apostille";
    let form = app.get_with(&admin, path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let fields = |condition: &'static str| {
        vec![
            ("name_pl", "Apostille lub legalizacja świadectwa"),
            ("name_en", "Apostille or legalisation of the certificate"),
            ("reason_pl", ""),
            ("reason_en", ""),
            ("requirement", "when"),
            ("condition", condition),
            ("max_size_mb", "10"),
        ]
    };
    let bad = app
        .post_with(&admin, path, &fields("candidate.diploma_land != 'PL'"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"condition-error\""), "{}", bad.body);
    let good = app
        .post_with(
            &admin,
            path,
            &fields("candidate.diploma_country != 'PL' && !candidate.eu"),
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let draft = admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .unwrap();
    assert!(
        draft.files["profile.toml"].contains("candidate.diploma_country != 'PL' && !candidate.eu")
    );
    let discard = app.post_with(&admin, "/staff/cycle/discard", &[]).await;
    assert_eq!(discard.status, StatusCode::SEE_OTHER);
    assert!(admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn only_programme_administrators_and_administrators_may_edit() {
    let app = app_with_demo_cycle().await;
    let officer = app.signed_in_staff(Role::Officer).await;
    assert_eq!(
        app.get_with(&officer, "/staff/cycle").await.status,
        StatusCode::FORBIDDEN
    );
    let post = app
        .post_with(
            &officer,
            "/staff/cycle/programs/informatyka-s1",
            &program_fields("1", ""),
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.post_with(&officer, "/staff/cycle/publish", &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_field_and_a_step_condition_are_edited_with_errors_at_their_fields() {
    let app = app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let overview = app.get_with(&admin, "/staff/cycle").await;
    assert!(
        overview.body.contains("/staff/cycle/fields/profile/pesel"),
        "fields are listed"
    );
    assert!(
        overview
            .body
            .contains("/staff/cycle/steps/profile/personal"),
        "steps are listed"
    );

    let path = "/staff/cycle/fields/profile/passport_number";
    assert_eq!(app.get_with(&admin, path).await.status, StatusCode::OK);
    let fields = |visible: &'static str, max: &'static str| {
        vec![
            ("label_pl", "Numer paszportu"),
            ("label_en", "Passport number"),
            ("hint_pl", ""),
            ("hint_en", ""),
            ("requirement", "when"),
            ("condition", "!candidate.polish"),
            ("visible_when", visible),
            ("max_length", max),
        ]
    };
    let bad = app
        .post_with(&admin, path, &fields("!candidate.polsih", "40"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("id=\"visible_when-error\""),
        "{}",
        bad.body
    );
    let bad_length = app
        .post_with(&admin, path, &fields("!candidate.polish", "-3"))
        .await;
    assert!(bad_length.body.contains("id=\"max_length-error\""));
    let good = app
        .post_with(&admin, path, &fields("!candidate.polish", "30"))
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);

    let step = app
        .post_with(
            &admin,
            "/staff/cycle/steps/profile/support",
            &[
                ("title_pl", "Wsparcie"),
                ("title_en", "Support"),
                ("intro_pl", ""),
                ("intro_en", ""),
                ("visible_when", "candidate.citizenship != ''"),
            ],
        )
        .await;
    assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);
    let draft = admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .unwrap();
    let profile = &draft.files["profile.toml"];
    assert!(profile.contains("max_length = 30"), "{profile}");
    assert!(
        profile.contains("visible_when = \"candidate.citizenship != ''\""),
        "{profile}"
    );
}

#[tokio::test]
async fn a_programme_is_added_as_a_copy_and_another_is_removed() {
    let app = app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let copy = "/staff/cycle/programs/informatyka-s1/copy";
    assert_eq!(app.get_with(&admin, copy).await.status, StatusCode::OK);
    let law_code = "prawo".to_owned();
    let taken = app
        .post_with(
            &admin,
            copy,
            &[
                ("new_code", law_code.as_str()),
                ("name_pl", "X"),
                ("name_en", "X"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("id=\"new_code-error\""));
    let bad = app
        .post_with(
            &admin,
            copy,
            &[
                ("new_code", "Informatyka S2!"),
                ("name_pl", "X"),
                ("name_en", "X"),
            ],
        )
        .await;
    assert!(bad.body.contains("id=\"new_code-error\""));

    let added = app
        .post_with(
            &admin,
            copy,
            &[
                ("new_code", "informatyka-s2"),
                ("name_pl", "Informatyka (II stopień)"),
                ("name_en", "Computer Science (second cycle)"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(
        added.location.as_deref(),
        Some("/staff/cycle/programs/informatyka-s2")
    );
    let removed = app
        .post_with(
            &admin,
            &format!("/staff/cycle/programs/{law_code}/remove"),
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);

    let draft = admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .unwrap();
    let codes: Vec<String> = draft
        .definition
        .programs
        .iter()
        .map(|(_, p)| p.program.code.get_ref().clone())
        .collect();
    assert!(codes.contains(&"informatyka-s2".to_owned()));
    assert!(!codes.contains(&law_code));
    assert!(draft.files.contains_key("programs/informatyka-s2.toml"));
    // Candidates still see the published programmes until the draft is published.
    let (_, published) = admitto::services::cycles::current(&mut app.conn())
        .unwrap()
        .unwrap();
    assert!(published
        .programs
        .iter()
        .any(|(_, p)| p.program.code.get_ref() == &law_code));
}
