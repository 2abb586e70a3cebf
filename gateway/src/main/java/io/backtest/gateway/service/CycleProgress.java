package io.backtest.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event of a cycle's progress stream: its status and counts as {@code GET /cycles/{id}} shows
 * them (scored from scoring-service, null while it is unavailable).
 */
@Schema(description = "A cycle's progress, one Server-Sent Event each time it changes")
public record CycleProgress(
    UUID cycleId,
    @Schema(enumeration = {"RUNNING", "COMPLETED", "FAILED"}) String status,
    int candidates,
    int backtested,
    int failed,
    @Schema(nullable = true) Integer scored,
    int promoted,
    int demoted,
    @Schema(nullable = true, description = "The promotion gate's summary once the cycle ended")
        String summary) {

  /** Whether the cycle has ended: the last event of the stream. */
  public boolean ended() {
    return !"RUNNING".equals(status);
  }

  /** The progress of a cycle view ({@code CycleViewService#findCycle}). */
  public static CycleProgress of(UUID cycleId, JsonNode view) {
    JsonNode counts = view.path("counts");
    JsonNode scored = counts.path("scored");
    JsonNode summary = view.path("summary");
    return new CycleProgress(
        cycleId,
        view.path("status").asText(),
        counts.path("candidates").asInt(),
        counts.path("backtested").asInt(),
        counts.path("failed").asInt(),
        scored.isNumber() ? scored.intValue() : null,
        counts.path("promoted").asInt(),
        counts.path("demoted").asInt(),
        summary.isTextual() ? summary.textValue() : null);
  }
}
