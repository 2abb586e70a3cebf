package io.backtest.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.contracts.http.Problem;
import io.backtest.gateway.service.DownstreamProblemException;
import io.backtest.gateway.service.DownstreamReply;
import io.backtest.gateway.service.DownstreamUnavailableException;
import io.backtest.support.http.Correlation;
import io.backtest.support.http.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the services behind the gateway answered, as the gateway's problem+json: a service's own
 * problem passed through (at the gateway's path), a service without a usable answer a 503 naming
 * it.
 */
public class DownstreamProblemMappers {
  private final ObjectMapper json;

  public DownstreamProblemMappers(ObjectMapper json) {
    this.json = json;
  }

  @ServerExceptionMapper
  public Response unavailable(DownstreamUnavailableException e, UriInfo uri) {
    return ProblemMappers.respond(503, "Service Unavailable", e.getMessage(), List.of(), uri);
  }

  /**
   * The service's own problem, passed on with its status and members ({@code errors[]} included);
   * only {@code instance} and {@code correlationId} become the gateway's. An answer without a
   * problem body gets one.
   */
  @ServerExceptionMapper
  public Response refused(DownstreamProblemException e, UriInfo uri) {
    DownstreamReply reply = e.reply();
    ObjectNode problem = problemBody(reply);
    if (problem == null) {
      String reason = reasonPhrase(reply.status());
      boolean serverError =
          Response.Status.Family.familyOf(reply.status()) == Response.Status.Family.SERVER_ERROR;
      return ProblemMappers.respond(
          reply.status(),
          reason,
          reply.service().serviceName()
              + " answered "
              + reply.status()
              + " "
              + reason
              + (serverError ? "; quote the correlation id when reporting it." : "."),
          List.of(),
          uri);
    }
    problem.put("instance", uri.getPath());
    problem.put("correlationId", Correlation.current());
    if (!problem.hasNonNull("status")) {
      problem.put("status", reply.status());
    }
    if (!problem.hasNonNull("title")) {
      problem.put("title", reasonPhrase(reply.status()));
    }
    return Response.status(reply.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private ObjectNode problemBody(DownstreamReply reply) {
    if (reply.body().length == 0) {
      return null;
    }
    try {
      JsonNode body = json.readTree(reply.body());
      return body instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String reasonPhrase(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "HTTP " + status;
  }
}
