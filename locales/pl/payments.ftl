## Opłaty rekrutacyjne
fee-heading = Opłata rekrutacyjna
fee-due = Opłata rekrutacyjna w wysokości { $amount } czeka na wpłatę. Możesz ją zapłacić tutaj, online.
fee-pending = Płatność { $amount } została rozpoczęta i operator płatności ją potwierdza. Jeśli się nie udała, zapłać ponownie: wrócisz do tej samej płatności, więc nigdy nie zapłacisz dwa razy.
fee-paid = Zapłacono { $date } ({ $channel }).
fee-waived = Nie płacisz opłaty rekrutacyjnej.
fee-refunded = Opłata rekrutacyjna została zwrócona.
fee-pay = Zapłać { $amount }
fee-no-online = Płatność online jest niedostępna; biuro rekrutacji poinformuje Cię, jak zapłacić.
payment-channel = { $channel ->
    [sandbox] płatność demonstracyjna
    [bank_transfer] przelew
    [przelewy24] Przelewy24
    [stripe] Stripe
   *[other] { $channel }
}
item-due = Czeka na wpłatę
item-payment-pending = Płatność w trakcie potwierdzania
item-paid = Zapłacono
item-refunded = Zwrócono
history-fee-paid = zapłacono opłatę rekrutacyjną ({ $channel ->
    [sandbox] płatność demonstracyjna
    [bank_transfer] przelew
    [przelewy24] Przelewy24
    [stripe] Stripe
   *[other] { $channel }
})
staff-history-fee-paid = kandydat zapłacił opłatę rekrutacyjną ({ $channel ->
    [sandbox] płatność demonstracyjna
    [bank_transfer] przelew
    [przelewy24] Przelewy24
    [stripe] Stripe
   *[other] { $channel }
})
flash-payment-received = Dziękujemy: wpłata dotarła i opłata jest zapłacona.
flash-payment-processing = Operator płatności potwierdza Twoją wpłatę. Ta strona pokaże ją jako zapłaconą, gdy tylko nadejdzie potwierdzenie.
flash-payment-unavailable = Płatność online jest w tej chwili niedostępna.
flash-payment-gateway-down = Serwis płatności jest teraz nieosiągalny i nic nie zostało pobrane. Spróbuj ponownie za chwilę albo zapłać przelewem, jeśli poniżej są podane dane do przelewu.
flash-payment-failed = Płatność się nie udała i nic nie zostało pobrane. Opłata nadal czeka na wpłatę: możesz spróbować ponownie.
reason-fee-due = Płaci ją każdy kandydat.
fee-status-due = do zapłaty
fee-status-pending = w trakcie płatności
fee-status-paid = zapłacona
fee-status-refunded = zwrócona
fee-status-partially-refunded = zwrócona częściowo
fee-status-waived = zwolnienie
fee-status-cancelled = anulowana
fee-reason-submitted = do zapłaty od wysłania zgłoszenia
fee-reason-waived = zwolnienie z reguły kierunku
fee-reason-checkout = kandydat rozpoczął płatność
fee-reason-credited = operator płatności potwierdził wpłatę
fee-reason-checkout-failed = płatność się nie udała
fee-reason-gateway-unreachable = serwis płatności był nieosiągalny
fee-reason-checkout-abandoned = porzucono płatność, która nie została otwarta
staff-fee-state = { $amount }: { $status }.
staff-fee-channel = Kanał
fee-due-transfer = Opłata rekrutacyjna w wysokości { $amount } czeka na wpłatę. Zapłać ją przelewem na Twój indywidualny numer konta podany niżej.
fee-transfer-heading = Zapłać przelewem
fee-transfer-recipient = Odbiorca
fee-transfer-account = Numer konta
fee-transfer-title-label = Tytuł przelewu
fee-transfer-amount = Kwota
fee-transfer-title = Opłata rekrutacyjna { $reference }
fee-transfer-booking = Ten numer konta jest tylko Twój, więc wpłata zostanie rozpoznana bez względu na to, kto ją wyśle. Bank może księgować przelew do { $days } dni roboczych; liczy się dzień wysłania przelewu, nie dzień zaksięgowania.
fee-reason-transfer = dopasowano przelew bankowy
payments-title = Płatności
payments-lead = Tu importujesz wyciągi bankowe: przelew na indywidualny numer konta kandydata opłaca jego nieopłacone opłaty, od najstarszej. To, czego nie da się dopasować, czeka niżej, aż dopasujesz to ręcznie.
payments-import-heading = Import wyciągu bankowego
payments-import-file = Plik wyciągu
payments-import-hint = MT940 (UTF-8 lub Windows-1250) albo camt.053 XML, tak jak eksportuje go bank. Ponowny import tego samego pliku niczego nie zaksięguje dwa razy.
payments-import-submit = Importuj
payments-import-no-file = Wybierz plik wyciągu do importu.
payments-import-encoding = Plik nie jest tekstem w UTF-8 ani Windows-1250. Wyeksportuj wyciąg ponownie jako MT940 lub camt.053; niczego nie zaimportowano.
payments-import-malformed = Portal nie umie odczytać tego pliku jako wyciągu (wiersz { $line }: { $what }); niczego nie zaimportowano.
payments-import-truncated = Plik kończy się przed saldem końcowym wyciągu: jest ucięty. Wyeksportuj go ponownie; niczego nie zaimportowano.
payments-import-unbalanced = Operacje nie sumują się do salda końcowego: plik jest niepełny albo zmieniony. Niczego nie zaimportowano.
payments-import-check-digits = Rachunek wyciągu { $account } ma błędne cyfry kontrolne; niczego nie zaimportowano.
payments-import-empty = Plik nie zawiera wyciągu; niczego nie zaimportowano.
payments-import-summary = { $credits ->
    [one] 1 nowy wpływ
    [few] { $credits } nowe wpływy
   *[other] { $credits } nowych wpływów
}: dopasowane { $matched }, do ręcznego dopasowania { $unmatched }, zaimportowane wcześniej { $repeated }.
payments-import-fees-paid = Opłacone opłaty: { $count }.
payments-queue-heading = Przelewy do dopasowania
payments-queue-count = { $count ->
    [0] Żaden przelew nie czeka.
    [one] Czeka 1 przelew.
    [few] Czekają { $count } przelewy.
   *[other] Czeka { $count } przelewów.
}
payments-credit-date = Wysłany
payments-credit-amount = Kwota
payments-credit-payer = Wpłacający i tytuł
payments-credit-why = Dlaczego niedopasowany
payments-credit-match = Dopasuj do
payments-match-suggestion = Dopasuj do { $fee }
payments-match-application = Numer potwierdzenia zgłoszenia
payments-match-hint = Numer, który kandydat dostał po wysłaniu zgłoszenia, np. z tytułu przelewu.
payments-match-submit = Dopasuj
payments-match-empty = Wpisz numer potwierdzenia zgłoszenia.
payments-match-no-fee = Żadne zgłoszenie z opłatą nie ma tego numeru potwierdzenia.
payments-match-not-payable = Opłata tego zgłoszenia nie czeka na wpłatę (jest zapłacona, zwolniona albo zwrócona).
payments-match-currency = Przelew jest w innej walucie niż ta opłata.
payments-match-too-little = To, co zostało z przelewu, nie pokrywa tej opłaty.
payments-match-settled = Ten przelew został w międzyczasie dopasowany.
payments-matched = Przelew opłaca teraz opłatę zgłoszenia { $application }.
payments-statements-heading = Zaimportowane wyciągi
payments-statements-none = Nie zaimportowano jeszcze żadnego wyciągu.
payments-statement-imported = Zaimportowano
payments-statement-file = Plik
payments-statement-result = Wynik
credit-unmatched-no-account = Nie wskazuje żadnego numeru konta kandydata.
credit-unmatched-check-digits = Wskazuje numer konta kandydata z błędnymi cyframi kontrolnymi (pomyłka w numerze).
credit-unmatched-amount-short = Jest na konto kandydata, ale nie pokrywa żadnej z jego nieopłaconych opłat.
credit-unmatched-nothing-due = Jest na konto kandydata, ale żadna jego opłata w tej walucie nie czeka na wpłatę.
nav-payments = Płatności
fee-due-either = Opłata rekrutacyjna w wysokości { $amount } czeka na wpłatę. Zapłać ją tutaj online albo przelewem na Twój indywidualny numer konta podany niżej.
payments-fees-title = Wszystkie opłaty
payments-fees-filters = Filtruj opłaty
payments-fees-status = Stan
payments-fees-channel = Sposób zapłaty
payments-fees-from = Zapłacone od dnia
payments-fees-until = Zapłacone do dnia
payments-fees-paid = Zapłacono
payments-fees-csv = Pobierz jako CSV
payments-fees-count = { $count ->
    [one] 1 opłata.
    [few] { $count } opłaty.
   *[other] { $count } opłat.
}
payments-fees-link = Wszystkie opłaty, z filtrami i eksportem do CSV
fee-pay-by = Opłatę można wnieść do { $deadline } (czasu warszawskiego); do tego czasu zgłoszenie pozostaje wysłane. Przy przelewie liczy się dzień jego wysłania.
application-submit-and-pay = Wyślij i zapłać { $amount }
fee-reason-paid-twice = zapłacona drugi raz przez otwartą płatność po tym, jak opłata była już zapłacona: zwróć drugą wpłatę
fee-confirmation-link = Potwierdzenie wpłaty (PDF)
payment-pdf-title = Potwierdzenie wpłaty
payment-pdf-lead = Potwierdzamy otrzymanie poniższej wpłaty za zgłoszenie. To potwierdzenie wpłaty, nie faktura.
payment-pdf-candidate = Kandydat
payment-pdf-programme = Kierunek
payment-pdf-application = Zgłoszenie (numer potwierdzenia)
payment-pdf-amount = Kwota
payment-pdf-paid-on = Data wpłaty
payment-pdf-channel = Forma wpłaty
payment-pdf-reference = Identyfikator wpłaty
payment-pdf-issued = Wystawiono
history-fee-refunded = zwrócono Ci { $amount } opłaty rekrutacyjnej
staff-history-fee-refunded = zwrot { $amount } opłaty rekrutacyjnej
fee-reason-refund-asked = zlecono zwrot
fee-reason-refund-failed = zwrot się nie powiódł: nic nie zwrócono
fee-reason-refunded = pieniądze zwrócono
staff-fee-refunds = Zwroty tej opłaty
refund-title = Zwrot opłaty rekrutacyjnej
refund-back = Wróć do zgłoszenia
refund-fee = Opłata
refund-left = Pozostało do zwrotu
refund-form-heading = Zwróć pieniądze
refund-route-gateway = Pieniądze wrócą przez { $channel } na kartę lub rachunek, z którego zapłacono.
refund-route-transfer = Pieniądze wrócą przelewem, który wykona kwestura: podaj rachunek, na który go wysłać. Zwrot czeka na stronie płatności, dopóki nie oznaczysz go jako wysłany.
refund-amount = Kwota
refund-amount-hint = Najwyżej { $left }. Na przykład 85,00 lub 85.00.
refund-reason = Powód
refund-reason-hint = Dlaczego zwracamy pieniądze; kandydat przeczyta to w e-mailu, który o zwrocie informuje.
refund-account = Rachunek odbiorcy
refund-account-hint = Numer rachunku płacącego (26 cyfr) lub IBAN, jak na wyciągu.
refund-submit = Zwróć
refund-nothing-left = Z tej opłaty nie ma już nic do zwrotu.
refunds-heading = Zwroty
refunds-none = Nie było jeszcze zwrotów.
refund-asked = Zlecono
refund-how = Jak
refund-state = Stan
refund-mark-sent = Oznacz jako wysłany
refund-state-requested = zlecony operatorowi płatności
refund-state-to-send = do wysłania przelewem
refund-state-completed = zwrócony
refund-state-failed = niezwrócony
refund-problem-unreachable = nie udało się połączyć z operatorem płatności
refund-problem-refused = operator płatności go odrzucił
refund-error-amount = Podaj kwotę w postaci takiej jak 85,00.
refund-error-zero = Podaj kwotę większą od zera.
refund-error-more-than-left = To więcej, niż pozostało do zwrotu.
refund-error-reason = Napisz, dlaczego zwracamy pieniądze.
refund-error-account = Podaj numer rachunku z poprawnymi cyframi kontrolnymi (26 cyfr albo IBAN).
refund-error-not-refundable = Ta opłata nie jest zapłacona albo została już zwrócona.
refunds-to-send-heading = Zwroty do wysłania przelewem
refunds-to-send-count = { $count ->
    [0] Żaden zwrot nie czeka na wysłanie.
    [one] Jeden zwrot czeka na wysłanie.
    [few] { $count } zwroty czekają na wysłanie.
   *[other] { $count } zwrotów czeka na wysłanie.
}
flash-refund-completed = Pieniądze zwrócono.
flash-refund-requested = Operator płatności przyjął zwrot; będzie zakończony, gdy go potwierdzi.
flash-refund-to-send = Zwrot czeka na przelew: wyślij go z banku, a potem oznacz jako wysłany.
flash-refund-refused = Operator płatności odrzucił zwrot i nic nie zwrócono. Jego odpowiedź jest na liście poniżej.
flash-refund-gateway-down = Nie można połączyć się z operatorem płatności i nic nie zwrócono. Spróbuj za chwilę.
flash-refund-sent = Zwrot oznaczono jako wysłany, a kandydat dostał wiadomość.
staff-money-heading = Opłaty kandydata
staff-money-programme = Kierunek
staff-money-balance = { $amount } nadpłaty z przelewu zaksięgowanego { $date }: saldo kandydata do zwrotu.
fee-reason-refunded-extra = zwrócono drugą wpłatę
refund-extra-heading = Zapłacono dwa razy
refund-extra-lead = Opłata była już zapłacona, gdy wpłynęły te wpłaty. Zwróć każdą w całości; opłata pozostaje zapłacona.
refund-extra-payment = { $amount } przez { $channel }
refund-extra-submit = Zwróć { $amount }
refund-extra-given = Zwrócono albo zlecono operatorowi płatności.
refund-error-not-extra = Ta wpłata nie jest drugą wpłatą za opłatę albo została już zwrócona.
fee-reason-refunded-balance = odesłano nadpłatę z przelewu
refund-balance-heading = Nadpłata
refund-balance-submit = Odeślij przelewem
refund-error-no-balance = Z tego przelewu nie zostało nic do zwrotu.
