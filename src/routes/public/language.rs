//! The language switcher: remembers the choice in a cookie and, for a signed-in user, in the
//! account, then returns to the page the switch was made on.

use crate::domain::Locale;
use crate::services::accounts;
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, safe_next};
use crate::web::page::LANG_COOKIE;
use crate::web::{AppError, AppState, Page};
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::{web, HttpResponse};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LanguageForm {
    locale: String,
    return_to: String,
}

pub async fn switch(
    page: Page,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let locale = Locale::parse(&form.locale).ok_or(AppError::BadRequest)?;
    if let Some(user) = page.user {
        state
            .db(move |conn| accounts::set_locale(conn, &user.id.0, locale).map_err(AppError::from))
            .await?;
    }
    let target = safe_next(Some(&form.return_to)).unwrap_or_else(|| "/".to_owned());
    let mut response = redirect_with(&target, None);
    let cookie = Cookie::build(LANG_COOKIE, locale.code())
        .path("/")
        .http_only(true)
        .secure(state.cookie_secure())
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .finish();
    response
        .add_cookie(&cookie)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("setting the language cookie: {e}")))?;
    Ok(response)
}
