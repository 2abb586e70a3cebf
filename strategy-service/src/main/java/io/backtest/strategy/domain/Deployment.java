package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of the live set, in the append-only deployment history. Written in the transaction
 * that changes the strategy's status and adds the change's event to the outbox.
 */
@Entity
@Table(name = "deployment")
public class Deployment {
  /** Order of the changes (every writer holds the live-set lock, so also the commit order). */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(updatable = false)
  public Long seq;

  @Column(name = "strategy_id", nullable = false, updatable = false)
  public UUID strategyId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  public DeploymentAction action;

  /** The cycle whose promotion decision made the change; null for an operator's. */
  @Column(name = "cycle_id", updatable = false)
  public UUID cycleId;

  /** Why, in a sentence: the reason the event carries. */
  @Column(nullable = false, updatable = false)
  public String reason;

  @Column(nullable = false, updatable = false)
  public Instant at;

  /**
   * The {@code strategy.promoted} or {@code strategy.demoted} event; null only for rows from V4.
   */
  @Column(name = "event_id", updatable = false)
  public UUID eventId;
}
