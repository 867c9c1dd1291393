CREATE TABLE calls (
    id             VARCHAR(36)              PRIMARY KEY,
    node           VARCHAR(64)              NOT NULL,
    unique_id      VARCHAR(64)              NOT NULL,
    channel        VARCHAR(128),
    caller_number  VARCHAR(64),
    caller_name    VARCHAR(128),
    dialled_number VARCHAR(64),
    script         VARCHAR(64),
    handled_by     VARCHAR(64)              NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE,
    ended_by       VARCHAR(16),
    end_reason     VARCHAR(255),
    version        BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_calls_node_unique_id ON calls (node, unique_id);
CREATE INDEX ix_calls_started_at ON calls (started_at);
CREATE INDEX ix_calls_open ON calls (handled_by, ended_at);
