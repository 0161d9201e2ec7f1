## Booking exam and interview sessions

checklist-exam = Book a date: { $name }
reason-exam-always = The programme requires it of every candidate.
reason-exam-after-submission = You can book a date once you have submitted the application.
item-book-later = After submission
item-to-book = To book
item-booked = Booked
exam-your-booking = Your booking
exam-bring = Please bring: { $bring }
exam-sessions = Free dates
exam-sessions-move = Move to another date
exam-choose-session = Choose a date
exam-book-button = Book this date
exam-move-button = Move my booking here
exam-seats-left = { $count ->
    [one] 1 seat left
   *[other] { $count } seats left
}
exam-session-full = Full
exam-session-cancelled = Cancelled
exam-session-closed = No longer bookable
exam-session-yours = Your booking
exam-download-invitation = Add to my calendar (.ics)
exam-cancel-booking = Cancel my booking
exam-change-until = You can cancel or move this booking until { $time } (Warsaw time); moves left: { $moves }.
exam-cancel-until-no-moves = You have used all the moves allowed; you can still cancel until { $time } (Warsaw time).
exam-change-too-late = It is too late to cancel or move this booking. If you cannot come, write to the admissions office.
exam-not-required = This exam is not required for your application, so there is nothing to book.
exam-after-submission = You can book a date once you have submitted the application.
exam-not-bookable = Dates cannot be booked for this application any more.
exam-opens-on = Booking opens on { $time } (Warsaw time).
exam-closed-on = Booking closed on { $time } (Warsaw time).
exam-cancel-title = Cancel the booking?
exam-cancel-lead = Your booking for { $exam } on { $time } will be cancelled and the seat given to someone else.
exam-cancel-consequences = You can book another free date afterwards while booking is open.
exam-cancel-confirm = Yes, cancel my booking
exam-cancel-keep = No, keep it
exam-back-booking = Back to the booking
exam-error-no-session = Choose a date.
exam-error-unknown-session = This date is not one of this exam's. Choose one from the list.
exam-error-session-cancelled = This date has been cancelled. Choose another one.
exam-error-session-full = Someone else took the last seat on this date a moment ago. Choose another date.
exam-error-not-open = Booking has not opened yet.
exam-error-closed = Booking has closed.
exam-error-too-late = It is too late to book, cancel or move this date.
exam-error-not-bookable = You can book a date once you have submitted the application.
exam-error-not-required = This exam is not required for your application.
exam-error-already-booked = You have already booked this exam. To change the date, move your booking.
exam-error-not-booked = You have no booking of this exam to change.
exam-error-same-session = You are already booked on this date.
exam-error-too-many-moves = You have moved this booking as many times as allowed. You can still cancel it.
exam-error-not-full = This date still has free seats: book it above instead.
exam-error-already-waiting = You are already on a waiting list for this exam. Leave it first to wait for another date.
exam-error-not-waiting = You are not on a waiting list for this exam.
exam-error-no-offer = No seat is held for you now: the offer may have run out. You are no longer on the waiting list.
exam-waiting-heading = Your place on the waiting list
exam-waiting-place = You are number { $position } on the waiting list for { $session }. If a seat frees, we will email you and hold it for you.
exam-waiting-leave = Leave the waiting list
exam-offer-heading = A seat is held for you
exam-offer-held = A seat has freed on { $session } and is held for you until { $time } (Warsaw time). It is yours once you take it.
exam-offer-take = Take the seat
exam-offer-decline = Decline it
exam-full-heading = Full dates
exam-full-lead = If a seat frees on a full date, the first person on its waiting list is emailed and the seat is held for them for { $hours ->
    [one] one hour
   *[other] { $hours } hours
}. Then it goes to the next person.
exam-choose-full = Choose a full date to wait for
exam-wait-button = Join the waiting list
flash-exam-waiting = You are on the waiting list. We will email you if a seat frees.
flash-exam-left-waiting = You have left the waiting list.
flash-exam-booked = Booked. We have emailed you the invitation for your calendar.
flash-exam-moved = Your booking has been moved. We have emailed you the updated invitation.
flash-exam-cancelled = Your booking has been cancelled, and the seat is free for others.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## Running sessions (staff)

nav-exams = Exams
role-examiner = examiner
exam-staff-title = Exams and interviews
exam-staff-none = The current cycle defines no exams or interviews.
exam-staff-scored = Scored: open a session to record attendance and scores.
exam-staff-day = Day
exam-staff-time = Time
exam-staff-place = Place
exam-staff-booked = Booked
exam-sheet-empty = Nobody is booked into this session.
exam-sheet-caption = { $count ->
    [one] 1 candidate booked
   *[other] { $count } candidates booked
}
exam-sheet-scale = Scores from { $min } to { $max }.
exam-sheet-second-hint = Two examiners score each candidate; the average counts once both have.
exam-sheet-document = Document number
exam-sheet-attendance = Attendance
exam-sheet-attendance-of = Attendance of { $name }
exam-sheet-first = First examiner
exam-sheet-first-of = First examiner's score for { $name }
exam-sheet-second = Second examiner
exam-sheet-second-of = Second examiner's score for { $name }
exam-sheet-counted = Score
exam-sheet-save = Save attendance and scores
exam-attendance-present = Present
exam-attendance-absent = Absent
exam-attendance-excused = Excused
exam-score-error-number = Enter the score as a number, e.g. 41.5.
exam-score-error-scale = This score is not on the exam's scale.
exam-score-error-not-scored = This exam has no scores; record attendance only.
exam-score-error-not-present = A score can be given only to a candidate marked present.
exam-score-error-same-examiner = The second score must come from a different examiner than the first.
exam-score-error-no-second = This exam has no second examiner.
exam-score-error-attendance = Choose present, absent or excused.
flash-sheet-saved = Attendance and scores saved.
exam-sheet-print = Print the attendance list (PDF)
exam-pdf-title = Attendance list
exam-pdf-numbers = Registration number: { $receipt } · Document: { $document }
exam-pdf-score-line = Score: ________
exam-pdf-scores-line = First examiner: ________   Second examiner: ________
exam-pdf-signature = Signature: ______________________________
exam-sheet-cancelled = This session is cancelled. Its candidates have been told to book another date.
exam-sheet-waiting = { $count ->
    [one] One candidate is on this session's waiting list.
   *[other] { $count } candidates are on this session's waiting list.
}
exam-office-back-sheet = Back to the session
exam-office-cancel-link = Cancel this session
exam-office-cancel-title = Cancel the whole session?
exam-office-cancel-booked = { $count ->
    [0] Nobody is booked into it.
    [one] The one booked candidate will have their booking cancelled and be emailed to book another date.
   *[other] All { $count } booked candidates will have their bookings cancelled and be emailed to book another date.
}
exam-office-cancel-waiting = { $count ->
    [one] Its waiting list (one candidate) will be closed.
   *[other] Its waiting list ({ $count } candidates) will be closed.
}
exam-office-cancel-final = The session will take no more bookings. This cannot be undone here; to hold it after all, add a new session to the exam.
exam-office-cancel-confirm = Yes, cancel the session
exam-office-cancel-keep = No, keep it
exam-office-move-link = Move to another date
exam-office-move-title = Move { $name } to another date
exam-office-move-lead = At the candidate's request: the booking window and the limit of moves do not apply, but the session must have a free seat and be still ahead. The candidate is emailed the updated invitation.
exam-office-move-choose = Move the booking to
exam-office-move-none = This exam has no other session.
exam-office-move-button = Move the booking
exam-office-error-same-session = The candidate is already booked on this date. Choose another one.
exam-office-error-full = This date has no free seat left. Choose another one.
exam-office-error-started = This date has already begun. Choose one still ahead.
flash-session-cancelled = The session is cancelled, and its candidates have been emailed to book another date.
flash-booking-moved = The booking has been moved, and the candidate has been emailed the updated invitation.
exam-import-link = Import scores from a spreadsheet
exam-import-title = Import scores from a spreadsheet
exam-import-booked = { $count ->
    [one] One candidate is booked into this exam's sessions.
   *[other] { $count } candidates are booked into this exam's sessions.
}
exam-import-download = Download them as a spreadsheet to fill in (CSV)
exam-import-format = A CSV file (comma or semicolon separated, as spreadsheets save it) with a header row. The columns read are:
exam-import-column-registration = registration (or numer): the candidate's registration number, as on the attendance list;
exam-import-column-attendance = attendance (or obecność): present, absent or excused (obecny, nieobecny, usprawiedliwiony);
exam-import-column-score = score (or wynik): the first examiner's score on the exam's scale, e.g. 41.5 or 41,5;
exam-import-column-second = second (or drugi): the second examiner's score.
exam-import-rules = Other columns are ignored, and an empty cell leaves what was recorded. A candidate given a score is marked present unless the file says otherwise. The scores you import are recorded as yours. If any line is wrong, nothing is imported and every problem is listed with its line.
exam-import-file = The filled-in spreadsheet (CSV)
exam-import-button = Import the scores
exam-import-no-file = Choose the CSV file to import.
exam-import-at-line = Line { $line }: { $problem }
exam-import-error-empty = The file is empty.
exam-import-error-no-registration-column = The header row has no registration column (registration or numer).
exam-import-error-nothing = The header row has neither an attendance nor a score column.
exam-import-error-quote = A quoted cell is not closed.
exam-import-error-no-registration = No registration number.
exam-import-error-twice = Registration { $registration } is given twice.
exam-import-error-unknown = No candidate booked into this exam has registration { $registration }.
exam-import-error-attendance = “{ $registration }” is not an attendance: write present, absent or excused.
flash-scores-imported = The scores have been imported.
