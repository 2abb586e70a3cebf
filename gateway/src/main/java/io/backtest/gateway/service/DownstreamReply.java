package io.backtest.gateway.service;

import io.backtest.gateway.client.Downstream;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One answer of a downstream service, read whole: what the gateway passes on to its caller.
 *
 * @param service who answered
 * @param status the HTTP status
 * @param contentType the body's media type, or null without a body
 * @param location the {@code Location} header, or null
 * @param body the body's bytes (empty without a body)
 */
public record DownstreamReply(
    Downstream service, int status, String contentType, String location, byte[] body) {

  public DownstreamReply {
    body = body == null ? new byte[0] : body;
  }

  /** Reads a REST client response (buffered by the reactive client) into a reply. */
  public static DownstreamReply of(Downstream service, Response response) {
    try {
      MediaType type = response.getMediaType();
      byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
      return new DownstreamReply(
          service,
          response.getStatus(),
          type == null ? null : type.toString(),
          response.getHeaderString(HttpHeaders.LOCATION),
          body);
    } finally {
      response.close();
    }
  }

  /**
   * Whether the service says it cannot serve now (502/503/504): counted as a failure by the circuit
   * breaker and answered as the gateway's own 503. Other 5xx answers are the service's own errors
   * and pass through like 4xx ones.
   */
  public boolean unavailable() {
    return status == 502 || status == 503 || status == 504;
  }

  /** This reply if it is a success, else the failure that answers it as a problem. */
  public DownstreamReply orThrow() {
    if (status >= 400) {
      throw new DownstreamProblemException(this);
    }
    return this;
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The gateway's answer: the same status, body and media type, and a gateway-relative Location.
   */
  public Response toResponse() {
    Response.ResponseBuilder response = Response.status(status);
    if (body.length > 0) {
      response.entity(body).type(contentType);
    }
    if (location != null) {
      response.header(HttpHeaders.LOCATION, gatewayLocation(location));
    }
    return response.build();
  }

  /**
   * A service's Location made relative to the gateway: JAX-RS services answer absolute URLs with
   * their own host, which the gateway's callers cannot reach; the paths are the same on both.
   */
  static String gatewayLocation(String location) {
    try {
      URI uri = URI.create(location);
      if (uri.getRawPath() == null) {
        return location;
      }
      return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (IllegalArgumentException e) {
      return location;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DownstreamReply r
        && service == r.service
        && status == r.status
        && Objects.equals(contentType, r.contentType)
        && Objects.equals(location, r.location)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, status, contentType, location) + 31 * Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return service.serviceName() + " " + status + " (" + body.length + " bytes)";
  }
}
