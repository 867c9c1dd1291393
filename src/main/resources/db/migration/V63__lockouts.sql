-- Failed logins and PINs, counted per subject across connections and service instances: a user name, a client
-- address, an agent's work number, a caller's ID number. Too many within the window lock the subject until
-- locked_until (security.Lockouts). Subjects are stored as SHA-256 hashes: no ID numbers or addresses in this table.
CREATE TABLE lockout (
    realm        VARCHAR(16)              NOT NULL,
    subject_hash VARCHAR(64)              NOT NULL,
    failures     INT                      NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (realm, subject_hash)
);
