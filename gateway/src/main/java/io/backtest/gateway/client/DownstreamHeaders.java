package io.backtest.gateway.client;

import io.backtest.support.http.Correlation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Headers of every downstream call: the request's correlation id (so the services' events and audit
 * entries carry it), and the caller's bearer token, so that a service can apply its own checks
 * without the gateway minting tokens.
 */
@ApplicationScoped
public class DownstreamHeaders implements ClientHeadersFactory {

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incomingHeaders,
      MultivaluedMap<String, String> clientOutgoingHeaders) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    headers.putSingle(Correlation.HEADER, Correlation.current());
    String authorization = incomingHeaders.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      headers.putSingle(HttpHeaders.AUTHORIZATION, authorization);
    }
    return headers;
  }
}
