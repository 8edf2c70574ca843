//! The RBAC evaluator: decisions and the reasons they carry.

mod evaluator;
