-- The phones agents may log in from with *21 (hot-desking): every phone an administrator (or the seed) gave an agent,
-- and hot-desk phones added through the API. Login from any other channel is refused (routing.AgentPhone).
CREATE TABLE staff_phone (
    node     VARCHAR(64)              NOT NULL,
    endpoint VARCHAR(128)             NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (node, endpoint)
);
