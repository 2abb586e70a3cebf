package io.backtest.support.http;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The correlation id of the work under way, kept in the logging MDC (which Quarkus scopes to the
 * request's or message's Vert.x context) so that every log line carries it.
 */
public final class Correlation {
  /** HTTP header carrying the correlation id in and out. */
  public static final String HEADER = "X-Correlation-Id";

  /** MDC key, used by the log format as {@code %X{correlationId}}. */
  public static final String MDC_KEY = "correlationId";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Correlation() {}

  /** Whether a client-supplied id is acceptable (short, no spaces or control characters). */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /** A new correlation id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static void set(String id) {
    MDC.put(MDC_KEY, id);
  }

  /** The current id, or a new one (set as current) when there is none. */
  public static String current() {
    Object id = MDC.get(MDC_KEY);
    if (id == null) {
      String fresh = newId();
      set(fresh);
      return fresh;
    }
    return id.toString();
  }
}
