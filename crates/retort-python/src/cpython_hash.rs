//! CPython 3.11's `hash()` as it is with `PYTHONHASHSEED=0` (the seed the
//! recordings use), for the values whose hash does not depend on their
//! address: `int`, `bool`, `float`, `str` (SipHash-1-3 with a zero key over
//! the string's internal bytes) and tuples of those (xxHash-based). Set
//! iteration order and `hash()` follow from it.

use std::hash::Hasher;

use siphasher::sip::SipHasher13;

use crate::value::Value;

const MODULUS: u64 = (1 << 61) - 1;
const BITS: u32 = 61;

/// `-1` is reserved for errors in CPython: it becomes `-2`.
fn not_minus_one(hash: i64) -> i64 {
    if hash == -1 { -2 } else { hash }
}

/// `hash(int)`: the value modulo 2**61 - 1, keeping the sign.
pub fn int_hash(value: i64) -> i64 {
    let magnitude = (value.unsigned_abs() % MODULUS) as i64;
    not_minus_one(if value < 0 { -magnitude } else { magnitude })
}

/// `hash(float)` (`_Py_HashDouble`); `None` for NaN, whose hash is its
/// address.
pub fn float_hash(value: f64) -> Option<i64> {
    if value.is_nan() {
        return None;
    }
    if value.is_infinite() {
        return Some(if value > 0.0 { 314_159 } else { -314_159 });
    }
    let (mut m, mut e) = frexp(value);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        (e % BITS as i32) as u32
    } else {
        BITS - 1 - ((-1 - e) % BITS as i32) as u32
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    Some(not_minus_one(x as i64 * sign))
}

/// `math.frexp`: a mantissa in [0.5, 1) and an exponent.
fn frexp(value: f64) -> (f64, i32) {
    if value == 0.0 {
        return (value, 0);
    }
    let bits = value.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(value * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent - 1022)
}

/// `hash(str)`: SipHash-1-3, key zero, over the string's bytes in its
/// narrowest kind (Latin-1, UCS-2 or UCS-4, little-endian).
pub fn str_hash(text: &str) -> i64 {
    if text.is_empty() {
        return 0;
    }
    let widest = text.chars().map(u32::from).max().unwrap_or(0);
    let mut bytes = Vec::with_capacity(text.len() * 2);
    for c in text.chars().map(u32::from) {
        match widest {
            0..=0xff => bytes.push(c as u8),
            0x100..=0xffff => bytes.extend_from_slice(&(c as u16).to_le_bytes()),
            _ => bytes.extend_from_slice(&c.to_le_bytes()),
        }
    }
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    hasher.write(&bytes);
    not_minus_one(hasher.finish() as i64)
}

/// `hash(tuple)` (3.8+'s xxHash-based `tuplehash`).
fn tuple_hash(items: &[Value]) -> Option<i64> {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME_5;
    for item in items {
        let lane = hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return Some(1_546_275_796);
    }
    Some(acc as i64)
}

/// CPython's `hash(value)`, when it does not depend on an address.
pub fn hash(value: &Value) -> Option<i64> {
    match value {
        Value::Int(i) => Some(int_hash(*i)),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Float(f) => float_hash(*f),
        Value::Str(s) => Some(str_hash(s)),
        Value::Tuple(items) => tuple_hash(items),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_cpython_with_seed_zero() {
        // `PYTHONHASHSEED=0 python3.11 -c 'print(hash(...))'`; 2**62 wraps
        // modulo 2**61 - 1.
        assert_eq!(int_hash(-1), -2);
        assert_eq!(int_hash(1 << 62), 2);
        assert_eq!(float_hash(1.5), Some(1_152_921_504_606_846_977));
        assert_eq!(float_hash(2.0), Some(2));
        assert_eq!(float_hash(-0.5), Some(-1_152_921_504_606_846_976));
        assert_eq!(str_hash(""), 0);
        assert_eq!(str_hash("a"), 4_644_417_185_603_328_019);
        assert_eq!(str_hash("name"), -6_269_146_191_053_140_058);
        assert_eq!(str_hash("你好"), 136_820_607_464_071_493);
        assert_eq!(
            tuple_hash(&[Value::Int(1), Value::Int(2)]),
            Some(-3_550_055_125_485_641_917)
        );
    }
}
