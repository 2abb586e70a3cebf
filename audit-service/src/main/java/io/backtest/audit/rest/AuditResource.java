package io.backtest.audit.rest;

import io.backtest.audit.domain.EntryFilter;
import io.backtest.audit.export.ExportLines;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.mapping.TreeHeadMapper;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.audit.service.AuditExportService;
import io.backtest.audit.service.AuditLogService;
import io.backtest.audit.service.TreeHeadService;
import io.backtest.contracts.http.Problem;
import io.backtest.support.http.NdjsonChunk;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.backtest.support.http.SortRequest;
import io.smallrye.mutiny.Multi;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log: every event of the platform with its summary, the signed heads of its Merkle tree,
 * the proofs against them, and the check of the whole log.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log", description = "Append-only, verifiable record of every event")
public class AuditResource {
  private final AuditLogService service;
  private final TreeHeadService heads;
  private final AuditExportService exports;

  public AuditResource(AuditLogService service, TreeHeadService heads, AuditExportService exports) {
    this.service = service;
    this.heads = heads;
    this.exports = exports;
  }

  @GET
  @Path("/entries")
  @Operation(
      summary = "List audit entries",
      description =
          "Entries in seq order unless sorted, filtered by any combination of correlation id,"
              + " subject, type and event time (from inclusive, to exclusive).")
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
          String size,
      @Parameter(
              description =
                  "seq or eventTime (entries without one last ascending, first descending); a"
                      + " leading - sorts descending, several comma-separated; default seq")
          @QueryParam("sort")
          String sort) {
    PageRequest request = PageRequest.of(page, size);
    SortRequest order = AuditEntryRepository.SORT.parse(sort);
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
    return service
        .findEntries(filter, request, order)
        .map(found -> found.map(AuditEntryMapper::toView));
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
      summary = "Verify the log",
      description =
          "Recomputes every entry's leaf hash, the Merkle tree and the hash chain from the stored"
              + " entries, and checks every stored signed tree head against the tree of its size;"
              + " reports the first entry (firstInvalidSeq) or head (firstInvalidHead) that fails.")
  @APIResponse(
      responseCode = "200",
      description = "The outcome, valid or not",
      content = @Content(schema = @Schema(implementation = VerificationResult.class)))
  public Uni<VerificationResult> verify() {
    return service.verify().map(AuditEntryMapper::toResult);
  }

  @GET
  @Path("/export")
  @Produces(ExportLines.MEDIA_TYPE)
  @Operation(
      summary = "Export a range of the log",
      description =
          "Entries fromSeq..toSeq as JSON lines (format backtest-audit-export/v1), streamed: a"
              + " start line with the chain hash and the Merkle frontier before fromSeq, one line"
              + " per entry with its hash and leaf hash, each signed head right after the entry of"
              + " its size, and an end line with the latest head at or beyond toSeq and the RFC"
              + " 9162 consistency proof to it. A part of the log is thereby checkable on its own,"
              + " offline, with audit-verifier.jar and the public keys.")
  @APIResponse(
      responseCode = "200",
      description = "The export, one JSON object per line",
      content =
          @Content(
              mediaType = ExportLines.MEDIA_TYPE,
              schema = @Schema(type = SchemaType.STRING),
              examples =
                  @ExampleObject(
                      name = "one entry",
                      value =
                          """
                          {"kind":"start","format":"backtest-audit-export/v1","fromSeq":1,"toSeq":1,"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","frontier":[]}
                          {"kind":"entry","entry":{"causationId":null,"correlationId":"c-1","eventId":"6f1c2a4e-0d7b-4a51-9a3e-2f8b1c5d7e90","eventTime":"2026-01-05T10:00:00Z","ingestedAt":"2026-01-05T10:00:00.120301Z","offset":0,"partition":0,"payload":{"close":187.25,"symbol":"AAPL"},"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"source":"/market-feed","subject":"AAPL","summary":"Bar of AAPL 1d closed at 187.25","topic":"market.bars","type":"io.backtest.market.bars"},"hash":"9a0d…","leafHash":"4c61…"}
                          {"kind":"head","treeSize":1,"rootHash":"4c61…","timestamp":"2026-01-05T10:00:10.002Z","keyId":"3f9a1c0b7e52d4a8","signature":"pG9x…"}
                          {"kind":"end","entries":1,"anchor":{"treeSize":1,"rootHash":"4c61…","timestamp":"2026-01-05T10:00:10.002Z","keyId":"3f9a1c0b7e52d4a8","signature":"pG9x…"},"consistency":[]}
                          """)))
  @APIResponse(
      responseCode = "400",
      description =
          "fromSeq or toSeq is not an integer >= 1, fromSeq > toSeq, or toSeq is beyond the log;"
              + " errors[].field names it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Multi<NdjsonChunk> export(
      @Parameter(
              description = "The first entry, from 1; default 1",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
          @QueryParam("fromSeq")
          String fromSeq,
      @Parameter(
              description = "The last entry; default the log's size when the export starts",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("toSeq")
          String toSeq) {
    Long first = optionalSize("fromSeq", fromSeq);
    Long last = optionalSize("toSeq", toSeq);
    if (first != null && last != null && first > last) {
      throw ProblemException.badRequest(
          "fromSeq", "must be <= toSeq (" + last + ") but was " + first);
    }
    return exports.export(first, last).map(NdjsonChunk::of);
  }

  @GET
  @Path("/tree-head")
  @Operation(
      summary = "The latest signed tree head",
      description =
          "The head of the largest tree signed so far (RFC 9162 root, Ed25519 signature).")
  @APIResponse(
      responseCode = "200",
      description = "The head",
      content = @Content(schema = @Schema(implementation = TreeHeadView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No head has been signed yet",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<TreeHeadView> treeHead() {
    return heads
        .latestHead()
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Signed tree head", "of any size"))
        .map(TreeHeadMapper::toView);
  }

  @GET
  @Path("/public-keys")
  @Operation(
      summary = "The keys that verify tree heads",
      description =
          "Every trusted Ed25519 key by key id (base64 X.509): the current key and those that"
              + " signed earlier heads.")
  @APIResponse(
      responseCode = "200",
      description = "The keys",
      content = @Content(schema = @Schema(implementation = PublicKeysView.class)))
  public PublicKeysView publicKeys() {
    return new PublicKeysView("Ed25519", heads.currentKeyId(), heads.publicKeys());
  }

  @GET
  @Path("/proofs/inclusion")
  @Operation(
      summary = "Inclusion proof of an entry",
      description =
          "RFC 9162 section 2.1.3: the path from entry seq (leaf index seq - 1) to the root of the"
              + " tree of treeSize entries (default: the latest signed head), with that head when"
              + " one was signed at that size.")
  @APIResponse(
      responseCode = "200",
      description = "The proof",
      content = @Content(schema = @Schema(implementation = InclusionProofView.class)))
  @APIResponse(
      responseCode = "400",
      description = "seq or treeSize is invalid; errors[].field names it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No treeSize given and no head signed yet",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<InclusionProofView> inclusionProof(
      @Parameter(
              description = "The entry, from 1",
              required = true,
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("seq")
          String seq,
      @Parameter(
              description = "Size of the tree, >= seq; default the latest signed head's",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("treeSize")
          String treeSize) {
    long position = RequestParameters.longInteger("seq", seq, 1, Long.MAX_VALUE);
    Long size = optionalSize("treeSize", treeSize);
    if (size != null && position > size) {
      throw ProblemException.badRequest(
          "seq", "must be <= treeSize (" + size + ") but was " + position);
    }
    return heads
        .inclusionProof(position, size)
        .map(
            proof ->
                new InclusionProofView(
                    position,
                    proof.proof().leafIndex(),
                    proof.proof().treeSize(),
                    proof.leafHash().hex(),
                    proof.proof().path().stream().map(Sha256::hex).toList(),
                    proof.head() == null ? null : TreeHeadMapper.toView(proof.head())));
  }

  @GET
  @Path("/proofs/consistency")
  @Operation(
      summary = "Consistency proof between two tree sizes",
      description =
          "RFC 9162 section 2.1.4: that the tree of first entries is a prefix of the tree of second"
              + " entries (default: the latest signed head), with the heads signed at those sizes.")
  @APIResponse(
      responseCode = "200",
      description = "The proof",
      content = @Content(schema = @Schema(implementation = ConsistencyProofView.class)))
  @APIResponse(
      responseCode = "400",
      description = "first or second is invalid; errors[].field names it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No second given and no head signed yet",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<ConsistencyProofView> consistencyProof(
      @Parameter(
              description = "Size of the older tree, from 1",
              required = true,
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("first")
          String first,
      @Parameter(
              description = "Size of the newer tree, >= first; default the latest signed head's",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("second")
          String second) {
    long older = RequestParameters.longInteger("first", first, 1, Long.MAX_VALUE);
    Long newer = optionalSize("second", second);
    if (newer != null && older > newer) {
      throw ProblemException.badRequest(
          "first", "must be <= second (" + newer + ") but was " + older);
    }
    return heads
        .consistencyProof(older, newer)
        .map(
            proof ->
                new ConsistencyProofView(
                    proof.proof().firstSize(),
                    proof.proof().secondSize(),
                    proof.proof().path().stream().map(Sha256::hex).toList(),
                    proof.firstHead() == null ? null : TreeHeadMapper.toView(proof.firstHead()),
                    proof.secondHead() == null ? null : TreeHeadMapper.toView(proof.secondHead())));
  }

  private static Long optionalSize(String name, String raw) {
    return raw == null || raw.isBlank()
        ? null
        : RequestParameters.longInteger(name, raw, 1, Long.MAX_VALUE);
  }
}
