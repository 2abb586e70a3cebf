package io.backtest.support.http;

/**
 * Validated paging parameters: {@code page} (0-based, default 0) and {@code size} (1 to {@value
 * #MAX_SIZE}, default {@value #DEFAULT_SIZE}).
 */
public record PageRequest(int page, int size) {
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  public PageRequest {
    if (page < 0) {
      throw ProblemException.badRequest("page", "must be >= 0 but was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ProblemException.badRequest(
          "size", "must be between 1 and " + MAX_SIZE + " but was " + size);
    }
  }

  /**
   * Parses the raw query parameters.
   *
   * @throws ProblemException 400 naming {@code page} or {@code size} when invalid
   */
  public static PageRequest of(String page, String size) {
    return new PageRequest(
        RequestParameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
        RequestParameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
  }

  /** Index of the page's first item. */
  public long offset() {
    return (long) page * size;
  }
}
