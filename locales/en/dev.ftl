## Development mailbox
mailbox-title = Development mailbox
mailbox-intro = Every email the portal has sent, newest first. In production these go to real inboxes.
mailbox-warning = Demo mode only. Anyone who can open this page reads every email, password-reset links included, and so can take over any account, the demo administrator's too. Never run demo mode where others can reach it.
mailbox-empty = No emails yet.
mailbox-when = Sent
mailbox-to = To
mailbox-subject = Subject
mailbox-state = Delivery
mailbox-back = Back to the mailbox
mailbox-state-sent = delivered
mailbox-state-failed = failed
mailbox-state-queued = queued

## Payment sandbox
sandbox-title = Payment sandbox
sandbox-warning = Demo mode only. This page stands in for a payment gateway's; no money moves. Each button sends the portal the notification a real gateway would send.
sandbox-amount = Amount: { $amount }
sandbox-paid = Pay
sandbox-failed = The payment fails
sandbox-late = Pay, and the notification arrives 10 seconds later
sandbox-twice = Pay, and the notification arrives twice
sandbox-closed = This payment is finished.
sandbox-back = Back to the application
