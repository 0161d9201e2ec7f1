//! Pages anyone may open: the front page, health and metrics, static files, the language
//! switch, where payment providers notify, and, in demo mode only, the development mailbox and
//! the payment sandbox.

pub mod assets;
pub mod dev;
pub mod health;
pub mod home;
pub mod language;
pub mod payments;

use actix_web::web;

pub fn configure_sessionless(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/healthz").route(web::get().to(health::healthz)))
        .service(web::resource("/metrics").route(web::get().to(health::metrics)))
        .service(web::resource("/static/{file}").route(web::get().to(assets::asset)))
        .service(
            web::resource("/payments/notify/{provider}").route(web::post().to(payments::notify)),
        );
}

pub fn configure(cfg: &mut web::ServiceConfig, demo: bool) {
    cfg.service(web::resource("/").route(web::get().to(home::home)))
        .service(web::resource("/language").route(web::post().to(language::switch)));
    if demo {
        cfg.service(web::resource("/dev/mailbox").route(web::get().to(dev::mailbox)))
            .service(web::resource("/dev/mailbox/{id}").route(web::get().to(dev::message)))
            .service(
                web::resource("/dev/pay/{session}")
                    .route(web::get().to(payments::sandbox_page))
                    .route(web::post().to(payments::sandbox_pay)),
            );
    }
}
