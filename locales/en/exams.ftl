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
