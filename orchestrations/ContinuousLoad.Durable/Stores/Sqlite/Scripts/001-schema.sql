-- ContinuousLoad durable store, version 1. Times are Unix milliseconds (UTC).
CREATE TABLE instances (
    instance_id     TEXT    NOT NULL PRIMARY KEY,
    execution_id    TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    runtime_status  TEXT    NOT NULL,
    generation      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    completed_at    INTEGER,
    input           TEXT,
    output          TEXT,
    custom_status   TEXT,
    failure_details TEXT,
    lock_owner      TEXT,
    lock_token      TEXT,
    lock_expires_at INTEGER
);

CREATE INDEX instances_lease ON instances (lock_expires_at) WHERE lock_expires_at IS NOT NULL;

CREATE TABLE history (
    instance_id  TEXT    NOT NULL,
    execution_id TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    event_type   TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    PRIMARY KEY (instance_id, execution_id, seq)
);

-- New messages for instances; a durable timer is a TimerFired row that becomes visible at its time.
CREATE TABLE inbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id   TEXT    NOT NULL,
    execution_id  TEXT,
    event_type    TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    visible_at    INTEGER NOT NULL,
    dequeue_count INTEGER NOT NULL DEFAULT 0,
    lock_token    TEXT
);
CREATE INDEX inbox_visible ON inbox (visible_at);
CREATE INDEX inbox_instance ON inbox (instance_id, id);
CREATE INDEX inbox_lock ON inbox (lock_token) WHERE lock_token IS NOT NULL;

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id     TEXT    NOT NULL,
    execution_id    TEXT    NOT NULL,
    task_id         INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    input           TEXT,
    visible_at      INTEGER NOT NULL,
    dequeue_count   INTEGER NOT NULL DEFAULT 0,
    lock_owner      TEXT,
    lock_token      TEXT,
    lock_expires_at INTEGER,
    UNIQUE (instance_id, execution_id, task_id)
);
CREATE INDEX activities_visible ON activities (visible_at);
CREATE INDEX activities_lease ON activities (lock_expires_at) WHERE lock_expires_at IS NOT NULL;
