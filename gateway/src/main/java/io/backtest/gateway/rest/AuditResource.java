package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.AuditClient;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The append-only audit log of every event (audit-service). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class AuditResource {
  private final Forwarder forwarder;
  private final AuditClient audit;

  public AuditResource(Forwarder forwarder, @RestClient AuditClient audit) {
    this.forwarder = forwarder;
    this.audit = audit;
  }

  @GET
  @Path("/entries")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Search the audit log",
      description =
          "Entries in log order, filtered by any combination of correlation id, subject,"
              + " event type and event time range. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of entries",
      content =
          @Content(examples = @ExampleObject(name = "cycle", value = ApiExamples.AUDIT_ENTRIES)))
  public Uni<Response> listEntries(
      @QueryParam("correlationId") @Parameter(description = "Only this correlation id")
          String correlationId,
      @QueryParam("subject") @Parameter(description = "Only this subject (strategy or cycle id)")
          String subject,
      @QueryParam("type")
          @Parameter(description = "Only this event type", example = "io.backtest.cycle.started")
          String type,
      @QueryParam("from") @Parameter(description = "Event time from (ISO-8601 instant, inclusive)")
          String from,
      @QueryParam("to") @Parameter(description = "Event time to (ISO-8601 instant)") String to,
      @BeanParam PageQuery paging) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.AUDIT,
        () -> audit.listEntries(correlationId, subject, type, from, to, page.page(), page.size()));
  }

  @GET
  @Path("/entries/{seq}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Read an audit entry", description = "By its sequence number. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The entry",
      content =
          @Content(examples = @ExampleObject(name = "first", value = ApiExamples.AUDIT_ENTRY)))
  @APIResponse(
      responseCode = "400",
      description = "seq is not a positive integer",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No entry with this sequence number",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findEntry(
      @PathParam("seq")
          @Parameter(
              description = "Sequence number, from 1",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"),
              example = "1")
          String seq) {
    long number = RequestParameters.longInteger("seq", seq, 1, Long.MAX_VALUE);
    return forwarder.forward(Downstream.AUDIT, () -> audit.getEntry(number));
  }

  @GET
  @Path("/verify")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Verify the audit log",
      description =
          "Recomputes the hash chain over every stored entry and names the first entry"
              + " that does not match. Role: admin.")
  @APIResponse(
      responseCode = "200",
      description = "The verdict",
      content =
          @Content(
              examples = {
                @ExampleObject(name = "valid", value = ApiExamples.AUDIT_VALID),
                @ExampleObject(name = "tampered", value = ApiExamples.AUDIT_INVALID)
              }))
  public Uni<Response> verify() {
    return forwarder.forward(Downstream.AUDIT, audit::verify);
  }
}
