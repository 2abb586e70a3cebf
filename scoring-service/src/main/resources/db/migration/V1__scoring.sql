-- Scoring service: scores, rankings, cycle completion: schema owned by this service.

-- One evaluation cycle as scoring sees it. Created by whichever of its events arrives first
-- (cycle.started, backtest.completed or backtest.failed travel on different topics and partitions),
-- then locked (select ... for update) by every event of the cycle so that counting and completion
-- are serialised.
create table scoring_cycle (
    cycle_id          uuid primary key,
    status            text             not null check (status in ('SCORING', 'SCORED', 'TIMED_OUT')),
    -- null until cycle.started is in (a result may come first)
    expected          integer          check (expected >= 1),
    dataset_id        text,
    symbol            text,
    timeframe         text,
    bars_per_year     double precision,
    template          text,
    seed              bigint,
    started_at        timestamptz,
    correlation_id    text             not null,
    -- results counted towards completion (those that arrive after the cycle closed are not)
    scored            integer          not null default 0 check (scored >= 0),
    failed            integer          not null default 0 check (failed >= 0),
    -- results that never arrived, counted as failed when the timeout closed the cycle
    missing           integer          not null default 0 check (missing >= 0),
    -- receipt time of the cycle's latest event: the timeout runs from here
    last_activity_at  timestamptz      not null,
    -- the cycle.scored event; set once, in the transaction that writes it to the outbox
    scored_event_id   uuid unique,
    scored_at         timestamptz,
    created_at        timestamptz      not null,
    check ((status = 'SCORING') = (scored_event_id is null))
);

-- The timeout check looks for open cycles that went quiet.
create index scoring_cycle_open on scoring_cycle (last_activity_at) where status = 'SCORING';

-- One outcome per strategy and cycle: a scored backtest (metrics and score) or a failed one (reason).
create table strategy_result (
    backtest_id       uuid primary key,
    cycle_id          uuid             not null references scoring_cycle (cycle_id),
    strategy_id       uuid             not null,
    outcome           text             not null check (outcome in ('SCORED', 'FAILED')),
    dataset_id        text,
    template          text,
    parameters        jsonb,
    total_return      double precision,
    cagr              double precision,
    sharpe            double precision,
    sortino           double precision,
    max_drawdown      double precision,
    volatility        double precision,
    trade_count       integer,
    win_rate          double precision,
    profit_factor     double precision,
    exposure          double precision,
    bar_count         integer,
    open_at_end       boolean,
    duration_millis   bigint,
    completed_at      timestamptz,
    score             double precision,
    failure_reason    text,
    failed_at         timestamptz,
    -- arrived after its cycle was closed (timed out): kept, but outside the cycle's ranking
    late              boolean          not null default false,
    event_id          uuid             not null,
    received_at       timestamptz      not null,
    unique (cycle_id, strategy_id),
    -- a scored result carries every metric but the profit factor (null when there was no loss)
    check (outcome <> 'SCORED' or (score is not null and template is not null
        and parameters is not null and total_return is not null and cagr is not null
        and sharpe is not null and sortino is not null and max_drawdown is not null
        and volatility is not null and trade_count is not null and win_rate is not null
        and exposure is not null and bar_count is not null and open_at_end is not null
        and duration_millis is not null and completed_at is not null)),
    check (outcome <> 'FAILED' or (failure_reason is not null and failed_at is not null))
);

-- Leaderboard order: score desc, then strategy id (PostgreSQL's uuid order is byte order).
create index strategy_result_ranking on strategy_result (cycle_id, score desc, strategy_id)
    where outcome = 'SCORED' and not late;
create index strategy_result_strategy on strategy_result (strategy_id);

-- Per-bar returns of each scored backtest, apart from the result rows so that listing results
-- does not read them; kept for the correlation and overfitting statistics.
create table return_series (
    backtest_id       uuid primary key references strategy_result (backtest_id),
    cycle_id          uuid               not null,
    strategy_id       uuid               not null,
    bars_per_year     double precision   not null,
    returns           double precision[] not null
);

create index return_series_cycle on return_series (cycle_id);

-- Whether a strategy is live, from strategy.promoted / strategy.demoted. Kept per strategy (not on
-- the result row) because the two topics arrive in any order: the decision with the latest time
-- wins, whichever is processed last.
create table strategy_standing (
    strategy_id       uuid primary key,
    promoted          boolean          not null,
    promoted_cycle_id uuid,
    promoted_rank     integer,
    promoted_at       timestamptz,
    demoted_at        timestamptz,
    demotion_reason   text,
    decided_at        timestamptz      not null,
    event_id          uuid             not null
);
