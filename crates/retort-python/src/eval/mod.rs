//! The tree-walking evaluator, split by concern: name resolution, statements,
//! expressions, calls, classes, attributes, operators, iteration and exceptions.

pub mod assign;
pub mod attr;
pub mod call;
pub mod class;
pub mod compare;
pub mod comprehension;
pub mod context;
pub mod exceptions;
pub mod expr;
pub mod hashing;
pub mod import;
pub mod iter;
pub mod ops;
pub mod scope;
pub mod stmt;
pub mod subscript;
