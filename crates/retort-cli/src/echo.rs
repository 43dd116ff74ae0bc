//! A run as text: what the script printed, then its statements the way
//! SQLAlchemy's `echo=True` log shows them (SQL, then its parameters as a
//! Python tuple), then the error that ended it.

use std::fmt::Write as _;

use retort_flask::record::RunRecord;
use retort_python::format::repr::str_repr;
use serde_json::Value as Json;

/// The SQL log of a run, one `INFO sqlalchemy.engine.Engine` entry per statement.
pub fn sql_log(record: &RunRecord) -> String {
    let mut out = String::new();
    for statement in &record.statements {
        let _ = writeln!(
            out,
            "INFO sqlalchemy.engine.Engine {}",
            statement.sql.trim_end()
        );
        match (statement.kind.as_str(), &statement.params) {
            ("begin" | "commit" | "rollback", _) => {}
            ("executemany", Json::Array(rows)) => {
                let rows: Vec<String> = rows.iter().map(python_tuple).collect();
                let _ = writeln!(
                    out,
                    "INFO sqlalchemy.engine.Engine [generated] [{}]",
                    rows.join(", ")
                );
            }
            (_, params) => {
                let _ = writeln!(
                    out,
                    "INFO sqlalchemy.engine.Engine [generated] {}",
                    python_tuple(params)
                );
            }
        }
    }
    out
}

/// The error line of a run, as Python ends a traceback: `Type: message`.
pub fn error_line(record: &RunRecord) -> Option<String> {
    record.error.as_ref().map(|error| {
        let place = error
            .line
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        format!("{}: {}{place}", error.type_name, error.message)
    })
}

/// A JSON list of parameters as Python prints a tuple of them.
fn python_tuple(params: &Json) -> String {
    match params {
        Json::Array(items) if items.len() == 1 => format!("({},)", python_repr(&items[0])),
        Json::Array(items) => {
            let parts: Vec<String> = items.iter().map(python_repr).collect();
            format!("({})", parts.join(", "))
        }
        other => python_repr(other),
    }
}

fn python_repr(value: &Json) -> String {
    match value {
        Json::Null => "None".to_owned(),
        Json::Bool(true) => "True".to_owned(),
        Json::Bool(false) => "False".to_owned(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => str_repr(s),
        Json::Array(_) => python_tuple(value),
        Json::Object(map) => match (map.get("$type"), map.get("hex")) {
            (Some(Json::String(t)), Some(Json::String(hex))) if t == "bytes" => {
                let escaped: String = hex
                    .as_bytes()
                    .chunks(2)
                    .map(|pair| format!("\\x{}", String::from_utf8_lossy(pair)))
                    .collect();
                format!("b'{escaped}'")
            }
            _ => value.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parameters_print_as_python_tuples() {
        assert_eq!(python_tuple(&json!(["admin", 1, 0])), "('admin', 1, 0)");
        assert_eq!(python_tuple(&json!([null])), "(None,)");
        assert_eq!(python_tuple(&json!([])), "()");
        assert_eq!(python_tuple(&json!(["it's", "张三"])), "(\"it's\", '张三')");
        assert_eq!(
            python_tuple(&json!([{"$type": "bytes", "hex": "00ff"}])),
            "(b'\\x00\\xff',)"
        );
    }

    #[test]
    fn the_log_shows_markers_alone_and_statements_with_parameters() {
        let record: RunRecord = serde_json::from_value(json!({
            "statements": [
                {"kind": "begin", "sql": "BEGIN (implicit)", "normalized": "BEGIN (implicit)", "params": [], "phase": "script"},
                {"kind": "executemany", "sql": "DELETE FROM t WHERE t.id = ?", "normalized": "", "params": [[1], [2]], "phase": "script"},
                {"kind": "execute", "sql": "SELECT t.id \nFROM t", "normalized": "", "params": [], "phase": "script"}
            ],
            "stdout": "", "warnings": [], "error": null
        }))
        .unwrap();
        assert_eq!(
            sql_log(&record),
            "INFO sqlalchemy.engine.Engine BEGIN (implicit)\n\
             INFO sqlalchemy.engine.Engine DELETE FROM t WHERE t.id = ?\n\
             INFO sqlalchemy.engine.Engine [generated] [(1,), (2,)]\n\
             INFO sqlalchemy.engine.Engine SELECT t.id \nFROM t\n\
             INFO sqlalchemy.engine.Engine [generated] ()\n"
        );
    }
}
