DROP TABLE documents;
DROP TABLE application_events;
DROP TABLE applications;
DROP TABLE profiles;
CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    program_code TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (candidate_id, program_code)
);
CREATE INDEX applications_status ON applications(status);
