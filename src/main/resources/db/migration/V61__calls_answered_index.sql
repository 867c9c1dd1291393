-- Quality reads a day's or a month's answered calls by the agent's answer time (sampling, monthly assessment).
CREATE INDEX ix_calls_connected_at ON calls (connected_at);
