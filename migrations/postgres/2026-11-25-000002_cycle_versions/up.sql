-- Versions of the admission-cycle definition. `files` holds the definition as canonical TOML
-- files (a JSON object of file name to text); applications keep the version they started on.
CREATE TABLE cycle_versions (
    id TEXT PRIMARY KEY NOT NULL,
    cycle_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    files TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT,
    published_at TIMESTAMP,
    published_by TEXT,
    UNIQUE (cycle_code, version)
);
CREATE INDEX cycle_versions_state ON cycle_versions(state);
