-- The monthly assessment's 回访满意率 (docs/outreach.md, docs/quality.md): per department and per agent, stored with
-- the produced month beside the agents' rows and the departments' figures of cases.
CREATE TABLE quality_assessment_return_visit (
    assessment_month    VARCHAR(7)    NOT NULL,
    seq                 INT           NOT NULL,
    scope               VARCHAR(12)   NOT NULL,
    scope_key           VARCHAR(64)   NOT NULL,
    answered            INT           NOT NULL,
    satisfied           INT           NOT NULL,
    basically_satisfied INT           NOT NULL,
    dissatisfied        INT           NOT NULL,
    percent             DECIMAL(5, 1),
    PRIMARY KEY (assessment_month, seq)
);
