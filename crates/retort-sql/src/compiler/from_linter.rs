//! SQLAlchemy's FROM linter (`compiler.FromLinter`): a SELECT whose FROM
//! elements are not all linked — by a JOIN, or by a comparison in WHERE
//! or ON between columns of two of them — warns of a cartesian product.
//! Each SELECT is linted on its own (a subquery has its own FROM list).

use super::Compiler;
use super::select::collect_sources;
use crate::expr::operators::BinaryOp;
use crate::expr::{Expr, FromSource, InValues};
use crate::select::FromItem;

/// The FROM elements of one SELECT and what links them.
#[derive(Default)]
struct FromLinter<'a> {
    nodes: Vec<&'a FromItem>,
    edges: Vec<(usize, usize)>,
}

fn is_comparison(op: BinaryOp) -> bool {
    !matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::FloorDiv
            | BinaryOp::Mod
            | BinaryOp::Concat
    )
}

impl<'a> FromLinter<'a> {
    /// Registers a FROM item: a table or subquery is a node; a join's
    /// sides are linked to each other (`visit_join`).
    fn add(&mut self, item: &'a FromItem) -> Vec<usize> {
        match item {
            FromItem::Join {
                left, right, on, ..
            } => {
                let left = self.add(left);
                let right = self.add(right);
                for &l in &left {
                    for &r in &right {
                        self.edges.push((l, r));
                    }
                }
                self.link(on);
                left.into_iter().chain(right).collect()
            }
            FromItem::Raw(_) => Vec::new(),
            _ => {
                self.nodes.push(item);
                vec![self.nodes.len() - 1]
            }
        }
    }

    /// The nodes an expression's columns come from.
    fn nodes_of(&self, expr: &Expr) -> Vec<usize> {
        let mut sources: Vec<FromSource> = Vec::new();
        collect_sources(expr, &mut sources);
        sources
            .iter()
            .filter_map(|s| self.nodes.iter().position(|n| n.provides(s)))
            .collect()
    }

    fn link_sides(&mut self, left: &Expr, right: &Expr) {
        let (left, right) = (self.nodes_of(left), self.nodes_of(right));
        for &l in &left {
            for &r in &right {
                self.edges.push((l, r));
            }
        }
    }

    /// Links the sides of every comparison in `expr` (`visit_binary`);
    /// subqueries are linted on their own.
    fn link(&mut self, expr: &Expr) {
        match expr {
            Expr::Binary { left, op, right } => {
                if is_comparison(*op) {
                    self.link_sides(left, right);
                }
                self.link(left);
                self.link(right);
            }
            Expr::In { expr, values, .. } => {
                if let InValues::List(items) = values {
                    for item in items {
                        self.link_sides(expr, item);
                        self.link(item);
                    }
                }
                self.link(expr);
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                self.link_sides(expr, low);
                self.link_sides(expr, high);
            }
            Expr::Escape { like, .. } => self.link(like),
            Expr::CustomOp { left, right, .. } => self.link_sides(left, right),
            Expr::Collate { expr, .. } => self.link(expr),
            Expr::Unary { operand, .. } | Expr::Modifier { operand, .. } => self.link(operand),
            Expr::Grouping(inner)
            | Expr::Label { expr: inner, .. }
            | Expr::Cast { expr: inner, .. }
            | Expr::Extract { expr: inner, .. } => self.link(inner),
            Expr::And(items) | Expr::Or(items) | Expr::Tuple(items) => {
                for item in items {
                    self.link(item);
                }
            }
            Expr::Function { args, .. } => {
                for arg in args {
                    self.link(arg);
                }
            }
            Expr::Over {
                func,
                partition_by,
                order_by,
            } => {
                self.link(func);
                for item in partition_by.iter().chain(order_by) {
                    self.link(item);
                }
            }
            Expr::SimpleCase {
                value,
                whens,
                else_,
            } => {
                self.link(value);
                for (when, then) in whens {
                    self.link(when);
                    self.link(then);
                }
                if let Some(e) = else_ {
                    self.link(e);
                }
            }
            Expr::Case { whens, else_ } => {
                for (when, then) in whens {
                    self.link(when);
                    self.link(then);
                }
                if let Some(e) = else_ {
                    self.link(e);
                }
            }
            _ => {}
        }
    }

    /// The nodes not reachable from the first (`FromLinter.lint`).
    fn unreached(&self) -> Vec<usize> {
        let mut reached = vec![false; self.nodes.len()];
        let mut stack = vec![0];
        reached[0] = true;
        while let Some(node) = stack.pop() {
            for &(a, b) in &self.edges {
                let other = if a == node {
                    b
                } else if b == node {
                    a
                } else {
                    continue;
                };
                if !reached[other] {
                    reached[other] = true;
                    stack.push(other);
                }
            }
        }
        (0..self.nodes.len()).filter(|&i| !reached[i]).collect()
    }
}

impl Compiler {
    /// The shown name of a FROM element: a table's name, an alias's as
    /// rendered.
    fn shown_from_name(&mut self, item: &FromItem) -> String {
        match item {
            FromItem::Table { name, alias: None } => name.clone(),
            FromItem::Table {
                alias: Some(alias), ..
            }
            | FromItem::Subquery { alias, .. }
            | FromItem::CompoundSubquery { alias, .. } => self.alias_name(alias),
            FromItem::Join { .. } | FromItem::Raw(_) => String::new(),
        }
    }

    /// Warns when the SELECT's FROM elements (`froms`, after correlation)
    /// are not all linked by joins or by the WHERE criteria.
    pub(crate) fn lint_froms(&mut self, froms: &[FromItem], criteria: &[Expr]) {
        let mut linter = FromLinter::default();
        for item in froms {
            linter.add(item);
        }
        if linter.nodes.len() < 2 {
            return;
        }
        for criterion in criteria {
            linter.link(criterion);
        }
        let unreached = linter.unreached();
        if unreached.is_empty() {
            return;
        }
        let start = linter.nodes[0];
        let rest: Vec<&FromItem> = unreached.iter().map(|&i| linter.nodes[i]).collect();
        let names: Vec<String> = rest
            .into_iter()
            .map(|item| format!("\"{}\"", self.shown_from_name(item)))
            .collect();
        let start = self.shown_from_name(start);
        self.warnings.push(format!(
            "SELECT statement has a cartesian product between FROM element(s) {} and FROM element \"{start}\".  Apply join condition(s) between each element to resolve.",
            names.join(", ")
        ));
    }
}
