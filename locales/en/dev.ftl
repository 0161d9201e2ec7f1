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
