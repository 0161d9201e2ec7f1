-- A session the admissions office cancelled (besides one marked cancelled in the definition):
-- it takes no seat any more, and its bookings are cancelled with it.
ALTER TABLE exam_seats ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE exam_seats ADD COLUMN cancelled_by TEXT;

-- A candidate waiting for a seat in a full session. When a seat frees, the first one waiting
-- is offered it until `offered_until`; the offered seat stays counted as taken, so nobody else
-- takes it meanwhile. `state` is waiting, offered, accepted, lapsed (the offer ran out or was
-- declined) or left. One application waits for at most one session of an exam at a time.
CREATE TABLE exam_waits (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    exam_key TEXT NOT NULL,
    session_key TEXT NOT NULL,
    seat_id TEXT NOT NULL REFERENCES exam_seats(id),
    state TEXT NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    offered_until TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX exam_waits_one_active ON exam_waits(application_id, exam_key)
    WHERE state IN ('waiting', 'offered');
CREATE INDEX exam_waits_seat ON exam_waits(seat_id, state, joined_at);
