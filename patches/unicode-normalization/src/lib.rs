//! Retort's stand-in for `unicode-normalization` (ruff's parser calls only
//! `str::nfkc()`, on identifiers that are not ASCII). It folds what
//! learners actually type into identifiers: full-width ASCII from a CJK
//! input method in full-width mode (`ｕｓｅｒ` is `user`, as in CPython),
//! the Latin ligatures `ﬀ`..`ﬆ`, `ſ`, `ª`, `º` and `µ`. Every other
//! character stays as typed: CJK ideographs, Greek, Cyrillic and
//! precomposed accented letters are NFKC already; rarer compatibility
//! characters (mathematical alphanumerics, half-width katakana, CJK
//! compatibility ideographs, decomposed accent sequences) are not folded,
//! so two spellings CPython would unify stay two names here.

use std::str::Chars;

/// The normalizations a `&str` offers (only NFKC here).
pub trait UnicodeNormalization<I: Iterator<Item = char>> {
    /// The string in (Retort's subset of) Normalization Form KC.
    fn nfkc(self) -> Nfkc<I>;
}

impl<'a> UnicodeNormalization<Chars<'a>> for &'a str {
    fn nfkc(self) -> Nfkc<Chars<'a>> {
        Nfkc {
            chars: self.chars(),
            pending: "".chars(),
        }
    }
}

/// The folded characters of a string.
pub struct Nfkc<I> {
    chars: I,
    /// The rest of a character that folds to several.
    pending: Chars<'static>,
}

impl<I: Iterator<Item = char>> Iterator for Nfkc<I> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.pending.next() {
            return Some(c);
        }
        let c = self.chars.next()?;
        match fold(c) {
            Fold::One(folded) => Some(folded),
            Fold::Many(text) => {
                self.pending = text.chars();
                self.pending.next()
            }
        }
    }
}

enum Fold {
    One(char),
    Many(&'static str),
}

fn fold(c: char) -> Fold {
    match c {
        // Full-width forms of ASCII `!`..`~`.
        '\u{FF01}'..='\u{FF5E}' => Fold::One(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '\u{FB00}' => Fold::Many("ff"),
        '\u{FB01}' => Fold::Many("fi"),
        '\u{FB02}' => Fold::Many("fl"),
        '\u{FB03}' => Fold::Many("ffi"),
        '\u{FB04}' => Fold::Many("ffl"),
        '\u{FB05}' | '\u{FB06}' => Fold::Many("st"),
        '\u{017F}' => Fold::One('s'),
        '\u{00AA}' => Fold::One('a'),
        '\u{00BA}' => Fold::One('o'),
        '\u{00B5}' => Fold::One('\u{03BC}'),
        _ => Fold::One(c),
    }
}

#[cfg(test)]
mod tests {
    use super::UnicodeNormalization;

    fn nfkc(text: &str) -> String {
        text.nfkc().collect()
    }

    #[test]
    fn folds_full_width_ascii_and_ligatures() {
        assert_eq!(nfkc("ｕｓｅｒ＿ｉｄ"), "user_id");
        assert_eq!(nfkc("ﬁle"), "file");
        assert_eq!(nfkc("µ"), "\u{03BC}");
    }

    #[test]
    fn leaves_normalized_text_as_typed() {
        assert_eq!(nfkc("用户"), "用户");
        assert_eq!(nfkc("café"), "café");
        assert_eq!(nfkc("Ω"), "Ω");
    }
}
