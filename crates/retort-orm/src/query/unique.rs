//! Uniquing of result rows (`Result.unique()`, and the legacy `Query`
//! results that SQLAlchemy uniques itself): which rows repeat an earlier
//! one, compared as SQLAlchemy compares them.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

use super::{ResultItem, ResultRow};

/// One item of a row as uniquing compares it: objects by identity, values
/// by their debug text (so `1` and `1.0` stay apart, as before).
#[derive(Debug, PartialEq, Eq, Hash)]
enum ItemKey {
    Object(u64),
    Value(String),
}

impl ItemKey {
    fn of(item: &ResultItem) -> ItemKey {
        match item {
            ResultItem::Object(o) => ItemKey::Object(o.0),
            ResultItem::Value(v) => ItemKey::Value(format!("{v:?}")),
        }
    }
}

/// The compared items of a row; a row of one item (nearly every query)
/// needs no vector.
#[derive(Debug, PartialEq, Eq, Hash)]
enum RowKey {
    One(ItemKey),
    Many(Vec<ItemKey>),
}

/// Legacy `Query` results with a mapped entity are uniqued (`Query._iter`
/// calls `result.unique()` when the result is "filtered"), as is a 2.0
/// result after `unique()`: a row repeats only if an object or a value
/// differs; objects compare by identity. `scalars` uniques by the first
/// item only (a `ScalarResult`).
pub fn unique_rows(rows: Vec<ResultRow>, scalars: bool) -> Vec<ResultRow> {
    let mut seen: HashSet<RowKey, BuildHasherDefault<FxHasher>> = HashSet::default();
    seen.reserve(rows.len());
    rows.into_iter()
        .filter(|row| {
            let items = if scalars {
                &row.items[..row.items.len().min(1)]
            } else {
                &row.items[..]
            };
            let key = match items {
                [one] => RowKey::One(ItemKey::of(one)),
                many => RowKey::Many(many.iter().map(ItemKey::of).collect()),
            };
            seen.insert(key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ObjectId;
    use crate::types::OrmValue;

    fn row(items: Vec<ResultItem>) -> ResultRow {
        ResultRow { items }
    }

    #[test]
    fn rows_repeat_by_object_identity_and_value_text() {
        let object = |n| ResultItem::Object(ObjectId(n));
        let value = |v| ResultItem::Value(v);
        let rows = vec![
            row(vec![object(1)]),
            row(vec![object(1)]),
            row(vec![value(OrmValue::Int(1))]),
            row(vec![value(OrmValue::Float(1.0))]),
            row(vec![value(OrmValue::Int(1))]),
            row(vec![object(2), value(OrmValue::Int(1))]),
            row(vec![object(2), value(OrmValue::Int(2))]),
            row(vec![object(2), value(OrmValue::Int(1))]),
            row(vec![]),
            row(vec![]),
        ];
        let kept = unique_rows(rows.clone(), false);
        assert_eq!(
            kept,
            vec![
                rows[0].clone(),
                rows[2].clone(),
                rows[3].clone(),
                rows[5].clone(),
                rows[6].clone(),
                rows[8].clone(),
            ]
        );
        // Scalars compare the first item only.
        let kept = unique_rows(rows[5..8].to_vec(), true);
        assert_eq!(kept, vec![rows[5].clone()]);
    }
}
