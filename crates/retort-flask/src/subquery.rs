//! `Query.subquery()`, `Select.subquery()` and a compound's `subquery()`
//! (`union(...).subquery()`): the statement (in the 2.0
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
use retort_sql::{AliasName, ColumnRef, CompoundSelect, Expr, FromItem, FromSource, Select};

use crate::ctx::Ctx;
use crate::expr::ExprObject;

/// The statement of a subquery.
#[derive(Debug, Clone)]
pub enum SubqueryBody {
    Select(Select),
    /// `union(...).subquery()`: its columns are the first member's.
    Compound(CompoundSelect),
}

impl SubqueryBody {
    fn under_alias(&self, alias: AliasName) -> FromItem {
        match self {
            SubqueryBody::Select(select) => select.clone().subquery(alias),
            SubqueryBody::Compound(compound) => compound.clone().subquery(alias),
        }
    }

    /// The SELECT whose columns the subquery exports.
    fn columns_select(&self) -> Option<&Select> {
        match self {
            SubqueryBody::Select(select) => Some(select),
            SubqueryBody::Compound(compound) => compound.selects.first(),
        }
    }
}

/// A subquery: its statement and its alias.
#[derive(Debug, Clone)]
pub struct SubqueryObject {
    pub ctx: Rc<Ctx>,
    pub body: SubqueryBody,
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
        Self::make_from(ctx, interp, SubqueryBody::Select(select), name)
    }

    /// A subquery of any statement, registered under its alias.
    pub fn make_from(
        ctx: &Rc<Ctx>,
        interp: &mut Interpreter,
        body: SubqueryBody,
        name: Option<String>,
    ) -> PyResult<Value> {
        let alias = match name {
            Some(name) => AliasName::Named(name),
            None => {
                let id = ctx.run_unconfigured(interp, |s, _| Ok(s.next_anon_id()))?;
                AliasName::anon(id, "anon")
            }
        };
        let item = body.under_alias(alias.clone());
        let known = alias.clone();
        ctx.run_unconfigured(interp, move |s, _| {
            s.registry.subqueries.push((known, item));
            Ok(())
        })?;
        Ok(Value::native(SubqueryObject {
            ctx: ctx.clone(),
            body,
            alias,
        }))
    }

    /// The FROM item.
    pub fn from_item(&self) -> FromItem {
        self.body.under_alias(self.alias.clone())
    }

    /// The names of the subquery's columns, in order.
    pub fn column_names(&self) -> Vec<String> {
        let Some(select) = self.body.columns_select() else {
            return Vec::new();
        };
        select
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

    /// `subq.c.<name>` as an expression.
    pub fn column_expr(&self, name: &str) -> Expr {
        Expr::Column(ColumnRef {
            source: FromSource::Alias(self.alias.clone()),
            name: name.to_string(),
        })
    }

    fn column(&self, name: &str) -> Value {
        Value::native(ExprObject::plain(self.column_expr(name), name))
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
