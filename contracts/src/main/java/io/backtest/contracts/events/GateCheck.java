package io.backtest.contracts.events;

/**
 * One promotion gate applied to one candidate.
 *
 * @param gate the gate's name, e.g. {@code deflated-sharpe}
 * @param value the candidate's (or its cycle's) value
 * @param threshold the gate's threshold
 * @param passed whether the value passed
 * @param reason the check in words, e.g. {@code DSR 0.71 < 0.95 (N = 4,200 trials)}
 */
public record GateCheck(
    String gate, double value, double threshold, boolean passed, String reason) {
  public GateCheck {
    Checks.text(gate, "gate");
    Checks.finite(value, "value");
    Checks.finite(threshold, "threshold");
    Checks.text(reason, "reason");
  }
}
