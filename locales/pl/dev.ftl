## Skrzynka deweloperska
mailbox-title = Skrzynka deweloperska
mailbox-intro = Wszystkie e-maile wysłane przez portal, od najnowszych. W środowisku produkcyjnym trafiają do prawdziwych skrzynek.
mailbox-warning = Tylko w trybie demonstracyjnym. Każdy, kto może otworzyć tę stronę, czyta wszystkie wiadomości, także linki do resetu hasła, więc może przejąć dowolne konto, również konto administratora demo. Nie uruchamiaj trybu demonstracyjnego tam, gdzie mają dostęp inni.
mailbox-empty = Nie ma jeszcze żadnych e-maili.
mailbox-when = Wysłano
mailbox-to = Do
mailbox-subject = Temat
mailbox-state = Doręczenie
mailbox-back = Wróć do skrzynki
mailbox-state-sent = doręczony
mailbox-state-failed = nieudany
mailbox-state-queued = w kolejce

## Piaskownica płatności
sandbox-title = Piaskownica płatności
sandbox-warning = Tylko w trybie demonstracyjnym. Ta strona zastępuje stronę operatora płatności; żadne pieniądze nie są przekazywane. Każdy przycisk wysyła portalowi powiadomienie, jakie wysłałby prawdziwy operator.
sandbox-amount = Kwota: { $amount }
sandbox-paid = Zapłać
sandbox-failed = Płatność się nie udaje
sandbox-late = Zapłać, a powiadomienie dotrze 10 sekund później
sandbox-twice = Zapłać, a powiadomienie dotrze dwa razy
sandbox-closed = Ta płatność jest zakończona.
sandbox-back = Wróć do zgłoszenia
