## Rejestracja
register-title = Załóż konto
register-intro = Jedno konto wystarczy do wszystkich zgłoszeń. Podaj adres e-mail, który często sprawdzasz: wysyłamy na niego ważne wiadomości.
register-email-hint = Wyślemy na ten adres link, aby go potwierdzić.
register-privacy-text = Uczelnia przetwarza Twoje dane osobowe w celu przeprowadzenia rekrutacji, zgodnie z klauzulą informacyjną (wersja { $version }).
register-privacy-accept = Zapoznałem się / zapoznałam się z klauzulą informacyjną
register-submit = Załóż konto
register-have-account = Masz już konto?
register-done-title = Sprawdź skrzynkę e-mail
register-done-body = Wysłaliśmy wiadomość na podany adres. Otwórz zawarty w niej link, aby potwierdzić adres, a potem się zaloguj.
register-done-spam = Jeśli nic nie przyjdzie w ciągu kilku minut, sprawdź folder spam. Link jest ważny 48 godzin.

## Potwierdzenie adresu
verify-done-title = Adres e-mail został potwierdzony
verify-done-body = Dziękujemy. Możesz się teraz zalogować i rozpocząć zgłoszenia.
verify-already-title = Adres e-mail był już potwierdzony
verify-already-body = Nie musisz nic więcej robić. Zaloguj się, aby kontynuować.
verify-expired-title = Ten link wygasł
verify-expired-body = Linki potwierdzające są ważne 48 godzin. Zaloguj się adresem e-mail i hasłem, a wyślemy nowy.
verify-invalid-title = Ten link jest nieprawidłowy
verify-invalid-body = Mógł już zostać użyty albo został skopiowany niekompletnie. Zaloguj się adresem e-mail i hasłem, a wyślemy nowy.

## Logowanie
login-title = Logowanie
login-submit = Zaloguj się
login-forgot = Nie pamiętasz hasła?
login-no-account = Jesteś tu pierwszy raz?
login-invalid = Adres e-mail lub hasło jest nieprawidłowe.
login-throttled = Zbyt wiele nieudanych prób. Ze względów bezpieczeństwa odczekaj 15 minut przed kolejną próbą albo zresetuj hasło.
mail-requests-throttled = Z Twojej sieci przyszło w ostatnich minutach zbyt wiele rejestracji lub próśb o reset hasła. Odczekaj 15 minut i spróbuj ponownie.
login-unverified = Twój adres e-mail nie jest jeszcze potwierdzony. Wysłaliśmy nowy link potwierdzający; otwórz go, a potem się zaloguj.
login-session-expired = Twoja sesja wygasła. Zaloguj się ponownie, aby kontynuować; wszystko, co zapisano, zostało zachowane.

## Reset i zmiana hasła
forgot-title = Zresetuj hasło
forgot-intro = Podaj adres e-mail swojego konta. Wyślemy link do ustawienia nowego hasła.
forgot-submit = Wyślij link
forgot-done-title = Sprawdź skrzynkę e-mail
forgot-done-body = Jeśli ten adres należy do konta, wysłaliśmy na niego link do zresetowania hasła. Link jest ważny godzinę.
reset-title = Ustaw nowe hasło
reset-submit = Zapisz nowe hasło
reset-expired-title = Ten link wygasł
reset-expired-body = Linki do resetu hasła są ważne godzinę. Poproś o nowy.
reset-invalid-title = Ten link jest nieprawidłowy
reset-invalid-body = Mógł już zostać użyty albo został skopiowany niekompletnie. Poproś o nowy.
password-change-title = Zmień hasło
password-change-intro = Po zmianie pozostaniesz zalogowany tutaj, a wszystkie inne urządzenia zostaną wylogowane.
password-change-submit = Zmień hasło

## Konto
account-title = Moje konto
account-created = Data założenia konta
account-verified = Potwierdzenie adresu e-mail
account-not-verified = Jeszcze niepotwierdzony
account-privacy = Klauzula informacyjna
account-privacy-accepted = Zaakceptowana wersja { $version }
account-language = Język
