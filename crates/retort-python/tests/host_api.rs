//! Proves the extension API with a tiny fake ORM: host modules, a host base
//! class with a native `__init__` and a subclass hook, data descriptors for
//! columns, a class-level `query` descriptor, per-instance host state,
//! expression objects from `==`, `&`, `|`, `~`, context managers, host
//! exception classes, callbacks into Python, warnings, source tracking and
//! console snippets.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use retort_python::stdlib::typing::inspect_annotation;
use retort_python::{
    BinOp, CallArgs, Class, ClassHooks, CmpOp, Interpreter, Limits, Loc, NativeFunction,
    NativeObject, PyErr, PyResult, UnaryOp, Value,
};

/// Everything the fake ORM records, shared between the host objects.
#[derive(Debug, Default)]
struct Registry {
    tables: RefCell<Vec<(String, Vec<String>)>>,
    changes: RefCell<Vec<String>>,
    added: RefCell<Vec<Value>>,
    committed: RefCell<Vec<Value>>,
    listeners: RefCell<Vec<Value>>,
    locations: RefCell<Vec<(u32, u32)>>,
    integrity_error: RefCell<Option<Rc<Class>>>,
}

/// Per-instance state: the column values of one model object.
#[derive(Debug, Default)]
struct RowState {
    values: RefCell<BTreeMap<String, Value>>,
}

fn row_state(instance: &Value) -> PyResult<Rc<RowState>> {
    if let Some(state) =
        Interpreter::instance_state(instance).and_then(|state| state.downcast::<RowState>().ok())
    {
        return Ok(state);
    }
    let state = Rc::new(RowState::default());
    Interpreter::set_instance_state(instance, state.clone())?;
    Ok(state)
}

/// `db.Column(...)` before the class hook turns it into a mapped attribute.
#[derive(Debug)]
struct ColumnSpec {
    primary_key: bool,
}

impl NativeObject for ColumnSpec {
    fn type_name(&self) -> &str {
        "Column"
    }
}

/// A SQL-ish expression built from column comparisons.
#[derive(Debug)]
struct Expression(String);

impl NativeObject for Expression {
    fn type_name(&self) -> &str {
        "BinaryExpression"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("<expr {}>", self.0))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Err(PyErr::type_error(
            "Boolean value of this clause is not defined",
        ))
    }

    fn binary_op(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        let Some(other) = other.downcast_native::<Expression>() else {
            let _ = interp;
            return Ok(None);
        };
        let word = match op {
            BinOp::BitAnd => "AND",
            BinOp::BitOr => "OR",
            _ => return Ok(None),
        };
        let (left, right) = if reflected {
            (&other.0, &self.0)
        } else {
            (&self.0, &other.0)
        };
        Ok(Some(Value::native(Expression(format!(
            "({left} {word} {right})"
        )))))
    }

    fn unary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: UnaryOp,
    ) -> PyResult<Option<Value>> {
        Ok((op == UnaryOp::Invert).then(|| Value::native(Expression(format!("NOT {}", self.0)))))
    }
}

/// A mapped column: a data descriptor.
#[derive(Debug)]
struct ColumnAttribute {
    table: String,
    name: String,
    registry: Rc<Registry>,
}

impl NativeObject for ColumnAttribute {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        let symbol = match op {
            CmpOp::Eq => "=",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::Gt => ">",
            _ => return Ok(None),
        };
        let literal = interp.repr(other)?;
        Ok(Some(Value::native(Expression(format!(
            "{}.{} {symbol} {literal}",
            self.table, self.name
        )))))
    }

    fn descriptor_get(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        match instance {
            None => Ok(Some(this.clone())),
            Some(instance) => Ok(Some(
                row_state(instance)?
                    .values
                    .borrow()
                    .get(&self.name)
                    .cloned()
                    .unwrap_or(Value::None),
            )),
        }
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descriptor_set(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        instance: &Value,
        value: Value,
    ) -> PyResult<()> {
        let shown = interp.repr(&value)?;
        self.registry
            .changes
            .borrow_mut()
            .push(format!("{}.{} = {shown}", self.table, self.name));
        row_state(instance)?
            .values
            .borrow_mut()
            .insert(self.name.clone(), value);
        Ok(())
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("{}.{}", self.table, self.name))
    }
}

/// `Model.query`: a non-data descriptor that works on the class.
#[derive(Debug)]
struct QueryProperty {
    registry: Rc<Registry>,
}

#[derive(Debug)]
struct Query {
    class: Rc<Class>,
    registry: Rc<Registry>,
}

impl NativeObject for QueryProperty {
    fn type_name(&self) -> &str {
        "QueryProperty"
    }

    fn descriptor_get(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        Ok(Some(Value::native(Query {
            class: owner.clone(),
            registry: self.registry.clone(),
        })))
    }
}

impl NativeObject for Query {
    fn type_name(&self) -> &str {
        "Query"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let class = self.class.clone();
        let registry = self.registry.clone();
        Ok(match name {
            "all" => Some(NativeFunction::function("all", move |interp, _| {
                let rows: Vec<Value> = registry
                    .committed
                    .borrow()
                    .iter()
                    .filter(|row| interp.is_instance(row, &class))
                    .cloned()
                    .collect();
                Ok(Value::list(rows))
            })),
            _ => None,
        })
    }
}

/// `with db.session.begin():` — commits on success, rolls back on error.
#[derive(Debug)]
struct Transaction {
    registry: Rc<Registry>,
}

impl NativeObject for Transaction {
    fn type_name(&self) -> &str {
        "SessionTransaction"
    }

    fn enter(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(this.clone()))
    }

    fn exit(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        exception: Option<&Value>,
    ) -> PyResult<bool> {
        match exception {
            None => commit(interp, &self.registry),
            Some(_) => {
                self.registry.added.borrow_mut().clear();
                Ok(false)
            }
        }
    }
}

fn commit(interp: &mut Interpreter, registry: &Rc<Registry>) -> PyResult<bool> {
    let pending: Vec<Value> = registry.added.borrow_mut().drain(..).collect();
    for row in pending {
        let name = interp.get_attr(&row, "name")?;
        let duplicate = registry.committed.borrow().iter().any(|existing| {
            Interpreter::instance_state(existing)
                .and_then(|s| s.downcast::<RowState>().ok())
                .and_then(|s| s.values.borrow().get("name").cloned())
                .is_some_and(|existing_name| existing_name.as_str() == name.as_str())
        });
        if duplicate {
            let class = registry.integrity_error.borrow().clone();
            return Err(match class {
                Some(class) => PyErr::from_class(&class, "UNIQUE constraint failed: user.name"),
                None => PyErr::new("RuntimeError", "no IntegrityError class"),
            });
        }
        registry.committed.borrow_mut().push(row.clone());
        let listeners = registry.listeners.borrow().clone();
        for listener in listeners {
            interp.call(&listener, CallArgs::new(vec![row.clone()]))?;
        }
    }
    interp.warn("SAWarning", "commit finished");
    Ok(false)
}

#[derive(Debug)]
struct Session {
    registry: Rc<Registry>,
}

impl NativeObject for Session {
    fn type_name(&self) -> &str {
        "Session"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let registry = self.registry.clone();
        Ok(match name {
            "add" => Some(NativeFunction::function("add", move |interp, args| {
                args.check("add", 1, 1)?;
                let location = interp.current_location().unwrap_or_default();
                registry
                    .locations
                    .borrow_mut()
                    .push((location.line, location.col));
                registry.added.borrow_mut().push(args.positional[0].clone());
                Ok(Value::None)
            })),
            "commit" => Some(NativeFunction::function("commit", move |interp, _| {
                commit(interp, &registry).map(|_| Value::None)
            })),
            "begin" => Some(NativeFunction::function("begin", move |_, _| {
                Ok(Value::native(Transaction {
                    registry: registry.clone(),
                }))
            })),
            "on_commit" => Some(NativeFunction::function("on_commit", move |_, args| {
                let listener = args.positional.first().cloned().unwrap_or(Value::None);
                registry.listeners.borrow_mut().push(listener.clone());
                Ok(listener)
            })),
            _ => None,
        })
    }
}

/// Turns `db.Column()` entries of a new model class into mapped attributes.
#[derive(Debug)]
struct ModelHooks {
    registry: Rc<Registry>,
}

impl ClassHooks for ModelHooks {
    fn subclass_created(
        &self,
        interp: &mut Interpreter,
        _base: &Rc<Class>,
        new_class: &Rc<Class>,
        keywords: &[(String, Value)],
    ) -> PyResult<()> {
        let table = match keywords.iter().find(|(k, _)| k == "table") {
            Some((_, value)) => interp.str(value)?,
            None => new_class.name.to_lowercase(),
        };
        let mut columns = Vec::new();
        let annotations = new_class.dict.borrow().get("__annotations__").cloned();
        if let Some(Value::Dict(annotations)) = annotations {
            for (name, annotation) in annotations.borrow().items() {
                let name = name.as_str().unwrap_or_default().to_string();
                let info = inspect_annotation(&annotation);
                let inner = info.args.first().map(inspect_annotation);
                let nullable = inner.as_ref().is_some_and(|i| i.allows_none);
                columns.push(format!("{name}{}", if nullable { "?" } else { "" }));
            }
        }
        let entries: Vec<(String, Value)> = new_class
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, value) in entries {
            if let Some(spec) = value.downcast_native::<ColumnSpec>() {
                if spec.primary_key {
                    columns.retain(|c| c != &name);
                    columns.insert(0, format!("{name}*"));
                }
                let attribute = ColumnAttribute {
                    table: table.clone(),
                    name: name.clone(),
                    registry: self.registry.clone(),
                };
                new_class
                    .dict
                    .borrow_mut()
                    .insert(name, Value::native(attribute));
            }
        }
        for annotated in columns.clone() {
            let bare = annotated.trim_end_matches(['*', '?']).to_string();
            if !new_class.dict.borrow().contains_key(&bare) {
                let attribute = ColumnAttribute {
                    table: table.clone(),
                    name: bare.clone(),
                    registry: self.registry.clone(),
                };
                new_class
                    .dict
                    .borrow_mut()
                    .insert(bare, Value::native(attribute));
            }
        }
        self.registry.tables.borrow_mut().push((table, columns));
        Ok(())
    }
}

/// `Mapped[...]`: keeps the inner annotation inspectable.
#[derive(Debug)]
struct MappedMarker;

impl NativeObject for MappedMarker {
    fn type_name(&self) -> &str {
        "Mapped"
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let generic = retort_python::stdlib::typing::TypeForm::Generic {
            origin: this.clone(),
            name: "Mapped".into(),
            args: vec![key.clone()],
            typing_prefix: false,
        };
        let _ = interp;
        Ok(Some(Value::native(generic)))
    }
}

#[derive(Debug)]
struct Database {
    model: Rc<Class>,
    registry: Rc<Registry>,
}

impl NativeObject for Database {
    fn type_name(&self) -> &str {
        "SQLAlchemy"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "Model" => Some(Value::Class(self.model.clone())),
            "session" => Some(Value::native(Session {
                registry: self.registry.clone(),
            })),
            "Column" => Some(NativeFunction::function("Column", |interp, mut args| {
                let primary_key = match args.take_keyword("primary_key") {
                    Some(value) => {
                        interp
                            .call(
                                &interp.builtin("bool").unwrap_or(Value::None),
                                CallArgs::new(vec![value]),
                            )?
                            .as_int()
                            == Some(1)
                    }
                    None => false,
                };
                Ok(Value::native(ColumnSpec { primary_key }))
            })),
            _ => None,
        })
    }
}

fn model_init() -> Value {
    NativeFunction::method("__init__", |interp, mut args| {
        if args.positional.len() != 1 {
            return Err(PyErr::type_error("__init__() takes only keyword arguments"));
        }
        let instance = args.positional.remove(0);
        let class = interp.class_of(&instance);
        for (key, value) in args.keywords {
            if class.lookup(&key).is_none() {
                return Err(PyErr::type_error(format!(
                    "'{key}' is an invalid keyword argument for {}",
                    class.name
                )));
            }
            interp.set_attr(&instance, &key, value)?;
        }
        Ok(Value::None)
    })
}

struct Harness {
    interp: Interpreter,
    output: Rc<RefCell<String>>,
    warnings: Rc<RefCell<Vec<String>>>,
    statements: Rc<RefCell<Vec<Loc>>>,
    registry: Rc<Registry>,
}

fn harness() -> Harness {
    let mut interp = Interpreter::new(Limits::default());
    let output = Rc::new(RefCell::new(String::new()));
    let sink = output.clone();
    interp.set_output(move |text| sink.borrow_mut().push_str(text));
    let warnings = Rc::new(RefCell::new(Vec::new()));
    let warning_sink = warnings.clone();
    interp.set_warning_handler(move |warning| {
        warning_sink.borrow_mut().push(format!(
            "{}: {} (line {})",
            warning.category, warning.message, warning.line
        ))
    });
    let statements = Rc::new(RefCell::new(Vec::new()));
    let statement_log = statements.clone();
    interp.on_statement_complete(move |_, span| statement_log.borrow_mut().push(span));

    let registry = Rc::new(Registry::default());
    let exception = interp.builtin_class("Exception").expect("Exception exists");
    let integrity_error = interp
        .new_class("IntegrityError", vec![exception], vec![], None)
        .expect("class builds");
    *registry.integrity_error.borrow_mut() = Some(integrity_error.clone());
    let hooks: Rc<dyn ClassHooks> = Rc::new(ModelHooks {
        registry: registry.clone(),
    });
    let model = interp
        .new_class(
            "Model",
            vec![],
            vec![
                ("__init__", model_init()),
                (
                    "query",
                    Value::native(QueryProperty {
                        registry: registry.clone(),
                    }),
                ),
            ],
            Some(hooks),
        )
        .expect("model builds");
    let database_registry = registry.clone();
    let database_model = model.clone();
    let module = Interpreter::new_module(
        "fakeorm",
        vec![
            (
                "Database",
                NativeFunction::function("Database", move |_, _| {
                    Ok(Value::native(Database {
                        model: database_model.clone(),
                        registry: database_registry.clone(),
                    }))
                }),
            ),
            ("IntegrityError", Value::Class(integrity_error)),
            ("Mapped", Value::native(MappedMarker)),
        ],
    );
    interp.register_module("fakeorm", module);
    Harness {
        interp,
        output,
        warnings,
        statements,
        registry,
    }
}

const SCRIPT: &str = r#"from fakeorm import Database, IntegrityError, Mapped
from typing import Optional

db = Database()

class User(db.Model, table="users"):
    id: Mapped[int] = db.Column(primary_key=True)
    name: Mapped[str] = db.Column()
    email: Mapped[Optional[str]]

    def __repr__(self):
        return f"<User {self.name!r}>"

    @property
    def shout(self):
        return self.name.upper()

class Admin(User):
    level: Mapped[int] = db.Column()

seen = []
db.session.on_commit(lambda row: seen.append(repr(row)))
alice = User(name="alice")
alice.name = "Alice"
print(alice, alice.shout, alice.id, User.name)
print(User.name == "bob", (User.id > 5) & ~(User.name != "x") | (User.id == 1))
with db.session.begin():
    db.session.add(alice)
print(User.query.all(), seen)
admin = Admin(name="root", level=3)
print(Admin.query.all(), admin.level, isinstance(admin, db.Model))
try:
    db.session.add(User(name="Alice"))
    db.session.commit()
except IntegrityError as e:
    print(type(e).__name__, e)
try:
    User(nickname="x")
except TypeError as e:
    print(e)
try:
    if User.name == "x":
        pass
except TypeError as e:
    print("clause:", e)
"#;

#[test]
fn fake_orm_runs_through_every_hook() {
    let mut h = harness();
    let result = h.interp.run(SCRIPT);
    assert!(
        result.is_ok(),
        "{}",
        result
            .err()
            .map(|e| e.format_traceback())
            .unwrap_or_default()
    );
    let expected = "\
<User 'Alice'> ALICE None users.name
<expr users.name = 'bob'> <expr ((users.id > 5 AND NOT users.name != 'x') OR users.id = 1)>
[<User 'Alice'>] [\"<User 'Alice'>\"]
[] 3 True
IntegrityError UNIQUE constraint failed: user.name
'nickname' is an invalid keyword argument for User
clause: Boolean value of this clause is not defined
";
    assert_eq!(h.output.borrow().as_str(), expected);
    let tables = h.registry.tables.borrow().clone();
    assert_eq!(
        tables,
        vec![
            (
                "users".to_string(),
                vec!["id*".to_string(), "name".to_string(), "email?".to_string()]
            ),
            ("admin".to_string(), vec!["level".to_string()]),
        ]
    );
    assert_eq!(
        h.registry.changes.borrow().first().map(String::as_str),
        Some("users.name = 'alice'")
    );
    assert!(
        h.registry
            .changes
            .borrow()
            .contains(&"users.name = 'Alice'".to_string())
    );
    assert_eq!(h.registry.locations.borrow().first(), Some(&(28, 5)));
    assert_eq!(
        h.warnings.borrow().first().map(String::as_str),
        Some("SAWarning: commit finished (line 28)")
    );
}

#[test]
fn statement_hook_sees_every_top_level_statement() {
    let mut h = harness();
    h.interp
        .run("x = 1\nif x:\n    y = 2\n    z = 3\nprint(x)\n")
        .expect("runs");
    let spans: Vec<(u32, u32)> = h
        .statements
        .borrow()
        .iter()
        .map(|loc| (loc.line, loc.end_line))
        .collect();
    assert_eq!(spans, vec![(1, 1), (2, 4), (5, 5)]);
}

#[test]
fn native_code_sees_the_current_top_level_statement() {
    let mut h = harness();
    let spans = Rc::new(RefCell::new(Vec::new()));
    let spans_seen = spans.clone();
    h.interp.set_global(
        "probe",
        NativeFunction::function("probe", move |interp, _| {
            let statement = interp.current_statement_span().unwrap_or_default();
            let location = interp.current_location().unwrap_or_default();
            spans_seen
                .borrow_mut()
                .push((statement.line, statement.end_line, location.line));
            Ok(Value::None)
        }),
    );
    h.interp
        .run("def f():\n    probe()\n\nfor i in range(1):\n    f()\n")
        .expect("runs");
    assert_eq!(spans.borrow().as_slice(), &[(4, 5, 2)]);
}

#[test]
fn console_snippets_share_globals_and_return_values() {
    let mut h = harness();
    h.interp
        .run("class P:\n    def __repr__(self):\n        return 'P!'\np = P()\nn = 41\n")
        .expect("runs");
    let value = h.interp.run_snippet("n + 1").expect("evaluates");
    assert!(matches!(value, Some(Value::Int(42))));
    let value = h
        .interp
        .run_snippet("p")
        .expect("evaluates")
        .expect("has a value");
    assert_eq!(h.interp.repr(&value).expect("repr works"), "P!");
    assert!(h.interp.run_snippet("m = n * 2").expect("runs").is_none());
    assert!(matches!(h.interp.global("m"), Some(Value::Int(82))));
    let error = h.interp.run_snippet("undefined_name").expect_err("fails");
    assert_eq!(
        error.summary(),
        "NameError: name 'undefined_name' is not defined"
    );
}

#[test]
fn host_calls_python_callables_and_sees_their_exceptions() {
    let mut h = harness();
    h.interp.run("def add(a, b=10, *, scale=1):\n    return (a + b) * scale\ndef boom():\n    raise ValueError('bad')\n").expect("runs");
    let add = h.interp.global("add").expect("defined");
    let result = h
        .interp
        .call(
            &add,
            CallArgs::with_keywords(vec![Value::Int(1)], vec![("scale".into(), Value::Int(3))]),
        )
        .expect("calls");
    assert!(matches!(result, Value::Int(33)));
    let boom = h.interp.global("boom").expect("defined");
    let error = h
        .interp
        .call(&boom, CallArgs::default())
        .expect_err("raises");
    let script_error = h.interp.script_error(error);
    assert_eq!(script_error.summary(), "ValueError: bad");
}

#[test]
fn unknown_imports_list_the_available_modules() {
    let mut h = harness();
    let error = h
        .interp
        .run("import flask_sqlalchemy\n")
        .expect_err("fails");
    assert_eq!(error.class_name, "ModuleNotFoundError");
    assert!(
        error
            .message
            .starts_with("No module named 'flask_sqlalchemy' (Retort can import: "),
        "{}",
        error.message
    );
    assert!(error.message.contains("fakeorm"));
    assert!(error.message.contains("datetime"));
}

#[test]
fn native_exceptions_can_be_caught_by_base_class() {
    let mut h = harness();
    h.interp
        .run("from fakeorm import IntegrityError\ntry:\n    raise IntegrityError('dup')\nexcept Exception as e:\n    print(repr(e), e.args)\n")
        .expect("runs");
    assert_eq!(
        h.output.borrow().as_str(),
        "IntegrityError('dup') ('dup',)\n"
    );
}

#[test]
fn host_can_evaluate_string_annotations_during_a_run() {
    let mut h = harness();
    let resolved = Rc::new(RefCell::new(Vec::new()));
    let sink = resolved.clone();
    h.interp.set_global(
        "resolve",
        NativeFunction::function("resolve", move |interp, args| {
            let text = interp.str(args.positional.first().unwrap_or(&Value::None))?;
            let value = interp.eval_expression(&text)?;
            let shown = interp.repr(&value)?;
            sink.borrow_mut().push(shown);
            Ok(value)
        }),
    );
    h.interp
        .run("from __future__ import annotations\nclass A:\n    other: B\nclass B:\n    pass\nresolve(A.__annotations__['other'])\nprint('after', A.__annotations__)\n")
        .expect("runs");
    assert_eq!(
        resolved.borrow().as_slice(),
        &["<class '__main__.B'>".to_string()]
    );
    assert_eq!(h.output.borrow().as_str(), "after {'other': 'B'}\n");
    let spans: Vec<u32> = h.statements.borrow().iter().map(|loc| loc.line).collect();
    assert_eq!(spans, vec![1, 2, 4, 6, 7]);
}

/// A native sequence exercising the container, hashing and operator hooks.
#[derive(Debug)]
struct Rows {
    items: RefCell<Vec<Value>>,
    tag: i64,
}

impl NativeObject for Rows {
    fn type_name(&self) -> &str {
        "Rows"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let inner = interp.repr(&Value::list(self.items.borrow().clone()))?;
        Ok(format!("Rows({inner})"))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.items.borrow().len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.items.borrow().clone())))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let list = Value::list(self.items.borrow().clone());
        let item = interp.item(&list, key)?;
        Ok(Some(match item {
            Value::List(items) => Value::native(Rows {
                items: RefCell::new(items.borrow().clone()),
                tag: self.tag,
            }),
            other => other,
        }))
    }

    fn set_item(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> PyResult<bool> {
        let index = key
            .as_int()
            .ok_or_else(|| PyErr::type_error("Rows indices must be integers"))?;
        let mut items = self.items.borrow_mut();
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| items.get_mut(i))
            .ok_or_else(|| PyErr::index_error("Rows index out of range"))?;
        *slot = value;
        Ok(true)
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        let items = self.items.borrow().clone();
        for candidate in &items {
            if interp.equals(candidate, item)? {
                return Ok(Some(true));
            }
        }
        Ok(Some(false))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.items.borrow().is_empty())
    }

    fn hash_key(&self) -> Option<u64> {
        Some(self.tag as u64)
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(
            other
                .downcast_native::<Rows>()
                .is_some_and(|o| o.tag == self.tag),
        )
    }

    fn binary_op(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if op != BinOp::Add {
            return Ok(None);
        }
        let extra = interp.iterate(other)?;
        let mut items = self.items.borrow().clone();
        if reflected {
            let mut combined = extra;
            combined.extend(items);
            items = combined;
        } else {
            items.extend(extra);
        }
        Ok(Some(Value::native(Rows {
            items: RefCell::new(items),
            tag: self.tag,
        })))
    }
}

#[test]
fn native_containers_support_len_iteration_items_membership_and_keys() {
    let mut h = harness();
    h.interp.set_global(
        "rows",
        Value::native(Rows {
            items: RefCell::new(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
            tag: 7,
        }),
    );
    h.interp.set_global(
        "same_tag",
        Value::native(Rows {
            items: RefCell::new(vec![]),
            tag: 7,
        }),
    );
    h.interp
        .run(
            "print(len(rows), list(rows), rows[0], rows[-1], rows[1:], 2 in rows, 9 in rows, bool(rows), bool(same_tag))\nrows[0] = 10\nprint(rows, [0] + rows, rows + [4], sum(rows), sorted(rows, reverse=True))\nseen = {rows: 'first'}\nseen[same_tag] = 'second'\nprint(len(seen), seen[rows], type(rows).__name__)\na, *b = rows\nprint(a, b)\n",
        )
        .expect("runs");
    assert_eq!(
        h.output.borrow().as_str(),
        "3 [1, 2, 3] 1 3 Rows([2, 3]) True False True False\nRows([10, 2, 3]) Rows([0, 10, 2, 3]) Rows([10, 2, 3, 4]) 15 [10, 3, 2]\n1 second Rows\n10 [2, 3]\n"
    );
}

/// Host inspection code (a run report's `repr` calls) runs on a budget of
/// its own and leaves the script's counters as they were.
#[test]
fn isolated_inspection_spends_none_of_the_scripts_budget() {
    let mut interp = Interpreter::new(Limits {
        max_steps: 200,
        ..Limits::default()
    });
    interp
        .run("class Spin:\n    def __repr__(self):\n        while True:\n            pass\nspin = Spin()\n")
        .expect("defines");
    let spin = interp.global("spin").expect("spin exists");
    let before = interp.steps_used();
    let error = interp
        .isolated(50, |interp| interp.repr(&spin))
        .expect_err("the loop hits the inspection budget");
    assert!(error.is_execution_limit());
    assert_eq!(interp.steps_used(), before);
    assert_eq!(interp.limits().max_steps, 200);
    interp
        .run("x = [i for i in range(20)]\n")
        .expect("the script's budget is intact");
}
