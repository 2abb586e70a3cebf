package io.backtest.scoring.config;

import io.backtest.scoring.domain.DrawdownAdjustedSharpe;
import io.backtest.scoring.domain.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Chooses the scoring model; the domain classes stay free of CDI. */
@ApplicationScoped
public class ScoringModelProducer {

  /** The platform's current score, {@value DrawdownAdjustedSharpe#FORMULA}. */
  @Produces
  @Singleton
  ScoringModel scoringModel() {
    return new DrawdownAdjustedSharpe();
  }
}
