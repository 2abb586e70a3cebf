-- Scoring and promotion: a result is no longer scored when it arrives. The honest statistics depend
-- on the whole cycle (the deflated Sharpe ratio on every trial made and on how the trials' Sharpe
-- ratios vary, the probability of backtest overfitting on the matrix of all candidates' returns,
-- correlation on the other candidates and the live set), so the cycle's counted results are scored
-- together when it closes (io.backtest.engine.selection.CycleScorer), in the transaction that emits
-- strategy.scored per result and cycle.scored.

-- --- strategy_result: score, rank and statistics are set when the cycle closes ----------------

-- V1's check required a score on every scored result; the score now comes with the cycle's close.
alter table strategy_result drop constraint strategy_result_check;
alter table strategy_result add constraint strategy_result_scored_check
    check (outcome <> 'SCORED' or (template is not null
        and parameters is not null and total_return is not null and cagr is not null
        and sharpe is not null and sortino is not null and max_drawdown is not null
        and volatility is not null and trade_count is not null and win_rate is not null
        and exposure is not null and bar_count is not null and open_at_end is not null
        and duration_millis is not null and completed_at is not null));

-- position in the cycle's ranking, from 1; null until the cycle closes, and for results not
-- counted in it (failed, or arrived after the close)
alter table strategy_result add column rank integer check (rank >= 1);
-- everything the score and the promotion gates were computed from
-- (io.backtest.contracts.events.CandidateStatistics); null until the cycle closes, and on results
-- ranked before this migration
alter table strategy_result add column statistics jsonb;
-- share of the walk-forward analysis' out-of-sample folds that made money (total return > 0);
-- null without a walk-forward analysis
alter table strategy_result add column fold_consistency double precision
    check (fold_consistency >= 0 and fold_consistency <= 1);
alter table strategy_result add constraint strategy_result_ranked_check
    check ((rank is null or (score is not null and outcome = 'SCORED' and not late))
        and (statistics is null or rank is not null)
        and (fold_consistency is null or walk_forward is not null));

-- The rows stored before kept only each fold's Sharpe ratios: their consistency counts the folds
-- with a positive out-of-sample Sharpe ratio (a positive mean return) instead.
update strategy_result r set fold_consistency = (
        select avg(case when (f ->> 'outOfSampleSharpe')::float8 > 0 then 1.0 else 0.0 end)
        from jsonb_array_elements(r.walk_forward -> 'folds') f)
    where walk_forward is not null;

-- Cycles closed before this migration keep the ranking they published (score desc, then strategy
-- id, PostgreSQL's uuid order being byte order): their ranks are written down. Results of cycles
-- still open lose their per-result score: they are scored with their cycle when it closes.
-- V3's provenance check is NOT VALID: it spares the rows recorded before V3 only until they are
-- updated, so it is set aside for these updates and put back as it was.
alter table strategy_result drop constraint strategy_result_scored_v3_check;
update strategy_result r set rank = ranked.position
    from (select backtest_id,
                 row_number() over (partition by cycle_id order by score desc, strategy_id) position
          from strategy_result where outcome = 'SCORED' and not late) ranked,
         scoring_cycle c
    where r.backtest_id = ranked.backtest_id and c.cycle_id = r.cycle_id
        and c.status <> 'SCORING';
update strategy_result r set score = null
    from scoring_cycle c
    where c.cycle_id = r.cycle_id and c.status = 'SCORING' and r.outcome = 'SCORED'
        and not r.late;
alter table strategy_result add constraint strategy_result_scored_v3_check
    check (outcome <> 'SCORED' or (max_drawdown_bars is not null and dataset_sha256 is not null
        and seed is not null and engine_version is not null)) not valid;

-- The leaderboard pages through the stored ranks.
drop index strategy_result_ranking;
create unique index strategy_result_rank on strategy_result (cycle_id, rank) where rank is not null;

-- --- return_series: what makes two series comparable point by point -------------------------

-- <dataset sha256>:<first out-of-sample bar (0 without a walk-forward analysis)>:<bars per point>;
-- equal text means the same data, the same first bar and the same points
-- (io.backtest.engine.selection.ScoringInput#alignment). Series stored before results carried the
-- dataset's digest (V3) cannot be matched with any other.
alter table return_series add column alignment text;
update return_series s set alignment = case
        when r.dataset_sha256 is null then 'unknown:' || s.backtest_id
        else r.dataset_sha256 || ':'
            || coalesce(r.walk_forward -> 'folds' -> 0 ->> 'outOfSampleFrom', '0') || ':'
            || s.bars_per_point
    end
    from strategy_result r where r.backtest_id = s.backtest_id;
alter table return_series alter column alignment set not null;
-- the live strategies' series, by the cycle that promoted them
create index return_series_strategy on return_series (strategy_id);

-- --- scoring_cycle: what the close computed ---------------------------------------------------

-- weights of the composite score (io.backtest.contracts.events.ScoringWeights): those
-- cycle.started asked for, else, once the cycle closed, the configured defaults it was scored with
alter table scoring_cycle add column weights jsonb;
-- N of the deflated Sharpe ratios: this cycle's trials plus the trial ledger's earlier ones on the
-- same symbol and timeframe
alter table scoring_cycle add column trials bigint check (trials >= 0);
-- this cycle's trials: every parameter set its candidates tried, the failed and missing ones
-- estimated at the mean of the scored ones
alter table scoring_cycle add column cycle_trials bigint check (cycle_trials >= 0);
-- cross-sectional variance of the candidates' annualised Sharpe ratios (a diagnostic; the DSR uses
-- the Sharpe estimator's variance under the null, see CycleScorer.SharpeVariance)
alter table scoring_cycle add column trial_sharpe_variance double precision
    check (trial_sharpe_variance >= 0);
-- CSCV diagnostics (io.backtest.contracts.events.OverfittingDiagnostics); null when the returns
-- were too short or absent
alter table scoring_cycle add column overfitting jsonb;
alter table scoring_cycle add constraint scoring_cycle_statistics_check
    check ((trials is null) = (cycle_trials is null)
        and (cycle_trials is null) = (trial_sharpe_variance is null)
        and (trials is null or trials >= cycle_trials)
        and (overfitting is null or trials is not null));

-- Correlations of the cycle's best candidates with each other and with the live set at the close
-- (io.backtest.contracts.events.Correlations, as cycle.scored carried them): up to a few hundred
-- kilobytes, apart from the cycle row that every event of the cycle locks and reads.
create table cycle_correlation (
    cycle_id          uuid primary key references scoring_cycle (cycle_id),
    correlations      jsonb            not null check (jsonb_typeof(correlations) = 'object')
);

-- --- trial_ledger: every trial ever made on an instrument -------------------------------------

-- One row per closed cycle: the trials it made on its symbol and timeframe and the sum and sum of
-- squares of its candidates' annualised Sharpe ratios. A cycle's deflated Sharpe ratios account for
-- the ledger's earlier rows of the same symbol and timeframe plus its own.
--
-- Why never deleted: the deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe
-- Ratio", Journal of Portfolio Management 40(5), 2014) corrects for selection among N trials; its
-- benchmark grows with N. Every parameter set ever tried on an instrument is a trial of the search
-- that produced today's best candidate, whether or not anything was promoted and however old it
-- is. Forgetting trials lowers N and the benchmark, and so inflates every later deflated Sharpe
-- ratio: the very selection bias the statistic exists to remove. So the service has no delete
-- path, and the table refuses UPDATE, DELETE and TRUNCATE (disabling the triggers needs the table's
-- owner or a superuser, deliberately).
create table trial_ledger (
    cycle_id          uuid primary key references scoring_cycle (cycle_id),
    symbol            text             not null,
    timeframe         text             not null,
    trials            bigint           not null check (trials >= 0),
    -- Sharpe ratios observed (one per scored candidate), their sum and the sum of their squares
    sharpes           bigint           not null check (sharpes >= 0),
    sharpe_sum        double precision not null,
    sharpe_squares    double precision not null check (sharpe_squares >= 0),
    recorded_at       timestamptz      not null
);

create index trial_ledger_instrument on trial_ledger (symbol, timeframe, recorded_at);

create function trial_ledger_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'trial_ledger is append-only: % is not allowed (trials are never forgotten)',
        tg_op using errcode = 'restrict_violation';
end
$$;

create trigger trial_ledger_append_only before update or delete on trial_ledger
    for each row execute function trial_ledger_reject_change();

create trigger trial_ledger_no_truncate before truncate on trial_ledger
    for each statement execute function trial_ledger_reject_change();

-- --- candidate_verdict: the promotion gate's decision on each ranked candidate ----------------

-- From cycle.completed, written once with the decision and never changed: the outcome
-- (PROMOTED, REJECTED_BY_GATES, CORRELATED, ...), the reason in a sentence and every gate applied,
-- as {"checks": [io.backtest.contracts.events.GateCheck: gate, value, threshold, passed, reason]}
-- (io.backtest.scoring.domain.GateChecks; an object, as the reactive client reads JSON columns).
create table candidate_verdict (
    cycle_id          uuid             not null references scoring_cycle (cycle_id),
    strategy_id       uuid             not null,
    rank              integer          not null check (rank >= 1),
    outcome           text             not null,
    reason            text             not null,
    gates             jsonb            not null check (jsonb_typeof(gates -> 'checks') = 'array'),
    primary key (cycle_id, strategy_id)
);
