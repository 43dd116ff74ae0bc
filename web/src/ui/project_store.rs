//! The migrated project kept in local storage, so a reload loses neither
//! the project (its `migrations/` files and database) nor the terminal's
//! history: the project, the last command's answer (what the Migrations
//! view and the panels draw from) and the typed lines, as postcard (the
//! workers' wire format, [`crate::wire`]) in base64.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use retort_report::migration::{MigrationRun, ProjectState};
use serde::{Deserialize, Serialize};

use super::browser;

/// Where the project is kept.
const PROJECT_KEY: &str = "retort.migrations.v2";

/// Where earlier builds kept it as JSON, which this build no longer reads;
/// removed when a project is kept or forgotten.
const JSON_PROJECT_KEY: &str = "retort.migrations";

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
    browser::remove(JSON_PROJECT_KEY);
    let Ok(bytes) = crate::wire::encode(project) else {
        return false;
    };
    let text = STANDARD.encode(bytes);
    if text.len() > MAX_KEPT_CHARS {
        browser::remove(PROJECT_KEY);
        return false;
    }
    browser::save(PROJECT_KEY, &text)
}

/// The kept project, if there is one and it reads.
pub fn restore() -> Option<KeptProject> {
    decode(&browser::load(PROJECT_KEY)?)
}

/// The project `text` holds, if it reads (a damaged or foreign value in
/// storage is no project, never a trap).
fn decode(text: &str) -> Option<KeptProject> {
    let bytes = STANDARD.decode(text).ok()?;
    crate::wire::decode(&bytes).ok()
}

/// Forgets the kept project.
pub fn forget() {
    browser::remove(PROJECT_KEY);
    browser::remove(JSON_PROJECT_KEY);
}

#[cfg(test)]
mod tests {
    // `ui` exists only on wasm32, where plain `#[test]`s are not run.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_kept_project_reads_back_and_garbage_reads_as_none() {
        let project = KeptProject {
            history: vec!["flask db init".to_owned(), "flask db migrate".to_owned()],
            ..KeptProject::default()
        };
        let text = STANDARD.encode(crate::wire::encode(&project).unwrap());
        assert_eq!(decode(&text), Some(project));
        assert_eq!(decode("{\"project\": {}}"), None);
        assert_eq!(decode("not base64 at all"), None);
    }
}
