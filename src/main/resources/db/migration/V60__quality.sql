-- Quality scoring (docs/quality.md).

-- Scorecards, versioned: a change is a new version; scores name the version they were made with.
CREATE TABLE quality_scorecard (
    id         VARCHAR(64)              NOT NULL,
    version    INT                      NOT NULL,
    name       VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(64)              NOT NULL,
    PRIMARY KEY (id, version)
);

-- The items (kind ITEM: weight of 100 and scale of ratings) and veto items (kind VETO) of a scorecard version.
CREATE TABLE quality_scorecard_item (
    scorecard_id      VARCHAR(64)   NOT NULL,
    scorecard_version INT           NOT NULL,
    seq               INT           NOT NULL,
    kind              VARCHAR(8)    NOT NULL,
    code              VARCHAR(64)   NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    description       VARCHAR(1000),
    weight            NUMERIC(6, 2),
    scale             INT,
    speech            VARCHAR(32),
    PRIMARY KEY (scorecard_id, scorecard_version, seq),
    FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES quality_scorecard (id, version)
);

-- What speech analytics found in a call's recording that a score item can be prefilled from.
CREATE TABLE quality_speech_facts (
    recording_id       VARCHAR(64)              PRIMARY KEY,
    call_id            VARCHAR(64)              NOT NULL,
    agent_heard        BOOLEAN                  NOT NULL,
    chars_per_minute   DOUBLE PRECISION,
    speech_rate        VARCHAR(16),
    speech_rate_detail VARCHAR(1000),
    greeting           BOOLEAN,
    greeting_detail    VARCHAR(1000),
    closing            BOOLEAN,
    closing_detail     VARCHAR(1000),
    veto_proposed      BOOLEAN                  NOT NULL DEFAULT FALSE,
    veto_evidence      VARCHAR(2000),
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_quality_speech_facts_call ON quality_speech_facts (call_id);

-- Every score of a call, revisions included: the newest is current; appeals and re-scoring add revisions.
CREATE TABLE quality_score (
    id                VARCHAR(36)              PRIMARY KEY,
    call_id           VARCHAR(36)              NOT NULL,
    revision          INT                      NOT NULL,
    is_current        BOOLEAN                  NOT NULL,
    recording_id      VARCHAR(36),
    agent             VARCHAR(32)              NOT NULL,
    call_connected_at TIMESTAMP WITH TIME ZONE NOT NULL,
    scorecard_id      VARCHAR(64)              NOT NULL,
    scorecard_version INT                      NOT NULL,
    points            NUMERIC(6, 2)            NOT NULL,
    total             NUMERIC(6, 2)            NOT NULL,
    vetoed            BOOLEAN                  NOT NULL,
    live              BOOLEAN                  NOT NULL,
    scorer            VARCHAR(64)              NOT NULL,
    scored_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    comment           VARCHAR(2000),
    appeal_id         BIGINT,
    sidecar_written   BOOLEAN                  NOT NULL DEFAULT FALSE,
    UNIQUE (call_id, revision),
    FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES quality_scorecard (id, version)
);

CREATE INDEX ix_quality_score_agent ON quality_score (agent, call_connected_at);
CREATE INDEX ix_quality_score_connected ON quality_score (call_connected_at);

-- A score's items (kind ITEM: rating and points) and vetoes (kind VETO: applied), with speech analytics' proposal
-- and the supervisor's decision on it where there was one.
CREATE TABLE quality_score_item (
    score_id         VARCHAR(36)   NOT NULL REFERENCES quality_score (id),
    seq              INT           NOT NULL,
    kind             VARCHAR(8)    NOT NULL,
    code             VARCHAR(64)   NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    weight           NUMERIC(6, 2),
    scale            INT,
    rating           INT,
    points           NUMERIC(6, 2),
    applied          BOOLEAN,
    prefilled        BOOLEAN       NOT NULL,
    proposed_rating  INT,
    proposed_applied BOOLEAN,
    evidence         VARCHAR(2000),
    decision         VARCHAR(16),
    note             VARCHAR(1000),
    PRIMARY KEY (score_id, seq)
);

-- The supervisors' work queue: calls to score and why (sampled, 不满意 survey, complaint, speech finding).
CREATE TABLE quality_queue (
    call_id        VARCHAR(36)              PRIMARY KEY,
    agent          VARCHAR(32)              NOT NULL,
    connected_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sampled        BOOLEAN                  NOT NULL DEFAULT FALSE,
    dissatisfied   BOOLEAN                  NOT NULL DEFAULT FALSE,
    complaint      BOOLEAN                  NOT NULL DEFAULT FALSE,
    finding        BOOLEAN                  NOT NULL DEFAULT FALSE,
    finding_detail VARCHAR(1000),
    state          VARCHAR(8)               NOT NULL,
    queued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reason_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    scored_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_quality_queue_state ON quality_queue (state, connected_at);

-- One random draw per day: its seed, so the draw can be repeated and checked.
CREATE TABLE quality_sampling_run (
    sample_day  DATE                     PRIMARY KEY,
    seed        BIGINT                   NOT NULL,
    share       NUMERIC(5, 4)            NOT NULL,
    minimum     INT                      NOT NULL,
    drawn_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    drawn_by    VARCHAR(64)              NOT NULL,
    agents      INT                      NOT NULL,
    calls       INT                      NOT NULL,
    sampled     INT                      NOT NULL
);

-- An agent's appeal against a call's score: at most one per call, decided by a supervisor who did not score it.
CREATE TABLE quality_appeal (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    call_id          VARCHAR(36)              NOT NULL UNIQUE,
    score_id         VARCHAR(36)              NOT NULL REFERENCES quality_score (id),
    agent            VARCHAR(32)              NOT NULL,
    appellant        VARCHAR(64)              NOT NULL,
    reason           VARCHAR(2000)            NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    state            VARCHAR(16)              NOT NULL,
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_note    VARCHAR(2000),
    revised_score_id VARCHAR(36)
);

CREATE INDEX ix_quality_appeal_state ON quality_appeal (state, opened_at);

-- The monthly assessment per agent (考评), as last produced, and when and by whom it was produced.
CREATE TABLE quality_assessment_run (
    assessment_month VARCHAR(7)               PRIMARY KEY,
    produced_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    produced_by      VARCHAR(64)              NOT NULL
);

CREATE TABLE quality_assessment (
    assessment_month       VARCHAR(7)    NOT NULL REFERENCES quality_assessment_run (assessment_month),
    agent                  VARCHAR(32)   NOT NULL,
    agent_name             VARCHAR(128),
    calls_handled          INT           NOT NULL,
    handle_time_calls      INT           NOT NULL,
    average_handle_seconds NUMERIC(10, 1),
    surveys                INT           NOT NULL,
    satisfied              INT           NOT NULL,
    basically_satisfied    INT           NOT NULL,
    dissatisfied           INT           NOT NULL,
    satisfaction_percent   NUMERIC(5, 1),
    scored_calls           INT           NOT NULL,
    average_score          NUMERIC(6, 2),
    vetoes                 INT           NOT NULL,
    PRIMARY KEY (assessment_month, agent)
);
