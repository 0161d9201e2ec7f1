-- The application an outgoing message is about, for its timeline, and the version of the cycle
-- definition whose text it was written from (NULL: the portal's own wording).
ALTER TABLE outbox ADD COLUMN application_id TEXT;
ALTER TABLE outbox ADD COLUMN template_version TEXT;
CREATE INDEX outbox_application ON outbox(application_id, created_at);
