//! The staff editor of the cycle definition: edits go into a draft, are checked whole, can be
//! reviewed, and reach candidates only when published.

use crate::helpers::{spawn_app_with_demo_cycle, TestApp};
use admitto::domain::Role;
use reqwest::StatusCode;

/// The base an editor page's forms carry (the state it was rendered from), read as a browser
/// would.
pub(crate) async fn base_of(app: &TestApp, client: &reqwest::Client, page: &str) -> String {
    let page = app.get_with(client, page).await;
    crate::helpers::input_value(&page.body, "base").expect("an editor form carries its base")
}

/// Posts `fields` to the editor at `path` with the base of the page its form is on: the form
/// itself, the page of the part a remove button removes, or the overview for move buttons.
pub(crate) async fn post_editor(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> crate::helpers::Page {
    let page = if let Some(part) = path.strip_suffix("/remove") {
        part
    } else if path.ends_with("/move") {
        "/staff/cycle"
    } else {
        path
    };
    let base = base_of(app, client, page).await;
    let mut all = vec![("base", base.as_str())];
    all.extend_from_slice(fields);
    app.post_with(client, path, &all).await
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
        ("level", "bachelor"),
        ("study_form", "full_time"),
        ("language", "pl"),
        ("workflow", "bachelor"),
    ]
}

#[tokio::test]
async fn an_edit_is_a_draft_until_published_then_it_is_the_new_version_and_exports() {
    let app = spawn_app_with_demo_cycle().await;
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
    let saved = post_editor(
        &app,
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

    let base = base_of(&app, &admin, "/staff/cycle").await;
    let publish = app
        .post_with(&admin, "/staff/cycle/publish", &[("base", &base)])
        .await;
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
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let page = post_editor(
        &app,
        &admin,
        "/staff/cycle/programs/informatyka-s1",
        &program_fields("abc", "results.maths.extended"),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"capacity-error\""));
    let page = post_editor(
        &app,
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
        page.body.contains(">\nresults.maths.extended</textarea>"),
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
    let app = spawn_app_with_demo_cycle().await;
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
            ("type_pdf", "yes"),
            ("original_required", "yes"),
            ("original_due", "2027-10-15"),
        ]
    };
    let bad = post_editor(
        &app,
        &admin,
        path,
        &fields("candidate.diploma_land != 'PL'"),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"condition-error\""), "{}", bad.body);
    let good = post_editor(
        &app,
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
    let base = base_of(&app, &admin, "/staff/cycle").await;
    let discard = app
        .post_with(&admin, "/staff/cycle/discard", &[("base", &base)])
        .await;
    assert_eq!(discard.status, StatusCode::SEE_OTHER);
    assert!(admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn a_documents_types_original_date_and_rejection_reasons_are_edited_with_errors_at_their_fields(
) {
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::Admin).await;
    let path = "/staff/cycle/documents/profile/photo";
    let form = app.get_with(&admin, path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    // The form shows what the TOML says: JPEG and PNG, and the configured reasons.
    assert!(form
        .body
        .contains("id=\"type_jpeg\" name=\"type_jpeg\" value=\"yes\" checked"));
    assert!(!form
        .body
        .contains("id=\"type_pdf\" name=\"type_pdf\" value=\"yes\" checked"));
    assert!(form
        .body
        .contains("Zdjęcie jest nieostre lub zbyt ciemne. | The photo is blurred or too dark."));
    let fields = |types: &[&'static str], due: &'static str, reasons: &'static str| {
        let mut fields = vec![
            ("name_pl", "Zdjęcie"),
            ("name_en", "Photo"),
            ("requirement", "always"),
            ("max_size_mb", "5"),
            ("original_required", "yes"),
            ("original_due", due),
            ("rejection_reasons", reasons),
        ];
        fields.extend(types.iter().map(|t| (*t, "yes")));
        fields
    };
    let bad = post_editor(
        &app,
        &admin,
        path,
        &fields(&[], "31.02.2027", "Nieostre | Blurred\nTylko po polsku"),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, message) in [
        ("type_pdf", "Choose at least one file type."),
        (
            "rejection_reasons",
            "Line 2: write the Polish and the English text",
        ),
        ("original_due", "This date does not exist."),
    ] {
        assert!(
            bad.body.contains(&format!("id=\"{field}-error\"")),
            "{field}: {}",
            bad.body
        );
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(
        bad.body.contains("Nieostre | Blurred\nTylko po polsku"),
        "what was typed is kept"
    );
    let good = post_editor(
        &app,
        &admin,
        path,
        &fields(
            &["type_jpeg", "type_pdf"],
            "15.10.2027",
            "Nieostre | Blurred\n\nZłe tło | Wrong background",
        ),
    )
    .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let draft = admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .unwrap();
    let profile = &draft.files["profile.toml"];
    let photo = profile.split("key = \"photo\"").nth(1).unwrap();
    let photo = photo.split("[[steps.documents]]").next().unwrap();
    assert!(photo.contains("original_due = \"2027-10-15\""), "{photo}");
    assert!(
        photo.contains("Wrong background") && !photo.contains("too dark"),
        "{photo}"
    );
    assert!(
        photo.contains("\"pdf\"") && photo.contains("\"jpeg\"") && !photo.contains("\"png\""),
        "{photo}"
    );
}

#[tokio::test]
async fn only_programme_administrators_and_administrators_may_edit() {
    let app = spawn_app_with_demo_cycle().await;
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
    let app = spawn_app_with_demo_cycle().await;
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
    let bad = post_editor(&app, &admin, path, &fields("!candidate.polsih", "40")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("id=\"visible_when-error\""),
        "{}",
        bad.body
    );
    let bad_length = post_editor(&app, &admin, path, &fields("!candidate.polish", "-3")).await;
    assert!(bad_length.body.contains("id=\"max_length-error\""));
    let good = post_editor(&app, &admin, path, &fields("!candidate.polish", "30")).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);

    let step = post_editor(
        &app,
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
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let copy = "/staff/cycle/programs/informatyka-s1/copy";
    assert_eq!(app.get_with(&admin, copy).await.status, StatusCode::OK);
    let law_code = "prawo".to_owned();
    let taken = post_editor(
        &app,
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
    let bad = post_editor(
        &app,
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

    let added = post_editor(
        &app,
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
    let removed = post_editor(
        &app,
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

fn draft_definition(app: &TestApp) -> admitto::domain::cycle::Definition {
    admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .unwrap()
        .definition
}

#[tokio::test]
async fn steps_fields_and_documents_are_added_moved_and_removed_in_the_draft() {
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let new_step = "/staff/cycle/steps/master/new";
    assert_eq!(app.get_with(&admin, new_step).await.status, StatusCode::OK);
    let bad = post_editor(
        &app,
        &admin,
        new_step,
        &[("key", "Visa-Data"), ("title_pl", ""), ("title_en", "Visa")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"key-error\""));
    assert!(bad.body.contains("id=\"title_pl-error\""));
    let taken = post_editor(
        &app,
        &admin,
        new_step,
        &[
            ("key", "first_degree"),
            ("title_pl", "X"),
            ("title_en", "X"),
        ],
    )
    .await;
    assert!(taken.body.contains("id=\"key-error\""), "{}", taken.body);

    let added = post_editor(
        &app,
        &admin,
        new_step,
        &[("key", "visa"), ("title_pl", "Wiza"), ("title_en", "Visa")],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(
        added.location.as_deref(),
        Some("/staff/cycle/steps/master/visa")
    );

    let new_field = "/staff/cycle/steps/master/visa/fields/new";
    let no_options = post_editor(
        &app,
        &admin,
        new_field,
        &[
            ("key", "visa_status"),
            ("kind", "choice"),
            ("label_pl", "Status wizy"),
            ("label_en", "Visa status"),
            ("options", "none | Brak | None\nstudent | Studencka"),
        ],
    )
    .await;
    assert_eq!(no_options.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_options.body.contains("id=\"options-error\""));
    assert!(no_options.body.contains("Line 2"), "{}", no_options.body);
    for (key, kind, options) in [
        (
            "visa_status",
            "choice",
            "none | Brak | None\nstudent | Studencka | Student",
        ),
        ("visa_number", "text", ""),
    ] {
        let saved = post_editor(
            &app,
            &admin,
            new_field,
            &[
                ("key", key),
                ("kind", kind),
                ("label_pl", "Pole"),
                ("label_en", "Field"),
                ("required", "yes"),
                ("options", options),
            ],
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    // A condition on the new field, then a document that depends on it.
    let document = post_editor(
        &app,
        &admin,
        "/staff/cycle/steps/master/visa/documents/new",
        &[
            ("key", "visa_copy"),
            ("name_pl", "Kopia wizy"),
            ("name_en", "Copy of the visa"),
            ("requirement", "when"),
            ("condition", "answers.visa_status == \"student\""),
        ],
    )
    .await;
    assert_eq!(document.status, StatusCode::SEE_OTHER, "{}", document.body);

    let moved = post_editor(
        &app,
        &admin,
        "/staff/cycle/fields/master/visa_number/move",
        &[("direction", "up")],
    )
    .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let definition = draft_definition(&app);
    let (_, master) = definition
        .workflows
        .iter()
        .find(|(_, w)| w.workflow.code.get_ref() == "master")
        .unwrap();
    let visa = master.steps.last().unwrap();
    let keys: Vec<&str> = visa
        .fields
        .iter()
        .map(|f| f.key.get_ref().as_str())
        .collect();
    assert_eq!(keys, ["visa_number", "visa_status"]);
    assert_eq!(visa.fields[1].options.len(), 2);
    assert_eq!(visa.documents[0].key.get_ref(), "visa_copy");

    // The document's condition reads visa_status: removing the field is refused, saying why.
    let refused = post_editor(
        &app,
        &admin,
        "/staff/cycle/fields/master/visa_status/remove",
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("visa_status"), "{}", refused.body);
    assert_eq!(
        draft_definition(&app).workflows.len(),
        definition.workflows.len()
    );
    let still_there = draft_definition(&app);
    assert!(still_there
        .workflows
        .iter()
        .flat_map(|(_, w)| &w.steps)
        .flat_map(|s| &s.fields)
        .any(|f| f.key.get_ref() == "visa_status"));

    for path in [
        "/staff/cycle/documents/master/visa_copy/remove",
        "/staff/cycle/fields/master/visa_status/remove",
        "/staff/cycle/steps/master/visa/remove",
    ] {
        let removed = post_editor(&app, &admin, path, &[]).await;
        assert_eq!(
            removed.status,
            StatusCode::SEE_OTHER,
            "{path}: {}",
            removed.body
        );
    }
    let definition = draft_definition(&app);
    assert!(definition
        .workflows
        .iter()
        .flat_map(|(_, w)| &w.steps)
        .all(|s| s.key.get_ref() != "visa"));
}

#[tokio::test]
async fn stage_texts_are_edited_per_workflow_and_reach_the_exported_files() {
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let page = app
        .get_with(&admin, "/staff/cycle/workflows/bachelor")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"stage_submitted_pl\""));
    let half = post_editor(
        &app,
        &admin,
        "/staff/cycle/workflows/bachelor",
        &[
            ("name_pl", "Studia pierwszego stopnia"),
            ("name_en", "First-cycle studies"),
            ("stage_admitted_pl", "Gratulacje!"),
        ],
    )
    .await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        half.body.contains("id=\"stage_admitted_en-error\""),
        "{}",
        half.body
    );
    assert!(half.body.contains("Gratulacje!"), "what was typed is kept");

    let saved = post_editor(
        &app,
        &admin,
        "/staff/cycle/workflows/bachelor",
        &[
            ("name_pl", "Studia pierwszego stopnia"),
            ("name_en", "First-cycle studies"),
            (
                "stage_admitted_pl",
                "Gratulacje! Potwierdź podjęcie studiów.",
            ),
            (
                "stage_admitted_en",
                "Congratulations! Confirm that you take up the place.",
            ),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let base = base_of(&app, &admin, "/staff/cycle").await;
    let publish = app
        .post_with(&admin, "/staff/cycle/publish", &[("base", &base)])
        .await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER);

    let (_, files) = admitto::services::cycles::current_files(&mut app.conn())
        .unwrap()
        .unwrap();
    let bachelor = &files["workflows/bachelor.toml"];
    assert!(bachelor.contains("status = \"admitted\""), "{bachelor}");
    assert!(bachelor.contains("Congratulations! Confirm"));
    // Only the texts given in the form remain: the others were cleared.
    assert!(!bachelor.contains("status = \"submitted\""));
}

#[tokio::test]
async fn a_draft_overtaken_by_a_newer_published_version_cannot_be_published() {
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let saved = post_editor(
        &app,
        &admin,
        "/staff/cycle/programs/informatyka-s1",
        &program_fields("135", "results.math.extended"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let overview = app.get_with(&admin, "/staff/cycle").await;
    assert!(overview.body.contains("version 1"), "{}", overview.body);
    assert!(!overview.body.contains("role=\"alert\""));

    // Meanwhile an operator applies changed files from the command line.
    let mut files = admitto::services::cycles::current_files(&mut app.conn())
        .unwrap()
        .unwrap()
        .1;
    let law = files.get_mut("programs/law.toml").unwrap();
    *law = law.replace("capacity = ", "capacity = 1");
    let applied = admitto::services::cycles::apply(&mut app.conn(), files, None).unwrap();
    assert!(matches!(
        applied,
        admitto::services::cycles::ApplyOutcome::Applied { version: 2, .. }
    ));

    let overview = app.get_with(&admin, "/staff/cycle").await;
    assert!(
        overview.body.contains("Version 2 was published after"),
        "{}",
        overview.body
    );
    assert!(!overview.body.contains("action=\"/staff/cycle/publish\""));
    let base = base_of(&app, &admin, "/staff/cycle").await;
    let publish = app
        .post_with(&admin, "/staff/cycle/publish", &[("base", &base)])
        .await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER);
    let (row, _) = admitto::services::cycles::current(&mut app.conn())
        .unwrap()
        .unwrap();
    assert_eq!(row.version, 2, "the outdated draft was not published");
    let base = base_of(&app, &admin, "/staff/cycle").await;
    let discard = app
        .post_with(&admin, "/staff/cycle/discard", &[("base", &base)])
        .await;
    assert_eq!(discard.status, StatusCode::SEE_OTHER);
    assert!(admitto::services::cycles::draft(&mut app.conn())
        .unwrap()
        .is_none());
}

/// The editor pages of the overview that edit one thing in place (not the "new" and "copy"
/// forms).
fn edit_links(overview: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(overview);
    let links = scraper::Selector::parse("a[href^='/staff/cycle/']").unwrap();
    let mut found: Vec<String> = document
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| {
            [
                "programs/",
                "steps/",
                "fields/",
                "documents/",
                "workflows/",
                "exams/",
            ]
            .iter()
            .any(|kind| href.starts_with(&format!("/staff/cycle/{kind}")))
                && !href.ends_with("/new")
                && !href.ends_with("/copy")
        })
        .map(str::to_owned)
        .collect();
    found.dedup();
    found
}

/// Posts the form of `path` as a browser would when nothing was touched, with `changes`
/// applied to it.
async fn submit_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    changes: &[(&str, &str)],
) -> crate::helpers::Page {
    let form = app.get_with(client, path).await;
    assert_eq!(form.status, StatusCode::OK, "{path}");
    let mut fields = crate::helpers::form_submission(&form.body, path);
    for (name, value) in changes {
        let field = fields.iter_mut().find(|(n, _)| n == name).unwrap();
        field.1 = (*value).to_owned();
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    app.post_raw(client, path, &fields).await
}

/// The (removed, added) lines of the draft's review page.
async fn changed_lines(app: &TestApp, client: &reqwest::Client) -> (Vec<String>, Vec<String>) {
    let page = app.get_with(client, "/staff/cycle/changes").await;
    let document = scraper::Html::parse_document(&page.body);
    let lines = |class: &str| {
        let selector = scraper::Selector::parse(&format!(".{class} code")).unwrap();
        document
            .select(&selector)
            .map(|l| l.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    (lines("diff-removed"), lines("diff-added"))
}

#[tokio::test]
async fn saving_any_editor_form_without_changes_leaves_the_definition_as_it_was() {
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let overview = app.get_with(&admin, "/staff/cycle").await;
    let links = edit_links(&overview.body);
    let programmes = links
        .iter()
        .filter(|l| l.starts_with("/staff/cycle/programs/"))
        .count();
    assert_eq!(programmes, 8, "{links:?}");
    assert!(links.iter().any(|l| l.starts_with("/staff/cycle/steps/")));
    assert!(links.iter().any(|l| l.starts_with("/staff/cycle/fields/")));
    assert!(links
        .iter()
        .any(|l| l.starts_with("/staff/cycle/documents/")));
    assert!(links
        .iter()
        .any(|l| l.starts_with("/staff/cycle/workflows/")));

    for link in &links {
        let saved = submit_form(&app, &admin, link, &[]).await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{link}: {}",
            saved.body
        );
        let (removed, added) = changed_lines(&app, &admin).await;
        assert!(
            removed.is_empty() && added.is_empty(),
            "saving {link} untouched changed the definition: -{removed:?} +{added:?}"
        );
    }
}

#[tokio::test]
async fn changing_only_the_fee_changes_only_the_fee_line() {
    let app = spawn_app_with_demo_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let saved = submit_form(
        &app,
        &admin,
        "/staff/cycle/programs/prawo",
        &[("fee_amount", "95.00")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let (removed, added) = changed_lines(&app, &admin).await;
    assert_eq!(removed, vec!["amount = \"85.00\"".to_owned()]);
    assert_eq!(added, vec!["amount = \"95.00\"".to_owned()]);
}

/// Posts `form` (a page's form as [`crate::helpers::form_submission`] read it) with `changes`.
async fn post_changed(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    mut form: Vec<(String, String)>,
    changes: &[(&str, &str)],
) -> crate::helpers::Page {
    for (name, value) in changes {
        let field = form.iter_mut().find(|(n, _)| n == name).unwrap();
        field.1 = (*value).to_owned();
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    app.post_raw(client, path, &fields).await
}

fn programme_in_draft(app: &TestApp, code: &str) -> admitto::domain::cycle::model::ProgramDef {
    draft_definition(app)
        .program(code)
        .unwrap_or_else(|| panic!("{code} is in the draft"))
        .clone()
}

#[tokio::test]
async fn a_second_administrator_saving_a_form_opened_before_the_first_saved_is_refused_and_keeps_what_they_typed(
) {
    let app = spawn_app_with_demo_cycle().await;
    let first = app.signed_in_staff(Role::ProgramAdmin).await;
    let second = app.signed_in_staff(Role::Admin).await;
    let path = "/staff/cycle/programs/prawo";
    // Both open the same form while no draft is open: the first save opens the draft.
    let first_form = app.get_with(&first, path).await;
    let second_form = app.get_with(&second, path).await;
    let first_form = crate::helpers::form_submission(&first_form.body, path);
    let second_form = crate::helpers::form_submission(&second_form.body, path);

    let saved = post_changed(&app, &first, path, first_form, &[("capacity", "77")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let refused = post_changed(&app, &second, path, second_form, &[("fee_amount", "95.00")]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Someone else saved a change to the draft after you opened this form."),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"95.00\""),
        "what was typed is kept"
    );
    let program = programme_in_draft(&app, "prawo");
    assert_eq!(
        program.capacity, 77,
        "the first change is still in the draft"
    );
    assert_eq!(
        program.fee.amount.get_ref(),
        "85.00",
        "the second was not saved"
    );
    // The page shown again carries the draft as it is now, so saving again goes through.
    assert_eq!(
        crate::helpers::input_value(&refused.body, "base"),
        Some(base_of(&app, &second, path).await)
    );

    // A save with the current base still works, and keeps the first change.
    let fresh = app.get_with(&second, path).await;
    let fresh = crate::helpers::form_submission(&fresh.body, path);
    let saved = post_changed(&app, &second, path, fresh, &[("fee_amount", "95.00")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let program = programme_in_draft(&app, "prawo");
    assert_eq!(program.capacity, 77);
    assert_eq!(program.fee.amount.get_ref(), "95.00");
}

#[tokio::test]
async fn a_move_or_removal_from_a_page_shown_before_someone_else_saved_the_draft_is_refused() {
    let app = spawn_app_with_demo_cycle().await;
    let first = app.signed_in_staff(Role::ProgramAdmin).await;
    let second = app.signed_in_staff(Role::ProgramAdmin).await;
    // A draft is open; both look at it.
    let opened = post_editor(&app, &first, "/staff/cycle/programs/prawo", &[]).await;
    assert_ne!(opened.status, StatusCode::CONFLICT);
    let step_page = "/staff/cycle/steps/profile/support";
    let stale_overview = base_of(&app, &second, "/staff/cycle").await;
    let stale_step = base_of(&app, &second, step_page).await;

    let saved = submit_form(&app, &first, step_page, &[("title_en", "Help")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let before = draft_definition(&app);
    let moved = app
        .post_with(
            &second,
            "/staff/cycle/steps/profile/support/move",
            &[("direction", "up"), ("base", &stale_overview)],
        )
        .await;
    assert_eq!(moved.status, StatusCode::CONFLICT, "{}", moved.body);
    assert!(
        moved
            .body
            .contains("Someone else saved a change to the draft"),
        "{}",
        moved.body
    );
    let removed = app
        .post_with(
            &second,
            "/staff/cycle/steps/profile/support/remove",
            &[("base", &stale_step)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::CONFLICT, "{}", removed.body);
    let after = draft_definition(&app);
    let keys = |d: &admitto::domain::cycle::Definition| {
        d.profile
            .steps
            .iter()
            .map(|s| s.key.get_ref().clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&before), keys(&after), "nothing moved or was removed");
    let support = admitto::domain::cycle::edit::step(&after, "profile", "support").unwrap();
    assert_eq!(
        support.title.get_ref()["en"],
        "Help",
        "the first change stays"
    );
}

/// Publishing or discarding acts on the draft the administrator reviewed: when someone saved
/// into it since, nothing is published or thrown away and the page says why.
#[tokio::test]
async fn publishing_or_discarding_a_draft_changed_since_it_was_reviewed_is_refused() {
    let app = spawn_app_with_demo_cycle().await;
    let first = app.signed_in_staff(Role::ProgramAdmin).await;
    let second = app.signed_in_staff(Role::ProgramAdmin).await;
    let opened = submit_form(
        &app,
        &first,
        "/staff/cycle/steps/profile/support",
        &[("title_en", "Help")],
    )
    .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let reviewed = base_of(&app, &second, "/staff/cycle").await;
    let saved = submit_form(
        &app,
        &first,
        "/staff/cycle/steps/profile/support",
        &[("title_en", "Help and support")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    for verb in ["publish", "discard"] {
        let refused = app
            .post_with(
                &second,
                &format!("/staff/cycle/{verb}"),
                &[("base", &reviewed)],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::CONFLICT,
            "{verb}: {}",
            refused.body
        );
        assert!(refused
            .body
            .contains("Someone else saved a change to the draft"));
    }
    let (row, _) = admitto::services::cycles::current(&mut app.conn())
        .unwrap()
        .unwrap();
    assert_eq!(row.version, 1, "nothing was published");
    let draft = draft_definition(&app);
    let support = admitto::domain::cycle::edit::step(&draft, "profile", "support").unwrap();
    assert_eq!(
        support.title.get_ref()["en"],
        "Help and support",
        "the draft stays"
    );

    // Looked at again, it publishes.
    let current = base_of(&app, &second, "/staff/cycle").await;
    let published = app
        .post_with(&second, "/staff/cycle/publish", &[("base", &current)])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
}
