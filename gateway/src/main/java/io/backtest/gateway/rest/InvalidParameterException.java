package io.backtest.gateway.rest;

import jakarta.ws.rs.BadRequestException;

/**
 * A path or query parameter that cannot be read as its type; a {@code WebApplicationException} so
 * that Quarkus REST passes it on as it is instead of answering the JAX-RS default 404.
 */
public class InvalidParameterException extends BadRequestException {
  private final String parameter;
  private final String reason;

  public InvalidParameterException(String parameter, String reason) {
    super(parameter + ": " + reason);
    this.parameter = parameter;
    this.reason = reason;
  }

  public String parameter() {
    return parameter;
  }

  public String reason() {
    return reason;
  }
}
