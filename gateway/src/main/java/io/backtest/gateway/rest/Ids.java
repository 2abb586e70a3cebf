package io.backtest.gateway.rest;

/**
 * What an id looks like, checked at the gateway so that a malformed one is a 400 naming the
 * parameter and never travels downstream.
 */
public final class Ids {
  /** A UUID in its canonical 8-4-4-4-12 hex form (cycles, strategies). */
  public static final String UUID =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  public static final String NOT_A_UUID = "must be a UUID";

  /** A dataset id: a slug such as {@code aapl-1d-2013}. */
  public static final String DATASET = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

  public static final String NOT_A_DATASET =
      "must be a dataset id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
          + " digit";

  private Ids() {}

  /** The UUID of a value already checked against {@link #UUID} (or null). */
  public static java.util.UUID uuid(String checked) {
    return checked == null ? null : java.util.UUID.fromString(checked);
  }
}
