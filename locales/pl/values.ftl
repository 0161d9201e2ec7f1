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
error-password-guessable = To hasło łatwo odgadnąć: jest popularnym hasłem albo słowem z kilkoma cyframi, rzędem klawiatury lub powtórzeniem. Silne i łatwe do zapamiętania jest zdanie z czterech–pięciu niepowiązanych słów, np. „lampa rzeka cicho pomarańcza”.
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
value-phone-country-code-unknown = Cyfry po znaku + nie są numerem kierunkowym żadnego kraju. Sprawdź początek numeru, np. +48 dla Polski.
value-phone-too-short = Ten numer jest za krótki: po numerze kierunkowym +{ $code } numer ma co najmniej { $min } { $min ->
    [one] cyfrę
    [few] cyfry
   *[other] cyfr
}. Sprawdź, czy nie brakuje cyfry.
value-phone-too-long = Ten numer jest za długi: po numerze kierunkowym +{ $code } numer ma najwyżej { $max } { $max ->
    [one] cyfrę
    [few] cyfry
   *[other] cyfr
}. Sprawdź, czy żadna cyfra się nie powtórzyła.
value-phone-not-in-plan = Żaden numer telefonu z numerem kierunkowym +{ $code } nie wygląda w ten sposób. Sprawdź cyfry i numer kierunkowy.
value-phone-not-in-country = Bez numeru kierunkowego czytamy go jako numer z kraju o numerze kierunkowym +{ $code }, a tam taki numer nie istnieje. Numer z innego kraju zacznij od znaku + i numeru kierunkowego, np. +48 dla Polski.
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
