-- crm-sync serve: db-scheduler's table (its postgresql_tables.sql for db-scheduler 16.7.1, in the crm_sync schema).
-- One row per scheduled task instance: "apply the change notices of connection N" (task_instance = N) and the
-- recurring sweep. A replica picks a row (picked, picked_by, version) and heartbeats it while it runs; a row whose
-- heartbeat stops is a dead execution another replica revives.
CREATE TABLE crm_sync.scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time_idx ON crm_sync.scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON crm_sync.scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON crm_sync.scheduled_tasks (priority DESC, execution_time ASC);
