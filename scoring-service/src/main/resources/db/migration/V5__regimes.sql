-- Regime-aware scoring: cycle.started may carry the dataset's bars labelled by the regime
-- detectors (runs of bars per detector and regime); when the cycle closes, each ranked result's
-- out-of-sample points are grouped by the regime of the bar each ends on
-- (io.backtest.engine.regime.RegimePerformanceReport) and the figures go into cycle.scored.

-- the dataset's regime runs as cycle.started announced them ({"runs": [RegimeRun, ...]}); null
-- until cycle.started is in, an empty list when it carried none
alter table scoring_cycle add column regimes jsonb;

-- a ranked result's out-of-sample record per regime ({"regimes": [RegimePerformance, ...]}); null
-- until the cycle closes, and for results ranked before this migration
alter table strategy_result add column regimes jsonb;
alter table strategy_result add constraint strategy_result_regimes_check
    check (regimes is null or rank is not null);
