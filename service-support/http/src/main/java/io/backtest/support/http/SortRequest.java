package io.backtest.support.http;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A validated order of a list, parsed by the list's {@link SortFields}: the keys to sort by, each a
 * fixed column of the list (never the caller's text), the last one unique so that pages neither
 * repeat nor skip rows.
 *
 * @param keys most significant first
 */
public record SortRequest(List<Key> keys) {
  public SortRequest {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("an order needs at least one key");
    }
  }

  /**
   * One key of an order.
   *
   * @param field its name in the API; null for the list's unique tiebreaker when it has none
   * @param column the entity property or column it sorts by
   * @param descending largest first
   * @param nullsLast rows without a value come last in both directions; otherwise they are where
   *     PostgreSQL puts them (as if larger than every value), the order an index serves both ways
   */
  public record Key(String field, String column, boolean descending, boolean nullsLast) {}

  /**
   * The order as the text after {@code order by}, e.g. {@code created_at desc nulls last, id desc},
   * valid in SQL and HQL: for queries not built with Panache's {@code Sort}.
   */
  public String orderBy() {
    return keys.stream()
        .map(
            k ->
                k.column()
                    + (k.descending() ? " desc" : " asc")
                    + (k.nullsLast() ? " nulls last" : ""))
        .collect(Collectors.joining(", "));
  }

  /** The order as a {@code sort} parameter asks for it, e.g. {@code -createdAt,rank}. */
  public String parameter() {
    return keys.stream()
        .filter(k -> k.field() != null)
        .map(k -> (k.descending() ? "-" : "") + k.field())
        .collect(Collectors.joining(","));
  }
}
