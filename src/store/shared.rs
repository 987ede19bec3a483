//! The current snapshot, swappable at run time without locks on the request path.

use std::path::PathBuf;
use std::sync::Arc;

use arc_swap::ArcSwap;

use super::{FactStore, LoadError};

/// The store being served and where it came from. Readers take an `Arc` of the current snapshot and
/// keep it for the whole request, so a response never mixes two snapshots.
#[derive(Debug)]
pub struct SharedStore {
    current: ArcSwap<FactStore>,
    source: Option<PathBuf>,
}

impl SharedStore {
    /// Wraps a loaded store; `source` is the file `reload` re-reads (`None` for the embedded store).
    pub fn new(store: FactStore, source: Option<PathBuf>) -> Self {
        Self {
            current: ArcSwap::from_pointee(store),
            source,
        }
    }

    /// The current snapshot.
    pub fn current(&self) -> Arc<FactStore> {
        self.current.load_full()
    }

    /// Re-reads and validates the source file and swaps it in. On error the current snapshot stays.
    /// Returns the snapshot now served.
    pub fn reload(&self) -> Result<Arc<FactStore>, LoadError> {
        let store = match &self.source {
            Some(path) => FactStore::load(path)?,
            None => FactStore::embedded()?,
        };
        let store = Arc::new(store);
        self.current.store(store.clone());
        Ok(store)
    }
}
