-- Strategy service: datasets, candidates, cycles, backtest workers, promotion gate: schema owned by this service.

-- Historical bars a cycle evaluates its candidates on. The content never changes once stored:
-- sha256 is the digest of the canonical text of the bars (see DatasetContent), which workers use
-- as the key of their bar cache and verify when they load the bars.
create table dataset (
    id            text             primary key,
    symbol        text             not null,
    timeframe     text             not null,
    bar_count     integer          not null check (bar_count > 0),
    first_time    timestamptz      not null,
    last_time     timestamptz      not null,
    bars_per_year double precision not null check (bars_per_year > 0),
    sha256        char(64)         not null,
    source        text             not null,
    created_at    timestamptz      not null default now(),
    check (last_time >= first_time)
);

create table dataset_bar (
    dataset_id text             not null references dataset (id),
    seq        integer          not null check (seq >= 0),
    time       timestamptz      not null,
    open       double precision not null,
    high       double precision not null,
    low        double precision not null,
    close      double precision not null,
    volume     double precision not null,
    primary key (dataset_id, seq),
    unique (dataset_id, time)
);

-- One evaluation cycle: N candidates generated from a template with a stored seed, backtested on
-- one dataset under one execution model. backtested and failed are incremented by the workers
-- (update ... set backtested = backtested + 1), promoted and demoted by the promotion gate.
create table cycle (
    id                uuid             primary key,
    status            text             not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    dataset_id        text             not null references dataset (id),
    template          text             not null,
    seed              bigint           not null,
    correlation_id    text             not null,
    candidates        integer          not null check (candidates > 0),
    backtested        integer          not null default 0 check (backtested >= 0),
    failed            integer          not null default 0 check (failed >= 0),
    promoted          integer          not null default 0 check (promoted >= 0),
    demoted           integer          not null default 0 check (demoted >= 0),
    fill              text             not null,
    fee_bps           double precision not null,
    slippage_bps      double precision not null,
    position_fraction double precision not null,
    created_at        timestamptz      not null,
    completed_at      timestamptz,
    summary           text
);

create index cycle_newest_first on cycle (created_at desc, id);

-- A strategy: a candidate of a cycle (template + parameters + dataset), possibly promoted to the
-- live set (LIVE) and later retired. score, rank and reason are set by the promotion gate (reason
-- also when its backtest failed).
create table strategy (
    id          uuid             primary key,
    cycle_id    uuid             not null references cycle (id),
    template    text             not null,
    parameters  text             not null,
    dataset_id  text             not null references dataset (id),
    status      text             not null check (status in ('CANDIDATE', 'LIVE', 'RETIRED')),
    score       double precision,
    rank        integer check (rank >= 1),
    reason      text,
    created_at  timestamptz      not null,
    promoted_at timestamptz,
    demoted_at  timestamptz,
    -- the promotion gate compares live strategies by score and promotion time
    check (status <> 'LIVE' or (score is not null and promoted_at is not null))
);

create index strategy_by_cycle on strategy (cycle_id, rank);
create index strategy_by_status on strategy (status, created_at desc);

-- The duplicate rule of the promotion gate as a constraint: one live strategy per template,
-- parameters and dataset. parameters is canonical JSON (names in the template's order, see
-- ParametersJson), so equal parameter sets are equal text.
create unique index strategy_live_unique on strategy (template, dataset_id, parameters)
    where status = 'LIVE';

-- One backtest of one strategy. metrics holds the contract's BacktestMetrics as JSON (EventJson).
create table backtest_run (
    id              uuid        primary key,
    strategy_id     uuid        not null unique references strategy (id),
    cycle_id        uuid        not null references cycle (id),
    status          text        not null check (status in ('REQUESTED', 'COMPLETED', 'FAILED')),
    metrics         text,
    open_at_end     boolean,
    duration_millis bigint check (duration_millis >= 0),
    error           text,
    requested_at    timestamptz not null,
    finished_at     timestamptz,
    check (status <> 'COMPLETED' or metrics is not null),
    check (status <> 'FAILED' or error is not null)
);

create index backtest_run_by_cycle on backtest_run (cycle_id);
