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
    let Some(row) = db::cycles::current_published(conn)? else {
        return Ok(None);
    };
    let (_, definition) = parse_stored(&row)?;
    Ok(Some((row, definition)))
}

/// A stored published (or superseded) version by id, parsed and validated.
pub fn version(
    conn: &mut DbConn,
    id: &str,
) -> anyhow::Result<Option<(db::cycles::CycleVersionRow, Definition)>> {
    let Some(row) = db::cycles::find(conn, id)? else {
        return Ok(None);
    };
    let (_, definition) = parse_stored(&row)?;
    Ok(Some((row, definition)))
}

/// The cycle's open draft, if any, with its definition.
pub struct Draft {
    pub id: String,
    pub definition: Definition,
    pub files: Files,
    /// The published version the draft was copied from.
    pub base_version: i32,
    /// The version published since the draft was opened (e.g. by `admitto config apply`), if
    /// any: publishing the draft would silently undo that version's changes, so it is refused.
    pub outdated_by: Option<i32>,
}

/// Whether a newer version than the draft's base was published after the draft was opened.
fn outdated_by(
    published: &db::cycles::CycleVersionRow,
    draft: &db::cycles::CycleVersionRow,
) -> Option<i32> {
    published
        .published_at
        .filter(|at| *at > draft.created_at)
        .map(|_| published.version)
}

fn parse_stored(row: &db::cycles::CycleVersionRow) -> anyhow::Result<(Files, Definition)> {
    let files: Files =
        serde_json::from_str(&row.files).context("reading a stored cycle version")?;
    let definition = admin::from_files(files.clone()).map_err(|problems| {
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
    Ok((files, definition))
}

/// The draft of the current cycle, if staff started one.
pub fn draft(conn: &mut DbConn) -> anyhow::Result<Option<Draft>> {
    let Some(published) = db::cycles::current_published(conn)? else {
        return Ok(None);
    };
    let Some(row) = db::cycles::draft(conn, &published.cycle_code)? else {
        return Ok(None);
    };
    let (files, definition) = parse_stored(&row)?;
    let base_version = db::cycles::all(conn)?
        .iter()
        .filter(|v| v.cycle_code == row.cycle_code)
        .filter(|v| v.published_at.is_some_and(|at| at <= row.created_at))
        .map(|v| v.version)
        .max()
        .unwrap_or(published.version);
    Ok(Some(Draft {
        outdated_by: outdated_by(&published, &row),
        base_version,
        id: row.id,
        definition,
        files,
    }))
}

/// Opens a draft as a copy of the published version (or returns the open one).
pub fn start_draft(conn: &mut DbConn, by: &str) -> anyhow::Result<Draft> {
    write_tx(conn, |conn| -> anyhow::Result<()> {
        let published =
            db::cycles::current_published(conn)?.context("no published cycle to edit")?;
        if db::cycles::draft(conn, &published.cycle_code)?.is_none() {
            let now = db::now();
            db::cycles::insert_draft(
                conn,
                &db::cycles::NewVersion {
                    id: &db::new_id(),
                    cycle_code: &published.cycle_code,
                    version: db::cycles::DRAFT_VERSION,
                    files: &published.files,
                    by: Some(by),
                    now,
                },
            )?;
            db::audit::record(
                conn,
                Some(by),
                "cycle.draft.start",
                &published.cycle_code,
                &format!("from version {}", published.version),
                now,
            )?;
        }
        Ok(())
    })?;
    draft(conn)?.context("the draft just started is missing")
}

/// Saves an edited definition into the draft (opening one if needed) when the whole definition
/// is still valid; otherwise returns the problems and stores nothing.
pub fn save_edit(
    conn: &mut DbConn,
    edited: &Definition,
    by: &str,
    what: &str,
) -> anyhow::Result<Result<(), Vec<Problem>>> {
    let files = admin::to_files(edited)?;
    if let Err(problems) = admin::from_files(files.clone()) {
        return Ok(Err(problems));
    }
    let draft_id = start_draft(conn, by)?.id;
    let json = serde_json::to_string(&files)?;
    write_tx(conn, |conn| -> anyhow::Result<()> {
        let updated = db::cycles::update_draft_files(conn, &draft_id, &json)?;
        anyhow::ensure!(
            updated == 1,
            "the draft was published or discarded meanwhile"
        );
        db::audit::record(
            conn,
            Some(by),
            "cycle.draft.edit",
            &draft_id,
            what,
            db::now(),
        )?;
        Ok(())
    })?;
    Ok(Ok(()))
}

pub fn discard_draft(conn: &mut DbConn, draft_id: &str, by: &str) -> anyhow::Result<()> {
    write_tx(conn, |conn| -> anyhow::Result<()> {
        db::cycles::delete_draft(conn, draft_id)?;
        db::audit::record(
            conn,
            Some(by),
            "cycle.draft.discard",
            draft_id,
            "",
            db::now(),
        )?;
        Ok(())
    })
}

#[derive(Debug)]
pub enum PublishOutcome {
    Published(i32),
    Invalid(Vec<Problem>),
    /// Version `current` was published after the draft was opened from version `base`.
    Outdated {
        base: i32,
        current: i32,
    },
}

/// Publishes the draft as the next version: the previous published version stays, superseded.
pub fn publish_draft(
    conn: &mut DbConn,
    draft_id: &str,
    by: &str,
) -> anyhow::Result<PublishOutcome> {
    write_tx(conn, |conn| -> anyhow::Result<PublishOutcome> {
        let Some(row) = db::cycles::all(conn)?
            .into_iter()
            .find(|r| r.id == draft_id && r.state == db::cycles::STATE_DRAFT)
        else {
            anyhow::bail!("the draft was published or discarded meanwhile");
        };
        if let Some(published) = db::cycles::current_published(conn)? {
            if let Some(current) = outdated_by(&published, &row) {
                let base = draft(conn)?.map_or(current, |d| d.base_version);
                return Ok(PublishOutcome::Outdated { base, current });
            }
        }
        let files: Files = serde_json::from_str(&row.files).context("reading the draft")?;
        if let Err(problems) = admin::from_files(files) {
            return Ok(PublishOutcome::Invalid(problems));
        }
        let now = db::now();
        let version = db::cycles::next_version(conn, &row.cycle_code)?;
        db::cycles::supersede_published(conn, &row.cycle_code)?;
        db::cycles::publish_draft(conn, draft_id, version, Some(by), now)?;
        db::audit::record(
            conn,
            Some(by),
            "cycle.publish",
            &row.cycle_code,
            &format!("version {version} from the editor"),
            now,
        )?;
        Ok(PublishOutcome::Published(version))
    })
}
