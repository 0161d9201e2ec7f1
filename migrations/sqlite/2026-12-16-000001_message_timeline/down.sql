DROP INDEX outbox_application;
ALTER TABLE outbox DROP COLUMN template_version;
ALTER TABLE outbox DROP COLUMN application_id;
