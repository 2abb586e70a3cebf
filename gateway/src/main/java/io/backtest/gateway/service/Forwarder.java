package io.backtest.gateway.service;

import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Calls a downstream service under that service's guard (a timeout inside a circuit breaker, one
 * breaker per service so that a failing service is left alone as a whole) and turns what comes back
 * into the gateway's answer: success passed through, the service's problem passed through, no
 * usable answer a 503 naming the service.
 */
@ApplicationScoped
public class Forwarder {
  private static final TypeLiteral<Uni<DownstreamReply>> REPLY = new TypeLiteral<>() {};
  private static final TypeLiteral<Uni<HttpClientResponse>> STREAM = new TypeLiteral<>() {};

  private final Map<Downstream, Guard> guards = new EnumMap<>(Downstream.class);
  private final Map<Downstream, Duration> timeouts = new EnumMap<>(Downstream.class);
  private final Guard backtestGuard;
  private final Duration backtestTimeout;

  public Forwarder(GatewayConfig config) {
    for (Downstream service : Downstream.values()) {
      GatewayConfig.Budget settings = config.downstream().get(service.configKey());
      timeouts.put(service, settings.timeout());
      guards.put(
          service, guard(service.serviceName(), settings.circuitBreaker(), settings.timeout()));
    }
    // A synchronous backtest may compute for many seconds: its own, longer timeout, and its own
    // breaker so that slow backtests do not cut off strategy-service's quick calls.
    backtestTimeout = config.backtests().timeout();
    backtestGuard =
        guard(
            Downstream.STRATEGY.serviceName() + "-backtests",
            config.downstream().get(Downstream.STRATEGY.configKey()).circuitBreaker(),
            backtestTimeout);
  }

  private static Guard guard(String name, GatewayConfig.CircuitBreaker breaker, Duration timeout) {
    return Guard.create()
        .withDescription(name)
        .withCircuitBreaker()
        .name(name)
        .requestVolumeThreshold(breaker.requestVolume())
        .failureRatio(breaker.failureRatio())
        .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
        .onStateChange(state -> Log.warnf("circuit breaker of %s is now %s", name, state))
        .done()
        .withTimeout()
        .duration(timeout.toMillis(), ChronoUnit.MILLIS)
        .done()
        .build();
  }

  /** Forwards a call and answers with what the service answered (or its problem, or a 503). */
  public Uni<Response> forward(Downstream service, Supplier<Uni<Response>> call) {
    return exchange(service, call).map(reply -> reply.orThrow().toResponse());
  }

  /**
   * Forwards long-running work — a synchronous backtest, a dataset upload or synthetic dataset — to
   * strategy-service under the backtest budget ({@code gateway.backtests.timeout}) instead of the
   * service's usual one.
   */
  public Uni<Response> forwardLongRunning(Supplier<Uni<Response>> call) {
    return exchange(Downstream.STRATEGY, backtestGuard, backtestTimeout, call)
        .map(reply -> reply.orThrow().toResponse());
  }

  /**
   * Makes a guarded call and reads the answer, whatever its status below 500 (and the service's own
   * 5xx errors); fails with {@link DownstreamUnavailableException} when there is no usable answer.
   */
  public Uni<DownstreamReply> exchange(Downstream service, Supplier<Uni<Response>> call) {
    return exchange(service, guards.get(service), timeouts.get(service), call);
  }

  private Uni<DownstreamReply> exchange(
      Downstream service, Guard guard, Duration timeout, Supplier<Uni<Response>> call) {
    long start = System.nanoTime();
    Uni<DownstreamReply> guarded =
        guard.get(
            () ->
                Uni.createFrom()
                    .deferred(call::get)
                    .map(response -> DownstreamReply.of(service, response))
                    .invoke(
                        reply -> {
                          if (reply.unavailable()) {
                            // counted by the breaker like a refused connection
                            throw new UnavailableAnswer(reply.status());
                          }
                        }),
            REPLY);
    return guarded
        .invoke(
            reply ->
                Log.debugf(
                    "%s answered %d in %d ms",
                    service.serviceName(), reply.status(), elapsedMillis(start)))
        .onFailure()
        .transform(failure -> unavailable(service, timeout, failure, elapsedMillis(start)));
  }

  /**
   * Opens a streamed answer under the service's guard, which covers the wait for its status and
   * headers, not the body that follows. The call answers its response paused; a success is handed
   * over so, unread, to be streamed on (resumed by its reader); the service's problem is read (it
   * is small) and passed through as for {@link #forward}; no usable answer fails with {@link
   * DownstreamUnavailableException}.
   */
  public Uni<HttpClientResponse> openStream(
      Downstream service, Supplier<Uni<HttpClientResponse>> call) {
    long start = System.nanoTime();
    Duration timeout = timeouts.get(service);
    Uni<HttpClientResponse> guarded =
        guards
            .get(service)
            .get(
                () ->
                    Uni.createFrom()
                        .deferred(call::get)
                        .call(
                            response -> {
                              int status = response.statusCode();
                              if (status == 502 || status == 503 || status == 504) {
                                // counted by the breaker like a refused connection
                                return body(response)
                                    .onItem()
                                    .failWith(body -> new UnavailableAnswer(status));
                              }
                              return Uni.createFrom().voidItem();
                            }),
                STREAM);
    return guarded
        .onFailure()
        .transform(failure -> unavailable(service, timeout, failure, elapsedMillis(start)))
        .call(
            response -> {
              if (response.statusCode() < 400) {
                return Uni.createFrom().voidItem();
              }
              return body(response)
                  .onItem()
                  .failWith(
                      body ->
                          new DownstreamProblemException(
                              new DownstreamReply(
                                  service,
                                  response.statusCode(),
                                  response.getHeader("Content-Type"),
                                  null,
                                  body.getBytes())));
            });
  }

  /** Reads the whole body of a paused response: its handler is set before it flows again. */
  private static Uni<io.vertx.core.buffer.Buffer> body(HttpClientResponse response) {
    io.vertx.core.Future<io.vertx.core.buffer.Buffer> body = response.getDelegate().body();
    response.resume();
    return Uni.createFrom().completionStage(body.toCompletionStage());
  }

  private static DownstreamUnavailableException unavailable(
      Downstream service, Duration timeout, Throwable failure, long millis) {
    String reason =
        switch (failure) {
          case CircuitBreakerOpenException open -> "circuit breaker open after repeated failures";
          case TimeoutException expired -> "no answer within " + timeout.toMillis() + " ms";
          case UnavailableAnswer answer -> "it answered HTTP " + answer.status;
          default -> "cannot be reached";
        };
    // The cause (hosts, ports) goes to the log only, not to the public problem. Calls refused by
    // an open breaker are not news: its opening was logged once.
    Log.logf(
        failure instanceof CircuitBreakerOpenException ? Logger.Level.DEBUG : Logger.Level.WARN,
        "%s is unavailable after %d ms: %s (%s)",
        service.serviceName(),
        millis,
        reason,
        describe(failure));
    return new DownstreamUnavailableException(service, reason, failure);
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  private static long elapsedMillis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A 502/503/504 answer, raised inside the guard so that the breaker counts it. */
  private static final class UnavailableAnswer extends RuntimeException {
    private final int status;

    UnavailableAnswer(int status) {
      super("HTTP " + status, null, false, false);
      this.status = status;
    }
  }
}
