package io.backtest.strategy.domain;

import io.backtest.engine.data.OhlcvBar;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The canonical text of a dataset's bars and its SHA-256, which identifies the content whatever
 * file or database it came from, and the compact binary form the bars are stored in.
 *
 * <p>Canonical text: one line per bar in time order, each {@code
 * epochSecond,open,high,low,close,volume} followed by {@code \n}, where {@code epochSecond} is the
 * bar's open time in whole seconds since 1970-01-01T00:00:00Z ({@link
 * java.time.Instant#getEpochSecond()}) and every number is written by {@link
 * Double#toString(double)} (so {@code 555.0}, {@code 2.00185E7}); no header, UTF-8. The digest is
 * SHA-256 (FIPS 180-4) of those bytes, in lower-case hex.
 *
 * <p>Stored form ({@value #ENCODING}): the zlib stream (RFC 1950, deflate at its fastest level) of
 * a big-endian header {@code int magic 0x42415253 ("BARS"), int n} followed by six columns of
 * {@code n} 64-bit values: the open times as differences to the previous one (the first to 0), then
 * the IEEE 754 bits of open, high, low, close and volume. Each column is byte-shuffled, all first
 * (most significant) bytes, then all second bytes and so on, so that the nearly constant time
 * steps, signs and exponents become long runs that deflate well (the idea of Blosc's shuffle
 * filter). Loading checks the decoded bars against the dataset's SHA-256.
 */
public final class DatasetContent {
  /** Name of the stored form, kept with each stored content. */
  public static final String ENCODING = "columnar-shuffled-v1+zlib";

  private static final int MAGIC = 0x42415253;
  private static final int HEADER = 8;
  private static final int COLUMNS = 6;

  private DatasetContent() {}

  /** The canonical text of {@code bars}. */
  public static String canonicalText(List<OhlcvBar> bars) {
    StringBuilder text = new StringBuilder(bars.size() * 48);
    for (OhlcvBar bar : bars) {
      appendLine(text, bar);
    }
    return text.toString();
  }

  /** SHA-256 of the canonical text of {@code bars}, 64 lower-case hex digits. */
  public static String sha256(List<OhlcvBar> bars) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    // In chunks: the text of a million bars would be some 60 MB at once.
    StringBuilder chunk = new StringBuilder(1 << 16);
    for (OhlcvBar bar : bars) {
      appendLine(chunk, bar);
      if (chunk.length() > 60_000) {
        digest.update(chunk.toString().getBytes(StandardCharsets.UTF_8));
        chunk.setLength(0);
      }
    }
    digest.update(chunk.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void appendLine(StringBuilder text, OhlcvBar bar) {
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

  /** The stored form of {@code bars} (see the class comment). */
  public static byte[] encode(List<OhlcvBar> bars) {
    int n = bars.size();
    byte[] raw = new byte[Math.toIntExact(HEADER + (long) COLUMNS * 8 * n)];
    ByteBuffer.wrap(raw).putInt(MAGIC).putInt(n);
    long previous = 0;
    for (int i = 0; i < n; i++) {
      OhlcvBar bar = bars.get(i);
      if (bar.time().getNano() != 0) {
        throw new IllegalArgumentException("bar time " + bar.time() + " is not a whole second");
      }
      long time = bar.time().getEpochSecond();
      put(raw, n, 0, i, time - previous);
      previous = time;
      put(raw, n, 1, i, Double.doubleToLongBits(bar.open()));
      put(raw, n, 2, i, Double.doubleToLongBits(bar.high()));
      put(raw, n, 3, i, Double.doubleToLongBits(bar.low()));
      put(raw, n, 4, i, Double.doubleToLongBits(bar.close()));
      put(raw, n, 5, i, Double.doubleToLongBits(bar.volume()));
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] buffer = new byte[1 << 16];
      while (!deflater.finished()) {
        int length = deflater.deflate(buffer);
        out.write(buffer, 0, length);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * The bars of a stored form.
   *
   * @throws IllegalArgumentException if {@code stored} is not in the stored form
   */
  public static List<OhlcvBar> decode(byte[] stored) {
    byte[] raw = inflate(stored);
    if (raw.length < HEADER) {
      throw new IllegalArgumentException("stored content is too short");
    }
    ByteBuffer header = ByteBuffer.wrap(raw);
    if (header.getInt() != MAGIC) {
      throw new IllegalArgumentException("stored content is not in the " + ENCODING + " form");
    }
    int n = header.getInt();
    if (n < 0 || raw.length != HEADER + (long) COLUMNS * 8 * n) {
      throw new IllegalArgumentException(
          "stored content has " + raw.length + " bytes, which does not fit " + n + " bars");
    }
    List<OhlcvBar> bars = new ArrayList<>(n);
    long time = 0;
    for (int i = 0; i < n; i++) {
      time += get(raw, n, 0, i);
      bars.add(
          new OhlcvBar(
              Instant.ofEpochSecond(time),
              Double.longBitsToDouble(get(raw, n, 1, i)),
              Double.longBitsToDouble(get(raw, n, 2, i)),
              Double.longBitsToDouble(get(raw, n, 3, i)),
              Double.longBitsToDouble(get(raw, n, 4, i)),
              Double.longBitsToDouble(get(raw, n, 5, i))));
    }
    return bars;
  }

  private static void put(byte[] raw, int n, int column, int i, long bits) {
    int base = HEADER + column * 8 * n + i;
    for (int b = 0; b < 8; b++) {
      raw[base + b * n] = (byte) (bits >>> (56 - 8 * b));
    }
  }

  private static long get(byte[] raw, int n, int column, int i) {
    int base = HEADER + column * 8 * n + i;
    long bits = 0;
    for (int b = 0; b < 8; b++) {
      bits = (bits << 8) | (raw[base + b * n] & 0xFF);
    }
    return bits;
  }

  private static byte[] inflate(byte[] stored) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(stored);
      ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 2 + 64);
      byte[] buffer = new byte[1 << 16];
      while (!inflater.finished()) {
        int length = inflater.inflate(buffer);
        if (length == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("stored content is truncated");
        }
        out.write(buffer, 0, length);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("stored content is not a zlib stream", e);
    } finally {
      inflater.end();
    }
  }
}
