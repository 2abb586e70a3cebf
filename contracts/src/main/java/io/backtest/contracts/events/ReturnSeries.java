package io.backtest.contracts.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A series of simple returns in a compact, bounded encoding, for events that carry a backtest's
 * (stitched out-of-sample) returns to the services that need them (correlation, overfitting
 * statistics).
 *
 * <p>Encoding {@value #ENCODING}: {@code count} IEEE-754 binary32 values, little-endian, in time
 * order, Base64-encoded (RFC 4648 §4, with padding). binary32 keeps about 7 significant digits, far
 * below the noise of any statistic computed from returns. At most {@value #MAX_POINTS} points (at
 * most 26,668 characters of Base64: every backtest.completed carries one, and every service that
 * reads the topic parses it): a longer series is shortened by compounding {@code barsPerPoint}
 * consecutive bars into one point, {@code (1 + r_1)…(1 + r_k) − 1} (the last point may cover fewer
 * bars), so annualise with {@code barsPerYear / barsPerPoint}.
 *
 * @param encoding always {@value #ENCODING}
 * @param count number of points
 * @param barsPerPoint bars compounded into each point, 1 when the series is per bar
 * @param data the points, encoded as described
 */
public record ReturnSeries(String encoding, int count, int barsPerPoint, String data) {

  /** The only encoding so far. */
  public static final String ENCODING = "f32le-base64";

  /** Upper bound on {@code count}. */
  public static final int MAX_POINTS = 5_000;

  public ReturnSeries {
    Checks.oneOf(encoding, "encoding", ENCODING);
    Checks.atLeast(count, 0, "count");
    if (count > MAX_POINTS) {
      throw new IllegalArgumentException("count must be <= " + MAX_POINTS + " but was " + count);
    }
    Checks.atLeast(barsPerPoint, 1, "barsPerPoint");
    Checks.present(data, "data");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data is not Base64: " + e.getMessage(), e);
    }
    if (bytes.length != 4 * count) {
      throw new IllegalArgumentException(
          "data holds " + bytes.length + " bytes but count " + count + " needs " + 4 * count);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      Checks.finite(buffer.getFloat(), "data[" + i + "]");
    }
  }

  /** Encodes per-bar returns, compounding bars into points when there are more than the bound. */
  public static ReturnSeries of(double[] perBar) {
    Checks.present(perBar, "returns");
    int n = perBar.length;
    int barsPerPoint = n <= MAX_POINTS ? 1 : (n + MAX_POINTS - 1) / MAX_POINTS;
    int count = (n + barsPerPoint - 1) / barsPerPoint;
    ByteBuffer buffer = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int p = 0; p < count; p++) {
      double growth = 1;
      for (int i = p * barsPerPoint; i < Math.min(n, (p + 1) * barsPerPoint); i++) {
        growth *= 1 + Checks.finite(perBar[i], "returns[" + i + "]");
      }
      buffer.putFloat((float) (growth - 1));
    }
    return new ReturnSeries(
        ENCODING, count, barsPerPoint, Base64.getEncoder().encodeToString(buffer.array()));
  }

  /** The decoded points, in time order. */
  public double[] values() {
    ByteBuffer buffer =
        ByteBuffer.wrap(Base64.getDecoder().decode(data)).order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = buffer.getFloat();
    }
    return values;
  }

  /** Points per year for a dataset with {@code barsPerYear} bars a year. */
  public double pointsPerYear(double barsPerYear) {
    return barsPerYear / barsPerPoint;
  }
}
