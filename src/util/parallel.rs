//! Work spread over the thread pool, but only where there is enough of it: a pre-commit hook
//! checks a file or two, and starting the pool's threads costs more than they would save.
//! The results come back in input order either way, so the output does not depend on the
//! number of threads.

use rayon::prelude::*;

/// Fewer files than this are read and parsed on the calling thread.
const PARALLEL_FROM_FILES: usize = 4;

/// Shorter lists than this are sorted on the calling thread.
const PARALLEL_SORT_FROM: usize = 64 * 1024;

/// `items.iter().map(f)`, on the thread pool when there are enough items.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < PARALLEL_FROM_FILES {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(f).collect()
    }
}

/// `items.into_iter().map(f)`, on the thread pool when there are enough items.
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < PARALLEL_FROM_FILES {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
}

/// `items.sort_unstable()`, on the thread pool when the list is long.
pub fn sort_unstable<T: Ord + Send>(items: &mut [T]) {
    if items.len() < PARALLEL_SORT_FROM {
        items.sort_unstable();
    } else {
        items.par_sort_unstable();
    }
}
