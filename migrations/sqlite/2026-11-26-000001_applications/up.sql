-- The application journey. The placeholder applications table of the foundation held no
-- journey data; it is replaced by one that knows its cycle and the version it started on.
DROP TABLE applications;

-- What a candidate entered once for all their applications (personal data, education, exam
-- results). `answers` is a JSON object of field key to value; `saved_steps` a JSON array of
-- the step keys saved at least once. `full_name` and `citizenship` repeat two answers so that
-- staff lists can show and filter by them.
CREATE TABLE profiles (
    candidate_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answers TEXT NOT NULL,
    saved_steps TEXT NOT NULL,
    full_name TEXT NOT NULL,
    citizenship TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX profiles_citizenship ON profiles(citizenship);

-- One application per candidate, programme and cycle. It keeps the definition version it was
-- started on (`cycle_version_id`), its own answers and, once submitted, its receipt number.
CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    cycle_code TEXT NOT NULL,
    program_code TEXT NOT NULL,
    cycle_version_id TEXT NOT NULL REFERENCES cycle_versions(id),
    status TEXT NOT NULL,
    answers TEXT NOT NULL,
    saved_steps TEXT NOT NULL,
    receipt_number TEXT UNIQUE,
    submitted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (candidate_id, cycle_code, program_code)
);
CREATE INDEX applications_status ON applications(status);
CREATE INDEX applications_program ON applications(program_code, status);
CREATE INDEX applications_created ON applications(created_at);

-- Every status change of an application: who (NULL for the system), when, from what, and why.
CREATE TABLE application_events (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_id TEXT,
    note TEXT NOT NULL
);
CREATE INDEX application_events_application ON application_events(application_id, at);

-- Uploaded scans for a document requirement: profile documents have no application. Each
-- upload is a new row (`version` counts per requirement); earlier versions stay for staff.
-- `status`: submitted, accepted, rejected, replaced or deleted.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    application_id TEXT REFERENCES applications(id) ON DELETE CASCADE,
    requirement TEXT NOT NULL,
    version INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    status TEXT NOT NULL,
    review_note TEXT,
    reviewed_by TEXT,
    reviewed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_candidate ON documents(candidate_id, requirement);
CREATE INDEX documents_status ON documents(status, created_at);
