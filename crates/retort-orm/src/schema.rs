//! `MetaData.create_all` / `drop_all` on their own connection-level
//! transaction, with the `PRAGMA main.table_info` / `temp.table_info`
//! existence checks SQLAlchemy's SQLite dialect emits per table, and
//! `Table.create` / `Table.drop` for one table.

use retort_driver::StatementResult;
use retort_sql::compiler::Dialect;
use retort_sql::ddl::{SQLITE_TABLE_NAMES, pragma_table_info};
use retort_sql::{DdlStatement, Table, compile_ddl};

use crate::error::OrmError;
use crate::log::{Origin, StatementKind};
use crate::session::Session;

impl Session {
    /// Whether a table exists, as `SQLiteDialect.has_table` checks it.
    pub(crate) fn has_table(&mut self, table: &str, origin: Origin) -> Result<bool, OrmError> {
        for schema in ["main", "temp"] {
            let result = self
                .engine
                .logged_run(&pragma_table_info(schema, table), origin)?;
            if matches!(result, StatementResult::Rows(rows) if !rows.rows.is_empty()) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `db.create_all()`: creates the missing tables and their indexes in
    /// dependency order.
    pub fn create_all(&mut self) -> Result<(), OrmError> {
        let origin = Origin::CreateAll;
        let tables: Vec<Table> = self
            .registry
            .metadata
            .create_order()
            .into_iter()
            .cloned()
            .collect();
        // SQLAlchemy checks the tables in definition order and creates the
        // missing ones parents first.
        let checked: Vec<String> = self
            .registry
            .metadata
            .tables
            .iter()
            .map(|t| t.name.clone())
            .collect();
        self.engine
            .connection_marker(StatementKind::Begin, origin)?;
        let mut missing = Vec::new();
        for name in checked {
            if !self.has_table(&name, origin)? {
                missing.push(name);
            }
        }
        for table in tables.into_iter().filter(|t| missing.contains(&t.name)) {
            let table = self.named_by_convention(&table)?;
            let sql = compile_ddl(Dialect::Sqlite, &DdlStatement::CreateTable(table.clone()))?;
            self.engine.logged_run(&sql, origin)?;
            for index in &table.indexes {
                let sql = compile_ddl(Dialect::Sqlite, &DdlStatement::CreateIndex(index.clone()))?;
                self.engine.logged_run(&sql, origin)?;
            }
        }
        self.engine.connection_marker(StatementKind::Commit, origin)
    }

    /// `table` with its constraints and indexes named by the metadata's
    /// naming convention, as its DDL writes them.
    pub fn named_by_convention(&self, table: &Table) -> Result<Table, OrmError> {
        retort_sql::with_naming_convention(table, &self.registry.metadata.naming_convention)
            .map_err(OrmError::InvalidRequestError)
    }

    /// `db.drop_all()`: drops the existing tables, dependents first.
    pub fn drop_all(&mut self) -> Result<(), OrmError> {
        let origin = Origin::DropAll;
        // SQLAlchemy checks the tables in definition order and drops the
        // existing ones children first.
        let checked: Vec<String> = self
            .registry
            .metadata
            .tables
            .iter()
            .map(|t| t.name.clone())
            .collect();
        let mut drop_order: Vec<String> = self
            .registry
            .metadata
            .create_order()
            .into_iter()
            .map(|t| t.name.clone())
            .collect();
        drop_order.reverse();
        self.engine
            .connection_marker(StatementKind::Begin, origin)?;
        let mut existing = Vec::new();
        for name in checked {
            if self.has_table(&name, origin)? {
                existing.push(name);
            }
        }
        for name in drop_order.into_iter().filter(|n| existing.contains(n)) {
            let sql = compile_ddl(Dialect::Sqlite, &DdlStatement::DropTable(name))?;
            self.engine.logged_run(&sql, origin)?;
        }
        self.engine.connection_marker(StatementKind::Commit, origin)
    }

    /// `table.create(engine, checkfirst=...)`: the table and its indexes on
    /// a transaction of their own, rolled back when a statement fails.
    pub fn create_table(&mut self, table: &Table, checkfirst: bool) -> Result<(), OrmError> {
        let origin = Origin::CreateAll;
        let table = &self.named_by_convention(table)?;
        self.one_table_ddl(origin, |session| {
            if checkfirst && session.has_table(&table.name, origin)? {
                return Ok(());
            }
            let sql = compile_ddl(Dialect::Sqlite, &DdlStatement::CreateTable(table.clone()))?;
            session.engine.logged_run(&sql, origin)?;
            for index in &table.indexes {
                let sql = compile_ddl(Dialect::Sqlite, &DdlStatement::CreateIndex(index.clone()))?;
                session.engine.logged_run(&sql, origin)?;
            }
            Ok(())
        })
    }

    /// `table.drop(engine, checkfirst=...)`.
    pub fn drop_table(&mut self, name: &str, checkfirst: bool) -> Result<(), OrmError> {
        let origin = Origin::DropAll;
        self.one_table_ddl(origin, |session| {
            if checkfirst && !session.has_table(name, origin)? {
                return Ok(());
            }
            let sql = compile_ddl(Dialect::Sqlite, &DdlStatement::DropTable(name.to_owned()))?;
            session.engine.logged_run(&sql, origin)?;
            Ok(())
        })
    }

    /// `engine.begin()` around `body`: COMMIT after it, ROLLBACK when it fails.
    fn one_table_ddl(
        &mut self,
        origin: Origin,
        body: impl FnOnce(&mut Session) -> Result<(), OrmError>,
    ) -> Result<(), OrmError> {
        self.engine
            .connection_marker(StatementKind::Begin, origin)?;
        match body(self) {
            Ok(()) => self.engine.connection_marker(StatementKind::Commit, origin),
            Err(error) => {
                self.engine
                    .connection_marker(StatementKind::Rollback, origin)?;
                Err(error)
            }
        }
    }

    /// `inspect(db.engine).get_table_names()`: its own connection and
    /// transaction, ended by a `ROLLBACK`.
    pub fn inspect_table_names(&mut self) -> Result<Vec<String>, OrmError> {
        let origin = Origin::Inspect;
        self.engine
            .connection_marker(StatementKind::Begin, origin)?;
        let result = self.engine.logged_run(SQLITE_TABLE_NAMES, origin)?;
        self.engine
            .connection_marker(StatementKind::Rollback, origin)?;
        Ok(crate::engine::result_rows(result)
            .into_iter()
            .filter_map(|row| match row.into_iter().next() {
                Some(retort_sql::Value::Text(name)) => Some(name),
                _ => None,
            })
            .collect())
    }
}
