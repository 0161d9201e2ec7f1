-- Changes to stored data that need the portal's own rules (not SQL): each is listed here when
-- its migration runs, and marked done by the first instance that makes it after starting.
CREATE TABLE data_upgrades (
    name TEXT PRIMARY KEY NOT NULL,
    done_at TIMESTAMP
);
-- Phone numbers stored before numbering plans were checked: normalised to E.164 again.
INSERT INTO data_upgrades (name) VALUES ('phones-e164');
