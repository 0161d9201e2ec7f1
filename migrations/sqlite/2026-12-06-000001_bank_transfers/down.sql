DROP TABLE credit_allocations;
DROP TABLE bank_credits;
DROP TABLE bank_statements;
DROP TABLE candidate_numbers;
DROP TABLE counters;
