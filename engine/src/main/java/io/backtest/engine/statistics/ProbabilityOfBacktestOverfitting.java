package io.backtest.engine.statistics;

import java.util.Objects;

/**
 * Combinatorially symmetric cross-validation (CSCV) of a selection: the probability of backtest
 * overfitting (PBO), the performance degradation and the probability of out-of-sample loss of the
 * in-sample winner (Bailey, Borwein, López de Prado &amp; Zhu, "The Probability of Backtest
 * Overfitting", Journal of Computational Finance 20(4), 2017, §2–3).
 *
 * <p>The T×N matrix of N candidates' returns over the same T periods is cut into S contiguous
 * blocks of equal size (the oldest T mod S rows are dropped). Each of the C(S, S/2) ways to pick
 * S/2 blocks gives an in-sample set J and its complement J̄ as out-of-sample set. In J the
 * candidate with the highest Sharpe ratio n* is "selected"; its out-of-sample relative rank ω =
 * rank/(N+1) among all candidates in J̄ gives the logit λ = ln(ω/(1−ω)). Then:
 *
 * <ul>
 *   <li>PBO = share of splits with λ ≤ 0, i.e. the selected candidate did no better than the
 *       out-of-sample median;
 *   <li>probability of out-of-sample loss = share of splits in which n* has a negative mean return
 *       in J̄;
 *   <li>degradation = least-squares line of n*'s out-of-sample Sharpe ratio on its in-sample one.
 * </ul>
 *
 * The performance measure is the per-period Sharpe ratio (mean over sample standard deviation, 0 at
 * zero dispersion). Ties in the out-of-sample ranking share the average rank.
 */
public final class ProbabilityOfBacktestOverfitting {

  /** The paper's suggested number of blocks. */
  public static final int DEFAULT_PARTITIONS = 16;

  /** Upper bound on S: C(24, 12) = 2.7 million splits. */
  public static final int MAX_PARTITIONS = 24;

  private ProbabilityOfBacktestOverfitting() {}

  /**
   * The CSCV result.
   *
   * @param candidates N
   * @param points T actually used (a multiple of S)
   * @param partitions S
   * @param splits C(S, S/2)
   * @param pbo probability of backtest overfitting; NaN with fewer than two candidates
   * @param probabilityOfOosLoss share of splits where the in-sample best loses out of sample
   * @param degradationSlope slope of the out-of-sample on the in-sample Sharpe ratio (per period)
   * @param degradationIntercept intercept of that line
   * @param logits λ of every split, in split order
   */
  public record Result(
      int candidates,
      int points,
      int partitions,
      int splits,
      double pbo,
      double probabilityOfOosLoss,
      double degradationSlope,
      double degradationIntercept,
      double[] logits) {}

  /**
   * Whether CSCV can run on {@code points} rows with {@code partitions} blocks (2 rows a block).
   */
  public static boolean applicable(int points, int partitions) {
    return partitions >= 2 && points / partitions >= 2;
  }

  /**
   * Runs CSCV.
   *
   * @param columns the N candidates' returns, each of the same length T
   * @param partitions S, even, 2 ≤ S ≤ {@value #MAX_PARTITIONS}
   * @throws IllegalArgumentException for no candidates, unequal lengths, a bad S, or fewer than 2
   *     rows per block
   */
  public static Result evaluate(double[][] columns, int partitions) {
    Objects.requireNonNull(columns, "columns");
    if (columns.length == 0) {
      throw new IllegalArgumentException("no candidates");
    }
    if (partitions < 2 || partitions % 2 != 0 || partitions > MAX_PARTITIONS) {
      throw new IllegalArgumentException(
          "partitions must be even and in [2, " + MAX_PARTITIONS + "] but was " + partitions);
    }
    int n = columns.length;
    int t = columns[0].length;
    for (double[] column : columns) {
      if (column.length != t) {
        throw new IllegalArgumentException(
            "every column needs " + t + " rows but one has " + column.length);
      }
    }
    int blockSize = t / partitions;
    if (blockSize < 2) {
      throw new IllegalArgumentException(
          t + " rows are too few for " + partitions + " blocks of at least 2 rows");
    }
    int offset = t - blockSize * partitions;
    // per candidate and block: sum and sum of squares of the returns
    double[][] sums = new double[n][partitions];
    double[][] squares = new double[n][partitions];
    double[] totalSum = new double[n];
    double[] totalSquares = new double[n];
    for (int c = 0; c < n; c++) {
      double[] column = columns[c];
      for (int b = 0; b < partitions; b++) {
        double s = 0;
        double q = 0;
        for (int i = offset + b * blockSize, end = i + blockSize; i < end; i++) {
          s += column[i];
          q += column[i] * column[i];
        }
        sums[c][b] = s;
        squares[c][b] = q;
        totalSum[c] += s;
        totalSquares[c] += q;
      }
    }
    int half = partitions / 2;
    int rows = half * blockSize;
    int splits = (int) binomial(partitions, half);
    double[] logits = new double[splits];
    double[] isSharpe = new double[splits];
    double[] oosSharpe = new double[splits];
    int overfit = 0;
    int losses = 0;
    int split = 0;
    double[] oos = new double[n];
    double[] oosSum = new double[n];
    for (int mask = 0; mask < 1 << partitions; mask++) {
      if (Integer.bitCount(mask) != half) {
        continue;
      }
      int best = -1;
      double bestSharpe = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < n; c++) {
        double s = 0;
        double q = 0;
        for (int b = 0; b < partitions; b++) {
          if ((mask & 1 << b) != 0) {
            s += sums[c][b];
            q += squares[c][b];
          }
        }
        double inSample = sharpe(s, q, rows);
        oosSum[c] = totalSum[c] - s;
        oos[c] = sharpe(oosSum[c], totalSquares[c] - q, rows);
        if (inSample > bestSharpe) {
          bestSharpe = inSample;
          best = c;
        }
      }
      isSharpe[split] = bestSharpe;
      double selected = oos[best];
      oosSharpe[split] = selected;
      double below = 0;
      double ties = 0;
      for (int c = 0; c < n; c++) {
        if (oos[c] < selected) {
          below++;
        } else if (oos[c] == selected && c != best) {
          ties++;
        }
      }
      // rank 1 is the worst, N the best; ties share the average rank
      double rank = 1 + below + ties / 2;
      double omega = rank / (n + 1);
      logits[split] = Math.log(omega / (1 - omega));
      if (logits[split] <= 0) {
        overfit++;
      }
      // the selected candidate's mean return out of sample is negative
      if (oosSum[best] < 0) {
        losses++;
      }
      split++;
    }
    double[] line = leastSquares(isSharpe, oosSharpe);
    return new Result(
        n,
        blockSize * partitions,
        partitions,
        splits,
        n < 2 ? Double.NaN : (double) overfit / splits,
        (double) losses / splits,
        line[0],
        line[1],
        logits);
  }

  /** Per-period Sharpe ratio from a sum, a sum of squares and a count; 0 at zero dispersion. */
  private static double sharpe(double sum, double squares, int count) {
    double mean = sum / count;
    double variance = (squares - sum * mean) / (count - 1);
    return variance > 1e-30 ? mean / Math.sqrt(variance) : 0;
  }

  /** {slope, intercept} of y on x; slope 0 when x does not vary. */
  private static double[] leastSquares(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxx > 0 ? sxy / sxx : 0;
    return new double[] {slope, my - slope * mx};
  }

  static long binomial(int n, int k) {
    long result = 1;
    for (int i = 1; i <= k; i++) {
      result = result * (n - k + i) / i;
    }
    return result;
  }
}
