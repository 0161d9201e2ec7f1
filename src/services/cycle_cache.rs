//! Cycle versions parsed and compiled once: the current published version (one cheap query
//! finds which version is current; the definition is parsed and its expressions compiled only
//! when that version changes) and the versions applications started on (published versions
//! never change). Loading the current version also refreshes the university's branding that
//! pages and emails show.

use super::BrandingCell;
use crate::db::DbConn;
use crate::domain::branding::Branding;
use crate::domain::cycle::evaluate::Compiled;
use crate::domain::cycle::Definition;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// A published cycle version ready for evaluation.
pub struct CurrentCycle {
    pub version_id: String,
    pub cycle_code: String,
    pub version: i32,
    pub definition: Definition,
    pub compiled: Compiled,
    /// Its automation rules, read once.
    pub rules: crate::domain::automation::RuleSet,
}

impl CurrentCycle {
    fn new(row: crate::db::cycles::CycleVersionRow, definition: Definition) -> CurrentCycle {
        CurrentCycle {
            compiled: Compiled::new(&definition),
            rules: crate::domain::automation::RuleSet::of(&definition),
            version_id: row.id,
            cycle_code: row.cycle_code,
            version: row.version,
            definition,
        }
    }
}

impl std::fmt::Debug for CycleCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CycleCache").finish_non_exhaustive()
    }
}

pub struct CycleCache {
    current: RwLock<Option<Arc<CurrentCycle>>>,
    versions: RwLock<HashMap<String, Arc<CurrentCycle>>>,
    branding: BrandingCell,
}

impl CycleCache {
    /// A cache that keeps `branding` up to date with the current version.
    pub fn new(branding: BrandingCell) -> CycleCache {
        CycleCache {
            current: RwLock::new(None),
            versions: RwLock::new(HashMap::new()),
            branding,
        }
    }

    /// The current published cycle, or None when nothing is published.
    pub fn current(&self, conn: &mut DbConn) -> anyhow::Result<Option<Arc<CurrentCycle>>> {
        let Some(current_id) = crate::db::cycles::current_published_id(conn)? else {
            return Ok(None);
        };
        if let Ok(cache) = self.current.read() {
            if let Some(cached) = cache.as_ref().filter(|c| c.version_id == current_id) {
                return Ok(Some(cached.clone()));
            }
        }
        let Some((row, definition)) = super::cycles::current(conn)? else {
            return Ok(None);
        };
        let current = Arc::new(CurrentCycle::new(row, definition));
        if let Ok(mut cache) = self.current.write() {
            *cache = Some(current.clone());
        }
        if let Ok(mut branding) = self.branding.write() {
            *branding = Some(Arc::new(Branding::of(&current.definition)));
        }
        if let Ok(mut versions) = self.versions.write() {
            versions.insert(current.version_id.clone(), current.clone());
        }
        Ok(Some(current))
    }

    /// The published version `id` if it was loaded already: no connection needed (a version
    /// never changes once published).
    pub fn cached_version(&self, id: &str) -> Option<Arc<CurrentCycle>> {
        self.versions.read().ok()?.get(id).cloned()
    }

    /// The published version `id` (the one an application started on); None if there is none.
    pub fn version(
        &self,
        conn: &mut DbConn,
        id: &str,
    ) -> anyhow::Result<Option<Arc<CurrentCycle>>> {
        if let Some(cached) = self.cached_version(id) {
            return Ok(Some(cached));
        }
        let Some((row, definition)) = super::cycles::version(conn, id)? else {
            return Ok(None);
        };
        let version = Arc::new(CurrentCycle::new(row, definition));
        if let Ok(mut cache) = self.versions.write() {
            cache.insert(version.version_id.clone(), version.clone());
        }
        Ok(Some(version))
    }
}
