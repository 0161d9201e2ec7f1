//! Small JPEG previews of image documents, made on first use and kept beside the file
//! (`previews/<document id>.jpg`; a document's bytes never change), for the verification queue
//! and the photos on exam attendance lists.

use crate::db::documents::DocumentRow;
use crate::storage::Storage;
use tokio::sync::Semaphore;

/// The preview of `document`: None for a PDF or an image that cannot be decoded (the reason is
/// logged). At most as many are made at once as `making` has permits.
pub async fn preview(
    storage: &Storage,
    making: &Semaphore,
    document: &DocumentRow,
) -> anyhow::Result<Option<Vec<u8>>> {
    if !document.content_type.starts_with("image/") {
        return Ok(None);
    }
    let key = format!("previews/{}.jpg", document.id);
    if let Some(stored) = storage.read_if_exists(&key).await? {
        return Ok(Some(stored.to_vec()));
    }
    let _permit = making.acquire().await?;
    let original = storage.read(&document.storage_key).await?;
    let made = tokio::task::spawn_blocking(move || crate::thumbnail::make(&original)).await?;
    match made {
        Ok(jpeg) => {
            storage.put(&key, jpeg.clone()).await?;
            Ok(Some(jpeg))
        }
        Err(e) => {
            tracing::warn!(document = %document.id, error = %format!("{e:#}"), "no preview");
            Ok(None)
        }
    }
}
