//! One-shot notices shown on the page after a redirect ("Your password was changed"). A
//! handler attaches one to its redirect; [`carry`] keeps it in the session until a page has
//! shown it. The session holds only a name from this list, so nothing a visitor sends reaches
//! the page.

use super::session::FLASH;
use actix_session::SessionExt;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    LoggedOut,
    LoggedIn,
    EmailVerified,
    PasswordChanged,
    PasswordSet,
    LanguageChanged,
    VerificationSent,
    DraftSaved,
    DraftDiscarded,
    CyclePublished,
    ApplicationStarted,
    RegistrationClosed,
    ApplicationLimit,
    NotEditable,
    StepSaved,
    Submitted,
    Withdrawn,
    DocumentUploaded,
    DocumentRemoved,
    DocumentAccepted,
    DocumentRejected,
    AlreadyReviewed,
    OriginalRecorded,
    PaymentReceived,
    PaymentProcessing,
    PaymentUnavailable,
    PaymentFailed,
    /// The gateway could not be reached: pay by transfer, or later.
    PaymentGatewayDown,
    RefundCompleted,
    RefundRequested,
    RefundToSend,
    RefundRefused,
    RefundGatewayDown,
    RefundSent,
    ExamBooked,
    ExamMoved,
    ExamCancelled,
    ExamWaiting,
    ExamLeftWaiting,
    SessionCancelled,
    BookingMovedByOffice,
    /// A session's attendance and scores were saved.
    SheetSaved,
    ScoresImported,
}

impl Flash {
    pub const ALL: [Flash; 43] = [
        Flash::LoggedOut,
        Flash::LoggedIn,
        Flash::EmailVerified,
        Flash::PasswordChanged,
        Flash::PasswordSet,
        Flash::LanguageChanged,
        Flash::VerificationSent,
        Flash::DraftSaved,
        Flash::DraftDiscarded,
        Flash::CyclePublished,
        Flash::ApplicationStarted,
        Flash::RegistrationClosed,
        Flash::ApplicationLimit,
        Flash::NotEditable,
        Flash::StepSaved,
        Flash::Submitted,
        Flash::Withdrawn,
        Flash::DocumentUploaded,
        Flash::DocumentRemoved,
        Flash::DocumentAccepted,
        Flash::DocumentRejected,
        Flash::AlreadyReviewed,
        Flash::OriginalRecorded,
        Flash::PaymentReceived,
        Flash::PaymentProcessing,
        Flash::PaymentUnavailable,
        Flash::PaymentFailed,
        Flash::PaymentGatewayDown,
        Flash::RefundCompleted,
        Flash::RefundRequested,
        Flash::RefundToSend,
        Flash::RefundRefused,
        Flash::RefundGatewayDown,
        Flash::RefundSent,
        Flash::ExamBooked,
        Flash::ExamMoved,
        Flash::ExamCancelled,
        Flash::ExamWaiting,
        Flash::ExamLeftWaiting,
        Flash::SessionCancelled,
        Flash::BookingMovedByOffice,
        Flash::SheetSaved,
        Flash::ScoresImported,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Flash::LoggedOut => "logged-out",
            Flash::LoggedIn => "logged-in",
            Flash::EmailVerified => "email-verified",
            Flash::PasswordChanged => "password-changed",
            Flash::PasswordSet => "password-set",
            Flash::LanguageChanged => "language-changed",
            Flash::VerificationSent => "verification-sent",
            Flash::DraftSaved => "draft-saved",
            Flash::DraftDiscarded => "draft-discarded",
            Flash::CyclePublished => "cycle-published",
            Flash::ApplicationStarted => "application-started",
            Flash::RegistrationClosed => "registration-closed",
            Flash::ApplicationLimit => "application-limit",
            Flash::NotEditable => "not-editable",
            Flash::StepSaved => "step-saved",
            Flash::Submitted => "submitted",
            Flash::Withdrawn => "withdrawn",
            Flash::DocumentUploaded => "document-uploaded",
            Flash::DocumentRemoved => "document-removed",
            Flash::DocumentAccepted => "document-accepted",
            Flash::DocumentRejected => "document-rejected",
            Flash::AlreadyReviewed => "already-reviewed",
            Flash::OriginalRecorded => "original-recorded",
            Flash::PaymentReceived => "payment-received",
            Flash::PaymentProcessing => "payment-processing",
            Flash::PaymentUnavailable => "payment-unavailable",
            Flash::PaymentFailed => "payment-failed",
            Flash::PaymentGatewayDown => "payment-gateway-down",
            Flash::RefundCompleted => "refund-completed",
            Flash::RefundRequested => "refund-requested",
            Flash::RefundToSend => "refund-to-send",
            Flash::RefundRefused => "refund-refused",
            Flash::RefundGatewayDown => "refund-gateway-down",
            Flash::RefundSent => "refund-sent",
            Flash::ExamBooked => "exam-booked",
            Flash::ExamMoved => "exam-moved",
            Flash::ExamCancelled => "exam-cancelled",
            Flash::ExamWaiting => "exam-waiting",
            Flash::ExamLeftWaiting => "exam-left-waiting",
            Flash::SessionCancelled => "session-cancelled",
            Flash::BookingMovedByOffice => "booking-moved",
            Flash::SheetSaved => "sheet-saved",
            Flash::ScoresImported => "scores-imported",
        }
    }

    pub fn parse(s: &str) -> Option<Flash> {
        Flash::ALL.into_iter().find(|f| f.name() == s)
    }

    /// The Fluent id of the notice's text.
    pub fn message_id(self) -> String {
        format!("flash-{}", self.name())
    }
}

/// A 303 redirect (after a POST) that shows `flash` on the next page.
pub fn redirect_with(location: &str, flash: Option<Flash>) -> HttpResponse {
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish();
    if let Some(flash) = flash {
        response.extensions_mut().insert(flash);
    }
    response
}

/// The notice this request's page shows (put in the request by [`carry`]).
#[derive(Debug, Clone, Copy)]
pub struct Pending(pub Flash);

/// Moves the notice a response attaches into the session, and takes it out once a page (not a
/// redirect) has shown it.
pub async fn carry(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let session = req.get_session();
    let pending = session
        .get::<String>(FLASH)
        .ok()
        .flatten()
        .and_then(|name| Flash::parse(&name));
    if let Some(flash) = pending {
        req.extensions_mut().insert(Pending(flash));
    }
    let res = next.call(req).await?.map_into_boxed_body();
    let attached = res.response().extensions().get::<Flash>().copied();
    let shown = res.status().is_success() || res.status().is_client_error();
    match attached {
        Some(flash) => session
            .insert(FLASH, flash.name())
            .map_err(actix_web::error::ErrorInternalServerError)?,
        None if pending.is_some() && shown => {
            session.remove(FLASH);
        }
        None => {}
    }
    Ok(res)
}

/// Only same-site paths may be redirect targets (no `//evil.example`, no scheme).
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?;
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control())
        && next.len() <= 512;
    ok.then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/staff")), Some("/staff".to_owned()));
        assert_eq!(safe_next(Some("//evil.example")), None);
        assert_eq!(safe_next(Some("https://evil.example")), None);
        assert_eq!(safe_next(Some("/\\evil.example")), None);
    }
}
