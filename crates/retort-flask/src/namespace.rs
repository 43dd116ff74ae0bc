//! The entity namespace `filter_by` reads beyond mapped properties:
//! SQLAlchemy filters by `getattr(Entity, key) == value`, so any class
//! attribute is a key: a hybrid property compares as its SQL expression,
//! a plain attribute as Python does (`WHERE 1 = 1` / `WHERE 0 = 1`).

use retort_orm::MapperId;
use retort_python::{CallArgs, CmpOp, Interpreter, PyResult, Value};
use retort_sql::Expr;

use crate::ctx::Ctx;
use crate::expr::criterion;

/// The criteria of the keywords of `args` that are neither a column nor a
/// relationship of the mapper but an attribute of its class.
pub fn class_attribute_criteria(
    interp: &mut Interpreter,
    ctx: &Ctx,
    mapper: MapperId,
    args: &CallArgs,
) -> PyResult<Vec<(String, Expr)>> {
    let unmapped: Vec<String> = ctx.peek(|s| {
        let Ok(mapper) = s.registry.mapper(mapper) else {
            return Vec::new();
        };
        args.keywords
            .iter()
            .filter(|(k, _)| mapper.property(k).is_err() && mapper.relationship(k).is_none())
            .map(|(k, _)| k.clone())
            .collect()
    })?;
    let Some(class) = ctx.classes.borrow().get(&mapper.0).cloned() else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for key in unmapped {
        if class.lookup(&key).is_none() {
            continue;
        }
        let attribute = interp.get_attr(&Value::Class(class.clone()), &key)?;
        let Some((_, value)) = args.keywords.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        let compared = interp.compare_values(CmpOp::Eq, &attribute, value)?;
        found.push((key, criterion(interp, &compared)?));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use crate::{RunOptions, run_script};

    fn run(body: &str) -> String {
        let source = format!(
            "from sqlalchemy.ext.hybrid import hybrid_property\n\
             class P(db.Model):\n    \
                 id = db.Column(db.Integer, primary_key=True)\n    \
                 a = db.Column(db.String(9))\n    \
                 @hybrid_property\n    \
                 def twice(self):\n        \
                     return self.a + self.a\n    \
                 def plain(self):\n        \
                     return 1\n\
             db.create_all()\n\
             db.session.add(P(a='x'))\n\
             {body}\n"
        );
        let record = run_script(&source, &RunOptions::default());
        match record.error {
            Some(error) => format!("{}: {}", error.type_name, error.message),
            None => record.stdout,
        }
    }

    #[test]
    fn a_hybrid_is_a_filter_by_key() {
        assert_eq!(run("print(P.query.filter_by(twice='xx').count())"), "1\n");
    }

    #[test]
    fn another_class_attribute_compares_in_python() {
        assert_eq!(run("print(P.query.filter_by(plain=1).count())"), "0\n");
    }

    #[test]
    fn a_missing_name_is_not_a_key() {
        let message = "InvalidRequestError: Entity namespace for \"p\" has no property";
        assert!(run("P.query.filter_by(nothing=1).all()").starts_with(message));
    }
}
