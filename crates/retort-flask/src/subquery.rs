//! `Query.subquery()` and `Select.subquery()`: the statement (in the 2.0
//! label style, as SQLAlchemy's `statement` is) under an anonymous alias
//! (`anon_1`, numbered when the enclosing statement compiles) or a given
//! name; its columns are `subq.c.<name>` (the inner column's name or
//! label), usable as entities and in criteria; `join(subq, on)` /
//! `outerjoin(subq, on)` and `select_from(subq)` put it in the FROM
//! clause, and a statement that only selects its columns gets it there
//! (the registry knows it: `Registry::subqueries`).

use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::{Interpreter, NativeObject, PyErr, PyResult, Value};
use retort_sql::{AliasName, ColumnRef, Expr, FromItem, FromSource, Select};

use crate::ctx::Ctx;
use crate::expr::ExprObject;

/// A subquery: its SELECT and its alias.
#[derive(Debug, Clone)]
pub struct SubqueryObject {
    pub ctx: Rc<Ctx>,
    pub select: Select,
    pub alias: AliasName,
}

impl SubqueryObject {
    /// `statement.subquery(name)`, as a Python value.
    pub fn make(
        ctx: &Rc<Ctx>,
        interp: &mut Interpreter,
        select: Select,
        name: Option<String>,
    ) -> PyResult<Value> {
        let alias = match name {
            Some(name) => AliasName::Named(name),
            None => {
                let id = ctx.run_unconfigured(interp, |s, _| Ok(s.next_anon_id()))?;
                AliasName::anon(id, "anon")
            }
        };
        let item = select.clone().subquery(alias.clone());
        let known = alias.clone();
        ctx.run_unconfigured(interp, move |s, _| {
            s.registry.subqueries.push((known, item));
            Ok(())
        })?;
        Ok(Value::native(SubqueryObject {
            ctx: ctx.clone(),
            select,
            alias,
        }))
    }

    /// The FROM item.
    pub fn from_item(&self) -> FromItem {
        self.select.clone().subquery(self.alias.clone())
    }

    /// The names of the subquery's columns, in order.
    fn column_names(&self) -> Vec<String> {
        self.select
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| match column {
                Expr::Label { name, .. } => name.clone(),
                Expr::Column(column) => column.name.clone(),
                _ => format!("anon_{}", i + 1),
            })
            .collect()
    }

    fn column(&self, name: &str) -> Value {
        Value::native(ExprObject::plain(
            Expr::Column(ColumnRef {
                source: FromSource::Alias(self.alias.clone()),
                name: name.to_string(),
            }),
            name,
        ))
    }
}

impl NativeObject for SubqueryObject {
    fn type_name(&self) -> &str {
        "Subquery"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.sql.selectable.Subquery", this))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "c" | "columns" => Some(Value::native(SubqueryColumns(self.clone()))),
            _ => None,
        })
    }
}

/// `subq.c`.
#[derive(Debug)]
struct SubqueryColumns(SubqueryObject);

impl NativeObject for SubqueryColumns {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.sql.base.ReadOnlyColumnCollection",
            this,
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let names = self.0.column_names();
        if names.iter().any(|n| n == name) {
            return Ok(Some(self.0.column(name)));
        }
        if name == "keys" {
            let keys: Vec<Value> = names.iter().map(|n| Value::str(n.as_str())).collect();
            return Ok(Some(retort_python::NativeFunction::function(
                "keys",
                move |_, _| Ok(Value::list(keys.clone())),
            )));
        }
        Err(PyErr::attribute_error(name.to_string()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(
            self.0
                .column_names()
                .iter()
                .map(|n| self.0.column(n))
                .collect(),
        )))
    }
}
