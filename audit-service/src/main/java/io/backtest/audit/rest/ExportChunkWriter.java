package io.backtest.audit.rest;

import io.backtest.audit.export.ExportLines;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link ExportChunk}s as UTF-8 text, untouched: the export's lines are already JSON, made
 * by {@link ExportLines} (the streaming of {@code application/x-ndjson} adds the line feed after
 * each chunk).
 */
@Provider
@Produces(ExportLines.MEDIA_TYPE)
public class ExportChunkWriter implements MessageBodyWriter<ExportChunk> {
  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == ExportChunk.class;
  }

  @Override
  public void writeTo(
      ExportChunk chunk,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(chunk.lines().getBytes(StandardCharsets.UTF_8));
  }
}
