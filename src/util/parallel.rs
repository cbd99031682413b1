//! Work spread over the thread pool, but only where there is enough of it: a pre-commit hook
//! checks a file or two, and starting the pool's threads costs more than they would save.
//! The results come back in input order either way, so the output does not depend on the
//! number of threads.

use std::sync::Once;

use rayon::prelude::*;

/// The stack of each pool thread: a main thread's. The YAML reader recurses once per level
/// of nesting up to its limit (128 levels), which overflows rayon's smaller default stack in
/// an unoptimised build.
const THREAD_STACK: usize = 8 << 20;

/// Start the pool with [`THREAD_STACK`] the first time it is used (`RAYON_NUM_THREADS` is
/// honoured as ever). A pool already started elsewhere is left as it is.
fn pool() {
    static START: Once = Once::new();
    START.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(THREAD_STACK)
            .build_global();
    });
}

/// Fewer files than this are read and parsed on the calling thread.
const PARALLEL_FROM_FILES: usize = 4;

/// Shorter lists than this are sorted on the calling thread.
const PARALLEL_SORT_FROM: usize = 64 * 1024;

/// `items.iter().map(f)`, on the thread pool when there are enough items.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < PARALLEL_FROM_FILES {
        items.iter().map(f).collect()
    } else {
        pool();
        items.par_iter().map(f).collect()
    }
}

/// `items.iter().map(f)` with a scratch value (`S::default()`) for each run of items one
/// thread takes, handed to every call in the run: buffers a call fills and empties are
/// allocated a few times per thread, not once per item.
pub fn map_with_scratch<'a, T: Sync, S: Default, R: Send>(
    items: &'a [T],
    f: impl Fn(&mut S, &'a T) -> R + Sync + Send,
) -> Vec<R> {
    if items.len() < PARALLEL_FROM_FILES {
        let mut scratch = S::default();
        items.iter().map(|item| f(&mut scratch, item)).collect()
    } else {
        pool();
        items.par_iter().map_init(S::default, f).collect()
    }
}

/// `items.into_iter().map(f)`, on the thread pool when there are enough items.
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < PARALLEL_FROM_FILES {
        items.into_iter().map(f).collect()
    } else {
        pool();
        items.into_par_iter().map(f).collect()
    }
}

/// `(a(), b())`, the two on the thread pool at once: for two pieces of work that are each
/// large (the callers know; nothing here can tell).
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    pool();
    rayon::join(a, b)
}

/// `items.sort_unstable()`, on the thread pool when the list is long.
pub fn sort_unstable<T: Ord + Send>(items: &mut [T]) {
    if items.len() < PARALLEL_SORT_FROM {
        items.sort_unstable();
    } else {
        pool();
        items.par_sort_unstable();
    }
}
