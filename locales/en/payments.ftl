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
    [bank_transfer] bank transfer
    [przelewy24] Przelewy24
    [stripe] Stripe
   *[other] { $channel }
}
item-due = Awaiting payment
item-payment-pending = Payment being confirmed
item-paid = Paid
item-refunded = Refunded
history-fee-paid = application fee paid ({ $channel ->
    [sandbox] demo payment
    [bank_transfer] bank transfer
    [przelewy24] Przelewy24
    [stripe] Stripe
   *[other] { $channel }
})
staff-history-fee-paid = application fee paid ({ $channel ->
    [sandbox] demo payment
    [bank_transfer] bank transfer
    [przelewy24] Przelewy24
    [stripe] Stripe
   *[other] { $channel }
})
flash-payment-received = Thank you: your payment is in and the fee is paid.
flash-payment-processing = Your payment is being confirmed by the payment provider. This page shows it as paid as soon as the confirmation arrives.
flash-payment-unavailable = Online payment is not available at the moment.
flash-payment-gateway-down = The payment service cannot be reached just now, and nothing was charged. Try again in a while, or pay by bank transfer where the transfer details are shown below.
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
fee-reason-gateway-unreachable = the payment service could not be reached
fee-reason-checkout-abandoned = a payment that was never opened was given up
staff-fee-state = { $amount }: { $status }.
staff-fee-channel = Channel
fee-due-transfer = The application fee of { $amount } is due. Pay it by bank transfer to your own account number below.
fee-transfer-heading = Pay by bank transfer
fee-transfer-recipient = Recipient
fee-transfer-account = Account number
fee-transfer-title-label = Transfer title
fee-transfer-amount = Amount
fee-transfer-title = Application fee { $reference }
fee-transfer-booking = This account number is yours alone, so the payment is recognised whoever sends it. Banks take up to { $days } working days to book a transfer; the day the transfer is sent counts, not the day it is booked.
fee-reason-transfer = a bank transfer was matched
payments-title = Payments
payments-lead = Import the bank's statements here: a transfer to a candidate's own account number pays their unpaid fees, oldest first. What cannot be matched waits below until you match it.
payments-import-heading = Import a bank statement
payments-import-file = Statement file
payments-import-hint = MT940 (UTF-8 or Windows-1250) or camt.053 XML, as the bank exports it. Importing the same file again credits nothing twice.
payments-import-submit = Import
payments-import-no-file = Choose the statement file to import.
payments-import-encoding = The file is neither UTF-8 nor Windows-1250 text. Export the statement again as MT940 or camt.053; nothing was imported.
payments-import-malformed = The file is not a statement the portal can read (line { $line }: { $what }); nothing was imported.
payments-import-truncated = The file ends before the statement's closing balance: it was cut short. Export it again; nothing was imported.
payments-import-unbalanced = The entries do not add up to the closing balance: the file is incomplete or altered. Nothing was imported.
payments-import-check-digits = The statement's account { $account } has wrong check digits; nothing was imported.
payments-import-empty = The file holds no statement; nothing was imported.
payments-import-summary = { $credits ->
    [one] 1 new credit
   *[other] { $credits } new credits
}: { $matched } matched, { $unmatched } left for matching by hand, { $repeated } imported before.
payments-import-fees-paid = { $count ->
    [one] 1 fee paid.
   *[other] { $count } fees paid.
}
payments-queue-heading = Transfers to match
payments-queue-count = { $count ->
    [0] No transfer is waiting.
    [one] 1 transfer is waiting.
   *[other] { $count } transfers are waiting.
}
payments-credit-date = Sent on
payments-credit-amount = Amount
payments-credit-payer = Payer and title
payments-credit-why = Why not matched
payments-credit-match = Match to
payments-match-suggestion = Match to { $fee }
payments-match-application = Receipt number of the application
payments-match-hint = The number the candidate got when submitting, e.g. from the transfer title.
payments-match-submit = Match
payments-match-empty = Enter the application's receipt number.
payments-match-no-fee = No application with a fee has this receipt number.
payments-match-not-payable = This application's fee is not unpaid (paid already, waived or refunded).
payments-match-currency = The transfer is in another currency than this fee.
payments-match-too-little = What is left of the transfer does not cover this fee.
payments-match-settled = This transfer was matched meanwhile.
payments-matched = The transfer pays the fee of application { $application } now.
payments-statements-heading = Statements imported
payments-statements-none = No statement has been imported yet.
payments-statement-imported = Imported
payments-statement-file = File
payments-statement-result = Result
credit-unmatched-no-account = It names none of the candidates' account numbers.
credit-unmatched-check-digits = It names a candidate account number with wrong check digits (mistyped).
credit-unmatched-amount-short = It is to a candidate's account, but covers none of their unpaid fees.
credit-unmatched-nothing-due = It is to a candidate's account, but no fee of theirs is due in this currency.
nav-payments = Payments
fee-due-either = The application fee of { $amount } is due. Pay it online here, or by bank transfer to your own account number below.
payments-fees-title = Every fee
payments-fees-filters = Filter the fees
payments-fees-status = Status
payments-fees-channel = Paid through
payments-fees-from = Paid on or after
payments-fees-until = Paid on or before
payments-fees-paid = Paid
payments-fees-csv = Download as CSV
payments-fees-count = { $count ->
    [one] 1 fee.
   *[other] { $count } fees.
}
payments-fees-link = Every fee, with filters and CSV export
fee-pay-by = The fee may be paid until { $deadline } (Warsaw time); your application stays submitted until then. For a bank transfer, the day it is sent counts.
application-submit-and-pay = Submit and pay { $amount }
fee-reason-paid-twice = paid a second time through an open checkout after the fee was paid: refund the second payment
fee-confirmation-link = Payment confirmation (PDF)
payment-pdf-title = Payment confirmation
payment-pdf-lead = This confirms that the payment below was received for the application. It is a confirmation of payment, not an invoice.
payment-pdf-candidate = Candidate
payment-pdf-programme = Programme
payment-pdf-application = Application (receipt number)
payment-pdf-amount = Amount
payment-pdf-paid-on = Paid on
payment-pdf-channel = Paid by
payment-pdf-reference = Payment reference
payment-pdf-issued = Issued on
history-fee-refunded = { $amount } of the application fee given back to you
staff-history-fee-refunded = { $amount } of the application fee refunded
fee-reason-refund-asked = a refund was asked for
fee-reason-refund-failed = a refund did not go through: nothing was given back
fee-reason-refunded = money was given back
staff-fee-refunds = Refunds of this fee
refund-title = Refund the application fee
refund-back = Back to the application
refund-fee = Fee
refund-left = Left to refund
refund-form-heading = Give money back
refund-route-gateway = The money goes back through { $channel } to the card or account it was paid from.
refund-route-transfer = The money goes back as a bank transfer that the finance office makes: give the account to send it to. The refund waits in the payments page until you mark it sent.
refund-amount = Amount
refund-amount-hint = At most { $left }. For example 85.00 or 85,00.
refund-reason = Reason
refund-reason-hint = Why the money is given back; the candidate reads it in the email telling them.
refund-account = Account to send it to
refund-account-hint = The payer's account number (26 digits) or IBAN, as on the bank statement.
refund-submit = Refund
refund-nothing-left = Nothing is left to refund on this fee.
refunds-heading = Refunds
refunds-none = No refunds yet.
refund-asked = Asked for
refund-how = How
refund-state = State
refund-mark-sent = Mark as sent
refund-state-requested = asked of the gateway
refund-state-to-send = to send by transfer
refund-state-completed = given back
refund-state-failed = not given back
refund-problem-unreachable = the payment service could not be reached
refund-problem-refused = the payment service refused it
refund-error-amount = Enter the amount as a sum like 85.00.
refund-error-zero = Enter an amount above zero.
refund-error-more-than-left = That is more than is left to refund.
refund-error-reason = Say why the money is given back.
refund-error-account = Enter an account number whose check digits are right (26 digits, or an IBAN).
refund-error-not-refundable = This fee is not paid, or is refunded already.
refunds-to-send-heading = Refunds to send by transfer
refunds-to-send-count = { $count ->
    [0] No refunds are waiting to be sent.
    [one] One refund is waiting to be sent.
   *[other] { $count } refunds are waiting to be sent.
}
flash-refund-completed = The money was given back.
flash-refund-requested = The payment service took the refund; it is complete when the service confirms it.
flash-refund-to-send = The refund waits for the transfer: send it from the bank, then mark it sent.
flash-refund-refused = The payment service refused the refund, and nothing was given back. What it said is in the list below.
flash-refund-gateway-down = The payment service cannot be reached, and nothing was given back. Try again in a while.
flash-refund-sent = The refund is marked sent, and the candidate is told.
staff-money-heading = The candidate's fees
staff-money-programme = Programme
staff-money-balance = { $amount } left over from a transfer booked on { $date }: the candidate's balance, to refund.
fee-reason-refunded-extra = a second payment was given back
refund-extra-heading = Paid twice
refund-extra-lead = The fee was already paid when these payments came in. Give each back whole; the fee stays paid.
refund-extra-payment = { $amount } through { $channel }
refund-extra-submit = Give back { $amount }
refund-extra-given = Given back, or asked of the payment service.
refund-error-not-extra = This payment is not a second payment of the fee, or it is given back already.
fee-reason-refunded-balance = money left over from a transfer was sent back
refund-balance-heading = Money left over
refund-balance-submit = Send it back by transfer
refund-error-no-balance = Nothing is left over on this transfer.
