//! Rendering of SELECT: FROM inference and correlation (`_get_froms`,
//! `_normalize_froms`), column labels by label style
//! (`_generate_columns_plus_names`, `_label_select_column`), the clause
//! line breaks, and the dialects' LIMIT/OFFSET.

use super::expr::Ctx;
use super::{Compiler, Dialect, ParamStyle};
use crate::error::CompileError;
use crate::expr::operators::Operator;
use crate::expr::{Expr, FromSource, InValues};
use crate::select::{FromItem, LabelStyle, Select};
use crate::value::Value;

impl Compiler {
    /// Renders a SELECT; `asfrom` when it is a subquery in a FROM clause.
    pub(crate) fn select(&mut self, select: &Select, asfrom: bool) -> Result<String, CompileError> {
        let froms = self.froms(select)?;
        let mut text = String::from("SELECT ");
        if select.distinct {
            text.push_str("DISTINCT ");
        }
        // Nested selects anywhere in this one (the columns clause included)
        // correlate to these FROM items.
        self.enclosing_froms.push(froms.clone());
        self.statement_params.push(select.params.clone());
        let rest = self.columns_and_body(select, asfrom, &froms);
        self.statement_params.pop();
        self.enclosing_froms.pop();
        let (columns, body) = rest?;
        self.lint_froms(&froms, &select.where_);
        text.push_str(&columns);
        if columns.is_empty() {
            text = text.trim_end().to_owned();
        }
        text.push_str(&body);
        Ok(text)
    }

    fn columns_and_body(
        &mut self,
        select: &Select,
        asfrom: bool,
        froms: &[FromItem],
    ) -> Result<(String, String), CompileError> {
        let columns = self.columns_clause(select, asfrom)?;
        let body = self.select_body(select, froms)?;
        Ok((columns, body))
    }

    fn select_body(&mut self, select: &Select, froms: &[FromItem]) -> Result<String, CompileError> {
        let mut text = String::new();
        if !froms.is_empty() {
            text.push_str(" \nFROM ");
            let mut parts = Vec::with_capacity(froms.len());
            for f in froms {
                parts.push(self.render_from_item(f)?);
            }
            text.push_str(&parts.join(", "));
        }
        if !select.where_.is_empty() {
            let w = self.criteria(&select.where_)?;
            if !w.is_empty() {
                text.push_str(" \nWHERE ");
                text.push_str(&w);
            }
        }
        let group_by = resolve_label_references(select, &select.group_by)?;
        let order_by = resolve_label_references(select, &select.order_by)?;
        if !group_by.is_empty() {
            text.push_str(" GROUP BY ");
            text.push_str(&self.expr_list(&group_by, Ctx::Free)?);
        }
        if !select.having.is_empty() {
            let h = self.criteria(&select.having)?;
            if !h.is_empty() {
                text.push_str(" \nHAVING ");
                text.push_str(&h);
            }
        }
        if !order_by.is_empty() {
            text.push_str(" ORDER BY ");
            let mut parts = Vec::with_capacity(order_by.len());
            for e in order_by.iter() {
                parts.push(self.expr(e, Ctx::Free)?);
            }
            text.push_str(&parts.join(", "));
        }
        text.push_str(&self.limit_clause(select.limit.as_ref(), select.offset.as_ref())?);
        Ok(text)
    }

    /// The dialect's LIMIT/OFFSET clause.
    pub(crate) fn limit_clause(
        &mut self,
        limit: Option<&Expr>,
        offset: Option<&Expr>,
    ) -> Result<String, CompileError> {
        let mut text = String::new();
        if let Some(limit) = limit {
            text.push_str("\n LIMIT ");
            text.push_str(&self.expr(limit, Ctx::Free)?);
        }
        match (offset, self.dialect()) {
            (Some(offset), dialect) => {
                if limit.is_none() {
                    match dialect {
                        Dialect::Sqlite => {
                            // `self.process(sql.literal(-1))` without the
                            // caller's keywords: a bind even under literal_binds.
                            let saved = self.options.param_style;
                            if saved == ParamStyle::LiteralBinds {
                                self.options.param_style = ParamStyle::QmarkPostcompile;
                            }
                            let name = self.anon.next("param");
                            let p = self.bind_value(name, &Value::Integer(-1));
                            self.options.param_style = saved;
                            text.push_str("\n LIMIT ");
                            text.push_str(&p?);
                        }
                        Dialect::Default => text.push_str("\n LIMIT -1"),
                    }
                }
                text.push_str(" OFFSET ");
                text.push_str(&self.expr(offset, Ctx::Free)?);
            }
            (None, Dialect::Sqlite) if limit.is_some() => {
                text.push_str(" OFFSET ");
                text.push_str(&self.expr(&Expr::param(0), Ctx::Free)?);
            }
            (None, _) => {}
        }
        Ok(text)
    }

    /// The FROM list: explicit items, then tables the columns and WHERE
    /// criteria mention, without duplicates, minus correlated ones.
    fn froms(&self, select: &Select) -> Result<Vec<FromItem>, CompileError> {
        let mut froms: Vec<FromItem> = Vec::new();
        for item in &select.from {
            if !froms.iter().any(|f| f.covers(item)) {
                froms.push(item.clone());
            }
        }
        let mut sources = Vec::new();
        for e in select.columns.iter().chain(select.where_.iter()) {
            collect_sources(e, &mut sources);
        }
        for source in sources {
            if froms.iter().any(|f| f.provides(&source)) {
                continue;
            }
            let item = match &source {
                FromSource::Table(t) => FromItem::Table {
                    name: t.clone(),
                    alias: None,
                },
                FromSource::TableAlias { table, alias } => FromItem::Table {
                    name: table.clone(),
                    alias: Some(alias.clone()),
                },
                // A subquery of an enclosing SELECT: correlated.
                FromSource::Alias(_)
                    if self
                        .enclosing_froms
                        .iter()
                        .flatten()
                        .any(|f| f.provides(&source)) =>
                {
                    continue;
                }
                FromSource::Alias(_) => {
                    return Err(CompileError::new(
                        "a column refers to a subquery that is not in the FROM clause",
                    ));
                }
            };
            froms.push(item);
        }
        // Auto-correlation (`_get_display_froms`): with more than one FROM,
        // drop those the immediately enclosing SELECT already provides.
        if let Some(outer) = self.enclosing_froms.last()
            && froms.len() > 1
        {
            froms.retain(|f| !outer.iter().any(|o| o.covers(f)));
            if froms.is_empty() {
                return Err(CompileError::new(
                    "Select statement returned no FROM clauses due to auto-correlation; \
                     specify correlate(<tables>) to control correlation manually.",
                ));
            }
        }
        Ok(froms)
    }

    pub(crate) fn render_from_item(&mut self, item: &FromItem) -> Result<String, CompileError> {
        match item {
            FromItem::Table { name, alias } => {
                let table = self.quote(name);
                match alias {
                    Some(alias) => Ok(format!("{table} AS {}", self.alias_name(alias))),
                    None => Ok(table),
                }
            }
            // `visit_alias` names the alias before rendering its element, and
            // a subquery in FROM does not correlate to the outer query.
            FromItem::Subquery { select, alias } => {
                let name = self.alias_name(alias);
                let saved = std::mem::take(&mut self.enclosing_froms);
                let inner = self.select(select, true);
                self.enclosing_froms = saved;
                Ok(format!("({}) AS {name}", inner?))
            }
            FromItem::CompoundSubquery { compound, alias } => {
                let name = self.alias_name(alias);
                let saved = std::mem::take(&mut self.enclosing_froms);
                let inner = self.compound(compound, true);
                self.enclosing_froms = saved;
                Ok(format!("({}) AS {name}", inner?))
            }
            FromItem::Join {
                left,
                right,
                on,
                outer,
            } => {
                let l = self.render_from_item(left)?;
                // A join on the right is grouped (`Join.self_group()`).
                let r = match right.as_ref() {
                    FromItem::Join { .. } => format!("({})", self.render_from_item(right)?),
                    _ => self.render_from_item(right)?,
                };
                let on = self.expr(on, Ctx::Against(Operator::AsBool))?;
                let join = if *outer {
                    " LEFT OUTER JOIN "
                } else {
                    " JOIN "
                };
                Ok(format!("{l}{join}{r} ON {on}"))
            }
            FromItem::Raw(s) => Ok(s.clone()),
        }
    }

    /// The columns clause with labels per the label style.
    fn columns_clause(&mut self, select: &Select, asfrom: bool) -> Result<String, CompileError> {
        let mut seen: Vec<(String, Expr)> = Vec::new();
        let mut parts = Vec::with_capacity(select.columns.len());
        for column in &select.columns {
            let label = self.column_label(select.label_style, column, asfrom, &mut seen);
            let rendered = match label {
                ColumnLabel::None => self.expr(column, Ctx::Free)?,
                ColumnLabel::Named(name) => {
                    // A `Label` grouped its element against `AS` when built;
                    // the compiler's own labels wrap the element as it is.
                    let s = match column {
                        Expr::Label { expr, .. } => self.expr(expr, Ctx::Against(Operator::As))?,
                        other => self.expr(other, Ctx::Free)?,
                    };
                    format!("{s} AS {}", self.quote(&name))
                }
                ColumnLabel::Anon(base) => {
                    // `visit_label` resolves the label name before the element.
                    let name = self.anon.next(&base);
                    let s = self.expr(column, Ctx::Free)?;
                    format!("{s} AS {}", self.quote(&name))
                }
            };
            parts.push(rendered);
        }
        Ok(parts.join(", "))
    }

    fn column_label(
        &mut self,
        style: LabelStyle,
        column: &Expr,
        asfrom: bool,
        seen: &mut Vec<(String, Expr)>,
    ) -> ColumnLabel {
        match column {
            Expr::Raw(_) | Expr::Text { .. } | Expr::LabelReference(_) => ColumnLabel::None,
            Expr::Label { name, .. } => {
                seen.push((name.clone(), column.clone()));
                ColumnLabel::Named(name.clone())
            }
            Expr::Column(c) => {
                let name = self.natural_label(style, c);
                if let Some((_, other)) = seen.iter().find(|(n, _)| *n == name) {
                    return if other != column {
                        // A different column under the same name:
                        // `_anon_name_label` / `_anon_tq_label`.
                        ColumnLabel::Anon(name)
                    } else {
                        // The same column again: the "dedupe" label `name__N`.
                        ColumnLabel::Anon(format!("{name}_"))
                    };
                }
                seen.push((name.clone(), column.clone()));
                match style {
                    LabelStyle::TablenamePlusCol => ColumnLabel::Named(name),
                    _ if asfrom => ColumnLabel::Named(name),
                    _ => ColumnLabel::None,
                }
            }
            // A CAST of a column (a `WrapsColumnExpression`) is labelled as
            // the column would be; when that name is taken it gets the
            // anonymous `table_col_N` (legacy style) or the dedupe `col__N`.
            Expr::Cast { expr, .. } => match expr.as_ref() {
                Expr::Column(c) => {
                    let name = self.natural_label(style, c);
                    // Plain data has no object identity: an equal CAST is
                    // taken to be a separately built one, the usual case.
                    // In the 2.0 style the CAST then owns the name, so a later
                    // plain column of that name is labelled `name_N` (as
                    // recorded in `tests/oracle/more_shapes.out`).
                    if let Some(slot) = seen.iter_mut().find(|(n, _)| *n == name) {
                        return match style {
                            LabelStyle::TablenamePlusCol => ColumnLabel::Anon(name),
                            _ => {
                                slot.1 = column.clone();
                                ColumnLabel::Anon(format!("{name}_"))
                            }
                        };
                    }
                    seen.push((name.clone(), column.clone()));
                    ColumnLabel::Named(name)
                }
                _ => ColumnLabel::Anon("anon".to_owned()),
            },
            Expr::Unary { operand, .. } | Expr::Modifier { operand, .. }
                if matches!(operand.as_ref(), Expr::Column(_)) && !asfrom =>
            {
                ColumnLabel::None
            }
            Expr::Function { name, .. } => ColumnLabel::Anon(super::functions::label_base(name)),
            _ => ColumnLabel::Anon("anon".to_owned()),
        }
    }
}

impl Compiler {
    /// A column's label in the given style: `name`, or `table_name`.
    fn natural_label(&mut self, style: LabelStyle, c: &crate::expr::ColumnRef) -> String {
        match style {
            LabelStyle::TablenamePlusCol => format!("{}_{}", self.source_label(&c.source), c.name),
            _ => c.name.clone(),
        }
    }
}

/// How one column of the columns clause is labelled.
enum ColumnLabel {
    None,
    Named(String),
    /// An anonymous label: the base gets the next counter.
    Anon(String),
}

/// The column sources `exprs` mention, in order, not descending into
/// nested SELECTs: what the FROM clause must provide.
pub fn column_sources<'a>(exprs: impl IntoIterator<Item = &'a Expr>) -> Vec<FromSource> {
    let mut out = Vec::new();
    for e in exprs {
        collect_sources(e, &mut out);
    }
    out
}

/// The column sources an expression mentions, in order, not descending
/// into nested SELECTs (which have FROM clauses of their own).
pub(super) fn collect_sources(e: &Expr, out: &mut Vec<FromSource>) {
    let push = |s: &FromSource, out: &mut Vec<FromSource>| {
        if !out.contains(s) {
            out.push(s.clone());
        }
    };
    match e {
        Expr::Column(c) => push(&c.source, out),
        Expr::Bind(_)
        | Expr::Literal(_)
        | Expr::Null
        | Expr::True
        | Expr::False
        | Expr::Raw(_)
        | Expr::LabelReference(_)
        | Expr::Text { .. }
        | Expr::Exists(_)
        | Expr::ScalarSubquery(_) => {}
        Expr::Binary { left, right, .. } => {
            collect_sources(left, out);
            collect_sources(right, out);
        }
        Expr::Unary { operand, .. } | Expr::Modifier { operand, .. } => {
            collect_sources(operand, out)
        }
        Expr::Escape { like, .. } => collect_sources(like, out),
        Expr::CustomOp { left, right, .. } => {
            collect_sources(left, out);
            collect_sources(right, out);
        }
        Expr::Collate { expr, .. } => collect_sources(expr, out),
        Expr::And(items) | Expr::Or(items) | Expr::Tuple(items) => {
            for i in items {
                collect_sources(i, out);
            }
        }
        Expr::Function { args, .. } => {
            for i in args {
                collect_sources(i, out);
            }
        }
        Expr::Over {
            func,
            partition_by,
            order_by,
        } => {
            collect_sources(func, out);
            for i in partition_by.iter().chain(order_by) {
                collect_sources(i, out);
            }
        }
        Expr::In { expr, values, .. } => {
            collect_sources(expr, out);
            if let InValues::List(items) = values {
                for i in items {
                    collect_sources(i, out);
                }
            }
        }
        Expr::Between {
            expr, low, high, ..
        } => {
            collect_sources(expr, out);
            collect_sources(low, out);
            collect_sources(high, out);
        }
        Expr::Label { expr, .. }
        | Expr::Cast { expr, .. }
        | Expr::Extract { expr, .. }
        | Expr::Grouping(expr) => collect_sources(expr, out),
        Expr::SimpleCase {
            value,
            whens,
            else_,
        } => {
            collect_sources(value, out);
            for (c, r) in whens {
                collect_sources(c, out);
                collect_sources(r, out);
            }
            if let Some(e) = else_ {
                collect_sources(e, out);
            }
        }
        Expr::Case { whens, else_ } => {
            for (c, r) in whens {
                collect_sources(c, out);
                collect_sources(r, out);
            }
            if let Some(e) = else_ {
                collect_sources(e, out);
            }
        }
    }
}

/// A textual ORDER BY or GROUP BY item (`order_by("n")`, `desc("n")`)
/// resolved as SQLAlchemy resolves it against the columns clause: a
/// label's name stays the label's (`ORDER BY n`), a column's name becomes
/// the column (`ORDER BY book.title`); a name of neither is its
/// CompileError, asking for `text()`. Items without one are kept as they
/// are (and not copied).
fn resolve_label_references<'e>(
    select: &Select,
    items: &'e [Expr],
) -> Result<std::borrow::Cow<'e, [Expr]>, CompileError> {
    if !items.iter().any(|item| label_reference(item).is_some()) {
        return Ok(std::borrow::Cow::Borrowed(items));
    }
    let mut resolved = Vec::with_capacity(items.len());
    for item in items {
        resolved.push(resolve_item(select, item)?);
    }
    Ok(std::borrow::Cow::Owned(resolved))
}

fn resolve_item(select: &Select, item: &Expr) -> Result<Expr, CompileError> {
    match item {
        Expr::LabelReference(name) => {
            for column in &select.columns {
                match column {
                    Expr::Label { name: label, .. } if label == name => return Ok(item.clone()),
                    Expr::Column(reference) if reference.name == *name => {
                        return Ok(column.clone());
                    }
                    _ => {}
                }
            }
            let quoted = if name.contains('\'') && !name.contains('"') {
                format!("\"{name}\"")
            } else {
                format!("'{}'", name.replace('\\', "\\\\").replace('\'', "\\'"))
            };
            Err(CompileError::new(format!(
                "Can't resolve label reference for ORDER BY / GROUP BY / DISTINCT etc. Textual SQL expression {quoted} should be explicitly declared as text({quoted})"
            )))
        }
        Expr::Modifier { operand, modifier } => Ok(Expr::Modifier {
            operand: Box::new(resolve_item(select, operand)?),
            modifier: *modifier,
        }),
        other => Ok(other.clone()),
    }
}

/// The name a textual ORDER BY or GROUP BY item refers to, under its
/// modifiers.
fn label_reference(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::LabelReference(name) => Some(name),
        Expr::Modifier { operand, .. } => label_reference(operand),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::compiler::{compile_default_str, compile_sqlite};
    use crate::expr::{AliasName, Expr};
    use crate::select::{LabelStyle, Select};
    use crate::value::Value;

    fn sql(s: Select) -> (String, Vec<Value>) {
        let c = compile_sqlite(&s.into()).unwrap();
        (c.sql, c.params)
    }

    #[test]
    fn limit_and_offset_forms_per_dialect() {
        let base = || Select::new(vec![Expr::col("t", "a")]);
        assert_eq!(
            sql(base().limit(2)),
            (
                "SELECT t.a \nFROM t\n LIMIT ? OFFSET ?".to_owned(),
                vec![Value::Integer(2), Value::Integer(0)]
            )
        );
        assert_eq!(
            compile_default_str(&base().offset(4).into()).unwrap(),
            "SELECT t.a \nFROM t\n LIMIT -1 OFFSET :param_1"
        );
        assert_eq!(
            compile_default_str(&base().limit(2).offset(4).into()).unwrap(),
            "SELECT t.a \nFROM t\n LIMIT :param_1 OFFSET :param_2"
        );
    }

    #[test]
    fn tablename_labels_follow_anonymous_alias_names() {
        let alias = AliasName::anon(1, "anon");
        let inner =
            Select::new(vec![Expr::col("t", "a")]).label_style(LabelStyle::TablenamePlusCol);
        let outer = Select::new(vec![Expr::aliased_col(
            crate::expr::FromSource::Alias(alias.clone()),
            "t_a",
        )])
        .label_style(LabelStyle::TablenamePlusCol)
        .select_from(inner.subquery(alias));
        assert_eq!(
            sql(outer).0,
            "SELECT anon_1.t_a AS anon_1_t_a \nFROM (SELECT t.a AS t_a \nFROM t) AS anon_1"
        );
    }

    #[test]
    fn a_column_of_a_missing_subquery_is_an_error() {
        let q = Select::new(vec![Expr::aliased_col(
            crate::expr::FromSource::Alias(AliasName::anon(1, "anon")),
            "x",
        )]);
        assert!(compile_sqlite(&q.into()).is_err());
    }

    #[test]
    fn a_nested_select_may_refer_to_an_enclosing_subquery() {
        let alias = AliasName::anon(1, "anon");
        let anon_id = Expr::aliased_col(crate::expr::FromSource::Alias(alias.clone()), "id");
        let inner = Select::new(vec![]).where_(Expr::col("c", "tid").eq(anon_id.clone()));
        let q = Select::new(vec![anon_id])
            .select_from(Select::new(vec![Expr::col("t", "id")]).subquery(alias))
            .where_(Expr::exists(inner));
        assert_eq!(
            sql(q).0,
            "SELECT anon_1.id \nFROM (SELECT t.id AS id \nFROM t) AS anon_1 \nWHERE EXISTS (SELECT * \nFROM c \nWHERE c.tid = anon_1.id)"
        );
    }

    #[test]
    fn a_select_without_columns_or_froms_does_not_panic() {
        assert_eq!(sql(Select::default()).0, "SELECT");
    }
}
