//! Number literals as CPython 3.11's tokenizer reads them, with its errors
//! for malformed ones (`1abc`, `0x1g`, `0b102`, `012`, `1__0`).

use super::super::super::{ParseFailure, SyntaxErrorClass};
use super::{Kind, Scanned, Scanner};

/// A prefixed integer literal's kind (as CPython names it) and digits.
type Radix = (&'static str, fn(u8) -> bool);

impl Scanner<'_> {
    /// Scans a number as CPython's tokenizer does, with its errors for
    /// malformed literals (`1abc`, `0x1g`, `0b102`, `012`, `1__0`).
    pub(super) fn number(&mut self) -> Scanned {
        let start = self.pos;
        let radix: Option<Radix> = match (self.peek(0), self.peek(1)) {
            (Some(b'0'), Some(b'x' | b'X')) => Some(("hexadecimal", |b| b.is_ascii_hexdigit())),
            (Some(b'0'), Some(b'o' | b'O')) => Some(("octal", |b| (b'0'..b'8').contains(&b))),
            (Some(b'0'), Some(b'b' | b'B')) => Some(("binary", |b| b == b'0' || b == b'1')),
            _ => None,
        };
        if let Some((kind, is_digit)) = radix {
            self.pos += 2;
            self.radix_digits(kind, is_digit)?;
        } else if self.peek(0) == Some(b'.') {
            self.pos += 1;
            self.decimal_tail()?;
            self.exponent_and_suffix()?;
        } else if self.peek(0) == Some(b'0') {
            self.zeros(start)?;
        } else {
            self.decimal_tail()?;
            self.exponent_and_suffix()?;
        }
        self.push(Kind::Number, start, self.pos);
        Ok(())
    }

    /// CPython reports a malformed literal at the 0-based column of `offset`.
    fn fail_literal(&self, offset: usize, message: String) -> Scanned {
        let (line, col) = self.lines.position(offset);
        self.fail(
            SyntaxErrorClass::Syntax,
            message,
            line,
            col.saturating_sub(1),
        )
    }

    fn radix_digits(&mut self, kind: &str, is_digit: fn(u8) -> bool) -> Scanned {
        loop {
            if self.peek(0) == Some(b'_') {
                self.pos += 1;
            }
            match self.peek(0) {
                Some(byte) if is_digit(byte) => {}
                Some(byte) if kind != "hexadecimal" && byte.is_ascii_digit() => {
                    return self.invalid_digit(byte, kind);
                }
                _ => return self.fail_literal(self.pos, format!("invalid {kind} literal")),
            }
            while self.peek(0).is_some_and(is_digit) {
                self.pos += 1;
            }
            if self.peek(0) != Some(b'_') {
                break;
            }
        }
        match self.peek(0) {
            Some(byte) if kind != "hexadecimal" && byte.is_ascii_digit() => {
                self.invalid_digit(byte, kind)
            }
            _ => self.verify_end(kind),
        }
    }

    fn invalid_digit(&self, digit: u8, kind: &str) -> Scanned {
        self.fail_literal(
            self.pos + 1,
            format!("invalid digit '{}' in {kind} literal", char::from(digit)),
        )
    }

    /// Digits with single `_` separators.
    fn decimal_tail(&mut self) -> Scanned {
        loop {
            while self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
            if self.peek(0) != Some(b'_') {
                return Ok(());
            }
            if !self.peek(1).is_some_and(|b| b.is_ascii_digit()) {
                return self.fail_literal(self.pos + 1, "invalid decimal literal".into());
            }
            self.pos += 1;
        }
    }

    /// A literal starting with `0`: zeros, then either a fraction, exponent
    /// or imaginary suffix, or CPython's error for old-style octal.
    fn zeros(&mut self, start: usize) -> Scanned {
        loop {
            if self.peek(0) == Some(b'_') {
                if !self.peek(1).is_some_and(|b| b.is_ascii_digit()) {
                    return self.fail_literal(self.pos + 1, "invalid decimal literal".into());
                }
                self.pos += 1;
            }
            if self.peek(0) != Some(b'0') {
                break;
            }
            self.pos += 1;
        }
        let first_nonzero = self.pos;
        let nonzero = self.peek(0).is_some_and(|b| b.is_ascii_digit());
        if nonzero {
            self.decimal_tail()?;
        }
        if matches!(self.peek(0), Some(b'.' | b'e' | b'E' | b'j' | b'J')) || !nonzero {
            return self.exponent_and_suffix();
        }
        let (line, col) = self.lines.position(start);
        let (_, end_col) = self.lines.position(first_nonzero);
        Err(ParseFailure {
            class: SyntaxErrorClass::Syntax,
            message: "leading zeros in decimal integer literals are not permitted; use an 0o \
                      prefix for octal integers"
                .into(),
            loc: crate::ast::Loc {
                line,
                col,
                end_line: line,
                end_col,
            },
        })
    }

    /// The fraction, exponent and `j` of a decimal literal, and the check
    /// of what follows it.
    fn exponent_and_suffix(&mut self) -> Scanned {
        if self.peek(0) == Some(b'.') {
            self.pos += 1;
            self.decimal_tail()?;
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            match self.peek(1) {
                Some(b'+' | b'-') => {
                    if !self.peek(2).is_some_and(|b| b.is_ascii_digit()) {
                        return self.fail_literal(self.pos + 2, "invalid decimal literal".into());
                    }
                    self.pos += 2;
                    self.decimal_tail()?;
                }
                Some(byte) if byte.is_ascii_digit() => {
                    self.pos += 1;
                    self.decimal_tail()?;
                }
                _ => return self.verify_end("decimal"),
            }
        }
        let mut kind = "decimal";
        if matches!(self.peek(0), Some(b'j' | b'J')) {
            self.pos += 1;
            kind = "imaginary";
        }
        self.verify_end(kind)
    }

    /// A number may be followed by a keyword (`1if x else 2`) but not by
    /// another name character: "invalid decimal literal".
    fn verify_end(&self, kind: &str) -> Scanned {
        let rest = self.source.get(self.pos..).unwrap_or_default();
        let keyword = ["and", "else", "for", "if", "in", "is", "or", "not"]
            .iter()
            .any(|keyword| rest.starts_with(keyword));
        match self.peek(0) {
            Some(byte) if !keyword && (byte.is_ascii_alphanumeric() || byte == b'_') => {
                self.fail_literal(self.pos, format!("invalid {kind} literal"))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::super::LineIndex;
    use super::super::scan;

    fn error_of(source: &str) -> (String, u32, u32) {
        let lines = LineIndex::new(source);
        let failure = scan(source, &lines, &[]).error.expect("an error");
        (failure.message, failure.loc.line, failure.loc.col)
    }

    #[test]
    fn malformed_numbers_are_named() {
        for (source, message, col) in [
            ("1print(x)\n", "invalid decimal literal", 1),
            ("x = f(1, 100print )\n", "invalid decimal literal", 12),
            ("x = 0x1g\n", "invalid hexadecimal literal", 7),
            ("x = 1.5abc\n", "invalid decimal literal", 7),
            ("x = 1e5x\n", "invalid decimal literal", 7),
            ("x = 1jx\n", "invalid imaginary literal", 6),
            ("x = 1_000a\n", "invalid decimal literal", 9),
            ("x = 0b102\n", "invalid digit '2' in binary literal", 9),
            ("x = 0o78\n", "invalid digit '8' in octal literal", 8),
            ("x = 1__0\n", "invalid decimal literal", 6),
            ("x = 1e\n", "invalid decimal literal", 5),
            (
                "x = 012\n",
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix \
                 for octal integers",
                5,
            ),
        ] {
            let (got, line, got_col) = error_of(source);
            assert_eq!((got.as_str(), line, got_col), (message, 1, col), "{source}");
        }
        for valid in [
            "x = 1if y else 2\n",
            "x = 0x_ff + 1_000.5e-3j + .5 + 0 + 00\n",
        ] {
            let lines = LineIndex::new(valid);
            assert!(scan(valid, &lines, &[]).error.is_none(), "{valid}");
        }
    }
}
