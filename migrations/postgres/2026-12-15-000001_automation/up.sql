-- How far each automation rule's time trigger has been looked at: the next look covers
-- (checked_until, now], so a time passed while no worker ran is caught up once.
CREATE TABLE automation_marks (
    cycle_code TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    checked_until TIMESTAMP NOT NULL,
    PRIMARY KEY (cycle_code, rule_id)
);

-- Each time a rule fired for an application: the id is the deduplication key (cycle, rule,
-- application, occurrence), so a rule fires once per occurrence whatever the number of
-- workers. `outcome` is set when its job has run: acted, or why it did nothing.
CREATE TABLE automation_firings (
    id TEXT PRIMARY KEY NOT NULL,
    cycle_code TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    outcome TEXT
);
CREATE INDEX automation_firings_application ON automation_firings(application_id, created_at);
CREATE INDEX automation_firings_rule ON automation_firings(cycle_code, rule_id, created_at);
