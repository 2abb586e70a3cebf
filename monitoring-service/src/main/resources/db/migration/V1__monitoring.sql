-- Monitoring service: one row per strategy that went live (or was reported stopped), with what it
-- runs and the backtest baseline its live behaviour is compared with.
create table deployment (
    strategy_id         uuid primary key,
    status              text        not null check (status in ('WATCHING', 'STOPPED')),
    -- from the promotion; null while only a demotion has been received
    cycle_id            uuid,
    template            text,
    parameters          jsonb,
    dataset_id          text,
    symbol              text,
    timeframe           text,
    bars_per_year       double precision,
    execution           jsonb,
    baseline            jsonb,
    score               double precision,
    promotion_rank      integer,
    promotion_reason    text,
    since               timestamptz,
    promotion_event_id  uuid,
    -- from the demotion; null while watched
    stopped_at          timestamptz,
    reason              text,
    demoted_by_cycle_id uuid,
    replaced_by         uuid,
    demotion_event_id   uuid,
    note                text,
    updated_at          timestamptz not null,
    check ((status = 'STOPPED') = (stopped_at is not null)),
    check (status = 'STOPPED' or since is not null)
);

-- The list: by status, newest promotion first.
create index deployment_status_since on deployment (status, since desc);
