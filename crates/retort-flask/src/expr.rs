//! Column expressions as Python objects: `User.name == "x"`, `&`, `|`, `~`,
//! `.like()`, `.in_()`, `.desc()`, `.label()`, ..., building
//! `retort_sql::Expr` trees; plus `and_`, `or_`, `not_`, `desc`, `asc`,
//! `func.<name>(...)`, `text`, `literal`, `null`, `true`, `false`, `distinct`.

use retort_orm::{Entity, MapperId, OrmValue};
use retort_python::{BinOp, CallArgs, CmpOp, Interpreter, NativeFunction, NativeObject, PyErr};
use retort_python::{PyResult, UnaryOp, Value};
use retort_sql::{BinaryOp, Expr, SqlType};

use crate::convert::{compared_param, to_orm, to_param};

/// A SQL expression; for a mapped column, its type and mapping too.
#[derive(Debug, Clone)]
pub struct ExprObject {
    pub expr: Expr,
    pub sql_type: Option<SqlType>,
    /// The key of the value in a result row.
    pub name: String,
    /// `(mapper, attribute)` for `Model.attr`.
    pub attribute: Option<(MapperId, String)>,
    /// What `str()` shows instead of the SQL (`User.name` for an attribute).
    pub display: Option<String>,
    /// The table column this expression is (`table.c.name`): its
    /// `type`, `nullable`, `primary_key`, ... read from it.
    pub column: Option<std::rc::Rc<retort_sql::Column>>,
    /// The repr of a table column's Python-side default
    /// (`ScalarElementColumnDefault(0)`), shown by the column's repr.
    pub column_default: Option<std::rc::Rc<str>>,
    /// For a hybrid attribute read on its class (`Person.full_name`): the
    /// attribute's key, which labels a nameless expression when selected.
    pub proxy_key: Option<String>,
    /// What `~` makes of it when that is not `NOT (expr)`: a many-to-many
    /// `contains()` negates to `NOT (EXISTS (...))`.
    pub negation: Option<Box<Expr>>,
}

/// The column methods whose expression is a `Boolean` condition
/// (`between()` is not: SQLAlchemy leaves it untyped).
const PREDICATES: &[&str] = &[
    "like",
    "notlike",
    "not_like",
    "ilike",
    "notilike",
    "not_ilike",
    "icontains",
    "istartswith",
    "iendswith",
    "startswith",
    "endswith",
    "contains",
    "in_",
    "not_in",
    "notin_",
    "is_",
    "is_not",
    "isnot",
    "is_distinct_from",
    "is_not_distinct_from",
    "isnot_distinct_from",
];

impl ExprObject {
    /// A plain expression without type or mapping.
    /// `EXISTS (select)`: a boolean.
    pub fn exists(select: retort_sql::Select) -> ExprObject {
        ExprObject {
            sql_type: Some(SqlType::Boolean),
            ..ExprObject::plain(Expr::Exists(Box::new(select)), "anon_1")
        }
    }

    pub fn plain(expr: Expr, name: impl Into<String>) -> ExprObject {
        ExprObject {
            expr,
            sql_type: None,
            name: name.into(),
            attribute: None,
            display: None,
            column: None,
            column_default: None,
            proxy_key: None,
            negation: None,
        }
    }

    /// Wraps a derived expression keeping the name.
    fn derived(&self, expr: Expr) -> Value {
        Value::native(ExprObject::plain(expr, self.name.clone()))
    }

    /// This expression as a selected entity.
    pub fn entity(&self) -> Entity {
        Entity::Column {
            expr: self.selected_expr(),
            name: self.name.clone(),
            sql_type: self.sql_type.clone(),
            enum_class: None,
            mapper: self.attribute.as_ref().map(|(m, _)| *m),
        }
    }

    /// The expression as a selected column: SQLAlchemy labels a hybrid's
    /// expression by its key when the expression has no name of its own
    /// (`ColumnElement._expression_label`); a column, a function or a label
    /// keeps its own (`upper(x) AS upper_1`).
    fn selected_expr(&self) -> Expr {
        match &self.proxy_key {
            Some(key) if !has_name(&self.expr) => self.expr.clone().label(key.clone()),
            _ => self.expr.clone(),
        }
    }

    /// A Python value bound for comparison with this expression.
    fn bind(&self, interp: &mut Interpreter, value: &Value) -> PyResult<Expr> {
        if let Some(other) = value.downcast_native::<ExprObject>() {
            return Ok(other.expr.clone());
        }
        if let Some(placeholder) = crate::column::spec_expr(value) {
            return Ok(placeholder);
        }
        let param = match &self.sql_type {
            Some(sql_type) => compared_param(&to_orm(interp, value)?, sql_type),
            None => to_param(interp, value)?,
        };
        Ok(self.expr.value_bind(param))
    }

    /// `self == value` as SQLAlchemy renders it (`IS NULL`, inline booleans).
    pub fn compare_with(
        &self,
        interp: &mut Interpreter,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Expr> {
        let left = self.expr.clone();
        if other.downcast_native::<ExprObject>().is_none() {
            match (op, to_orm(interp, other)) {
                (CmpOp::Eq, Ok(OrmValue::None)) => return Ok(left.is(Expr::Null)),
                (CmpOp::NotEq, Ok(OrmValue::None)) => return Ok(left.is_not(Expr::Null)),
                (CmpOp::Eq, Ok(OrmValue::Bool(b))) => {
                    return Ok(left.eq(if b { Expr::True } else { Expr::False }));
                }
                (CmpOp::NotEq, Ok(OrmValue::Bool(b))) => {
                    return Ok(left.ne(if b { Expr::True } else { Expr::False }));
                }
                _ => {}
            }
        }
        let right = self.bind(interp, other)?;
        Ok(match op {
            CmpOp::Eq => left.eq(right),
            CmpOp::NotEq => left.ne(right),
            CmpOp::Lt => left.lt(right),
            CmpOp::LtE => left.le(right),
            CmpOp::Gt => left.gt(right),
            CmpOp::GtE => left.ge(right),
            _ => return Err(PyErr::type_error("unsupported comparison for a column")),
        })
    }

    fn method(&self, name: &str) -> Option<Value> {
        let this = self.clone();
        let owned = name.to_string();
        let method =
            move |interp: &mut Interpreter, args: CallArgs| this.call_method(interp, &owned, args);
        let others = [
            "between",
            "desc",
            "asc",
            "label",
            "distinct",
            "nulls_first",
            "nulls_last",
            "nullsfirst",
            "nullslast",
            "concat",
            "over",
            "collate",
            "op",
            "bool_op",
        ];
        (PREDICATES.contains(&name) || others.contains(&name))
            .then(|| NativeFunction::function(name, method))
    }

    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        let result = self.call_operator(interp, name, args)?;
        // A predicate is a `Boolean` (`Post.stamped.is_not(None)` selects
        // True / False, not 1 / 0).
        if PREDICATES.contains(&name)
            && let Some(object) = result.downcast_native::<ExprObject>()
            && object.sql_type.is_none()
        {
            return Ok(Value::native(ExprObject {
                sql_type: Some(SqlType::Boolean),
                ..object.clone()
            }));
        }
        Ok(result)
    }

    fn call_operator(
        &self,
        interp: &mut Interpreter,
        name: &str,
        args: CallArgs,
    ) -> PyResult<Value> {
        let arg = |i: usize| args.positional.get(i).cloned().unwrap_or(Value::None);
        let left = self.expr.clone();
        // `like(other, escape='/')`; `contains(other, autoescape=True)`
        // escapes `%`, `_` and `/` in the value and adds `ESCAPE '/'`.
        let like = |interp: &mut Interpreter, op: BinaryOp| -> PyResult<Value> {
            let keyword = |name: &str| {
                args.keywords
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone())
            };
            let mut value = arg(0);
            let mut escape = match keyword("escape").or_else(|| args.positional.get(1).cloned()) {
                Some(Value::None) | None => None,
                Some(other) => Some(interp.str(&other)?),
            };
            let autoescape = match keyword("autoescape") {
                Some(flag) => interp.is_truthy(&flag)?,
                None => false,
            };
            if autoescape {
                let Some(text) = value.as_str() else {
                    return Err(PyErr::type_error(
                        "String value expected when autoescape=True",
                    ));
                };
                let mark = escape.clone().unwrap_or_else(|| "/".to_owned());
                let escaped = text
                    .replace(&mark, &format!("{mark}{mark}"))
                    .replace('%', &format!("{mark}%"))
                    .replace('_', &format!("{mark}_"));
                value = Value::str(escaped);
                escape = Some(mark);
            }
            let right = self.bind(interp, &value)?;
            let compared = left.clone().binary(op, right);
            Ok(self.derived(match escape {
                Some(mark) => compared.escape(mark),
                None => compared,
            }))
        };
        match name {
            "like" => like(interp, BinaryOp::Like),
            "notlike" | "not_like" => like(interp, BinaryOp::NotLike),
            "ilike" => like(interp, BinaryOp::ILike),
            "notilike" | "not_ilike" => like(interp, BinaryOp::NotILike),
            // SQLAlchemy 2.0's case-insensitive forms: both sides lowered.
            "icontains" | "istartswith" | "iendswith" => {
                let op = match name {
                    "icontains" => BinaryOp::Contains,
                    "istartswith" => BinaryOp::StartsWith,
                    _ => BinaryOp::EndsWith,
                };
                let right = self.bind(interp, &arg(0))?;
                let lowered = |expr: Expr| Expr::func("lower", vec![expr]);
                Ok(self.derived(lowered(left.clone()).binary(op, lowered(right))))
            }
            "startswith" => like(interp, BinaryOp::StartsWith),
            "endswith" => like(interp, BinaryOp::EndsWith),
            "contains" => like(interp, BinaryOp::Contains),
            "concat" => like(interp, BinaryOp::Concat),
            "collate" => {
                let collation = interp.str(&arg(0))?;
                Ok(self.derived(left.collate(collation)))
            }
            // `op('%')` / `bool_op('REGEXP')`: a function of the other side.
            "op" | "bool_op" => {
                let opstring = interp.str(&arg(0))?;
                let precedence = match args
                    .keywords
                    .iter()
                    .find(|(key, _)| key == "precedence")
                    .map(|(_, value)| value)
                    .or_else(|| args.positional.get(1))
                {
                    Some(value) => value.as_int().unwrap_or(0) as i32,
                    None => 0,
                };
                let this = self.clone();
                Ok(NativeFunction::function("op", move |interp, args| {
                    args.check("op", 1, 1)?;
                    let right = this.bind(interp, &args.positional[0])?;
                    let expr = this
                        .expr
                        .clone()
                        .custom_op(opstring.clone(), right, precedence);
                    Ok(this.derived(expr))
                }))
            }
            "in_" | "not_in" | "notin_" => {
                // A legacy `Query` stands for its `statement` here.
                let select = match arg(0).downcast_native::<crate::query::QueryObject>() {
                    Some(query) => Some(query.statement()),
                    None => arg(0)
                        .downcast_native::<crate::select::SelectObject>()
                        .cloned(),
                };
                if let Some(select) = select {
                    let in_select = Expr::In {
                        expr: Box::new(left),
                        values: retort_sql::InValues::Select(Box::new(select.nested(interp)?)),
                        negated: false,
                    };
                    return Ok(self.derived(if name == "in_" {
                        in_select
                    } else {
                        retort_sql::not_(in_select)
                    }));
                }
                let items = interp.iterate(&arg(0))?;
                let mut values = Vec::new();
                for item in &items {
                    values.push(match &self.sql_type {
                        Some(t) => compared_param(&to_orm(interp, item)?, t),
                        None => to_param(interp, item)?,
                    });
                }
                Ok(self.derived(if name == "in_" {
                    left.in_values(values)
                } else {
                    left.not_in_values(values)
                }))
            }
            "is_" | "is_not" | "isnot" => {
                let right = match arg(0) {
                    Value::None => Expr::Null,
                    Value::Bool(true) => Expr::True,
                    Value::Bool(false) => Expr::False,
                    other => self.bind(interp, &other)?,
                };
                Ok(self.derived(if name == "is_" {
                    left.is(right)
                } else {
                    left.is_not(right)
                }))
            }
            "is_distinct_from" | "is_not_distinct_from" | "isnot_distinct_from" => {
                let right = match arg(0) {
                    Value::None => Expr::Null,
                    other => self.bind(interp, &other)?,
                };
                Ok(self.derived(if name == "is_distinct_from" {
                    left.is_distinct_from(right)
                } else {
                    left.is_not_distinct_from(right)
                }))
            }
            "between" => {
                let low = self.bind(interp, &arg(0))?;
                let high = self.bind(interp, &arg(1))?;
                Ok(self.derived(left.between(low, high)))
            }
            "desc" => Ok(self.derived(left.desc())),
            "asc" => Ok(self.derived(left.asc())),
            "nulls_first" | "nullsfirst" => Ok(self.derived(left.nulls_first())),
            "nulls_last" | "nullslast" => Ok(self.derived(left.nulls_last())),
            "distinct" => Ok(self.derived(left.distinct())),
            "over" => crate::window::over(interp, self, args),
            "label" => {
                let label = interp.str(&arg(0))?;
                let mut labelled = ExprObject::plain(left.label(label.clone()), label);
                labelled.sql_type = self.sql_type.clone();
                Ok(Value::native(labelled))
            }
            _ => Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                "Column"
            ))),
        }
    }
}

impl NativeObject for ExprObject {
    fn type_name(&self) -> &str {
        if self.proxy_key.is_some() {
            "hybrid_propertyProxy"
        } else if matches!(self.expr, Expr::Case { .. } | Expr::SimpleCase { .. }) {
            "Case"
        } else if self.column.is_some() {
            "Column"
        } else if self.attribute.is_some() {
            "InstrumentedAttribute"
        } else {
            "BinaryExpression"
        }
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        // A table's column (`table.c.name`) shows as SQLAlchemy's Column.
        if let (Some(column), None, Expr::Column(reference)) =
            (&self.column, &self.attribute, &self.expr)
            && let retort_sql::FromSource::Table(table) = &reference.source
        {
            return column_repr(interp, table, column, self.column_default.as_deref());
        }
        Ok(format!("<sqlalchemy expression {}>", self.name))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        if let Some(display) = &self.display {
            return Ok(display.clone());
        }
        Ok(compile_expr(&self.expr))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        // A mapped attribute's `name` is its column's
        // (`id = db.Column('customer_id', ...)`), its `key` the attribute's.
        if name == "name"
            && self.attribute.is_some()
            && let Expr::Column(column) = &self.expr
        {
            return Ok(Some(Value::str(column.name.as_str())));
        }
        if name == "key" || name == "name" {
            return Ok(Some(Value::str(self.name.as_str())));
        }
        if name == "bindparams"
            && let Expr::Text { sql, binds } = &self.expr
        {
            return Ok(Some(bindparams_method(sql.clone(), binds.clone())));
        }
        if name == "where"
            && let Expr::Exists(select) = &self.expr
        {
            return Ok(Some(exists_where((**select).clone())));
        }
        if let Some(column) = &self.column
            && let Some(value) = column_attribute(column, name)
        {
            return Ok(Some(value));
        }
        // Every column expression has a `type`; a mapped attribute's is its
        // column's (`User.id.type` is `INTEGER`).
        if name == "type"
            && let Some(sql_type) = &self.sql_type
        {
            return Ok(Some(Value::native(crate::types::type_object_for(sql_type))));
        }
        let method = self.method(name);
        // A mapped attribute answers as SQLAlchemy's `QueryableAttribute`
        // does (a hybrid's getter calling `self.name.title()` on the class).
        if method.is_none()
            && self.attribute.is_some()
            && self.proxy_key.is_none()
            && !name.starts_with("__")
            && let Some(display) = &self.display
        {
            return Err(PyErr::attribute_error(format!(
                "Neither 'InstrumentedAttribute' object nor 'Comparator' object \
                 associated with {display} has an attribute '{name}'"
            )));
        }
        Ok(method)
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        if matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn) {
            return Ok(None);
        }
        let expr = self.compare_with(interp, op, other)?;
        // A comparison is a `Boolean` (`x >= 100` selects True / False).
        let mut compared = ExprObject::plain(expr, self.name.clone());
        compared.sql_type = Some(SqlType::Boolean);
        Ok(Some(Value::native(compared)))
    }

    fn binary_op(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        let right = self.bind(interp, other)?;
        let (left, right) = if reflected {
            (right, self.expr.clone())
        } else {
            (self.expr.clone(), right)
        };
        let expr = match op {
            BinOp::BitAnd => retort_sql::and_([left, right]),
            BinOp::BitOr => retort_sql::or_([left, right]),
            // `String + x` is `concat_op`: `||`.
            BinOp::Add
                if matches!(
                    self.sql_type,
                    Some(
                        SqlType::String(_)
                            | SqlType::Text
                            | SqlType::Unicode(_)
                            | SqlType::UnicodeText
                    )
                ) =>
            {
                left.binary(BinaryOp::Concat, right)
            }
            BinOp::Add => left.binary(BinaryOp::Add, right),
            BinOp::Sub => left.binary(BinaryOp::Sub, right),
            BinOp::Mul => left.binary(BinaryOp::Mul, right),
            BinOp::Div => left.binary(BinaryOp::Div, right),
            BinOp::Mod => left.binary(BinaryOp::Mod, right),
            _ => return Ok(None),
        };
        let other_type = match other.downcast_native::<ExprObject>() {
            Some(object) => object.sql_type.clone(),
            None => literal_type(other),
        };
        let mut result = ExprObject::plain(expr, self.name.clone());
        result.sql_type = arithmetic_type(op, self.sql_type.as_ref(), other_type.as_ref());
        Ok(Some(Value::native(result)))
    }

    fn unary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: UnaryOp,
    ) -> PyResult<Option<Value>> {
        Ok(match op {
            UnaryOp::Invert => Some(self.derived(match &self.negation {
                Some(negation) => (**negation).clone(),
                None => negate(self),
            })),
            UnaryOp::Neg => Some(self.derived(Expr::Unary {
                op: retort_sql::UnaryOp::Neg,
                operand: Box::new(self.expr.clone()),
            })),
            _ => None,
        })
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Err(PyErr::type_error(
            "Boolean value of this clause is not defined",
        ))
    }
}

/// Whether an expression has a `name` of its own in SQLAlchemy (a column,
/// a function, a label), which a hybrid's key does not replace.
fn has_name(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Column(_) | Expr::Function { .. } | Expr::Label { .. } | Expr::ScalarSubquery(_)
    )
}

/// `text(...).bindparams(name=value, ...)`: a copy of the text with these
/// values bound (a later value for the same name replaces the earlier).
fn bindparams_method(sql: String, binds: Vec<(String, retort_sql::Value)>) -> Value {
    NativeFunction::function("bindparams", move |interp, args| {
        if !args.positional.is_empty() {
            return Err(PyErr::type_error(
                "Retort's bindparams() takes name=value keywords",
            ));
        }
        let mut binds = binds.clone();
        for (name, value) in &args.keywords {
            let value = to_param(interp, value)?;
            binds.retain(|(n, _)| n != name);
            binds.push((name.clone(), value));
        }
        Ok(expr_value(
            Expr::Text {
                sql: sql.clone(),
                binds,
            },
            "text",
        ))
    })
}

/// The type SQLAlchemy gives a bound Python value (`int` → `Integer`).
pub(crate) fn literal_type(value: &Value) -> Option<SqlType> {
    match value {
        Value::Int(_) => Some(SqlType::Integer),
        Value::Float(_) => Some(SqlType::Float(None)),
        Value::Str(_) => Some(SqlType::String(None)),
        other
            if other
                .downcast_native::<retort_python::stdlib::decimal::Decimal>()
                .is_some() =>
        {
            Some(SqlType::Numeric(None, None))
        }
        _ => None,
    }
}

/// The type of `left op right` (`_adapt_expression` with the types'
/// `_expression_adaptations`): `Numeric(10, 2) * Integer` stays
/// `Numeric(10, 2)`, `Integer * Numeric(10, 2)` takes the right's,
/// `Integer / Integer` is a plain `Numeric`, strings concatenate.
fn arithmetic_type(op: BinOp, left: Option<&SqlType>, right: Option<&SqlType>) -> Option<SqlType> {
    let left = left?;
    let integer = |t: &SqlType| {
        matches!(
            t,
            SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger
        )
    };
    let numeric = |t: &SqlType| matches!(t, SqlType::Numeric(..) | SqlType::Float(_));
    if !matches!(
        op,
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod
    ) {
        return None;
    }
    if integer(left) {
        return match (op, right) {
            (BinOp::Div, Some(r)) if integer(r) => Some(SqlType::Numeric(None, None)),
            (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::FloorDiv, Some(r))
                if numeric(r) =>
            {
                Some(r.clone())
            }
            (BinOp::Add, Some(SqlType::Date)) => Some(SqlType::Date),
            _ => Some(left.clone()),
        };
    }
    match left {
        SqlType::Date | SqlType::DateTime | SqlType::Time if op == BinOp::Sub => None,
        _ => Some(left.clone()),
    }
}

/// `~expr`: a Boolean column becomes `col = 0`, anything else `NOT (...)`.
fn negate(object: &ExprObject) -> Expr {
    match (&object.expr, &object.sql_type) {
        (Expr::Column(_), Some(SqlType::Boolean)) => object.expr.clone().is_false(),
        _ => retort_sql::not_(object.expr.clone()),
    }
}

/// The default-dialect text of an expression, as `str(expr)` shows it.
/// `retort_sql` compiles statements only, so this compiles `SELECT expr`
/// and keeps the column clause without its anonymous label.
/// Where the outer statement's ` \nFROM ` starts in `sql` (the end when
/// there is none): the first one outside parentheses, so that the FROM of
/// a subquery inside the expression (`EXISTS (SELECT * \nFROM t ...)`)
/// stays part of it.
fn outer_from(sql: &str) -> usize {
    let mut depth = 0i32;
    let mut quoted = false;
    for (at, c) in sql.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ' ' if !quoted && depth == 0 && sql[at..].starts_with(" \nFROM ") => return at,
            _ => {}
        }
    }
    sql.len()
}

fn compile_expr(expr: &Expr) -> String {
    // A label prints as what it labels (`str(label("n", x))` is `x`).
    let expr = match expr {
        Expr::Label { expr, .. } => expr,
        other => other,
    };
    let select = retort_sql::Select::new(vec![expr.clone()]);
    let sql = match retort_sql::compile_default_str(&select.into()) {
        Ok(sql) => sql,
        Err(error) => return error.to_string(),
    };
    let columns = sql.strip_prefix("SELECT ").unwrap_or(&sql);
    let columns = columns[..outer_from(columns)].trim_end();
    // The label the SELECT gave the column (`anon_1`, `sum_1`) is not
    // part of the expression.
    match columns.rsplit_once(" AS ") {
        Some((inner, label))
            if !label.is_empty()
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            inner.to_string()
        }
        _ => columns.to_string(),
    }
}

/// `repr(table.c.name)`: SQLAlchemy's `Column.__repr__`, its name, type,
/// foreign keys, table and the flags that differ from a plain column.
pub fn column_repr(
    interp: &mut Interpreter,
    table: &str,
    column: &retort_sql::Column,
    default: Option<&str>,
) -> PyResult<String> {
    use retort_python::format::repr::str_repr;
    let mut parts = vec![str_repr(&column.name)];
    if let Some(type_object) = column_attribute(column, "type") {
        parts.push(interp.repr(&type_object)?);
    }
    for key in &column.foreign_keys {
        parts.push(format!(
            "ForeignKey({})",
            str_repr(&format!("{}.{}", key.table, key.column))
        ));
    }
    parts.push(format!("table=<{table}>"));
    if column.primary_key {
        parts.push("primary_key=True".to_owned());
    }
    if !column.nullable {
        parts.push("nullable=False".to_owned());
    }
    if let Some(default) = default {
        parts.push(format!("default={default}"));
    }
    Ok(format!("Column({})", parts.join(", ")))
}

/// What a table column tells about itself (`c.type`, `c.nullable`, ...).
fn column_attribute(column: &retort_sql::Column, name: &str) -> Option<Value> {
    Some(match name {
        "type" => {
            let mut type_object = crate::types::type_object_for(&column.sql_type);
            if let Some(spelling) = &column.type_spelling {
                type_object.name = crate::types::spelled_name(spelling);
            }
            Value::native(type_object)
        }
        "nullable" => Value::Bool(column.nullable),
        "primary_key" => Value::Bool(column.primary_key),
        // `None` unless the column was declared with it.
        "unique" => flag_or_none(column.unique),
        "index" => flag_or_none(column.index),
        _ => return None,
    })
}

fn flag_or_none(flag: bool) -> Value {
    if flag { Value::Bool(true) } else { Value::None }
}

/// The criterion a filter argument stands for (a Boolean column becomes `col = 1`).
pub fn criterion(interp: &mut Interpreter, value: &Value) -> PyResult<Expr> {
    if let Some(error) = crate::hybrid::expression_error(value) {
        return Err(error);
    }
    match value.downcast_native::<ExprObject>() {
        Some(object) => Ok(match (&object.expr, &object.sql_type) {
            (Expr::Column(_), Some(SqlType::Boolean)) => object.expr.clone().is_true(),
            _ => object.expr.clone(),
        }),
        None => match value {
            Value::Bool(true) => Ok(Expr::True),
            Value::Bool(false) => Ok(Expr::False),
            // SQLAlchemy 2.0 takes no plain string as SQL.
            Value::Str(text) => Err(PyErr::new(
                "ArgumentError",
                crate::session::text_coercion_message(interp, text)?,
            )),
            other => {
                let shown = interp.repr(other)?;
                Err(PyErr::new(
                    "ArgumentError",
                    format!("SQL expression element expected, got {shown}"),
                ))
            }
        },
    }
}

/// An argument of a function or a select: an expression or a bound value.
pub fn operand(interp: &mut Interpreter, value: &Value, key: &str) -> PyResult<Expr> {
    if let Some(error) = crate::hybrid::expression_error(value) {
        return Err(error);
    }
    match value.downcast_native::<ExprObject>() {
        Some(object) => Ok(object.expr.clone()),
        // SQLAlchemy coerces `None` to `null()`: `coalesce(NULL, ?)`.
        None if value.is_none() => Ok(Expr::Null),
        None => Ok(Expr::bind(key, to_param(interp, value)?)),
    }
}

fn expr_value(expr: Expr, name: &str) -> Value {
    Value::native(ExprObject::plain(expr, name))
}

fn combine(interp: &mut Interpreter, args: &CallArgs, and: bool) -> PyResult<Value> {
    let mut clauses = Vec::new();
    for value in &args.positional {
        clauses.push(criterion(interp, value)?);
    }
    let expr = if and {
        retort_sql::and_(clauses)
    } else {
        retort_sql::or_(clauses)
    };
    Ok(expr_value(expr, "and"))
}

/// The type SQLAlchemy's generic function of this name returns, which
/// converts its results: `max`/`min`/`sum`/`coalesce` take their first
/// typed argument's (`ReturnTypeFromArgs`: `max(Numeric)` is a `Decimal`),
/// `now()` is a `DateTime`, `current_date()` a `Date`; other names are
/// untyped (`avg` included).
fn function_type(name: &str, args: &[Value]) -> Option<SqlType> {
    match name.to_ascii_lowercase().as_str() {
        "max" | "min" | "sum" | "coalesce" => args.iter().find_map(|value| {
            value
                .downcast_native::<ExprObject>()
                .and_then(|object| object.sql_type.clone())
        }),
        "now" | "current_timestamp" | "localtimestamp" | "sysdate" => Some(SqlType::DateTime),
        "current_date" => Some(SqlType::Date),
        "current_time" => Some(SqlType::Time),
        "count" | "char_length" => Some(SqlType::Integer),
        "concat" => Some(SqlType::String(None)),
        _ => None,
    }
}

/// `func`: `func.count(...)`, `func.sum(...)`, any name.
#[derive(Debug)]
pub struct FuncNamespace;

/// SQLAlchemy's generic functions (`functions._registry`): found whatever
/// the case they are written in (`func.COUNT` is `count`); any other name
/// renders as written (`func.AVG` is `AVG`).
const GENERIC_FUNCTIONS: &[&str] = &[
    "aggregate_strings",
    "array_agg",
    "cast",
    "char_length",
    "coalesce",
    "concat",
    "count",
    "cube",
    "cume_dist",
    "current_date",
    "current_time",
    "current_timestamp",
    "current_user",
    "dense_rank",
    "extract",
    "grouping_sets",
    "localtime",
    "localtimestamp",
    "max",
    "min",
    "mode",
    "next_value",
    "now",
    "percent_rank",
    "percentile_cont",
    "percentile_disc",
    "random",
    "rank",
    "rollup",
    "session_user",
    "sum",
    "sysdate",
    "user",
];

impl NativeObject for FuncNamespace {
    fn type_name(&self) -> &str {
        "_FunctionGenerator"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let lower = name.to_ascii_lowercase();
        let function = if GENERIC_FUNCTIONS.contains(&lower.as_str()) {
            lower
        } else {
            name.to_string()
        };
        Ok(Some(NativeFunction::function(name, move |interp, args| {
            if function == "count" && args.positional.is_empty() {
                return Ok(expr_value(Expr::count_star(), "count"));
            }
            let mut operands = Vec::new();
            for value in &args.positional {
                operands.push(operand(interp, value, &function)?);
            }
            let mut object = ExprObject::plain(Expr::func(function.clone(), operands), &function);
            object.sql_type = function_type(&function, &args.positional);
            Ok(Value::native(object))
        })))
    }
}

/// The module-level expression helpers, by name.
pub fn helpers() -> Vec<(&'static str, Value)> {
    vec![
        (
            "and_",
            NativeFunction::function("and_", |i, a| combine(i, &a, true)),
        ),
        (
            "or_",
            NativeFunction::function("or_", |i, a| combine(i, &a, false)),
        ),
        (
            "not_",
            NativeFunction::function("not_", |interp, args| {
                let value = args.positional.first().cloned().unwrap_or(Value::None);
                let inner = match value.downcast_native::<ExprObject>() {
                    Some(object) => negate(object),
                    None => retort_sql::not_(criterion(interp, &value)?),
                };
                Ok(expr_value(inner, "not"))
            }),
        ),
        (
            "desc",
            NativeFunction::function("desc", |i, a| modifier(i, &a, true)),
        ),
        (
            "asc",
            NativeFunction::function("asc", |i, a| modifier(i, &a, false)),
        ),
        ("nulls_first", nulls_function("nulls_first", true)),
        ("nullsfirst", nulls_function("nullsfirst", true)),
        ("nulls_last", nulls_function("nulls_last", false)),
        ("nullslast", nulls_function("nullslast", false)),
        ("func", Value::native(FuncNamespace)),
        (
            "text",
            NativeFunction::function("text", |interp, args| {
                let sql = interp.str(args.positional.first().unwrap_or(&Value::None))?;
                Ok(expr_value(
                    Expr::Text {
                        sql,
                        binds: Vec::new(),
                    },
                    "text",
                ))
            }),
        ),
        (
            "literal",
            NativeFunction::function("literal", |interp, args| {
                let value = args.positional.first().cloned().unwrap_or(Value::None);
                Ok(expr_value(
                    Expr::param(to_param(interp, &value)?),
                    "param_1",
                ))
            }),
        ),
        (
            "null",
            NativeFunction::function("null", |_, _| Ok(expr_value(Expr::Null, "null"))),
        ),
        // `between(expr, low, high)`, `label(name, expr)` and
        // `collate(expr, collation)`: the function forms of the column
        // methods, which they call.
        ("between", method_function("between", 0, &[1, 2])),
        ("label", method_function("label", 1, &[0])),
        ("collate", method_function("collate", 0, &[1])),
        (
            "literal_column",
            NativeFunction::function("literal_column", |interp, mut args| {
                let text = args.take(0, "text").unwrap_or(Value::None);
                args.check("literal_column", 0, 1)?;
                let text = interp.str(&text)?;
                Ok(expr_value(Expr::Raw(text.clone()), &text))
            }),
        ),
        (
            "true",
            NativeFunction::function("true", |_, _| Ok(expr_value(Expr::True, "true"))),
        ),
        (
            "false",
            NativeFunction::function("false", |_, _| Ok(expr_value(Expr::False, "false"))),
        ),
        (
            "distinct",
            NativeFunction::function("distinct", |interp, args| {
                let value = args.positional.first().cloned().unwrap_or(Value::None);
                let inner = operand(interp, &value, "param")?;
                Ok(expr_value(inner.distinct(), "distinct"))
            }),
        ),
        (
            "cast",
            NativeFunction::function("cast", |interp, args| {
                let value = args.positional.first().cloned().unwrap_or(Value::None);
                let inner = operand(interp, &value, "param")?;
                let to = args
                    .positional
                    .get(1)
                    .and_then(crate::types::sql_type_of)
                    .unwrap_or(SqlType::Null);
                let mut object = ExprObject::plain(inner.cast(to.clone()), "cast");
                object.sql_type = Some(to);
                Ok(Value::native(object))
            }),
        ),
        (
            "extract",
            NativeFunction::function("extract", |interp, mut args| {
                let field = args.take(0, "field");
                let value = args.take(1, "expr");
                args.positional.truncate(0);
                args.check("extract", 0, 0)?;
                let (Some(field), Some(value)) = (field, value) else {
                    return Err(PyErr::type_error(
                        "extract() missing required arguments: 'field' and 'expr'",
                    ));
                };
                let Some(field) = field.as_str().map(str::to_string) else {
                    return Err(PyErr::type_error("extract() field must be a string"));
                };
                let inner = operand(interp, &value, "param")?;
                let mut object = ExprObject::plain(inner.extract(field), "extract");
                object.sql_type = Some(SqlType::Integer);
                Ok(Value::native(object))
            }),
        ),
    ]
}

/// A function that calls the column method `name` on its argument at
/// `receiver` with the arguments at `rest` (`between(c, 1, 2)` is
/// `c.between(1, 2)`); a plain value becomes a bound parameter first.
fn method_function(name: &'static str, receiver: usize, rest: &'static [usize]) -> Value {
    NativeFunction::function(name, move |interp, args| {
        let arg = |i: usize| args.positional.get(i).cloned().unwrap_or(Value::None);
        let mut target = arg(receiver);
        if target.downcast_native::<ExprObject>().is_none() {
            target = expr_value(operand(interp, &target, "param")?, "param_1");
        }
        let method = interp.get_attr(&target, name)?;
        let forwarded = rest.iter().map(|&i| arg(i)).collect();
        interp.call(
            &method,
            CallArgs::with_keywords(forwarded, args.keywords.clone()),
        )
    })
}

fn modifier(interp: &mut Interpreter, args: &CallArgs, desc: bool) -> PyResult<Value> {
    let value = args.positional.first().cloned().unwrap_or(Value::None);
    let inner = match value.as_str() {
        Some(name) => Expr::LabelReference(name.to_string()),
        None => operand(interp, &value, "param")?,
    };
    Ok(expr_value(
        if desc { inner.desc() } else { inner.asc() },
        "order",
    ))
}

/// `nulls_first(expr)` / `nulls_last(expr)` (and the 1.x spellings).
fn nulls_function(name: &'static str, first: bool) -> Value {
    NativeFunction::function(name, move |interp, args| {
        let value = args.positional.first().cloned().unwrap_or(Value::None);
        let inner = operand(interp, &value, "param")?;
        Ok(expr_value(
            if first {
                inner.nulls_first()
            } else {
                inner.nulls_last()
            },
            "order",
        ))
    })
}

/// `exists()`: `EXISTS (SELECT * ...)`, its FROM taken from the criteria
/// its `.where()` adds.
pub fn exists_function() -> Value {
    NativeFunction::function("exists", |interp, args| {
        if let Some(first) = args.positional.first() {
            return Err(PyErr::new(
                "NotImplementedError",
                format!(
                    "Retort's exists() takes no arguments; got {} (use select(...).exists())",
                    interp.repr(first)?
                ),
            ));
        }
        let select = retort_sql::Select::new(vec![Expr::Raw("*".to_string())]);
        Ok(Value::native(ExprObject::exists(select)))
    })
}

/// `exists().where(*criteria)`.
fn exists_where(select: retort_sql::Select) -> Value {
    NativeFunction::function("where", move |interp, args| {
        let mut select = select.clone();
        for value in &args.positional {
            select = select.where_(criterion(interp, value)?);
        }
        Ok(Value::native(ExprObject::exists(select)))
    })
}
