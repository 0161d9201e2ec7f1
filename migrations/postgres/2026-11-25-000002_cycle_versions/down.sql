DROP TABLE cycle_versions;
