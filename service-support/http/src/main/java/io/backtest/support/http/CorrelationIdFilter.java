package io.backtest.support.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Takes the caller's {@code X-Correlation-Id} (or makes one) for the request and returns it in the
 * response.
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
