package io.backtest.gateway.service;

import io.backtest.gateway.client.Downstream;

/**
 * A downstream service gave no usable answer (unreachable, too slow, overloaded, or its circuit
 * breaker is open): the caller gets a 503 naming the service.
 */
public class DownstreamUnavailableException extends RuntimeException {
  private final Downstream service;
  private final String reason;

  public DownstreamUnavailableException(Downstream service, String reason, Throwable cause) {
    super(service.serviceName() + " is unavailable (" + reason + ")", cause);
    this.service = service;
    this.reason = reason;
  }

  public Downstream service() {
    return service;
  }

  /** Why, in a few words: "no answer within 5 s", "circuit breaker open", ... */
  public String reason() {
    return reason;
  }
}
