## Development mailbox
mailbox-title = Development mailbox
mailbox-intro = Every email the portal has sent, newest first. In production these go to real inboxes.
mailbox-empty = No emails yet.
mailbox-when = Sent
mailbox-to = To
mailbox-subject = Subject
mailbox-state = Delivery
mailbox-back = Back to the mailbox
mailbox-state-sent = delivered
mailbox-state-failed = failed
mailbox-state-queued = queued
