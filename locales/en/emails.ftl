## Emails
email-greeting = Hello,
email-signature = Admissions office, { $institution }
email-verify-subject = Confirm your email address – { $institution }
email-verify-body = Thank you for creating an account in the admissions portal. Confirm your email address to start applying.
email-verify-ignore = If you did not create this account, ignore this message: nothing will happen.
email-verify-action = Confirm my email address
email-exists-subject = About your account – { $institution }
email-exists-body = Someone, perhaps you, tried to create a new account with this email address. You already have an account, so no new one was created.
email-exists-reset = If you have forgotten your password, you can reset it here: { $link }
email-exists-ignore = If it was not you, ignore this message: your account is unchanged.
email-exists-action = Log in
email-reset-subject = Reset your password – { $institution }
email-reset-body = We received a request to reset the password of your account. The link below is valid for one hour and can be used once.
email-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.
email-reset-action = Choose a new password
email-set-password-subject = Your staff account – { $institution }
email-set-password-body = An account in the admissions portal has been created for you with the role: { $role }.
email-set-password-expiry = Choose your password with the link below. It is valid for 72 hours and can be used once.
email-set-password-action = Set my password

email-submitted-subject = Application submitted – { $institution }
email-submitted-body = We have received your application for { $programme }.
email-submitted-receipt = Receipt number: { $receipt }, submitted on { $time } (Warsaw time). Keep it: it identifies your application.
email-submitted-next = We will check your application and documents and let you know if anything needs correcting. You can follow its status and checklist in the portal.
email-submitted-action = See my application

email-document-rejected-subject = A document needs correcting – { $institution }
email-document-rejected-body = We have checked your document “{ $document }” and cannot accept it.
email-document-rejected-reason = Reason: { $reason }
email-document-rejected-due = Please send a corrected version by { $date }.
email-document-rejected-next = Send a new file on the page below; it replaces the rejected one and we will check it again.
email-document-rejected-action = Send a corrected document
email-payment-received-subject = Payment received – { $institution }
email-payment-received-body = We have received your payment of { $amount }: the application fee for { $programme } is paid.
email-payment-received-when = Paid on { $time } (Warsaw time), { $channel ->
    [sandbox] demo payment
   *[other] { $channel }
}.
email-payment-received-note = This email confirms the payment; it is not an invoice.
email-payment-received-action = See my application
email-refund-sent-subject = Application fee refund – { $institution }
email-refund-sent-body = We have given back { $amount } of your application fee for { $programme }.
email-refund-sent-reason = Reason: { $reason }
email-refund-sent-where = { $channel ->
    [bank_transfer] It was sent by bank transfer to the account { $account }; banks usually book it within one or two working days.
    [sandbox] This was a demo payment, so no real money moves.
   *[other] It goes back to the card or account you paid from; depending on your bank this can take a few working days.
}
email-refund-sent-action = See my application

email-exam-booked-subject = Booked: { $exam } – { $institution }
email-exam-booked-body = Your place at the { $exam } for { $programme } is booked. The invitation for your calendar is attached.
email-exam-booked-note = You can cancel or move this booking on your application page until { $time } (Warsaw time).
email-exam-moved-subject = Moved: { $exam } – { $institution }
email-exam-moved-body = Your booking for the { $exam } ({ $programme }) has been moved. The attached invitation replaces the earlier one in your calendar.
email-exam-moved-note = You can cancel or move it again until { $time } (Warsaw time), if moves are left.
email-exam-cancelled-subject = Cancelled: { $exam } – { $institution }
email-exam-cancelled-body = Your booking for the { $exam } ({ $programme }) is cancelled, and the attachment removes it from your calendar. This session was:
email-exam-cancelled-note = You can book another session until { $time } (Warsaw time).
email-exam-reminder-subject = Tomorrow: { $exam } – { $institution }
email-exam-reminder-body = A reminder: your { $exam } for { $programme } is tomorrow.
email-exam-reminder-note = If you cannot come, cancel on your application page until { $time } (Warsaw time), so that someone else can take the seat.
email-exam-offered-subject = A seat is free: { $exam } – { $institution }
email-exam-offered-body = A seat has freed in the { $exam } session ({ $programme }) whose waiting list you joined, and it is held for you. Take it on your application page; until you do, it is not booked.
email-exam-offered-note = The seat is held for you until { $time } (Warsaw time). After that it goes to the next person waiting.
email-exam-session-cancelled-subject = Session cancelled: { $exam } – { $institution }
email-exam-session-cancelled-body = The admissions office has had to cancel the { $exam } session ({ $programme }) you had booked. Your booking is cancelled and the attachment removes it from your calendar. Please book another session. The cancelled session was:
email-exam-session-cancelled-note = You can book another session until { $time } (Warsaw time).
email-exam-rescheduled-subject = New time: { $exam } – { $institution }
email-exam-rescheduled-body = The admissions office has changed the time of your { $exam } session ({ $programme }). Your booking stays; the attached invitation replaces the earlier one in your calendar. The session is now:
email-exam-rescheduled-note = If the new time does not suit you, you can cancel or move the booking until { $time } (Warsaw time).
email-exam-when = When: { $time } (Warsaw time)
email-exam-where = Where: { $place }
email-exam-bring = Please bring: { $bring }
email-exam-action = See my booking
