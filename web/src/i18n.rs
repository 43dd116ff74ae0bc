//! The page's words in English and 简体中文: every string the UI shows
//! comes from [`text`], keyed by [`Key`]. [`Lang::detect`] picks the
//! language from what the learner chose before, else the browser's.

/// A language the page speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code kept in local storage and set on `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// A stored code or a browser language tag (`zh-Hans-CN`, `en-US`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The stored choice, else the browser's language, else English.
    pub fn detect(stored: Option<&str>, browser: Option<&str>) -> Lang {
        stored
            .and_then(Lang::from_tag)
            .or_else(|| browser.and_then(Lang::from_tag))
            .unwrap_or(Lang::En)
    }
}

/// Every string of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Tagline,
    Language,
    EditorLabel,
    EditorFailed,
    Run,
    RunHint,
    Stop,
    Share,
    Running,
    Stopped,
    EngineStarting,
    EngineUnavailable,
    EngineRestarting,
    DbOpfs,
    DbMemory,
    DbKept,
    KeepDatabase,
    KeepHint,
    ResetDatabase,
    ExportDatabase,
    ImportDatabase,
    OpfsUnavailable,
    DatabaseReset,
    DatabaseImported,
    DatabaseExported,
    DatabaseFailed,
    BadSqliteFile,
    ConsoleLabel,
    ConsolePlaceholder,
    ConsoleNoRun,
    ConsoleStopped,
    ConsoleNewRun,
    ConsoleDatabaseChanged,
    StepConsole,
    TabOutput,
    TabSql,
    TabTables,
    TabSession,
    Panels,
    Splitter,
    Timeline,
    StepBack,
    StepForward,
    StepOf,
    StepFailed,
    StepTeardown,
    NothingYet,
    NoOutput,
    NoSql,
    NoTables,
    NoSession,
    ErrorAtLine,
    LastGoodStep,
    Warnings,
    StatementsOfLine,
    ShowAll,
    Rows,
    OneRow,
    RowsReturned,
    RowsChanged,
    Transaction,
    Committed,
    RolledBack,
    StillOpen,
    Teardown,
    Line,
    Inserted,
    Updated,
    Deleted,
    Truncated,
    Changed,
    Expired,
    Present,
    WhatItMeans,
    ShareCopied,
    ShareInAddressBar,
    ShareBroken,
    ShareTooBig,
    ShareLink,
    InTransaction,
    StatusTransient,
    StatusPending,
    StatusPersistent,
    StatusDeleted,
    StatusDetached,
    OriginDdl,
    OriginFlush,
    OriginQuery,
    OriginRefresh,
    OriginLazyLoad,
    OriginEagerLoad,
    OriginSession,
    OriginBulk,
    OriginInspect,
    OriginOther,
    OriginTerminal,
    TabSchema,
    NoSchema,
    SchemaDiagram,
    SchemaDdl,
    NotCreated,
    SelfReference,
    DiagramUnavailable,
    TabMigrations,
    MigTerminal,
    MigInputLabel,
    MigNothingYet,
    MigRunning,
    MigExit,
    MigRevisions,
    MigNoRevisions,
    MigBase,
    MigHead,
    MigCurrent,
    MigFiles,
    MigFromEditor,
    MigEditHint,
    MigBinary,
    MigSchema,
    MigNoChanges,
    MigTableAdded,
    MigTableDropped,
    MigTableChanged,
    MigColumnAdded,
    MigColumnDropped,
    MigColumnChanged,
    MigOpenSql,
    MigOpenTables,
    MigOpenSchema,
    ProjectShown,
    MigReset,
    MigNewFile,
    MigNewLabel,
    MigNewEmpty,
    MigNewOutside,
    MigNewAppPy,
    MigNewExists,
    MigResetHint,
    BackToRun,
    MistakeCreateAll,
    MistakeNotNull,
    MistakeRename,
    MistakeNotUpToDate,
    MistakeUnnamed,
    MistakeNoMigrate,
}

/// The UI string `key` in `lang`. Placeholders (`{n}`, `{total}`) are
/// filled by the caller with [`fill`].
pub fn text(lang: Lang, key: Key) -> &'static str {
    let (en, zh) = pair(key);
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `text` with `{name}` placeholders replaced, in order.
pub fn fill(lang: Lang, key: Key, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(text(lang, key).to_owned(), |acc, (name, value)| {
            acc.replace(&format!("{{{name}}}"), value)
        })
}

/// A learner's explanation of a common error, shown next to SQLAlchemy's
/// own message; `None` for the others.
pub fn explain(lang: Lang, class_name: &str) -> Option<&'static str> {
    let (en, zh) = match class_name {
        "IntegrityError" => (
            "The database refused the change because it breaks a constraint: a NOT NULL column left empty, a duplicate value in a UNIQUE column, or a foreign key pointing at no row. Roll the session back (db.session.rollback()) before using it again.",
            "数据库拒绝了这次修改，因为它违反了约束：NOT NULL 列没有值、UNIQUE 列出现重复值，或外键指向不存在的行。继续使用会话之前，请先回滚（db.session.rollback()）。",
        ),
        "NoResultFound" => (
            "one() found no row. When finding nothing is normal, use one_or_none() or first(), which return None.",
            "one() 没有找到任何行。如果查不到是正常情况，请改用 one_or_none() 或 first()，它们会返回 None。",
        ),
        "MultipleResultsFound" => (
            "one() or one_or_none() found more than one row. Filter more narrowly, or use first() or all().",
            "one() 或 one_or_none() 找到了不止一行。请收窄过滤条件，或改用 first() / all()。",
        ),
        "DetachedInstanceError" => (
            "The object no longer belongs to a session, so attributes that were not loaded cannot be loaded now. Load what you need while the session is open, or add the object back with db.session.add().",
            "该对象已不属于任何会话，尚未加载的属性现在无法加载。请在会话仍打开时加载需要的数据，或用 db.session.add() 把对象重新加入会话。",
        ),
        "PendingRollbackError" => (
            "An earlier flush failed, so the session's transaction cannot be used. Call db.session.rollback() first.",
            "之前的 flush 失败了，会话中的事务已无法使用。请先调用 db.session.rollback()。",
        ),
        "NotFound" => (
            "get_or_404() or first_or_404() found no row and stopped with 404 Not Found, as it would in a Flask view.",
            "get_or_404() 或 first_or_404() 没有找到行，于是像在 Flask 视图中一样以 404 Not Found 中止。",
        ),
        "AttributeError" => (
            "The object has no attribute with that name. On a model, check the spelling and that the column is declared in the class.",
            "该对象没有这个名字的属性。如果是模型，请检查拼写，并确认该列已在类中声明。",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::Zh => zh,
    })
}

fn pair(key: Key) -> (&'static str, &'static str) {
    use Key::*;
    match key {
        Tagline => ("SQLAlchemy in your browser", "在浏览器里运行 SQLAlchemy"),
        Language => ("Language", "语言"),
        EditorLabel => ("Python (Flask-SQLAlchemy)", "Python（Flask-SQLAlchemy）"),
        EditorFailed => ("The editor did not load", "编辑器未能加载"),
        Run => ("Run", "运行"),
        RunHint => ("Ctrl/⌘ + Enter", "Ctrl/⌘ + Enter"),
        Stop => ("Stop", "停止"),
        Share => ("Share", "分享"),
        Running => ("Running…", "运行中…"),
        Stopped => (
            "Stopped. The engine was restarted.",
            "已停止，引擎已重新启动。",
        ),
        EngineStarting => ("Starting the engine…", "正在启动引擎…"),
        EngineUnavailable => ("Engine unavailable", "引擎不可用"),
        EngineRestarting => ("Restarting the engine.", "正在重新启动引擎。"),
        DbOpfs => ("Database: OPFS", "数据库：OPFS"),
        DbMemory => ("Database: memory", "数据库：内存"),
        DbKept => ("Database: OPFS (kept)", "数据库：OPFS（保留）"),
        KeepDatabase => ("Keep the database", "保留数据库"),
        KeepHint => (
            "Runs use one database kept in this browser (OPFS), across runs and reloads, as a real data.db file.",
            "每次运行都使用保存在本浏览器（OPFS）中的同一个数据库，刷新页面后仍在，就像真实的 data.db 文件。",
        ),
        ResetDatabase => ("Reset", "重置"),
        ExportDatabase => ("Export .sqlite", "导出 .sqlite"),
        ImportDatabase => ("Import .sqlite", "导入 .sqlite"),
        OpfsUnavailable => (
            "OPFS is not available here, so the data stays in memory ({reason}).",
            "此处无法使用 OPFS，数据只保存在内存中（{reason}）。",
        ),
        DatabaseReset => ("The kept database is empty now.", "保留的数据库已清空。"),
        DatabaseImported => (
            "Imported: the next run uses this database.",
            "已导入：下次运行将使用这个数据库。",
        ),
        DatabaseExported => ("Exported retort.sqlite.", "已导出 retort.sqlite。"),
        DatabaseFailed => (
            "The database operation failed: {reason}",
            "数据库操作失败：{reason}",
        ),
        BadSqliteFile => (
            "“{name}” is not an SQLite database: it does not start with “SQLite format 3”.",
            "“{name}”不是 SQLite 数据库：文件开头不是“SQLite format 3”。",
        ),
        ConsoleLabel => ("Console", "控制台"),
        ConsolePlaceholder => (
            "Python after a run, e.g. User.query.count()",
            "运行后在此输入 Python，例如 User.query.count()",
        ),
        ConsoleNoRun => (
            "Run the script first: the console works in what the run leaves behind.",
            "请先运行脚本：控制台在运行留下的命名空间中执行。",
        ),
        ConsoleStopped => (
            "Stopped: the engine was restarted, so the console's namespace is gone. Run again to get a new one.",
            "已停止：引擎已重新启动，控制台的命名空间已不存在。请重新运行。",
        ),
        ConsoleNewRun => ("— a new run —", "—— 新的运行 ——"),
        ConsoleDatabaseChanged => (
            "The kept database was reset, exported or replaced, which ended the console's namespace. Run again.",
            "保留的数据库已被重置、导出或替换，控制台的命名空间随之结束。请重新运行。",
        ),
        StepConsole => ("console [{n}]", "控制台 [{n}]"),
        TabOutput => ("Output", "输出"),
        TabSql => ("SQL", "SQL"),
        TabTables => ("Tables", "数据表"),
        TabSession => ("Session", "会话"),
        Panels => ("Results", "结果"),
        Splitter => ("Resize editor and panels", "调整编辑器与面板的宽度"),
        Timeline => ("Timeline", "时间线"),
        StepBack => ("Previous step", "上一步"),
        StepForward => ("Next step", "下一步"),
        StepOf => ("Step {n} of {total}", "第 {n} 步，共 {total} 步"),
        StepFailed => ("raised the error", "抛出了错误"),
        StepTeardown => ("end of the app context", "应用上下文结束"),
        NothingYet => (
            "Press Run to see what your code prints, the SQL it sends, the rows and the session.",
            "点击“运行”，查看代码的输出、发送的 SQL、表中的行和会话状态。",
        ),
        NoOutput => ("Nothing printed so far.", "到这一步为止没有输出。"),
        NoSql => ("No SQL so far.", "到这一步为止没有 SQL。"),
        NoTables => ("No tables so far.", "到这一步为止还没有表。"),
        NoSession => ("The session holds no objects.", "会话中没有对象。"),
        ErrorAtLine => ("line {n}", "第 {n} 行"),
        LastGoodStep => (
            "The panels show the last step that completed.",
            "面板显示最后一个成功完成的步骤。",
        ),
        Warnings => ("Warnings", "警告"),
        StatementsOfLine => ("Statements caused by line {n}", "第 {n} 行产生的语句"),
        ShowAll => ("Show all", "显示全部"),
        Rows => ("{n} rows", "{n} 行"),
        OneRow => ("1 row", "1 行"),
        RowsReturned => ("{n} returned", "返回 {n} 行"),
        RowsChanged => ("{n} changed", "影响 {n} 行"),
        Transaction => ("transaction", "事务"),
        Committed => ("committed", "已提交"),
        RolledBack => ("rolled back", "已回滚"),
        StillOpen => ("still open", "未结束"),
        Teardown => ("teardown", "收尾"),
        Line => ("line {n}", "第 {n} 行"),
        Inserted => ("inserted", "新插入"),
        Updated => ("updated", "已更新"),
        Deleted => ("deleted", "已删除"),
        Truncated => ("first {n} rows shown", "仅显示前 {n} 行"),
        Changed => ("changed", "已修改"),
        Expired => ("expired", "已过期"),
        Present => ("Present", "演示模式"),
        WhatItMeans => ("What this means", "这是什么意思"),
        ShareCopied => ("Link copied to the clipboard.", "链接已复制到剪贴板。"),
        ShareInAddressBar => ("The link is in the address bar.", "链接已放在地址栏中。"),
        ShareBroken => (
            "The shared link could not be read, so the editor keeps your last script.",
            "无法读取分享链接，编辑器保留了你上次的代码。",
        ),
        ShareTooBig => (
            "The shared link is too large to open.",
            "分享链接过大，无法打开。",
        ),
        ShareLink => ("Share link", "分享链接"),
        InTransaction => ("in a transaction", "事务进行中"),
        StatusTransient => ("transient", "瞬态"),
        StatusPending => ("pending", "待定"),
        StatusPersistent => ("persistent", "持久"),
        StatusDeleted => ("deleted", "已删除"),
        StatusDetached => ("detached", "游离"),
        OriginDdl => ("DDL", "DDL"),
        OriginFlush => ("flush", "flush"),
        OriginQuery => ("query", "查询"),
        OriginRefresh => ("refresh", "刷新"),
        OriginLazyLoad => ("lazy load", "延迟加载"),
        OriginEagerLoad => ("eager load", "预加载"),
        OriginSession => ("session", "会话"),
        OriginBulk => ("bulk", "批量"),
        OriginInspect => ("inspect", "检查"),
        OriginOther => ("other", "其他"),
        OriginTerminal => ("terminal", "终端"),
        TabSchema => ("Schema", "结构"),
        NoSchema => (
            "No tables in the database yet: db.create_all() creates them.",
            "数据库里还没有表：db.create_all() 会创建它们。",
        ),
        SchemaDiagram => ("Tables and their foreign keys", "表和它们的外键"),
        SchemaDdl => ("The statements that created them", "创建它们的语句"),
        NotCreated => (
            "Declared but not in the database at this step: {names}. Call db.create_all() to create them.",
            "已定义但这一步时数据库里还没有：{names}。调用 db.create_all() 来创建。",
        ),
        SelfReference => ("refers to itself", "引用自身"),
        DiagramUnavailable => (
            "The diagram could not be drawn; the statements below still describe every table.",
            "无法绘制关系图；下面的语句仍然描述了每个表。",
        ),
        TabMigrations => ("Migrations", "迁移"),
        MigTerminal => ("Terminal", "终端"),
        MigInputLabel => (
            "Type a flask db command (Tab completes, ↑/↓ history)",
            "输入 flask db 命令（Tab 补全，↑/↓ 历史记录）",
        ),
        MigNothingYet => (
            "Type flask db init, then flask db migrate -m \"message\" and flask db upgrade. The editor's script is app.py.",
            "先输入 flask db init，再输入 flask db migrate -m \"说明\" 和 flask db upgrade。编辑器中的代码就是 app.py。",
        ),
        MigRunning => ("Running…", "运行中…"),
        MigExit => ("exit status {n}", "退出状态 {n}"),
        MigRevisions => ("Revisions", "迁移版本"),
        MigNoRevisions => ("No revisions yet.", "还没有迁移版本。"),
        MigBase => ("base (empty database)", "base（空数据库）"),
        MigHead => ("head", "最新"),
        MigCurrent => ("database is here", "数据库所在版本"),
        MigFiles => ("Project files", "项目文件"),
        MigFromEditor => ("the editor's script", "编辑器中的代码"),
        MigEditHint => (
            "Edits are saved as you type; the next upgrade runs the edited script.",
            "修改会随输入保存；下一次 upgrade 会运行修改后的脚本。",
        ),
        MigBinary => ("SQLite database, {n} bytes", "SQLite 数据库，{n} 字节"),
        MigSchema => ("Schema after {command}", "{command} 之后的表结构"),
        MigNoChanges => ("The schema did not change.", "表结构没有变化。"),
        MigTableAdded => ("table created", "新建表"),
        MigTableDropped => ("table dropped", "删除表"),
        MigTableChanged => ("table altered", "修改表"),
        MigColumnAdded => ("added", "新增列"),
        MigColumnDropped => ("dropped", "删除列"),
        MigColumnChanged => ("changed", "修改列"),
        MigOpenSql => ("SQL it ran ({n})", "执行的 SQL（{n} 条）"),
        MigOpenTables => ("Rows afterwards", "之后的数据行"),
        MigOpenSchema => ("Schema diagram", "表结构图"),
        ProjectShown => (
            "Showing the project database after the terminal's commands (one step per command).",
            "正在显示终端命令执行后的项目数据库（每条命令一步）。",
        ),
        BackToRun => ("Back to the run", "回到运行结果"),
        MigReset => ("Reset project", "重置项目"),
        MigNewFile => ("New file", "新建文件"),
        MigNewLabel => (
            "Name of a new file in the project, e.g. seed.py",
            "项目中新文件的名字，例如 seed.py",
        ),
        MigNewEmpty => ("Type a file name first.", "请先输入文件名。"),
        MigNewOutside => (
            "Use a path inside the project, like seed.py or scripts/load.py.",
            "请使用项目内的路径，例如 seed.py 或 scripts/load.py。",
        ),
        MigNewAppPy => (
            "app.py is the editor's script; edit it there.",
            "app.py 就是编辑器中的代码，请在编辑器里修改。",
        ),
        MigNewExists => (
            "The project already has that.",
            "项目中已经有同名的文件或文件夹。",
        ),
        MigResetHint => (
            "Deletes migrations/ and the database, and starts again before flask db init.",
            "删除 migrations/ 和数据库，回到 flask db init 之前。",
        ),
        MistakeCreateAll => (
            "db.create_all() only creates tables that do not exist; it never alters an existing table. The tables it made leave autogenerate nothing to do, and a column added to a model is missing from the table. Remove create_all() and let migrations build the schema.",
            "db.create_all() 只会创建不存在的表，从不修改已有的表。它建好的表让自动生成无事可做，模型中新增的列也不会出现在表里。请去掉 create_all()，让迁移来建立表结构。",
        ),
        MistakeNotNull => (
            "A NOT NULL column ({column}) cannot be added to a table that has rows without a value for them. Give the column a server_default (server_default='0'), or add it as nullable, fill it, then make it NOT NULL.",
            "无法向已有数据的表添加 NOT NULL 列（{column}），因为已有的行没有值。请给该列加上 server_default（例如 server_default='0'），或先以可空方式添加、填好数据，再改为 NOT NULL。",
        ),
        MistakeRename => (
            "Autogenerate cannot see renames: {table}.{removed} → {added} became a dropped column plus an added one, and the data in {removed} would be lost. Edit the script to use batch_op.alter_column('{removed}', new_column_name='{added}') instead.",
            "自动生成无法识别重命名：{table}.{removed} → {added} 被当成删除一列再新增一列，{removed} 中的数据会丢失。请修改脚本，改用 batch_op.alter_column('{removed}', new_column_name='{added}')。",
        ),
        MistakeNotUpToDate => (
            "The database is behind the newest revision, so a new migration cannot be generated against it. Run flask db upgrade first.",
            "数据库落后于最新的迁移版本，因此无法基于它生成新的迁移。请先运行 flask db upgrade。",
        ),
        MistakeUnnamed => (
            "In batch mode on SQLite, constraints need names, but this one has none (None in the script). Name it in the script, or give db a MetaData(naming_convention=...) and generate the migration again.",
            "在 SQLite 的批处理模式下，约束必须有名字，而这个约束没有（脚本中是 None）。请在脚本里为它命名，或给 db 设置 MetaData(naming_convention=...) 后重新生成迁移。",
        ),
        MistakeNoMigrate => (
            "The app has no Migrate(app, db), so Flask has no db command. Add from flask_migrate import Migrate and migrate = Migrate(app, db).",
            "应用中没有 Migrate(app, db)，所以 Flask 没有 db 命令。请加上 from flask_migrate import Migrate 和 migrate = Migrate(app, db)。",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_stored_choice_then_the_browser_language() {
        assert_eq!(Lang::detect(None, Some("zh-CN")), Lang::Zh);
        assert_eq!(Lang::detect(None, Some("zh-Hant-TW")), Lang::Zh);
        assert_eq!(Lang::detect(None, Some("fr-FR")), Lang::En);
        assert_eq!(Lang::detect(Some("en"), Some("zh-CN")), Lang::En);
        assert_eq!(Lang::detect(Some("garbage"), None), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
    }

    #[test]
    fn explains_common_errors_in_both_languages() {
        for class in ["IntegrityError", "NoResultFound", "DetachedInstanceError"] {
            assert!(explain(Lang::En, class).is_some_and(|t| t.is_ascii()));
            assert!(explain(Lang::Zh, class).is_some_and(|t| !t.is_ascii()));
        }
        assert_eq!(explain(Lang::En, "ValueError"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill(Lang::En, Key::StepOf, &[("n", "2"), ("total", "5")]),
            "Step 2 of 5"
        );
        assert_eq!(
            fill(Lang::Zh, Key::StepOf, &[("n", "2"), ("total", "5")]),
            "第 2 步，共 5 步"
        );
    }
}
