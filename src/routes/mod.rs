//! HTTP handlers, one module per area. Each handler extracts, parses into domain types, calls
//! one service and renders or redirects. Templates live beside them in `templates/`.

pub mod accounts;
pub mod applications;
pub mod assets;
pub mod cycle_editor;
pub mod cycle_structure;
pub mod dev;
pub mod documents;
pub mod health;
pub mod home;
pub mod journey;
pub mod language;
pub mod preview;
pub mod staff;
pub mod verification;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig, demo: bool) {
    cfg.service(web::resource("/").route(web::get().to(home::home)))
        .service(web::resource("/healthz").route(web::get().to(health::healthz)))
        .service(web::resource("/metrics").route(web::get().to(health::metrics)))
        .service(web::resource("/static/{file}").route(web::get().to(assets::asset)))
        .service(
            web::resource("/register")
                .route(web::get().to(accounts::register_form))
                .route(web::post().to(accounts::register)),
        )
        .service(web::resource("/verify-email").route(web::get().to(accounts::verify_email)))
        .service(
            web::resource("/verify-email/resend")
                .route(web::post().to(accounts::resend_verification)),
        )
        .service(
            web::resource("/login")
                .route(web::get().to(accounts::login_form))
                .route(web::post().to(accounts::login)),
        )
        .service(web::resource("/logout").route(web::post().to(accounts::logout)))
        .service(
            web::resource("/password/forgot")
                .route(web::get().to(accounts::forgot_form))
                .route(web::post().to(accounts::forgot)),
        )
        .service(
            web::resource("/password/reset")
                .route(web::get().to(accounts::reset_form))
                .route(web::post().to(accounts::reset)),
        )
        .service(web::resource("/applications").route(web::post().to(applications::start)))
        .service(web::resource("/applications/{id}").route(web::get().to(applications::show)))
        .service(
            web::resource("/applications/{id}/steps/{key}")
                .route(web::get().to(applications::step_form))
                .route(web::post().to(applications::step_save)),
        )
        .service(
            web::resource("/applications/{id}/documents/{requirement}")
                .route(web::get().to(documents::download))
                .route(web::post().to(documents::upload)),
        )
        .service(
            web::resource("/applications/{id}/documents/{requirement}/remove")
                .route(web::post().to(documents::remove)),
        )
        .service(
            web::resource("/applications/{id}/submit").route(web::post().to(applications::submit)),
        )
        .service(
            web::resource("/applications/{id}/receipt").route(web::get().to(applications::receipt)),
        )
        .service(
            web::resource("/applications/{id}/summary.pdf")
                .route(web::get().to(applications::summary_pdf)),
        )
        .service(
            web::resource("/applications/{id}/withdraw")
                .route(web::get().to(applications::withdraw_form))
                .route(web::post().to(applications::withdraw)),
        )
        .service(
            web::resource("/profile/{key}")
                .route(web::get().to(applications::profile_step_form))
                .route(web::post().to(applications::profile_step_save)),
        )
        .service(web::resource("/account").route(web::get().to(accounts::account)))
        .service(
            web::resource("/account/password")
                .route(web::get().to(accounts::change_password_form))
                .route(web::post().to(accounts::change_password)),
        )
        .service(web::resource("/language").route(web::post().to(language::switch)))
        .service(
            web::scope("/staff")
                .wrap(actix_web::middleware::from_fn(
                    crate::web::session::require_staff,
                ))
                .service(web::resource("").route(web::get().to(staff::home)))
                .service(web::resource("/preview").route(web::get().to(preview::preview)))
                .service(web::resource("/applications").route(web::get().to(staff::applications)))
                .service(web::resource("/documents").route(web::get().to(verification::queue)))
                .service(web::resource("/documents/{id}").route(web::get().to(verification::show)))
                .service(
                    web::resource("/documents/{id}/file").route(web::get().to(verification::file)),
                )
                .service(
                    web::resource("/documents/{id}/preview")
                        .route(web::get().to(verification::preview)),
                )
                .service(
                    web::resource("/documents/{id}/accept")
                        .route(web::post().to(verification::accept)),
                )
                .service(
                    web::resource("/documents/{id}/reject")
                        .route(web::post().to(verification::reject)),
                )
                .service(
                    web::resource("/documents/{id}/original")
                        .route(web::post().to(verification::original)),
                )
                .service(
                    web::resource("/applications/{id}").route(web::get().to(staff::application)),
                )
                .service(web::resource("/cycle").route(web::get().to(cycle_editor::overview)))
                .service(
                    web::resource("/cycle/programs/{code}")
                        .route(web::get().to(cycle_editor::program_form))
                        .route(web::post().to(cycle_editor::program_save)),
                )
                .service(
                    web::resource("/cycle/programs/{code}/copy")
                        .route(web::get().to(cycle_editor::copy_form))
                        .route(web::post().to(cycle_editor::copy_save)),
                )
                .service(
                    web::resource("/cycle/programs/{code}/remove")
                        .route(web::post().to(cycle_editor::program_remove)),
                )
                .service(
                    web::resource("/cycle/documents/{owner}/{key}")
                        .route(web::get().to(cycle_editor::document_form))
                        .route(web::post().to(cycle_editor::document_save)),
                )
                .service(
                    web::resource("/cycle/steps/{owner}/new")
                        .route(web::get().to(cycle_structure::new_step_form))
                        .route(web::post().to(cycle_structure::new_step_save)),
                )
                .service(
                    web::resource("/cycle/steps/{owner}/{key}")
                        .route(web::get().to(cycle_editor::step_form))
                        .route(web::post().to(cycle_editor::step_save)),
                )
                .service(
                    web::resource("/cycle/fields/{owner}/{key}")
                        .route(web::get().to(cycle_editor::field_form))
                        .route(web::post().to(cycle_editor::field_save)),
                )
                .service(
                    web::resource("/cycle/steps/{owner}/{key}/move")
                        .route(web::post().to(cycle_structure::step_move)),
                )
                .service(
                    web::resource("/cycle/steps/{owner}/{key}/remove")
                        .route(web::post().to(cycle_structure::step_remove)),
                )
                .service(
                    web::resource("/cycle/steps/{owner}/{key}/fields/new")
                        .route(web::get().to(cycle_structure::new_field_form))
                        .route(web::post().to(cycle_structure::new_field_save)),
                )
                .service(
                    web::resource("/cycle/steps/{owner}/{key}/documents/new")
                        .route(web::get().to(cycle_structure::new_document_form))
                        .route(web::post().to(cycle_structure::new_document_save)),
                )
                .service(
                    web::resource("/cycle/fields/{owner}/{key}/move")
                        .route(web::post().to(cycle_structure::field_move)),
                )
                .service(
                    web::resource("/cycle/fields/{owner}/{key}/remove")
                        .route(web::post().to(cycle_structure::field_remove)),
                )
                .service(
                    web::resource("/cycle/documents/{owner}/{key}/remove")
                        .route(web::post().to(cycle_structure::document_remove)),
                )
                .service(
                    web::resource("/cycle/workflows/{code}")
                        .route(web::get().to(cycle_structure::workflow_form))
                        .route(web::post().to(cycle_structure::workflow_save)),
                )
                .service(
                    web::resource("/cycle/changes").route(web::get().to(cycle_editor::changes)),
                )
                .service(
                    web::resource("/cycle/publish").route(web::post().to(cycle_editor::publish)),
                )
                .service(
                    web::resource("/cycle/discard").route(web::post().to(cycle_editor::discard)),
                ),
        );
    if demo {
        cfg.service(web::resource("/dev/mailbox").route(web::get().to(dev::mailbox)))
            .service(web::resource("/dev/mailbox/{id}").route(web::get().to(dev::message)));
    }
}
