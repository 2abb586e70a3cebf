package io.backtest.gateway.rest;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes an {@link NdjsonLine} untouched (the streaming of {@code application/x-ndjson} adds the
 * line feed after each).
 */
@Provider
@Produces(AuditResource.NDJSON)
public class NdjsonLineWriter implements MessageBodyWriter<NdjsonLine> {
  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == NdjsonLine.class;
  }

  @Override
  public void writeTo(
      NdjsonLine line,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(line.bytes().getBytes());
  }
}
