-- Outreach on cases (docs/outreach.md): how the caller is told of a department's reply (回复告知: a callback from the
-- case's owner, a text message, or not at all), and the answer the caller gave at the return visit (回访).
ALTER TABLE hotline_case ADD COLUMN reply_notice VARCHAR(8) DEFAULT 'CALLBACK' NOT NULL;
ALTER TABLE hotline_case ADD COLUMN return_visit VARCHAR(24);
ALTER TABLE hotline_case ADD COLUMN return_visit_at TIMESTAMP WITH TIME ZONE;
