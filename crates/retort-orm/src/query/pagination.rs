//! Flask-SQLAlchemy 3.1's pagination over ORM queries: the page query
//! (`LIMIT ? OFFSET ?`), then the count (the query without ORDER BY,
//! counted as `Query.count()` for a legacy query or as
//! `select(count()).select_from(stmt.subquery())` for a 2.0 select), and
//! the page arithmetic (`pages`, `has_next`, `iter_pages`, ...).

use retort_sql::{AliasName, Expr, Select, Statement, compile_sqlite};
use serde::{Deserialize, Serialize};

use super::{OrmQuery, QueryStyle, ResultRow};
use crate::engine::result_rows;
use crate::error::OrmError;
use crate::host::Host;
use crate::log::Origin;
use crate::session::Session;

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    pub page: i64,
    pub per_page: i64,
    /// The page's rows: one item each for a `select()` (Flask-SQLAlchemy's
    /// `SelectPagination` takes `scalars()`), every entity for a legacy
    /// `Query` (`QueryPagination` takes `all()`).
    pub items: Vec<ResultRow>,
    /// The keys of the rows' items (`Row._fields`).
    pub keys: Vec<String>,
    /// `None` when counting was switched off (`count=False`).
    pub total: Option<i64>,
}

/// The arguments of `paginate()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub page: i64,
    pub per_page: i64,
    pub max_per_page: Option<i64>,
    pub error_out: bool,
    pub count: bool,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 1,
            per_page: 20,
            max_per_page: None,
            error_out: true,
            count: true,
        }
    }
}

/// What `paginate()` gives: a page, or werkzeug's `NotFound` (404).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PageOutcome {
    Page(Pagination),
    NotFound,
}

impl Pagination {
    /// The first item of each row.
    pub fn scalars(&self) -> Vec<crate::query::ResultItem> {
        self.items
            .iter()
            .filter_map(|row| row.items.first().cloned())
            .collect()
    }

    fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    /// The number of pages (0 when there are no items or no count).
    pub fn pages(&self) -> i64 {
        match self.total {
            None | Some(0) => 0,
            Some(total) => (total + self.per_page - 1) / self.per_page,
        }
    }

    /// The 1-based number of the first item on the page (0 when empty).
    pub fn first(&self) -> i64 {
        if self.items.is_empty() {
            0
        } else {
            self.offset() + 1
        }
    }

    /// The number of the last item on the page (0 for an empty page, as
    /// Flask-SQLAlchemy's `max(first, first + len(items) - 1)` gives).
    pub fn last(&self) -> i64 {
        let first = self.first();
        first.max(first + self.items.len() as i64 - 1)
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn prev_num(&self) -> Option<i64> {
        self.has_prev().then_some(self.page - 1)
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    pub fn next_num(&self) -> Option<i64> {
        self.has_next().then_some(self.page + 1)
    }

    /// `iter_pages(left_edge, left_current, right_current, right_edge)`:
    /// page numbers with `None` for each gap.
    pub fn iter_pages(
        &self,
        left_edge: i64,
        left_current: i64,
        right_current: i64,
        right_edge: i64,
    ) -> Vec<Option<i64>> {
        let mut out = Vec::new();
        let pages_end = self.pages() + 1;
        if pages_end == 1 {
            return out;
        }
        let left_end = (1 + left_edge).min(pages_end);
        out.extend((1..left_end).map(Some));
        if left_end == pages_end {
            return out;
        }
        let mid_start = left_end.max(self.page - left_current);
        let mid_end = (self.page + right_current + 1).min(pages_end);
        if mid_start - left_end > 0 {
            out.push(None);
        }
        out.extend((mid_start..mid_end).map(Some));
        if mid_end == pages_end {
            return out;
        }
        let right_start = mid_end.max(pages_end - right_edge);
        if right_start - mid_end > 0 {
            out.push(None);
        }
        out.extend((right_start..pages_end).map(Some));
        out
    }

    /// `iter_pages()` with Flask-SQLAlchemy's defaults (2, 2, 4, 2).
    pub fn default_pages(&self) -> Vec<Option<i64>> {
        self.iter_pages(2, 2, 4, 2)
    }
}

impl Session {
    /// `Model.query.paginate(...)` for a legacy query, `db.paginate(stmt,
    /// ...)` for a 2.0 select: the page query, a 404 for an empty page other
    /// than the first when `error_out`, then the count.
    pub fn paginate(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        request: PageRequest,
    ) -> Result<PageOutcome, OrmError> {
        let mut page = request.page;
        let mut per_page = request.per_page;
        if let Some(max) = request.max_per_page {
            per_page = per_page.min(max);
        }
        if page < 1 {
            if request.error_out {
                return Ok(PageOutcome::NotFound);
            }
            page = 1;
        }
        if per_page < 1 {
            if request.error_out {
                return Ok(PageOutcome::NotFound);
            }
            per_page = 20;
        }
        let page_query = query.clone().limit(per_page).offset((page - 1) * per_page);
        let result = self.execute_query(host, &page_query)?;
        let keys = result.keys;
        let items: Vec<ResultRow> = match query.style {
            QueryStyle::Legacy => result.rows,
            QueryStyle::Select => result
                .rows
                .into_iter()
                .map(|mut row| {
                    row.items.truncate(1);
                    row
                })
                .collect(),
        };
        if items.is_empty() && page != 1 && request.error_out {
            return Ok(PageOutcome::NotFound);
        }
        let total = if request.count {
            let mut unordered = query.clone();
            unordered.order_by.clear();
            Some(match query.style {
                QueryStyle::Legacy => self.query_count(host, &unordered)?,
                QueryStyle::Select => self.select_count(host, &unordered)?,
            })
        } else {
            None
        };
        Ok(PageOutcome::Page(Pagination {
            page,
            per_page,
            items,
            keys,
            total,
        }))
    }

    /// `session.execute(select(func.count()).select_from(stmt.subquery())).scalar()`.
    pub fn select_count(&mut self, host: &mut dyn Host, query: &OrmQuery) -> Result<i64, OrmError> {
        self.check_active()?;
        self.autoflush(host)?;
        let inner = query.to_nested_select(&self.registry)?;
        let alias = AliasName::anon(self.next_anon_id(), "anon");
        let count = Select::new(vec![Expr::count_star()]).select_from(inner.subquery(alias));
        let compiled = compile_sqlite(&Statement::Select(count))?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, Origin::Query)?;
        match result_rows(result).first().and_then(|r| r.first()) {
            Some(retort_sql::Value::Integer(n)) => Ok(*n),
            _ => Ok(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(page: i64, per_page: i64, total: i64, items: usize) -> Pagination {
        Pagination {
            page,
            per_page,
            items: vec![
                ResultRow {
                    items: [crate::query::ResultItem::Value(crate::OrmValue::None)]
                        .into_iter()
                        .collect(),
                };
                items
            ],
            keys: vec!["id".to_owned()],
            total: Some(total),
        }
    }

    #[test]
    fn iter_pages_matches_flask_sqlalchemy() {
        let p = page(6, 2, 23, 2);
        assert_eq!(p.pages(), 12);
        let expected: Vec<Option<i64>> = vec![1, 2, 0, 4, 5, 6, 7, 8, 9, 10, 11, 12]
            .into_iter()
            .map(|n| (n != 0).then_some(n))
            .collect();
        assert_eq!(p.default_pages(), expected);
        let custom: Vec<Option<i64>> = vec![1, 0, 5, 6, 7, 8, 0, 12]
            .into_iter()
            .map(|n| (n != 0).then_some(n))
            .collect();
        assert_eq!(p.iter_pages(1, 1, 2, 1), custom);
    }

    #[test]
    fn page_arithmetic() {
        let p = page(2, 5, 23, 5);
        assert_eq!((p.pages(), p.has_prev(), p.prev_num()), (5, true, Some(1)));
        assert_eq!((p.has_next(), p.next_num()), (true, Some(3)));
        assert_eq!((p.first(), p.last()), (6, 10));
        let empty = page(9, 5, 23, 0);
        assert_eq!(
            (
                empty.first(),
                empty.last(),
                empty.has_next(),
                empty.next_num()
            ),
            (0, 0, false, None)
        );
        let none = Pagination {
            total: None,
            ..page(1, 3, 0, 0)
        };
        assert_eq!(none.pages(), 0);
        assert!(none.default_pages().is_empty());
    }
}
