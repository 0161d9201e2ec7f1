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
   *[other] { $channel }
}
item-due = Czeka na wpłatę
item-payment-pending = Płatność w trakcie potwierdzania
item-paid = Zapłacono
item-refunded = Zwrócono
history-fee-paid = zapłacono opłatę rekrutacyjną ({ $channel ->
    [sandbox] płatność demonstracyjna
   *[other] { $channel }
})
staff-history-fee-paid = kandydat zapłacił opłatę rekrutacyjną ({ $channel ->
    [sandbox] płatność demonstracyjna
   *[other] { $channel }
})
flash-payment-received = Dziękujemy: wpłata dotarła i opłata jest zapłacona.
flash-payment-processing = Operator płatności potwierdza Twoją wpłatę. Ta strona pokaże ją jako zapłaconą, gdy tylko nadejdzie potwierdzenie.
flash-payment-unavailable = Płatność online jest w tej chwili niedostępna.
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
staff-fee-state = { $amount }: { $status }.
staff-fee-channel = Kanał
