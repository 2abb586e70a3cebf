package io.backtest.audit.rest;

import io.backtest.audit.domain.EntryFilter;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.service.AuditLogService;
import io.backtest.contracts.http.Problem;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** The audit log: every event of the platform with its summary, and the check of its chain. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log", description = "Append-only, hash-chained record of every event")
public class AuditResource {
  private final AuditLogService service;

  public AuditResource(AuditLogService service) {
    this.service = service;
  }

  @GET
  @Path("/entries")
  @Operation(
      summary = "List audit entries",
      description =
          "Entries in seq order, filtered by any combination of correlation id, subject, type and"
              + " event time (from inclusive, to exclusive).")
  @APIResponse(responseCode = "200", description = "One page of entries")
  @APIResponse(
      responseCode = "400",
      description = "A parameter is invalid; errors[].field names it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<AuditEntryView>> listEntries(
      @Parameter(description = "Entries of one correlation id (a whole cycle)")
          @QueryParam("correlationId")
          String correlationId,
      @Parameter(description = "Entries about one strategy, cycle or symbol") @QueryParam("subject")
          String subject,
      @Parameter(description = "Entries of one CloudEvents type, e.g. io.backtest.cycle.started")
          @QueryParam("type")
          String type,
      @Parameter(
              description = "Event time at or after this ISO-8601 instant",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Event time before this ISO-8601 instant",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
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
                      defaultValue = "20"))
          @QueryParam("size")
          String size) {
    PageRequest request = PageRequest.of(page, size);
    Instant fromTime = RequestParameters.optionalInstant("from", from);
    Instant toTime = RequestParameters.optionalInstant("to", to);
    if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
      throw ProblemException.badRequest("from", "must not be after to");
    }
    EntryFilter filter =
        new EntryFilter(
            RequestParameters.optionalText(correlationId),
            RequestParameters.optionalText(subject),
            RequestParameters.optionalText(type),
            fromTime,
            toTime);
    return service.findEntries(filter, request).map(found -> found.map(AuditEntryMapper::toView));
  }

  @GET
  @Path("/entries/{seq}")
  @Operation(summary = "Get one audit entry by its position in the log")
  @APIResponse(
      responseCode = "200",
      description = "The entry",
      content = @Content(schema = @Schema(implementation = AuditEntryView.class)))
  @APIResponse(
      responseCode = "400",
      description = "seq is not an integer >= 1",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No entry at this position",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<AuditEntryView> getEntry(
      @Parameter(
              description = "Position in the log, from 1",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @PathParam("seq")
          String seq) {
    long position = RequestParameters.longInteger("seq", seq, 1, Long.MAX_VALUE);
    return service
        .findEntryBySeq(position)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Audit entry", position))
        .map(AuditEntryMapper::toView);
  }

  @GET
  @Path("/verify")
  @Operation(
      summary = "Verify the hash chain",
      description =
          "Recomputes every entry's hash from its stored content and checks that each links to"
              + " its predecessor; reports the first entry that does not.")
  @APIResponse(
      responseCode = "200",
      description = "The outcome, valid or not",
      content = @Content(schema = @Schema(implementation = VerificationResult.class)))
  public Uni<VerificationResult> verify() {
    return service.verify().map(AuditEntryMapper::toResult);
  }
}
