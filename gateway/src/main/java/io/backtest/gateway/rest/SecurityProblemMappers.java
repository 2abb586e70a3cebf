package io.backtest.gateway.rest;

import io.backtest.support.http.ProblemMappers;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The security checks' refusals as problem+json: 401 with the RFC 6750 challenge, 403 naming the
 * role the operation needs. With authentication made lazy ({@code
 * quarkus.http.auth.proactive=false}) they fail inside Quarkus REST and reach these mappers; every
 * other error family is answered by the shared {@link ProblemMappers}.
 */
public class SecurityProblemMappers {
  /** RFC 6750 section 3: the challenge without error code when no token was sent. */
  static final String BEARER_CHALLENGE = "Bearer";

  /** RFC 6750 section 3.1: a token that is malformed, expired, revoked or for someone else. */
  static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return challenge(
        BEARER_CHALLENGE,
        "This operation needs a bearer access token (Authorization header).",
        uri);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    Log.debugf(e, "bearer token refused on %s", uri.getPath());
    return challenge(
        INVALID_TOKEN_CHALLENGE,
        "The bearer token is invalid: malformed, expired, badly signed or not for this API.",
        uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
    RolesAllowed roles = requiredRoles(resource);
    String detail =
        roles == null
            ? "Your roles do not allow this operation."
            : "This operation needs the role " + String.join(" or ", roles.value()) + ".";
    return ProblemMappers.respond(403, "Forbidden", detail, List.of(), uri);
  }

  private static RolesAllowed requiredRoles(ResourceInfo resource) {
    if (resource == null || resource.getResourceMethod() == null) {
      return null;
    }
    RolesAllowed onMethod = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    return onMethod != null
        ? onMethod
        : resource.getResourceClass().getAnnotation(RolesAllowed.class);
  }

  private static Response challenge(String challenge, String detail, UriInfo uri) {
    return Response.fromResponse(
            ProblemMappers.respond(401, "Unauthorized", detail, List.of(), uri))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }
}
