package io.backtest.strategy.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

  @Test
  void roomIsImmediateBelowTheLimitAndWaitsForALeaveAtIt() {
    InFlightLimit limit = new InFlightLimit(2);
    limit.enter();
    assertThat(limit.room().await().indefinitely()).isNull();

    limit.enter();
    AtomicBoolean resumed = new AtomicBoolean();
    limit.room().subscribe().with(ignored -> resumed.set(true));
    assertThat(resumed).isFalse();
    assertThat(limit.inFlight()).isEqualTo(2);

    limit.leave();
    assertThat(resumed).isTrue();
    assertThat(limit.inFlight()).isEqualTo(1);
  }

  @Test
  void aLimitOfOneProcessesOneRecordAtATime() {
    InFlightLimit limit = new InFlightLimit(1);
    limit.enter();
    AtomicBoolean resumed = new AtomicBoolean();
    limit.room().subscribe().with(ignored -> resumed.set(true));
    assertThat(resumed).isFalse();
    limit.leave();
    assertThat(resumed).isTrue();
    limit.enter();
    AtomicBoolean again = new AtomicBoolean();
    limit.room().subscribe().with(ignored -> again.set(true));
    assertThat(again).isFalse();
    limit.leave();
    assertThat(again).isTrue();
  }

  @Test
  void limitBelowOneIsRefused() {
    assertThatThrownBy(() -> new InFlightLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
