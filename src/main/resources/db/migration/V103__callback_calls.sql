-- Callbacks are calls (docs/outreach.md): the agent's phone is rung first, then the service dials the citizen from the
-- agent's call over FastAGI, so the callback has a Call record and a recording. A callback may be for one agent (a
-- department's reply told by the case's owner) until a time, then for anyone of its group; it may name what it is
-- about (the case number).
ALTER TABLE callback_request ADD COLUMN wanted_agent VARCHAR(32);
ALTER TABLE callback_request ADD COLUMN wanted_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE callback_request ADD COLUMN reference VARCHAR(64);
ALTER TABLE callback_request ADD COLUMN outbound_call_id VARCHAR(36);
