//! Rendering of INSERT, UPDATE and DELETE (`visit_insert`, `visit_update`,
//! `visit_delete`): `SET a=?` without spaces, ` WHERE ` on the same line,
//! and `RETURNING` as each dialect spells it.

use super::expr::Ctx;
use super::{Compiler, Dialect};
use crate::dml::{Delete, Insert, InsertValues, Update};
use crate::error::CompileError;
use crate::expr::{BindName, Expr};
use crate::select::FromItem;

impl Compiler {
    pub(crate) fn insert(&mut self, insert: &Insert) -> Result<String, CompileError> {
        let table = self.quote(&insert.table);
        let mut text = format!("INSERT INTO {table}");
        let columns: Vec<String> = insert.columns.iter().map(|c| self.quote(c)).collect();
        match &insert.values {
            // The default dialect has no DEFAULT VALUES; it writes an empty insert.
            InsertValues::Default => match self.dialect() {
                Dialect::Sqlite => text.push_str(" DEFAULT VALUES"),
                Dialect::Default => text.push_str(" () VALUES ()"),
            },
            InsertValues::Single(values) => {
                let parts = self.values_row(insert, values, |column| column.to_owned())?;
                text.push_str(&format!(
                    " ({}) VALUES ({})",
                    columns.join(", "),
                    parts.join(", ")
                ));
            }
            InsertValues::Multi(rows) => {
                if rows.is_empty() {
                    return Err(CompileError::new("an INSERT with no rows of values"));
                }
                let mut rendered_rows = Vec::with_capacity(rows.len());
                for (i, row) in rows.iter().enumerate() {
                    let parts = self.values_row(insert, row, |column| format!("{column}_m{i}"))?;
                    rendered_rows.push(format!("({})", parts.join(", ")));
                }
                text.push_str(&format!(
                    " ({}) VALUES {}",
                    columns.join(", "),
                    rendered_rows.join(", ")
                ));
            }
            InsertValues::Exprs(exprs) => {
                self.check_width(insert, exprs.len())?;
                let mut parts = Vec::with_capacity(exprs.len());
                for e in exprs {
                    parts.push(self.expr(e, Ctx::Anything)?);
                }
                text.push_str(&format!(
                    " ({}) VALUES ({})",
                    columns.join(", "),
                    parts.join(", ")
                ));
            }
        }
        self.returning(&mut text, &table, &insert.returning);
        Ok(text)
    }

    /// ` RETURNING a, b`: bare names on SQLite, qualified by the default
    /// dialect.
    fn returning(&self, text: &mut String, table: &str, columns: &[String]) {
        if columns.is_empty() {
            return;
        }
        let cols: Vec<String> = columns
            .iter()
            .map(|c| match self.dialect() {
                Dialect::Sqlite => self.quote(c),
                Dialect::Default => format!("{table}.{}", self.quote(c)),
            })
            .collect();
        text.push_str(" RETURNING ");
        text.push_str(&cols.join(", "));
    }

    /// One row of VALUES: a parameter named by `bind_name` for each
    /// column with a value, the SQL expression of each inline column.
    fn values_row(
        &mut self,
        insert: &Insert,
        values: &[crate::Value],
        bind_name: impl Fn(&str) -> String,
    ) -> Result<Vec<String>, CompileError> {
        self.check_width(insert, values.len() + insert.inline.len())?;
        let mut values = values.iter();
        let mut parts = Vec::with_capacity(insert.columns.len());
        for column in &insert.columns {
            let part = match insert.inline.iter().find(|(name, _)| name == column) {
                Some((_, expr)) => self.expr(expr, Ctx::Anything)?,
                None => match values.next() {
                    Some(value) => self.bind_value(bind_name(column), value)?,
                    None => return Err(CompileError::new("an INSERT row with too few values")),
                },
            };
            parts.push(part);
        }
        Ok(parts)
    }

    fn check_width(&self, insert: &Insert, width: usize) -> Result<(), CompileError> {
        if width == insert.columns.len() {
            Ok(())
        } else {
            Err(CompileError::new(format!(
                "INSERT INTO {} names {} columns but has {} values",
                insert.table,
                insert.columns.len(),
                width
            )))
        }
    }

    pub(crate) fn update(&mut self, update: &Update) -> Result<String, CompileError> {
        if update.set.is_empty() {
            return Err(CompileError::new(
                "an UPDATE needs at least one column to SET",
            ));
        }
        let mut text = format!("UPDATE {} SET ", self.quote(&update.table));
        let mut parts = Vec::with_capacity(update.set.len());
        for (column, value) in &update.set {
            // A plain value bind is named after its column; expressions are
            // rendered with `self_group()`.
            let rendered = match value {
                Expr::Bind(b) if matches!(b.name, BindName::Fixed(_)) => {
                    self.expr(value, Ctx::Free)?
                }
                other => self.expr(other, Ctx::Anything)?,
            };
            parts.push(format!("{}={rendered}", self.quote(column)));
        }
        text.push_str(&parts.join(", "));
        self.dml_where(&mut text, &update.table, &update.where_)?;
        let table = self.quote(&update.table);
        self.returning(&mut text, &table, &update.returning);
        Ok(text)
    }

    pub(crate) fn delete(&mut self, delete: &Delete) -> Result<String, CompileError> {
        let mut text = format!("DELETE FROM {}", self.quote(&delete.table));
        self.dml_where(&mut text, &delete.table, &delete.where_)?;
        let table = self.quote(&delete.table);
        self.returning(&mut text, &table, &delete.returning);
        Ok(text)
    }

    /// ` WHERE ...`; subqueries in it correlate to the target table.
    fn dml_where(
        &mut self,
        text: &mut String,
        table: &str,
        criteria: &[Expr],
    ) -> Result<(), CompileError> {
        if criteria.is_empty() {
            return Ok(());
        }
        self.enclosing_froms.push(vec![FromItem::table(table)]);
        let w = self.criteria(criteria);
        self.enclosing_froms.pop();
        let w = w?;
        if !w.is_empty() {
            text.push_str(" WHERE ");
            text.push_str(&w);
        }
        Ok(())
    }
}
