ALTER TABLE application_events ADD COLUMN note TEXT NOT NULL DEFAULT '';
UPDATE application_events SET note = entry;
ALTER TABLE application_events DROP COLUMN args;
ALTER TABLE application_events DROP COLUMN entry;
ALTER TABLE documents ALTER COLUMN correction_due TYPE TEXT USING to_char(correction_due, 'YYYY-MM-DD');
ALTER TABLE documents ALTER COLUMN original_received_on TYPE TEXT
    USING to_char(original_received_on, 'YYYY-MM-DD');
