DROP TABLE applications;
DROP TABLE audit_log;
DROP TABLE outbox;
DROP TABLE jobs;
DROP TABLE login_failures;
DROP TABLE tokens;
DROP TABLE sessions;
DROP TABLE users;
