ALTER TABLE documents DROP COLUMN correction_due;
