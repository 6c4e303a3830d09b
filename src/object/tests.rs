//! Unit tests of the object model pieces the differential corpus reaches only indirectly:
//! dict keys, MRO, slices, big integers, Decimals and the trashcan.

use super::*;
use std::rc::Rc;

fn int(i: i64) -> Value {
    Value::Int(i)
}

#[test]
fn dict_keys_follow_python_equality_and_keep_insertion_order() {
    let mut d = Dict::new();
    for (k, v) in [
        (int(1), "int"),
        (Value::Float(1.0), "float"),
        (Value::Bool(true), "bool"),
    ] {
        let hk = HashKey::of(&k).expect("hashable");
        d.insert(hk, k, Value::str(v));
    }
    assert_eq!(d.len(), 1, "1, 1.0 and True are one key");
    assert!(
        matches!(d.keys().next(), Some(Value::Int(1))),
        "the first key object stays"
    );
    assert!(matches!(d.values().next(), Some(Value::Str(s)) if &**s == "bool"));
    for k in ["b", "a", "c"] {
        d.set_str(k, Value::None);
    }
    d.remove(&HashKey::Str("a".into()));
    let order: Vec<String> = d.keys().map(|k| format!("{k:?}")).collect();
    assert_eq!(order, ["1", "\"b\"", "\"c\""]);
    assert_eq!(HashKey::of(&Value::Float(-0.0)), HashKey::of(&int(0)));
    assert_eq!(
        HashKey::of(&Value::Float(1e20)),
        HashKey::of(&Value::from_bigint(
            BigInt::parse("100000000000000000000", 10).unwrap_or_default()
        ))
    );
    assert_eq!(HashKey::of(&Value::list(vec![])), None);
    assert_eq!(
        HashKey::of(&Value::tuple(vec![int(1), Value::list(vec![])])),
        None
    );
}

#[test]
fn frozenset_keys_are_equal_whatever_their_insertion_order() {
    let make = |items: &[i64]| {
        let mut s = PySet::new();
        for &i in items {
            s.add(HashKey::Int(i), int(i));
        }
        Value::FrozenSet(Rc::new(s))
    };
    let a = HashKey::of(&make(&[1, 2, 3, 100]));
    let b = HashKey::of(&make(&[100, 3, 2, 1]));
    assert_eq!(a, b);
    assert_ne!(a, HashKey::of(&make(&[1, 2, 3])));
    assert_eq!(
        a.map(|k| k.py_hash()),
        b.map(|k| k.py_hash()),
        "equal frozensets hash alike"
    );
}

fn class(name: &str, bases: Vec<Rc<Class>>) -> Rc<Class> {
    Rc::new(Class::new(name, "models", bases, Default::default()))
}

#[test]
fn mro_is_the_c3_linearisation() {
    let a = class("A", vec![]);
    let b = class("B", vec![a.clone()]);
    let c = class("C", vec![a.clone()]);
    let d = class("D", vec![b.clone(), c.clone()]);
    let names: Vec<&str> = d.mro.iter().map(|c| &*c.name).collect();
    assert_eq!(names, ["B", "C", "A"]);
    assert!(d.is_subclass(&a));
    assert!(!a.is_subclass(&d));
    // Inconsistent orders (Python rejects them) still give every base once.
    let x = class("X", vec![a.clone(), b.clone()]);
    let names: Vec<&str> = x.mro.iter().map(|c| &*c.name).collect();
    assert_eq!(names.len(), 2);
}

#[test]
fn slice_indices_match_cpython() {
    let none = Value::None;
    let big = |neg: bool| {
        let b = BigInt::from_i64(1).shl(70);
        Value::from_bigint(if neg { b.neg() } else { b })
    };
    type Case = ([Value; 3], usize, (i64, i64, i64), Vec<usize>);
    let cases: Vec<Case> = vec![
        (
            [none.clone(), none.clone(), none.clone()],
            5,
            (0, 5, 1),
            vec![0, 1, 2, 3, 4],
        ),
        ([int(1), int(3), none.clone()], 5, (1, 3, 1), vec![1, 2]),
        (
            [int(-2), none.clone(), none.clone()],
            5,
            (3, 5, 1),
            vec![3, 4],
        ),
        (
            [none.clone(), none.clone(), int(-1)],
            5,
            (4, -1, -1),
            vec![4, 3, 2, 1, 0],
        ),
        (
            [int(10), int(-10), int(-1)],
            5,
            (4, -1, -1),
            vec![4, 3, 2, 1, 0],
        ),
        ([int(-100), int(100), int(2)], 5, (0, 5, 2), vec![0, 2, 4]),
        ([int(3), int(1), none.clone()], 5, (3, 1, 1), vec![]),
        ([none.clone(), none.clone(), int(3)], 0, (0, 0, 3), vec![]),
        (
            [int(4), none.clone(), int(-2)],
            5,
            (4, -1, -2),
            vec![4, 2, 0],
        ),
        (
            [big(false), none.clone(), none.clone()],
            5,
            (5, 5, 1),
            vec![],
        ),
        ([big(true), none.clone(), int(-1)], 5, (-1, -1, -1), vec![]),
    ];
    for ([start, stop, step], len, want, positions) in cases {
        let s = Slice { start, stop, step };
        assert_eq!(s.indices(len), Ok(want));
        assert_eq!(s.positions(len), Ok(positions));
    }
    let zero = Slice {
        start: none.clone(),
        stop: none.clone(),
        step: int(0),
    };
    assert_eq!(zero.indices(3), Err("slice step cannot be zero"));
    let bad = Slice {
        start: Value::str("a"),
        stop: none.clone(),
        step: none,
    };
    assert!(bad.indices(3).is_err());
}

#[test]
fn big_integers_compute_exactly() {
    let p = |s: &str| BigInt::parse(s, 10).unwrap_or_default();
    let a = p("12345678901234567890123456789");
    let b = p("-987654321987654321");
    assert_eq!(
        a.mul(&b).to_string(),
        "-12193263124676116323731138532360920590112635269"
    );
    // Floor division and modulo as Python: divmod(a, b) == (q, r), q*b + r == a.
    let (q, r) = a.divmod(&b).unwrap_or_default();
    assert_eq!(q.to_string(), "-12499999875");
    assert_eq!(r.to_string(), "-154320873919753086");
    assert_eq!(q.mul(&b).add(&r), a);
    assert_eq!(
        BigInt::from_i64(2).pow(100).to_string(),
        "1267650600228229401496703205376"
    );
    assert_eq!(BigInt::from_i64(-7).shr(1).to_i64(), Some(-4));
    assert!(BigInt::parse("ff", 10).is_none(), "not decimal digits");
    assert_eq!(
        BigInt::parse("ff", 16).map(|b| b.to_string_radix(2)),
        Some("11111111".into())
    );
    assert_eq!(BigInt::from_i64(i64::MIN).to_i64(), Some(i64::MIN));
    assert_eq!(BigInt::from_i64(i64::MIN).neg().to_i64(), None);
    assert_eq!(
        BigInt::from_i64(-6)
            .bitop(&BigInt::from_i64(3), b'&')
            .to_i64(),
        Some(2)
    );
    assert_eq!(
        BigInt::from_f64(1e20).map(|b| b.to_string()),
        Some("100000000000000000000".into())
    );
    assert_eq!(
        p("123456789012345678901234567890").to_f64(),
        1.2345678901234568e29
    );
    assert!(a.divmod(&BigInt::zero()).is_none());
}

#[test]
fn decimals_round_and_print_as_python_does() {
    let d = |s: &str| {
        PyDecimal::parse(s)
            .map(|d| d.to_sci_string())
            .unwrap_or_default()
    };
    assert_eq!(d("1.50"), "1.50");
    assert_eq!(d(" -0.0000001 "), "-1E-7");
    assert_eq!(d("1e3"), "1E+3");
    assert_eq!(d("1_000.5"), "1000.5");
    assert!(PyDecimal::parse("abc").is_err());
    let q = PyDecimal::parse("2.675").and_then(|x| x.quantize(-2));
    assert_eq!(q.map(|x| x.to_sci_string()).unwrap_or_default(), "2.68");
    let q = PyDecimal::parse("2.5").and_then(|x| x.quantize(0));
    assert_eq!(q.map(|x| x.to_sci_string()).unwrap_or_default(), "2");
    assert_eq!(
        PyDecimal::from_f64(0.1)
            .map(|x| x.to_sci_string())
            .unwrap_or_default(),
        "0.1000000000000000055511151231257827021181583404541015625"
    );
    assert_eq!(
        PyDecimal::parse("2")
            .and_then(|x| x.sqrt())
            .map(|x| x.to_sci_string())
            .unwrap_or_default(),
        "1.414213562373095048801688724"
    );
}

#[test]
fn dropping_a_million_nested_lists_does_not_overflow_the_stack() {
    let mut v = Value::None;
    for _ in 0..1_000_000 {
        v = Value::list(vec![v]);
    }
    drop(v);
    let mut t = Value::None;
    for _ in 0..1_000_000 {
        let mut d = Dict::new();
        d.set_str("next", Value::tuple(vec![t]));
        t = Value::dict(d);
    }
    drop(t);
}

// PySet: CPython's table layout and set algebra.
fn set_of(items: &[i64]) -> PySet {
    let mut s = PySet::new();
    for &i in items {
        s.add(HashKey::Int(i), Value::Int(i));
    }
    s
}

fn order(s: &PySet) -> Vec<i64> {
    s.keys()
        .map(|v| match v {
            Value::Int(i) => *i,
            _ => 0,
        })
        .collect()
}

#[test]
fn iteration_order_is_cpythons() {
    // Orders printed by CPython 3.11 for these set displays.
    assert_eq!(order(&set_of(&[3, 1, 2])), [1, 2, 3]);
    assert_eq!(order(&set_of(&[10, 20, 30, 5])), [10, 20, 5, 30]);
    assert_eq!(order(&set_of(&[100, 7, 64, 8])), [64, 8, 100, 7]);
    assert_eq!(order(&set_of(&[-1, -2, 0])), [0, -1, -2]);
    assert_eq!(order(&set_of(&[1000, 2000, 3000])), [1000, 3000, 2000]);
    assert_eq!(
        order(&set_of(&(0..20).collect::<Vec<_>>())),
        (0..20).collect::<Vec<_>>()
    );
}

#[test]
fn removal_leaves_a_dummy_that_is_reused() {
    let mut s = set_of(&[1, 2, 3]);
    assert!(s.discard(&HashKey::Int(2)).is_some());
    assert!(s.discard(&HashKey::Int(2)).is_none());
    assert_eq!(s.len(), 2);
    assert!(!s.contains(&HashKey::Int(2)));
    s.add(HashKey::Int(10), Value::Int(10));
    assert_eq!(order(&s), [1, 10, 3]);
    assert_eq!(s.pop().map(|v| matches!(v, Value::Int(1))), Some(true));
}

#[test]
fn set_algebra_follows_cpython() {
    let a = set_of(&[1, 2, 3]);
    let b = set_of(&[2, 3, 4]);
    assert_eq!(order(&PySet::intersection(&a, &b)), [2, 3]);
    assert_eq!(order(&PySet::difference(&a, &b)), [1]);
    assert_eq!(order(&PySet::symmetric_difference(&a, &b)), [1, 4]);
    assert!(set_of(&[1]).is_subset(&a));
    assert!(!b.is_subset(&a));
}
