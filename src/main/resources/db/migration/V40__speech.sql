-- Speech analytics. A job per closed recording: the persisted transcription queue, which outlives restarts.
CREATE TABLE speech_job (
    recording_id         VARCHAR(64)              PRIMARY KEY,
    call_id              VARCHAR(64)              NOT NULL,
    node                 VARCHAR(64),
    mixed                VARCHAR(1024),
    caller_side          VARCHAR(1024),
    other_side           VARCHAR(1024),
    recording_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms          BIGINT,
    state                VARCHAR(16)              NOT NULL,
    attempts             INT                      NOT NULL DEFAULT 0,
    queued_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    not_before           TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by           VARCHAR(128),
    claimed_at           TIMESTAMP WITH TIME ZONE,
    finished_at          TIMESTAMP WITH TIME ZONE,
    last_error           VARCHAR(1000)
);

CREATE INDEX ix_speech_job_next ON speech_job (state, not_before, queued_at);

-- A transcribed recording, with the figures analysis drew from it.
CREATE TABLE transcript (
    recording_id            VARCHAR(64)              PRIMARY KEY,
    call_id                 VARCHAR(64)              NOT NULL,
    model                   VARCHAR(128)             NOT NULL,
    sample_rate             INT                      NOT NULL,
    transcribed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    sidecar                 VARCHAR(1024),
    agent_seconds           DOUBLE PRECISION         NOT NULL,
    caller_seconds          DOUBLE PRECISION         NOT NULL,
    agent_chars_per_minute  DOUBLE PRECISION         NOT NULL,
    agent_share             DOUBLE PRECISION         NOT NULL,
    talk_over_seconds       DOUBLE PRECISION         NOT NULL,
    longest_silence_seconds DOUBLE PRECISION         NOT NULL
);

CREATE INDEX ix_transcript_call ON transcript (call_id);

-- Its utterances; words (with times and confidence) as JSON.
CREATE TABLE transcript_utterance (
    recording_id VARCHAR(64)     NOT NULL REFERENCES transcript (recording_id) ON DELETE CASCADE,
    seq          INT             NOT NULL,
    speaker      VARCHAR(8)      NOT NULL,
    start_ms     BIGINT          NOT NULL,
    end_ms       BIGINT          NOT NULL,
    text         VARCHAR(4000)   NOT NULL,
    words        VARCHAR(100000) NOT NULL,
    PRIMARY KEY (recording_id, seq)
);

-- What analysis found, with offsets into the recording.
CREATE TABLE speech_finding (
    recording_id VARCHAR(64)   NOT NULL REFERENCES transcript (recording_id) ON DELETE CASCADE,
    seq          INT           NOT NULL,
    call_id      VARCHAR(64)   NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    speaker      VARCHAR(8),
    start_ms     BIGINT        NOT NULL,
    end_ms       BIGINT        NOT NULL,
    phrase       VARCHAR(200),
    detail       VARCHAR(1000) NOT NULL,
    PRIMARY KEY (recording_id, seq)
);

CREATE INDEX ix_speech_finding_call ON speech_finding (call_id);
CREATE INDEX ix_speech_finding_kind ON speech_finding (kind);
