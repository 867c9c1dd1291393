-- The monthly assessment's department figures (cases, docs/cases.md), stored with the agents' rows when a month is
-- produced: one row per department and kind, and one for all its kinds (kind NULL).
CREATE TABLE quality_assessment_department (
    assessment_month       VARCHAR(7)    NOT NULL,
    seq                    INT           NOT NULL,
    department             VARCHAR(64)   NOT NULL,
    department_name        VARCHAR(200),
    kind                   VARCHAR(16),
    due                    INT           NOT NULL,
    on_time                INT           NOT NULL,
    on_time_percent        NUMERIC(5, 1),
    handed_off             INT           NOT NULL,
    returned               INT           NOT NULL,
    returned_percent       NUMERIC(5, 1),
    closed                 INT           NOT NULL,
    reopened               INT           NOT NULL,
    reopened_percent       NUMERIC(5, 1),
    average_hours_to_close NUMERIC(9, 1),
    PRIMARY KEY (assessment_month, seq)
);
