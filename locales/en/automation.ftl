# Automation rules: history entries they write.
history-automated = { $note }
staff-history-automated = { $note } (rule { $rule })
nav-automation = Automation
automation-title = Automation rules
automation-lead = What the portal does on its own when something happens to an application or a date comes. The rules are part of the cycle definition (automation.toml); each fires once per application and occurrence.
automation-none = The cycle defines no automation rules.
automation-off = switched off
automation-back = All automation rules
automation-dry-run-link = Dry run
automation-dry-run = Dry run: what it would do now
automation-rule-id = Rule
automation-rule-trigger = When
automation-rule-statuses = Applications in
automation-rule-when = Condition
automation-rule-actions = What it does
automation-rule-fired = Fired so far
automation-rule-never = never
automation-any-status = any status
automation-trigger-status = when the status changes to: { $to }
automation-trigger-before = { $offset } before { $anchor }
automation-trigger-after = { $offset } after { $anchor }
automation-trigger-repeat = , then every { $days ->
    [one] day
   *[other] { $days } days
  } while it stands
automation-trigger-daily = every day at { $time } (Warsaw time)
automation-offset = { $days ->
    [0] { $hours ->
        [0] just
        [one] 1 hour
       *[other] { $hours } hours
      }
    [one] 1 day{ $hours ->
        [0] {""}
        [one] {" "}and 1 hour
       *[other] {" "}and { $hours } hours
      }
   *[other] { $days } days{ $hours ->
        [0] {""}
        [one] {" "}and 1 hour
       *[other] {" "}and { $hours } hours
      }
  }
automation-anchor-cycle-closes = registration closes
automation-anchor-payment-deadline = the fee payment deadline
automation-anchor-round-confirm-by = each round's confirmation deadline
automation-anchor-application-started = the application is started
automation-anchor-application-submitted = the application is submitted
automation-anchor-document-rejected = a document is rejected
automation-anchor-exam-session = a booked exam or interview session starts
automation-event-document-rejected = when a document is rejected
automation-event-document-accepted = when a document is accepted
automation-event-payment-received = when a payment is received
automation-event-booking-made = when an exam or interview session is booked
automation-event-booking-cancelled = when a booking is cancelled
automation-action-send = send the message “{ $message }” by { $channels }
automation-action-status = change the status to { $status }
automation-action-history = note in the history: “{ $note }”
automation-channel-email = email
automation-outcome-acted = acted
automation-outcome-waiting = waiting to run
automation-outcome-rule-gone = not acted: the rule was changed or switched off
automation-outcome-status-differs = not acted: the application's status had changed
automation-outcome-condition-false = not acted: the condition did not hold
automation-outcome-moved-meanwhile = not acted: the application was changed at the same moment
automation-next = Its time next falls on { $time }.
automation-next-none = No time of this rule lies ahead.
automation-next-event = It fires when it happens, not at a time.
automation-would-act = If it fired now it would act on { $count } of the { $scope } applications in the statuses it concerns.
automation-partial = Only the first { $count } applications were checked.
automation-errors = The condition could not be evaluated for these applications
automation-col-application = Application
automation-col-programme = Programme
automation-col-status = Status
# The messages sent about an application (its timeline).
messages-heading = Messages sent
messages-to-you = Messages we sent you
messages-none = No message about this application has been sent.
messages-when = When
messages-channel = Channel
messages-subject = Subject
messages-source = Written from
messages-delivery = Sending
messages-channel-email = email
messages-sent = sent { $time }
messages-waiting = waiting to be sent
messages-retrying = not sent yet, trying again ({ $error })
messages-failed = not sent: { $error }
messages-not-delivered = could not be sent
messages-source-written = the message “{ $message }” of { $version }
messages-source-builtin = the portal's own “{ $message }”
