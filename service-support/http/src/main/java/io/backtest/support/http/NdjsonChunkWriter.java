package io.backtest.support.http;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes an {@link NdjsonChunk} untouched. */
@Provider
@Produces(NdjsonChunk.MEDIA_TYPE)
public class NdjsonChunkWriter implements MessageBodyWriter<NdjsonChunk> {
  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == NdjsonChunk.class;
  }

  @Override
  public void writeTo(
      NdjsonChunk chunk,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(chunk.bytes());
  }
}
