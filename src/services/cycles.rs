//! Versions of the admission-cycle definition: importing a checked definition as a new
//! published version (the previous ones stay, so applications keep theirs), and reading the
//! current one back.

use crate::config::admin::{self, Files};
use crate::db::{self, write_tx, DbConn};
use crate::domain::cycle::{Definition, Problem};
use anyhow::Context;

#[derive(Debug)]
pub enum ApplyOutcome {
    Applied {
        cycle: String,
        version: i32,
    },
    /// The definition is the same as the current published version: nothing stored.
    Unchanged {
        cycle: String,
        version: i32,
    },
    Invalid(Vec<Problem>),
}

/// Checks `files` and, when they are valid, stores them (in canonical form) as the new
/// published version of their cycle. `by` is the acting user id (None for the command line).
#[tracing::instrument(skip_all)]
pub fn apply(conn: &mut DbConn, files: Files, by: Option<&str>) -> anyhow::Result<ApplyOutcome> {
    let definition = match admin::from_files(files) {
        Ok(d) => d,
        Err(problems) => return Ok(ApplyOutcome::Invalid(problems)),
    };
    let canonical = admin::to_files(&definition)?;
    let json = serde_json::to_string(&canonical)?;
    let cycle = definition.cycle.cycle.code.get_ref().clone();
    write_tx(conn, |conn| -> anyhow::Result<ApplyOutcome> {
        if let Some((row, files)) = current_files(conn)? {
            if row.cycle_code == cycle && files == canonical {
                return Ok(ApplyOutcome::Unchanged {
                    cycle: cycle.clone(),
                    version: row.version,
                });
            }
        }
        let now = db::now();
        let version = db::cycles::next_version(conn, &cycle)?;
        db::cycles::supersede_published(conn, &cycle)?;
        db::cycles::insert_published(
            conn,
            &db::cycles::NewVersion {
                id: &db::new_id(),
                cycle_code: &cycle,
                version,
                files: &json,
                by,
                now,
            },
        )?;
        db::audit::record(
            conn,
            by,
            "cycle.publish",
            &cycle,
            &format!("version {version}"),
            now,
        )?;
        Ok(ApplyOutcome::Applied {
            cycle: cycle.clone(),
            version,
        })
    })
}

/// The files of the current published version, if any.
pub fn current_files(
    conn: &mut DbConn,
) -> anyhow::Result<Option<(db::cycles::CycleVersionRow, Files)>> {
    let Some(row) = db::cycles::current_published(conn)? else {
        return Ok(None);
    };
    let files: Files =
        serde_json::from_str(&row.files).context("reading a stored cycle version")?;
    Ok(Some((row, files)))
}

/// The current published definition, parsed and validated.
pub fn current(
    conn: &mut DbConn,
) -> anyhow::Result<Option<(db::cycles::CycleVersionRow, Definition)>> {
    let Some((row, files)) = current_files(conn)? else {
        return Ok(None);
    };
    let definition = admin::from_files(files).map_err(|problems| {
        anyhow::anyhow!(
            "stored cycle version {} {} no longer validates: {}",
            row.cycle_code,
            row.version,
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    Ok(Some((row, definition)))
}
