package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.cache.CachedRead;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The live set, its history and its rollback (strategy-service). */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deployments")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class DeploymentResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;
  private final ReadCache cache;

  public DeploymentResource(
      Forwarder forwarder, @RestClient StrategyClient strategy, ReadCache cache) {
    this.forwarder = forwarder;
    this.strategy = strategy;
    this.cache = cache;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read the live set",
      description =
          "The strategies live now, within the cap, each with the reason it went live. Cached"
              + " in Redis until the live set changes: strategy.promoted and strategy.demoted"
              + " drop it, and so do this API's promote, demote and rollback before they answer,"
              + " so the next read shows the change. X-Cache says whether the answer came from"
              + " the cache. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The live set",
      headers = @Header(ref = GatewayApplication.X_CACHE_HEADER),
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.DEPLOYMENTS)))
  public Uni<Response> listDeployments() {
    return cache
        .read(
            cache.liveSet(),
            "all",
            () -> forwarder.exchange(Downstream.STRATEGY, strategy::listDeployments),
            reply -> true)
        .map(CachedRead::toResponse);
  }

  @GET
  @Path("/history")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read the deployment history",
      description =
          "Every change of the live set (append-only, seq in the order they happened), newest"
              + " first unless sorted: each promotion and demotion with its reason, and the cycle"
              + " whose decision made it (null for an administrator's). Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the history",
      content =
          @Content(
              examples = @ExampleObject(name = "history", value = ApiExamples.DEPLOYMENT_HISTORY)))
  public Uni<Response> listDeploymentHistory(
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(description = "seq or at. Default -seq" + PageQuery.SORT, example = "seq")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY,
        () ->
            strategy.listDeploymentHistory(
                page.page(), page.size(), RequestParameters.optionalText(sort)));
  }

  @POST
  @Path("/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Roll the live set back",
      description =
          "Restores the live set as a cycle's promotion decision left it: what went live since is"
              + " demoted, what was demoted since goes live again. Each change is recorded in the"
              + " deployment history and published (strategy.promoted, strategy.demoted) with the"
              + " reason, which the audit log keeps under the request's correlation id. Role:"
              + " admin.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = RollbackRequest.class),
              examples = @ExampleObject(name = "rollback", value = ApiExamples.ROLLBACK)))
  @APIResponse(
      responseCode = "200",
      description = "What the rollback demoted and promoted, and the live count after it",
      content =
          @Content(examples = @ExampleObject(name = "restored", value = ApiExamples.ROLLED_BACK)))
  @APIResponse(
      responseCode = "400",
      description = "The body is missing or malformed, or lacks the cycle id or the reason",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "no reason", value = ApiExamples.NO_REASON)))
  @APIResponse(
      responseCode = "404",
      description = "No such cycle, or its promotion decision is not made yet",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description =
          "The live set after that cycle cannot be restored (it held more than the cap, or a"
              + " strategy of it has no statistics)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "cap", value = ApiExamples.UNRESTORABLE)))
  public Uni<Response> rollback(
      @Valid @NotNull(message = "a JSON body is required") RollbackRequest body) {
    return forwarder
        .forward(Downstream.STRATEGY, () -> strategy.rollback(body))
        .call(() -> cache.invalidate(cache.liveSet()));
  }
}
