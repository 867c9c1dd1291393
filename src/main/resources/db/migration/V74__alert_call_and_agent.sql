-- An alert about a call in progress names the call and the agent, so the floor can offer to listen in.
ALTER TABLE alert ADD COLUMN call_id VARCHAR(64);
ALTER TABLE alert ADD COLUMN agent VARCHAR(32);
