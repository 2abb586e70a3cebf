package io.backtest.support.http;

import io.backtest.contracts.http.Problem.FieldError;
import java.util.List;

/** A request the service refuses, answered as problem+json with the given status. */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;

  public ProblemException(int status, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(404, "Not Found", what + " " + id + " does not exist", List.of());
  }

  public static ProblemException badRequest(String field, String reason) {
    return new ProblemException(
        400, "Bad Request", field + ": " + reason, List.of(new FieldError(field, reason)));
  }

  public static ProblemException unprocessable(String field, String reason) {
    return new ProblemException(
        422,
        "Unprocessable Content",
        field + ": " + reason,
        List.of(new FieldError(field, reason)));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail, List.of());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
