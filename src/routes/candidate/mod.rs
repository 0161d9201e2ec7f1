//! The candidate's own pages under `/applications` and `/profile`: applications, their guided
//! steps, documents and submission. Every application is fetched by (id, owner).

pub mod applications;
pub mod documents;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/applications").route(web::post().to(applications::start)))
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
        );
}
