//! The front page: a welcome for visitors, the candidate's own home once signed in.

use crate::web::flash::redirect_with;
use crate::web::page::render;
use crate::web::{AppError, Page};
use actix_web::HttpResponse;
use askama::Template;

#[derive(Template)]
#[template(path = "home/welcome.html")]
struct WelcomePage {
    page: Page,
}

#[derive(Template)]
#[template(path = "home/candidate.html")]
struct CandidateHome {
    page: Page,
    email: String,
    verified: bool,
}

pub async fn home(page: Page) -> Result<HttpResponse, AppError> {
    let Some(user) = page.user.clone() else {
        return render(&WelcomePage { page });
    };
    if user.role.is_staff() {
        return Ok(redirect_with("/staff", None));
    }
    render(&CandidateHome {
        page,
        email: user.email,
        verified: user.email_verified,
    })
}
