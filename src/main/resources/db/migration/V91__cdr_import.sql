-- How far the service has read each Asterisk node's record of the calls its fallback handled (hotline-cdr.csv,
-- docs/scaling.md). A file shorter than read_to has been rotated and is read again from the start.
CREATE TABLE cdr_import (
    node       VARCHAR(64)              PRIMARY KEY,
    file       VARCHAR(1024)            NOT NULL,
    read_to    BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
