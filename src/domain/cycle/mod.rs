//! The admission-cycle definition: what `admin-config/` says (cycle, faculties, subjects,
//! profile steps, workflows, programmes), its validation, and the evaluation of its conditions
//! and points formulas for one candidate. Pure: files are read by `config::admin`.

pub mod diff;
pub mod edit;
pub mod evaluate;
pub mod expr;
pub mod model;
pub mod model_countries;
pub mod validate;

pub use model::{Definition, FieldType, Level};
pub use validate::{validate, Problem};
