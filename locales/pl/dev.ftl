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
