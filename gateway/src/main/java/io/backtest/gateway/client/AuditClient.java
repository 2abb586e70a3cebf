package io.backtest.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * audit-service's API: the log's entries, signed tree heads, proofs and verification (raw
 * responses).
 */
@RegisterRestClient(configKey = "audit")
@RegisterClientHeaders(DownstreamHeaders.class)
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public interface AuditClient {

  @GET
  @Path("/entries")
  Uni<Response> listEntries(
      @QueryParam("correlationId") String correlationId,
      @QueryParam("subject") String subject,
      @QueryParam("type") String type,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") int page,
      @QueryParam("size") int size,
      @QueryParam("sort") String sort);

  @GET
  @Path("/entries/{seq}")
  Uni<Response> getEntry(@PathParam("seq") long seq);

  @GET
  @Path("/verify")
  Uni<Response> verify();

  @GET
  @Path("/tree-head")
  Uni<Response> treeHead();

  @GET
  @Path("/public-keys")
  Uni<Response> publicKeys();

  @GET
  @Path("/proofs/inclusion")
  Uni<Response> inclusionProof(@QueryParam("seq") long seq, @QueryParam("treeSize") Long treeSize);

  @GET
  @Path("/proofs/consistency")
  Uni<Response> consistencyProof(
      @QueryParam("first") long first, @QueryParam("second") Long second);
}
