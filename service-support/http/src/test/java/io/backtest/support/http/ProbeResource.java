package io.backtest.support.http;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.UUID;

/** Endpoints that drive the library from tests. */
@Path("/probe")
public class ProbeResource {

  @GET
  @Path("/missing/{id}")
  public Uni<String> missing(@PathParam("id") String id) {
    return Uni.createFrom().failure(ProblemException.notFound("Thing", id));
  }

  @POST
  @Path("/validated")
  public Map<String, Object> validated(@Valid Order order) {
    return Map.of("count", order.count());
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("internal detail that must not leak");
  }

  @GET
  @Path("/things/{id}")
  public Page<String> things(
      @PathParam("id") String id,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    UUID thing = RequestParameters.uuid("id", id);
    PageRequest request = PageRequest.of(page, size);
    return Page.of(java.util.List.of(thing.toString()), request, 1);
  }

  /** A request body with constraints. */
  public record Order(@NotBlank String name, @Min(1) @Max(10) int count) {}
}
