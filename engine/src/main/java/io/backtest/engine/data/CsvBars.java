package io.backtest.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Strict reader for OHLCV bars in CSV with a {@code date,open,high,low,close,volume} header.
 *
 * <p>Format:
 *
 * <ul>
 *   <li>UTF-8 (a leading byte-order mark is ignored), comma-separated, no quoting; fields are
 *       trimmed; empty lines are skipped.
 *   <li>The first line is the header. Column names are case-insensitive and may come in any order;
 *       the time column may be called {@code date}, {@code time} or {@code timestamp}. Every column
 *       must be present exactly once and no other column is accepted.
 *   <li>Time: {@code yyyy-MM-dd} (the start of that day in the given zone), an ISO-8601 date-time
 *       with offset or zone ({@code 2013-01-02T14:30:00Z}, {@code 2013-01-02T09:30:00-05:00}), an
 *       ISO-8601 local date-time (taken in the given zone), or whole epoch seconds. Rows must be in
 *       strictly increasing time order.
 *   <li>Numbers: plain decimal notation with an optional exponent ({@code NaN}, {@code Infinity},
 *       hex and type suffixes that {@link Double#parseDouble} would accept are rejected). Prices
 *       must be &gt; 0, volume &ge; 0.
 *   <li>Consistency: {@code high >= max(open, close)} and {@code low <= min(open, close)} (so also
 *       {@code high >= low}).
 * </ul>
 *
 * <p>Every rejection is a {@link CsvFormatException} (an {@link IllegalArgumentException}) whose
 * message starts with the 1-based line number in the file (the header is line 1) and the data row
 * number, then the reason; the exception also carries them apart.
 */
public final class CsvBars {

  /** Header accepted for the time column, lower case. */
  private static final List<String> TIME_NAMES = List.of("date", "time", "timestamp");

  private static final String EXPECTED_HEADER = "date,open,high,low,close,volume";

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d+");
  private static final Pattern LOCAL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /**
   * Epoch values above this (about the year 5138) are almost surely milliseconds; a strict parser
   * refuses them instead of silently placing bars thousands of years ahead.
   */
  private static final long MAX_EPOCH_SECONDS = 99_999_999_999L;

  private enum Column {
    TIME,
    OPEN,
    HIGH,
    LOW,
    CLOSE,
    VOLUME;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private CsvBars() {}

  /**
   * Reads every bar from {@code in} to its end. The stream is not closed: the caller owns it.
   *
   * @param in CSV bytes in UTF-8
   * @param zone zone for times without an offset ({@code yyyy-MM-dd} and local date-times)
   * @return the bars in file order, unmodifiable
   * @throws CsvFormatException on a missing or malformed header or any malformed row
   * @throws UncheckedIOException if reading the stream fails
   */
  public static List<OhlcvBar> read(InputStream in, ZoneId zone) {
    return read(in, zone, Integer.MAX_VALUE);
  }

  /**
   * Reads every bar from {@code in} to its end, refusing more than {@code maxRows} data rows (the
   * row after the limit is rejected, so a too large file is not read to its end).
   *
   * @throws CsvFormatException on a missing or malformed header, any malformed row, or too many
   *     rows
   */
  public static List<OhlcvBar> read(InputStream in, ZoneId zone, int maxRows) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(zone, "zone");
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0 but was " + maxRows);
    }
    try {
      return parse(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), zone, maxRows);
    } catch (IOException e) {
      throw new UncheckedIOException("reading CSV bars failed", e);
    }
  }

  private static List<OhlcvBar> parse(BufferedReader reader, ZoneId zone, int maxRows)
      throws IOException {
    String header = reader.readLine();
    if (header == null || header.isBlank()) {
      throw new CsvFormatException(
          1, 0, "CSV is empty; expected the header '" + EXPECTED_HEADER + "'");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    String[] names = header.split(",", -1);
    int[] positions = columnPositions(names);
    int columnCount = names.length;

    List<OhlcvBar> bars = new ArrayList<>();
    int lineNumber = 1;
    Instant previous = null;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      int row = bars.size() + 1;
      Where where = new Where(lineNumber, row);
      if (row > maxRows) {
        throw where.error(tooManyRows(maxRows));
      }
      String[] fields = line.split(",", -1);
      if (fields.length != columnCount) {
        throw where.error(
            "expected " + columnCount + " columns as in the header but found " + fields.length);
      }
      Instant time = parseTime(fields[positions[Column.TIME.ordinal()]].trim(), zone, where);
      double open = price(fields, positions, Column.OPEN, where);
      double high = price(fields, positions, Column.HIGH, where);
      double low = price(fields, positions, Column.LOW, where);
      double close = price(fields, positions, Column.CLOSE, where);
      double volume = number(fields, positions, Column.VOLUME, where);
      if (volume < 0) {
        throw where.error("column 'volume' must be >= 0 but was " + volume);
      }
      if (high < Math.max(open, close)) {
        throw where.error("high " + high + " is below max(open, close) " + Math.max(open, close));
      }
      if (low > Math.min(open, close)) {
        throw where.error("low " + low + " is above min(open, close) " + Math.min(open, close));
      }
      if (previous != null && !time.isAfter(previous)) {
        throw where.error(
            "time "
                + time
                + " is not after the previous row's "
                + previous
                + (time.equals(previous)
                    ? " (duplicate time)"
                    : " (rows must be in strictly increasing time order)"));
      }
      previous = time;
      bars.add(new OhlcvBar(time, open, high, low, close, volume));
    }
    return List.copyOf(bars);
  }

  /**
   * Refuses CSV bytes with more than {@code maxRows} data rows (non-blank lines after the header)
   * without parsing them: the same rejection as {@link #read(InputStream, ZoneId, int)} gives, but
   * before a million bars are built only to be dropped.
   *
   * @throws CsvFormatException naming the first row beyond the limit
   */
  public static void requireAtMostRows(byte[] csv, int maxRows) {
    int line = 1;
    int rows = 0;
    boolean blank = true;
    for (int i = 0; i <= csv.length; i++) {
      if (i < csv.length && csv[i] != '\n') {
        byte b = csv[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          blank = false;
        }
        continue;
      }
      if (line > 1 && !blank && ++rows > maxRows) {
        throw new CsvFormatException(line, rows, tooManyRows(maxRows));
      }
      line++;
      blank = true;
    }
  }

  private static String tooManyRows(int maxRows) {
    return "more than " + maxRows + " rows; a dataset may have at most " + maxRows + " rows (bars)";
  }

  /** Maps each {@link Column} (by ordinal) to its position in the header. */
  private static int[] columnPositions(String[] names) {
    int[] positions = new int[Column.values().length];
    Arrays.fill(positions, -1);
    for (int i = 0; i < names.length; i++) {
      String name = names[i].trim().toLowerCase(Locale.ROOT);
      Column column = columnNamed(name);
      if (column == null) {
        throw new CsvFormatException(
            1,
            0,
            "unknown column '"
                + names[i].trim()
                + "'; expected the header '"
                + EXPECTED_HEADER
                + "' (time column also as 'time' or 'timestamp')");
      }
      if (positions[column.ordinal()] >= 0) {
        throw new CsvFormatException(
            1, 0, "column '" + column.label() + "' appears more than once");
      }
      positions[column.ordinal()] = i;
    }
    for (Column column : Column.values()) {
      if (positions[column.ordinal()] < 0) {
        String label = column == Column.TIME ? "date (or time/timestamp)" : column.label();
        throw new CsvFormatException(
            1, 0, "missing column '" + label + "'; expected the header '" + EXPECTED_HEADER + "'");
      }
    }
    return positions;
  }

  private static Column columnNamed(String name) {
    if (TIME_NAMES.contains(name)) {
      return Column.TIME;
    }
    for (Column column : Column.values()) {
      if (column != Column.TIME && column.label().equals(name)) {
        return column;
      }
    }
    return null;
  }

  private static double price(String[] fields, int[] positions, Column column, Where where) {
    double value = number(fields, positions, column, where);
    if (value <= 0) {
      throw where.error("column '" + column.label() + "' must be > 0 but was " + value);
    }
    return value;
  }

  private static double number(String[] fields, int[] positions, Column column, Where where) {
    String text = fields[positions[column.ordinal()]].trim();
    if (text.isEmpty()) {
      throw where.error("column '" + column.label() + "' is empty");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw where.error("column '" + column.label() + "' value '" + text + "' is not a number");
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw where.error("column '" + column.label() + "' value '" + text + "' is out of range");
    }
    return value;
  }

  private static Instant parseTime(String text, ZoneId zone, Where where) {
    if (text.isEmpty()) {
      throw where.error("time is empty");
    }
    try {
      if (EPOCH_SECONDS.matcher(text).matches()) {
        long seconds = Long.parseLong(text);
        if (Math.abs(seconds) > MAX_EPOCH_SECONDS) {
          throw where.error(
              "time '" + text + "' looks like epoch milliseconds; epoch seconds expected");
        }
        return Instant.ofEpochSecond(seconds);
      }
      if (LOCAL_DATE.matcher(text).matches()) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
      if (parsed instanceof ZonedDateTime zoned) {
        return zoned.toInstant();
      }
      return ((LocalDateTime) parsed).atZone(zone).toInstant();
    } catch (DateTimeException | NumberFormatException e) {
      CsvFormatException error =
          where.error(
              "time '" + text + "' is not yyyy-MM-dd, an ISO-8601 date-time or epoch seconds");
      error.initCause(e);
      throw error;
    }
  }

  /** A data row's position, for messages. */
  private record Where(int line, int row) {
    CsvFormatException error(String reason) {
      return new CsvFormatException(line, row, reason);
    }
  }
}
