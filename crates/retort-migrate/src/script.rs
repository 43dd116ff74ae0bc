//! Revision files: the name Alembic gives a new one (`<rev>_<slug>.py`),
//! its text from the project's `script.py.mako` (the handful of Mako
//! expressions Flask-Migrate's template uses), and the docstring Alembic
//! shows in `history` and `show`.

/// The file name slug: `\w+` runs of the message, joined by `_`,
/// lower-cased, cut at 40 characters on an underscore.
pub fn slug(message: Option<&str>) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in message.unwrap_or_default().chars() {
        if c.is_alphanumeric() || c == '_' {
            current.push(c);
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let slug = words.join("_").to_lowercase();
    if slug.chars().count() > 40 {
        let cut: String = slug.chars().take(40).collect();
        let head = match cut.rfind('_') {
            Some(i) => cut[..i].to_owned(),
            None => cut,
        };
        format!("{head}_")
    } else {
        slug
    }
}

/// The file name of a new revision.
pub fn file_name(revision: &str, message: Option<&str>) -> String {
    format!("{revision}_{}.py", slug(message))
}

/// What the template needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateArgs {
    pub message: Option<String>,
    pub up_revision: String,
    pub down_revision: Option<String>,
    pub create_date: String,
    pub upgrades: String,
    pub downgrades: String,
    pub imports: String,
}

fn repr_opt(value: &Option<String>) -> String {
    match value {
        Some(v) => crate::types::py_repr(v),
        None => "None".into(),
    }
}

/// Evaluates one `${...}` expression of Flask-Migrate's template.
fn evaluate(expr: &str, args: &TemplateArgs) -> Option<String> {
    let expr = expr.trim();
    Some(match expr {
        "message" => args
            .message
            .clone()
            .unwrap_or_else(|| "empty message".into()),
        "up_revision" => args.up_revision.clone(),
        "down_revision | comma,n" | "down_revision|comma,n" => {
            args.down_revision.clone().unwrap_or_default()
        }
        "create_date" => args.create_date.clone(),
        "imports if imports else \"\"" => args.imports.clone(),
        "repr(up_revision)" => crate::types::py_repr(&args.up_revision),
        "repr(down_revision)" => repr_opt(&args.down_revision),
        "repr(branch_labels)" | "repr(depends_on)" => "None".into(),
        "upgrades if upgrades else \"pass\"" => {
            if args.upgrades.is_empty() {
                "pass".into()
            } else {
                args.upgrades.clone()
            }
        }
        "downgrades if downgrades else \"pass\"" => {
            if args.downgrades.is_empty() {
                "pass".into()
            } else {
                args.downgrades.clone()
            }
        }
        _ => return None,
    })
}

/// Renders `script.py.mako`; an expression it does not know is an error
/// naming it (Mako would raise `NameError` or `SyntaxException`).
pub fn render_template(template: &str, args: &TemplateArgs) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            return Err("unterminated ${ in script.py.mako".into());
        };
        let expr = &after[..end];
        match evaluate(expr, args) {
            Some(value) => out.push_str(&value),
            None => {
                return Err(format!(
                    "script.py.mako: unsupported expression ${{{expr}}}"
                ));
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    // Mako drops a newline escaped with a backslash at the end of a line.
    Ok(out.replace("\\\n", ""))
}

/// The module docstring of a revision file (what `Script.longdoc` strips).
pub fn docstring(source: &str) -> String {
    let mut text = source.trim_start_matches('\u{feff}');
    loop {
        let trimmed = text.trim_start();
        if trimmed.starts_with('#') {
            text = trimmed.split_once('\n').map_or("", |(_, rest)| rest);
        } else {
            text = trimmed;
            break;
        }
    }
    let lower = text.to_ascii_lowercase();
    let (prefix_len, raw) = if lower.starts_with('r') || lower.starts_with('u') {
        (1, lower.starts_with('r'))
    } else {
        (0, false)
    };
    let body = &text[prefix_len..];
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(inner) = body.strip_prefix(quote)
            && let Some(end) = inner.find(quote)
        {
            let doc = &inner[..end];
            let doc = if raw {
                doc.to_owned()
            } else {
                doc.replace("\\n", "\n").replace("\\t", "\t")
            };
            return doc.trim().to_owned();
        }
    }
    String::new()
}

/// The first paragraph of the docstring (`Script.doc`).
pub fn short_doc(longdoc: &str) -> String {
    longdoc.split("\n\n").next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_alembic() {
        assert_eq!(slug(Some("create users table")), "create_users_table");
        assert_eq!(slug(None), "");
        assert_eq!(
            slug(Some("新增选课表 student_course")),
            "新增选课表_student_course"
        );
        assert_eq!(
            slug(Some(
                "a very long message that goes on and on and on forever"
            )),
            "a_very_long_message_that_goes_on_and_on_"
        );
        assert_eq!(file_name("abc", Some("Add Age!")), "abc_add_age.py");
    }

    #[test]
    fn the_template_renders() {
        let template = "\"\"\"${message}\n\nRevision ID: ${up_revision}\nRevises: ${down_revision | comma,n}\nCreate Date: ${create_date}\n\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n${imports if imports else \"\"}\n\n# revision identifiers, used by Alembic.\nrevision = ${repr(up_revision)}\ndown_revision = ${repr(down_revision)}\n\n\ndef upgrade():\n    ${upgrades if upgrades else \"pass\"}\n";
        let text = render_template(
            template,
            &TemplateArgs {
                message: None,
                up_revision: "abc".into(),
                down_revision: None,
                create_date: "now".into(),
                upgrades: String::new(),
                downgrades: String::new(),
                imports: String::new(),
            },
        )
        .unwrap();
        assert!(text.starts_with("\"\"\"empty message\n\nRevision ID: abc\nRevises: \n"));
        assert!(text.contains("import sqlalchemy as sa\n\n\n# revision"));
        assert!(text.contains("down_revision = None\n"));
        assert!(text.ends_with("    pass\n"));
    }

    #[test]
    fn docstrings() {
        let doc = docstring("\"\"\"add age\n\nRevision ID: x\nRevises: \n\n\"\"\"\nimport os\n");
        assert_eq!(doc, "add age\n\nRevision ID: x\nRevises:");
        assert_eq!(short_doc(&doc), "add age");
        assert_eq!(docstring("import os\n"), "");
    }
}
