-- Market replay (a dataset's bars published to market.bars, paced), demotion on drift and cycles
-- started by a change of market regime.

-- One replay of a dataset onto market.bars. Progress (published_bars, last_bar_time) is written
-- every batch of acknowledged bars; heartbeat_at with it, and while a slow replay waits between
-- bars. owner is the instance that runs it: a restarted instance marks its RUNNING replays FAILED,
-- any instance those whose heartbeat stopped (their instance is gone).
create table market_replay (
    id              uuid             primary key,
    dataset_id      text             not null references dataset (id),
    symbol          text             not null,
    timeframe       text             not null,
    -- null: as fast as the broker acknowledges
    bars_per_second double precision check (bars_per_second > 0 and bars_per_second <= 100000),
    from_time       timestamptz,
    total_bars      integer          not null check (total_bars >= 0),
    published_bars  integer          not null default 0 check (published_bars >= 0),
    status          text             not null
        check (status in ('RUNNING', 'COMPLETED', 'STOPPED', 'FAILED')),
    error           text,
    correlation_id  text             not null,
    owner           text             not null,
    started_at      timestamptz      not null,
    heartbeat_at    timestamptz      not null,
    finished_at     timestamptz,
    last_bar_time   timestamptz,
    check (published_bars <= total_bars),
    check ((status = 'RUNNING') = (finished_at is null)),
    check (status <> 'FAILED' or error is not null)
);

-- One running replay per market: two would interleave their bars on one key.
create unique index market_replay_one_running on market_replay (symbol, timeframe)
    where status = 'RUNNING';
create index market_replay_newest_first on market_replay (started_at desc, id);
create index market_replay_by_status on market_replay (status, started_at desc);

-- Why a cycle was started when not by an operator's request (a change of market regime); null for
-- an operator's cycle.
alter table cycle add column reason text;

-- The last re-evaluation cycle per market (symbol and timeframe): the rate limit of cycles started
-- by regime changes, in the database so that it holds across replicas and restarts.
create table reevaluation (
    symbol     text        not null,
    timeframe  text        not null,
    last_at    timestamptz not null,
    cycle_id   uuid        not null references cycle (id),
    reason     text        not null,
    primary key (symbol, timeframe)
);
