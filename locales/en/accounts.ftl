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
mail-requests-throttled = Too many registrations or password-reset requests have come from your network in the last few minutes. Wait 15 minutes and try again.
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
