ALTER TABLE application_events ADD COLUMN note TEXT NOT NULL DEFAULT '';
UPDATE application_events SET note = entry;
ALTER TABLE application_events DROP COLUMN args;
ALTER TABLE application_events DROP COLUMN entry;
