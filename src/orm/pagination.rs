//! Flask-SQLAlchemy's pagination (`query.paginate`, `db.paginate`) and its 404 helper.

use super::exprobj::list_iterator;
use super::query::{QueryObj, SelectObj};
use super::sql::SqlExpr;
use crate::object::{Args, Builtin, Exc, Object, PyErr, PyResult, Value, Vm};

/// `werkzeug.exceptions.NotFound` as `abort(404)` raises it.
pub fn not_found() -> PyErr {
    PyErr::new(
        Exc::NotFound,
        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
    )
}

/// What a page is cut from: a legacy query or a 2.0 select.
#[derive(Clone)]
enum Source {
    Query(QueryObj),
    Select(SelectObj),
}

pub struct Pagination {
    source: Source,
    page: i64,
    per_page: i64,
    max_per_page: Option<i64>,
    total: i64,
    items: Vec<Value>,
}

fn int_arg(vm: &mut dyn Vm, v: Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(Value::Int(n)) => Ok(n),
        Some(other) => {
            let s = vm.str(&other)?;
            Ok(s.trim().parse().unwrap_or(default))
        }
    }
}

fn page_items(vm: &mut dyn Vm, source: &Source, offset: i64, limit: i64) -> PyResult<Vec<Value>> {
    match source {
        Source::Query(q) => {
            let mut q = q.clone();
            q.stmt.limit = Some(SqlExpr::Param(Value::Int(limit), None));
            q.stmt.offset = (offset > 0).then(|| SqlExpr::Param(Value::Int(offset), None));
            q.all(vm)
        }
        Source::Select(s) => {
            let ctx = s
                .ctx
                .upgrade()
                .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database is gone"))?;
            let mut stmt = s.stmt.clone();
            stmt.limit = Some(SqlExpr::Param(Value::Int(limit), None));
            stmt.offset = (offset > 0).then(|| SqlExpr::Param(Value::Int(offset), None));
            let rows = super::load::run_select(vm, &ctx, &stmt, None)?;
            Ok(rows
                .into_iter()
                .filter_map(|r| r.into_iter().next())
                .collect())
        }
    }
}

fn total(vm: &mut dyn Vm, source: &Source) -> PyResult<i64> {
    match source {
        Source::Query(q) => {
            let mut q = q.clone();
            q.stmt.order_by.clear();
            q.count(vm)
        }
        Source::Select(s) => {
            let ctx = s
                .ctx
                .upgrade()
                .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database is gone"))?;
            let mut inner = s.stmt.clone();
            inner.order_by.clear();
            let q = QueryObj::new(&ctx, inner);
            q.count(vm)
        }
    }
}

fn paginate(vm: &mut dyn Vm, source: Source, mut args: Args) -> PyResult<Value> {
    let page = args.take_kw("page");
    let per_page = args.take_kw("per_page");
    let max_per_page = args.take_kw("max_per_page");
    let error_out = match args.take_kw("error_out") {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    let count = match args.take_kw("count") {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    args.no_kwargs("paginate")?;
    let mut page = int_arg(vm, page, 1)?;
    let mut per_page = int_arg(vm, per_page, 20)?;
    let max = match max_per_page {
        Some(Value::Int(n)) => Some(n),
        _ => None,
    };
    if page < 1 {
        if error_out {
            return Err(not_found());
        }
        page = 1;
    }
    if let Some(m) = max {
        per_page = per_page.min(m);
    }
    if per_page < 1 {
        if error_out {
            return Err(not_found());
        }
        per_page = 20;
    }
    let items = page_items(vm, &source, (page - 1) * per_page, per_page)?;
    if items.is_empty() && page != 1 && error_out {
        return Err(not_found());
    }
    let total = if count { total(vm, &source)? } else { 0 };
    Ok(Value::native(Pagination {
        source,
        page,
        per_page,
        max_per_page: max,
        total,
        items,
    }))
}

/// `query.paginate(page=..., per_page=..., error_out=...)`.
pub fn paginate_query(vm: &mut dyn Vm, q: &QueryObj, args: Args) -> PyResult<Value> {
    paginate(vm, Source::Query(q.clone()), args)
}

/// `db.paginate(select, ...)`.
pub fn paginate_select(vm: &mut dyn Vm, s: &SelectObj, args: Args) -> PyResult<Value> {
    paginate(vm, Source::Select(s.clone()), args)
}

impl Pagination {
    fn pages(&self) -> i64 {
        if self.total == 0 || self.per_page == 0 {
            0
        } else {
            (self.total + self.per_page - 1) / self.per_page
        }
    }

    fn has_prev(&self) -> bool {
        self.page > 1
    }

    fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    fn other_page(&self, vm: &mut dyn Vm, page: i64, mut args: Args) -> PyResult<Value> {
        let error_out = args.take_kw("error_out").unwrap_or(Value::Bool(false));
        let mut a = Args::none()
            .with_kw("page", Value::Int(page))
            .with_kw("per_page", Value::Int(self.per_page))
            .with_kw("error_out", error_out);
        if let Some(m) = self.max_per_page {
            a = a.with_kw("max_per_page", Value::Int(m));
        }
        paginate(vm, self.source.clone(), a)
    }

    /// Flask-SQLAlchemy's `iter_pages`: page numbers with `None` for gaps.
    fn iter_pages(
        &self,
        left_edge: i64,
        left_current: i64,
        right_current: i64,
        right_edge: i64,
    ) -> Vec<Value> {
        let pages = self.pages();
        if pages == 0 {
            return Vec::new();
        }
        let left_end = (1 + left_edge).min(pages + 1);
        let mut out: Vec<Value> = (1..left_end).map(Value::Int).collect();
        if left_end == pages + 1 {
            return out;
        }
        let mid_start = left_end.max(self.page - left_current);
        let mid_end = (self.page + right_current + 1).min(pages + 1);
        if mid_start - left_end > 0 {
            out.push(Value::None);
        }
        out.extend((mid_start..mid_end).map(Value::Int));
        if mid_end == pages + 1 {
            return out;
        }
        let right_start = mid_end.max(pages - right_edge + 1);
        if right_start - mid_end > 0 {
            out.push(Value::None);
        }
        out.extend((right_start..pages + 1).map(Value::Int));
        out
    }
}

impl Object for Pagination {
    fn type_name(&self) -> &str {
        "QueryPagination"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<flask_sqlalchemy.pagination.QueryPagination object>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let opt = |b: bool, v: i64| if b { Value::Int(v) } else { Value::None };
        Ok(Some(match name {
            "page" => Value::Int(self.page),
            "per_page" => Value::Int(self.per_page),
            "max_per_page" => self.max_per_page.map(Value::Int).unwrap_or(Value::None),
            "total" => Value::Int(self.total),
            "items" => Value::list(self.items.clone()),
            "pages" => Value::Int(self.pages()),
            "has_prev" => Value::Bool(self.has_prev()),
            "has_next" => Value::Bool(self.has_next()),
            "prev_num" => opt(self.has_prev(), self.page - 1),
            "next_num" => opt(self.has_next(), self.page + 1),
            "first" => Value::Int(if self.total == 0 {
                0
            } else {
                (self.page - 1) * self.per_page + 1
            }),
            "last" => Value::Int(if self.total == 0 {
                0
            } else {
                ((self.page - 1) * self.per_page + self.items.len() as i64).min(self.total)
            }),
            "next" | "prev" | "iter_pages" => {
                let method = name.to_string();
                let this2 = this.clone();
                Builtin::bound(name, this.clone(), move |vm, mut args| {
                    let Some(p) = this2.downcast::<Pagination>() else {
                        return Err(PyErr::new(Exc::TypeError, "not a pagination"));
                    };
                    p.call_method(vm, &this2, &method, &mut args)
                        .unwrap_or_else(|| Err(PyErr::new(Exc::AttributeError, method.clone())))
                })
            }
            _ => return Ok(None),
        }))
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        Some(match name {
            "next" => self.other_page(vm, self.page + 1, std::mem::take(args)),
            "prev" => self.other_page(vm, self.page - 1, std::mem::take(args)),
            "iter_pages" => {
                let mut a = std::mem::take(args);
                let mut get = |n: &str, d: i64| match a.take_kw(n) {
                    Some(Value::Int(i)) => i,
                    _ => d,
                };
                let (le, lc, rc, re) = (
                    get("left_edge", 2),
                    get("left_current", 2),
                    get("right_current", 4),
                    get("right_edge", 2),
                );
                Ok(list_iterator(self.iter_pages(le, lc, rc, re)))
            }
            _ => return None,
        })
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(list_iterator(self.items.clone())))
    }
}
