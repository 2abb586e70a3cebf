package io.backtest.support.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.backtest.contracts.http.Problem;
import io.backtest.contracts.http.Problem.FieldError;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error answered as RFC 9457 problem+json: one mapper per error family, each naming the
 * offending field where there is one.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.status(), e.title(), e.getMessage(), e.errors(), uri);
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

  /**
   * A type Jackson cannot build: a defect of the service, answered like any unexpected error
   * (Quarkus's built-in mapper for it would answer a bare 500 without a problem).
   */
  @ServerExceptionMapper
  public Response undeserializable(InvalidDefinitionException e, UriInfo uri) {
    return unexpected(e, uri);
  }

  @ServerExceptionMapper
  public Response http(WebApplicationException e, UriInfo uri) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof JsonProcessingException json) {
        return unreadableBody(json, uri);
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
        root instanceof JsonProcessingException json
            ? json.getOriginalMessage()
            : root.getMessage();
    return respond(
        400, "Bad Request", field + ": " + reason, List.of(new FieldError(field, reason)), uri);
  }

  /** The request field a violation is about: the path without the method and parameter names. */
  public static String fieldOf(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.");
    // method.parameter[.field...]: keep what follows the parameter, or the parameter itself
    if (parts.length > 2) {
      return String.join(".", List.of(parts).subList(2, parts.length));
    }
    return parts[parts.length - 1];
  }

  public static Response respond(
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
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
