package io.backtest.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.contracts.http.Problem;
import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.gateway.service.DownstreamProblemException;
import io.backtest.gateway.service.DownstreamReply;
import io.backtest.gateway.service.DownstreamUnavailableException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error answered as RFC 9457 problem+json ({@code status}, {@code title}, {@code detail},
 * {@code instance} = the gateway path, {@code correlationId}, {@code errors[]} naming the offending
 * fields): one mapper per error family, including the security checks (with authentication made
 * lazy, {@code quarkus.http.auth.proactive=false}, they fail inside Quarkus REST and reach these
 * mappers) and the downstream services' answers.
 */
public class ProblemMappers {
  /** RFC 6750 section 3: the challenge without error code when no token was sent. */
  static final String BEARER_CHALLENGE = "Bearer";

  /** RFC 6750 section 3.1: a token that is malformed, expired, revoked or for someone else. */
  static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

  private final ObjectMapper json;

  public ProblemMappers(ObjectMapper json) {
    this.json = json;
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return challenge(
        BEARER_CHALLENGE,
        "This operation needs a bearer access token (Authorization header).",
        uri);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    Log.debugf(e, "bearer token refused on %s", uri.getPath());
    return challenge(
        INVALID_TOKEN_CHALLENGE,
        "The bearer token is invalid: malformed, expired, badly signed or not for this API.",
        uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
    RolesAllowed roles = requiredRoles(resource);
    String detail =
        roles == null
            ? "Your roles do not allow this operation."
            : "This operation needs the role " + String.join(" or ", roles.value()) + ".";
    return respond(403, "Forbidden", detail, List.of(), uri);
  }

  @ServerExceptionMapper
  public Response unavailable(DownstreamUnavailableException e, UriInfo uri) {
    return respond(503, "Service Unavailable", e.getMessage(), List.of(), uri);
  }

  /**
   * The service's own problem, passed on with its status and members ({@code errors[]} included);
   * only {@code instance} becomes the gateway's path. An answer without a problem body gets one.
   */
  @ServerExceptionMapper
  public Response downstream(DownstreamProblemException e, UriInfo uri) {
    DownstreamReply reply = e.reply();
    ObjectNode problem = problemBody(reply);
    if (problem == null) {
      Response.Status.Family family = Response.Status.Family.familyOf(reply.status());
      String reason = reasonPhrase(reply.status());
      return respond(
          reply.status(),
          reason,
          reply.service().serviceName()
              + " answered "
              + reply.status()
              + " "
              + reason
              + (family == Response.Status.Family.SERVER_ERROR
                  ? "; quote the correlation id when reporting it."
                  : "."),
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

  @ServerExceptionMapper
  public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
    return respond(
        400,
        "Bad Request",
        e.getMessage(),
        List.of(new FieldError(e.parameter(), e.reason())),
        uri);
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.reason()).collect(Collectors.joining("; "));
    return respond(400, "Bad Request", detail, errors, uri);
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e, UriInfo uri) {
    return unreadableBody(e, uri);
  }

  /** Quarkus has a built-in mapper for this subtype; ours answers problem+json instead. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    return unreadableBody(e, uri);
  }

  @ServerExceptionMapper
  public Response http(WebApplicationException e, UriInfo uri) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof JsonProcessingException unreadable) {
        return unreadableBody(unreadable, uri);
      }
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    return respond(
        status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of(), uri);
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e, UriInfo uri) {
    Log.errorf(e, "unexpected error on %s", uri.getPath());
    return respond(
        500,
        "Internal Server Error",
        "The request failed unexpectedly; quote the correlation id when reporting it.",
        List.of(),
        uri);
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

  private static RolesAllowed requiredRoles(ResourceInfo resource) {
    if (resource == null || resource.getResourceMethod() == null) {
      return null;
    }
    RolesAllowed onMethod = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    return onMethod != null
        ? onMethod
        : resource.getResourceClass().getAnnotation(RolesAllowed.class);
  }

  private static Response challenge(String challenge, String detail, UriInfo uri) {
    return problem(401, "Unauthorized", detail, List.of(), uri)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }

  private static Response unreadableBody(JsonProcessingException e, UriInfo uri) {
    String field = "body";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason =
        root instanceof JsonProcessingException unreadable
            ? unreadable.getOriginalMessage()
            : root.getMessage();
    return respond(
        400, "Bad Request", field + ": " + reason, List.of(new FieldError(field, reason)), uri);
  }

  /** The request field a violation is about: the path without the method and parameter names. */
  static String fieldOf(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.");
    // method.parameter[.field...]: keep what follows the parameter, or the parameter itself
    if (parts.length > 2) {
      return String.join(".", List.of(parts).subList(2, parts.length));
    }
    return parts[parts.length - 1];
  }

  private static String reasonPhrase(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "HTTP " + status;
  }

  static Response respond(
      int status, String title, String detail, List<FieldError> errors, UriInfo uri) {
    return problem(status, title, detail, errors, uri).build();
  }

  private static Response.ResponseBuilder problem(
      int status, String title, String detail, List<FieldError> errors, UriInfo uri) {
    Problem problem =
        new Problem(
            Problem.ABOUT_BLANK,
            title,
            status,
            detail,
            uri == null ? null : uri.getPath(),
            Correlation.current(),
            errors);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
  }
}
