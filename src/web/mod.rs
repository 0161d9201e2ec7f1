//! HTTP plumbing shared by every route: application state, the session and CSRF layers, the
//! page context templates receive, errors and their pages, and request observation (ids, logs,
//! metrics, security headers). The modules import each other without cycles: `request`,
//! `error` and `state` are leaves the others build on; `mod.rs` only re-exports.

pub mod csrf;
pub mod error;
pub mod error_pages;
pub mod flash;
pub mod form;
pub mod metrics;
pub mod observe;
pub mod page;
pub mod request;
pub mod sandbox;
pub mod session;
pub mod state;
pub mod upload;

pub use error::AppError;
pub use page::Page;
pub use state::{client_ip, AppState, CurrentCycle};
