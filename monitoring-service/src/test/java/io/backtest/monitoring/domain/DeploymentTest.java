package io.backtest.monitoring.domain;

import static io.backtest.monitoring.SampleEvents.T0;
import static io.backtest.monitoring.SampleEvents.demoted;
import static io.backtest.monitoring.SampleEvents.promoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Promotions and demotions applied by their own times, in any arrival order. */
class DeploymentTest {
  private final UUID id = UUID.randomUUID();
  private final Instant now = Instant.parse("2026-02-01T00:00:00Z");

  private static Instant later(long hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  @Test
  void promotionStartsWatchingWithItsBaseline() {
    StrategyPromoted p = promoted(id, T0, 1.4);
    Deployment d = Deployment.watching(UUID.randomUUID(), p, now);
    assertThat(d.status).isEqualTo(DeploymentStatus.WATCHING);
    assertThat(d.since).isEqualTo(T0);
    assertThat(d.baseline).isEqualTo(p.metrics());
    assertThat(d.parameters).isEqualTo(p.strategy().parameters());
    assertThat(d.cycleId).isEqualTo(p.cycleId());
    assertThat(d.symbol).isEqualTo("AAPL");
    assertThat(d.stoppedAt).isNull();
  }

  @Test
  void laterDemotionStops() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, T0, 1.4), now);
    StrategyDemoted dem = demoted(id, later(5), "drift: live Sharpe far below the baseline");
    assertThat(d.applyDemotion(UUID.randomUUID(), dem, now)).isEqualTo(Transition.STOPPED);
    assertThat(d.status).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(d.stoppedAt).isEqualTo(later(5));
    assertThat(d.reason).isEqualTo("drift: live Sharpe far below the baseline");
    assertThat(d.replacedBy).isEqualTo(dem.replacedBy());
    assertThat(d.since).isEqualTo(T0);
  }

  @Test
  void demotionBeforeItsPromotionEndsStoppedWithThePromotionRecorded() {
    Deployment d =
        Deployment.stoppedBeforePromotion(UUID.randomUUID(), demoted(id, later(5), "cap"), now);
    assertThat(d.status).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(d.note).contains("before any promotion");
    assertThat(d.since).isNull();

    StrategyPromoted p = promoted(id, T0, 1.4);
    assertThat(d.applyPromotion(UUID.randomUUID(), p, now))
        .isEqualTo(Transition.PROMOTION_RECORDED_WHILE_STOPPED);
    assertThat(d.status).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(d.stoppedAt).isEqualTo(later(5));
    assertThat(d.reason).isEqualTo("cap");
    assertThat(d.since).isEqualTo(T0);
    assertThat(d.baseline).isEqualTo(p.metrics());
  }

  @Test
  void promotionNewerThanTheStopPutsItBackUnderWatch() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, T0, 1.4), now);
    d.applyDemotion(UUID.randomUUID(), demoted(id, later(5), "cap"), now);
    StrategyPromoted again = promoted(id, later(9), 1.7);
    assertThat(d.applyPromotion(UUID.randomUUID(), again, now)).isEqualTo(Transition.REVIVED);
    assertThat(d.status).isEqualTo(DeploymentStatus.WATCHING);
    assertThat(d.since).isEqualTo(later(9));
    assertThat(d.baseline.sharpe()).isEqualTo(1.7);
    assertThat(d.stoppedAt).isNull();
    assertThat(d.reason).isNull();
    assertThat(d.note).contains("promoted again").contains("cap");
  }

  @Test
  void olderPromotionNeverRevivesAStoppedStrategy() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, later(2), 1.4), now);
    d.applyDemotion(UUID.randomUUID(), demoted(id, later(5), "cap"), now);
    assertThat(d.applyPromotion(UUID.randomUUID(), promoted(id, later(1), 9.9), now))
        .isEqualTo(Transition.STALE_IGNORED);
    assertThat(d.status).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(d.since).isEqualTo(later(2));
    assertThat(d.baseline.sharpe()).isEqualTo(1.4);
  }

  @Test
  void promotionAndDemotionAtTheSameTimeEndStopped() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, T0, 1.4), now);
    assertThat(d.applyDemotion(UUID.randomUUID(), demoted(id, T0, "cap"), now))
        .isEqualTo(Transition.STOPPED);

    Deployment other =
        Deployment.stoppedBeforePromotion(UUID.randomUUID(), demoted(id, T0, "cap"), now);
    other.applyPromotion(UUID.randomUUID(), promoted(id, T0, 1.4), now);
    assertThat(other.status).isEqualTo(DeploymentStatus.STOPPED);
  }

  @Test
  void demotionOlderThanTheCurrentPromotionIsIgnored() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, later(9), 1.4), now);
    assertThat(d.applyDemotion(UUID.randomUUID(), demoted(id, later(5), "old stint"), now))
        .isEqualTo(Transition.STALE_IGNORED);
    assertThat(d.status).isEqualTo(DeploymentStatus.WATCHING);
  }

  @Test
  void newerPromotionOfAWatchedStrategyReplacesItsBaselineAndOlderOnesDoNot() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, later(1), 1.4), now);
    assertThat(d.applyPromotion(UUID.randomUUID(), promoted(id, later(3), 2.0), now))
        .isEqualTo(Transition.REPROMOTED);
    assertThat(d.applyPromotion(UUID.randomUUID(), promoted(id, later(2), 0.5), now))
        .isEqualTo(Transition.STALE_IGNORED);
    assertThat(d.applyPromotion(UUID.randomUUID(), promoted(id, later(3), 0.7), now))
        .isEqualTo(Transition.STALE_IGNORED);
    assertThat(d.since).isEqualTo(later(3));
    assertThat(d.baseline.sharpe()).isEqualTo(2.0);
  }

  @Test
  void secondDemotionLeavesTheFirstStop() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, T0, 1.4), now);
    d.applyDemotion(UUID.randomUUID(), demoted(id, later(5), "first"), now);
    assertThat(d.applyDemotion(UUID.randomUUID(), demoted(id, later(6), "second"), now))
        .isEqualTo(Transition.STALE_IGNORED);
    assertThat(d.reason).isEqualTo("first");
    assertThat(d.stoppedAt).isEqualTo(later(5));
  }

  @Test
  void driftedStrategyIsStoppedByItsDemotion() {
    Deployment d = Deployment.watching(UUID.randomUUID(), promoted(id, T0, 1.4), now);
    d.status = DeploymentStatus.DRIFTED;
    StrategyDemoted dem = demoted(id, later(5), "drift: CUSUM 12.1 > 10.4 after 40 bars");
    assertThat(d.applyDemotion(UUID.randomUUID(), dem, now)).isEqualTo(Transition.STOPPED);
    assertThat(d.status).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(d.isTrading()).isFalse();
  }

  @Test
  void newerPromotionOfADriftedStrategyStartsAFreshWatch() {
    StrategyPromoted first = promoted(id, T0, 1.4);
    Deployment d = Deployment.watching(UUID.randomUUID(), first, now);
    d.status = DeploymentStatus.DRIFTED;
    d.liveBars = 40;
    d.lastBarTime = later(40);
    d.warmUpSeq = 7L;
    d.driftDetector = "cusum";
    d.driftReason = "drift: CUSUM 12.1 > 10.4 after 40 bars";
    StrategyPromoted again = promoted(id, later(48), 1.1);
    assertThat(d.applyPromotion(UUID.randomUUID(), again, now)).isEqualTo(Transition.REPROMOTED);
    assertThat(d.status).isEqualTo(DeploymentStatus.WATCHING);
    assertThat(d.since).isEqualTo(later(48));
    assertThat(d.expected).isEqualTo(again.expected());
    assertThat(d.liveBars).isZero();
    assertThat(d.lastBarTime).isNull();
    assertThat(d.warmUpSeq).isNull();
    assertThat(d.driftDetector).isNull();
    assertThat(d.driftReason).isNull();
  }
}
