package io.backtest.monitoring.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One paper-traded bar.
 *
 * @param time the bar's open time
 * @param equity equity at its close
 * @param barReturn ({@code return}) equity over the previous bar's, minus 1
 * @param drawdown from the highest equity so far, a fraction
 * @param position {@code LONG}, {@code SHORT} or {@code FLAT} after the bar
 * @param trades trades closed so far
 */
public record PointView(
    Instant time,
    double equity,
    @JsonProperty("return") double barReturn,
    double drawdown,
    String position,
    int trades) {}
