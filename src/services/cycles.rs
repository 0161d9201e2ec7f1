//! Versions of the admission-cycle definition: importing a checked definition as a new
//! published version (the previous ones stay, so applications keep theirs), and reading the
//! current one back.

use crate::config::admin::{self, Files};
use crate::db::{self, write_tx, DbConn};
use crate::domain::cycle::edit::EditError;
use crate::domain::cycle::{Definition, Problem};
use anyhow::Context;
use sha2::{Digest, Sha256};

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
    /// What editor forms rendered from the draft carry.
    pub base: Base,
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
        base: Base::of(&row.files),
        base_version,
        id: row.id,
        definition,
        files,
    }))
}

/// The state an editor form was rendered from: a digest of the stored files of the open draft,
/// or of the published version when no draft is open. A save names the base it started from
/// and is refused when the stored state moved on meanwhile, so two administrators editing at
/// once never silently overwrite each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// The base of a stored version, from its files as stored (JSON).
    pub fn of(stored_files: &str) -> Base {
        Base(format!("{:x}", Sha256::digest(stored_files.as_bytes())))
    }

    /// The base a form sent back (anything: a forged or stale one is simply not current).
    pub fn from_form(value: &str) -> Base {
        Base(value.trim().to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The definition the editor works on: the open draft, or the published version when none is
/// open yet (the first save opens the draft).
pub struct Editable {
    pub definition: Definition,
    pub base: Base,
}

/// The stored row the editor works on, with its definition.
fn editable_row(
    conn: &mut DbConn,
) -> anyhow::Result<Option<(db::cycles::CycleVersionRow, Definition)>> {
    let Some(published) = db::cycles::current_published(conn)? else {
        return Ok(None);
    };
    let row = match db::cycles::draft(conn, &published.cycle_code)? {
        Some(draft) => draft,
        None => published,
    };
    let (_, definition) = parse_stored(&row)?;
    Ok(Some((row, definition)))
}

pub fn editable(conn: &mut DbConn) -> anyhow::Result<Option<Editable>> {
    Ok(editable_row(conn)?.map(|(row, definition)| Editable {
        base: Base::of(&row.files),
        definition,
    }))
}

#[derive(Debug)]
pub enum EditOutcome {
    Saved,
    /// The edited definition does not validate: nothing stored.
    Invalid(Vec<Problem>),
    /// The edit itself could not be made (no such part, a taken code, already at the end).
    Refused(EditError),
    /// Someone saved, opened, published or discarded a draft since the form was rendered from
    /// `base`: nothing stored; `current` is the state now.
    Conflict {
        current: Base,
    },
}

/// Why the write of an edit stopped: a lost race, or the database.
enum WriteError {
    Conflict,
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for WriteError {
    fn from(e: diesel::result::Error) -> Self {
        WriteError::Db(e)
    }
}

/// Makes `edit` on the definition the editor started from (`base`) and saves it into the draft,
/// opening one if none is open, when the whole definition still validates. Validation runs
/// before the write transaction (it takes a while); the transaction then stores the result only
/// if the stored files are still those the edit was made on: a conditional update on the draft,
/// or, when the draft is opened by this save, the unique (cycle, version) of drafts, so a draft
/// someone else opened meanwhile is never replaced.
#[tracing::instrument(skip_all, fields(what))]
pub fn edit(
    conn: &mut DbConn,
    base: &Base,
    by: &str,
    what: &str,
    edit: impl FnOnce(&mut Definition) -> Result<(), EditError>,
) -> anyhow::Result<EditOutcome> {
    let (row, mut definition) = editable_row(conn)?.context("no published cycle to edit")?;
    let conflict = |conn: &mut DbConn| -> anyhow::Result<EditOutcome> {
        let current = editable(conn)?.context("no published cycle to edit")?.base;
        Ok(EditOutcome::Conflict { current })
    };
    if Base::of(&row.files) != *base {
        return conflict(conn);
    }
    if let Err(refused) = edit(&mut definition) {
        return Ok(EditOutcome::Refused(refused));
    }
    let files = admin::to_files(&definition)?;
    if let Err(problems) = admin::from_files(files.clone()) {
        return Ok(EditOutcome::Invalid(problems));
    }
    let json = serde_json::to_string(&files)?;
    let written = write_tx(conn, |conn| -> Result<(), WriteError> {
        let now = db::now();
        let draft_id = if row.state == db::cycles::STATE_DRAFT {
            row.id.clone()
        } else {
            // Opening the draft: only from the published version the edit was made on.
            let published = db::cycles::current_published(conn)?;
            if published.is_none_or(|p| p.id != row.id)
                || db::cycles::draft(conn, &row.cycle_code)?.is_some()
            {
                return Err(WriteError::Conflict);
            }
            let id = db::new_id();
            match db::cycles::insert_draft(
                conn,
                &db::cycles::NewVersion {
                    id: &id,
                    cycle_code: &row.cycle_code,
                    version: db::cycles::DRAFT_VERSION,
                    files: &row.files,
                    by: Some(by),
                    now,
                },
            ) {
                // Another save opened the draft between our check and insert (PostgreSQL).
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                )) => return Err(WriteError::Conflict),
                other => other?,
            }
            db::audit::record(
                conn,
                Some(by),
                "cycle.draft.start",
                &row.cycle_code,
                &format!("from version {}", row.version),
                now,
            )?;
            id
        };
        if db::cycles::update_draft_files_if(conn, &draft_id, &row.files, &json)? != 1 {
            return Err(WriteError::Conflict);
        }
        db::audit::record(conn, Some(by), "cycle.draft.edit", &draft_id, what, now)?;
        Ok(())
    });
    match written {
        Ok(()) => Ok(EditOutcome::Saved),
        Err(WriteError::Conflict) => conflict(conn),
        Err(WriteError::Db(e)) => Err(anyhow::Error::new(e).context("saving the draft")),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum DiscardOutcome {
    Discarded,
    /// Someone saved a change after the administrator looked at the draft: it stays.
    Changed,
}

/// Discards the draft as it was when the administrator looked at it (`base`); a draft changed
/// since is kept, so nobody throws away work they have not seen.
pub fn discard_draft(
    conn: &mut DbConn,
    draft_id: &str,
    base: &Base,
    by: &str,
) -> anyhow::Result<DiscardOutcome> {
    write_tx(conn, |conn| -> anyhow::Result<DiscardOutcome> {
        let Some(row) = db::cycles::find(conn, draft_id)? else {
            return Ok(DiscardOutcome::Discarded);
        };
        if Base::of(&row.files) != *base
            || db::cycles::delete_draft_if(conn, draft_id, &row.files)? != 1
        {
            return Ok(DiscardOutcome::Changed);
        }
        db::audit::record(
            conn,
            Some(by),
            "cycle.draft.discard",
            draft_id,
            "",
            db::now(),
        )?;
        Ok(DiscardOutcome::Discarded)
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
    /// Someone saved a change after the administrator reviewed the draft: nothing published.
    Changed,
}

/// A draft changed by another save while it was being published.
#[derive(Debug, thiserror::Error)]
#[error("the draft changed while it was being published")]
struct ChangedMeanwhile;

/// Publishes the draft as the next version, as it was when the administrator reviewed it
/// (`base`): the previous published version stays, superseded.
pub fn publish_draft(
    conn: &mut DbConn,
    draft_id: &str,
    base: &Base,
    by: &str,
) -> anyhow::Result<PublishOutcome> {
    let published = write_tx(conn, |conn| -> anyhow::Result<PublishOutcome> {
        let Some(row) = db::cycles::all(conn)?
            .into_iter()
            .find(|r| r.id == draft_id && r.state == db::cycles::STATE_DRAFT)
        else {
            anyhow::bail!("the draft was published or discarded meanwhile");
        };
        if Base::of(&row.files) != *base {
            return Ok(PublishOutcome::Changed);
        }
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
        if !db::cycles::publish_draft_if(conn, draft_id, &row.files, version, Some(by), now)? {
            // Saved into between the check and here: roll the superseding back too.
            return Err(anyhow::Error::new(ChangedMeanwhile));
        }
        db::audit::record(
            conn,
            Some(by),
            "cycle.publish",
            &row.cycle_code,
            &format!("version {version} from the editor"),
            now,
        )?;
        Ok(PublishOutcome::Published(version))
    });
    match published {
        Err(e) if e.is::<ChangedMeanwhile>() => Ok(PublishOutcome::Changed),
        other => other,
    }
}
