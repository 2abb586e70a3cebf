package io.backtest.support.http;

import io.backtest.support.http.SortRequest.Key;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one list can be sorted by: the whitelist that parses its {@value #PARAMETER} query
 * parameter. {@code sort=<field>} sorts ascending, {@code sort=-<field>} descending, and several
 * comma-separated fields sort by the first, then by the next. Each field maps to a fixed column (or
 * entity property), so the caller's text never reaches a query. Every order ends in the list's
 * unique tiebreaker, in the direction of the key before it, so that pages are stable.
 */
public final class SortFields {
  /** The query parameter. */
  public static final String PARAMETER = "sort";

  private record Field(String column, boolean nullsLast) {}

  private final Map<String, Field> fields;
  private final String tiebreaker;
  private final String allowed;
  private final SortRequest byDefault;

  private SortFields(Map<String, Field> fields, String tiebreaker, String byDefault) {
    this.fields = Map.copyOf(fields);
    this.tiebreaker = tiebreaker;
    this.allowed = String.join(", ", fields.keySet());
    try {
      this.byDefault = parse(byDefault);
    } catch (ProblemException e) {
      throw new IllegalArgumentException("default order " + e.getMessage(), e);
    }
  }

  /** Starts the fields of a list whose rows the unique {@code column} tells apart. */
  public static Builder tiebreaker(String column) {
    return new Builder(column);
  }

  /** The fields of one list, in the order its documentation and its 400s name them. */
  public static final class Builder {
    private final String tiebreaker;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private Builder(String tiebreaker) {
      this.tiebreaker = tiebreaker;
    }

    /**
     * A field sorted by {@code column}; rows without a value, if the column has any, where
     * PostgreSQL puts them.
     */
    public Builder field(String name, String column) {
      return add(name, new Field(column, false));
    }

    /**
     * A field sorted by {@code column} whose rows without a value (not scored yet, never promoted)
     * come last in both directions.
     */
    public Builder nullsLast(String name, String column) {
      return add(name, new Field(column, true));
    }

    /** The fields, with the order of a request without {@code sort}, e.g. {@code -createdAt}. */
    public SortFields byDefault(String order) {
      if (order.isBlank()) {
        throw new IllegalArgumentException("a list needs a default order");
      }
      return new SortFields(fields, tiebreaker, order);
    }

    private Builder add(String name, Field field) {
      if (name.isBlank() || name.startsWith("-") || name.contains(",")) {
        throw new IllegalArgumentException("not a sort field name: '" + name + "'");
      }
      if (fields.putIfAbsent(name, field) != null) {
        throw new IllegalArgumentException("sort field " + name + " given twice");
      }
      return this;
    }
  }

  /**
   * Parses the {@value #PARAMETER} query parameter; absent or blank means the default order.
   *
   * @throws ProblemException 400 naming {@value #PARAMETER}, with the allowed fields in its reason,
   *     for an unknown field, an empty one or one named twice
   */
  public SortRequest parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return byDefault;
    }
    List<Key> keys = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (String part : raw.split(",", -1)) {
      String name = part.strip();
      boolean descending = name.startsWith("-");
      if (descending) {
        name = name.substring(1);
      }
      Field field = fields.get(name);
      if (field == null) {
        throw ProblemException.badRequest(
            PARAMETER,
            "must be one of "
                + allowed
                + " (a leading - sorts descending; several comma-separated) but was '"
                + raw
                + "'");
      }
      if (!named.add(name)) {
        throw ProblemException.badRequest(PARAMETER, "names " + name + " twice");
      }
      keys.add(new Key(name, field.column(), descending, field.nullsLast()));
    }
    if (keys.stream().noneMatch(k -> k.column().equals(tiebreaker))) {
      String name =
          fields.entrySet().stream()
              .filter(f -> f.getValue().column().equals(tiebreaker))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      keys.add(new Key(name, tiebreaker, keys.getLast().descending(), false));
    }
    return new SortRequest(keys);
  }

  /** The order of a request without {@value #PARAMETER}. */
  public SortRequest byDefault() {
    return byDefault;
  }

  /** The fields, comma-separated, e.g. {@code createdAt, status}. */
  public String allowed() {
    return allowed;
  }
}
