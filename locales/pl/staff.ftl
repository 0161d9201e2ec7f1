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
role-finance = kwestura
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
staff-history-started = rozpoczęto zgłoszenie
staff-history-submitted = wysłano, numer potwierdzenia { $receipt }
staff-history-withdrawn = wycofane przez kandydata
staff-history-profile-changed = kandydat zmienił profil po wysłaniu
staff-history-changed-after-submission = kandydat zmienił zgłoszenie po wysłaniu (krok { $step })
staff-application-when = Kiedy
staff-application-change = Zmiana
staff-application-who = Kto
staff-application-note = Uwaga
