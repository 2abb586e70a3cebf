package io.backtest.audit.merkle;

import java.util.Objects;

/**
 * The outcome of checking a proof, a signature or a head: valid, or invalid with the reason.
 *
 * @param valid whether the check passed
 * @param reason why it failed; null when valid
 */
public record Verdict(boolean valid, String reason) {
  public static final Verdict VALID = new Verdict(true, null);

  public Verdict {
    if (valid != (reason == null)) {
      throw new IllegalArgumentException("a failed check has a reason, a passed one has none");
    }
  }

  public static Verdict invalid(String reason) {
    return new Verdict(false, Objects.requireNonNull(reason, "reason"));
  }
}
