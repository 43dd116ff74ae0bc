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
pub fn unique_rows(mut rows: Vec<ResultRow>, scalars: bool) -> Vec<ResultRow> {
    // A row of one object (nearly every uniqued query) is looked up by the
    // object's handle in a bitmap, handles being small and dense; any
    // other row by its key in a hash set.
    let mut seen_objects = ObjectBits::default();
    let mut seen: HashSet<RowKey, BuildHasherDefault<FxHasher>> = HashSet::default();
    rows.retain(|row| {
        let items = if scalars {
            &row.items[..row.items.len().min(1)]
        } else {
            &row.items[..]
        };
        match items {
            [one @ ResultItem::Object(object)] => match seen_objects.insert(object.0) {
                Some(fresh) => fresh,
                None => seen.insert(RowKey::One(ItemKey::of(one))),
            },
            [one] => seen.insert(RowKey::One(ItemKey::of(one))),
            many => seen.insert(RowKey::Many(many.iter().map(ItemKey::of).collect())),
        }
    });
    rows
}

/// A set of object handles as bits.
#[derive(Default)]
struct ObjectBits {
    words: Vec<u64>,
}

impl ObjectBits {
    /// Adds `handle`: false when it was already there, `None` for a
    /// handle beyond what a bitmap in memory could hold.
    fn insert(&mut self, handle: u64) -> Option<bool> {
        let word = usize::try_from(handle / 64).ok()?;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        let bit = 1u64 << (handle % 64);
        let fresh = self.words[word] & bit == 0;
        self.words[word] |= bit;
        Some(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ObjectId;
    use crate::types::OrmValue;

    fn row(items: Vec<ResultItem>) -> ResultRow {
        ResultRow {
            items: items.into(),
        }
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
