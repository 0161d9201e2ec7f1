-- When the booking's session starts as its last invitation said (`YYYY-MM-DD HH:MM`, Warsaw):
-- a session whose time the definition changes later is told to its booked candidates again.
ALTER TABLE exam_bookings ADD COLUMN starts TEXT;
