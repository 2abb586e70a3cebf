package io.backtest.monitoring.mapping;

import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.domain.LivePoint;
import io.backtest.monitoring.rest.DeploymentView;
import io.backtest.monitoring.rest.DriftView;
import io.backtest.monitoring.rest.LiveView;
import io.backtest.monitoring.rest.PointView;
import java.util.List;

/** Deployments to their API form. */
public final class DeploymentMapper {
  private DeploymentMapper() {}

  /** A deployment as listed: without its equity series. */
  public static DeploymentView toView(Deployment d) {
    return toView(d, null);
  }

  /** A deployment with the given points of its equity series (null for none). */
  public static DeploymentView toView(Deployment d, List<LivePoint> points) {
    return new DeploymentView(
        d.strategyId,
        d.cycleId,
        d.template,
        d.parameters,
        d.datasetId,
        d.symbol,
        d.timeframe,
        d.execution,
        d.status.name(),
        d.baseline,
        d.expected,
        d.score,
        d.rank,
        d.since,
        d.stoppedAt,
        d.reason,
        d.replacedBy,
        d.note,
        live(d),
        drift(d),
        points == null ? null : points.stream().map(DeploymentMapper::toView).toList());
  }

  private static LiveView live(Deployment d) {
    if (d.liveBars == 0) {
      return null;
    }
    return new LiveView(
        d.liveBars,
        d.warmUpBars,
        d.lastBarTime,
        d.liveEquity,
        d.liveReturn,
        d.liveDrawdown,
        d.liveMaxDrawdown,
        d.liveTrades,
        d.liveSharpe,
        d.livePosition);
  }

  private static DriftView drift(Deployment d) {
    if (d.liveBars == 0) {
      return null;
    }
    DriftView.Detection detection =
        d.driftDetector == null
            ? null
            : new DriftView.Detection(
                d.driftDetector,
                d.driftStatistic,
                d.driftThreshold,
                d.driftBarTime,
                d.driftReason,
                d.driftedAt);
    return new DriftView(d.changeDetector, d.changeStatistic, d.changeThreshold, detection);
  }

  private static PointView toView(LivePoint p) {
    return new PointView(
        p.id.barTime(), p.equity, p.barReturn, p.drawdown, p.position.name(), p.trades);
  }
}
