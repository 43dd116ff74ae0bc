//! The `Result` / `ScalarResult` / `MappingResult` objects
//! `session.execute()` and `session.scalars()` return: a cursor over the
//! rows, which `fetchone()`, `fetchmany()`, iteration and the other
//! fetching methods consume (SQLAlchemy's results are read once), shared
//! by the `scalars()` and `mappings()` views of the same result;
//! `first()`, `scalar()` and `close()` close it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use retort_orm::{QueryResult, ResultRow};
use retort_python::{CallArgs, Interpreter, NativeObject, PyErr, PyIterator, PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::result_keys::KeyView;
use crate::row::row_object;

/// How far a result has been read; shared by its views.
#[derive(Debug, Default)]
pub struct Cursor {
    /// Rows consumed by the fetching methods.
    position: Cell<usize>,
    closed: Cell<bool>,
    /// The iterator `iter(result)` handed out, and the position it
    /// started from: the rows a `for` loop took count as consumed.
    live: RefCell<Option<(usize, Value)>>,
}

impl Cursor {
    /// The position, counting what a handed-out iterator consumed.
    fn sync(&self) -> usize {
        if let Some((start, Value::Iterator(state))) = self.live.borrow_mut().take() {
            let taken = match &*state.borrow() {
                PyIterator::Items { index, .. } | PyIterator::List { index, .. } => *index,
                _ => 0,
            };
            self.position.set(start + taken);
        }
        self.position.get()
    }
}

/// Which values a view yields per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Rows,
    Scalars,
    Mappings,
}

/// A `Result` (rows), `ScalarResult` (first items) or `MappingResult`
/// (dicts keyed by column).
#[derive(Debug, Clone)]
pub struct ResultObject {
    pub ctx: Rc<Ctx>,
    pub result: Rc<QueryResult>,
    view: View,
    cursor: Rc<Cursor>,
    /// `rowcount` of a textual statement: the rows it changed, `-1` for
    /// rows it returned (the DBAPI cursor's count).
    rowcount: Option<i64>,
}

impl ResultObject {
    /// A fresh, unread result of rows.
    pub fn new(ctx: Rc<Ctx>, result: QueryResult) -> ResultObject {
        ResultObject {
            ctx,
            result: Rc::new(result),
            view: View::Rows,
            cursor: Rc::new(Cursor::default()),
            rowcount: None,
        }
    }

    /// This result with the cursor's `rowcount`.
    pub fn with_rowcount(self, rowcount: i64) -> ResultObject {
        ResultObject {
            rowcount: Some(rowcount),
            ..self
        }
    }

    /// `scalars()`: the first item of each row, read through the same
    /// cursor.
    pub fn scalars_view(&self) -> Value {
        self.with_view(View::Scalars)
    }

    fn with_view(&self, view: View) -> Value {
        Value::native(ResultObject {
            view,
            ..self.clone()
        })
    }

    /// The view's value of one row.
    fn value_of(&self, interp: &mut Interpreter, row: &ResultRow) -> PyResult<Value> {
        match self.view {
            View::Scalars => match row.items.first() {
                Some(item) => self.ctx.item_value(interp, item),
                None => Ok(Value::None),
            },
            View::Rows => Ok(Value::native(row_object(
                interp,
                &self.ctx,
                &Rc::new(self.result.keys.clone()),
                row,
                self.rowcount.is_some(),
            )?)),
            View::Mappings => {
                let mut items = Vec::new();
                for (key, item) in self.result.keys.iter().zip(&row.items) {
                    items.push((Value::str(key.as_str()), self.ctx.item_value(interp, item)?));
                }
                interp.make_dict(items)
            }
        }
    }

    fn check_open(&self) -> PyResult<()> {
        if self.cursor.closed.get() {
            return Err(self
                .ctx
                .raise("ResourceClosedError", "This result object is closed."));
        }
        if self.result.unique_required && !self.result.rows.is_empty() {
            return Err(self.ctx.raise(
                "InvalidRequestError",
                "The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections",
            ));
        }
        Ok(())
    }

    /// Consumes up to `count` rows (all that remain for `None`) and
    /// returns the view's values of them.
    fn take(&self, interp: &mut Interpreter, count: Option<usize>) -> PyResult<Vec<Value>> {
        self.check_open()?;
        let start = self.cursor.sync().min(self.result.rows.len());
        let end = match count {
            Some(n) => (start + n).min(self.result.rows.len()),
            None => self.result.rows.len(),
        };
        self.cursor.position.set(end);
        let mut values = Vec::with_capacity(end - start);
        for row in &self.result.rows[start..end] {
            values.push(self.value_of(interp, row)?);
        }
        Ok(values)
    }

    fn close(&self) {
        self.cursor.sync();
        self.cursor.closed.set(true);
    }

    /// `one()` / `one_or_none()` and their scalar forms: every remaining
    /// row is read.
    fn exactly(&self, values: Vec<Value>, allow_none: bool) -> PyResult<Value> {
        match values.len() {
            0 if allow_none => Ok(Value::None),
            0 => Err(self
                .ctx
                .raise("NoResultFound", "No row was found when one was required")),
            1 => Ok(values.into_iter().next().unwrap_or(Value::None)),
            _ if allow_none => Err(self.ctx.raise(
                "MultipleResultsFound",
                "Multiple rows were found when one or none was required",
            )),
            _ => Err(self.ctx.raise(
                "MultipleResultsFound",
                "Multiple rows were found when exactly one was required",
            )),
        }
    }

    fn scalar_view(&self) -> ResultObject {
        ResultObject {
            view: View::Scalars,
            ..self.clone()
        }
    }

    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        match name {
            "scalars" => Ok(self.scalars_view()),
            "mappings" => Ok(self.with_view(View::Mappings)),
            "tuples" => Ok(self.with_view(View::Rows)),
            "unique" => {
                let rows = retort_orm::query::unique_rows(
                    self.result.rows.clone(),
                    self.view == View::Scalars,
                );
                Ok(Value::native(ResultObject {
                    result: Rc::new(QueryResult {
                        keys: self.result.keys.clone(),
                        rows,
                        unique_required: false,
                    }),
                    ..self.clone()
                }))
            }
            "keys" => Ok(Value::native(KeyView {
                keys: Rc::new(self.result.keys.clone()),
            })),
            "close" => {
                self.close();
                Ok(Value::None)
            }
            "all" | "fetchall" => Ok(Value::list(self.take(interp, None)?)),
            "fetchone" => Ok(self.take(interp, Some(1))?.pop().unwrap_or(Value::None)),
            "fetchmany" => {
                let size = args.take(0, "size").and_then(|v| v.as_int());
                let size = size.map(|n| usize::try_from(n).unwrap_or(0));
                Ok(Value::list(self.take(interp, size)?))
            }
            "first" => {
                let first = self.take(interp, Some(1))?.pop();
                self.close();
                Ok(first.unwrap_or(Value::None))
            }
            "scalar" => {
                let first = self.scalar_view().take(interp, Some(1))?.pop();
                self.close();
                Ok(first.unwrap_or(Value::None))
            }
            "one" => self.exactly(self.take(interp, None)?, false),
            "one_or_none" => self.exactly(self.take(interp, None)?, true),
            "scalar_one" => self.exactly(self.scalar_view().take(interp, None)?, false),
            "scalar_one_or_none" => self.exactly(self.scalar_view().take(interp, None)?, true),
            _ => Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                self.type_name()
            ))),
        }
    }
}

const RESULT_METHODS: &[&str] = &[
    "all",
    "fetchall",
    "fetchone",
    "fetchmany",
    "first",
    "one",
    "one_or_none",
    "scalar",
    "scalar_one",
    "scalar_one_or_none",
    "scalars",
    "mappings",
    "tuples",
    "unique",
    "keys",
    "close",
];

impl NativeObject for ResultObject {
    fn type_name(&self) -> &str {
        match self.view {
            // A textual or DML statement's result is the cursor's; an ORM
            // select's is the chunked one the ORM builds.
            View::Rows if self.rowcount.is_some() => "CursorResult",
            View::Rows => "ChunkedIteratorResult",
            View::Scalars => "ScalarResult",
            View::Mappings => "MappingResult",
        }
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name == "rowcount" {
            return Ok(self.rowcount.map(Value::Int));
        }
        if !RESULT_METHODS.contains(&name) {
            return Ok(None);
        }
        Ok(Some(bound_method(self.clone(), name, Self::call_method)))
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        let start = self.cursor.sync();
        let values = self.take(interp, None)?;
        // What the loop has not reached yet stays unread.
        self.cursor.position.set(start);
        let iterator = Value::Iterator(Rc::new(RefCell::new(PyIterator::Items {
            items: values.into(),
            index: 0,
        })));
        *self.cursor.live.borrow_mut() = Some((start, iterator.clone()));
        Ok(Some(iterator))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_a_loop_took_from_a_handed_out_iterator_count_as_read() {
        let cursor = Cursor::default();
        cursor.position.set(2);
        let items: Rc<[Value]> = vec![Value::Int(3), Value::Int(4), Value::Int(5)].into();
        let iterator =
            Value::Iterator(Rc::new(RefCell::new(PyIterator::Items { items, index: 2 })));
        *cursor.live.borrow_mut() = Some((2, iterator));
        assert_eq!(cursor.sync(), 4);
        // The iterator is forgotten once counted.
        assert_eq!(cursor.sync(), 4);
        assert!(cursor.live.borrow().is_none());
    }
}
