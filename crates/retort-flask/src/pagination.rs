//! Flask-SQLAlchemy's `Pagination` (`Query.paginate`, `db.paginate`, a
//! page's `next()` / `prev()`) and
//! werkzeug's 404 for missing pages and objects.

use retort_python::native::object_repr;
use std::rc::Rc;

use retort_orm::{OrmQuery, PageOutcome, PageRequest, Pagination};
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;

/// `abort(404, description=...)` as Flask-SQLAlchemy's `*_or_404`
/// methods and `paginate` raise it: werkzeug's `NotFound`, with the given
/// description in place of its default one.
pub fn not_found_described(
    ctx: &Ctx,
    interp: &mut Interpreter,
    description: Option<Value>,
) -> PyErr {
    crate::web::http_error(interp, ctx, 404, description)
}

fn int_keyword(
    interp: &mut Interpreter,
    args: &mut CallArgs,
    index: usize,
    name: &str,
) -> PyResult<Option<i64>> {
    match args.take(index, name) {
        None | Some(Value::None) => Ok(None),
        Some(value) => match value.as_int() {
            Some(n) => Ok(Some(n)),
            None => {
                let shown = interp.repr(&value)?;
                Err(PyErr::type_error(format!(
                    "{name} must be an integer, got {shown}"
                )))
            }
        },
    }
}

/// The `page`, `per_page`, `max_per_page`, `error_out`, `count` arguments.
/// Inside a request, a `page` or `per_page` not given comes from the query
/// string (`?page=2&per_page=3`), as Flask-SQLAlchemy reads it.
pub fn page_request(
    interp: &mut Interpreter,
    ctx: &Ctx,
    args: &mut CallArgs,
) -> PyResult<PageRequest> {
    let mut request = PageRequest::default();
    let page = int_keyword(interp, args, 0, "page")?;
    let per_page = int_keyword(interp, args, 1, "per_page")?;
    request.max_per_page = int_keyword(interp, args, 2, "max_per_page")?;
    if let Some(value) = args.take_keyword("error_out") {
        request.error_out = interp.is_truthy(&value)?;
    }
    if let Some(value) = args.take_keyword("count") {
        request.count = interp.is_truthy(&value)?;
    }
    let (page, per_page) = match (page, per_page) {
        (Some(page), Some(per_page)) => (Some(page), Some(per_page)),
        _ => from_query_string(interp, ctx, page, per_page, request.error_out)?,
    };
    if let Some(page) = page {
        request.page = page;
    }
    if let Some(per_page) = per_page {
        request.per_page = per_page;
    }
    Ok(request)
}

/// The web layer's `_page_args`: the missing page arguments read from the
/// current request, if the script has made one (the layer is not loaded
/// for a script that never touches Flask's request side).
fn from_query_string(
    interp: &mut Interpreter,
    ctx: &Ctx,
    page: Option<i64>,
    per_page: Option<i64>,
    error_out: bool,
) -> PyResult<(Option<i64>, Option<i64>)> {
    let Some(module) = ctx.web_module.borrow().clone() else {
        return Ok((page, per_page));
    };
    let read = interp.get_attr(&module, "_page_args")?;
    let number = |n: Option<i64>| n.map_or(Value::None, Value::Int);
    let pair = interp.call(
        &read,
        CallArgs::new(vec![number(page), number(per_page), Value::Bool(error_out)]),
    )?;
    let items = interp.iterate(&pair)?;
    let int = |value: Option<&Value>| value.and_then(Value::as_int);
    Ok((int(items.first()), int(items.get(1))))
}

/// Runs a page query.
pub fn paginate(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    query: &OrmQuery,
    request: PageRequest,
) -> PyResult<Value> {
    paginate_counted(interp, ctx, query, request, None)
}

/// [`paginate`], with the total given instead of counted when
/// `request_total` is set.
fn paginate_counted(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    query: &OrmQuery,
    request: PageRequest,
    request_total: Option<Option<i64>>,
) -> PyResult<Value> {
    match ctx.run(interp, |s, h| s.paginate(h, query, request))? {
        PageOutcome::NotFound => Err(not_found_described(ctx, interp, None)),
        PageOutcome::Page(mut page) => {
            if let Some(total) = request_total {
                page.total = total;
            }
            let keys = Rc::new(page.keys.clone());
            // A legacy query's rows are objects for one mapped entity and
            // `Row`s otherwise; a select's are scalars.
            let single =
                query.style == retort_orm::QueryStyle::Select || crate::query::single_object(query);
            let mut items = Vec::new();
            for row in &page.items {
                items.push(crate::row::row_value(interp, ctx, &keys, row, single)?);
            }
            Ok(Value::native(PaginationObject {
                page,
                items,
                ctx: ctx.clone(),
                query: query.clone(),
            }))
        }
    }
}

/// A page of results, with the query that made it for `next()` and
/// `prev()`.
#[derive(Debug, Clone)]
pub struct PaginationObject {
    pub page: Pagination,
    pub items: Vec<Value>,
    ctx: Rc<Ctx>,
    query: OrmQuery,
}

impl PaginationObject {
    /// `next(error_out=False)` / `prev(...)`: the neighbouring page with the
    /// same `per_page`, not counted again (Flask-SQLAlchemy copies the
    /// total).
    fn neighbour(
        &self,
        interp: &mut Interpreter,
        step: i64,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let error_out = match args.take_keyword("error_out") {
            Some(value) => interp.is_truthy(&value)?,
            None => false,
        };
        let name = if step > 0 { "next" } else { "prev" };
        args.check(name, 0, 0)?;
        let request = PageRequest {
            page: self.page.page + step,
            per_page: self.page.per_page,
            max_per_page: None,
            error_out,
            count: false,
        };
        paginate_counted(
            interp,
            &self.ctx,
            &self.query,
            request,
            Some(self.page.total),
        )
    }
}

fn optional(value: Option<i64>) -> Value {
    value.map_or(Value::None, Value::Int)
}

impl NativeObject for PaginationObject {
    fn type_name(&self) -> &str {
        "QueryPagination"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let p = &self.page;
        Ok(Some(match name {
            "items" => Value::list(self.items.clone()),
            "page" => Value::Int(p.page),
            "per_page" => Value::Int(p.per_page),
            "total" => optional(p.total),
            "pages" => Value::Int(p.pages()),
            "first" => Value::Int(p.first()),
            "last" => Value::Int(p.last()),
            "has_prev" => Value::Bool(p.has_prev()),
            "has_next" => Value::Bool(p.has_next()),
            "prev_num" => optional(p.prev_num()),
            "next_num" => optional(p.next_num()),
            "next" | "prev" => {
                let this = self.clone();
                let step = if name == "next" { 1 } else { -1 };
                NativeFunction::function(name, move |interp, args| {
                    this.neighbour(interp, step, args)
                })
            }
            "iter_pages" => {
                let page = p.clone();
                NativeFunction::function("iter_pages", move |interp, mut args| {
                    let mut numbers = [2, 2, 4, 2];
                    let names = ["left_edge", "left_current", "right_current", "right_edge"];
                    for (slot, name) in numbers.iter_mut().zip(names) {
                        if let Some(value) = args.take_keyword(name) {
                            *slot = value.as_int().ok_or_else(|| {
                                PyErr::type_error(format!("{name} must be an integer"))
                            })?;
                        }
                    }
                    args.check("iter_pages", 0, 0)?;
                    let _ = interp;
                    let pages = page.iter_pages(numbers[0], numbers[1], numbers[2], numbers[3]);
                    Ok(Value::list(pages.into_iter().map(optional).collect()))
                })
            }
            _ => return Ok(None),
        }))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.items.clone())))
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "flask_sqlalchemy.pagination.QueryPagination",
            this,
        ))
    }
}
