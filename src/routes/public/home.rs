//! The front page: a welcome with the programme catalogue for visitors, the candidate's own
//! home once signed in.

use crate::domain::catalogue::ProgrammeFilter;
use crate::routes::views::catalogue::Catalogue;
use crate::web::flash::redirect_with;
use crate::web::page::render;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "public/home.html")]
struct WelcomePage {
    page: Page,
    /// What a visitor can apply to, before creating an account.
    catalogue: Option<Catalogue>,
}

pub async fn home(
    page: Page,
    state: web::Data<AppState>,
    filter: web::Query<ProgrammeFilter>,
) -> Result<HttpResponse, AppError> {
    let Some(user) = page.user.clone() else {
        let now = chrono::Utc::now().naive_utc();
        let cycle = state.cycle().await?;
        let catalogue = cycle
            .as_ref()
            .map(|c| Catalogue::build(&page, &c.definition, (filter.into_inner(), now), &[]));
        return render(&WelcomePage { page, catalogue });
    };
    if user.role.is_staff() {
        return Ok(redirect_with("/staff", None));
    }
    crate::routes::candidate::home::home(page, &state, user, filter.into_inner()).await
}
