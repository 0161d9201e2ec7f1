//! A form with one file (a bank statement, a spreadsheet of scores) sent as multipart: the CSRF
//! token is checked before the file is taken, and a file over its limit is refused while it is
//! still arriving.

use actix_multipart::Multipart;
use actix_web::HttpRequest;
use futures_util::StreamExt;

use super::AppError;

/// Reads the form: the CSRF token first, then the file in the field `field`, at most `max`
/// bytes. None when no file (or an empty one) was sent; (its name, its bytes) otherwise.
pub async fn receive_file(
    req: &HttpRequest,
    payload: &mut Multipart,
    field: &str,
    max: usize,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let mut csrf_checked = false;
    let mut file = None;
    while let Some(part) = payload.next().await {
        let mut part = part.map_err(|_| AppError::BadRequest)?;
        let name = part.name().map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| AppError::BadRequest)?;
            if bytes.len() + chunk.len() > max {
                return Err(AppError::PayloadTooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_deref() {
            Some(super::csrf::CSRF_FIELD) if !csrf_checked => {
                let token = String::from_utf8(bytes).map_err(|_| AppError::Csrf)?;
                if !super::csrf::token_matches(req, Some(&token)) {
                    return Err(AppError::Csrf);
                }
                csrf_checked = true;
            }
            Some(name) if csrf_checked && name == field => {
                let file_name = part
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or("")
                    .to_owned();
                file = Some((file_name, bytes));
            }
            _ if !csrf_checked => return Err(AppError::Csrf),
            _ => {}
        }
    }
    Ok(file.filter(|(_, bytes)| !bytes.is_empty()))
}
