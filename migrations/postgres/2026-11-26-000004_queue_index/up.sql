-- The verification queue filtered by programme reads the programme's application ids and
-- candidates from this index alone.
CREATE INDEX applications_program_candidates ON applications(program_code, candidate_id, id);
