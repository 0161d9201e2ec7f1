-- Seats taken in each exam or interview session, by the session's key in the cycle
-- (`cycle/programme/exam/session`). The capacity is the definition's: a seat is taken by one
-- conditional update (`taken < capacity`) in the booking's transaction, so a session is never
-- overbooked, whatever the number of instances.
CREATE TABLE exam_seats (
    id TEXT PRIMARY KEY NOT NULL,
    taken INTEGER NOT NULL DEFAULT 0
);

-- A candidate's booking of a session for one exam of one application. Moving keeps the row
-- (its id is the calendar UID) and raises `sequence`; `state` is booked or cancelled. At most
-- one booking per application and exam is booked at a time.
CREATE TABLE exam_bookings (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    exam_key TEXT NOT NULL,
    session_key TEXT NOT NULL,
    seat_id TEXT NOT NULL REFERENCES exam_seats(id),
    state TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    moves INTEGER NOT NULL DEFAULT 0,
    booked_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP
);
CREATE UNIQUE INDEX exam_bookings_one_active ON exam_bookings(application_id, exam_key)
    WHERE state = 'booked';
CREATE INDEX exam_bookings_seat ON exam_bookings(seat_id, state);

-- An email's attachment (a calendar invitation).
ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment_type TEXT;
ALTER TABLE outbox ADD COLUMN attachment_body TEXT;
