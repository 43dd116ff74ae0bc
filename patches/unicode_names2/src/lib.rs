//! Retort's stand-in for `unicode_names2` (the only function ruff's parser
//! calls): [`character`] knows no names, so a `\N{NAME}` escape in a
//! string literal is a syntax error (`(unicode error) ... unknown Unicode
//! character name`) instead of the character. The escape is the price of
//! leaving the Unicode name database out of the browser build.

/// The character called `name`: always `None` (no name database).
pub fn character(_name: &str) -> Option<char> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_no_names() {
        assert_eq!(super::character("SNOWMAN"), None);
    }
}
