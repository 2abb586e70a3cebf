package io.backtest.gateway.cache;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A read's JSON body, and whether it came from the cache.
 *
 * @param json the body, as the service answered it
 * @param hit whether Redis had it
 */
public record CachedRead(String json, boolean hit) {
  /** The header saying whether an answer came from the cache: {@code HIT} or {@code MISS}. */
  public static final String X_CACHE = "X-Cache";

  /** The answer: 200 with the body, and its {@link #X_CACHE} header. */
  public Response toResponse() {
    return Response.ok(json, MediaType.APPLICATION_JSON)
        .header(X_CACHE, hit ? "HIT" : "MISS")
        .build();
  }
}
