//! CPython's `repr(float)`: the shortest digits that round-trip, in fixed
//! notation for exponents in `-4..16` and scientific (`1e+16`) otherwise.

/// Splits a finite, non-zero float into its shortest decimal digits and
/// the exponent of the first digit (`1234.5` → `("12345", 3)`).
pub fn shortest_digits(x: f64) -> (String, i32) {
    let scientific = format!("{:e}", x.abs());
    let (mantissa, exponent) = scientific
        .split_once('e')
        .unwrap_or((scientific.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exponent.parse().unwrap_or(0))
}

/// Formats `digits × 10^(exponent - len + 1)` in fixed notation.
pub fn fixed_from_digits(digits: &str, exponent: i32) -> String {
    if exponent < 0 {
        return format!("0.{}{}", "0".repeat((-exponent - 1) as usize), digits);
    }
    let integer_len = exponent as usize + 1;
    if digits.len() <= integer_len {
        format!("{}{}.0", digits, "0".repeat(integer_len - digits.len()))
    } else {
        format!("{}.{}", &digits[..integer_len], &digits[integer_len..])
    }
}

/// Python's exponent suffix: `e+16`, `e-05`.
pub fn exponent_suffix(exponent: i32, letter: char) -> String {
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{letter}{sign}{:02}", exponent.abs())
}

/// `repr(x)` for a float.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let (digits, exponent) = shortest_digits(x);
    if (-4..16).contains(&exponent) {
        return format!("{sign}{}", fixed_from_digits(&digits, exponent));
    }
    let (first, rest) = digits.split_at(1);
    let mantissa = if rest.is_empty() {
        first.to_string()
    } else {
        format!("{first}.{rest}")
    };
    format!("{sign}{mantissa}{}", exponent_suffix(exponent, 'e'))
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    #[test]
    fn matches_cpython_repr() {
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (12666.666666666666, "12666.666666666666"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
            (1.5e300, "1.5e+300"),
            (100.0, "100.0"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_repr(value), expected, "repr of {value}");
        }
        assert_eq!(float_repr(f64::NAN), "nan");
    }
}
