//! Writing ops as the Python of a revision script, exactly as Alembic's
//! `autogenerate.render` does under Flask-Migrate's defaults: table groups
//! become `with op.batch_alter_table(...) as batch_op:` blocks (or plain
//! `op.` calls without batch mode), convention names become `op.f('...')`,
//! `create_table` lists its constraints sorted, `alter_column` continues
//! its arguments on lines indented by eleven spaces, and an unnamed
//! `drop_constraint` gets the `# WARNING` comment (and a `UserWarning`).

use crate::model::{Default, ForeignKey, MColumn, MConstraint, MIndex, MTable, Name};
use crate::ops::{AlterColumn, Op, TableOp};
use crate::types::py_repr;

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub render_as_batch: bool,
}

/// The rendered upgrade or downgrade body.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Rendered {
    pub text: String,
    /// Tables with an unnamed `drop_constraint` (each warns once).
    pub unnamed_drops: Vec<String>,
}

struct Ctx<'a> {
    options: RenderOptions,
    batch: bool,
    unnamed_drops: &'a mut Vec<String>,
}

impl Ctx<'_> {
    fn prefix(&self) -> &'static str {
        if self.batch { "batch_op." } else { "op." }
    }

    fn name(&self, name: &Name) -> String {
        if name.conv {
            format!("{}f({})", self.prefix(), py_repr(&name.text))
        } else {
            py_repr(&name.text)
        }
    }

    fn opt_name(&self, name: &Option<Name>) -> String {
        match name {
            Some(n) => self.name(n),
            None => "None".into(),
        }
    }
}

/// A server default as `server_default=` shows it.
pub fn render_default(default: &Default) -> String {
    match default {
        Default::Literal(s) => {
            let trimmed = s.strip_prefix('\'').unwrap_or(s);
            let trimmed = trimmed.strip_suffix('\'').unwrap_or(trimmed);
            py_repr(trimmed)
        }
        Default::Sql(sql) => {
            let needs_parens = !(sql.is_empty()
                || (sql.len() == 1 && sql.chars().all(|c| c.is_ascii_digit() || c == '.'))
                || (sql.len() >= 2 && sql.starts_with('\'') && sql.ends_with('\''))
                || (sql.len() >= 2 && sql.starts_with('(') && sql.ends_with(')')));
            let text = if needs_parens {
                format!("({sql})")
            } else {
                sql.clone()
            };
            format!("sa.text({})", py_repr(&text))
        }
    }
}

/// `sa.Column(...)` of a column.
pub fn render_column(column: &MColumn) -> String {
    let mut opts: Vec<String> = Vec::new();
    if let Some(default) = &column.server_default {
        opts.push(format!("server_default={}", render_default(default)));
    }
    if let Some(auto) = column.autoincrement {
        opts.push(format!(
            "autoincrement={}",
            if auto { "True" } else { "False" }
        ));
    }
    opts.push(format!(
        "nullable={}",
        if column.nullable { "True" } else { "False" }
    ));
    format!(
        "sa.Column({}, {}, {})",
        py_repr(&column.name),
        column.ty.render(),
        opts.join(", ")
    )
}

fn list_repr(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|i| py_repr(i))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn render_fk_constraint(ctx: &Ctx, fk: &ForeignKey) -> String {
    let mut opts: Vec<String> = Vec::new();
    if let Some(name) = &fk.name {
        opts.push(format!("name={}", ctx.name(name)));
    }
    if let Some(action) = &fk.onupdate {
        opts.push(format!("onupdate={}", py_repr(action)));
    }
    if let Some(action) = &fk.ondelete {
        opts.push(format!("ondelete={}", py_repr(action)));
    }
    let targets: Vec<String> = fk
        .ref_columns
        .iter()
        .map(|c| py_repr(&format!("{}.{c}", fk.ref_table)))
        .collect();
    format!(
        "sa.ForeignKeyConstraint({}, [{}], {})",
        list_repr(&fk.columns),
        targets.join(", "),
        opts.join(", ")
    )
}

fn render_table_constraint(ctx: &Ctx, constraint: &MConstraint) -> String {
    match constraint {
        MConstraint::Unique { name, columns } => {
            let mut args: Vec<String> = columns.iter().map(|c| py_repr(c)).collect();
            if let Some(name) = name {
                args.push(format!("name={}", ctx.name(name)));
            }
            format!("sa.UniqueConstraint({})", args.join(", "))
        }
        MConstraint::ForeignKey(fk) => render_fk_constraint(ctx, fk),
        MConstraint::Check { name, sql } => {
            let mut text = format!("sa.CheckConstraint({}", py_repr(sql));
            if let Some(name) = name {
                text.push_str(&format!(", name={}", ctx.name(name)));
            }
            text.push(')');
            text
        }
    }
}

fn render_create_table(ctx: &Ctx, table: &MTable) -> String {
    let mut args: Vec<String> = table.columns.iter().map(render_column).collect();
    let mut constraints: Vec<String> = Vec::new();
    if !table.primary_key.columns.is_empty() {
        let mut pk_args: Vec<String> = table
            .primary_key
            .columns
            .iter()
            .map(|c| py_repr(c))
            .collect();
        if let Some(name) = &table.primary_key.name {
            pk_args.push(format!("name={}", ctx.name(name)));
        }
        constraints.push(format!("sa.PrimaryKeyConstraint({})", pk_args.join(", ")));
    }
    constraints.extend(
        table
            .constraints
            .iter()
            .map(|c| render_table_constraint(ctx, c)),
    );
    constraints.sort();
    args.extend(constraints);
    format!(
        "op.create_table({},\n{}\n)",
        py_repr(&table.name),
        args.join(",\n")
    )
}

fn render_index(ctx: &Ctx, table: &str, index: &MIndex) -> String {
    let columns = list_repr(&index.columns);
    let unique = if index.unique { "True" } else { "False" };
    if ctx.batch {
        format!(
            "batch_op.create_index({}, {columns}, unique={unique})",
            ctx.name(&index.name)
        )
    } else {
        format!(
            "op.create_index({}, {}, {columns}, unique={unique})",
            ctx.name(&index.name),
            py_repr(table)
        )
    }
}

fn render_alter(ctx: &Ctx, table: &str, alter: &AlterColumn) -> String {
    let indent = " ".repeat(11);
    let mut text = if ctx.batch {
        format!("batch_op.alter_column({}", py_repr(&alter.column))
    } else {
        format!(
            "op.alter_column({}, {}",
            py_repr(table),
            py_repr(&alter.column)
        )
    };
    if let Some(ty) = &alter.existing_type {
        text.push_str(&format!(",\n{indent}existing_type={}", ty.render()));
    }
    if let Some(ty) = &alter.modify_type {
        text.push_str(&format!(",\n{indent}type_={}", ty.render()));
    }
    if let Some(nullable) = alter.modify_nullable {
        text.push_str(&format!(",\n{indent}nullable={}", py_bool(nullable)));
    }
    if alter.modify_nullable.is_none()
        && let Some(existing) = alter.existing_nullable
    {
        text.push_str(&format!(
            ",\n{indent}existing_nullable={}",
            py_bool(existing)
        ));
    }
    if let Some(default) = &alter.existing_server_default {
        text.push_str(&format!(
            ",\n{indent}existing_server_default={}",
            render_default(default)
        ));
    }
    text.push(')');
    text
}

fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

fn render_table_op(ctx: &mut Ctx, table: &str, op: &TableOp) -> Vec<String> {
    let prefix = ctx.prefix();
    let table_arg = if ctx.batch {
        String::new()
    } else {
        format!("{}, ", py_repr(table))
    };
    match op {
        TableOp::AddColumn(column) => {
            vec![format!(
                "{prefix}add_column({table_arg}{})",
                render_column(column)
            )]
        }
        TableOp::DropColumn(column) => {
            vec![format!(
                "{prefix}drop_column({table_arg}{})",
                py_repr(&column.name)
            )]
        }
        TableOp::AlterColumn(alter) => vec![render_alter(ctx, table, alter)],
        TableOp::CreateIndex(index) => vec![render_index(ctx, table, index)],
        TableOp::DropIndex(index) => {
            if ctx.batch {
                vec![format!("batch_op.drop_index({})", ctx.name(&index.name))]
            } else {
                vec![format!(
                    "op.drop_index({}, table_name={})",
                    ctx.name(&index.name),
                    py_repr(table)
                )]
            }
        }
        TableOp::AddConstraint(MConstraint::Unique { name, columns }) => vec![format!(
            "{prefix}create_unique_constraint({}, {table_arg}{})",
            ctx.opt_name(name),
            list_repr(columns)
        )],
        TableOp::AddConstraint(MConstraint::ForeignKey(fk)) => {
            let mut args = vec![ctx.opt_name(&fk.name)];
            if !ctx.batch {
                args.push(py_repr(table));
            }
            args.push(py_repr(&fk.ref_table));
            args.push(list_repr(&fk.columns));
            args.push(list_repr(&fk.ref_columns));
            if let Some(action) = &fk.onupdate {
                args.push(format!("onupdate={}", py_repr(action)));
            }
            if let Some(action) = &fk.ondelete {
                args.push(format!("ondelete={}", py_repr(action)));
            }
            vec![format!("{prefix}create_foreign_key({})", args.join(", "))]
        }
        TableOp::AddConstraint(MConstraint::Check { name, sql }) => vec![format!(
            "{prefix}create_check_constraint({}, {table_arg}{})",
            ctx.opt_name(name),
            py_repr(sql)
        )],
        TableOp::DropConstraint(constraint) => {
            let mut lines = Vec::new();
            let name = constraint.name();
            if name.is_none() {
                if !ctx.unnamed_drops.iter().any(|t| t == table) {
                    ctx.unnamed_drops.push(table.to_owned());
                }
                lines
                    .push("# WARNING: constraint name is None; this directive will fail as".into());
                lines.push("# rendered.  Add a name, or use a naming convention; see".into());
                lines.push("# https://alembic.sqlalchemy.org/en/latest/naming.html".into());
            }
            let rendered_name = match name {
                Some(n) => ctx.name(n),
                None => "None".into(),
            };
            lines.push(format!(
                "{prefix}drop_constraint({rendered_name}, {table_arg}type_={})",
                py_repr(constraint.type_word())
            ));
            lines
        }
    }
}

fn render_op(ctx: &mut Ctx, op: &Op) -> Vec<String> {
    match op {
        Op::CreateTable(table) => vec![render_create_table(ctx, table)],
        Op::DropTable(table) => vec![format!("op.drop_table({})", py_repr(&table.name))],
        Op::Modify { table, ops } => {
            if ops.is_empty() {
                return Vec::new();
            }
            let mut lines = Vec::new();
            if ctx.options.render_as_batch {
                lines.push(format!(
                    "with op.batch_alter_table({}, schema=None) as batch_op:",
                    py_repr(table)
                ));
                ctx.batch = true;
                for op in ops {
                    lines.extend(render_table_op(ctx, table, op));
                }
                ctx.batch = false;
                lines.push(String::new());
            } else {
                for op in ops {
                    lines.extend(render_table_op(ctx, table, op));
                }
            }
            lines
        }
    }
}

/// Mako's `PythonPrinter`: a line ending in `:` indents the next ones, a
/// blank line dedents.
fn print_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut level = 0usize;
    for line in lines {
        if line.trim().is_empty() {
            level = level.saturating_sub(1);
            out.push('\n');
            continue;
        }
        out.push_str(&"    ".repeat(level));
        out.push_str(line);
        out.push('\n');
        if !line.trim_start().starts_with('#') && line.trim_end().ends_with(':') {
            level += 1;
        }
    }
    out
}

/// Alembic's `_indent`: four spaces before every line, trailing spaces
/// removed, the whole stripped.
fn indent(text: &str) -> String {
    let indented: Vec<String> = text
        .split('\n')
        .map(|line| format!("    {line}").trim_end_matches(' ').to_owned())
        .collect();
    indented.join("\n").trim().to_owned()
}

/// The body of `upgrade()` or `downgrade()`.
pub fn render_body(ops: &[Op], options: RenderOptions) -> Rendered {
    let mut unnamed_drops = Vec::new();
    let mut ctx = Ctx {
        options,
        batch: false,
        unnamed_drops: &mut unnamed_drops,
    };
    let mut lines =
        vec!["# ### commands auto generated by Alembic - please adjust! ###".to_owned()];
    let mut has_lines = false;
    for op in ops {
        let rendered = render_op(&mut ctx, op);
        has_lines |= !rendered.is_empty();
        lines.extend(rendered);
    }
    if !has_lines {
        lines.push("pass".into());
    }
    lines.push("# ### end Alembic commands ###".into());
    Rendered {
        text: indent(&print_lines(&lines)),
        unnamed_drops,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PrimaryKey;
    use crate::types::SaType;

    #[test]
    fn create_table_and_batch_blocks() {
        let mut table = MTable::new("users");
        let mut id = MColumn::new("id", SaType::new("Integer"));
        id.nullable = false;
        table.columns.push(id);
        table.columns.push(MColumn::new(
            "email",
            SaType::with_length("String", Some(120)),
        ));
        table.primary_key = PrimaryKey {
            name: None,
            columns: vec!["id".into()],
        };
        table.constraints.push(MConstraint::Unique {
            name: None,
            columns: vec!["email".into()],
        });
        let ops = vec![
            Op::CreateTable(table),
            Op::Modify {
                table: "users".into(),
                ops: vec![TableOp::CreateIndex(MIndex {
                    name: Name::conv("ix_users_email"),
                    columns: vec!["email".into()],
                    unique: false,
                })],
            },
        ];
        let rendered = render_body(
            &ops,
            RenderOptions {
                render_as_batch: true,
            },
        );
        assert_eq!(
            rendered.text,
            "# ### commands auto generated by Alembic - please adjust! ###\n    op.create_table('users',\n    sa.Column('id', sa.Integer(), nullable=False),\n    sa.Column('email', sa.String(length=120), nullable=True),\n    sa.PrimaryKeyConstraint('id'),\n    sa.UniqueConstraint('email')\n    )\n    with op.batch_alter_table('users', schema=None) as batch_op:\n        batch_op.create_index(batch_op.f('ix_users_email'), ['email'], unique=False)\n\n    # ### end Alembic commands ###"
        );
    }

    #[test]
    fn unnamed_drops_warn() {
        let ops = vec![Op::Modify {
            table: "users".into(),
            ops: vec![TableOp::DropConstraint(MConstraint::Unique {
                name: None,
                columns: vec!["email".into()],
            })],
        }];
        let rendered = render_body(
            &ops,
            RenderOptions {
                render_as_batch: true,
            },
        );
        assert_eq!(rendered.unnamed_drops, vec!["users"]);
        assert!(
            rendered.text.contains(
                "        # WARNING: constraint name is None; this directive will fail as\n"
            )
        );
        assert!(
            rendered
                .text
                .contains("        batch_op.drop_constraint(None, type_='unique')\n")
        );
    }

    #[test]
    fn defaults_render_like_alembic() {
        assert_eq!(render_default(&Default::Literal("0".into())), "'0'");
        assert_eq!(
            render_default(&Default::Sql("CURRENT_TIMESTAMP".into())),
            "sa.text('(CURRENT_TIMESTAMP)')"
        );
        assert_eq!(
            render_default(&Default::Sql("'0'".into())),
            "sa.text(\"'0'\")"
        );
    }
}
