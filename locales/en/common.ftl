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
footer-text = Admissions portal.
footer-contact = Admissions portal. Questions? Write to the admissions office:
footer-demo = Demo mode: emails are not sent, they appear here.

## Flash notices
flash-logged-out = You have logged out.
flash-logged-in = You are logged in.
flash-email-verified = Your email address is confirmed.
flash-password-changed = Your password has been changed. Other devices have been logged out.
flash-password-set = Your new password is saved. Log in with it.
flash-language-changed = The language has been changed.
flash-verification-sent = We have sent you a new confirmation link.
