package io.backtest.engine.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.data.OhlcvBar;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianHiddenMarkovModelTest {

  // a known two-state model of returns: a quiet, slightly rising state and a volatile falling one
  private static final double[] MEANS = {0.0005, -0.001};
  private static final double[] SIGMAS = {0.01, 0.03};
  private static final double[][] TRANSITION = {{0.99, 0.01}, {0.03, 0.97}};

  /** T draws from the known model, its chain started from its stationary distribution. */
  private static double[] sample(int t, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[t];
    // stationary: π₀ = a₁₀ / (a₀₁ + a₁₀) = 0.75
    int state = random.nextDouble() < 0.75 ? 0 : 1;
    for (int i = 0; i < t; i++) {
      x[i] = MEANS[state] + SIGMAS[state] * random.nextGaussian();
      state = random.nextDouble() < TRANSITION[state][0] ? 0 : 1;
    }
    return x;
  }

  /**
   * Baum–Welch on 20,000 draws recovers the generating parameters within about four standard
   * errors: about 15,000 draws in state 0 and 5,000 in state 1 give standard errors of 0.00008 and
   * 0.0004 for the means, 1.2 % and 2 % for the variances, 0.0008 and 0.0024 for a₀₁ and a₁₀.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void baumWelchRecoversAKnownTwoStateModel(long seed) {
    GaussianHiddenMarkovModel.Fit fit = GaussianHiddenMarkovModel.fit(sample(20_000, seed), 2);
    GaussianHiddenMarkovModel m = fit.model();

    assertThat(fit.converged()).isTrue();
    assertThat(m.means()[0]).isCloseTo(MEANS[0], within(0.00035));
    assertThat(m.means()[1]).isCloseTo(MEANS[1], within(0.0017));
    assertThat(m.variances()[0] / (SIGMAS[0] * SIGMAS[0])).isCloseTo(1, within(0.06));
    assertThat(m.variances()[1] / (SIGMAS[1] * SIGMAS[1])).isCloseTo(1, within(0.1));
    assertThat(m.transitionMatrix()[0][1]).isCloseTo(TRANSITION[0][1], within(0.004));
    assertThat(m.transitionMatrix()[1][0]).isCloseTo(TRANSITION[1][0], within(0.01));
  }

  @ParameterizedTest(name = "{0} states")
  @ValueSource(ints = {2, 3})
  void logLikelihoodNeverDecreasesAcrossIterations(int states) {
    double[][] series = {sample(5_000, 7), returns(defaultRegimeBars(20_000, 4))};
    for (double[] x : series) {
      GaussianHiddenMarkovModel.Fit fit = GaussianHiddenMarkovModel.fit(x, states);
      double[] ll = fit.logLikelihoods();
      assertThat(ll.length).isGreaterThan(2);
      for (int i = 1; i < ll.length; i++) {
        assertThat(ll[i]).as("iteration %d", i).isGreaterThanOrEqualTo(ll[i - 1] - 1e-9);
      }
      // the last entry is the returned model's own likelihood
      assertThat(fit.model().logLikelihood(x)).isCloseTo(ll[ll.length - 1], within(1e-6));
    }
  }

  @Test
  void filteredProbabilitiesSumToOne() {
    GaussianHiddenMarkovModel.Fit fit = GaussianHiddenMarkovModel.fit(sample(5_000, 9), 3);
    GaussianHiddenMarkovModel.Filter filter = fit.model().filter();
    assertThat(sum(filter.probabilities())).isCloseTo(1, within(1e-12));
    double[] x = sample(2_000, 10);
    // also far out in every state's tail, where each density underflows to 0
    double[] extremes = {1e3, -1e3, 0, Double.MAX_VALUE / 1e10};
    for (double o : concat(x, extremes)) {
      double[] p = filter.update(o);
      assertThat(sum(p)).isCloseTo(1, within(1e-12));
      for (double v : p) {
        assertThat(v).isBetween(0.0, 1.0);
      }
    }
  }

  /**
   * The scaled forward pass against the definition, {@code P(O) = Σ over all state paths of π_{s₁}
   * b_{s₁}(o₁) Π a_{s₍t−1₎ s_t} b_{s_t}(o_t)}, enumerated over the 3⁶ paths of six observations.
   */
  @Test
  void scaledForwardLikelihoodEqualsTheSumOverAllStatePaths() {
    double[] pi = {0.5, 0.3, 0.2};
    double[][] a = {{0.8, 0.15, 0.05}, {0.1, 0.7, 0.2}, {0.25, 0.25, 0.5}};
    double[] mu = {0, 0.01, -0.02};
    double[] var = {0.0001, 0.0004, 0.0025};
    GaussianHiddenMarkovModel model = new GaussianHiddenMarkovModel(pi, a, mu, var);
    double[] o = {0.003, -0.02, 0.05, 0.0, 0.011, -0.07};

    double total = 0;
    int paths = (int) Math.pow(3, o.length);
    for (int code = 0; code < paths; code++) {
      int[] s = new int[o.length];
      int c = code;
      for (int t = 0; t < o.length; t++) {
        s[t] = c % 3;
        c /= 3;
      }
      double p = pi[s[0]] * density(o[0], mu[s[0]], var[s[0]]);
      for (int t = 1; t < o.length; t++) {
        p *= a[s[t - 1]][s[t]] * density(o[t], mu[s[t]], var[s[t]]);
      }
      total += p;
    }

    assertThat(model.logLikelihood(o)).isCloseTo(Math.log(total), within(1e-12));
  }

  @Test
  void stationaryDistributionOfTwoStatesIsTheClosedForm() {
    GaussianHiddenMarkovModel model =
        new GaussianHiddenMarkovModel(
            new double[] {1, 0}, TRANSITION, MEANS, new double[] {0.0001, 0.0009});
    // π₀ = a₁₀ / (a₀₁ + a₁₀)
    double[] pi = model.stationaryDistribution();
    assertThat(pi[0]).isCloseTo(0.03 / 0.04, within(1e-12));
    assertThat(pi[1]).isCloseTo(0.01 / 0.04, within(1e-12));
  }

  /**
   * On the default synthetic regimes, whose returns are Gaussian with volatility 0.0004, 0.0006 and
   * 0.0020 by regime, a three-state fit finds those volatilities, quietest first.
   */
  @Test
  void threeStatesFittedToTheDefaultRegimesAreTheirVolatilitiesInOrder() {
    GaussianHiddenMarkovModel m =
        GaussianHiddenMarkovModel.fit(returns(defaultRegimeBars(20_000, 3)), 3).model();
    double[] sigma = {0.0004, 0.0006, 0.0020};
    for (int k = 0; k < 3; k++) {
      assertThat(Math.sqrt(m.variances()[k]) / sigma[k])
          .as("state %d", k)
          .isCloseTo(1, within(0.05));
    }
  }

  @Test
  void expectedDurationsAreOneOverOneMinusTheSelfTransition() {
    GaussianHiddenMarkovModel model =
        new GaussianHiddenMarkovModel(
            new double[] {1, 0}, TRANSITION, MEANS, new double[] {0.0001, 0.0009});
    assertThat(model.expectedDurations()[0]).isCloseTo(100, within(1e-9));
    assertThat(model.expectedDurations()[1]).isCloseTo(1 / 0.03, within(1e-9));
  }

  @Test
  void statesAreRenumberedByVariance() {
    GaussianHiddenMarkovModel model =
        new GaussianHiddenMarkovModel(
            new double[] {0.6, 0.4},
            new double[][] {{0.9, 0.1}, {0.2, 0.8}},
            new double[] {-0.01, 0.01},
            new double[] {0.0009, 0.0001});
    GaussianHiddenMarkovModel ordered = model.orderedByVariance();
    assertThat(ordered.variances()).containsExactly(0.0001, 0.0009);
    assertThat(ordered.means()).containsExactly(0.01, -0.01);
    assertThat(ordered.initialProbabilities()).containsExactly(0.4, 0.6);
    assertThat(ordered.transitionMatrix()[0]).containsExactly(0.8, 0.2);
    assertThat(ordered.transitionMatrix()[1]).containsExactly(0.1, 0.9);
    assertThat(ordered.orderedByVariance()).isSameAs(ordered);
  }

  @Test
  void rejectsParametersThatAreNotAModel() {
    assertThatThrownBy(
            () ->
                new GaussianHiddenMarkovModel(
                    new double[] {0.5, 0.5},
                    new double[][] {{0.9, 0.2}, {0.5, 0.5}},
                    new double[] {0, 0},
                    new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 1");
    assertThatThrownBy(() -> GaussianHiddenMarkovModel.fit(new double[100], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dispersion");
  }

  static List<OhlcvBar> defaultRegimeBars(int bars, long seed) {
    return RegimeExperiment.defaultRegimes(bars, seed).bars();
  }

  static double[] returns(List<OhlcvBar> bars) {
    double[] r = new double[bars.size() - 1];
    for (int i = 1; i < bars.size(); i++) {
      r[i - 1] = Math.log(bars.get(i).close() / bars.get(i - 1).close());
    }
    return r;
  }

  private static double density(double x, double mean, double variance) {
    return Math.exp(-(x - mean) * (x - mean) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
