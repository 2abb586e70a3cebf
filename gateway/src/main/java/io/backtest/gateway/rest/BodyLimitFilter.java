package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.support.http.ProblemMappers;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a JSON body over {@code gateway.limits.json-body} (1 MiB) before it is read: 413
 * problem+json naming the size and the limit. Every JSON request of the API is a small document (a
 * cycle's settings, a backtest, a decision); only dataset uploads are large, and they are CSV,
 * bounded by the transport's {@code quarkus.http.limits.max-body-size} and by strategy-service. The
 * size is the declared {@code Content-Length}; a chunked body is held to the transport's limit.
 */
public class BodyLimitFilter {
  /** Largest JSON body ({@code GATEWAY_LIMITS_JSON_BODY}). */
  @ConfigProperty(name = "gateway.limits.json-body", defaultValue = "1M")
  MemorySize jsonBody;

  @ServerRequestFilter
  public Response limit(ContainerRequestContext request) {
    MediaType type = request.getMediaType();
    int length = request.getLength();
    long limit = jsonBody.asLongValue();
    if (type == null
        || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        || length < 0
        || length <= limit) {
      return null;
    }
    String reason =
        "a JSON body of %d bytes is over the limit of %d bytes".formatted(length, limit);
    return ProblemMappers.respond(
        Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(),
        "Content Too Large",
        reason,
        List.of(new FieldError(HttpHeaders.CONTENT_LENGTH, reason)),
        request.getUriInfo());
  }
}
