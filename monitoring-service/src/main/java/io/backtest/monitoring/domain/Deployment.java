package io.backtest.monitoring.domain;

import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A strategy that went live (or was reported stopped): what it runs, the backtest baseline its live
 * behaviour is compared with, and whether it is still watched.
 *
 * <p>Promotions and demotions travel on two topics, so they can arrive in either order. Each is
 * applied by its own time ({@code promotedAt}, {@code demotedAt}: required by the contract, unlike
 * {@code ce_time}), never by arrival: an event older than the state it would change does not change
 * it. At equal times the demotion wins, stopping being the safe side.
 */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {
  @Id
  @Column(name = "strategy_id")
  public UUID strategyId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public DeploymentStatus status;

  /** The cycle that promoted it; null until a promotion is received. */
  @Column(name = "cycle_id")
  public UUID cycleId;

  public String template;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, Number> parameters;

  @Column(name = "dataset_id")
  public String datasetId;

  public String symbol;
  public String timeframe;

  @Column(name = "bars_per_year")
  public Double barsPerYear;

  @JdbcTypeCode(SqlTypes.JSON)
  public ExecutionSettings execution;

  /** The promoting backtest's metrics. */
  @JdbcTypeCode(SqlTypes.JSON)
  public BacktestMetrics baseline;

  /** The promotion's out-of-sample expectation, which the drift detectors compare with. */
  @JdbcTypeCode(SqlTypes.JSON)
  public ExpectedPerformance expected;

  public Double score;

  @Column(name = "promotion_rank")
  public Integer rank;

  @Column(name = "promotion_reason")
  public String promotionReason;

  /** {@code promotedAt} of the promotion in force; null until a promotion is received. */
  public Instant since;

  @Column(name = "promotion_event_id")
  public UUID promotionEventId;

  /** {@code demotedAt} of the demotion in force; null while watched. */
  @Column(name = "stopped_at")
  public Instant stoppedAt;

  /** Why it was demoted; null while watched. */
  public String reason;

  @Column(name = "demoted_by_cycle_id")
  public UUID demotedByCycleId;

  @Column(name = "replaced_by")
  public UUID replacedBy;

  @Column(name = "demotion_event_id")
  public UUID demotionEventId;

  /** What was unusual about how this state came about, for the reader; null if nothing. */
  public String note;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /**
   * Arrival sequence ({@code market_bar.seq}) of the last bar stored when the current watch began:
   * the bars that arrive after it are traded, those up to it can only warm the strategy up.
   */
  @Column(name = "start_seq")
  public Long startSeq;

  /** First warm-up bar of the current watch; null before its first traded bar or without one. */
  @Column(name = "warm_up_from")
  public Instant warmUpFrom;

  /** Stored bars up to this arrival sequence made the warm-up; null before the first traded bar. */
  @Column(name = "warm_up_seq")
  public Long warmUpSeq;

  @Column(name = "warm_up_bars")
  public Integer warmUpBars;

  /** Bars paper traded in the current watch. */
  @Column(name = "live_bars", nullable = false)
  public int liveBars;

  @Column(name = "last_bar_time")
  public Instant lastBarTime;

  @Column(name = "live_equity")
  public Double liveEquity;

  @Column(name = "live_return")
  public Double liveReturn;

  @Column(name = "live_drawdown")
  public Double liveDrawdown;

  @Column(name = "live_max_drawdown")
  public Double liveMaxDrawdown;

  @Column(name = "live_trades")
  public Integer liveTrades;

  @Column(name = "live_sharpe")
  public Double liveSharpe;

  @Column(name = "live_position")
  public String livePosition;

  @Column(name = "change_detector")
  public String changeDetector;

  @Column(name = "change_statistic")
  public Double changeStatistic;

  @Column(name = "change_threshold")
  public Double changeThreshold;

  @Column(name = "drift_detector")
  public String driftDetector;

  @Column(name = "drift_statistic")
  public Double driftStatistic;

  @Column(name = "drift_threshold")
  public Double driftThreshold;

  @Column(name = "drift_bar_time")
  public Instant driftBarTime;

  @Column(name = "drift_reason")
  public String driftReason;

  @Column(name = "drifted_at")
  public Instant driftedAt;

  /** Whether it is paper traded: watched, or drifted and not yet demoted. */
  public boolean isTrading() {
    return status == DeploymentStatus.WATCHING || status == DeploymentStatus.DRIFTED;
  }

  /** A strategy first seen through its promotion: watched from {@code promotedAt}. */
  public static Deployment watching(UUID eventId, StrategyPromoted promoted, Instant now) {
    Deployment d = new Deployment();
    d.strategyId = promoted.strategyId();
    d.status = DeploymentStatus.WATCHING;
    d.recordPromotion(eventId, promoted, now);
    return d;
  }

  /**
   * A strategy first seen through its demotion (the promotion is late or was lost): recorded as
   * stopped, so that the pair ends stopped whichever arrives first.
   */
  public static Deployment stoppedBeforePromotion(
      UUID eventId, StrategyDemoted demoted, Instant now) {
    Deployment d = new Deployment();
    d.strategyId = demoted.strategyId();
    d.recordDemotion(eventId, demoted, now);
    d.note = "demotion received before any promotion of this strategy";
    return d;
  }

  /** Applies a promotion of this strategy by its time. */
  public Transition applyPromotion(UUID eventId, StrategyPromoted promoted, Instant now) {
    Instant at = promoted.promotedAt();
    if (isTrading()) {
      if (!at.isAfter(since)) {
        return Transition.STALE_IGNORED;
      }
      // a fresh watch: trading and drift detection start again from the new promotion
      status = DeploymentStatus.WATCHING;
      recordPromotion(eventId, promoted, now);
      return Transition.REPROMOTED;
    }
    if (at.isAfter(stoppedAt)) {
      note = "promoted again at " + at + " after a stop at " + stoppedAt + " (" + reason + ")";
      status = DeploymentStatus.WATCHING;
      stoppedAt = null;
      reason = null;
      demotedByCycleId = null;
      replacedBy = null;
      demotionEventId = null;
      recordPromotion(eventId, promoted, now);
      return Transition.REVIVED;
    }
    if (since == null || at.isAfter(since)) {
      // the promotion that the stop ended: keep what ran, and its baseline, for the record
      recordPromotion(eventId, promoted, now);
      return Transition.PROMOTION_RECORDED_WHILE_STOPPED;
    }
    return Transition.STALE_IGNORED;
  }

  /** Applies a demotion of this strategy by its time. */
  public Transition applyDemotion(UUID eventId, StrategyDemoted demoted, Instant now) {
    if (status == DeploymentStatus.STOPPED) {
      // already stopped: the first stop received stands
      return Transition.STALE_IGNORED;
    }
    if (demoted.demotedAt().isBefore(since)) {
      // it ended an earlier promotion, which a newer one has replaced
      return Transition.STALE_IGNORED;
    }
    recordDemotion(eventId, demoted, now);
    return Transition.STOPPED;
  }

  private void recordPromotion(UUID eventId, StrategyPromoted promoted, Instant now) {
    cycleId = promoted.cycleId();
    template = promoted.strategy().template();
    parameters = promoted.strategy().parameters();
    datasetId = promoted.dataset().datasetId();
    symbol = promoted.dataset().symbol();
    timeframe = promoted.dataset().timeframe();
    barsPerYear = promoted.dataset().barsPerYear();
    execution = promoted.execution();
    baseline = promoted.metrics();
    expected = promoted.expected();
    score = promoted.score();
    rank = promoted.rank();
    promotionReason = promoted.reason();
    since = promoted.promotedAt();
    promotionEventId = eventId;
    updatedAt = now;
    startWatch();
  }

  /** Forgets the live record of the previous watch (its points stay, under their promotion). */
  private void startWatch() {
    warmUpFrom = null;
    warmUpSeq = null;
    warmUpBars = null;
    liveBars = 0;
    lastBarTime = null;
    liveEquity = null;
    liveReturn = null;
    liveDrawdown = null;
    liveMaxDrawdown = null;
    liveTrades = null;
    liveSharpe = null;
    livePosition = null;
    changeDetector = null;
    changeStatistic = null;
    changeThreshold = null;
    driftDetector = null;
    driftStatistic = null;
    driftThreshold = null;
    driftBarTime = null;
    driftReason = null;
    driftedAt = null;
  }

  private void recordDemotion(UUID eventId, StrategyDemoted demoted, Instant now) {
    status = DeploymentStatus.STOPPED;
    stoppedAt = demoted.demotedAt();
    reason = demoted.reason();
    demotedByCycleId = demoted.cycleId();
    replacedBy = demoted.replacedBy();
    demotionEventId = eventId;
    updatedAt = now;
  }
}
