package io.backtest.contracts.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An HTTP error as RFC 9457 problem details ({@code application/problem+json}), with the offending
 * fields in the {@code errors} extension member.
 *
 * @param type URI reference identifying the problem type ({@code about:blank} for plain HTTP
 *     errors)
 * @param title short summary of the problem type
 * @param status the HTTP status code
 * @param detail explanation of this occurrence
 * @param instance URI reference of this occurrence (the request path)
 * @param correlationId the request's correlation id, to find it in logs and the audit log
 * @param errors one entry per invalid field; empty when the problem is not about fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    String correlationId,
    List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";
  public static final URI ABOUT_BLANK = URI.create("about:blank");

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /**
   * One invalid field.
   *
   * @param field what is invalid, by the name the client used: a body field ({@code candidates},
   *     {@code execution.feeBps}), a query or path parameter ({@code size}, {@code id}), or {@code
   *     body} for the body as a whole
   * @param reason why it is invalid
   */
  public record FieldError(String field, String reason) {}
}
