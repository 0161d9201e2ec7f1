## Errors
error-summary-title = There is a problem
error-go-home = Go to the home page
error-status = Status
error-request-id = Request ID (quote it if you contact us)
error-400-title = The request could not be understood
error-400-body = Something in the request was not valid. Go back, check the form and try again.
error-403-title = You do not have access to this page
error-403-body = This page is for a different kind of account. If you think you should see it, contact the admissions office.
error-404-title = Page not found
error-404-body = The address may be mistyped, or the page has moved.
error-413-title = What you sent is too large
error-413-body = Shorten the text or choose a smaller file, then try again.
error-500-title = Sorry, something went wrong on our side
error-500-body = Nothing you entered before this step was lost. Try again in a moment; if it keeps happening, contact us and quote the request ID.
error-csrf-title = This form has expired
error-csrf-body = For your security, the form could not be accepted: it was open too long or was sent from another site. Go back, reload the page and send it again.
