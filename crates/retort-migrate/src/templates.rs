//! The files `flask db init` writes into `migrations/`, exactly as
//! Flask-Migrate 4.1's `flask` template renders them, in the order Alembic
//! generates them.

/// `(file name, text)` in generation order.
pub const INIT_FILES: &[(&str, &str)] = &[
    (
        "script.py.mako",
        include_str!("../templates/script.py.mako"),
    ),
    ("README", include_str!("../templates/README")),
    ("env.py", include_str!("../templates/env.py")),
    ("alembic.ini", include_str!("../templates/alembic.ini")),
];

/// The revision template, used when the project's own is missing.
pub const SCRIPT_TEMPLATE: &str = include_str!("../templates/script.py.mako");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_flask_migrates() {
        assert!(SCRIPT_TEMPLATE.starts_with("\"\"\"${message}\n"));
        assert_eq!(INIT_FILES.len(), 4);
        assert!(
            INIT_FILES[3]
                .1
                .contains("format = %(levelname)-5.5s [%(name)s] %(message)s")
        );
    }
}
