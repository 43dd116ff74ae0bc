//! The Migrations view's "new file" name, as a plain function tested
//! natively: what a learner types (`seed.py`, `scripts/load.py`) becomes
//! a path relative to the project's root, or the reason it cannot.

/// Why a typed name is not a new file's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathProblem {
    Empty,
    /// Absolute, `..`, a backslash or an empty segment.
    OutsideProject,
    /// `app.py` is the editor's script.
    AppPy,
    /// A file, folder or database of that name exists.
    Exists,
}

/// The project-relative path for `typed`, given the paths that exist
/// (files, folders, databases).
pub fn new_file_path(typed: &str, existing: &[&str]) -> Result<String, PathProblem> {
    let typed = typed.trim();
    let path = typed.strip_prefix("./").unwrap_or(typed);
    if path.is_empty() {
        return Err(PathProblem::Empty);
    }
    let outside = path.starts_with('/')
        || path.contains('\\')
        || path
            .split('/')
            .any(|segment| segment.is_empty() || segment == "." || segment == "..");
    if outside {
        return Err(PathProblem::OutsideProject);
    }
    if path == "app.py" {
        return Err(PathProblem::AppPy);
    }
    if existing.contains(&path) {
        return Err(PathProblem::Exists);
    }
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_becomes_a_project_path() {
        let existing = ["migrations/env.py", "migrations", "instance/data.db"];
        assert_eq!(new_file_path(" seed.py ", &existing), Ok("seed.py".into()));
        assert_eq!(
            new_file_path("./scripts/load.py", &existing),
            Ok("scripts/load.py".into())
        );
        assert_eq!(new_file_path("  ", &existing), Err(PathProblem::Empty));
        for outside in ["/etc/passwd", "../x.py", "a//b.py", "a\\b.py", "a/./b.py"] {
            assert_eq!(
                new_file_path(outside, &existing),
                Err(PathProblem::OutsideProject),
                "{outside}"
            );
        }
        assert_eq!(new_file_path("app.py", &existing), Err(PathProblem::AppPy));
        assert_eq!(
            new_file_path("migrations/env.py", &existing),
            Err(PathProblem::Exists)
        );
        assert_eq!(
            new_file_path("instance/data.db", &existing),
            Err(PathProblem::Exists)
        );
    }
}
