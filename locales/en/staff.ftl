## Staff
staff-home-title = Admissions office
staff-home-role = Your role: { $role }
staff-home-candidates = candidate accounts
staff-home-applications = applications
staff-home-emails-waiting = emails waiting to be sent
staff-home-jobs-dead = failed background jobs
staff-home-by-status = Applications by status
staff-home-status = Status
staff-home-count = Number

role-candidate = candidate
role-officer = admissions officer
role-program-admin = programme administrator
role-finance = finance office
role-registrar = registrar
role-admin = administrator

status-draft = Draft
status-submitted = Submitted
status-under-review = Under review
status-needs-correction = Needs correction
status-complete = Complete
status-ranked = Ranked
status-admitted = Admitted
status-waitlisted = On the reserve list
status-rejected = Not admitted
status-offer-accepted = Offer accepted
status-offer-declined = Offer declined
status-enrolled = Enrolled
status-expired = Expired
status-withdrawn = Withdrawn

## Candidate preview (staff)
nav-preview = Preview as a candidate
preview-title = Preview as a candidate
preview-intro = Choose a programme and describe a candidate to see exactly which steps, fields and documents they would get, why each applies, the fee and the points.
preview-version = Published definition: { $version }
preview-no-cycle = No admission cycle has been published yet. Publish one with “admitto config apply”.
preview-program = Programme
preview-choose = Choose a programme
preview-show = Show what this candidate gets
preview-candidate = The candidate
preview-results = Exam results (per cent)
preview-subject = Subject
preview-basic = Basic level
preview-extended = Extended level
preview-steps = Steps and fields
preview-profile-step = shared by all applications
preview-application-step = this application
preview-required = required
preview-optional = optional
preview-documents = Documents
preview-no-documents = No documents are required of this candidate.
preview-fee = Application fee
preview-fee-waived = waived because { $condition }
preview-points = Points
preview-threshold = Threshold
preview-formula = Formula
preview-always = Applies to everyone.
preview-because = Applies because { $condition }
preview-error = The definition could not be evaluated for this candidate: { $error }

## Staff: applications
nav-applications = Applications
staff-applications-title = Applications
staff-applications-filters = Filter applications
staff-applications-programme = Programme
staff-applications-status = Status
staff-applications-citizenship = Citizenship
staff-applications-from = Started on or after
staff-applications-until = Started on or before
staff-applications-filter = Show applications
staff-applications-showing = { $total ->
    [0] No application matches these filters.
   *[other] Showing { $first }–{ $last } of { $total }.
}
staff-applications-candidate = Candidate
staff-applications-created = Started
staff-applications-receipt = Receipt
staff-applications-no-name = (name not given yet)
staff-applications-pages = Pages of the list
staff-applications-previous = Previous page
staff-applications-next = Next page
staff-application-back = Back to the list
staff-application-email = Email
staff-application-version = Definition version
staff-application-checklist = Checklist
staff-application-answers = Answers
staff-application-profile = profile
staff-application-programme = this programme
staff-application-system = system
staff-history-started = application started
staff-history-submitted = submitted, receipt { $receipt }
staff-history-withdrawn = withdrawn by the candidate
staff-history-profile-changed = profile changed after submission
staff-history-changed-after-submission = changed by the candidate after submission (step { $step })
staff-application-when = When
staff-application-change = Change
staff-application-who = Who
staff-application-note = Note
