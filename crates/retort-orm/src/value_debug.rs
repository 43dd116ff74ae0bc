//! `Debug` for [`OrmValue`]: the text a derived `Debug` printed before
//! enum members were boxed (`Enum { class: "Mood", member: "happy" }`), so
//! identity keys, uniquing keys and messages built from it are unchanged.

use std::fmt;

use crate::types::OrmValue;

impl fmt::Debug for OrmValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrmValue::None => f.write_str("None"),
            OrmValue::Bool(v) => f.debug_tuple("Bool").field(v).finish(),
            OrmValue::Int(v) => f.debug_tuple("Int").field(v).finish(),
            OrmValue::Float(v) => f.debug_tuple("Float").field(v).finish(),
            OrmValue::Str(v) => f.debug_tuple("Str").field(v).finish(),
            OrmValue::Bytes(v) => f.debug_tuple("Bytes").field(v).finish(),
            OrmValue::Date { year, month, day } => f
                .debug_struct("Date")
                .field("year", year)
                .field("month", month)
                .field("day", day)
                .finish(),
            OrmValue::DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
                microsecond,
            } => f
                .debug_struct("DateTime")
                .field("year", year)
                .field("month", month)
                .field("day", day)
                .field("hour", hour)
                .field("minute", minute)
                .field("second", second)
                .field("microsecond", microsecond)
                .finish(),
            OrmValue::Time {
                hour,
                minute,
                second,
                microsecond,
            } => f
                .debug_struct("Time")
                .field("hour", hour)
                .field("minute", minute)
                .field("second", second)
                .field("microsecond", microsecond)
                .finish(),
            OrmValue::Timedelta {
                days,
                seconds,
                microseconds,
            } => f
                .debug_struct("Timedelta")
                .field("days", days)
                .field("seconds", seconds)
                .field("microseconds", microseconds)
                .finish(),
            OrmValue::Decimal(v) => f.debug_tuple("Decimal").field(v).finish(),
            OrmValue::Enum(member) => f
                .debug_struct("Enum")
                .field("class", &member.class)
                .field("member", &member.member)
                .finish(),
            OrmValue::Uuid(bytes) => write!(f, "Uuid({:032x})", u128::from_be_bytes(*bytes)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_the_derived_debug_did() {
        assert_eq!(format!("{:?}", OrmValue::None), "None");
        assert_eq!(format!("{:?}", OrmValue::Int(3)), "Int(3)");
        assert_eq!(format!("{:?}", OrmValue::from("a")), r#"Str("a")"#);
        assert_eq!(
            format!("{:?}", OrmValue::enum_member("Mood", "happy")),
            r#"Enum { class: "Mood", member: "happy" }"#
        );
        let date = OrmValue::Date {
            year: 2024,
            month: 1,
            day: 2,
        };
        assert_eq!(format!("{date:?}"), "Date { year: 2024, month: 1, day: 2 }");
        assert_eq!(
            format!("{:#?}", OrmValue::Decimal("1.50".into())),
            "Decimal(\n    \"1.50\",\n)"
        );
        assert_eq!(std::mem::size_of::<OrmValue>(), 32);
    }

    #[test]
    fn an_enum_member_serializes_as_the_struct_variant_did() {
        let json = serde_json::to_string(&OrmValue::enum_member("Mood", "sad")).unwrap();
        assert_eq!(json, r#"{"Enum":{"class":"Mood","member":"sad"}}"#);
        let back: OrmValue = serde_json::from_str(&json).unwrap();
        assert_eq!(back, OrmValue::enum_member("Mood", "sad"));
    }
}
