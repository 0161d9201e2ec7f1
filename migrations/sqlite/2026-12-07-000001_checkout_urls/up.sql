-- Where the candidate pays a checkout, as its gateway gave it (empty while it is being opened).
ALTER TABLE payment_sessions ADD COLUMN checkout_url TEXT;
