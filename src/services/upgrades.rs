//! Data upgrades, made once after the migrations by whichever instance starts first: changes
//! to stored data that need the portal's own rules rather than SQL.

use std::collections::BTreeSet;

use anyhow::Context;
use serde_json::{Map, Value};

use crate::db::{self, write_tx, DbConn};
use crate::domain::cycle::model::{Definition, FieldType, StepDef};
use crate::domain::values::Phone;

/// Makes every upgrade still to do.
pub fn run(conn: &mut DbConn) -> anyhow::Result<()> {
    phones_to_e164(conn)
}

/// Phone numbers stored before numbering plans were checked (a trunk prefix kept after the
/// country code, `+4402079460958`) are stored as the plan's E.164 (`+442079460958`). A number
/// that is not one in its plan keeps its value, and its step counts as not saved, so the
/// candidate is asked to look at it again.
fn phones_to_e164(conn: &mut DbConn) -> anyhow::Result<()> {
    write_tx(conn, |conn| {
        if !db::upgrades::claim(conn, "phones-e164", db::now())? {
            return Ok(());
        }
        // Only when the upgrade is still to do: every stored version's phone fields.
        let mut profile_fields = BTreeSet::new();
        let mut programme_fields = BTreeSet::new();
        for row in db::cycles::all(conn)? {
            match super::cycles::version(conn, &row.id) {
                Ok(Some((_, def))) => {
                    phone_fields(&def, &mut profile_fields, &mut programme_fields)
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(version = %row.id, "phone upgrade skips a version: {e:#}"),
            }
        }
        let (mut fixed, mut flagged) = (0, 0);
        for (candidate, answers, saved) in db::upgrades::profile_answers(conn)? {
            if let Some((answers, saved, f, g)) = upgrade(&answers, &saved, &profile_fields)? {
                db::upgrades::set_profile_answers(conn, &candidate, &answers, &saved)?;
                (fixed, flagged) = (fixed + f, flagged + g);
            }
        }
        for (id, answers, saved) in db::upgrades::application_answers(conn)? {
            if let Some((answers, saved, f, g)) = upgrade(&answers, &saved, &programme_fields)? {
                db::upgrades::set_application_answers(conn, &id, &answers, &saved)?;
                (fixed, flagged) = (fixed + f, flagged + g);
            }
        }
        tracing::info!(fixed, flagged, "phone numbers stored as E.164");
        Ok::<_, anyhow::Error>(())
    })
}

/// The (step, field) keys of the phone fields of a definition's profile and programme steps.
fn phone_fields(
    def: &Definition,
    profile: &mut BTreeSet<(String, String)>,
    programmes: &mut BTreeSet<(String, String)>,
) {
    let phones = |steps: &[StepDef], into: &mut BTreeSet<(String, String)>| {
        for step in steps {
            for field in step.fields.iter().filter(|f| f.kind == FieldType::Phone) {
                into.insert((step.key.get_ref().clone(), field.key.get_ref().clone()));
            }
        }
    };
    phones(&def.profile.steps, profile);
    for (_, workflow) in &def.workflows {
        phones(&workflow.steps, programmes);
    }
}

/// One row's answers with its phone numbers upgraded, if anything changed: the answers, the
/// saved steps, how many numbers were rewritten and how many were flagged.
fn upgrade(
    answers: &str,
    saved_steps: &str,
    fields: &BTreeSet<(String, String)>,
) -> anyhow::Result<Option<(String, String, usize, usize)>> {
    let mut answers: Map<String, Value> =
        serde_json::from_str(answers).context("reading stored answers")?;
    let mut saved: Vec<String> =
        serde_json::from_str(saved_steps).context("reading stored saved steps")?;
    let (mut fixed, mut flagged) = (0, 0);
    for (step, key) in fields {
        let Some(Value::String(stored)) = answers.get(key) else {
            continue;
        };
        match Phone::from_stored(stored) {
            Ok(phone) if phone.as_str() == stored => {}
            Ok(phone) => {
                answers.insert(key.clone(), Value::String(phone.as_str().to_owned()));
                fixed += 1;
            }
            Err(_) => {
                if saved.contains(step) {
                    saved.retain(|s| s != step);
                    flagged += 1;
                }
            }
        }
    }
    if fixed + flagged == 0 {
        return Ok(None);
    }
    Ok(Some((
        serde_json::to_string(&answers)?,
        serde_json::to_string(&saved)?,
        fixed,
        flagged,
    )))
}
