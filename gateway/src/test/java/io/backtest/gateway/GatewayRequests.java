package io.backtest.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests to the gateway under test with a realm user's token, under a given correlation id. */
public final class GatewayRequests {
  private GatewayRequests() {}

  public static RequestSpecification as(String token, String correlationId) {
    return given().auth().oauth2(token).header("X-Correlation-Id", correlationId);
  }

  public static RequestSpecification asViewer(String correlationId) {
    return as(Tokens.viewer(), correlationId);
  }

  public static RequestSpecification asOperator(String correlationId) {
    return as(Tokens.operator(), correlationId);
  }
}
