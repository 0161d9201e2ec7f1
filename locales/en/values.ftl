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
error-password-guessable = This password is too easy to guess: it is a common password, or a word with a few digits, a row of the keyboard or a repeat. A phrase of four or five unrelated words is strong and easy to remember, e.g. "lamp river quietly orange".
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

## Answers checked at the boundary
value-missing = Fill in this field.
value-too-long = Use at most { $max } characters.
value-forbidden-characters = Remove invisible or special control characters from this field. They often appear when text is copied and pasted.
value-pesel-format = A PESEL number has exactly 11 digits. Enter digits only, without spaces.
value-pesel-checksum = This PESEL number is not valid: check the digits.
value-pesel-date = This PESEL number is not valid: its first six digits do not form a real date of birth. Check the digits.
value-pesel-birth-date-mismatch = Your PESEL number does not match the date of birth you entered. Check both.
value-phone-characters = Enter the phone number using only digits, spaces, dashes and a + at the start.
value-phone-country-code = Start the phone number with + and the country code, for example +48 for Poland.
value-phone-country-code-unknown = The digits after + are not a country code. Check the start of the number, for example +48 for Poland.
value-phone-too-short = This number is too short: after the country code +{ $code } a number has at least { $min } digits. Check that no digit is missing.
value-phone-too-long = This number is too long: after the country code +{ $code } a number has at most { $max } digits. Check that no digit is doubled.
value-phone-not-in-plan = No phone number with the country code +{ $code } looks like this. Check the digits and the country code.
value-phone-not-in-country = Without a country code we read this as a number from the country with code +{ $code }, and there it does not exist. Start a number from another country with + and its country code, for example +48 for Poland.
value-date-format = Enter the date as DD.MM.YYYY, for example 17.05.2005.
value-date-invalid = This date does not exist. Check the day and the month.
value-date-out-of-range = Enter a year between 1900 and 2100.
value-birth-date-in-future = Your date of birth cannot be in the future.
value-birth-date-too-young = You must be at least 14 years old to apply. Check your date of birth.
value-birth-date-too-old = Check your date of birth: it gives an age of over 100 years.
value-email-format = Enter an email address in the correct format, like name@example.com.
value-postal-code-format = This postal code does not match the format used in the selected country. Check the code and the country.
value-number-format = Enter a number, for example 4.5.
value-below-min = Enter a number of at least { $min }.
value-above-max = Enter a number no greater than { $max }.
value-percentage-format = Enter the result as a whole number of percent, for example 85.
value-percentage-out-of-range = Enter a percentage from 0 to 100.
value-not-an-option = Choose one of the options shown.
