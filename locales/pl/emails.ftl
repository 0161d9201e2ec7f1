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

email-submitted-subject = Zgłoszenie wysłane – { $institution }
email-submitted-body = Otrzymaliśmy Twoje zgłoszenie na kierunek { $programme }.
email-submitted-receipt = Numer potwierdzenia: { $receipt }, wysłano { $time } (czas warszawski). Zachowaj go: identyfikuje Twoje zgłoszenie.
email-submitted-next = Sprawdzimy zgłoszenie i dokumenty i damy znać, jeśli coś trzeba poprawić. Status i listę braków możesz śledzić w portalu.
email-submitted-action = Zobacz moje zgłoszenie

email-document-rejected-subject = Dokument wymaga poprawienia – { $institution }
email-document-rejected-body = Sprawdziliśmy Twój dokument „{ $document }” i nie możemy go przyjąć.
email-document-rejected-reason = Powód: { $reason }
email-document-rejected-due = Prześlij poprawioną wersję do { $date }.
email-document-rejected-next = Prześlij nowy plik na stronie poniżej; zastąpi on odrzucony, a my sprawdzimy go ponownie.
email-document-rejected-action = Prześlij poprawiony dokument
email-payment-received-subject = Wpłata otrzymana – { $institution }
email-payment-received-body = Otrzymaliśmy Twoją wpłatę { $amount }: opłata rekrutacyjna za { $programme } jest zapłacona.
email-payment-received-when = Zapłacono { $time } (czasu warszawskiego), { $channel ->
    [sandbox] płatność demonstracyjna
   *[other] { $channel }
}.
email-payment-received-note = Ten e-mail potwierdza wpłatę; nie jest fakturą.
email-payment-received-action = Zobacz moje zgłoszenie
email-refund-sent-subject = Zwrot opłaty rekrutacyjnej – { $institution }
email-refund-sent-body = Zwróciliśmy Ci { $amount } opłaty rekrutacyjnej za { $programme }.
email-refund-sent-reason = Powód: { $reason }
email-refund-sent-where = { $channel ->
    [bank_transfer] Wysłaliśmy przelew na rachunek { $account }; banki księgują go zwykle w ciągu jednego–dwóch dni roboczych.
    [sandbox] To była płatność demonstracyjna, więc żadne prawdziwe pieniądze nie wracają.
   *[other] Pieniądze wrócą na kartę lub rachunek, z którego zapłacono; zależnie od banku może to potrwać kilka dni roboczych.
}
email-refund-sent-action = Zobacz moje zgłoszenie

email-exam-booked-subject = Rezerwacja: { $exam } – { $institution }
email-exam-booked-body = Zarezerwowaliśmy Ci miejsce: „{ $exam }” (kierunek { $programme }). Zaproszenie do kalendarza jest w załączniku.
email-exam-booked-note = Rezerwację możesz odwołać albo przenieść na stronie zgłoszenia do { $time } (czasu warszawskiego).
email-exam-moved-subject = Zmiana terminu: { $exam } – { $institution }
email-exam-moved-body = Twoja rezerwacja „{ $exam }” (kierunek { $programme }) została przeniesiona. Zaproszenie w załączniku zastępuje poprzednie w Twoim kalendarzu.
email-exam-moved-note = Możesz ją odwołać albo przenieść ponownie do { $time } (czasu warszawskiego), jeśli nie wykorzystano limitu zmian.
email-exam-cancelled-subject = Odwołanie rezerwacji: { $exam } – { $institution }
email-exam-cancelled-body = Twoja rezerwacja „{ $exam }” (kierunek { $programme }) została odwołana, a załącznik usuwa ją z Twojego kalendarza. Był to termin:
email-exam-cancelled-note = Inny termin możesz zarezerwować do { $time } (czasu warszawskiego).
email-exam-reminder-subject = Jutro: { $exam } – { $institution }
email-exam-reminder-body = Przypominamy: { $exam } (kierunek { $programme }) odbędzie się jutro.
email-exam-reminder-note = Jeśli nie możesz przyjść, odwołaj rezerwację na stronie zgłoszenia do { $time } (czasu warszawskiego), aby ktoś inny mógł zająć miejsce.
email-exam-offered-subject = Zwolniło się miejsce: { $exam } – { $institution }
email-exam-offered-body = W terminie „{ $exam }” (kierunek { $programme }), na którego listę rezerwową się zapisano, zwolniło się miejsce i czeka na Ciebie. Zajmij je na stronie zgłoszenia; dopóki tego nie zrobisz, nie jest zarezerwowane.
email-exam-offered-note = Miejsce czeka na Ciebie do { $time } (czasu warszawskiego). Potem przejdzie na następną osobę z listy.
email-exam-session-cancelled-subject = Termin odwołany: { $exam } – { $institution }
email-exam-session-cancelled-body = Biuro rekrutacji musiało odwołać zarezerwowany przez Ciebie termin „{ $exam }” (kierunek { $programme }). Twoja rezerwacja jest anulowana, a załącznik usuwa ją z kalendarza. Zarezerwuj, proszę, inny termin. Odwołany termin:
email-exam-session-cancelled-note = Inny termin możesz zarezerwować do { $time } (czasu warszawskiego).
email-exam-rescheduled-subject = Nowa godzina: { $exam } – { $institution }
email-exam-rescheduled-body = Biuro rekrutacji zmieniło godzinę Twojego terminu „{ $exam }” (kierunek { $programme }). Rezerwacja pozostaje; zaproszenie w załączniku zastępuje poprzednie w kalendarzu. Termin odbędzie się:
email-exam-rescheduled-note = Jeśli nowa godzina Ci nie odpowiada, możesz odwołać lub przenieść rezerwację do { $time } (czasu warszawskiego).
email-exam-when = Kiedy: { $time } (czasu warszawskiego)
email-exam-where = Gdzie: { $place }
email-exam-bring = Zabierz ze sobą: { $bring }
email-exam-action = Zobacz rezerwację
