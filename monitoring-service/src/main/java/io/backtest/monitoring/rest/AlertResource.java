package io.backtest.monitoring.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.monitoring.domain.AlertSeverity;
import io.backtest.monitoring.mapping.AlertMapper;
import io.backtest.monitoring.repository.AlertRepository;
import io.backtest.monitoring.service.AlertService;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The alerts monitoring raised: drift detections, regime changes under live strategies. */
@Path("/api/v1/monitoring/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {
  static final int DEFAULT_SIZE = 50;

  private final AlertService service;

  public AlertResource(AlertService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List alerts, newest first unless sorted")
  @APIResponse(responseCode = "200", description = "One page of alerts")
  @APIResponse(
      responseCode = "400",
      description = "a filter, page, size or sort invalid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<AlertView>> listAlerts(
      @Parameter(description = "Only alerts of this strategy", schema = @Schema(format = "uuid"))
          @QueryParam("strategyId")
          String strategyId,
      @Parameter(description = "Only alerts of this symbol") @QueryParam("symbol") String symbol,
      @Parameter(
              description = "Only alerts of this severity (any case)",
              schema = @Schema(enumeration = {"INFO", "WARNING", "CRITICAL"}))
          @QueryParam("severity")
          String severity,
      @Parameter(description = "Only alerts of this kind, e.g. drift, regime-change")
          @QueryParam("kind")
          String kind,
      @Parameter(
              description = "Raised at or after this instant (ISO-8601)",
              schema = @Schema(format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Raised before this instant (ISO-8601)",
              schema = @Schema(format = "date-time"))
          @QueryParam("to")
          String to,
      @Parameter(
              description = "Page index, from 0",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
          @QueryParam("page")
          String page,
      @Parameter(
              description = "Page size, 1 to 100",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "100",
                      defaultValue = "50"))
          @QueryParam("size")
          String size,
      @Parameter(
              description =
                  "raisedAt or severity (INFO lowest, CRITICAL highest); a leading - sorts"
                      + " descending, several comma-separated; default -raisedAt")
          @QueryParam("sort")
          String sort) {
    Instant fromTime = RequestParameters.optionalInstant("from", from);
    Instant toTime = RequestParameters.optionalInstant("to", to);
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      throw ProblemException.badRequest(
          "to", "must be after from (" + fromTime + ") but was " + toTime);
    }
    AlertRepository.Filter filter =
        new AlertRepository.Filter(
            RequestParameters.optionalUuid("strategyId", strategyId),
            RequestParameters.optionalText(symbol),
            RequestParameters.optionalEnum("severity", severity, AlertSeverity.class),
            RequestParameters.optionalText(kind),
            fromTime,
            toTime);
    PageRequest request =
        new PageRequest(
            RequestParameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
            RequestParameters.integer("size", size, DEFAULT_SIZE, 1, PageRequest.MAX_SIZE));
    return service
        .listAlerts(filter, request, AlertRepository.SORT.parse(sort))
        .map(alerts -> alerts.map(AlertMapper::toView));
  }
}
