package io.backtest.gateway.rest;

import io.backtest.support.http.PageRequest;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging parameters of every list as the caller sent them, with their documentation; {@link
 * #request()} checks them (the shared {@link PageRequest}) before anything is forwarded.
 */
public class PageQuery {
  /**
   * How every sortable list's {@code sort} parameter is written, after the fields it allows. It is
   * a parameter of each list rather than of this bean: each list names its own fields, and a
   * leaderboard pages but is a ranking, which does not sort.
   */
  static final String SORT =
      ". One field ascending, or with a leading - descending; several comma-separated sort by the"
          + " first, then the next. Ties fall in id order, so pages neither repeat nor skip an"
          + " item. Another field is a 400 problem naming sort and the fields allowed.";

  @QueryParam("page")
  @Parameter(
      description = "Page number, from 0",
      schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"),
      example = "0")
  private String page;

  @QueryParam("size")
  @Parameter(
      description = "Page size, 1 to 100",
      schema =
          @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"),
      example = "20")
  private String size;

  /**
   * The page asked for.
   *
   * @throws io.backtest.support.http.ProblemException 400 naming {@code page} or {@code size}
   */
  PageRequest request() {
    return PageRequest.of(page, size);
  }
}
