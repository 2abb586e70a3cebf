package io.backtest.monitoring.mapping;

import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.rest.DeploymentView;

/** Deployments to their API form. */
public final class DeploymentMapper {
  private DeploymentMapper() {}

  public static DeploymentView toView(Deployment d) {
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
        d.score,
        d.rank,
        d.since,
        d.stoppedAt,
        d.reason,
        d.replacedBy,
        d.note);
  }
}
