package io.backtest.engine.regime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A hidden Markov model with one-dimensional Gaussian emissions: K hidden states follow a Markov
 * chain with transition matrix {@code A} ({@code a_ij = P(s_{t+1} = j | s_t = i)}) and initial
 * distribution {@code π}; in state j the observation (here a log return) is drawn from {@code
 * N(μ_j, σ_j²)}. Notation and algorithms after Rabiner, "A Tutorial on Hidden Markov Models and
 * Selected Applications in Speech Recognition", Proc. IEEE 77(2), 1989.
 *
 * <ul>
 *   <li>{@link #fit}: Baum–Welch re-estimation (Rabiner §III-C, eqs. 40a–c; the Gaussian means and
 *       variances as in eqs. 53–54 with one mixture component) over the scaled forward–backward
 *       pass (§V-A, eqs. 91–92), so that long series neither underflow nor overflow;
 *   <li>{@link #logLikelihood}: {@code log P(O | λ) = Σ_t log c_t} from the scaled forward pass
 *       (eq. 103);
 *   <li>{@link #filter()}: the forward recursion one observation at a time, giving the filtered
 *       state probabilities {@code P(s_t | o_1 … o_t)}.
 * </ul>
 *
 * <p>Scaling: at each step the emission densities are divided by their largest value before use
 * ({@code ln b_j(o_t) − max_k ln b_k(o_t)}), and that maximum added back to the log-likelihood, so
 * an observation far out in every state's tail (density 0 in {@code double}) still has a defined
 * posterior. The variances are floored at {@value #VARIANCE_FLOOR_SHARE} of the sample variance of
 * the observations during fitting, so that no state collapses onto one repeated value (e.g. runs of
 * zero returns in real data), where the likelihood is unbounded.
 *
 * <p>Instances are immutable; a {@link Filter} holds the state of one filtering pass.
 */
public final class GaussianHiddenMarkovModel {

  /** Default largest number of Baum–Welch iterations of {@link #fit(double[], int)}. */
  public static final int DEFAULT_MAX_ITERATIONS = 500;

  /**
   * Default convergence tolerance of {@link #fit(double[], int)}: fitting stops once an iteration
   * raises the log-likelihood by less than this per observation.
   */
  public static final double DEFAULT_TOLERANCE = 1e-9;

  /** Variance floor during fitting, as a share of the observations' sample variance. */
  public static final double VARIANCE_FLOOR_SHARE = 1e-6;

  /** Initial self-transition probability of each state in {@link #fit}. */
  static final double INITIAL_PERSISTENCE = 0.9;

  private static final double LOG_2_PI = Math.log(2 * Math.PI);

  private final int states;
  private final double[] initial;
  private final double[][] transition;
  private final double[] means;
  private final double[] variances;

  /**
   * A model from its parameters (copied).
   *
   * @param initial π, a probability vector of length K ≥ 1
   * @param transition A, K×K, each row a probability vector
   * @param means μ, K finite means
   * @param variances σ², K positive finite variances
   * @throws IllegalArgumentException if the shapes disagree or a probability vector does not sum to
   *     1 within 1e-9
   */
  public GaussianHiddenMarkovModel(
      double[] initial, double[][] transition, double[] means, double[] variances) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(means, "means");
    Objects.requireNonNull(variances, "variances");
    int k = initial.length;
    if (k < 1 || transition.length != k || means.length != k || variances.length != k) {
      throw new IllegalArgumentException(
          "initial, transition, means and variances must all have K >= 1 entries");
    }
    requireProbabilities(initial, "initial");
    this.transition = new double[k][];
    for (int i = 0; i < k; i++) {
      if (transition[i] == null || transition[i].length != k) {
        throw new IllegalArgumentException("transition must be " + k + "x" + k);
      }
      requireProbabilities(transition[i], "transition row " + i);
      this.transition[i] = transition[i].clone();
    }
    for (int j = 0; j < k; j++) {
      if (!Double.isFinite(means[j])) {
        throw new IllegalArgumentException("mean " + j + " must be finite but was " + means[j]);
      }
      if (!(variances[j] > 0) || !Double.isFinite(variances[j])) {
        throw new IllegalArgumentException(
            "variance " + j + " must be positive and finite but was " + variances[j]);
      }
    }
    this.states = k;
    this.initial = initial.clone();
    this.means = means.clone();
    this.variances = variances.clone();
  }

  private static void requireProbabilities(double[] p, String name) {
    double sum = 0;
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " has a value outside [0, 1]: " + v);
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException(name + " must sum to 1 but sums to " + sum);
    }
  }

  /** K, the number of hidden states. */
  public int states() {
    return states;
  }

  /** π (a copy). */
  public double[] initialProbabilities() {
    return initial.clone();
  }

  /** A (a copy): entry {@code [i][j]} is the probability of moving from state i to state j. */
  public double[][] transitionMatrix() {
    double[][] copy = new double[states][];
    for (int i = 0; i < states; i++) {
      copy[i] = transition[i].clone();
    }
    return copy;
  }

  /** The emission means μ (a copy). */
  public double[] means() {
    return means.clone();
  }

  /** The emission variances σ² (a copy). */
  public double[] variances() {
    return variances.clone();
  }

  /**
   * The expected number of consecutive steps in each state, {@code 1 / (1 − a_ii)} (the run length
   * of a state is geometric; Rabiner eq. 5); infinite for an absorbing state. A regime model fitted
   * to a history that lacks one of the regimes tends to spend the spare state on part of another
   * regime's distribution, with a run length of a few steps: a short expected duration is the sign.
   */
  public double[] expectedDurations() {
    double[] d = new double[states];
    for (int i = 0; i < states; i++) {
      d[i] = 1 / (1 - transition[i][i]);
    }
    return d;
  }

  /**
   * This model with its states renumbered by ascending variance, so that state 0 is the quietest
   * (ties keep their order); the model itself when already so.
   */
  public GaussianHiddenMarkovModel orderedByVariance() {
    Integer[] order = new Integer[states];
    for (int i = 0; i < states; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(variances[a], variances[b]));
    boolean ordered = true;
    for (int i = 0; i < states; i++) {
      ordered &= order[i] == i;
    }
    if (ordered) {
      return this;
    }
    double[] pi = new double[states];
    double[][] a = new double[states][states];
    double[] mu = new double[states];
    double[] var = new double[states];
    for (int i = 0; i < states; i++) {
      pi[i] = initial[order[i]];
      mu[i] = means[order[i]];
      var[i] = variances[order[i]];
      for (int j = 0; j < states; j++) {
        a[i][j] = transition[order[i]][order[j]];
      }
    }
    return new GaussianHiddenMarkovModel(pi, a, mu, var);
  }

  /**
   * The stationary distribution of the chain, the limit of {@code p A^t} from the uniform {@code
   * p}: computed by squaring the lazy chain {@code (A + I) / 2} (same stationary distribution,
   * never periodic) 64 times, i.e. {@code 2^64} steps. For a chain with several closed classes it
   * is the limit from the uniform start.
   */
  public double[] stationaryDistribution() {
    double[][] p = new double[states][states];
    for (int i = 0; i < states; i++) {
      for (int j = 0; j < states; j++) {
        p[i][j] = transition[i][j] / 2 + (i == j ? 0.5 : 0);
      }
    }
    for (int round = 0; round < 64; round++) {
      double[][] q = new double[states][states];
      for (int i = 0; i < states; i++) {
        double rowSum = 0;
        for (int j = 0; j < states; j++) {
          double s = 0;
          for (int m = 0; m < states; m++) {
            s += p[i][m] * p[m][j];
          }
          q[i][j] = s;
          rowSum += s;
        }
        for (int j = 0; j < states; j++) {
          q[i][j] /= rowSum;
        }
      }
      p = q;
    }
    double[] pi = new double[states];
    for (int i = 0; i < states; i++) {
      for (int j = 0; j < states; j++) {
        pi[j] += p[i][j] / states;
      }
    }
    return pi;
  }

  /** {@code log P(o_1 … o_T | λ)} by the scaled forward pass; 0 for no observations. */
  public double logLikelihood(double[] observations) {
    Objects.requireNonNull(observations, "observations");
    Filter filter = filter(initial, true);
    for (double o : observations) {
      filter.update(o);
    }
    return filter.logLikelihood();
  }

  /** A filter starting from the stationary distribution, for a stream joined at a random time. */
  public Filter filter() {
    return filter(stationaryDistribution(), false);
  }

  /**
   * A filter starting from the given distribution of the state before the first observation.
   *
   * @param prior a probability vector of length K
   */
  public Filter filter(double[] prior) {
    Objects.requireNonNull(prior, "prior");
    if (prior.length != states) {
      throw new IllegalArgumentException("prior must have " + states + " entries");
    }
    requireProbabilities(prior, "prior");
    return filter(prior, false);
  }

  private Filter filter(double[] start, boolean startIsFirstState) {
    return new Filter(start.clone(), startIsFirstState);
  }

  private double logDensity(int j, double o) {
    double d = o - means[j];
    return -0.5 * (LOG_2_PI + Math.log(variances[j])) - d * d / (2 * variances[j]);
  }

  /**
   * Online forward filtering: after each observation, {@code P(s_t = j | o_1 … o_t)}.
   *
   * <p>The recursion is Rabiner's eq. 20 normalised at every step: {@code p_t(j) ∝ [Σ_i p_{t−1}(i)
   * a_ij] b_j(o_t)}. A filter from {@link #filter()} or {@link #filter(double[])} treats its start
   * as the state before the first observation and moves it through A once; the one behind {@link
   * #logLikelihood} treats π as the first state's distribution, as Rabiner's {@code α_1 = π_i
   * b_i(o_1)}.
   */
  public final class Filter {
    private final double[] probabilities;
    private boolean skipTransition;
    private long observations;
    private double logLikelihood;

    private Filter(double[] start, boolean startIsFirstState) {
      this.probabilities = start;
      this.skipTransition = startIsFirstState;
    }

    /**
     * Takes the next observation.
     *
     * @return the filtered state probabilities after it (a copy), summing to 1
     */
    public double[] update(double observation) {
      if (!Double.isFinite(observation)) {
        throw new IllegalArgumentException("observation must be finite but was " + observation);
      }
      double[] predicted = new double[states];
      if (skipTransition) {
        System.arraycopy(probabilities, 0, predicted, 0, states);
        skipTransition = false;
      } else {
        for (int i = 0; i < states; i++) {
          double p = probabilities[i];
          if (p == 0) {
            continue;
          }
          for (int j = 0; j < states; j++) {
            predicted[j] += p * transition[i][j];
          }
        }
      }
      double[] logB = new double[states];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < states; j++) {
        logB[j] = logDensity(j, observation);
        max = Math.max(max, logB[j]);
      }
      double sum = 0;
      if (max > Double.NEGATIVE_INFINITY) {
        for (int j = 0; j < states; j++) {
          probabilities[j] = predicted[j] * Math.exp(logB[j] - max);
          sum += probabilities[j];
        }
      }
      if (sum > 0) {
        for (int j = 0; j < states; j++) {
          probabilities[j] /= sum;
        }
        logLikelihood += Math.log(sum) + max;
      } else {
        // no possible state gives the observation a positive density (even in logarithms, for
        // values so far out that the squared distance overflows): keep the prediction
        System.arraycopy(predicted, 0, probabilities, 0, states);
        logLikelihood = Double.NEGATIVE_INFINITY;
      }
      observations++;
      return probabilities.clone();
    }

    /** The current filtered probabilities (a copy); the start distribution before any update. */
    public double[] probabilities() {
      return probabilities.clone();
    }

    /** The most probable state now (the lowest index among ties). */
    public int mostProbableState() {
      int best = 0;
      for (int j = 1; j < states; j++) {
        if (probabilities[j] > probabilities[best]) {
          best = j;
        }
      }
      return best;
    }

    /** Observations taken. */
    public long observations() {
      return observations;
    }

    /** {@code log P(o_1 … o_t)} of the observations taken, under this filter's start. */
    public double logLikelihood() {
      return logLikelihood;
    }
  }

  /**
   * A Baum–Welch fit.
   *
   * @param model the fitted model, states ordered by ascending variance
   * @param logLikelihoods {@code log P(O | λ)} of the starting model and after every re-estimation;
   *     the last is the returned model's. Baum–Welch never lowers it (Baum et al. 1970), up to
   *     rounding and the variance floor
   * @param converged whether the last re-estimation gained less than the tolerance per observation
   *     (otherwise the iteration limit stopped it)
   */
  public record Fit(GaussianHiddenMarkovModel model, double[] logLikelihoods, boolean converged) {}

  /**
   * Baum–Welch with {@link #DEFAULT_MAX_ITERATIONS} and {@link #DEFAULT_TOLERANCE}.
   *
   * @see #fit(double[], int, int, double)
   */
  public static Fit fit(double[] observations, int states) {
    return fit(observations, states, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
  }

  /**
   * Fits a K-state model to a series by Baum–Welch from a deterministic start: the observations
   * ranked by their squared deviation from the mean are cut into K groups of equal size, and state
   * k starts with the mean and variance of the k-th group, π uniform and A with {@value
   * #INITIAL_PERSISTENCE} on the diagonal, the rest spread evenly.
   *
   * @param observations the series, at least {@code 2 K} finite values with some dispersion
   * @param states K, at least 1
   * @param maxIterations most re-estimations, at least 1
   * @param tolerance stop once a re-estimation gains less log-likelihood per observation, &gt;= 0
   */
  public static Fit fit(double[] observations, int states, int maxIterations, double tolerance) {
    Objects.requireNonNull(observations, "observations");
    int t = observations.length;
    if (states < 1) {
      throw new IllegalArgumentException("states must be >= 1 but was " + states);
    }
    if (t < 2 * states) {
      throw new IllegalArgumentException(
          "need at least " + 2 * states + " observations but got " + t);
    }
    if (maxIterations < 1 || !(tolerance >= 0)) {
      throw new IllegalArgumentException("maxIterations must be >= 1 and tolerance >= 0");
    }
    double mean = 0;
    for (double o : observations) {
      if (!Double.isFinite(o)) {
        throw new IllegalArgumentException("observations must be finite but one was " + o);
      }
      mean += o;
    }
    mean /= t;
    double sampleVariance = 0;
    for (double o : observations) {
      sampleVariance += (o - mean) * (o - mean);
    }
    sampleVariance /= t - 1;
    if (!(sampleVariance > 0)) {
      throw new IllegalArgumentException("observations have no dispersion");
    }
    double floor = VARIANCE_FLOOR_SHARE * sampleVariance;

    GaussianHiddenMarkovModel model = start(observations, states, mean, floor);
    double[] history = new double[maxIterations + 1];
    int evaluated = 0;
    boolean converged = false;
    BaumWelch pass = new BaumWelch(observations, states);
    while (true) {
      double logLikelihood = pass.expect(model);
      history[evaluated++] = logLikelihood;
      if (evaluated > 1 && logLikelihood - history[evaluated - 2] < tolerance * t) {
        converged = true;
        break;
      }
      if (evaluated > maxIterations) {
        break;
      }
      model = pass.maximise(model, floor);
    }
    return new Fit(model.orderedByVariance(), Arrays.copyOf(history, evaluated), converged);
  }

  private static GaussianHiddenMarkovModel start(
      double[] observations, int states, double mean, double floor) {
    int t = observations.length;
    Integer[] order = new Integer[t];
    for (int i = 0; i < t; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            Double.compare(Math.abs(observations[a] - mean), Math.abs(observations[b] - mean)));
    double[] mu = new double[states];
    double[] var = new double[states];
    for (int k = 0; k < states; k++) {
      int from = (int) ((long) k * t / states);
      int to = (int) ((long) (k + 1) * t / states);
      double s = 0;
      for (int i = from; i < to; i++) {
        s += observations[order[i]];
      }
      mu[k] = s / (to - from);
      double q = 0;
      for (int i = from; i < to; i++) {
        double d = observations[order[i]] - mu[k];
        q += d * d;
      }
      var[k] = Math.max(q / (to - from), floor);
    }
    double[] pi = new double[states];
    double[][] a = new double[states][states];
    for (int i = 0; i < states; i++) {
      pi[i] = 1.0 / states;
      for (int j = 0; j < states; j++) {
        a[i][j] =
            states == 1
                ? 1
                : (i == j ? INITIAL_PERSISTENCE : (1 - INITIAL_PERSISTENCE) / (states - 1));
      }
    }
    return new GaussianHiddenMarkovModel(pi, a, mu, var);
  }

  /** The scaled forward–backward pass and the re-estimation, over buffers reused per iteration. */
  private static final class BaumWelch {
    private final double[] o;
    private final int k;
    private final int t;
    // row-major [time][state]
    private final double[] alpha;
    private final double[] beta;
    private final double[] emission;
    private final double[] scale;

    BaumWelch(double[] observations, int states) {
      this.o = observations;
      this.k = states;
      this.t = observations.length;
      this.alpha = new double[t * k];
      this.beta = new double[t * k];
      this.emission = new double[t * k];
      this.scale = new double[t];
    }

    /** Forward and backward passes under {@code model}; returns {@code log P(O | model)}. */
    double expect(GaussianHiddenMarkovModel model) {
      double[][] a = model.transition;
      double logLikelihood = 0;
      for (int s = 0; s < t; s++) {
        // emission densities divided by their largest value at this time (added back below)
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double lb = model.logDensity(j, o[s]);
          emission[s * k + j] = lb;
          max = Math.max(max, lb);
        }
        if (max == Double.NEGATIVE_INFINITY) {
          throw new IllegalStateException("observation " + s + " has density 0 in every state");
        }
        for (int j = 0; j < k; j++) {
          emission[s * k + j] = Math.exp(emission[s * k + j] - max);
        }
        double c = 0;
        for (int j = 0; j < k; j++) {
          double predicted;
          if (s == 0) {
            predicted = model.initial[j];
          } else {
            predicted = 0;
            for (int i = 0; i < k; i++) {
              predicted += alpha[(s - 1) * k + i] * a[i][j];
            }
          }
          double v = predicted * emission[s * k + j];
          alpha[s * k + j] = v;
          c += v;
        }
        if (!(c > 0)) {
          throw new IllegalStateException(
              "observation " + s + " has probability 0 under every reachable state");
        }
        for (int j = 0; j < k; j++) {
          alpha[s * k + j] /= c;
        }
        scale[s] = c;
        logLikelihood += Math.log(c) + max;
      }
      for (int i = 0; i < k; i++) {
        beta[(t - 1) * k + i] = 1;
      }
      for (int s = t - 2; s >= 0; s--) {
        double c = scale[s + 1];
        for (int i = 0; i < k; i++) {
          double sum = 0;
          for (int j = 0; j < k; j++) {
            sum += a[i][j] * emission[(s + 1) * k + j] * beta[(s + 1) * k + j];
          }
          beta[s * k + i] = sum / c;
        }
      }
      return logLikelihood;
    }

    /** Re-estimates the model from the last {@link #expect} pass (Rabiner eqs. 40a–c, 53–54). */
    GaussianHiddenMarkovModel maximise(GaussianHiddenMarkovModel model, double floor) {
      double[][] a = model.transition;
      double[] pi = new double[k];
      double[][] xi = new double[k][k];
      double[] occupancy = new double[k];
      double[] weightedSum = new double[k];
      double[] gamma = new double[k];
      for (int s = 0; s < t; s++) {
        double norm = 0;
        for (int i = 0; i < k; i++) {
          gamma[i] = alpha[s * k + i] * beta[s * k + i];
          norm += gamma[i];
        }
        for (int i = 0; i < k; i++) {
          gamma[i] /= norm;
          occupancy[i] += gamma[i];
          weightedSum[i] += gamma[i] * o[s];
          if (s == 0) {
            pi[i] = gamma[i];
          }
        }
        if (s + 1 < t) {
          double c = scale[s + 1];
          for (int i = 0; i < k; i++) {
            double ai = alpha[s * k + i];
            for (int j = 0; j < k; j++) {
              xi[i][j] += ai * a[i][j] * emission[(s + 1) * k + j] * beta[(s + 1) * k + j] / c;
            }
          }
        }
      }
      double[] mu = new double[k];
      for (int j = 0; j < k; j++) {
        mu[j] = occupancy[j] > 0 ? weightedSum[j] / occupancy[j] : model.means[j];
      }
      double[] squares = new double[k];
      for (int s = 0; s < t; s++) {
        double norm = 0;
        for (int i = 0; i < k; i++) {
          gamma[i] = alpha[s * k + i] * beta[s * k + i];
          norm += gamma[i];
        }
        for (int j = 0; j < k; j++) {
          double d = o[s] - mu[j];
          squares[j] += gamma[j] / norm * d * d;
        }
      }
      double[] var = new double[k];
      double[][] next = new double[k][k];
      for (int i = 0; i < k; i++) {
        var[i] = occupancy[i] > 0 ? Math.max(squares[i] / occupancy[i], floor) : model.variances[i];
        double row = 0;
        for (int j = 0; j < k; j++) {
          row += xi[i][j];
        }
        for (int j = 0; j < k; j++) {
          next[i][j] = row > 0 ? xi[i][j] / row : a[i][j];
        }
      }
      // renormalise against rounding so that the constructor's checks hold
      double piSum = 0;
      for (double p : pi) {
        piSum += p;
      }
      for (int i = 0; i < k; i++) {
        pi[i] /= piSum;
      }
      return new GaussianHiddenMarkovModel(pi, next, mu, var);
    }
  }
}
