-- ContinuousLoad's SQLite backend for DurableTask.Core, version 1. Times are Unix milliseconds (UTC);
-- history events and messages are DurableTask.Core's own types as JSON.

-- One row per instance: its current execution, status and lease.
CREATE TABLE instances (
    instance_id     TEXT    NOT NULL PRIMARY KEY,
    execution_id    TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    version         TEXT,
    status          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    completed_at    INTEGER,
    input           TEXT,
    output          TEXT,
    custom_status   TEXT,
    failure         TEXT,
    parent          TEXT,
    tags            TEXT,
    lock_token      TEXT,
    lock_expires_at INTEGER
);
CREATE INDEX instances_status ON instances (status, created_at);

-- The current execution's history; continue-as-new replaces it.
CREATE TABLE history (
    instance_id  TEXT    NOT NULL,
    execution_id TEXT    NOT NULL,
    sequence     INTEGER NOT NULL,
    event        TEXT    NOT NULL,
    PRIMARY KEY (instance_id, execution_id, sequence)
) WITHOUT ROWID;

-- Messages for orchestrations: starts, events, activity results and timers (visible at their time).
CREATE TABLE messages (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id   TEXT    NOT NULL,
    execution_id  TEXT,
    event_type    TEXT    NOT NULL,
    visible_at    INTEGER NOT NULL,
    dequeue_count INTEGER NOT NULL DEFAULT 0,
    lock_token    TEXT,
    message       TEXT    NOT NULL
);
CREATE INDEX messages_visible ON messages (visible_at);
CREATE INDEX messages_instance ON messages (instance_id, id);

-- Activities to run, each leased while it runs; (instance, execution, task) makes scheduling idempotent.
CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id     TEXT    NOT NULL,
    execution_id    TEXT    NOT NULL,
    task_id         INTEGER NOT NULL,
    visible_at      INTEGER NOT NULL,
    dequeue_count   INTEGER NOT NULL DEFAULT 0,
    lock_token      TEXT,
    lock_expires_at INTEGER,
    message         TEXT    NOT NULL,
    UNIQUE (instance_id, execution_id, task_id)
);
CREATE INDEX tasks_visible ON tasks (visible_at);
