# Reguły automatyczne: wpisy w historii zgłoszenia.
history-automated = { $note }
staff-history-automated = { $note } (reguła { $rule })
nav-automation = Automatyzacja
automation-title = Reguły automatyczne
automation-lead = Co portal robi sam, gdy coś dzieje się ze zgłoszeniem albo nadchodzi dany termin. Reguły są częścią definicji rekrutacji (automation.toml); każda działa raz dla danego zgłoszenia i zdarzenia.
automation-none = Rekrutacja nie ma reguł automatycznych.
automation-off = wyłączona
automation-back = Wszystkie reguły automatyczne
automation-dry-run-link = Próba na sucho
automation-dry-run = Próba na sucho: co zrobiłaby teraz
automation-rule-id = Reguła
automation-rule-trigger = Kiedy
automation-rule-statuses = Zgłoszenia o statusie
automation-rule-when = Warunek
automation-rule-actions = Co robi
automation-rule-fired = Dotąd zadziałała
automation-rule-never = ani razu
automation-any-status = dowolnym
automation-trigger-status = gdy status zmieni się na: { $to }
automation-trigger-before = { $offset } przed tym, jak { $anchor }
automation-trigger-after = { $offset } po tym, jak { $anchor }
automation-trigger-repeat = , potem co { $days ->
    [one] dzień
   *[other] { $days } dni
  }, dopóki to trwa
automation-trigger-daily = codziennie o { $time } (czas warszawski)
automation-offset = { $days ->
    [0] { $hours ->
        [0] zaraz
        [one] 1 godzinę
        [few] { $hours } godziny
       *[other] { $hours } godzin
      }
    [one] 1 dzień{ $hours ->
        [0] {""}
        [one] {" "}i 1 godzinę
        [few] {" "}i { $hours } godziny
       *[other] {" "}i { $hours } godzin
      }
   *[other] { $days } dni{ $hours ->
        [0] {""}
        [one] {" "}i 1 godzinę
        [few] {" "}i { $hours } godziny
       *[other] {" "}i { $hours } godzin
      }
  }
automation-anchor-cycle-closes = kończy się rejestracja
automation-anchor-payment-deadline = mija termin wniesienia opłaty
automation-anchor-round-confirm-by = mija termin potwierdzenia w każdej turze
automation-anchor-application-started = zgłoszenie zostaje rozpoczęte
automation-anchor-application-submitted = zgłoszenie zostaje złożone
automation-anchor-document-rejected = dokument zostaje odrzucony
automation-anchor-exam-session = zaczyna się zarezerwowany termin egzaminu lub rozmowy
automation-event-document-rejected = gdy dokument zostanie odrzucony
automation-event-document-accepted = gdy dokument zostanie przyjęty
automation-event-payment-received = gdy wpłynie opłata
automation-event-booking-made = gdy kandydat zarezerwuje termin egzaminu lub rozmowy
automation-event-booking-cancelled = gdy rezerwacja zostanie odwołana
automation-action-send = wysyła wiadomość „{ $message }” przez: { $channels }
automation-action-status = zmienia status na: { $status }
automation-action-history = zapisuje w historii: „{ $note }”
automation-channel-email = e-mail
automation-outcome-acted = zadziałała
automation-outcome-waiting = czeka na wykonanie
automation-outcome-rule-gone = nie zadziałała: regułę zmieniono lub wyłączono
automation-outcome-status-differs = nie zadziałała: status zgłoszenia się zmienił
automation-outcome-condition-false = nie zadziałała: warunek nie był spełniony
automation-outcome-moved-meanwhile = nie zadziałała: zgłoszenie zmieniono w tej samej chwili
automation-next = Najbliższy termin tej reguły: { $time }.
automation-next-none = Żaden termin tej reguły nie jest przed nami.
automation-next-event = Działa, gdy coś się wydarzy, nie o danej porze.
automation-would-act = Gdyby zadziałała teraz, objęłaby { $count } z { $scope } zgłoszeń o statusach, których dotyczy.
automation-partial = Sprawdzono tylko pierwsze { $count } zgłoszeń.
automation-errors = Nie udało się sprawdzić warunku dla tych zgłoszeń
automation-col-application = Zgłoszenie
automation-col-programme = Kierunek
automation-col-status = Status
# Wiadomości wysłane w sprawie zgłoszenia.
messages-heading = Wysłane wiadomości
messages-to-you = Wiadomości, które Ci wysłaliśmy
messages-none = W sprawie tego zgłoszenia nie wysłano jeszcze żadnej wiadomości.
messages-when = Kiedy
messages-channel = Kanał
messages-subject = Temat
messages-source = Na podstawie
messages-delivery = Wysyłka
messages-channel-email = e-mail
messages-sent = wysłano { $time }
messages-waiting = czeka na wysłanie
messages-retrying = jeszcze nie wysłano, ponawiamy ({ $error })
messages-failed = nie wysłano: { $error }
messages-not-delivered = nie udało się wysłać
messages-source-written = wiadomość „{ $message }” z { $version }
messages-source-builtin = własna wiadomość portalu „{ $message }”
