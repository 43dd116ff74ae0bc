//! The migrated project kept in local storage, so a reload loses neither
//! the project (its `migrations/` files and database) nor the terminal's
//! history: the project, the last command's answer (what the Migrations
//! view and the panels draw from) and the typed lines, as JSON.

use retort_report::migration::{MigrationRun, ProjectState};
use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;

use super::browser;

/// Where the project is kept.
const PROJECT_KEY: &str = "retort.migrations";

/// Local storage holds a few MiB per origin, shared with the script; a
/// project larger than this is not kept (it still works until a reload).
const MAX_KEPT_CHARS: usize = 2 * 1024 * 1024;

/// What is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptProject {
    pub project: ProjectState,
    /// Without its `state` (that is [`Self::project`], learners' edits
    /// included).
    pub last: Option<MigrationRun>,
    pub history: Vec<String>,
}

/// Keeps `project`; says whether it could.
pub fn keep(project: &KeptProject) -> bool {
    let serializer = Serializer::json_compatible();
    let Ok(value) = project.serialize(&serializer) else {
        return false;
    };
    let Some(json) = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
    else {
        return false;
    };
    if json.len() > MAX_KEPT_CHARS {
        browser::remove(PROJECT_KEY);
        return false;
    }
    browser::save(PROJECT_KEY, &json)
}

/// The kept project, if there is one and it reads.
pub fn restore() -> Option<KeptProject> {
    let json = browser::load(PROJECT_KEY)?;
    let value = js_sys::JSON::parse(&json).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Forgets the kept project.
pub fn forget() {
    browser::remove(PROJECT_KEY);
}
