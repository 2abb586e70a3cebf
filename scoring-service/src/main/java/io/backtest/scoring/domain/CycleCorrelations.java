package io.backtest.scoring.domain;

import io.backtest.contracts.events.Correlations;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The correlations a cycle's close computed, as {@code cycle.scored} carried them: among its best
 * candidates and between them and the strategies live at the close. Kept apart from the cycle row
 * (up to a few hundred kilobytes), written once.
 */
@Entity
@Table(name = "cycle_correlation")
public class CycleCorrelations {
  @Id
  @Column(name = "cycle_id")
  public UUID cycleId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public Correlations correlations;
}
