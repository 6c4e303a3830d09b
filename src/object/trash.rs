//! Deferred destruction of deeply nested values (CPython's "trashcan"). Dropping a list that
//! holds a list that holds a list ... a million levels deep would recurse a million times and
//! overflow the stack; containers hand their items to `dispose`, which drops them in place up
//! to a small nesting depth and queues deeper ones to be dropped iteratively.

use super::value::Value;
use std::cell::{Cell, RefCell};

/// Nesting depth up to which items are dropped recursively.
const MAX_NESTING: usize = 64;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    static QUEUE: RefCell<Vec<Vec<Value>>> = const { RefCell::new(Vec::new()) };
}

/// The current nesting depth of drops (`None` while the thread is shutting down).
fn depth() -> Option<usize> {
    DEPTH.try_with(|d| d.get()).ok()
}

fn set_depth(n: usize) {
    let _ = DEPTH.try_with(|d| d.set(n));
}

/// Whether a container being dropped now may drop its items in place.
pub fn shallow() -> bool {
    depth().is_none_or(|d| d < MAX_NESTING)
}

/// Drops the items of a container that is being destroyed, without deep recursion.
pub fn dispose(items: Vec<Value>) {
    if items.is_empty() {
        return;
    }
    let Some(depth) = depth() else {
        drop(items);
        return;
    };
    if depth >= MAX_NESTING {
        // While the thread shuts down the queue is gone; the items are then dropped here.
        let _ = QUEUE.try_with(|q| q.borrow_mut().push(items));
        return;
    }
    set_depth(depth + 1);
    drop(items);
    set_depth(depth);
    if depth == 0 {
        drain();
    }
}

/// Runs `drop_in_place` with the nesting depth counted (for containers that drop their own
/// storage when shallow).
pub fn nested(drop_in_place: impl FnOnce()) {
    let Some(depth) = depth() else {
        drop_in_place();
        return;
    };
    set_depth(depth + 1);
    drop_in_place();
    set_depth(depth);
    if depth == 0 {
        drain();
    }
}

fn drain() {
    loop {
        let batch = QUEUE.try_with(|q| q.borrow_mut().pop()).ok().flatten();
        let Some(batch) = batch else {
            return;
        };
        set_depth(1);
        drop(batch);
        set_depth(0);
    }
}
