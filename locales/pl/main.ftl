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
footer-text = Portal rekrutacyjny. Masz pytanie? Napisz do biura rekrutacji ze swojego konta.
footer-demo = Tryb demonstracyjny: e-maile nie są wysyłane, pojawiają się tutaj.

## Błędy
error-summary-title = Wystąpił problem
error-go-home = Przejdź na stronę główną
error-status = Kod
error-request-id = Identyfikator żądania (podaj go, jeśli się z nami kontaktujesz)
error-400-title = Nie udało się zrozumieć żądania
error-400-body = Coś w żądaniu było nieprawidłowe. Wróć, sprawdź formularz i spróbuj ponownie.
error-403-title = Nie masz dostępu do tej strony
error-403-body = Ta strona jest przeznaczona dla innego rodzaju konta. Jeśli uważasz, że powinna być dla Ciebie dostępna, skontaktuj się z biurem rekrutacji.
error-404-title = Nie znaleziono strony
error-404-body = Adres może zawierać literówkę albo strona została przeniesiona.
error-413-title = Przesłane dane są za duże
error-413-body = Skróć tekst lub wybierz mniejszy plik i spróbuj ponownie.
error-500-title = Przepraszamy, wystąpił błąd po naszej stronie
error-500-body = Nic z tego, co zapisano przed tym krokiem, nie zostało utracone. Spróbuj ponownie za chwilę; jeśli błąd się powtarza, skontaktuj się z nami i podaj identyfikator żądania.
error-csrf-title = Formularz wygasł
error-csrf-body = Ze względów bezpieczeństwa formularz nie mógł zostać przyjęty: był otwarty zbyt długo albo został wysłany z innej strony. Wróć, odśwież stronę i wyślij go ponownie.

## Walidacja pól
error-field-missing = Uzupełnij to pole.
error-field-too-long = { $max ->
    [one] Wpisz najwyżej { $max } znak.
    [few] Wpisz najwyżej { $max } znaki.
   *[other] Wpisz najwyżej { $max } znaków.
}
error-field-too-short = { $min ->
    [one] Wpisz co najmniej { $min } znak.
    [few] Wpisz co najmniej { $min } znaki.
   *[other] Wpisz co najmniej { $min } znaków.
}
error-field-characters = Usuń z tego pola niewidoczne lub sterujące znaki.
error-email-missing = Podaj adres e-mail.
error-email-malformed = Podaj adres e-mail w poprawnym formacie, np. imie@example.com.
error-password-missing = Podaj hasło.
error-password-too-short = { $min ->
    [one] Hasło musi mieć co najmniej { $min } znak.
    [few] Hasło musi mieć co najmniej { $min } znaki.
   *[other] Hasło musi mieć co najmniej { $min } znaków.
}
error-password-same-as-email = Hasło nie może być Twoim adresem e-mail.
error-password-mismatch = Hasła nie są takie same. Wpisz dwa razy to samo hasło.
error-privacy-not-accepted = Aby założyć konto, potwierdź, że znasz klauzulę informacyjną o ochronie danych.
error-current-password-wrong = Obecne hasło jest nieprawidłowe.

## Pola
field-email = Adres e-mail
field-password = Hasło
field-new-password = Nowe hasło
field-password-confirm = Powtórz hasło
field-current-password = Obecne hasło
password-hint = Co najmniej 12 znaków. Kilka niezwiązanych ze sobą słów to silne hasło, które łatwo zapamiętać.

## Powitanie
welcome-title = Studiuj z nami
welcome-intro = Jedno konto pozwala zgłosić się na dowolną liczbę kierunków, śledzić każde zgłoszenie i odbierać decyzje przez internet.
welcome-step-account = Załóż konto i potwierdź adres e-mail.
welcome-step-apply = Wybierz kierunki i wypełnij zgłoszenie krok po kroku.
welcome-step-follow = W każdej chwili zobaczysz, czego jeszcze brakuje i co będzie dalej.

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

## Komunikaty
flash-logged-out = Wylogowano.
flash-logged-in = Zalogowano.
flash-email-verified = Adres e-mail został potwierdzony.
flash-password-changed = Hasło zostało zmienione. Inne urządzenia zostały wylogowane.
flash-password-set = Nowe hasło zostało zapisane. Zaloguj się nim.
flash-language-changed = Język został zmieniony.
flash-verification-sent = Wysłaliśmy nowy link potwierdzający.

## Strona kandydata
candidate-home-title = Moje zgłoszenia
candidate-home-signed-in-as = Zalogowano jako { $email }
candidate-home-unverified = Potwierdź adres e-mail, aby rozpocząć zgłoszenia. Sprawdź, czy przyszła od nas wiadomość.
candidate-home-resend = Wyślij ponownie link potwierdzający
candidate-home-applications = Zgłoszenia
candidate-home-no-applications = Nie masz jeszcze zgłoszeń. Tutaj pojawią się kierunki, na które trwa rekrutacja.

## Biuro rekrutacji
staff-home-title = Biuro rekrutacji
staff-home-role = Twoja rola: { $role }
staff-home-candidates = konta kandydatów
staff-home-applications = zgłoszenia
staff-home-emails-waiting = e-maile czekające na wysłanie
staff-home-jobs-dead = nieudane zadania w tle
staff-home-by-status = Zgłoszenia według statusu
staff-home-status = Status
staff-home-count = Liczba

role-candidate = kandydat
role-officer = pracownik biura rekrutacji
role-program-admin = administrator kierunku
role-registrar = komisja rekrutacyjna
role-admin = administrator

status-draft = Szkic
status-submitted = Złożone
status-under-review = W weryfikacji
status-needs-correction = Wymaga poprawy
status-complete = Kompletne
status-ranked = Na liście rankingowej
status-admitted = Przyjęty
status-waitlisted = Na liście rezerwowej
status-rejected = Nieprzyjęty
status-offer-accepted = Miejsce przyjęte
status-offer-declined = Rezygnacja z miejsca
status-enrolled = Wpisany na listę studentów
status-expired = Wygasłe
status-withdrawn = Wycofane

## Skrzynka deweloperska
mailbox-title = Skrzynka deweloperska
mailbox-intro = Wszystkie e-maile wysłane przez portal, od najnowszych. W środowisku produkcyjnym trafiają do prawdziwych skrzynek.
mailbox-empty = Nie ma jeszcze żadnych e-maili.
mailbox-when = Wysłano
mailbox-to = Do
mailbox-subject = Temat
mailbox-state = Doręczenie
mailbox-back = Wróć do skrzynki
mailbox-state-sent = doręczony
mailbox-state-failed = nieudany
mailbox-state-queued = w kolejce

## E-maile
email-greeting = Dzień dobry,
email-signature = Biuro rekrutacji, { $institution }
email-verify-subject = Potwierdź adres e-mail – { $institution }
email-verify-body = Dziękujemy za założenie konta w portalu rekrutacyjnym. Potwierdź adres e-mail, aby rozpocząć zgłoszenia.
email-verify-ignore = Jeśli to nie Ty zakładałeś konto, zignoruj tę wiadomość: nic się nie stanie.
email-verify-action = Potwierdzam adres e-mail
email-exists-subject = W sprawie Twojego konta – { $institution }
email-exists-body = Ktoś, być może Ty, próbował założyć nowe konto z tym adresem e-mail. Masz już konto, więc nowe nie zostało utworzone.
email-exists-reset = Jeśli nie pamiętasz hasła, możesz je zresetować tutaj: { $link }
email-exists-ignore = Jeśli to nie Ty, zignoruj tę wiadomość: Twoje konto pozostaje bez zmian.
email-exists-action = Zaloguj się
email-reset-subject = Reset hasła – { $institution }
email-reset-body = Otrzymaliśmy prośbę o zresetowanie hasła do Twojego konta. Poniższy link jest ważny godzinę i można go użyć raz.
email-reset-ignore = Jeśli to nie Ty prosiłeś o reset, zignoruj tę wiadomość: hasło pozostanie bez zmian.
email-reset-action = Ustaw nowe hasło
email-set-password-subject = Twoje konto pracownika – { $institution }
email-set-password-body = Utworzono dla Ciebie konto w portalu rekrutacyjnym z rolą: { $role }.
email-set-password-expiry = Ustaw hasło, korzystając z poniższego linku. Jest ważny 72 godziny i można go użyć raz.
email-set-password-action = Ustaw hasło

## Podgląd jako kandydat (biuro)
nav-preview = Podgląd jako kandydat
preview-title = Podgląd jako kandydat
preview-intro = Wybierz kierunek i opisz kandydata, aby zobaczyć, jakie kroki, pola i dokumenty otrzyma, dlaczego każdy z nich go dotyczy, jaką zapłaci opłatę i ile zdobędzie punktów.
preview-version = Opublikowana definicja: { $version }
preview-no-cycle = Nie opublikowano jeszcze żadnej rekrutacji. Opublikuj ją poleceniem „admitto config apply”.
preview-program = Kierunek
preview-choose = Wybierz kierunek
preview-show = Pokaż, co otrzyma ten kandydat
preview-candidate = Kandydat
preview-results = Wyniki egzaminów (procenty)
preview-subject = Przedmiot
preview-basic = Poziom podstawowy
preview-extended = Poziom rozszerzony
preview-steps = Kroki i pola
preview-profile-step = wspólny dla wszystkich zgłoszeń
preview-application-step = to zgłoszenie
preview-required = wymagane
preview-optional = nieobowiązkowe
preview-documents = Dokumenty
preview-no-documents = Od tego kandydata nie są wymagane żadne dokumenty.
preview-fee = Opłata rekrutacyjna
preview-fee-waived = zwolnienie, ponieważ { $condition }
preview-points = Punkty
preview-threshold = Próg
preview-formula = Wzór
preview-always = Dotyczy wszystkich.
preview-because = Dotyczy, ponieważ { $condition }
preview-error = Nie udało się obliczyć definicji dla tego kandydata: { $error }

## Edytor rekrutacji (administratorzy kierunków)
nav-cycle = Edytuj rekrutację
editor-title = Definicja rekrutacji
editor-intro = Zmiany trafiają do wersji roboczej. Kandydaci widzą opublikowaną wersję, dopóki nie opublikujesz wersji roboczej.
editor-published = Opublikowana wersja: { $version }
editor-no-draft = Nie ma wersji roboczej: pierwsza zapisana zmiana ją utworzy.
editor-draft-open = { $files ->
    [one] Otwarta jest wersja robocza ze zmianami w { $files } pliku.
   *[other] Otwarta jest wersja robocza ze zmianami w { $files } plikach.
}
editor-review = Przejrzyj zmiany
editor-publish = Opublikuj wersję roboczą
editor-discard = Odrzuć wersję roboczą
editor-programs = Kierunki
editor-documents = Wymagane dokumenty
editor-code = Kod
editor-name = Nazwa
editor-capacity = Liczba miejsc
editor-where = Gdzie
editor-requirement = Kiedy jest wymagany
editor-required-always = zawsze
editor-required-when = gdy { $condition }
editor-required-when-label = gdy spełniony jest warunek
editor-required-never = nieobowiązkowy
editor-back = Wróć do definicji rekrutacji
editor-draft-note = Zapis zmienia tylko wersję roboczą; przed zapisem sprawdzana jest cała definicja.
editor-program-title = Kierunek { $code }
editor-document-title = Dokument { $key }
editor-name-pl = Nazwa po polsku
editor-name-en = Nazwa po angielsku
editor-fee = Opłata rekrutacyjna ({ $currency })
editor-fee-hint = Na przykład 85.00
editor-fee-exempt = Zwolnienie z opłaty, gdy
editor-condition-hint = Warunek, np. candidate.karta_polaka albo !candidate.eu. Zostaw puste, jeśli nie dotyczy.
editor-points = Wzór punktacji
editor-points-hint = Na przykład max(results.math.extended, results.math.basic * 0.6). Zostaw puste, jeśli nie ma rankingu punktowego.
editor-points-max = Maksymalna liczba punktów
editor-threshold = Minimalna liczba punktów do rankingu
editor-reason-pl = Dlaczego jest wymagany — po polsku
editor-reason-en = Dlaczego jest wymagany — po angielsku
editor-reason-hint = Kandydaci widzą to obok wymagania.
editor-condition = Warunek
editor-max-size = Największy plik (MB)
editor-original = Wymagane dostarczenie oryginału
editor-types = Przyjmowane rodzaje plików
editor-error-types = Wybierz co najmniej jeden rodzaj pliku.
editor-original-due = Termin dostarczenia oryginału
editor-original-due-hint = Tylko gdy wymagany jest oryginał: data, do której trzeba go dostarczyć, np. 15.10.2027.
editor-rejection-reasons = Powody odrzucenia do wyboru przez weryfikujących
editor-rejection-reasons-hint = Jeden powód w wierszu: po polsku | po angielsku. Weryfikujący nadal mogą wpisać własny.
editor-error-reasons-line = Wiersz { $line }: wpisz tekst polski i angielski rozdzielone znakiem „|”.
editor-save = Zapisz w wersji roboczej
editor-changes-title = Zmiany w wersji roboczej
editor-no-changes = Wersja robocza nie różni się od opublikowanej.
editor-added = dodano
editor-removed = usunięto
editor-error-capacity = Podaj liczbę miejsc jako liczbę całkowitą od 1 do 100000.
editor-error-amount = Podaj kwotę, np. 85.00.
editor-error-number = Podaj liczbę, np. 40 lub 62.5, albo zostaw pole puste.
editor-error-size = Podaj rozmiar w MB od 1 do 50.
editor-error-requirement = Wybierz, kiedy dokument jest wymagany.
editor-error-condition-missing = Wpisz warunek albo wybierz inną możliwość.
flash-draft-saved = Zmiana została zapisana w wersji roboczej.
flash-draft-discarded = Wersja robocza została odrzucona.
flash-cycle-published = Wersja robocza została opublikowana. Kandydaci widzą teraz nową wersję.
editor-steps = Kroki i pola
editor-step-title = Krok { $key }
editor-field-title = Pole { $key }
editor-field-type = Typ: { $kind }
editor-title-pl = Tytuł po polsku
editor-title-en = Tytuł po angielsku
editor-intro-pl = Wprowadzenie po polsku
editor-intro-en = Wprowadzenie po angielsku
editor-intro-hint = Wyświetlane na początku kroku.
editor-visible-when = Widoczne, gdy
editor-visible-hint = Warunek; zostaw puste, aby pokazać wszystkim.
editor-label-pl = Etykieta po polsku
editor-label-en = Etykieta po angielsku
editor-hint-pl = Podpowiedź po polsku
editor-hint-en = Podpowiedź po angielsku
editor-max-length = Najdłuższa odpowiedź (znaki)
editor-error-max-length = Podaj liczbę całkowitą od 1 do 100000 albo zostaw pole puste.
editor-more = Dodawanie i usuwanie
editor-copy = Dodaj nowy kierunek na wzór tego
editor-copy-title = Nowy kierunek na wzór { $code }
editor-copy-intro = Nowy kierunek przejmie wszystkie ustawienia tego; po zapisaniu zmień to, co się różni.
editor-copy-submit = Dodaj kierunek do wersji roboczej
editor-new-code = Kod nowego kierunku
editor-new-code-hint = Małe litery, cyfry, '-' i '_', np. informatyka-s2.
editor-error-code = Użyj od 1 do 40 małych liter, cyfr, '-' lub '_'.
editor-error-code-taken = Ten kod ma już inny kierunek.
editor-remove = Usuń { $code } z wersji roboczej
editor-remove-hint = Usunięcie obejmie kandydatów dopiero po opublikowaniu wersji roboczej; złożone zgłoszenia zachowują swoją wersję.

## Cycle editor: structure, workflows and stage texts
editor-draft-base = { $version ->
   *[other] Utworzono ją z wersji { $version }.
}
editor-draft-outdated = Po utworzeniu tej wersji roboczej opublikowano wersję { $current } (np. poleceniem „admitto config apply”). Publikacja cofnęłaby zmiany tamtej wersji, więc jest niemożliwa: przejrzyj zmiany, odrzuć wersję roboczą i wprowadź je ponownie.
editor-error-options-missing = Dodaj co najmniej jedną opcję, każdą w osobnym wierszu.
editor-error-options-line = Wiersz { $line }: wpisz wartość, etykietę polską i angielską oddzielone znakiem „|”.
editor-refused-title = Zmiana nie została zapisana
editor-refused-lead = „{ $what }” pozostawiłoby w definicji błędy, więc wersja robocza nie została zmieniona.
editor-refused-problems = Co od tego zależy
editor-refused-back = Wróć
editor-error-key = Użyj małych liter, cyfr i „_”, zaczynając od litery (najwyżej 40 znaków).
editor-error-kind = Wybierz typ pola z listy.
editor-error-stage-both = Podaj tekst w obu językach albo pozostaw oba puste.
editor-error-choice = Wybierz jedną z opcji z listy.
editor-error-language = Podaj dwuliterowy kod języka, np. pl lub en.
editor-error-currency = Podaj trzyliterowy kod waluty, np. PLN lub EUR.
field-type-text = Krótki tekst
field-type-long-text = Długi tekst
field-type-number = Liczba
field-type-date = Data
field-type-choice = Wybór jednej opcji
field-type-multi-choice = Wybór wielu opcji
field-type-yes-no = Tak / nie
field-type-country = Kraj
field-type-email = Adres e-mail
field-type-phone = Numer telefonu
field-type-pesel = Numer PESEL
field-type-exam-results = Tabela wyników egzaminów
level-bachelor = Studia pierwszego stopnia
level-master = Studia drugiego stopnia
level-long-cycle = Jednolite studia magisterskie
level-doctoral = Studia doktoranckie
study-form-full-time = Stacjonarne
study-form-part-time = Niestacjonarne
editor-description-pl = Opis (po polsku)
editor-description-en = Opis (po angielsku)
editor-level = Poziom studiów
editor-study-form = Forma studiów
editor-language = Język wykładowy
editor-language-hint = Dwuliterowy kod, np. pl lub en.
editor-workflow = Ścieżka rekrutacji
editor-workflow-hint = Kroki, pola i dokumenty, przez które przechodzą kandydaci na ten kierunek.
editor-tuition = Czesne roczne
editor-tuition-hint = Pozostaw puste, gdy studia są bezpłatne.
editor-tuition-currency = Waluta czesnego
editor-options = Opcje
editor-options-hint = Jedna opcja w wierszu: wartość | etykieta polska | etykieta angielska. Warunki porównują odpowiedzi z wartością.
editor-options-new-hint = Tylko dla dwóch typów wyboru. Jedna opcja w wierszu: wartość | etykieta polska | etykieta angielska.
editor-remove-part-hint = Usunięcie zostanie odrzucone, jeśli czyta je jeszcze jakiś warunek. Kandydaci zobaczą zmianę dopiero po publikacji.
editor-remove-field = Usuń pole { $key } z wersji roboczej
editor-remove-document = Usuń dokument { $key } z wersji roboczej
editor-add-field = Dodaj pole do tego kroku
editor-add-document = Dodaj dokument do tego kroku
editor-remove-step-hint = Pola i dokumenty kroku zostaną usunięte razem z nim. Usunięcie zostanie odrzucone, jeśli jakiś warunek czyta jedno z jego pól.
editor-remove-step = Usuń krok { $key } z wersji roboczej
editor-new-step-title = Nowy krok w { $owner }
editor-key = Klucz
editor-key-hint = Krótka nazwa używana w warunkach, np. visa_status. Nie można jej później zmienić.
editor-add = Dodaj do wersji roboczej
editor-new-field-title = Nowe pole w kroku { $step }
editor-back-step = Wróć do kroku
editor-kind = Rodzaj odpowiedzi
editor-new-field-required = Każdy kandydat musi odpowiedzieć (warunek możesz ustawić po dodaniu).
editor-new-document-title = Nowy dokument w kroku { $step }
editor-workflow-title = Ścieżka { $code }
editor-stages = Teksty na poszczególnych etapach
editor-stages-hint = Co kandydat czyta przy zgłoszeniu z tej ścieżki, gdy ma ono dany status. Pozostaw oba puste, by pokazać standardowy opis.
editor-text-pl = Tekst (po polsku)
editor-text-en = Tekst (po angielsku)
editor-workflows = Ścieżki rekrutacji
editor-profile = Profil (wspólny dla wszystkich zgłoszeń)
editor-add-step = dodaj krok
editor-move-up = Przesuń { $what } w górę
editor-move-down = Przesuń { $what } w dół
field-type-postal-code = Kod pocztowy
# Concurrent edits: a save made after someone else saved the same draft.
editor-conflict = Ktoś inny zapisał zmianę w wersji roboczej po otwarciu przez Ciebie tego formularza. Wpisane dane są zachowane poniżej: sprawdź zmiany w wersji roboczej, a potem zapisz ponownie.
editor-conflict-action = Ktoś inny zapisał zmianę w wersji roboczej po otwarciu przez Ciebie tej strony, więc niczego nie zmieniono. Wróć, sprawdź zmiany w wersji roboczej i spróbuj ponownie.

## Answers checked at the boundary
value-missing = Uzupełnij to pole.
value-too-long = { $max ->
    [one] Wpisz najwyżej { $max } znak.
    [few] Wpisz najwyżej { $max } znaki.
   *[other] Wpisz najwyżej { $max } znaków.
}
value-forbidden-characters = Usuń z tego pola niewidoczne lub specjalne znaki sterujące. Często pojawiają się przy kopiowaniu i wklejaniu tekstu.
value-pesel-format = Numer PESEL ma dokładnie 11 cyfr. Wpisz same cyfry, bez spacji.
value-pesel-checksum = Numer PESEL jest nieprawidłowy: sprawdź cyfry.
value-pesel-date = Numer PESEL jest nieprawidłowy: pierwsze sześć cyfr nie tworzy prawdziwej daty urodzenia. Sprawdź cyfry.
value-pesel-birth-date-mismatch = Numer PESEL nie zgadza się z podaną datą urodzenia. Sprawdź oba pola.
value-phone-characters = Wpisz numer telefonu, używając tylko cyfr, spacji, myślników i znaku + na początku.
value-phone-country-code = Zacznij numer telefonu od znaku + i numeru kierunkowego kraju, np. +48 dla Polski.
value-phone-length = Ten numer telefonu ma za mało lub za dużo cyfr. Razem z numerem kierunkowym kraju powinien mieć od 8 do 15 cyfr.
value-date-format = Wpisz datę w formacie DD.MM.RRRR, np. 17.05.2005.
value-date-invalid = Taka data nie istnieje. Sprawdź dzień i miesiąc.
value-date-out-of-range = Wpisz rok z przedziału od 1900 do 2100.
value-birth-date-in-future = Data urodzenia nie może być datą z przyszłości.
value-birth-date-too-young = Aby złożyć zgłoszenie, musisz mieć ukończone 14 lat. Sprawdź datę urodzenia.
value-birth-date-too-old = Sprawdź datę urodzenia: wynika z niej wiek powyżej 100 lat.
value-email-format = Podaj adres e-mail w poprawnym formacie, np. imie@example.com.
value-postal-code-format = Kod pocztowy nie pasuje do formatu używanego w wybranym kraju. Sprawdź kod i kraj.
value-number-format = Wpisz liczbę, np. 4,5.
value-below-min = Wpisz liczbę nie mniejszą niż { $min }.
value-above-max = Wpisz liczbę nie większą niż { $max }.
value-percentage-format = Wpisz wynik w procentach jako liczbę całkowitą, np. 85.
value-percentage-out-of-range = Wpisz wynik w procentach od 0 do 100.
value-not-an-option = Wybierz jedną z pokazanych opcji.
email-submitted-subject = Zgłoszenie wysłane – { $institution }
email-submitted-body = Otrzymaliśmy Twoje zgłoszenie na kierunek { $programme }.
email-submitted-receipt = Numer potwierdzenia: { $receipt }, wysłano { $time } (czas warszawski). Zachowaj go: identyfikuje Twoje zgłoszenie.
email-submitted-next = Sprawdzimy zgłoszenie i dokumenty i damy znać, jeśli coś trzeba poprawić. Status i listę braków możesz śledzić w portalu.
email-submitted-action = Zobacz moje zgłoszenie

## The candidate's journey
answer-choose = Wybierz…
answer-none = nie podano
answer-yes = Tak
answer-no = Nie
answer-result = { $subject }: podstawowy { $basic }, rozszerzony { $extended }
programmes-title = Kierunki, na które możesz się zgłosić
programmes-open-until = Rejestracja trwa do { $closes } (czas warszawski).
programmes-closed = Rejestracja jest teraz zamknięta.
programmes-search-label = Szukaj kierunków
programmes-search = Szukaj po nazwie
programmes-level = Poziom
programmes-faculty = Wydział
programmes-language = Język wykładowy
programmes-form = Forma studiów
programmes-any = Dowolny
programmes-filter = Pokaż kierunki
programmes-count = { $count ->
    [0] Żaden kierunek nie pasuje. Usuń filtr, by zobaczyć więcej.
    [one] Pasuje jeden kierunek.
    [few] Pasują { $count } kierunki.
   *[other] Pasuje { $count } kierunków.
}
programmes-fee = Opłata rekrutacyjna: { $amount }
programmes-apply = Zgłoś się
programmes-apply-to = Zgłoś się na kierunek { $programme }
programmes-register-to-apply = Załóż konto, aby zgłosić się na kierunek { $programme }
programmes-your-application = Przejdź do zgłoszenia
language-pl = polski
language-en = angielski
candidate-home-progress = Gotowe: { $done } z { $total }
candidate-home-progress-label = Postęp zgłoszenia na kierunek { $programme }
candidate-home-next = Dalej:
profile-title = Twój profil
application-steps = Kroki
application-checklist = Czego potrzebuje Twoje zgłoszenie
application-points = Twoje punkty
application-points-how = Jak są liczone:
application-points-results = Z Twoich wyników: { $results }
application-threshold = Minimum, by znaleźć się na liście rankingowej, to { $threshold } pkt.
application-receipt = Numer potwierdzenia { $receipt }, wysłano { $time } (czas warszawski).
application-pdf = Pobierz podsumowanie zgłoszenia (PDF)
application-submit-heading = Wysłanie zgłoszenia
application-submit-ready = Wszystko, co wymagane, jest gotowe. Sprawdź odpowiedzi i wyślij: potem nie zmienisz już odpowiedzi dotyczących tego kierunku.
application-submit = Wyślij zgłoszenie
application-submit-missing = Zgłoszenie wyślesz, gdy uzupełnisz:
application-history = Historia
application-withdraw = Wycofaj to zgłoszenie
checklist-fee = Opłata rekrutacyjna: { $amount }
item-missing = Brak
item-complete = Gotowe
item-submitted = Przesłano, czeka na weryfikację
item-accepted = Zaakceptowano
item-rejected = Odrzucono: prześlij nowy
item-waived = Zwolnienie
item-to-pay = Do zapłaty po wysłaniu
reason-fee = Płaci ją każdy kandydat; dane do przelewu znajdziesz tu po wysłaniu zgłoszenia.
reason-step-always = Wypełnia to każdy kandydat.
reason-document-always = Ten dokument przesyła każdy kandydat.
reason-your-answers = Dotyczy Cię ze względu na Twoje odpowiedzi.
reason-because = Dotyczy Cię ze względu na Twoje odpowiedzi: { $facts }.
fact-polish-citizen = Obywatelstwo polskie
fact-eu-citizen = Obywatelstwo UE/EOG
fact-programme = { $name } kierunku
history-started = rozpoczęto zgłoszenie
history-submitted = wysłano, numer potwierdzenia { $receipt }
history-withdrawn = wycofane przez Ciebie
history-profile-changed = zmieniono profil po wysłaniu zgłoszenia
stage-draft = Wypełnij kolejne kroki i dodaj dokumenty. Odpowiedzi zapisujemy na bieżąco; wyślij zgłoszenie, gdy niczego nie będzie brakować.
stage-submitted = Zgłoszenie zostało wysłane. Sprawdzimy je i damy znać.
stage-under-review = Biuro rekrutacji sprawdza Twoje zgłoszenie.
stage-needs-correction = Coś wymaga poprawienia: zobacz listę braków.
stage-complete = Zgłoszenie jest kompletne i czeka na ranking.
stage-ranked = Jesteś na liście rankingowej. Wyniki ogłosimy w terminie z harmonogramu.
stage-admitted = Zostałeś przyjęty. Potwierdź podjęcie studiów.
stage-waitlisted = Jesteś na liście rezerwowej. Damy znać, gdy zwolni się miejsce.
stage-rejected = Nie zostałeś przyjęty. Decyzja wyjaśnia powody i sposób odwołania.
stage-offer-accepted = Przyjąłeś miejsce.
stage-offer-declined = Zrezygnowałeś z miejsca.
stage-enrolled = Jesteś wpisany na listę studentów. Witamy!
stage-expired = Zgłoszenie nie zostało uzupełnione na czas.
stage-withdrawn = Wycofałeś to zgłoszenie.
step-of = Krok { $number } z { $count }
step-nav = Kroki zgłoszenia
step-back-application = Wróć do zgłoszenia
step-back-home = Wróć do strony głównej
step-required-note = Pola oznaczone „wymagane” trzeba wypełnić. Wszystko zapisujemy przy przejściu dalej lub po kliknięciu „Zapisz”.
step-required = wymagane
step-optional = nieobowiązkowe
step-new-questions = Dziękujemy. Na podstawie Twoich odpowiedzi potrzebujemy jeszcze kilku informacji: nowe pytania są poniżej.
step-read-only = To zgłoszenie zostało wysłane, więc tych odpowiedzi nie można już tu zmienić.
step-save-next = Zapisz i przejdź dalej
step-save-finish = Zapisz i przejdź do podsumowania
step-save = Zapisz
step-documents = Dokumenty do tego kroku
step-points-hint = Sprawdź, ile punktów dają te wyniki, zanim je zapiszesz.
step-points = Oblicz moje punkty
step-points-result = { $programme }: { $points } pkt
results-subject = Przedmiot
results-basic = Poziom podstawowy (%)
results-extended = Poziom rozszerzony (%)
submit-error-incomplete = Zgłoszenia nie można jeszcze wysłać: czegoś brakuje. Braki są wymienione w części „Wysłanie zgłoszenia”.
submit-error-closed = Rejestracja jest zamknięta, więc zgłoszenia nie można już wysłać.
receipt-title = Zgłoszenie wysłane
receipt-programme = Kierunek: { $programme }
receipt-number = Numer potwierdzenia: { $receipt }
receipt-time = Wysłano { $time } (czas warszawski)
receipt-email = Potwierdzenie wysłaliśmy na adres { $email }.
receipt-back = Wróć do zgłoszenia
withdraw-title = Wycofanie zgłoszenia
withdraw-lead = Czy chcesz wycofać zgłoszenie na kierunek { $programme }?
withdraw-consequences = Nie będziesz już brać udziału w rekrutacji na ten kierunek. Profil i inne zgłoszenia pozostaną bez zmian. Wniesiona opłata nie jest zwracana.
withdraw-confirm = Tak, wycofaj
withdraw-cancel = Nie, zostaw
pdf-title = Podsumowanie zgłoszenia
pdf-programme = Kierunek
pdf-status = Status
pdf-receipt = Potwierdzenie
pdf-receipt-value = { $receipt }, wysłano { $time } (czas warszawski)
pdf-account = Konto
pdf-checklist = Lista wymagań
pdf-points = Punkty
pdf-draft = jeszcze nie wysłano
flash-application-started = Zgłoszenie rozpoczęte. Wypełnij kroki poniżej.
flash-registration-closed = Rejestracja jest zamknięta: nie można rozpocząć nowych zgłoszeń.
flash-application-limit = Osiągnięto największą liczbę kierunków, na które możesz się zgłosić. Wycofaj zgłoszenie, by zgłosić się gdzie indziej.
flash-not-editable = Tego zgłoszenia nie można już zmienić.
flash-step-saved = Zapisano.
flash-submitted = Zgłoszenie zostało wysłane.
flash-withdrawn = Zgłoszenie zostało wycofane.
hint-date = Dzień, miesiąc i rok, np. 17.05.2006.
hint-phone = Z numerem kierunkowym kraju, np. +48 600 100 200.
hint-number-range = Liczba od { $min } do { $max }.

## Staff: applications
nav-applications = Zgłoszenia
staff-applications-title = Zgłoszenia
staff-applications-filters = Filtruj zgłoszenia
staff-applications-programme = Kierunek
staff-applications-status = Status
staff-applications-citizenship = Obywatelstwo
staff-applications-from = Rozpoczęte od dnia
staff-applications-until = Rozpoczęte do dnia
staff-applications-filter = Pokaż zgłoszenia
staff-applications-showing = { $total ->
    [0] Żadne zgłoszenie nie pasuje do filtrów.
   *[other] Zgłoszenia { $first }–{ $last } z { $total }.
}
staff-applications-candidate = Kandydat
staff-applications-created = Rozpoczęto
staff-applications-receipt = Potwierdzenie
staff-applications-no-name = (nie podano jeszcze imienia)
staff-applications-pages = Strony listy
staff-applications-previous = Poprzednia strona
staff-applications-next = Następna strona
staff-application-back = Wróć do listy
staff-application-email = E-mail
staff-application-version = Wersja definicji
staff-application-checklist = Lista wymagań
staff-application-answers = Odpowiedzi
staff-application-profile = profil
staff-application-programme = ten kierunek
staff-application-system = system
staff-application-when = Kiedy
staff-application-change = Zmiana
staff-application-who = Kto
staff-application-note = Uwaga

## Documents
upload-current = Przesłano:
upload-label = Wybierz plik: { $document }
upload-replace-label = Wybierz nowy plik, który zastąpi poprzedni: { $document }
upload-hint = { $types }, najwyżej { $max } MB. Zeskanuj lub sfotografuj cały dokument tak, by był czytelny.
upload-send = Wyślij plik
upload-replace = Zastąp plik
upload-remove = Usuń plik ({ $document })
upload-too-large = Plik jest większy niż { $max } MB. Wyślij mniejszy skan (np. w niższej rozdzielczości lub w osobnych stronach).
upload-empty = Plik jest pusty. Wybierz skan jeszcze raz.
upload-wrong-type = Ten plik nie jest dokumentem PDF, JPEG ani PNG dozwolonego rodzaju, niezależnie od nazwy. Zapisz skan w jednym z wymienionych formatów.
upload-quota = Wykorzystano całe miejsce na dokumenty. Usuń niepotrzebne pliki lub skontaktuj się z biurem rekrutacji.
upload-no-file = Wybierz plik do wysłania.
upload-locked = To zgłoszenie zostało wysłane, więc jego dokumentów nie można już tu zmienić.
upload-accepted = Ten dokument został już zaakceptowany, więc nie można go zmienić.
upload-polyglot = Ten plik zawiera ukryty drugi plik lub kod strony internetowej, więc nie może zostać przyjęty. Zapisz dokument ponownie jako zwykły PDF, JPEG lub PNG (np. „Drukuj do PDF” albo nowe zdjęcie).
upload-damaged = Ten plik jest uszkodzony lub niekompletny i nie da się go otworzyć. Zapisz lub zeskanuj dokument ponownie i wyślij nowy plik.
upload-too-many-pixels = Obraz ma { $megapixels } megapikseli, a przyjmujemy najwyżej { $max } megapikseli. Zapisz go w niższej rozdzielczości (do skanu wystarczy 300 dpi).
upload-infected = Skaner antywirusowy wykrył w tym pliku złośliwe oprogramowanie ({ $signature }), więc plik nie został zapisany. Sprawdź urządzenie programem antywirusowym i zeskanuj dokument ponownie.
upload-scan-unavailable = Nie mogliśmy teraz sprawdzić tego pliku programem antywirusowym, więc nie został zapisany. Spróbuj ponownie za kilka minut.
flash-document-uploaded = Plik został wysłany.
flash-document-removed = Plik został usunięty.
step-continue = Dalej
step-go-summary = Przejdź do podsumowania
fact-programme-language = kierunek prowadzony jest w języku: { $language }
history-changed-after-submission = zmieniono je po wysłaniu; wraca do sprawdzenia
application-changeable = Nadal możesz zmienić to zgłoszenie. Każda zmiana odsyła je do ponownego sprawdzenia przez biuro rekrutacji.
email-document-rejected-subject = Dokument wymaga poprawienia – { $institution }
email-document-rejected-body = Sprawdziliśmy Twój dokument „{ $document }” i nie możemy go przyjąć.
email-document-rejected-reason = Powód: { $reason }
email-document-rejected-due = Prześlij poprawioną wersję do { $date }.
email-document-rejected-next = Prześlij nowy plik na stronie poniżej; zastąpi on odrzucony, a my sprawdzimy go ponownie.
email-document-rejected-action = Prześlij poprawiony dokument

## Staff: document verification
nav-documents = Dokumenty do sprawdzenia
verify-queue-title = Dokumenty do sprawdzenia
verify-preview = Podgląd
verify-preview-alt = { $document } — { $candidate }
verify-no-preview = PDF, otwórz, aby zobaczyć
verify-queue-lead = Pliki czekające na decyzję, od najstarszych. Poprawiony plik wraca tutaj.
verify-queue-filters = Filtruj dokumenty
verify-queue-filter = Pokaż dokumenty
verify-queue-count = { $count ->
    [0] Nic nie czeka.
    [one] Czeka jeden dokument.
    [few] Czekają { $count } dokumenty.
   *[other] Czeka { $count } dokumentów.
}
verify-waiting-since = Czeka od
verify-document = Dokument
verify-version = wersja { $version }
verify-profile-document = profil (wszystkie zgłoszenia)
verify-title = weryfikacja
verify-back = Wróć do kolejki
verify-file = Plik
verify-image-alt = Skan: { $document }
verify-open = Otwórz { $file } w nowej karcie
verify-uploaded = Przesłano
verify-size = Rozmiar
verify-candidate = Dane kandydata
verify-candidate-name = Imię i nazwisko
verify-candidate-birth = Data urodzenia
verify-candidate-pesel = PESEL
verify-candidate-passport = Numer paszportu
verify-decision = Decyzja
verify-accept = Zaakceptuj dokument
verify-reject-heading = Albo odrzuć go
verify-presets = Typowe powody
verify-reason = Powód, który przeczyta kandydat
verify-reason-hint = Napisz, co jest nie tak i co przesłać zamiast tego. Jeśli wybrano typowy powód, tekst zostanie do niego dopisany.
verify-due-label = Termin na poprawioną wersję (nieobowiązkowo)
verify-reject = Odrzuć i poinformuj kandydata
verify-versions = Wszystkie wersje
verify-due = Termin poprawy: { $date }.
verify-error-reason = Wybierz typowy powód albo go napisz: kandydat musi wiedzieć, co poprawić.
verify-error-past = Wybierz datę od dzisiaj.
verify-status-submitted = czeka
verify-status-accepted = zaakceptowany
verify-status-rejected = odrzucony
verify-status-replaced = zastąpiony nowszą wersją
verify-status-deleted = usunięty przez kandydata
flash-document-accepted = Dokument zaakceptowano.
flash-document-rejected = Dokument odrzucono; kandydat został poinformowany o powodzie.
flash-already-reviewed = Ktoś inny zdecydował wcześniej w sprawie tego dokumentu; nic nie zmieniono.
upload-rejected-because = Biuro rekrutacji nie mogło przyjąć tego pliku: { $reason }
upload-correct-by = Prześlij poprawiony do { $date }.
original-received = Oryginał dostarczono { $date }.
original-due = Dostarcz oryginał do { $date }.
original-needed = Trzeba też dostarczyć oryginał.
verify-original = Oryginał
verify-original-received = Dostarczono { $date } ({ $who }).
verify-original-missing = Jeszcze nie dostarczono.
verify-original-label = Data dostarczenia oryginału
verify-original-record = Zapisz dostarczenie oryginału
flash-original-recorded = Zapisano dostarczenie oryginału.
verify-error-future = Oryginał nie mógł zostać dostarczony w przyszłości.
