package io.backtest.support.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Whole lines of a JSON-lines ({@value #MEDIA_TYPE}) answer, without the last line feed, written to
 * the response exactly as they are by {@link NdjsonChunkWriter} (streaming adds the line feed after
 * each chunk). A type of its own because anything else streamed as {@code application/x-ndjson} is
 * serialised by Jackson: a string would come out quoted and escaped.
 *
 * @param bytes one line or several joined by line feeds, UTF-8
 */
public record NdjsonChunk(byte[] bytes) {
  public static final String MEDIA_TYPE = "application/x-ndjson";

  public NdjsonChunk {
    Objects.requireNonNull(bytes, "bytes");
  }

  /** Lines given as text. */
  public static NdjsonChunk of(String lines) {
    return new NdjsonChunk(lines.getBytes(StandardCharsets.UTF_8));
  }
}
