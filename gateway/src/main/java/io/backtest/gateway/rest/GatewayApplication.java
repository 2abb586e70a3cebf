package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public API's OpenAPI description, its one security scheme and the problem schema of every
 * error answer (ProblemResponsesFilter adds the answers every operation shares).
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Backtest platform API",
            version = "1.0.0",
            description =
                "The platform's one public API: start research cycles, follow them, read"
                    + " leaderboards, strategies, the live set and its history, datasets, market"
                    + " windows, monitoring and the audit log. Every operation needs a bearer"
                    + " access token from the Keycloak realm `backtest` (audience `backtest-api`);"
                    + " roles: `viewer` reads,"
                    + " `operator` also starts cycles, `admin` also verifies the audit log,"
                    + " promotes and demotes by hand and rolls the live set back. Every"
                    + " answer carries `X-Correlation-Id` (send your own, [A-Za-z0-9._:-]{1,64},"
                    + " to follow a request through the services and the audit log); errors are"
                    + " RFC 9457 problem+json."),
    tags = {
      @Tag(name = "cycles", description = "Research cycles and their leaderboards"),
      @Tag(
          name = "strategies",
          description =
              "Candidate and live strategies, scorecards, manual promotions and demotions"),
      @Tag(name = "deployments", description = "The live set, its history and its rollback"),
      @Tag(name = "datasets", description = "Historical data sets and strategy templates"),
      @Tag(name = "market", description = "Rolling market windows"),
      @Tag(name = "monitoring", description = "Live strategies under watch"),
      @Tag(name = "audit", description = "The append-only, verifiable audit log")
    },
    components =
        @Components(
            headers =
                @Header(
                    name = GatewayApplication.X_CACHE_HEADER,
                    description =
                        "HIT when the answer came from the gateway's cache, else MISS (read from"
                            + " the service)",
                    schema =
                        @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"HIT", "MISS"})),
            schemas =
                @Schema(
                    name = "Problem",
                    description = "An error as RFC 9457 problem details",
                    implementation = Problem.class)))
@SecurityScheme(
    securitySchemeName = GatewayApplication.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description =
        "Access token of the Keycloak realm `backtest` for the audience `backtest-api`, with the"
            + " realm roles in `realm_access.roles`.")
public class GatewayApplication extends Application {
  /** Name of the security scheme every operation requires. */
  public static final String BEARER = "bearer";

  /** The documented X-Cache header of the cached reads (components/headers). */
  public static final String X_CACHE_HEADER = "X-Cache";
}
