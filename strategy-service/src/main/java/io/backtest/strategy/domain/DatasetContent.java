package io.backtest.strategy.domain;

import io.backtest.engine.data.OhlcvBar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical text of a dataset's bars and its SHA-256, which identifies the content whatever
 * file or database it came from.
 *
 * <p>Canonical text: one line per bar in time order, each {@code
 * epochSecond,open,high,low,close,volume} followed by {@code \n}, where {@code epochSecond} is the
 * bar's open time in whole seconds since 1970-01-01T00:00:00Z ({@link
 * java.time.Instant#getEpochSecond()}) and every number is written by {@link
 * Double#toString(double)} (so {@code 555.0}, {@code 2.00185E7}); no header, UTF-8. The digest is
 * SHA-256 (FIPS 180-4) of those bytes, in lower-case hex.
 */
public final class DatasetContent {
  private DatasetContent() {}

  /** The canonical text of {@code bars}. */
  public static String canonicalText(List<OhlcvBar> bars) {
    StringBuilder text = new StringBuilder(bars.size() * 48);
    for (OhlcvBar bar : bars) {
      if (bar.time().getNano() != 0) {
        // The canonical form has whole seconds; sub-second bar times would collide.
        throw new IllegalArgumentException("bar time " + bar.time() + " is not a whole second");
      }
      text.append(bar.time().getEpochSecond())
          .append(',')
          .append(Double.toString(bar.open()))
          .append(',')
          .append(Double.toString(bar.high()))
          .append(',')
          .append(Double.toString(bar.low()))
          .append(',')
          .append(Double.toString(bar.close()))
          .append(',')
          .append(Double.toString(bar.volume()))
          .append('\n');
    }
    return text.toString();
  }

  /** SHA-256 of the canonical text of {@code bars}, 64 lower-case hex digits. */
  public static String sha256(List<OhlcvBar> bars) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(canonicalText(bars).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
