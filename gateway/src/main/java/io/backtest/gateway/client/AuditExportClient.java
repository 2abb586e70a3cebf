package io.backtest.gateway.client;

import io.backtest.support.http.Correlation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * audit-service's export ({@code GET /api/v1/audit/export}), read as a stream: the REST client
 * reads a whole answer into memory, which an export of millions of entries must not be. The
 * response is handed over, paused, as soon as its headers arrive; its body flows as the caller
 * reads it. Same service URL and connect timeout as {@link AuditClient}.
 */
@ApplicationScoped
public class AuditExportClient {
  /** An export that stops sending for this long is given up (the caller sees it cut). */
  static final long IDLE_SECONDS = 60;

  private final HttpClient http;
  private final String baseUrl;

  public AuditExportClient(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.rest-client.audit.url") String baseUrl,
      @ConfigProperty(name = "quarkus.rest-client.connect-timeout", defaultValue = "2000")
          int connectTimeoutMillis) {
    this.http =
        vertx.createHttpClient(
            new io.vertx.core.http.HttpClientOptions()
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout((int) IDLE_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
    this.baseUrl = baseUrl;
  }

  /**
   * Requests the export of {@code fromSeq..toSeq} (either null for the service's default) with the
   * caller's correlation id and bearer token.
   */
  public Uni<HttpClientResponse> export(Long fromSeq, Long toSeq, String authorization) {
    UriBuilder uri = UriBuilder.fromUri(URI.create(baseUrl)).path("/api/v1/audit/export");
    if (fromSeq != null) {
      uri.queryParam("fromSeq", fromSeq);
    }
    if (toSeq != null) {
      uri.queryParam("toSeq", toSeq);
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(uri.build().toString())
            .putHeader(HttpHeaders.ACCEPT, "application/x-ndjson, application/problem+json")
            .putHeader(Correlation.HEADER, Correlation.current());
    if (authorization != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    // paused as it arrives: a response delivers its body to whatever handler is set when the data
    // comes, and drops it without one; the caller resumes it once it reads (or streams) the body
    return http.request(options).chain(request -> request.send()).invoke(HttpClientResponse::pause);
  }
}
