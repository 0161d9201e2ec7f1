DROP INDEX documents_one_version;
