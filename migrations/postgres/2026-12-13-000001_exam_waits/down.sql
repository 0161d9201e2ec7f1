DROP TABLE exam_waits;
ALTER TABLE exam_seats DROP COLUMN cancelled_by;
ALTER TABLE exam_seats DROP COLUMN cancelled_at;
