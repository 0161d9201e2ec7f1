//! HTTP handlers, split by audience first (`public`, `accounts`, `candidate`, `staff`), then one
//! module per page family. Each handler extracts, parses into domain types, calls one service
//! and renders or redirects. Templates mirror this tree in `templates/`; view-model builders
//! that several pages share live in `views`.

pub mod accounts;
pub mod candidate;
pub mod public;
pub mod staff;
pub mod views;

use actix_web::web;

/// What is served without a session: health, metrics and static files.
pub fn configure_sessionless(cfg: &mut web::ServiceConfig) {
    public::configure_sessionless(cfg);
}

/// Every page, behind the session layers.
pub fn configure(cfg: &mut web::ServiceConfig, demo: bool) {
    public::configure(cfg, demo);
    accounts::configure(cfg);
    candidate::configure(cfg);
    cfg.service(
        web::scope("/staff")
            .wrap(actix_web::middleware::from_fn(
                crate::web::session::require_staff,
            ))
            .configure(staff::configure),
    );
}
