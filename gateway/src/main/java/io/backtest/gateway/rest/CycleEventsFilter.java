package io.backtest.gateway.rest;

import io.backtest.gateway.service.CycleViewService;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Reads the cycle before its progress stream opens: an event stream's answer (200 and its headers)
 * is written as soon as the stream exists, so a bad id, an unknown cycle (404) or an unavailable
 * strategy-service (503) must be answered here, as problem+json, or not at all. What it read is the
 * stream's first event. Runs after the role check and the rate limit.
 */
public class CycleEventsFilter {
  /** The routing context's key of the progress read here: the stream's first event. */
  static final String FIRST_PROGRESS = CycleEventsFilter.class.getName() + ".first";

  @Inject CycleViewService cycles;

  @ServerRequestFilter(priority = Priorities.USER + 200)
  public Uni<Response> cycleExists(
      ContainerRequestContext request, SimpleResourceInfo resource, RoutingContext routing) {
    if (resource == null
        || resource.getResourceClass() != CycleResource.class
        || !CycleResource.FOLLOW_CYCLE.equals(resource.getMethodName())) {
      return Uni.createFrom().nullItem();
    }
    String id = request.getUriInfo().getPathParameters().getFirst("id");
    return cycles
        .progress(RequestParameters.uuid("id", id))
        .invoke(first -> routing.put(FIRST_PROGRESS, first))
        .replaceWith((Response) null);
  }
}
