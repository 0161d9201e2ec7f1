DROP TABLE exam_scores;
ALTER TABLE exam_bookings DROP COLUMN attendance_at;
ALTER TABLE exam_bookings DROP COLUMN attendance_by;
ALTER TABLE exam_bookings DROP COLUMN attendance;
