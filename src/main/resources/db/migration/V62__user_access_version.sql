-- Bumped whenever a user is disabled or re-enabled, changes role or password: web sessions opened with an older
-- version are ended at their next request (security.SessionCheck).
ALTER TABLE app_user ADD COLUMN access_version BIGINT NOT NULL DEFAULT 0;
