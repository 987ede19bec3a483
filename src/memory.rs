//! Allocator tuning around loading a store.
//!
//! mimalloc returns freed memory to the system (purges it) about a second after it is freed. Loading a
//! large store frees and allocates gigabytes (the file's bytes, the parsed records, the indexes'
//! scratch), so what one phase frees is purged and the next phase faults it in again, and the kernel
//! zeroes every such page: about a quarter of the startup CPU at a million claims. Loading therefore
//! defers purging, and once the store is built purges everything freed meanwhile, so the memory held
//! when serving is the same as without the deferral.

use libmimalloc_sys::{
    mi_collect, mi_option_get, mi_option_reserve_os_memory, mi_option_set, mi_option_t,
    mi_option_use_numa_nodes,
};

/// `mi_option_purge_delay` of mimalloc.h (milliseconds; negative: never purge), which libmimalloc-sys
/// does not name: the option just before `mi_option_use_numa_nodes`.
const MI_OPTION_PURGE_DELAY: mi_option_t = mi_option_use_numa_nodes - 1;

// The build fails if a mimalloc with other option numbers comes in (mimalloc.h, v2 and v3: 9 and 16).
const _: () = assert!(mi_option_reserve_os_memory == 9 && mi_option_use_numa_nodes == 16);

/// The purge delay while loading (one hour, in milliseconds): longer than any load, and positive so
/// that freed memory is still scheduled for purging and the final forced purge finds it (a negative
/// delay would not schedule it at all).
const LOADING_PURGE_DELAY: std::ffi::c_long = 3_600_000;

/// Defers mimalloc's purging of freed memory while it lives; dropping it restores the delay in force
/// before and purges everything freed meanwhile. Purging is process-wide, so requests served during a
/// reload defer theirs too.
#[derive(Debug)]
pub struct DeferredPurge {
    /// The purge delay to restore.
    previous: std::ffi::c_long,
}

impl DeferredPurge {
    /// Defers purging until the returned guard is dropped. A purge delay that is already negative
    /// (purging turned off, e.g. by `MIMALLOC_PURGE_DELAY=-1`) is left as it is.
    pub fn start() -> Self {
        // SAFETY: reading and setting mimalloc options is thread-safe and takes no pointers.
        let previous = unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) };
        if previous >= 0 {
            // SAFETY: as above.
            unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, LOADING_PURGE_DELAY) };
        }
        Self { previous }
    }
}

impl Drop for DeferredPurge {
    fn drop(&mut self) {
        if self.previous < 0 {
            return;
        }
        // SAFETY: as in `start`; `mi_collect` frees nothing in use, it only returns free memory.
        unsafe {
            mi_option_set(MI_OPTION_PURGE_DELAY, self.previous);
            mi_collect(true);
        }
    }
}
