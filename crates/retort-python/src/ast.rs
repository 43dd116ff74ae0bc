//! The interpreter's own syntax tree: a parser-independent representation of
//! the Python subset Retort runs, with 1-based source locations on every node.

use std::rc::Rc;

use crate::scope::ScopeInfo;

/// A source span: 1-based lines and 1-based columns (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

#[derive(Debug)]
pub struct Stmt {
    pub loc: Loc,
    pub kind: StmtKind,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    AnnAssign {
        target: Expr,
        annotation: Expr,
        /// The annotation's source text, stored instead of its value under
        /// `from __future__ import annotations`.
        annotation_source: Rc<str>,
        value: Option<Expr>,
        simple: bool,
    },
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    Return(Option<Expr>),
    FunctionDef(Rc<FunctionDef>),
    ClassDef(Rc<ClassDef>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Delete(Vec<Expr>),
    Import(Vec<ImportName>),
    ImportFrom {
        module: String,
        names: Vec<ImportName>,
    },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
}

#[derive(Debug)]
pub struct ImportName {
    pub name: String,
    pub asname: Option<String>,
}

#[derive(Debug)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Debug)]
pub struct Handler {
    pub loc: Loc,
    pub kind: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub struct Param {
    pub name: Rc<str>,
    pub default: Option<Expr>,
}

#[derive(Debug, Default)]
pub struct Params {
    /// Positional-only parameters followed by ordinary ones.
    pub positional: Vec<Param>,
    pub posonly_count: usize,
    pub vararg: Option<Rc<str>>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Rc<str>>,
}

#[derive(Debug)]
pub struct FunctionDef {
    pub name: Rc<str>,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub scope: ScopeInfo,
    pub loc: Loc,
    /// Set for lambdas, whose body is a single `return` statement.
    pub is_lambda: bool,
}

#[derive(Debug)]
pub struct ClassDef {
    pub name: Rc<str>,
    pub bases: Vec<Expr>,
    pub keywords: Vec<(String, Expr)>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

#[derive(Debug)]
pub struct Expr {
    pub loc: Loc,
    pub kind: ExprKind,
}

#[derive(Debug, Clone)]
pub enum Literal {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Ellipsis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

impl BinOp {
    /// The operator's source symbol, as used in CPython's error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::MatMul => "@",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Debug)]
pub enum Arg {
    Positional(Expr),
    Starred(Expr),
    Keyword(Rc<str>, Expr),
    DoubleStarred(Expr),
}

#[derive(Debug)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Debug)]
pub enum FStringPart {
    Literal(String),
    Field {
        expr: Expr,
        conversion: Option<char>,
        spec: Option<Vec<FStringPart>>,
        /// The `expr=` text for self-documenting fields.
        debug_text: Option<String>,
    },
}

#[derive(Debug)]
pub enum ExprKind {
    Literal(Literal),
    Name(Rc<str>),
    Attribute {
        value: Box<Expr>,
        attr: Rc<str>,
    },
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    /// A left-associative chain `first op1 e1 op2 e2 ...`, kept flat so that
    /// long sums need neither deep recursion nor a deep tree.
    BinChain {
        first: Box<Expr>,
        rest: Vec<(BinOp, Loc, Expr)>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    BoolOp {
        is_and: bool,
        values: Vec<Expr>,
    },
    Compare {
        left: Box<Expr>,
        rest: Vec<(CmpOp, Expr)>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda(Rc<FunctionDef>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// Dictionary display; a `None` key marks a `**mapping` entry.
    Dict(Vec<(Option<Expr>, Expr)>),
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Starred(Box<Expr>),
    FString(Vec<FStringPart>),
    Named {
        target: Rc<str>,
        value: Box<Expr>,
    },
}
