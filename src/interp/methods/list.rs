//! Methods of `list` (and `tuple.count` / `tuple.index`), and the stable sort shared with
//! `sorted()`.

use super::{arg_range, int_arg, no_args, one_arg};
use crate::interp::Interp;
use crate::object::{Args, Exc, PyErr, PyList, PyResult, Value};
use std::rc::Rc;

pub(super) const METHODS: &[&str] = &[
    "append", "extend", "insert", "remove", "pop", "clear", "index", "count", "sort", "reverse",
    "copy",
];

/// `count` and `index` of lists and tuples.
pub(crate) fn count_index(
    i: &mut Interp,
    items: &[Value],
    name: &str,
    args: &Args,
    kind: &str,
) -> PyResult<Value> {
    if name == "count" {
        let x = one_arg(args, &format!("{kind}.count"))?;
        let mut count = 0;
        for item in items {
            if item.same_object(&x) || i.values_equal(item, &x)? {
                count += 1;
            }
        }
        return Ok(Value::Int(count));
    }
    arg_range(args, "index", 1, 3)?;
    let x = args.pos[0].clone();
    let len = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        let n = match v {
            Some(v) => int_arg(v)?,
            None => default,
        };
        let n = if n < 0 { (n + len).max(0) } else { n.min(len) };
        Ok(n as usize)
    };
    let (start, end) = (bound(args.pos.get(1), 0)?, bound(args.pos.get(2), len)?);
    for (n, item) in items.iter().enumerate().take(end).skip(start) {
        if item.same_object(&x) || i.values_equal(item, &x)? {
            return Ok(Value::Int(n as i64));
        }
    }
    let r = i.repr_value(&x)?;
    Err(PyErr::new(
        Exc::ValueError,
        if kind == "list" {
            format!("{r} is not in list")
        } else {
            "tuple.index(x): x not in tuple".to_string()
        },
    ))
}

pub(super) fn call(i: &mut Interp, l: &Rc<PyList>, name: &str, args: &mut Args) -> PyResult<Value> {
    match name {
        "append" => {
            let x = one_arg(args, "list.append")?;
            i.check_len(l.borrow().len() + 1)?;
            l.borrow_mut().push(x);
        }
        "extend" => {
            let x = one_arg(args, "list.extend")?;
            let items = i.collect_iterable(&x)?;
            i.check_len(l.borrow().len() + items.len())?;
            l.borrow_mut().extend(items);
        }
        "insert" => {
            arg_range(args, "insert", 2, 2)?;
            let len = l.borrow().len() as i64;
            let at = int_arg(&args.pos[0])?;
            let at = if at < 0 {
                (at + len).max(0)
            } else {
                at.min(len)
            } as usize;
            i.check_len(len as usize + 1)?;
            l.borrow_mut().insert(at, args.pos[1].clone());
        }
        "remove" => {
            let x = one_arg(args, "list.remove")?;
            let items = l.borrow().clone();
            for (n, item) in items.iter().enumerate() {
                if item.same_object(&x) || i.values_equal(item, &x)? {
                    if n < l.borrow().len() {
                        l.borrow_mut().remove(n);
                    }
                    return Ok(Value::None);
                }
            }
            return Err(PyErr::new(Exc::ValueError, "list.remove(x): x not in list"));
        }
        "pop" => {
            arg_range(args, "pop", 0, 1)?;
            let len = l.borrow().len();
            let at = match args.pos.first() {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            if len == 0 {
                return Err(PyErr::new(Exc::IndexError, "pop from empty list"));
            }
            let k = if at < 0 { at + len as i64 } else { at };
            if k < 0 || k >= len as i64 {
                return Err(PyErr::new(Exc::IndexError, "pop index out of range"));
            }
            return Ok(l.borrow_mut().remove(k as usize));
        }
        "clear" => {
            no_args(args, "list.clear")?;
            let old = std::mem::take(&mut *l.borrow_mut());
            drop(old);
        }
        "index" | "count" => {
            let items = l.borrow().clone();
            return count_index(i, &items, name, args, "list");
        }
        "sort" => {
            let key = args.take_kw("key");
            let reverse = match args.take_kw("reverse") {
                Some(v) => i.truth(&v)?,
                None => false,
            };
            if let Some((k, _)) = args.kw.first() {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!("'{k}' is an invalid keyword argument for sort()"),
                ));
            }
            if !args.pos.is_empty() {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "sort() takes no positional arguments",
                ));
            }
            let items = std::mem::take(&mut *l.borrow_mut());
            let sorted = sort_values(i, items.clone(), key.as_ref(), reverse);
            *l.borrow_mut() = match sorted {
                Ok(v) => v,
                Err(e) => {
                    *l.borrow_mut() = items;
                    return Err(e);
                }
            };
        }
        "reverse" => {
            no_args(args, "list.reverse")?;
            l.borrow_mut().reverse()
        }
        "copy" => {
            no_args(args, "list.copy")?;
            return Ok(Value::list(l.borrow().clone()));
        }
        _ => return Err(crate::interp::attr::no_attribute("list", name)),
    }
    Ok(Value::None)
}

/// Sorts as `list.sort` does: stable, using only `<`, comparing in the order CPython's
/// sort compares for small lists (so a failing comparison reports the same operands),
/// errors propagate.
pub(crate) fn sort_values(
    i: &mut Interp,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let keys: Vec<Value> = match key {
        Some(k) if !k.is_none() => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(i.call_value_inner(k, Args::new(vec![x.clone()]))?);
            }
            ks
        }
        _ => items.clone(),
    };
    // Reverse sorting keeps stability by reversing before and after, as CPython does.
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    let mut sorter = Sorter { i, keys: &keys };
    let order = sorter.merge_sort(order)?;
    let mut out: Vec<Value> = order.into_iter().map(|k| items[k].clone()).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

struct Sorter<'a, 'b> {
    i: &'a mut Interp,
    keys: &'b [Value],
}

impl Sorter<'_, '_> {
    fn lt(&mut self, a: usize, b: usize) -> PyResult<bool> {
        self.i.step()?;
        let (x, y) = (self.keys[a].clone(), self.keys[b].clone());
        self.i.less_than(&x, &y)
    }

    /// Binary insertion sort of `v` whose first `sorted` items are already in order.
    fn binary_insertion(&mut self, v: &mut [usize], sorted: usize) -> PyResult<()> {
        for start in sorted.max(1)..v.len() {
            let pivot = v[start];
            let (mut lo, mut hi) = (0, start);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.lt(pivot, v[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            v[lo..=start].rotate_right(1);
        }
        Ok(())
    }

    /// The length of the run at the start of `v` (a strictly descending run is reversed).
    fn count_run(&mut self, v: &mut [usize]) -> PyResult<usize> {
        if v.len() < 2 {
            return Ok(v.len());
        }
        let mut n = 2;
        if self.lt(v[1], v[0])? {
            while n < v.len() && self.lt(v[n], v[n - 1])? {
                n += 1;
            }
            v[..n].reverse();
        } else {
            while n < v.len() && !self.lt(v[n], v[n - 1])? {
                n += 1;
            }
        }
        Ok(n)
    }

    fn merge_sort(&mut self, mut v: Vec<usize>) -> PyResult<Vec<usize>> {
        const MIN_RUN: usize = 32;
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut rest = v.as_mut_slice();
        while !rest.is_empty() {
            let run = self.count_run(rest)?;
            let take = if rest.len() < 64 {
                rest.len()
            } else {
                run.max(MIN_RUN).min(rest.len())
            };
            self.binary_insertion(&mut rest[..take], run.min(take))?;
            let (head, tail) = rest.split_at_mut(take);
            runs.push(head.to_vec());
            rest = tail;
        }
        while runs.len() > 1 {
            let mut merged = Vec::with_capacity(runs.len() / 2 + 1);
            let mut it = runs.into_iter();
            while let Some(a) = it.next() {
                match it.next() {
                    Some(b) => merged.push(self.merge(a, b)?),
                    None => merged.push(a),
                }
            }
            runs = merged;
        }
        Ok(runs.pop().unwrap_or_default())
    }

    fn merge(&mut self, a: Vec<usize>, b: Vec<usize>) -> PyResult<Vec<usize>> {
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            if self.lt(b[y], a[x])? {
                out.push(b[y]);
                y += 1;
            } else {
                out.push(a[x]);
                x += 1;
            }
        }
        out.extend_from_slice(&a[x..]);
        out.extend_from_slice(&b[y..]);
        Ok(out)
    }
}
