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
