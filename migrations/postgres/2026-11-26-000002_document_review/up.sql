-- A rejected document may carry a date by which a corrected version is expected (YYYY-MM-DD).
ALTER TABLE documents ADD COLUMN correction_due TEXT;
