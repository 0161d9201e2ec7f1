//! The editor's edits tried on the demo cycle in `admin-config/`.

use super::*;
use crate::domain::cycle::validate::{validate, Part};
use std::path::Path;

fn demo() -> Definition {
    crate::config::admin::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config"))
        .unwrap_or_else(|problems| panic!("the demo cycle does not load: {problems:?}"))
}

fn text(pl: &str, en: &str) -> Spanned<Text> {
    unspanned(Text::from([
        ("pl".to_owned(), pl.to_owned()),
        ("en".to_owned(), en.to_owned()),
    ]))
}

fn field_keys(definition: &Definition, owner: &str, step: &str) -> Vec<String> {
    self::step(definition, owner, step)
        .map(|s| s.fields.iter().map(|f| f.key.get_ref().clone()).collect())
        .unwrap_or_default()
}

/// A workflow of the demo cycle and its first step that has fields.
fn workflow_step(definition: &Definition) -> (String, String) {
    definition
        .workflows
        .iter()
        .find_map(|(_, w)| {
            let step = w.steps.iter().find(|s| s.fields.len() >= 2)?;
            Some((
                w.workflow.code.get_ref().clone(),
                step.key.get_ref().clone(),
            ))
        })
        .unwrap_or_else(|| panic!("no workflow step with two fields"))
}

#[test]
fn parts_are_found_by_owner_and_key() {
    let definition = demo();
    assert!(field(&definition, PROFILE_OWNER, "pesel").is_some());
    assert!(step(&definition, PROFILE_OWNER, "personal").is_some());
    assert!(document(&definition, PROFILE_OWNER, "photo").is_some());
    // The profile's fields are not a workflow's.
    let (workflow, _) = workflow_step(&definition);
    assert!(field(&definition, &workflow, "pesel").is_none());
    assert!(steps(&definition, "no-such-workflow").is_none());
    assert!(programme(&definition, "informatyka-s1").is_some());
}

#[test]
fn a_step_field_and_document_are_added_at_the_end() {
    let mut definition = demo();
    let (owner, _) = workflow_step(&definition);
    add_step(&mut definition, &owner, "visa", text("Wiza", "Visa")).unwrap();
    add_field(
        &mut definition,
        &owner,
        "visa",
        NewField {
            key: "visa_number".into(),
            kind: FieldType::Text,
            label: text("Numer", "Number"),
            required: true,
            options: Vec::new(),
        },
    )
    .unwrap();
    add_document(
        &mut definition,
        &owner,
        "visa",
        NewDocument {
            key: "visa_copy".into(),
            name: text("Kopia", "Copy"),
            required: true,
            required_when: None,
        },
    )
    .unwrap();
    let steps = steps(&definition, &owner).unwrap();
    let visa = steps.last().unwrap();
    assert_eq!(visa.key.get_ref(), "visa");
    assert_eq!(visa.fields[0].max_length, Some(200));
    assert_eq!(visa.documents[0].types.len(), 3);
    assert!(
        validate(&definition).is_empty(),
        "{:?}",
        validate(&definition)
    );
    assert_eq!(
        add_field(
            &mut definition,
            &owner,
            "no_such_step",
            NewField {
                key: "x".into(),
                kind: FieldType::Text,
                label: text("X", "X"),
                required: false,
                options: Vec::new(),
            },
        ),
        Err(EditError::NotFound)
    );
}

#[test]
fn moving_swaps_neighbours_and_stops_at_either_end() {
    let mut definition = demo();
    let (owner, step) = workflow_step(&definition);
    let before = field_keys(&definition, &owner, &step);
    assert_eq!(
        move_field(&mut definition, &owner, &before[0], Direction::Up),
        Err(EditError::AtEnd)
    );
    move_field(&mut definition, &owner, &before[0], Direction::Down).unwrap();
    let after = field_keys(&definition, &owner, &step);
    assert_eq!((&after[0], &after[1]), (&before[1], &before[0]));
    let last = before.last().unwrap();
    assert_eq!(
        move_field(&mut definition, &owner, last, Direction::Down),
        Err(EditError::AtEnd)
    );
    assert_eq!(Direction::parse("sideways"), None);
    let first_step = steps(&definition, &owner).unwrap()[0].key.get_ref().clone();
    assert_eq!(
        move_step(&mut definition, &owner, &first_step, Direction::Up),
        Err(EditError::AtEnd)
    );
}

#[test]
fn removing_a_field_a_condition_still_reads_is_refused_by_validation_at_that_condition() {
    let mut definition = demo();
    let (owner, step) = workflow_step(&definition);
    let read = field_keys(&definition, &owner, &step)[0].clone();
    add_document(
        &mut definition,
        &owner,
        &step,
        NewDocument {
            key: "depends".into(),
            name: text("Zależny", "Dependent"),
            required: false,
            required_when: Some(unspanned(format!("answers.{read} != ''"))),
        },
    )
    .unwrap();
    assert!(
        validate(&definition).is_empty(),
        "{:?}",
        validate(&definition)
    );
    remove_field(&mut definition, &owner, &read).unwrap();
    let problems = validate(&definition);
    let at_condition = Part::Document {
        owner: owner.clone(),
        key: "depends".into(),
    }
    .at("required_when");
    assert!(
        problems.iter().any(|p| p.at == at_condition),
        "{problems:?}"
    );
    assert_eq!(
        remove_field(&mut definition, &owner, &read),
        Err(EditError::NotFound)
    );
}

#[test]
fn a_programme_copy_gets_its_own_code_file_and_name_and_a_taken_code_is_refused() {
    let mut definition = demo();
    copy_programme(
        &mut definition,
        "informatyka-s1",
        "informatyka-s2",
        text("Informatyka II", "Computer Science II"),
    )
    .unwrap();
    let copy = programme(&definition, "informatyka-s2").unwrap();
    assert_eq!(copy.name.get_ref()["en"], "Computer Science II");
    assert!(definition
        .programs
        .iter()
        .any(|(file, _)| file == "programs/informatyka-s2.toml"));
    assert_eq!(
        copy_programme(&mut definition, "informatyka-s1", "prawo", text("X", "X")),
        Err(EditError::Taken)
    );
    remove_programme(&mut definition, "informatyka-s2").unwrap();
    assert_eq!(
        remove_programme(&mut definition, "informatyka-s2"),
        Err(EditError::NotFound)
    );
}

#[test]
fn a_broken_points_formula_is_located_at_the_programmes_points() {
    let mut definition = demo();
    let mut values = {
        let p = programme(&definition, "informatyka-s1").unwrap();
        ProgrammeValues {
            name: p.name.clone(),
            description: p.description.clone(),
            level: p.level,
            form: p.form,
            language: p.language.clone(),
            workflow: p.workflow.get_ref().clone(),
            capacity: p.capacity,
            fee_amount: p.fee.amount.get_ref().clone(),
            tuition: p.tuition.clone(),
            points: p.points.clone(),
            points_max: p.points_max,
            threshold: p.threshold,
            fee_exempt_when: p.fee_exempt_when.clone(),
        }
    };
    values.points = Some(unspanned("results.maths.extended".to_owned()));
    values.capacity = 135;
    set_programme(&mut definition, "informatyka-s1", values).unwrap();
    assert_eq!(
        programme(&definition, "informatyka-s1").unwrap().capacity,
        135
    );
    let problems = validate(&definition);
    let at_points = Part::Programme("informatyka-s1".into()).at("points");
    assert!(
        problems
            .iter()
            .any(|p| p.at == at_points && p.message.contains("maths")),
        "{problems:?}"
    );
}
