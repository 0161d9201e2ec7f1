## Rezerwacja terminów egzaminów i rozmów

checklist-exam = Zarezerwuj termin: { $name }
reason-exam-always = Kierunek wymaga tego od każdego kandydata.
reason-exam-after-submission = Termin zarezerwujesz po wysłaniu zgłoszenia.
item-book-later = Po wysłaniu
item-to-book = Do rezerwacji
item-booked = Zarezerwowano
exam-your-booking = Twoja rezerwacja
exam-bring = Zabierz ze sobą: { $bring }
exam-sessions = Wolne terminy
exam-sessions-move = Przenieś na inny termin
exam-choose-session = Wybierz termin
exam-book-button = Rezerwuję ten termin
exam-move-button = Przenieś rezerwację na ten termin
exam-seats-left = { $count ->
    [one] zostało 1 miejsce
    [few] zostały { $count } miejsca
   *[other] zostało { $count } miejsc
}
exam-session-full = Brak miejsc
exam-session-cancelled = Odwołany
exam-session-closed = Rezerwacja już niemożliwa
exam-session-yours = Twoja rezerwacja
exam-download-invitation = Dodaj do kalendarza (.ics)
exam-cancel-booking = Odwołaj rezerwację
exam-change-until = Rezerwację możesz odwołać albo przenieść do { $time } (czasu warszawskiego); pozostałe zmiany terminu: { $moves }.
exam-cancel-until-no-moves = Wykorzystano już wszystkie zmiany terminu; rezerwację możesz jeszcze odwołać do { $time } (czasu warszawskiego).
exam-change-too-late = Na odwołanie lub przeniesienie tej rezerwacji jest już za późno. Jeśli nie możesz przyjść, napisz do biura rekrutacji.
exam-not-required = Ten egzamin nie jest wymagany w Twoim zgłoszeniu, więc nie trzeba niczego rezerwować.
exam-after-submission = Termin zarezerwujesz po wysłaniu zgłoszenia.
exam-not-bookable = W tym zgłoszeniu nie można już rezerwować terminów.
exam-opens-on = Rezerwacja rusza { $time } (czasu warszawskiego).
exam-closed-on = Rezerwacja zakończyła się { $time } (czasu warszawskiego).
exam-cancel-title = Odwołać rezerwację?
exam-cancel-lead = Twoja rezerwacja „{ $exam }” na { $time } zostanie odwołana, a miejsce przejdzie na kogoś innego.
exam-cancel-consequences = Potem możesz zarezerwować inny wolny termin, dopóki trwa rezerwacja.
exam-cancel-confirm = Tak, odwołuję rezerwację
exam-cancel-keep = Nie, zostawiam
exam-back-booking = Wróć do rezerwacji
exam-error-no-session = Wybierz termin.
exam-error-unknown-session = Tego terminu nie ma wśród terminów tego egzaminu. Wybierz termin z listy.
exam-error-session-cancelled = Ten termin został odwołany. Wybierz inny.
exam-error-session-full = Ktoś przed chwilą zajął ostatnie miejsce w tym terminie. Wybierz inny termin.
exam-error-not-open = Rezerwacja jeszcze się nie rozpoczęła.
exam-error-closed = Rezerwacja już się zakończyła.
exam-error-too-late = Na rezerwację, odwołanie lub przeniesienie tego terminu jest już za późno.
exam-error-not-bookable = Termin zarezerwujesz po wysłaniu zgłoszenia.
exam-error-not-required = Ten egzamin nie jest wymagany w Twoim zgłoszeniu.
exam-error-already-booked = Ten egzamin masz już zarezerwowany. Aby zmienić termin, przenieś rezerwację.
exam-error-not-booked = Nie masz rezerwacji tego egzaminu, którą można zmienić.
exam-error-same-session = Jesteś już zapisany(-a) na ten termin.
exam-error-too-many-moves = Wykorzystano już wszystkie zmiany terminu. Rezerwację możesz jeszcze odwołać.
exam-error-not-full = W tym terminie są jeszcze wolne miejsca: zarezerwuj go powyżej.
exam-error-already-waiting = Jesteś już na liście rezerwowej tego egzaminu. Aby czekać na inny termin, najpierw się z niej wypisz.
exam-error-not-waiting = Nie jesteś na liście rezerwowej tego egzaminu.
exam-error-no-offer = Żadne miejsce nie czeka teraz na Ciebie: termin propozycji mógł minąć. Nie jesteś już na liście rezerwowej.
exam-waiting-heading = Twoje miejsce na liście rezerwowej
exam-waiting-place = Jesteś { $position }. na liście rezerwowej terminu { $session }. Jeśli zwolni się miejsce, napiszemy do Ciebie i zatrzymamy je dla Ciebie.
exam-waiting-leave = Wypisz mnie z listy rezerwowej
exam-offer-heading = Czeka na Ciebie miejsce
exam-offer-held = W terminie { $session } zwolniło się miejsce i czeka na Ciebie do { $time } (czasu warszawskiego). Będzie Twoje, gdy je zajmiesz.
exam-offer-take = Zajmij miejsce
exam-offer-decline = Zrezygnuj
exam-full-heading = Terminy bez wolnych miejsc
exam-full-lead = Gdy w pełnym terminie zwolni się miejsce, pierwsza osoba z listy rezerwowej dostaje e-mail, a miejsce czeka na nią { $hours ->
    [one] godzinę
    [few] { $hours } godziny
   *[other] { $hours } godzin
}. Potem przechodzi na następną osobę.
exam-choose-full = Wybierz pełny termin, na który chcesz czekać
exam-wait-button = Zapisz mnie na listę rezerwową
flash-exam-waiting = Jesteś na liście rezerwowej. Napiszemy, jeśli zwolni się miejsce.
flash-exam-left-waiting = Wypisano Cię z listy rezerwowej.
flash-exam-booked = Zarezerwowano. Zaproszenie do kalendarza wysłaliśmy e-mailem.
flash-exam-moved = Rezerwacja została przeniesiona. Zaktualizowane zaproszenie wysłaliśmy e-mailem.
flash-exam-cancelled = Rezerwacja została odwołana, a miejsce jest wolne dla innych.
weekday-1 = poniedziałek
weekday-2 = wtorek
weekday-3 = środa
weekday-4 = czwartek
weekday-5 = piątek
weekday-6 = sobota
weekday-7 = niedziela

## Prowadzenie terminów (pracownicy)

nav-exams = Egzaminy
role-examiner = egzaminator
exam-staff-title = Egzaminy i rozmowy
exam-staff-none = Bieżąca rekrutacja nie określa egzaminów ani rozmów.
exam-staff-scored = Oceniany: otwórz termin, aby zapisać obecność i oceny.
exam-staff-day = Dzień
exam-staff-time = Godzina
exam-staff-place = Miejsce
exam-staff-booked = Zapisani
exam-sheet-empty = Na ten termin nikt się nie zapisał.
exam-sheet-caption = { $count ->
    [one] 1 zapisany kandydat
    [few] { $count } zapisanych kandydatów
   *[other] { $count } zapisanych kandydatów
}
exam-sheet-scale = Oceny od { $min } do { $max }.
exam-sheet-second-hint = Każdego kandydata oceniają dwaj egzaminatorzy; liczy się średnia, gdy obaj ocenią.
exam-sheet-document = Numer dokumentu
exam-sheet-attendance = Obecność
exam-sheet-attendance-of = Obecność: { $name }
exam-sheet-first = Pierwszy egzaminator
exam-sheet-first-of = Ocena pierwszego egzaminatora: { $name }
exam-sheet-second = Drugi egzaminator
exam-sheet-second-of = Ocena drugiego egzaminatora: { $name }
exam-sheet-counted = Wynik
exam-sheet-save = Zapisz obecność i oceny
exam-attendance-present = Obecny
exam-attendance-absent = Nieobecny
exam-attendance-excused = Usprawiedliwiony
exam-score-error-number = Wpisz ocenę jako liczbę, np. 41,5.
exam-score-error-scale = Ta ocena nie mieści się w skali egzaminu.
exam-score-error-not-scored = Ten egzamin nie jest oceniany; zapisz tylko obecność.
exam-score-error-not-present = Ocenę można wystawić tylko kandydatowi oznaczonemu jako obecny.
exam-score-error-same-examiner = Drugą ocenę musi wystawić inny egzaminator niż pierwszą.
exam-score-error-no-second = Ten egzamin nie ma drugiego egzaminatora.
exam-score-error-attendance = Wybierz: obecny, nieobecny albo usprawiedliwiony.
flash-sheet-saved = Zapisano obecność i oceny.
exam-sheet-print = Drukuj listę obecności (PDF)
exam-pdf-title = Lista obecności
exam-pdf-numbers = Numer zgłoszenia: { $receipt } · Dokument: { $document }
exam-pdf-score-line = Ocena: ________
exam-pdf-scores-line = Pierwszy egzaminator: ________   Drugi egzaminator: ________
exam-pdf-signature = Podpis: ______________________________
exam-sheet-cancelled = Ten termin jest odwołany. Jego kandydaci zostali poproszeni o rezerwację innego.
exam-sheet-waiting = { $count ->
    [one] Na liście rezerwowej tego terminu jest jedna osoba.
    [few] Na liście rezerwowej tego terminu są { $count } osoby.
   *[other] Na liście rezerwowej tego terminu jest { $count } osób.
}
exam-office-back-sheet = Wróć do terminu
exam-office-cancel-link = Odwołaj ten termin
exam-office-cancel-title = Odwołać cały termin?
exam-office-cancel-booked = { $count ->
    [0] Nikt nie jest na niego zapisany.
    [one] Rezerwacja jedynej zapisanej osoby zostanie anulowana, a ona dostanie e-mail z prośbą o wybór innego terminu.
    [few] Rezerwacje wszystkich { $count } zapisanych osób zostaną anulowane, a one dostaną e-mail z prośbą o wybór innego terminu.
   *[other] Rezerwacje wszystkich { $count } zapisanych osób zostaną anulowane, a one dostaną e-mail z prośbą o wybór innego terminu.
}
exam-office-cancel-waiting = { $count ->
    [one] Jego lista rezerwowa (jedna osoba) zostanie zamknięta.
    [few] Jego lista rezerwowa ({ $count } osoby) zostanie zamknięta.
   *[other] Jego lista rezerwowa ({ $count } osób) zostanie zamknięta.
}
exam-office-cancel-final = Termin nie przyjmie więcej rezerwacji. Tu nie da się tego cofnąć; aby jednak go przeprowadzić, dodaj do egzaminu nowy termin.
exam-office-cancel-confirm = Tak, odwołaj termin
exam-office-cancel-keep = Nie, zostaw go
exam-office-move-link = Przenieś na inny termin
exam-office-move-title = Przeniesienie na inny termin: { $name }
exam-office-move-lead = Na prośbę kandydata: okres rezerwacji i limit zmian nie obowiązują, ale termin musi mieć wolne miejsce i jeszcze się nie rozpocząć. Kandydat dostanie e-mailem zaktualizowane zaproszenie.
exam-office-move-choose = Przenieś rezerwację na
exam-office-move-none = Ten egzamin nie ma innych terminów.
exam-office-move-button = Przenieś rezerwację
exam-office-error-same-session = Kandydat jest już zapisany na ten termin. Wybierz inny.
exam-office-error-full = W tym terminie nie ma już wolnego miejsca. Wybierz inny.
exam-office-error-started = Ten termin już się rozpoczął. Wybierz przyszły.
flash-session-cancelled = Termin jest odwołany, a jego kandydaci dostali e-mail z prośbą o wybór innego.
flash-booking-moved = Rezerwacja została przeniesiona, a kandydat dostał e-mailem zaktualizowane zaproszenie.
exam-import-link = Importuj wyniki z arkusza
exam-import-title = Import wyników z arkusza
exam-import-booked = { $count ->
    [one] Na terminy tego egzaminu jest zapisana jedna osoba.
    [few] Na terminy tego egzaminu są zapisane { $count } osoby.
   *[other] Na terminy tego egzaminu jest zapisanych { $count } osób.
}
exam-import-download = Pobierz ich listę jako arkusz do wypełnienia (CSV)
exam-import-format = Plik CSV (rozdzielany przecinkami lub średnikami, tak jak zapisuje go arkusz) z wierszem nagłówka. Odczytywane kolumny to:
exam-import-column-registration = numer (lub registration): numer zgłoszenia kandydata, jak na liście obecności;
exam-import-column-attendance = obecność (lub attendance): obecny, nieobecny lub usprawiedliwiony (present, absent, excused);
exam-import-column-score = wynik (lub score): wynik pierwszego egzaminatora w skali egzaminu, np. 41,5 lub 41.5;
exam-import-column-second = drugi (lub second): wynik drugiego egzaminatora.
exam-import-rules = Pozostałe kolumny są pomijane, a pusta komórka zostawia to, co zapisano. Osoba z wynikiem zostaje oznaczona jako obecna, chyba że plik mówi inaczej. Importowane wyniki zapisują się jako Twoje. Jeśli którykolwiek wiersz jest błędny, nic nie zostaje zaimportowane, a każdy problem jest podany z numerem wiersza.
exam-import-file = Wypełniony arkusz (CSV)
exam-import-button = Importuj wyniki
exam-import-no-file = Wybierz plik CSV do importu.
exam-import-at-line = Wiersz { $line }: { $problem }
exam-import-error-empty = Plik jest pusty.
exam-import-error-no-registration-column = W wierszu nagłówka brak kolumny z numerem zgłoszenia (numer lub registration).
exam-import-error-nothing = W wierszu nagłówka brak kolumny obecności i kolumny wyniku.
exam-import-error-quote = Komórka w cudzysłowie nie jest zamknięta.
exam-import-error-no-registration = Brak numeru zgłoszenia.
exam-import-error-twice = Numer { $registration } występuje dwa razy.
exam-import-error-unknown = Nikt zapisany na ten egzamin nie ma numeru zgłoszenia { $registration }.
exam-import-error-attendance = „{ $registration }” to nie obecność: wpisz obecny, nieobecny lub usprawiedliwiony.
flash-scores-imported = Wyniki zostały zaimportowane.
