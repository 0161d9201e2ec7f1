-- One row per version of a requirement's document: two uploads at the same moment cannot both
-- take the next number. A profile document has no application, hence the COALESCE (NULLs
-- would never collide in a unique index).
CREATE UNIQUE INDEX documents_one_version
    ON documents (candidate_id, COALESCE(application_id, ''), requirement, version);
