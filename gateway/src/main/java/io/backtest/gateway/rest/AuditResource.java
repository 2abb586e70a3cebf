package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.AuditClient;
import io.backtest.gateway.client.AuditExportClient;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.NdjsonChunk;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.parsetools.RecordParser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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
  /** JSON lines, the media type of the log's export. */
  static final String NDJSON = NdjsonChunk.MEDIA_TYPE;

  /** No line of an export comes near this (an entry is one event); a longer one ends the stream. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final Forwarder forwarder;
  private final AuditClient audit;
  private final AuditExportClient exports;

  public AuditResource(
      Forwarder forwarder, @RestClient AuditClient audit, AuditExportClient exports) {
    this.forwarder = forwarder;
    this.audit = audit;
    this.exports = exports;
  }

  @GET
  @Path("/entries")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Search the audit log",
      description =
          "Entries in log order (seq) unless sorted, filtered by any combination of correlation"
              + " id, subject, event type and event time range. Role: viewer.")
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
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "seq or eventTime (entries without an event time last ascending, first"
                      + " descending). Default seq"
                      + PageQuery.SORT,
              example = "-eventTime")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.AUDIT,
        () ->
            audit.listEntries(
                correlationId,
                subject,
                type,
                from,
                to,
                page.page(),
                page.size(),
                RequestParameters.optionalText(sort)));
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
  @Path("/export")
  @Produces(NDJSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Export a range of the audit log",
      description =
          "Entries fromSeq..toSeq as JSON lines (backtest-audit-export/v1), streamed through as"
              + " audit-service writes them: a start line (chain hash and Merkle frontier before"
              + " fromSeq), one line per entry, each signed tree head after the entry of its"
              + " size, and an end line with the latest head at or beyond toSeq and the RFC 9162"
              + " consistency proof to it. Checked offline by audit-verifier.jar with the keys of"
              + " /api/v1/audit/public-keys. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The export, one JSON object per line",
      content =
          @Content(
              mediaType = NDJSON,
              schema = @Schema(type = SchemaType.STRING),
              examples = @ExampleObject(name = "one entry", value = ApiExamples.AUDIT_EXPORT)))
  @APIResponse(
      responseCode = "400",
      description =
          "fromSeq or toSeq is not a positive integer, fromSeq is beyond toSeq, or toSeq is"
              + " beyond the log",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Multi<NdjsonChunk> export(
      @QueryParam("fromSeq")
          @Parameter(
              description = "The first entry, from 1 (default 1)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"),
              example = "1")
          String fromSeq,
      @QueryParam("toSeq")
          @Parameter(
              description = "The last entry (default: the log's size when the export starts)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"),
              example = "120000")
          String toSeq,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Long first =
        fromSeq == null
            ? null
            : RequestParameters.longInteger("fromSeq", fromSeq, 1, Long.MAX_VALUE);
    Long last =
        toSeq == null ? null : RequestParameters.longInteger("toSeq", toSeq, 1, Long.MAX_VALUE);
    if (first != null && last != null && first > last) {
      throw ProblemException.badRequest(
          "fromSeq", "must be <= toSeq " + last + " but was " + first);
    }
    // split into lines again: each streamed item is followed by a line feed
    return forwarder
        .openStream(Downstream.AUDIT, () -> exports.export(first, last, authorization))
        .onItem()
        .transformToMulti(
            response ->
                RecordParser.newDelimited("\n", response).maxRecordSize(MAX_LINE_BYTES).toMulti())
        .map(line -> new NdjsonChunk(line.getBytes()));
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

  @GET
  @Path("/tree-head")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read the latest signed tree head",
      description =
          "The log's size, its Merkle root (RFC 9162) and the Ed25519 signature over them with"
              + " the signing key's id: what outside witnesses keep and check proofs against."
              + " Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The latest signed tree head",
      content = @Content(examples = @ExampleObject(name = "head", value = ApiExamples.TREE_HEAD)))
  @APIResponse(
      responseCode = "404",
      description = "No head is signed yet",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> treeHead() {
    return forwarder.forward(Downstream.AUDIT, audit::treeHead);
  }

  @GET
  @Path("/public-keys")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List the log's public keys",
      description =
          "Every Ed25519 key that has signed tree heads, by key id (the current one and those"
              + " rotated out, so old heads keep verifying). Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The public keys",
      content = @Content(examples = @ExampleObject(name = "keys", value = ApiExamples.PUBLIC_KEYS)))
  public Uni<Response> publicKeys() {
    return forwarder.forward(Downstream.AUDIT, audit::publicKeys);
  }

  @GET
  @Path("/proofs/inclusion")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Prove an entry is in the log",
      description =
          "The RFC 9162 §2.1.3 inclusion proof of entry seq (leaf index seq − 1) in the tree of"
              + " treeSize entries (the latest signed head's size when absent). Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The proof",
      content =
          @Content(examples = @ExampleObject(name = "proof", value = ApiExamples.INCLUSION_PROOF)))
  @APIResponse(
      responseCode = "400",
      description = "seq or treeSize is not a positive integer, or seq is beyond treeSize",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such entry, or the tree is not that large",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> inclusionProof(
      @QueryParam("seq")
          @Parameter(
              description = "The entry's sequence number, from 1",
              required = true,
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"),
              example = "42")
          String seq,
      @QueryParam("treeSize")
          @Parameter(
              description = "Size of the tree to prove against",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"),
              example = "1000")
          String treeSize) {
    long entry = RequestParameters.longInteger("seq", seq, 1, Long.MAX_VALUE);
    Long size =
        treeSize == null
            ? null
            : RequestParameters.longInteger("treeSize", treeSize, 1, Long.MAX_VALUE);
    if (size != null && entry > size) {
      throw ProblemException.badRequest("seq", "must be <= treeSize " + size + " but was " + entry);
    }
    return forwarder.forward(Downstream.AUDIT, () -> audit.inclusionProof(entry, size));
  }

  @GET
  @Path("/proofs/consistency")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Prove the log only grew",
      description =
          "The RFC 9162 §2.1.4 consistency proof between the trees of first and second entries"
              + " (the latest signed head's size when second is absent): the first tree is a"
              + " prefix of the second. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The proof",
      content =
          @Content(
              examples = @ExampleObject(name = "proof", value = ApiExamples.CONSISTENCY_PROOF)))
  @APIResponse(
      responseCode = "400",
      description = "first or second is not an integer, or first is larger than second",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "The tree is not that large",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> consistencyProof(
      @QueryParam("first")
          @Parameter(
              description = "Size of the earlier tree",
              required = true,
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"),
              example = "1000")
          String first,
      @QueryParam("second")
          @Parameter(
              description = "Size of the later tree",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"),
              example = "2000")
          String second) {
    long from = RequestParameters.longInteger("first", first, 0, Long.MAX_VALUE);
    Long to =
        second == null ? null : RequestParameters.longInteger("second", second, 0, Long.MAX_VALUE);
    if (to != null && from > to) {
      throw ProblemException.badRequest("first", "must be <= second " + to + " but was " + from);
    }
    return forwarder.forward(Downstream.AUDIT, () -> audit.consistencyProof(from, to));
  }
}
