package io.backtest.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Takes the caller's {@code X-Correlation-Id} when it is acceptable (else makes one) before
 * anything else runs, security checks included, and returns it on every answer, errors included.
 */
public class CorrelationIdFilter {

  @ServerRequestFilter(preMatching = true)
  public void correlate(ContainerRequestContext request) {
    String id = request.getHeaderString(Correlation.HEADER);
    Correlation.set(Correlation.isValid(id) ? id : Correlation.newId());
  }

  @ServerResponseFilter
  public void echo(ContainerResponseContext response) {
    response.getHeaders().putSingle(Correlation.HEADER, Correlation.current());
  }
}
