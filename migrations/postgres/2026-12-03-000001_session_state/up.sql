-- What a signed-in session keeps besides its user (CSRF token, a pending notice), as a JSON
-- object of JSON-encoded values.
ALTER TABLE sessions ADD COLUMN state TEXT NOT NULL DEFAULT '{}';
