## Układ strony
skip-to-content = Przejdź do treści
nav-label = Menu główne
nav-home = Moje zgłoszenia
nav-staff = Panel biura
nav-account = Moje konto
nav-logout = Wyloguj
nav-login = Zaloguj się
nav-register = Załóż konto
language-switch-label = Zmień język
footer-text = Portal rekrutacyjny.
footer-contact = Portal rekrutacyjny. Masz pytanie? Napisz do biura rekrutacji:
footer-demo = Tryb demonstracyjny: e-maile nie są wysyłane, pojawiają się tutaj.

## Komunikaty
flash-logged-out = Wylogowano.
flash-logged-in = Zalogowano.
flash-email-verified = Adres e-mail został potwierdzony.
flash-password-changed = Hasło zostało zmienione. Inne urządzenia zostały wylogowane.
flash-password-set = Nowe hasło zostało zapisane. Zaloguj się nim.
flash-language-changed = Język został zmieniony.
flash-verification-sent = Wysłaliśmy nowy link potwierdzający.
