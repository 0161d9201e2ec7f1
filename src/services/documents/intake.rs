//! Taking in an upload. Before its body is read, [`admit`] checks what the request declares and
//! what is stored already (size, who may replace the current version, the quota); [`receive`]
//! then streams the file into storage, and to the malware scanner when one is configured,
//! checking size, type and soundness on the way; [`super::record_upload`] makes it the
//! requirement's current version. A refused upload leaves nothing in storage.

use crate::db::{self, DbConn};
use crate::domain::cycle::model::DocumentType;
use crate::domain::documents::{inspect, may_change, Change, Refusal, Slot};
use crate::domain::UserId;
use crate::scan::{Scanner, Verdict};
use crate::storage::Storage;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};

/// Room for the multipart envelope and the CSRF field around the file.
pub const ENVELOPE_BYTES: u64 = 64 * 1024;

/// The rules for an upload: the requirement's (file types, size) and the candidate's quota.
#[derive(Debug, Clone)]
pub struct Limits {
    pub types: Vec<DocumentType>,
    pub max_mb: u32,
    /// Bytes the candidate may have stored in all (every kept version counts).
    pub quota_bytes: i64,
}

impl Limits {
    pub fn max_bytes(&self) -> u64 {
        u64::from(self.max_mb) * 1024 * 1024
    }
}

/// The checks before the body is read: a declared size over the limit, a current version that
/// may not be replaced (accepted, or the answers are closed and it was not rejected), and the
/// candidate's quota.
pub fn admit(
    conn: &mut DbConn,
    slot: &Slot,
    limits: &Limits,
    declared: Option<u64>,
    answers_open: bool,
) -> anyhow::Result<Result<(), Refusal>> {
    if declared.is_some_and(|d| d > limits.max_bytes() + ENVELOPE_BYTES) {
        return Ok(Err(Refusal::TooLarge {
            max_mb: limits.max_mb,
        }));
    }
    let current = db::documents::current_status(conn, slot)?;
    if let Err(refused) = may_change(Change::Replace, current, answers_open) {
        return Ok(Err(refused.into()));
    }
    let used = db::documents::stored_bytes(conn, slot.candidate.as_str())?;
    let declared = i64::try_from(declared.unwrap_or(0)).unwrap_or(i64::MAX);
    if used.saturating_add(declared) > limits.quota_bytes + ENVELOPE_BYTES as i64 {
        return Ok(Err(Refusal::Quota));
    }
    Ok(Ok(()))
}

/// A file that passed every check, complete in storage.
pub struct Stored {
    pub storage_key: String,
    pub kind: DocumentType,
    pub size: i64,
    pub sha256: String,
}

/// What became of an upload's file.
pub enum Received {
    Stored(Stored),
    Refused(Refusal),
    /// The client stopped sending: nothing is kept, and nobody is there to read a page.
    Interrupted,
}

/// Streams `chunks` into storage (and to `scanner`), checking size, type and soundness on the
/// way. Storage sees the upload completed only when every check passed; otherwise it is
/// aborted and nothing is kept.
pub async fn receive<S, E>(
    storage: &Storage,
    scanner: Option<&Scanner>,
    candidate: &UserId,
    limits: &Limits,
    mut chunks: S,
) -> anyhow::Result<Received>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let key = format!("documents/{candidate}/{}", db::new_id());
    let mut upload = storage.begin(&key).await?;
    let mut scan = match scanner {
        None => None,
        Some(scanner) => match scanner.begin().await {
            Ok(scan) => Some(scan),
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), "malware scanner unavailable");
                upload.abort().await;
                return Ok(Received::Refused(Refusal::ScanUnavailable));
            }
        },
    };
    let mut hasher = Sha256::new();
    let mut inspector = inspect::Inspector::new();
    let mut refusal = None;
    while let Some(chunk) = chunks.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(e) => {
                upload.abort().await;
                tracing::info!(error = %e, "upload interrupted");
                return Ok(Received::Interrupted);
            }
        };
        if inspector.size() + chunk.len() as u64 > limits.max_bytes() {
            refusal = Some(Refusal::TooLarge {
                max_mb: limits.max_mb,
            });
            break;
        }
        inspector.update(&chunk);
        hasher.update(&chunk);
        if let Some(s) = scan.as_mut() {
            if let Err(e) = s.write(&chunk).await {
                tracing::error!(error = %format!("{e:#}"), "sending an upload to the malware scanner");
                refusal = Some(Refusal::ScanUnavailable);
                break;
            }
        }
        if let Err(e) = upload.write(&chunk).await {
            upload.abort().await;
            return Err(e);
        }
    }
    let sha256 = format!("{:x}", hasher.finalize());
    if let (None, Some(scan)) = (&refusal, scan) {
        refusal = verdict(scan.finish().await, &sha256);
    }
    let inspection = inspector.finish();
    let size = inspection.size;
    let refusal = refusal.or_else(|| inspected(&inspection, &limits.types));
    let kind = match (refusal, inspection.kind) {
        (None, Some(kind)) => kind,
        (refusal, _) => {
            upload.abort().await;
            return Ok(Received::Refused(refusal.unwrap_or(Refusal::WrongType)));
        }
    };
    upload.finish().await?;
    if let Some(xref) = inspection.pdf_xref {
        // A PDF's last line points at its cross-reference section; a damaged file points
        // anywhere else.
        let at = storage.read_range(&key, xref..(xref + 64).min(size)).await;
        if !at.as_deref().is_ok_and(inspect::is_xref_start) {
            storage.delete(&key).await?;
            return Ok(Received::Refused(Refusal::Damaged));
        }
    }
    Ok(Received::Stored(Stored {
        storage_key: key,
        kind,
        size: size as i64,
        sha256,
    }))
}

/// The scanner's verdict as a refusal (none for a clean file).
fn verdict(verdict: anyhow::Result<Verdict>, sha256: &str) -> Option<Refusal> {
    match verdict {
        Ok(Verdict::Clean) => None,
        Ok(Verdict::Infected(signature)) => Some(Refusal::Infected {
            signature,
            sha256: sha256.to_owned(),
        }),
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "scanning an upload");
            Some(Refusal::ScanUnavailable)
        }
    }
}

/// What the file's own bytes refuse: empty, a type the requirement does not take, or a problem
/// inside the file.
fn inspected(inspection: &inspect::Inspection, allowed: &[DocumentType]) -> Option<Refusal> {
    match (inspection.kind, &inspection.problem) {
        _ if inspection.size == 0 => Some(Refusal::Empty),
        (Some(kind), _) if !allowed.contains(&kind) => Some(Refusal::WrongType),
        (None, _) => Some(Refusal::WrongType),
        (Some(_), Some(problem)) => Some(match problem {
            inspect::Problem::Polyglot => Refusal::Polyglot,
            inspect::Problem::Damaged => Refusal::Damaged,
            inspect::Problem::TooManyPixels { megapixels } => Refusal::TooManyPixels {
                megapixels: *megapixels,
            },
        }),
        (Some(_), None) => None,
    }
}
