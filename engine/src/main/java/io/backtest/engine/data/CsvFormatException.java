package io.backtest.engine.data;

/**
 * Input that is not valid bar data, with where it went wrong: the message is {@code line L (row R):
 * reason} for a data row and {@code line L: reason} for the header or the file as a whole.
 */
public class CsvFormatException extends IllegalArgumentException {
  private final int line;
  private final int row;
  private final String reason;

  /**
   * @param line 1-based line in the file (the header is line 1)
   * @param row 1-based data row, or 0 when the problem is not in a data row
   * @param reason what is wrong, without the position
   */
  public CsvFormatException(int line, int row, String reason) {
    super(
        row > 0
            ? "line " + line + " (row " + row + "): " + reason
            : "line " + line + ": " + reason);
    this.line = line;
    this.row = row;
    this.reason = reason;
  }

  /** 1-based line in the file; the header is line 1. */
  public int line() {
    return line;
  }

  /** 1-based data row, or 0 when the problem is not in a data row (header, empty file). */
  public int row() {
    return row;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
