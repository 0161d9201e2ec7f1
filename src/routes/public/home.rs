//! The front page: a welcome for visitors, the candidate's own home once signed in.

use crate::web::flash::redirect_with;
use crate::web::page::render;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "home/welcome.html")]
struct WelcomePage {
    page: Page,
}

pub async fn home(
    page: Page,
    state: web::Data<AppState>,
    filter: web::Query<crate::routes::candidate::applications::ProgrammeFilter>,
) -> Result<HttpResponse, AppError> {
    let Some(user) = page.user.clone() else {
        return render(&WelcomePage { page });
    };
    if user.role.is_staff() {
        return Ok(redirect_with("/staff", None));
    }
    crate::routes::candidate::applications::home(page, &state, user, filter.into_inner()).await
}
