-- The number an agent rings for a three-way call with the department (三方通话): docs/cases.md, docs/desk.md.
-- Digits only, optionally after '+' (routing's DialStrings checks it); none: the agent types one.
ALTER TABLE case_department ADD COLUMN phone VARCHAR(21);
