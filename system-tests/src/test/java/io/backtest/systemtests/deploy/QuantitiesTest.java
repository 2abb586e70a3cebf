package io.backtest.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void kubernetesSuffixesAreBinaryOrDecimalAsInTheApi() {
    assertThat(Quantities.kubernetesBytes("512Mi")).isEqualTo(512L * 1024 * 1024);
    assertThat(Quantities.kubernetesBytes("1Gi")).isEqualTo(1024L * 1024 * 1024);
    assertThat(Quantities.kubernetesBytes("1.5Gi")).isEqualTo(3L * 512 * 1024 * 1024);
    assertThat(Quantities.kubernetesBytes("500M")).isEqualTo(500_000_000L);
    assertThat(Quantities.kubernetesBytes("2048")).isEqualTo(2048L);
    assertThatThrownBy(() -> Quantities.kubernetesBytes("lots"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLastXmxOfTheOptionsIsTheHeap() {
    assertThat(Quantities.maxHeapBytes("-Dx=1 -Xmx288m")).contains(288L * 1024 * 1024);
    assertThat(Quantities.maxHeapBytes("-Xmx1g -Xmx640m -Dy=2")).contains(640L * 1024 * 1024);
    assertThat(Quantities.maxHeapBytes("-Xmx2G")).contains(2L * 1024 * 1024 * 1024);
    assertThat(Quantities.maxHeapBytes("-Xms256m -XX:MaxRAMPercentage=60")).isEmpty();
    assertThat(Quantities.maxHeapBytes(null)).isEmpty();
  }
}
