-- ContinuousLoad durable store, version 1, in its own schema.
CREATE TABLE cl_durable.instances (
    instance_id     text        NOT NULL PRIMARY KEY,
    execution_id    text        NOT NULL,
    name            text        NOT NULL,
    runtime_status  text        NOT NULL,
    generation      integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    last_updated_at timestamptz NOT NULL,
    completed_at    timestamptz,
    input           text,
    output          text,
    custom_status   text,
    failure_details text,
    lock_owner      text,
    lock_token      text,
    lock_expires_at timestamptz
);
CREATE UNIQUE INDEX instances_lock ON cl_durable.instances (lock_token) WHERE lock_token IS NOT NULL;
CREATE INDEX instances_lease ON cl_durable.instances (lock_expires_at) WHERE lock_expires_at IS NOT NULL;

CREATE TABLE cl_durable.history (
    instance_id  text    NOT NULL,
    execution_id text    NOT NULL,
    seq          integer NOT NULL,
    event_type   text    NOT NULL,
    body         text    NOT NULL,
    PRIMARY KEY (instance_id, execution_id, seq)
);

-- New messages for instances; a durable timer is a TimerFired row that becomes visible at its time.
CREATE TABLE cl_durable.inbox (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id   text        NOT NULL,
    execution_id  text,
    event_type    text        NOT NULL,
    body          text        NOT NULL,
    visible_at    timestamptz NOT NULL,
    dequeue_count integer     NOT NULL DEFAULT 0,
    lock_token    text
);
CREATE INDEX inbox_visible ON cl_durable.inbox (visible_at);
CREATE INDEX inbox_instance ON cl_durable.inbox (instance_id, id);
CREATE INDEX inbox_lock ON cl_durable.inbox (lock_token) WHERE lock_token IS NOT NULL;

CREATE TABLE cl_durable.activities (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id     text        NOT NULL,
    execution_id    text        NOT NULL,
    task_id         integer     NOT NULL,
    name            text        NOT NULL,
    input           text,
    visible_at      timestamptz NOT NULL,
    dequeue_count   integer     NOT NULL DEFAULT 0,
    lock_owner      text,
    lock_token      text,
    lock_expires_at timestamptz,
    UNIQUE (instance_id, execution_id, task_id)
);
CREATE INDEX activities_visible ON cl_durable.activities (visible_at);
CREATE INDEX activities_lease ON cl_durable.activities (lock_expires_at) WHERE lock_expires_at IS NOT NULL;
