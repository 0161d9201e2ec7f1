-- History entries are a key plus arguments, put into words when shown, instead of English
-- sentences. The notes written so far become their entries.
ALTER TABLE application_events ADD COLUMN entry TEXT NOT NULL DEFAULT '';
ALTER TABLE application_events ADD COLUMN args TEXT NOT NULL DEFAULT '{}';
UPDATE application_events SET entry = 'started' WHERE note = 'started';
UPDATE application_events SET entry = 'submitted', args = json_object('receipt', substr(note, 20))
    WHERE note LIKE 'submitted, receipt %';
UPDATE application_events SET entry = 'withdrawn' WHERE note = 'withdrawn by the candidate';
UPDATE application_events SET entry = 'profile-changed'
    WHERE note = 'profile changed after submission';
UPDATE application_events SET entry = 'changed-after-submission', args = json_object('step', substr(note, 49, length(note) - 49))
    WHERE note LIKE 'changed by the candidate after submission (step %)';
ALTER TABLE application_events DROP COLUMN note;
-- Days (documents.correction_due, original_received_on) are already stored as SQLite dates:
-- "YYYY-MM-DD" texts, which is how SQLite keeps a DATE.
