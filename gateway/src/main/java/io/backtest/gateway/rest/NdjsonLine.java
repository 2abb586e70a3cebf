package io.backtest.gateway.rest;

import io.vertx.mutiny.core.buffer.Buffer;
import java.util.Objects;

/**
 * One line of a JSON-lines answer passed through from a service, without its line feed, written as
 * it came by {@link NdjsonLineWriter}. A type of its own because anything else streamed as {@code
 * application/x-ndjson} is serialised by Jackson (a string would come out quoted).
 *
 * @param bytes the line's bytes
 */
public record NdjsonLine(Buffer bytes) {
  public NdjsonLine {
    Objects.requireNonNull(bytes, "bytes");
  }
}
