//! Where uploaded files live: an object store, by default the local file system under the data
//! directory. Uploads are streamed into it part by part, so a file is never held whole in
//! memory (at most [`UPLOAD_CONCURRENCY`] parts in flight plus the one being filled), and an
//! upload that fails a check is aborted so nothing partial stays behind.

use anyhow::Context;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};
use std::sync::Arc;

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Bytes gathered before a part is sent to the store.
    part_bytes: usize,
}

/// How many parts may be in flight to the store per upload.
const UPLOAD_CONCURRENCY: usize = 2;
/// Parts for the local file system: small, so an upload holds little memory.
const LOCAL_PART_BYTES: usize = 256 * 1024;
/// Parts for S3, whose multipart uploads need at least 5 MiB in every part but the last.
const S3_PART_BYTES: usize = 5 * 1024 * 1024;

impl Storage {
    /// Files under `dir` (created if missing).
    pub fn local(dir: &std::path::Path) -> anyhow::Result<Storage> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let store = LocalFileSystem::new_with_prefix(dir)
            .with_context(|| format!("opening file storage in {}", dir.display()))?;
        Ok(Storage {
            store: Arc::new(store),
            part_bytes: LOCAL_PART_BYTES,
        })
    }

    /// The store the settings name: a local directory (default `<data_dir>/files`) or an
    /// S3-compatible bucket.
    pub fn from_settings(settings: &crate::config::Settings) -> anyhow::Result<Storage> {
        use crate::config::StorageBackend;
        use secrecy::ExposeSecret;
        let s = &settings.storage;
        match s.backend {
            StorageBackend::Local => Storage::local(
                &s.dir
                    .clone()
                    .unwrap_or_else(|| settings.data_dir.join("files")),
            ),
            StorageBackend::S3 => {
                let bucket = s
                    .s3_bucket
                    .as_deref()
                    .context("storage.s3_bucket must be set for the s3 backend")?;
                let mut builder = object_store::aws::AmazonS3Builder::new()
                    .with_bucket_name(bucket)
                    .with_region(&s.s3_region)
                    .with_allow_http(s.s3_allow_http);
                if let Some(endpoint) = &s.s3_endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_virtual_hosted_style_request(false);
                }
                if let Some(key) = &s.s3_access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = &s.s3_secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose_secret());
                }
                let store = builder.build().context("configuring S3 storage")?;
                Ok(Storage {
                    store: Arc::new(store),
                    part_bytes: S3_PART_BYTES,
                })
            }
        }
    }

    /// Starts streaming an object to `key` (ASCII).
    pub async fn begin(&self, key: &str) -> anyhow::Result<Upload> {
        let upload = self
            .store
            .put_multipart(&ObjectPath::from(key))
            .await
            .context("starting an upload")?;
        Ok(Upload {
            writer: WriteMultipart::new_with_chunk_size(upload, self.part_bytes),
        })
    }

    pub async fn read(&self, key: &str) -> anyhow::Result<bytes::Bytes> {
        let result = self
            .store
            .get(&ObjectPath::from(key))
            .await
            .context("reading a stored file")?;
        result.bytes().await.context("reading a stored file")
    }

    /// The bytes of `range` (which must lie within the file).
    pub async fn read_range(
        &self,
        key: &str,
        range: std::ops::Range<u64>,
    ) -> anyhow::Result<bytes::Bytes> {
        self.store
            .get_range(&ObjectPath::from(key), range)
            .await
            .context("reading a stored file")
    }

    /// Stores a small object in one piece (a preview).
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.store
            .put(&ObjectPath::from(key), bytes.into())
            .await
            .context("storing a file")?;
        Ok(())
    }

    /// The object at `key`, or None when there is none.
    pub async fn read_if_exists(&self, key: &str) -> anyhow::Result<Option<bytes::Bytes>> {
        match self.store.get(&ObjectPath::from(key)).await {
            Ok(result) => Ok(Some(result.bytes().await.context("reading a stored file")?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e).context("reading a stored file"),
        }
    }

    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        self.store
            .delete(&ObjectPath::from(key))
            .await
            .context("deleting a stored file")
    }
}

/// An upload in progress.
pub struct Upload {
    writer: WriteMultipart,
}

impl Upload {
    pub async fn write(&mut self, chunk: &[u8]) -> anyhow::Result<()> {
        self.writer
            .wait_for_capacity(UPLOAD_CONCURRENCY)
            .await
            .context("writing an upload")?;
        self.writer.write(chunk);
        Ok(())
    }

    pub async fn finish(self) -> anyhow::Result<()> {
        self.writer.finish().await.context("finishing an upload")?;
        Ok(())
    }

    /// Drops what was written so far.
    pub async fn abort(self) {
        if let Err(e) = self.writer.abort().await {
            tracing::warn!(error = %e, "aborting an upload");
        }
    }
}
