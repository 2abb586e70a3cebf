package io.backtest.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TradeFrequencyDriftTest {

  /** P(X ≤ n; λ) summed term by term, e^−λ λ^k / k!, in log space for large k. */
  private static double summedCdf(int n, double lambda) {
    double sum = 0;
    double logTerm = -lambda;
    for (int k = 0; k <= n; k++) {
      if (k > 0) {
        logTerm += Math.log(lambda) - Math.log(k);
      }
      sum += Math.exp(logTerm);
    }
    return sum;
  }

  /** P(X ≥ n; λ) summed term by term from k = n until the terms vanish. */
  private static double summedUpperTail(int n, double lambda) {
    double logTerm = -lambda + n * Math.log(lambda);
    for (int k = 2; k <= n; k++) {
      logTerm -= Math.log(k);
    }
    double sum = 0;
    for (int k = n; k < n + 2_000; k++) {
      sum += Math.exp(logTerm);
      logTerm += Math.log(lambda) - Math.log(k + 1);
    }
    return sum;
  }

  @Test
  void poissonTailsMatchTermByTermSums() {
    for (double lambda : new double[] {0.3, 3.7, 12.5, 120}) {
      for (int n = 0; n <= 200; n += (n < 20 ? 1 : 15)) {
        double cdf = summedCdf(n, lambda);
        assertThat(PoissonDistribution.cdf(n, lambda))
            .as("P(X <= %d; %s)", n, lambda)
            .isCloseTo(cdf, within(1e-13 + 1e-11 * cdf));
        double upper = summedUpperTail(n, lambda);
        assertThat(PoissonDistribution.upperTail(n, lambda))
            .as("P(X >= %d; %s)", n, lambda)
            .isCloseTo(upper, within(1e-300 + 1e-11 * upper));
      }
    }
  }

  /**
   * Far tails keep their relative accuracy: P(X ≤ 2; 30) = e^−30 (1 + 30 + 450) = 481 e^−30 =
   * 4.50103e-11, and P(X ≥ 40; 5) = Σ_{k≥40} e^−5 5^k/k! ≈ e^−5 5^40 / 40! × (1 + 5/41 + 25/(41·42)
   * + …) summed below.
   */
  @Test
  void farTailsKeepTheirRelativeAccuracy() {
    assertThat(PoissonDistribution.cdf(2, 30))
        .isCloseTo(481 * Math.exp(-30), within(1e-12 * 481 * Math.exp(-30)));
    double term = Math.exp(-5 + 40 * Math.log(5) - PoissonDistribution.lnFactorial(40));
    double tail = 0;
    for (int k = 40; k < 120; k++) {
      tail += term;
      term *= 5.0 / (k + 1);
    }
    assertThat(PoissonDistribution.upperTail(40, 5)).isCloseTo(tail, within(1e-10 * tail));
  }

  @Test
  void lnFactorialMatchesTheProductOnBothSidesOfTheStirlingSwitch() {
    double product = 0;
    for (int n = 1; n <= 60; n++) {
      product += Math.log(n);
      assertThat(PoissonDistribution.lnFactorial(n)).isCloseTo(product, within(1e-12 * product));
    }
  }

  /**
   * Garwood's exact 95 % limits for a Poisson count, as tabulated (e.g. Ulm, "A simple method to
   * calculate the confidence interval of a standardized mortality ratio", American Journal of
   * Epidemiology 131(2), 1990, Table 1; = χ²/2 quantiles): n = 0: [0, 3.689]; 1: [0.0253, 5.572];
   * 2: [0.2422, 7.225]; 5: [1.6235, 11.668]; 10: [4.7954, 18.390].
   */
  @Test
  void confidenceLimitsMatchGarwoodsTable() {
    long[] n = {0, 1, 2, 5, 10};
    double[] lower = {0, 0.0253, 0.2422, 1.6235, 4.7954};
    double[] upper = {3.689, 5.572, 7.225, 11.668, 18.390};
    for (int i = 0; i < n.length; i++) {
      assertThat(PoissonDistribution.lowerConfidenceLimit(n[i], 0.05))
          .isCloseTo(lower[i], within(1e-4));
      assertThat(PoissonDistribution.upperConfidenceLimit(n[i], 0.05))
          .isCloseTo(upper[i], within(1e-3));
    }
    // and by definition, to solver precision, also far out
    for (long count : new long[] {1, 7, 40, 1_000, 50_000}) {
      double lo = PoissonDistribution.lowerConfidenceLimit(count, 1e-3);
      double hi = PoissonDistribution.upperConfidenceLimit(count, 1e-3);
      assertThat(PoissonDistribution.upperTail(count, lo)).isCloseTo(5e-4, within(5e-4 * 1e-9));
      assertThat(PoissonDistribution.cdf(count, hi)).isCloseTo(5e-4, within(5e-4 * 1e-9));
    }
  }

  /**
   * One trade a bar promised (252 a year, 252 bars a year), none closed: after t bars λ = t and the
   * p-value is 2·P(X ≤ 0) = 2e^−t, below 0.001 first at t = 8 (2e^−7 = 0.00182, 2e^−8 = 0.00067).
   */
  @Test
  void alarmsWhenTheStrategyStopsTrading() {
    TradeFrequencyDrift drift = new TradeFrequencyDrift(252, 252, 0.001);
    for (int t = 1; t <= 7; t++) {
      assertThat(drift.update(false)).as("bar %d", t).isFalse();
    }
    assertThat(drift.update(false)).isTrue();
    assertThat(drift.pValue()).isCloseTo(2 * Math.exp(-8), within(1e-15));
  }

  /**
   * 0.01 trades a bar promised (2.52 a year), a trade on every bar: after bar 1, P(X ≥ 1; 0.01) = 1
   * − e^−0.01 = 0.00995, p = 0.0199; after bar 2, P(X ≥ 2; 0.02) = 1 − e^−0.02 × 1.02 = 0.00019735,
   * p = 0.0003947 &lt; 0.001.
   */
  @Test
  void alarmsWhenTheStrategyChurns() {
    TradeFrequencyDrift drift = new TradeFrequencyDrift(2.52, 252, 0.001);
    assertThat(drift.update(true)).isFalse();
    assertThat(drift.pValue()).isCloseTo(2 * (1 - Math.exp(-0.01)), within(1e-15));
    assertThat(drift.update(true)).isTrue();
    assertThat(drift.pValue()).isCloseTo(0.0003947, within(1e-7));
  }

  /**
   * 40 trades a year promised on daily bars and none made: λ = 40t/252 passes ln 2000 at t = 48.
   */
  @Test
  void theDefaultAlarmsWithin48BarsOfSilenceAtFortyTradesAYear() {
    TradeFrequencyDrift drift = TradeFrequencyDrift.withDefaults(40, 252);
    int bar = 0;
    while (!drift.update(false)) {
      bar++;
    }
    assertThat(bar + 1).isEqualTo(48);
  }

  @Test
  void aPromiseWithoutTradesIsNeverChecked() {
    TradeFrequencyDrift drift = TradeFrequencyDrift.withDefaults(0, 252);
    assertThat(drift.enabled()).isFalse();
    for (int i = 0; i < 1000; i++) {
      assertThat(drift.update(i % 2 == 0)).isFalse();
    }
  }
}
