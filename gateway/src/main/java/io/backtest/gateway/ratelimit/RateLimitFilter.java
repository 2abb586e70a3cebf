package io.backtest.gateway.ratelimit;

import io.backtest.gateway.config.GatewayConfig;
import io.backtest.support.http.ProblemMappers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Rate-limits every operation of the public API per user (the token's principal; the client's
 * address for a request without one) and {@link OperationClass}: 429 problem+json with {@code
 * Retry-After} once the user's bucket is empty. Every limited answer carries the bucket's state in
 * the headers of the IETF draft "RateLimit header fields for HTTP": {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining}, {@code RateLimit-Reset} (seconds until the bucket is full) and {@code
 * RateLimit-Policy} ({@code <burst>;w=60;name="<class>"}).
 *
 * <p>It runs after authentication and the role checks, so a request without a valid token or role
 * is answered 401 or 403 without taking a token.
 */
public class RateLimitFilter {
  static final String DECISION = RateLimitFilter.class.getName() + ".decision";

  /** The public API's paths. */
  private static final String API = "/api/";

  @Inject RateLimiter limiter;
  @Inject SecurityIdentity identity;
  @Inject GatewayConfig config;

  @ServerRequestFilter(priority = Priorities.USER + 100)
  public Uni<Response> limit(
      ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
    if (!config.rateLimit().enabled() || !request.getUriInfo().getPath().startsWith(API)) {
      return Uni.createFrom().nullItem();
    }
    OperationClass operationClass = classOf(request.getMethod(), resource);
    return limiter
        .take(operationClass, user(http))
        .map(
            decision -> {
              if (decision.isEmpty()) {
                return null;
              }
              request.setProperty(DECISION, decision.get());
              return decision.get().allowed() ? null : tooManyRequests(decision.get(), request);
            });
  }

  @ServerResponseFilter
  public void headers(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
      MultivaluedMap<String, Object> headers = response.getHeaders();
      headers.putSingle("RateLimit-Limit", decision.limit());
      headers.putSingle("RateLimit-Remaining", decision.remaining());
      headers.putSingle("RateLimit-Reset", seconds(decision.untilFull().toMillis()));
      headers.putSingle(
          "RateLimit-Policy",
          "%d;w=60;burst=%d;name=\"%s\""
              .formatted(
                  decision.perMinute(), decision.limit(), decision.operationClass().label()));
      if (!decision.allowed()) {
        headers.putSingle("Retry-After", seconds(decision.retryAfter().toMillis()));
      }
    }
  }

  /** The class of an operation: heavy when marked so, else by its HTTP method. */
  static OperationClass classOf(String method, ResourceInfo resource) {
    if (resource != null
        && resource.getResourceMethod() != null
        && resource.getResourceMethod().isAnnotationPresent(HeavyJob.class)) {
      return OperationClass.HEAVY;
    }
    return "GET".equals(method) || "HEAD".equals(method)
        ? OperationClass.READ
        : OperationClass.WRITE;
  }

  private String user(HttpServerRequest http) {
    if (identity != null && !identity.isAnonymous()) {
      return "user:" + identity.getPrincipal().getName();
    }
    return "address:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().host());
  }

  private static Response tooManyRequests(
      RateLimiter.Decision decision, ContainerRequestContext request) {
    long retry = seconds(decision.retryAfter().toMillis());
    Response problem =
        ProblemMappers.respond(
            429,
            "Too Many Requests",
            "rate limit of %s operations reached: %d a minute, bursts of up to %d; retry in %d s"
                .formatted(
                    decision.operationClass().label(),
                    decision.perMinute(),
                    decision.limit(),
                    retry),
            List.of(),
            request.getUriInfo());
    return Response.fromResponse(problem).header("Retry-After", retry).build();
  }

  /** Whole seconds, rounded up: a client that waits that long finds a token. */
  private static long seconds(long millis) {
    return Math.max(0, (millis + 999) / 1000);
  }
}
