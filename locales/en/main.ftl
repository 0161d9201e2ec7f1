## Layout
skip-to-content = Skip to main content
nav-label = Main menu
nav-home = My applications
nav-staff = Staff home
nav-account = My account
nav-logout = Log out
nav-login = Log in
nav-register = Create an account
language-switch-label = Change language
footer-text = Admissions portal. Questions? Write to the admissions office from your account.
footer-demo = Demo mode: emails are not sent, they appear here.

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

## Field validation
error-field-missing = Enter a value.
error-field-too-long = Use at most { $max } characters.
error-field-too-short = Use at least { $min } characters.
error-field-characters = Remove invisible or control characters from this field.
error-email-missing = Enter your email address.
error-email-malformed = Enter an email address in the correct format, like name@example.com.
error-password-missing = Enter your password.
error-password-too-short = Your password must be at least { $min } characters long.
error-password-same-as-email = Your password must not be your email address.
error-password-mismatch = The passwords do not match. Type the same password twice.
error-privacy-not-accepted = To create an account, confirm that you have read the privacy notice.
error-current-password-wrong = Your current password is not correct.

## Fields
field-email = Email address
field-password = Password
field-new-password = New password
field-password-confirm = Repeat the password
field-current-password = Current password
password-hint = At least 12 characters. A few unrelated words make a strong password that is easy to remember.

## Welcome
welcome-title = Apply to study with us
welcome-intro = One account lets you apply to any number of study programmes, follow each application and receive decisions online.
welcome-step-account = Create your account and confirm your email address.
welcome-step-apply = Choose programmes and fill in the application step by step.
welcome-step-follow = See at every moment what is still missing and what happens next.

## Registration
register-title = Create an account
register-intro = You need one account for all your applications. Use an email address you check often: we send important messages there.
register-email-hint = We will send a link to this address to confirm it.
register-privacy-text = The university processes your personal data to run the admission procedure, as described in its privacy notice (version { $version }).
register-privacy-accept = I have read the privacy notice
register-submit = Create account
register-have-account = Already have an account?
register-done-title = Check your email
register-done-body = We have sent a message to the address you entered. Open the link in it to confirm your address, then log in.
register-done-spam = If nothing arrives within a few minutes, check your spam folder. The link is valid for 48 hours.

## Email verification
verify-done-title = Your email address is confirmed
verify-done-body = Thank you. You can now log in and start your applications.
verify-already-title = Your email address was already confirmed
verify-already-body = There is nothing more to do. Log in to continue.
verify-expired-title = This link has expired
verify-expired-body = Confirmation links are valid for 48 hours. Log in with your email and password and we will send you a new one.
verify-invalid-title = This link is not valid
verify-invalid-body = It may have been used already or copied incompletely. Log in with your email and password and we will send you a new one.

## Login
login-title = Log in
login-submit = Log in
login-forgot = Forgotten your password?
login-no-account = New here?
login-invalid = The email address or password is not correct.
login-throttled = Too many unsuccessful attempts. For your security, wait 15 minutes before trying again, or reset your password.
login-unverified = Your email address is not confirmed yet. We have sent you a new confirmation link; open it, then log in.
login-session-expired = Your session has ended. Log in again to continue; everything you saved is kept.

## Password reset and change
forgot-title = Reset your password
forgot-intro = Enter the email address of your account. We will send you a link to choose a new password.
forgot-submit = Send the link
forgot-done-title = Check your email
forgot-done-body = If an account uses this address, we have sent it a link to reset the password. The link is valid for one hour.
reset-title = Choose a new password
reset-submit = Save the new password
reset-expired-title = This link has expired
reset-expired-body = Links to reset a password are valid for one hour. Ask for a new one.
reset-invalid-title = This link is not valid
reset-invalid-body = It may have been used already or copied incompletely. Ask for a new one.
password-change-title = Change your password
password-change-intro = After the change you stay logged in here, and every other device is logged out.
password-change-submit = Change password

## Account
account-title = My account
account-created = Account created
account-verified = Email address confirmed
account-not-verified = Not yet confirmed
account-privacy = Privacy notice
account-privacy-accepted = Version { $version } accepted
account-language = Language

## Flash notices
flash-logged-out = You have logged out.
flash-logged-in = You are logged in.
flash-email-verified = Your email address is confirmed.
flash-password-changed = Your password has been changed. Other devices have been logged out.
flash-password-set = Your new password is saved. Log in with it.
flash-language-changed = The language has been changed.
flash-verification-sent = We have sent you a new confirmation link.

## Candidate home
candidate-home-title = My applications
candidate-home-signed-in-as = Logged in as { $email }
candidate-home-unverified = Confirm your email address to start applying. Check your inbox for our message.
candidate-home-resend = Send the confirmation link again
candidate-home-applications = Applications
candidate-home-no-applications = You have no applications yet. Programmes open for applications will be listed here.

## Staff
staff-home-title = Admissions office
staff-home-role = Your role: { $role }
staff-home-candidates = candidate accounts
staff-home-applications = applications
staff-home-emails-waiting = emails waiting to be sent
staff-home-jobs-dead = failed background jobs
staff-home-by-status = Applications by status
staff-home-status = Status
staff-home-count = Number

role-candidate = candidate
role-officer = admissions officer
role-program-admin = programme administrator
role-registrar = registrar
role-admin = administrator

status-draft = Draft
status-submitted = Submitted
status-under-review = Under review
status-needs-correction = Needs correction
status-complete = Complete
status-ranked = Ranked
status-admitted = Admitted
status-waitlisted = On the reserve list
status-rejected = Not admitted
status-offer-accepted = Offer accepted
status-offer-declined = Offer declined
status-enrolled = Enrolled
status-expired = Expired
status-withdrawn = Withdrawn

## Development mailbox
mailbox-title = Development mailbox
mailbox-intro = Every email the portal has sent, newest first. In production these go to real inboxes.
mailbox-empty = No emails yet.
mailbox-when = Sent
mailbox-to = To
mailbox-subject = Subject
mailbox-state = Delivery
mailbox-back = Back to the mailbox
mailbox-state-sent = delivered
mailbox-state-failed = failed
mailbox-state-queued = queued

## Emails
email-greeting = Hello,
email-signature = Admissions office, { $institution }
email-verify-subject = Confirm your email address – { $institution }
email-verify-body = Thank you for creating an account in the admissions portal. Confirm your email address to start applying.
email-verify-ignore = If you did not create this account, ignore this message: nothing will happen.
email-verify-action = Confirm my email address
email-exists-subject = About your account – { $institution }
email-exists-body = Someone, perhaps you, tried to create a new account with this email address. You already have an account, so no new one was created.
email-exists-reset = If you have forgotten your password, you can reset it here: { $link }
email-exists-ignore = If it was not you, ignore this message: your account is unchanged.
email-exists-action = Log in
email-reset-subject = Reset your password – { $institution }
email-reset-body = We received a request to reset the password of your account. The link below is valid for one hour and can be used once.
email-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.
email-reset-action = Choose a new password
email-set-password-subject = Your staff account – { $institution }
email-set-password-body = An account in the admissions portal has been created for you with the role: { $role }.
email-set-password-expiry = Choose your password with the link below. It is valid for 72 hours and can be used once.
email-set-password-action = Set my password

## Candidate preview (staff)
nav-preview = Preview as a candidate
preview-title = Preview as a candidate
preview-intro = Choose a programme and describe a candidate to see exactly which steps, fields and documents they would get, why each applies, the fee and the points.
preview-version = Published definition: { $version }
preview-no-cycle = No admission cycle has been published yet. Publish one with “admitto config apply”.
preview-program = Programme
preview-choose = Choose a programme
preview-show = Show what this candidate gets
preview-candidate = The candidate
preview-results = Exam results (per cent)
preview-subject = Subject
preview-basic = Basic level
preview-extended = Extended level
preview-steps = Steps and fields
preview-profile-step = shared by all applications
preview-application-step = this application
preview-required = required
preview-optional = optional
preview-documents = Documents
preview-no-documents = No documents are required of this candidate.
preview-fee = Application fee
preview-fee-waived = waived because { $condition }
preview-points = Points
preview-threshold = Threshold
preview-formula = Formula
preview-always = Applies to everyone.
preview-because = Applies because { $condition }
preview-error = The definition could not be evaluated for this candidate: { $error }

## Cycle editor (programme administrators)
nav-cycle = Edit the cycle
editor-title = Admission cycle definition
editor-intro = Changes go into a draft. Candidates keep seeing the published version until you publish the draft.
editor-published = Published version: { $version }
editor-no-draft = There is no draft: your first saved change starts one.
editor-draft-open = { $files ->
    [one] A draft is open with changes in { $files } file.
   *[other] A draft is open with changes in { $files } files.
}
editor-review = Review the changes
editor-publish = Publish the draft
editor-discard = Discard the draft
editor-programs = Programmes
editor-documents = Document requirements
editor-code = Code
editor-name = Name
editor-capacity = Places
editor-where = Where
editor-requirement = When it is required
editor-required-always = always
editor-required-when = when { $condition }
editor-required-when-label = when a condition holds
editor-required-never = optional
editor-back = Back to the cycle definition
editor-draft-note = Saving changes the draft only; the checks of the whole definition run before anything is saved.
editor-program-title = Programme { $code }
editor-document-title = Document { $key }
editor-name-pl = Name in Polish
editor-name-en = Name in English
editor-fee = Application fee ({ $currency })
editor-fee-hint = For example 85.00
editor-fee-exempt = The fee is waived when
editor-condition-hint = A condition, e.g. candidate.karta_polaka or !candidate.eu. Leave empty for none.
editor-points = Points formula
editor-points-hint = For example max(results.math.extended, results.math.basic * 0.6). Leave empty if candidates are not ranked by points.
editor-points-max = Maximum points
editor-threshold = Minimum points to be ranked
editor-reason-pl = Why it is asked for, in Polish
editor-reason-en = Why it is asked for, in English
editor-reason-hint = Shown to candidates next to the requirement.
editor-condition = Condition
editor-max-size = Largest file (MB)
editor-original = The paper original must be delivered
editor-save = Save in the draft
editor-changes-title = Changes in the draft
editor-no-changes = The draft is the same as the published version.
editor-added = added
editor-removed = removed
editor-error-capacity = Enter the number of places as a whole number from 1 to 100000.
editor-error-amount = Enter an amount like 85.00.
editor-error-number = Enter a number like 40 or 62.5, or leave the field empty.
editor-error-size = Enter a size in MB from 1 to 50.
editor-error-requirement = Choose when the document is required.
editor-error-condition-missing = Enter the condition, or choose another option.
flash-draft-saved = The change is saved in the draft.
flash-draft-discarded = The draft has been discarded.
flash-cycle-published = The draft is published. Candidates now see the new version.
editor-steps = Steps and fields
editor-step-title = Step { $key }
editor-field-title = Field { $key }
editor-field-type = Type: { $kind }
editor-title-pl = Title in Polish
editor-title-en = Title in English
editor-intro-pl = Introduction in Polish
editor-intro-en = Introduction in English
editor-intro-hint = Shown at the top of the step.
editor-visible-when = Shown when
editor-visible-hint = A condition; leave empty to show it to everyone.
editor-label-pl = Label in Polish
editor-label-en = Label in English
editor-hint-pl = Hint in Polish
editor-hint-en = Hint in English
editor-max-length = Longest answer (characters)
editor-error-max-length = Enter a whole number from 1 to 100000, or leave the field empty.
editor-more = Add or remove
editor-copy = Add a new programme based on this one
editor-copy-title = New programme based on { $code }
editor-copy-intro = The new programme starts with every setting of this one; change what differs after saving.
editor-copy-submit = Add the programme to the draft
editor-new-code = Code of the new programme
editor-new-code-hint = Lowercase letters, digits, '-' and '_', e.g. informatyka-s2.
editor-error-code = Use 1 to 40 lowercase letters, digits, '-' or '_'.
editor-error-code-taken = This code is already used by another programme.
editor-remove = Remove { $code } from the draft
editor-remove-hint = Removal takes effect for candidates only when the draft is published; applications already made keep their version.

## Cycle editor: structure, workflows and stage texts
editor-draft-base = { $version ->
   *[other] It was started from version { $version }.
}
editor-draft-outdated = Version { $current } was published after this draft was started (for example with “admitto config apply”). Publishing the draft would undo that version's changes, so it cannot be published: review the changes, discard the draft and make them again.
editor-error-options-missing = Add at least one option, one per line.
editor-error-options-line = Line { $line }: write the value, the Polish label and the English label separated by “|”.
editor-refused-title = The change was not saved
editor-refused-lead = “{ $what }” would leave the definition with problems, so the draft was not changed.
editor-refused-problems = What depends on it
editor-refused-back = Go back
editor-error-key = Use lower-case letters, digits and “_”, starting with a letter (at most 40 characters).
editor-error-kind = Choose a field type from the list.
editor-error-stage-both = Give the text in both languages, or leave both empty.
editor-error-choice = Choose one of the options in the list.
editor-error-language = Give a two-letter language code, e.g. pl or en.
editor-error-currency = Give a three-letter currency code, e.g. PLN or EUR.
field-type-text = Short text
field-type-long-text = Long text
field-type-number = Number
field-type-date = Date
field-type-choice = Choice of one
field-type-multi-choice = Choice of several
field-type-yes-no = Yes / no
field-type-country = Country
field-type-email = Email address
field-type-phone = Phone number
field-type-pesel = PESEL number
field-type-exam-results = Exam results table
level-bachelor = First-cycle (bachelor's)
level-master = Second-cycle (master's)
level-long-cycle = Long-cycle master's
level-doctoral = Doctoral
study-form-full-time = Full-time
study-form-part-time = Part-time
editor-description-pl = Description (Polish)
editor-description-en = Description (English)
editor-level = Level of studies
editor-study-form = Form of studies
editor-language = Language of instruction
editor-language-hint = Two-letter code, e.g. pl or en.
editor-workflow = Workflow
editor-workflow-hint = The steps, fields and documents candidates for this programme go through.
editor-tuition = Yearly tuition
editor-tuition-hint = Leave empty when the programme is free of tuition.
editor-tuition-currency = Tuition currency
editor-options = Options
editor-options-hint = One option per line: value | Polish label | English label. Conditions compare answers with the value.
editor-options-new-hint = Only for the two choice types. One option per line: value | Polish label | English label.
editor-remove-part-hint = Removal is refused if a condition still reads it. It takes effect for candidates only when the draft is published.
editor-remove-field = Remove the field { $key } from the draft
editor-remove-document = Remove the document { $key } from the draft
editor-add-field = Add a field to this step
editor-add-document = Add a document to this step
editor-remove-step-hint = The step's fields and documents are removed with it. Removal is refused if a condition still reads one of its fields.
editor-remove-step = Remove the step { $key } from the draft
editor-new-step-title = New step in { $owner }
editor-key = Key
editor-key-hint = A short name used in conditions, e.g. visa_status. It cannot be changed later.
editor-add = Add to the draft
editor-new-field-title = New field in step { $step }
editor-back-step = Back to the step
editor-kind = Type of answer
editor-new-field-required = Every candidate must answer it (you can set a condition after adding it).
editor-new-document-title = New document in step { $step }
editor-workflow-title = Workflow { $code }
editor-stages = Texts shown at each stage
editor-stages-hint = What a candidate reads on an application of this workflow while it has the status. Leave both empty to show the standard description.
editor-text-pl = Text (Polish)
editor-text-en = Text (English)
editor-workflows = Workflows
editor-profile = Profile (shared by every application)
editor-add-step = add a step
editor-move-up = Move { $what } up
editor-move-down = Move { $what } down
