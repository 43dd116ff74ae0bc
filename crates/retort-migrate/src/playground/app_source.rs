//! The `app.py` a playground script plays. A script that is a whole app
//! (it makes its own `Flask(...)`) is used as written — without
//! `Migrate(app, db)`, `flask db` does not exist, as with the real tools.
//! A playground script, where `app` and `db` exist before it runs, gets
//! the wiring every recorded tutorial app starts with: the SQLite file
//! `instance/data.db`, `db = SQLAlchemy(app)`, `migrate = Migrate(app, db)`.

/// The lines put before a playground script.
pub const WIRING: &str = "\
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_migrate import Migrate

app = Flask(__name__)
app.config[\"SQLALCHEMY_DATABASE_URI\"] = \"sqlite:///data.db\"
db = SQLAlchemy(app)
migrate = Migrate(app, db)

";

/// Whether the script makes its own app (or its own `Migrate`).
pub fn is_whole_app(script: &str) -> bool {
    script.contains("Flask(") || script.contains("flask_migrate")
}

/// The `app.py` for `script`.
pub fn app_py(script: &str) -> String {
    if is_whole_app(script) {
        script.to_owned()
    } else {
        format!("{WIRING}{script}")
    }
}

/// How many lines the wiring adds before the script's first line.
pub fn line_offset(script: &str) -> usize {
    if is_whole_app(script) {
        0
    } else {
        WIRING.lines().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playground_scripts_get_the_wiring_and_apps_are_kept() {
        let model = "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n";
        let app = app_py(model);
        assert!(app.starts_with("from flask import Flask\n"));
        assert!(app.ends_with(model));
        assert_eq!(line_offset(model), 9);
        let whole = "from flask import Flask\napp = Flask(__name__)\n";
        assert_eq!(app_py(whole), whole);
        assert_eq!(line_offset(whole), 0);
    }
}
