package io.backtest.engine.drift;

import io.backtest.engine.statistics.NormalDistribution;
import java.util.function.DoubleUnaryOperator;

/**
 * Exact Poisson tail probabilities and Garwood's exact confidence limits for a Poisson mean,
 * through the regularized incomplete gamma function: {@code P(X ≤ n; λ) = Q(n + 1, λ)} and {@code
 * P(X ≥ n; λ) = P(n, λ)} for n ≥ 1 (Johnson, Kemp &amp; Kotz, "Univariate Discrete Distributions",
 * 3rd ed., Wiley 2005, §4.2). P and Q are evaluated as in Press et al., "Numerical Recipes", 3rd
 * ed., Cambridge 2007, §6.2: the series for P when λ &lt; a + 1, Lentz's continued fraction for Q
 * otherwise, each the small tail of its regime so that tiny probabilities keep their relative
 * accuracy; about √a iterations.
 */
public final class PoissonDistribution {

  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 100_000;

  private PoissonDistribution() {}

  /** P(X ≤ n) for X ~ Poisson(λ). */
  public static double cdf(long n, double lambda) {
    check(n, lambda);
    return lambda == 0 ? 1 : regularizedGammaQ(n + 1, lambda);
  }

  /** P(X ≥ n) for X ~ Poisson(λ). */
  public static double upperTail(long n, double lambda) {
    check(n, lambda);
    if (n == 0) {
      return 1;
    }
    return lambda == 0 ? 0 : regularizedGammaP(n, lambda);
  }

  /**
   * The exact two-sided p-value of observing {@code n} under Poisson(λ) by doubling the smaller
   * tail, {@code min(1, 2·min(P(X ≤ n), P(X ≥ n)))}: the test whose acceptance region is Garwood's
   * interval.
   */
  public static double twoSidedPValue(long n, double lambda) {
    return Math.min(1, 2 * Math.min(cdf(n, lambda), upperTail(n, lambda)));
  }

  /** The Poisson probability P(X = n) for X ~ Poisson(λ), λ &gt; 0. */
  public static double pmf(long n, double lambda) {
    check(n, lambda);
    if (lambda == 0) {
      return n == 0 ? 1 : 0;
    }
    return Math.exp(-lambda + n * Math.log(lambda) - lnFactorial(n));
  }

  /**
   * Garwood's exact lower confidence limit at level {@code 1 − alpha} for the mean of a Poisson
   * count {@code n} (Garwood, "Fiducial Limits for the Poisson Distribution", Biometrika 28(3/4),
   * 1936): the λ with {@code P(X ≥ n; λ) = alpha / 2}, 0 for n = 0.
   */
  public static double lowerConfidenceLimit(long n, double alpha) {
    checkAlpha(alpha);
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    if (n == 0) {
      return 0;
    }
    // ln P(X ≥ n; λ) rises with λ, and d/dλ P(X ≥ n; λ) = P(X = n − 1; λ)
    double z = NormalDistribution.inverseCdf(1 - alpha / 2);
    double start = n * Math.pow(1 - 1 / (9.0 * n) - z / (3 * Math.sqrt(n)), 3);
    return solve(
        lambda -> upperTail(n, lambda), lambda -> pmf(n - 1, lambda), alpha / 2, 0, n, start);
  }

  /**
   * Garwood's exact upper confidence limit at level {@code 1 − alpha}: the λ with {@code P(X ≤ n;
   * λ) = alpha / 2}.
   */
  public static double upperConfidenceLimit(long n, double alpha) {
    checkAlpha(alpha);
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    // ln P(X ≤ n; λ) falls with λ, and d/dλ P(X ≤ n; λ) = −P(X = n; λ)
    double hi = n + 1.0;
    while (cdf(n, hi) > alpha / 2) {
      hi *= 2;
    }
    double z = NormalDistribution.inverseCdf(1 - alpha / 2);
    double m = n + 1.0;
    double start = m * Math.pow(1 - 1 / (9 * m) + z / (3 * Math.sqrt(m)), 3);
    return solve(lambda -> cdf(n, lambda), lambda -> -pmf(n, lambda), alpha / 2, n, hi, start);
  }

  /**
   * The λ in [lo, hi] where the monotone tail probability {@code f} equals {@code target}: Newton's
   * method on {@code ln f} (the tails are close to exponential in λ there, so it takes a few steps
   * from Byar's cube-root approximation; Breslow &amp; Day, "Statistical Methods in Cancer
   * Research" II, IARC 1987, ch. 2), kept inside a shrinking bracket and bisecting when a step
   * leaves it.
   */
  private static double solve(
      DoubleUnaryOperator f,
      DoubleUnaryOperator derivative,
      double target,
      double lo,
      double hi,
      double start) {
    double logTarget = Math.log(target);
    boolean rising = f.applyAsDouble(hi) > f.applyAsDouble(lo);
    double x = start > lo && start < hi ? start : (lo + hi) / 2;
    for (int i = 0; i < 200; i++) {
      double value = f.applyAsDouble(x);
      double gap = Math.log(value) - logTarget;
      if (gap == 0) {
        return x;
      }
      if ((gap < 0) == rising) {
        lo = x;
      } else {
        hi = x;
      }
      double next = x - gap * value / derivative.applyAsDouble(x);
      if (!(next > lo && next < hi)) {
        next = (lo + hi) / 2;
      }
      if (Math.abs(next - x) <= 1e-13 * Math.max(1, x) || hi - lo <= 1e-13 * Math.max(1, hi)) {
        return next;
      }
      x = next;
    }
    return x;
  }

  /** The regularized lower incomplete gamma function P(a, x) for a whole a ≥ 1 and x ≥ 0. */
  static double regularizedGammaP(long a, double x) {
    if (x == 0) {
      return 0;
    }
    return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
  }

  /** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x). */
  static double regularizedGammaQ(long a, double x) {
    if (x == 0) {
      return 1;
    }
    return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
  }

  /** P(a, x) by its series (Numerical Recipes §6.2, gser). */
  private static double series(long a, double x) {
    double term = 1.0 / a;
    double sum = term;
    for (long k = a + 1; k < a + MAX_ITERATIONS; k++) {
      term *= x / k;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) {
        break;
      }
    }
    return sum * Math.exp(-x + a * Math.log(x) - lnFactorial(a - 1));
  }

  /** Q(a, x) by Lentz's continued fraction (Numerical Recipes §6.2, gcf). */
  private static double continuedFraction(long a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - (double) a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPSILON) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - lnFactorial(a - 1)) * h;
  }

  /**
   * ln(n!): summed exactly below 20, beyond by Stirling's series to the n⁻⁷ term, whose error is
   * below 2e-15 there (Abramowitz &amp; Stegun, "Handbook of Mathematical Functions", 1964, 6.1.41,
   * with ln n! = ln Γ(n) + ln n).
   */
  static double lnFactorial(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    if (n < 20) {
      double sum = 0;
      for (int k = 2; k <= n; k++) {
        sum += Math.log(k);
      }
      return sum;
    }
    double x = n;
    double x2 = x * x;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * x2)) / x2) / x2) / x;
  }

  private static void check(long n, double lambda) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0 but was " + lambda);
    }
  }

  private static void checkAlpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1) but was " + alpha);
    }
  }
}
