package io.backtest.gateway.rest;

/** Example bodies of the OpenAPI document, in the services' shapes. */
final class ApiExamples {
  static final String START_CYCLE =
      """
      {"datasetId": "aapl-1d-2013", "candidates": 60, "seed": 42,
       "templates": ["sma-crossover", "macd"], "generation": "random",
       "walkForward": {"windows": "rolling", "inSampleBars": 120, "outOfSampleBars": 40,
                       "search": "grid", "points": 20, "objective": "sharpe"},
       "costs": {"feeBps": 10, "slippageBps": 5},
       "execution": {"fill": "next-open", "direction": "long-only"},
       "scoring": {"deflatedSharpe": 0.6, "sharpe": 0.2, "consistency": 0.1, "drawdown": 0.1}}""";

  static final String CYCLE_ACCEPTED =
      """
      {"cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "correlationId": "c0ffee-2024-01"}""";

  static final String CYCLE =
      """
      {"id": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "status": "COMPLETED",
       "datasetId": "aapl-1d-2013", "templates": ["sma-crossover", "macd"],
       "generation": "random", "seed": 42, "correlationId": "c0ffee-2024-01",
       "counts": {"candidates": 60, "backtested": 58, "failed": 2, "scored": 58,
                  "promoted": 5, "demoted": 0},
       "walkForward": {"windows": "rolling", "inSampleBars": 120, "outOfSampleBars": 40,
                       "stepBars": 40, "search": "grid", "points": 20, "objective": "sharpe"},
       "costs": {"feeBps": 10.0, "slippageBps": 5.0},
       "execution": {"fill": "next-open", "direction": "long-only", "positionFraction": 1.0,
                     "capital": 10000.0},
       "scoring": {"deflatedSharpe": 0.6, "sharpe": 0.2, "consistency": 0.1, "drawdown": 0.1},
       "createdAt": "2024-05-01T10:00:00Z", "completedAt": "2024-05-01T10:01:12Z",
       "summary": "promoted 5 of 60 candidates (41 rejected by the gates, 12 too correlated with the live set, 2 backtests failed); live 5 of 35",
       "warnings": []}""";

  static final String CYCLE_EVENTS =
      """
      data:{"cycleId":"3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70","status":"RUNNING","candidates":60,"backtested":31,"failed":0,"scored":12,"promoted":0,"demoted":0,"summary":null}

      data:{"cycleId":"3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70","status":"RUNNING","candidates":60,"backtested":58,"failed":2,"scored":58,"promoted":0,"demoted":0,"summary":null}

      data:{"cycleId":"3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70","status":"COMPLETED","candidates":60,"backtested":58,"failed":2,"scored":58,"promoted":5,"demoted":0,"summary":"promoted 5 of 60 candidates; live 5 of 35"}
      """;

  static final String CYCLE_SCORING_DOWN =
      """
      {"id": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "status": "RUNNING",
       "datasetId": "aapl-1d-2013", "templates": ["sma-crossover"], "generation": "random",
       "seed": 42, "correlationId": "c0ffee-2024-01",
       "counts": {"candidates": 60, "backtested": 31, "failed": 0, "scored": null,
                  "promoted": 0, "demoted": 0},
       "walkForward": null,
       "costs": {"feeBps": 10.0, "slippageBps": 5.0},
       "execution": {"fill": "next-open", "direction": "long-only", "positionFraction": 1.0,
                     "capital": 10000.0},
       "scoring": null,
       "createdAt": "2024-05-01T10:00:00Z", "completedAt": null, "summary": null,
       "warnings": ["scoring-service unavailable"]}""";

  static final String CYCLES =
      """
      {"items": [{"id": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "status": "RUNNING",
                  "datasetId": "aapl-1d-2013", "templates": ["sma-crossover"],
                  "generation": "random", "seed": 42,
                  "correlationId": "c0ffee-2024-01",
                  "counts": {"candidates": 60, "backtested": 31, "failed": 0,
                             "promoted": 0, "demoted": 0},
                  "createdAt": "2024-05-01T10:00:00Z", "completedAt": null, "summary": null}],
       "page": 0, "size": 20, "total": 1}""";

  /** Statistics of the best candidate of the examples (the contract's CandidateStatistics). */
  private static final String STATISTICS =
      """
      {"points": 200, "pointsPerYear": 252.0, "backtestYears": 0.79,
       "totalReturn": 0.118, "annualReturn": 0.152, "volatility": 0.141, "sharpe": 1.08,
       "sortino": 1.61, "calmar": 1.9, "maxDrawdown": 0.08, "profitFactor": 1.7,
       "winRate": 0.6, "tradeCount": 5, "foldConsistency": 0.8, "tStatistic": 0.96,
       "efficiency": 0.62, "skewness": -0.21, "kurtosis": 4.3, "meanReturn": 0.00057,
       "returnStdev": 0.0089, "probabilisticSharpe": 0.83, "deflatedSharpe": 0.41,
       "expectedMaxSharpe": 0.88, "trials": 4221, "minBacktestYears": 3.6}""";

  static final String LEADERBOARD =
      """
      {"cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "status": "COMPLETED",
       "expected": 60, "scored": 58, "failed": 2,
       "trials": 4221, "cycleTrials": 1160, "trialSharpeVariance": 0.38,
       "overfitting": {"candidates": 58, "points": 200, "partitions": 16, "splits": 12870,
                       "pbo": 0.31, "probabilityOfOosLoss": 0.08, "degradationSlope": -0.42,
                       "degradationIntercept": 0.0003},
       "weights": {"deflatedSharpe": 0.6, "sharpe": 0.2, "consistency": 0.1, "drawdown": 0.1},
       "items": [{"rank": 1, "strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                  "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
                  "score": 0.5478,
                  "statistics": """
          + STATISTICS
          + """
          ,
                  "promoted": true}],
       "page": 0, "size": 20, "total": 58}""";

  static final String STRATEGIES =
      """
      {"items": [{"id": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                  "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
                  "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
                  "datasetId": "aapl-1d-2013", "symbol": "AAPL", "timeframe": "1d",
                  "status": "LIVE", "score": 0.5478, "rank": 1,
                  "metrics": {"totalReturn": 0.118, "sharpe": 1.08, "maxDrawdown": 0.08,
                              "tradeCount": 5},
                  "reason": "promoted: rank 1 of 58, score 0.5478; DSR 0.41 >= 0.30 (N = 4,221 trials); live 5 of 35",
                  "promotedAt": "2024-05-01T10:01:12Z", "demotedAt": null}],
       "page": 0, "size": 20, "total": 1}""";

  static final String STRATEGY =
      """
      {"id": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
       "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
       "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
       "datasetId": "aapl-1d-2013", "symbol": "AAPL", "timeframe": "1d", "status": "LIVE",
       "score": 0.5478, "rank": 1,
       "metrics": {"totalReturn": 0.118, "sharpe": 1.08, "maxDrawdown": 0.08, "tradeCount": 5},
       "reason": "promoted: rank 1 of 58, score 0.5478; DSR 0.41 >= 0.30 (N = 4,221 trials); live 5 of 35",
       "promotedAt": "2024-05-01T10:01:12Z", "demotedAt": null,
       "backtest": {"status": "COMPLETED", "durationMillis": 41, "error": null}}""";

  static final String SCORECARD =
      """
      {"strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
       "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
       "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
       "score": 0.5478, "rank": 1,
       "metrics": {"totalReturn": 0.118, "sharpe": 1.08, "maxDrawdown": 0.08, "tradeCount": 5},
       "statistics": """
          + STATISTICS
          + """
          ,
       "weights": {"deflatedSharpe": 0.6, "sharpe": 0.2, "consistency": 0.1, "drawdown": 0.1},
       "formula": "score = (0.6 × deflatedSharpe + 0.2 × clamp(sharpe / 3, 0, 1) + 0.1 × foldConsistency + 0.1 × clamp(1 − maxDrawdown / 0.5, 0, 1)) / (sum of the weights used)",
       "verdict": {"outcome": "PROMOTED",
                   "reason": "promoted: rank 1 of 58, score 0.5478; DSR 0.41 >= 0.30 (N = 4,221 trials), PBO 0.31 <= 0.50; live 5 of 35",
                   "gates": [{"gate": "deflated-sharpe", "value": 0.41, "threshold": 0.3,
                              "passed": true, "reason": "DSR 0.41 >= 0.30 (N = 4,221 trials)"},
                             {"gate": "pbo", "value": 0.31, "threshold": 0.5, "passed": true,
                              "reason": "PBO 0.31 <= 0.50"}]},
       "correlations": {"withCandidates": [{"strategyId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                                            "correlation": 0.64}],
                        "withLive": [{"strategyId": "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
                                      "correlation": 0.12}]},
       "live": true,
       "promotedAt": "2024-05-01T10:01:12Z", "demotedAt": null, "demotionReason": null}""";

  static final String PROMOTE =
      """
      {"reason": "passed every gate in the cycle of 1 May; promoted after the desk's review"}""";

  static final String PROMOTED =
      """
      {"seq": 43, "strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d", "action": "PROMOTED",
       "reason": "manual promotion by operator: passed every gate in the cycle of 1 May; promoted after the desk's review",
       "at": "2024-05-02T09:00:00Z", "eventId": "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f",
       "liveCount": 13, "cap": 35}""";

  static final String DEMOTE =
      """
      {"reason": "live PnL 4 standard deviations below the backtest's expectation"}""";

  static final String DEMOTED =
      """
      {"seq": 44, "strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d", "action": "DEMOTED",
       "reason": "manual demotion by operator: live PnL 4 standard deviations below the backtest's expectation",
       "at": "2024-05-03T15:30:00Z", "eventId": "6e7f8091-ab2c-4d3e-9f40-5b6c7d8e9fa0",
       "liveCount": 12, "cap": 35}""";

  static final String ROLLBACK =
      """
      {"cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
       "reason": "the next cycle's promotions drew down 9% in two days"}""";

  static final String ROLLED_BACK =
      """
      {"cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
       "demoted": ["7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"],
       "promoted": ["9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d"],
       "liveCount": 12, "cap": 35}""";

  static final String DEPLOYMENTS =
      """
      {"liveCount": 1, "cap": 35,
       "strategies": [{"strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                       "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
                       "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
                       "datasetId": "syn-trend-7", "symbol": "SYN", "timeframe": "1d",
                       "score": 0.8412, "rank": 1, "promotedAt": "2024-05-01T10:01:12Z",
                       "reason": "promoted: rank 1 of 200, score 0.8412; DSR 0.99 >= 0.95 (N = 4,200 trials), ...; live 1 of 35",
                       "expected": {"annualReturn": 0.31, "volatility": 0.14, "sharpe": 2.21,
                                    "maxDrawdown": 0.12, "meanReturn": 0.0011, "returnStdev": 0.0088,
                                    "pointsPerYear": 252, "barsPerPoint": 1, "tradesPerYear": 1.4,
                                    "deflatedSharpe": 0.99}}]}""";

  static final String DEPLOYMENT_HISTORY =
      """
      {"items": [{"seq": 42, "strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                  "action": "DEMOTED", "cycleId": null,
                  "reason": "manual demotion by operator: live PnL 4 standard deviations below the backtest's expectation",
                  "at": "2024-05-03T15:30:00Z", "eventId": "6e7f8091-ab2c-4d3e-9f40-5b6c7d8e9fa0"},
                 {"seq": 41, "strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                  "action": "PROMOTED", "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
                  "reason": "promoted: rank 1 of 200, score 0.8412; DSR 0.99 >= 0.95 (N = 4,200 trials), ...; live 1 of 35",
                  "at": "2024-05-01T10:01:12Z", "eventId": "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f"}],
       "page": 0, "size": 20, "total": 42}""";

  static final String NO_REASON =
      """
      {"type": "about:blank", "title": "Bad Request", "status": 400,
       "detail": "reason: must not be blank",
       "instance": "/api/v1/strategies/9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d/demote",
       "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "reason", "reason": "must not be blank"}]}""";

  static final String CAP_REACHED =
      """
      {"type": "about:blank", "title": "Conflict", "status": 409,
       "detail": "the live set is at its cap of 35: demote a strategy first",
       "instance": "/api/v1/strategies/9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d/promote",
       "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String NOT_LIVE =
      """
      {"type": "about:blank", "title": "Conflict", "status": 409,
       "detail": "strategy 9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d is not live (it is RETIRED)",
       "instance": "/api/v1/strategies/9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d/demote",
       "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String UNRESTORABLE =
      """
      {"type": "about:blank", "title": "Conflict", "status": 409,
       "detail": "live set full (35 of 35)",
       "instance": "/api/v1/deployments/rollback", "correlationId": "c0ffee-2024-01",
       "errors": []}""";

  static final String DATASETS =
      """
      {"items": [{"id": "aapl-1d-2013", "symbol": "AAPL", "timeframe": "1d", "barCount": 252,
                  "from": "2013-01-02T00:00:00Z", "to": "2013-12-31T00:00:00Z",
                  "barsPerYear": 252,
                  "sha256": "5f2b9d1c0e7a4b3c8d6e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c",
                  "source": "ta4j-examples 0.18: appleinc_bars_from_20130101_usd.csv"}],
       "page": 0, "size": 20, "total": 1}""";

  static final String DATASET =
      """
      {"id": "aapl-1d-2013", "symbol": "AAPL", "timeframe": "1d", "barCount": 252,
       "from": "2013-01-02T00:00:00Z", "to": "2013-12-31T00:00:00Z", "barsPerYear": 252,
       "sha256": "5f2b9d1c0e7a4b3c8d6e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c",
       "source": "ta4j-examples 0.18: appleinc_bars_from_20130101_usd.csv"}""";

  static final String TEMPLATES =
      """
      {"items": [{"id": "sma-crossover",
                  "description": "Long when the fast SMA of the close crosses above the slow SMA;\
       exit when it crosses below.",
                  "parameters": [
                    {"name": "fast", "type": "int", "min": 2, "max": 50, "step": 2,
                     "optional": false},
                    {"name": "slow", "type": "int", "min": 10, "max": 200, "step": 10,
                     "optional": false},
                    {"name": "stopLossAtr", "type": "decimal", "min": 0.5, "max": 10,
                     "step": 0.25, "optional": true}],
                  "constraints": ["fast < slow",
                                  "at most one stop-loss: stopLossPct or stopLossAtr"],
                  "gridSize": 445}]}""";

  static final String BACKTEST_REQUEST =
      """
      {"datasetId": "aapl-1d-2013", "template": "sma-crossover",
       "params": {"fast": 10, "slow": 50},
       "costs": {"feeBps": 10, "slippageBps": 5},
       "execution": {"fill": "next-open", "direction": "long-only", "capital": 10000,
                     "positionFraction": 1}}""";

  static final String BACKTEST_WALK_FORWARD_REQUEST =
      """
      {"datasetId": "aapl-1d-2013", "template": "sma-crossover",
       "params": {"fast": 10, "slow": 50},
       "walkForward": {"windows": "rolling", "inSampleBars": 100, "outOfSampleBars": 30,
                       "search": "grid", "points": 20, "objective": "sharpe"},
       "seed": 42}""";

  static final String BACKTEST =
      """
      {"trades": [{"entryTime": "2013-07-19T00:00:00Z", "entryPrice": 433.40,
                   "exitTime": "2013-10-01T00:00:00Z", "exitPrice": 478.45,
                   "quantity": 23.03, "pnl": 1016.41, "open": false, "side": "long"}],
       "equity": [{"time": "2013-01-03T00:00:00Z", "value": 10000.0},
                  {"time": "2013-01-04T00:00:00Z", "value": 10000.0}],
       "metrics": {"totalReturn": 0.1016, "cagr": 0.1018, "volatility": 0.1562,
                   "sharpe": 0.71, "sortino": 1.02, "maxDrawdown": 0.0912,
                   "maxDrawdownBars": 31, "calmar": 1.12, "profitFactor": null,
                   "winRate": 1.0, "avgWin": 1016.41, "avgLoss": null,
                   "expectancy": 1016.41, "trades": 1, "exposure": 0.29,
                   "skewness": 0.35, "kurtosis": 6.1},
       "barsPerYear": 252.0,
       "dataset": {"id": "aapl-1d-2013",
                   "sha256": "5f2b9d1c0e7a4b3c8d6e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c"},
       "template": "sma-crossover", "params": {"fast": 10, "slow": 50},
       "execution": {"fill": "next-open", "direction": "long-only", "capital": 10000.0,
                     "positionFraction": 1.0},
       "costs": {"feeBps": 10.0, "slippageBps": 5.0},
       "seed": 42, "engineVersion": "0.1.0-SNAPSHOT"}""";

  static final String BACKTEST_BAD_PARAM =
      """
      {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
       "detail": "params.slow: slow=55 is not on the grid 10..200 step 10",
       "instance": "/api/v1/backtests", "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "params.slow",
                   "reason": "slow=55 is not on the grid 10..200 step 10"}]}""";

  static final String BACKTEST_TOO_LARGE =
      """
      {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
       "detail": "this backtest takes 1,565,002,500 bar-steps (per fold K = points in-sample\
       windows plus the out-of-sample one, plus K signal series over every bar), over the limit\
       of 400,000,000 for a synchronous backtest; run it as a cycle (POST /api/v1/cycles), or ask\
       for fewer points or folds",
       "instance": "/api/v1/backtests", "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String AUDIT_ENTRIES =
      """
      {"items": [{"seq": 1, "eventId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
                  "type": "io.backtest.cycle.started", "source": "/strategy-service",
                  "subject": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
                  "correlationId": "c0ffee-2024-01", "causationId": null,
                  "eventTime": "2024-05-01T10:00:00Z", "ingestedAt": "2024-05-01T10:00:00.120Z",
                  "topic": "cycle.started",
                  "summary": "Cycle 3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70 started: 60 sma-crossover candidates on AAPL 1d (seed 42)",
                  "payload": {"cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "candidates": 60},
                  "prevHash": "0000000000000000000000000000000000000000000000000000000000000000",
                  "hash": "8e1f0c3b5a7d9e2f4a6c8b0d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f"}],
       "page": 0, "size": 20, "total": 1}""";

  static final String AUDIT_ENTRY =
      """
      {"seq": 1, "eventId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
       "type": "io.backtest.cycle.started", "source": "/strategy-service",
       "subject": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "correlationId": "c0ffee-2024-01",
       "causationId": null, "eventTime": "2024-05-01T10:00:00Z",
       "ingestedAt": "2024-05-01T10:00:00.120Z", "topic": "cycle.started",
       "summary": "Cycle 3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70 started: 60 sma-crossover candidates on AAPL 1d (seed 42)",
       "payload": {"cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70", "candidates": 60},
       "prevHash": "0000000000000000000000000000000000000000000000000000000000000000",
       "hash": "8e1f0c3b5a7d9e2f4a6c8b0d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f"}""";

  static final String AUDIT_VALID =
      """
      {"valid": true, "treeSize": 1342,
       "rootHash": "8e1f0c3b5a7d9e2f4a6c8b0d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f",
       "signedHeads": 12}""";

  static final String AUDIT_INVALID =
      """
      {"valid": false, "firstInvalidSeq": 17,
       "reason": "the leaf hash stored with entry 17 does not match its content"}""";

  static final String WINDOWS =
      """
      {"items": [{"symbol": "AAPL", "timeframe": "1d", "bars": 252,
                  "from": "2013-01-02T00:00:00Z", "to": "2013-12-31T00:00:00Z",
                  "lastClose": 561.02, "realisedVolatility": 0.2713}],
       "page": 0, "size": 20, "total": 1}""";

  static final String MONITORED =
      """
      {"items": [{"strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                  "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
                  "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
                  "symbol": "AAPL", "timeframe": "1d", "status": "WATCHING",
                  "baseline": {"totalReturn": 0.271, "sharpe": 1.6, "maxDrawdown": 0.113},
                  "since": "2024-05-01T10:01:12Z", "stoppedAt": null, "reason": null}],
       "page": 0, "size": 20, "total": 1}""";

  static final String UNAUTHORIZED =
      """
      {"type": "about:blank", "title": "Unauthorized", "status": 401,
       "detail": "This operation needs a bearer access token (Authorization header).",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String FORBIDDEN =
      """
      {"type": "about:blank", "title": "Forbidden", "status": 403,
       "detail": "This operation needs the role operator.",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String UNAVAILABLE =
      """
      {"type": "about:blank", "title": "Service Unavailable", "status": 503,
       "detail": "strategy-service is unavailable (no answer within 5000 ms)",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String TOO_MANY_REQUESTS =
      """
      {"type": "about:blank", "title": "Too Many Requests", "status": 429,
       "detail": "rate limit of heavy operations reached: 60 a minute, bursts of up to 20; retry in 1 s",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String BODY_TOO_LARGE =
      """
      {"type": "about:blank", "title": "Content Too Large", "status": 413,
       "detail": "a JSON body of 2097152 bytes is over the limit of 1048576 bytes",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "Content-Length",
                   "reason": "a JSON body of 2097152 bytes is over the limit of 1048576 bytes"}]}""";

  static final String BAD_PAGE =
      """
      {"type": "about:blank", "title": "Bad Request", "status": 400,
       "detail": "size: must be an integer between 1 and 100 but was 101",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "size", "reason": "must be an integer between 1 and 100 but was 101"}]}""";

  static final String BAD_SORT =
      """
      {"type": "about:blank", "title": "Bad Request", "status": 400,
       "detail": "sort: must be one of createdAt, score, rank, status, promotedAt (a leading -\
       sorts descending; several comma-separated) but was 'name'",
       "instance": "/api/v1/strategies", "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "sort", "reason": "must be one of createdAt, score, rank, status,\
       promotedAt (a leading - sorts descending; several comma-separated) but was 'name'"}]}""";

  static final String BAD_ID =
      """
      {"type": "about:blank", "title": "Bad Request", "status": 400,
       "detail": "id: must be a UUID but was '42'", "instance": "/api/v1/cycles/42",
       "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "id", "reason": "must be a UUID but was '42'"}]}""";

  static final String NOT_FOUND =
      """
      {"type": "about:blank", "title": "Not Found", "status": 404,
       "detail": "cycle 3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70 does not exist",
       "instance": "/api/v1/cycles/3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
       "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String DATASET_CSV =
      """
      time,open,high,low,close,volume
      2024-01-02,472.16,473.67,470.49,472.65,123623700
      2024-01-03,470.43,471.19,468.17,468.79,103585900
      """;

  static final String BAD_CSV =
      """
      {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
       "detail": "body: line 3 (row 2): high 1.5 is below max(open, close) 2.0",
       "instance": "/api/v1/datasets", "correlationId": "4b8e2f0a-6c1d-4e3b-9a7f-2d5c8e1b0f36",
       "errors": [{"field": "body",
                   "reason": "line 3 (row 2): high 1.5 is below max(open, close) 2.0"}]}
      """;

  static final String SYNTHETIC_REQUEST =
      """
      {"bars": 100000, "seed": 7, "model": "regime-switching", "symbol": "SYN",
       "timeframe": "1m", "start": "2020-01-01T00:00:00Z", "startPrice": 100,
       "regimes": [
         {"name": "bull-quiet", "drift": 0.00002, "volatility": 0.0006, "meanDuration": 3000},
         {"name": "bear-volatile", "drift": -0.00004, "volatility": 0.002, "meanDuration": 1500},
         {"name": "sideways", "drift": 0, "volatility": 0.0004, "meanDuration": 2000}]}
      """;

  static final String REGIMES =
      """
      [{"regime": "bull-quiet", "fromIndex": 0, "toIndex": 2211,
        "fromTime": "2020-01-01T00:00:00Z"},
       {"regime": "sideways", "fromIndex": 2212, "toIndex": 3970,
        "fromTime": "2020-01-02T12:52:00Z"}]
      """;

  static final String SYNTHETIC =
      """
      {"dataset": {"id": "synthetic-3f9a1c0d2b7e4a65", "symbol": "SYN", "timeframe": "1m",
                   "barCount": 100000, "from": "2020-01-01T00:00:00Z",
                   "to": "2020-03-10T10:39:00Z", "barsPerYear": 525600,
                   "sha256": "9c1e4b7a2d5f8e3c6b0a9d2e5f8c1b4a7d0e3f6c9b2a5d8e1f4c7b0a3d6e9f2c",
                   "source": "synthetic regime-switching, seed 7, 100000 bars of 1m ..."},
       "regimes": [{"regime": "bull-quiet", "fromIndex": 0, "toIndex": 2211,
                    "fromTime": "2020-01-01T00:00:00Z"}]}
      """;

  static final String UNPROCESSABLE =
      """
      {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
       "detail": "candidates: 500 exceeds the 445 combinations of sma-crossover",
       "instance": "/api/v1/cycles", "correlationId": "c0ffee-2024-01",
       "errors": [{"field": "candidates",
                   "reason": "500 exceeds the 445 combinations of sma-crossover"}]}""";

  private ApiExamples() {}

  static final String REPLAY_REQUEST =
      """
      {"datasetId": "aapl-1d-2013", "barsPerSecond": 50, "from": "2013-06-03T00:00:00Z"}""";

  static final String REPLAY =
      """
      {"replayId": "6c1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f", "datasetId": "aapl-1d-2013",
       "symbol": "AAPL", "timeframe": "1d", "barsPerSecond": 50.0,
       "from": "2013-06-03T00:00:00Z", "totalBars": 147, "publishedBars": 60,
       "status": "RUNNING", "error": null, "startedAt": "2024-05-01T10:00:00Z",
       "finishedAt": null, "lastBarTime": "2013-08-26T00:00:00Z"}""";

  static final String REPLAYS =
      """
      {"items": [{"replayId": "6c1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f",
                  "datasetId": "aapl-1d-2013", "symbol": "AAPL", "timeframe": "1d",
                  "barsPerSecond": null, "from": null, "totalBars": 252, "publishedBars": 252,
                  "status": "COMPLETED", "error": null, "startedAt": "2024-05-01T10:00:00Z",
                  "finishedAt": "2024-05-01T10:00:01Z", "lastBarTime": "2013-12-31T00:00:00Z"}],
       "page": 0, "size": 20, "total": 1}""";

  static final String REPLAY_RUNNING =
      """
      {"type": "about:blank", "title": "Conflict", "status": 409,
       "detail": "a replay of AAPL 1d is already running: 6c1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f",
       "instance": "/api/v1/market/replay", "correlationId": "c0ffee-2024-01", "errors": []}""";

  static final String CURRENT_REGIMES =
      """
      {"symbol": "AAPL", "timeframes": [{"timeframe": "1m", "barsObserved": 48210,
        "lastBarTime": "2024-04-29T14:31:00Z",
        "detectors": [
          {"detector": "volatility", "regime": "HIGH", "since": "2024-04-29T14:02:00Z",
           "barsObserved": 48181, "warmUpBars": 20014, "updatedAt": "2024-04-29T14:02:01Z",
           "statistics": {"realisedVolatility": 0.0158, "lowerThreshold": 0.0041,
                          "upperThreshold": 0.0093}},
          {"detector": "trend", "regime": "TRENDING_DOWN", "since": "2024-04-29T13:40:00Z",
           "barsObserved": 48160, "warmUpBars": 28, "updatedAt": "2024-04-29T13:40:01Z",
           "statistics": {"adx": 31.4, "plusDi": 14.2, "minusDi": 29.8}},
          {"detector": "hmm", "regime": "HIGH", "since": "2024-04-29T14:05:00Z",
           "barsObserved": 48184, "warmUpBars": 20000, "updatedAt": "2024-04-29T14:05:01Z",
           "statistics": {"probability": 0.93, "stateVolatility": 0.0149}}]}]}""";

  static final String REGIME_HISTORY =
      """
      {"items": [{"id": 812, "symbol": "AAPL", "timeframe": "1m", "detector": "volatility",
                  "from": "NORMAL", "to": "HIGH", "barTime": "2024-04-29T14:02:00Z",
                  "barsObserved": 48181,
                  "statistics": {"realisedVolatility": 0.0158, "upperThreshold": 0.0093},
                  "reason": "volatility NORMAL -> HIGH: Garman-Klass volatility 0.0158 per bar at or above the upper threshold 0.0093 by the hysteresis 0.20 for 4 bars",
                  "changedAt": "2024-04-29T14:02:01Z",
                  "eventId": "0b6d7a52-3f4e-4c1d-9e8f-2a3b4c5d6e7f"}],
       "page": 0, "size": 20, "total": 1}""";

  static final String MONITORED_STRATEGY =
      """
      {"strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
       "cycleId": "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
       "template": "sma-crossover", "parameters": {"fast": 10, "slow": 50},
       "symbol": "AAPL", "timeframe": "1d", "status": "DRIFTED",
       "baseline": {"totalReturn": 0.271, "sharpe": 1.6, "maxDrawdown": 0.113},
       "expected": {"annualReturn": 0.21, "volatility": 0.13, "sharpe": 1.6, "maxDrawdown": 0.113,
                    "meanReturn": 0.00076, "returnStdev": 0.0082, "pointsPerYear": 252,
                    "barsPerPoint": 1, "tradesPerYear": 9.5, "deflatedSharpe": 0.97},
       "since": "2024-05-01T10:01:12Z", "stoppedAt": null, "reason": null,
       "live": {"bars": 340, "warmUpBars": 1000, "lastBarTime": "2025-09-12T00:00:00Z",
                "equity": 9412.5, "totalReturn": -0.0588, "drawdown": 0.071, "maxDrawdown": 0.092,
                "trades": 7, "sharpe": -0.41, "position": "FLAT"},
       "drift": {"changeDetector": "cusum", "statistic": 0.0, "threshold": 11.3,
                 "detection": {"detector": "cusum", "statistic": 11.6, "threshold": 11.3,
                               "barTime": "2025-09-12T00:00:00Z",
                               "reason": "drift: CUSUM 11.6 > 11.3 after 340 bars",
                               "detectedAt": "2025-09-12T00:00:01Z"}},
       "points": [{"time": "2025-09-12T00:00:00Z", "equity": 9412.5, "return": -0.0031,
                   "drawdown": 0.071, "position": "FLAT", "trades": 7}]}""";

  static final String ALERTS =
      """
      {"items": [{"alertId": "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b", "severity": "CRITICAL",
                  "kind": "drift", "strategyId": "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                  "symbol": "AAPL", "message": "drift: CUSUM 61.2 > 50 after 340 bars",
                  "details": {"statistic": 61.2, "threshold": 50.0, "window": 340.0},
                  "raisedAt": "2024-09-12T00:00:03Z"}],
       "page": 0, "size": 20, "total": 1}""";

  static final String TREE_HEAD =
      """
      {"treeSize": 120000,
       "rootHash": "5a9f3b0c2e71d4c8b6a3f09e1d2c4b5a6978e0f1a2b3c4d5e6f708192a3b4c5d",
       "timestamp": "2026-11-26T10:15:30.123Z", "keyId": "3f9a1c0b7e52d4a8",
       "signature": "q1X0bGx5IHNpZ25lZCBoZWFkIHNpZ25hdHVyZSBieXRlcyBoZXJlIGZvciBleGFtcGxl"}""";

  /** Two entries of an export, the second completing the signed head of 2 entries. */
  static final String AUDIT_EXPORT =
      """
      {"kind":"start","format":"backtest-audit-export/v1","fromSeq":1,"toSeq":2,"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","frontier":[]}
      {"kind":"entry","entry":{"causationId":null,"correlationId":"corr-aapl","eventId":"0b7f9c2e-6d41-4a8e-9f3b-5c1d2e3f4a5b","eventTime":"2026-11-26T10:00:00Z","ingestedAt":"2026-11-26T10:00:00.512301Z","offset":0,"partition":0,"payload":{"close":187.25,"symbol":"AAPL","timeframe":"1d"},"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"source":"/market-feed","subject":"AAPL","summary":"Bar of AAPL 1d closed at 187.25","topic":"market.bars","type":"io.backtest.market.bars"},"hash":"c1e0a7d95b3f2e4816d7a9b0c3e5f7182a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d","leafHash":"7d3e9a1b5c2f4e6d8a0b2c4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a"}
      {"kind":"entry","entry":{"causationId":null,"correlationId":"corr-aapl","eventId":"4e2a1c9b-8f7d-4b6a-a5c3-2d1e0f9a8b7c","eventTime":"2026-11-27T10:00:00Z","ingestedAt":"2026-11-27T10:00:00.498127Z","offset":1,"partition":0,"payload":{"close":188.1,"symbol":"AAPL","timeframe":"1d"},"prevHash":"c1e0a7d95b3f2e4816d7a9b0c3e5f7182a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d","seq":2,"source":"/market-feed","subject":"AAPL","summary":"Bar of AAPL 1d closed at 188.1","topic":"market.bars","type":"io.backtest.market.bars"},"hash":"29f4b6d8e0a2c4e6f8a0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4","leafHash":"e5a7c9b1d3f5e7a9c1b3d5f7e9a1c3b5d7f9e1a3c5b7d9f1e3a5c7b9d1f3e5a7"}
      {"kind":"head","treeSize":2,"rootHash":"5a9f3b0c2e71d4c8b6a3f09e1d2c4b5a6978e0f1a2b3c4d5e6f708192a3b4c5d","timestamp":"2026-11-27T10:00:10.004Z","keyId":"3f9a1c0b7e52d4a8","signature":"q1X0bGx5IHNpZ25lZCBoZWFkIHNpZ25hdHVyZSBieXRlcyBoZXJlIGZvciBleGFtcGxl"}
      {"kind":"end","entries":2,"anchor":{"treeSize":2,"rootHash":"5a9f3b0c2e71d4c8b6a3f09e1d2c4b5a6978e0f1a2b3c4d5e6f708192a3b4c5d","timestamp":"2026-11-27T10:00:10.004Z","keyId":"3f9a1c0b7e52d4a8","signature":"q1X0bGx5IHNpZ25lZCBoZWFkIHNpZ25hdHVyZSBieXRlcyBoZXJlIGZvciBleGFtcGxl"},"consistency":[]}
      """;

  static final String PUBLIC_KEYS =
      """
      {"algorithm": "Ed25519", "currentKeyId": "3f9a1c0b7e52d4a8",
       "keys": {"3f9a1c0b7e52d4a8": "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="}}""";

  static final String INCLUSION_PROOF =
      """
      {"seq": 42, "leafIndex": 41, "treeSize": 120000,
       "leafHash": "0c3f5e7a9b1d2f4e6a8c0b2d4f6e8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f",
       "path": ["9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b",
                "1f2e3d4c5b6a79880f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978"],
       "treeHead": {"treeSize": 120000,
                    "rootHash": "5a9f3b0c2e71d4c8b6a3f09e1d2c4b5a6978e0f1a2b3c4d5e6f708192a3b4c5d",
                    "timestamp": "2026-11-26T10:15:30.123Z", "keyId": "3f9a1c0b7e52d4a8",
                    "signature": "q1X0bGx5IHNpZ25lZCBoZWFkIHNpZ25hdHVyZSBieXRlcyBoZXJlIGZvciBleGFtcGxl"}}""";

  static final String CONSISTENCY_PROOF =
      """
      {"first": 1000, "second": 120000,
       "path": ["7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f",
                "2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e"],
       "firstHead": null, "secondHead": null}""";
}
