package io.backtest.audit.rest;

import java.util.Objects;

/**
 * Whole lines of an export ({@link io.backtest.audit.export.ExportLines}), without the last line
 * feed, written to the response exactly as they are by {@link ExportChunkWriter}. A type of its own
 * because a plain {@code String} streamed as {@code application/x-ndjson} would be serialised by
 * Jackson as a JSON string, quotes and escapes included.
 *
 * @param lines one line or several joined by line feeds
 */
public record ExportChunk(String lines) {
  public ExportChunk {
    Objects.requireNonNull(lines, "lines");
  }
}
