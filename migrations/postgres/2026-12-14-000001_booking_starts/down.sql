ALTER TABLE exam_bookings DROP COLUMN starts;
