## Application fees
fee-heading = Application fee
fee-due = The application fee of { $amount } is due. Pay it online here.
fee-pending = A payment of { $amount } was started and is being confirmed by the payment provider. If it did not go through, pay again: you go back to the same payment, so you are never charged twice.
fee-paid = Paid on { $date } ({ $channel }).
fee-waived = You do not pay the application fee.
fee-refunded = The application fee was refunded.
fee-pay = Pay { $amount }
fee-no-online = Online payment is not available; the admissions office will tell you how to pay.
payment-channel = { $channel ->
    [sandbox] demo payment
   *[other] { $channel }
}
item-due = Awaiting payment
item-payment-pending = Payment being confirmed
item-paid = Paid
item-refunded = Refunded
history-fee-paid = application fee paid ({ $channel ->
    [sandbox] demo payment
   *[other] { $channel }
})
staff-history-fee-paid = application fee paid ({ $channel ->
    [sandbox] demo payment
   *[other] { $channel }
})
flash-payment-received = Thank you: your payment is in and the fee is paid.
flash-payment-processing = Your payment is being confirmed by the payment provider. This page shows it as paid as soon as the confirmation arrives.
flash-payment-unavailable = Online payment is not available at the moment.
flash-payment-failed = The payment did not go through, and nothing was charged. The fee is still to pay: you can try again.
reason-fee-due = Every candidate pays it.
fee-status-due = due
fee-status-pending = being paid
fee-status-paid = paid
fee-status-refunded = refunded
fee-status-partially-refunded = partly refunded
fee-status-waived = waived
fee-status-cancelled = cancelled
fee-reason-submitted = due since the application was submitted
fee-reason-waived = waived by the programme's rule
fee-reason-checkout = the candidate started a payment
fee-reason-credited = the payment provider confirmed the payment
fee-reason-checkout-failed = the payment did not go through
staff-fee-state = { $amount }: { $status }.
staff-fee-channel = Channel
