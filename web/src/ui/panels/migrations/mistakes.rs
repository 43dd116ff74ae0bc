//! The explanation of a classic migration mistake in the page's language.

use retort_report::migration::Mistake;

use crate::i18n::{Key, Lang, fill, text};

/// What `mistake` means, for a learner.
pub fn explanation(lang: Lang, mistake: &Mistake) -> String {
    match mistake {
        Mistake::CreateAllDoesNotAlter => text(lang, Key::MistakeCreateAll).to_owned(),
        Mistake::NotNullWithoutDefault { column } => {
            fill(lang, Key::MistakeNotNull, &[("column", column)])
        }
        Mistake::RenameSeenAsDropAndAdd {
            table,
            removed,
            added,
        } => fill(
            lang,
            Key::MistakeRename,
            &[("table", table), ("removed", removed), ("added", added)],
        ),
        Mistake::NotUpToDate => text(lang, Key::MistakeNotUpToDate).to_owned(),
        Mistake::UnnamedConstraint => text(lang, Key::MistakeUnnamed).to_owned(),
        Mistake::NoMigrate => text(lang, Key::MistakeNoMigrate).to_owned(),
        _ => String::new(),
    }
}
