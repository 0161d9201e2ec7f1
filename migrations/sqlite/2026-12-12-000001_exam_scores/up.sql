-- Whether a booked candidate came to their session: present, absent or excused; who marked it
-- and when. Unmarked until the session's staff mark it.
ALTER TABLE exam_bookings ADD COLUMN attendance TEXT;
ALTER TABLE exam_bookings ADD COLUMN attendance_by TEXT;
ALTER TABLE exam_bookings ADD COLUMN attendance_at TIMESTAMP;

-- The score of one application in one exam, in hundredths: the first examiner's, the second
-- examiner's where the exam has one, and the score that counts (the first, or the average of
-- both once both are given; empty until then). Each with who gave it.
CREATE TABLE exam_scores (
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    exam_key TEXT NOT NULL,
    first_score BIGINT,
    first_by TEXT,
    second_score BIGINT,
    second_by TEXT,
    score BIGINT,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, exam_key)
);
