package io.backtest.scoring.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.selection.CycleScore;
import io.backtest.engine.selection.CycleScorer;
import io.backtest.engine.selection.LiveReturns;
import io.backtest.engine.selection.ScoringInput;
import io.backtest.engine.selection.TrialHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The largest {@code cycle.scored} goes through the outbox's producer and fits a topic with Kafka's
 * default message size: 1,000 candidates (strategy-service's maximum), correlations among 256 of
 * them and with 35 live strategies.
 */
class CycleScoredSizeTest {
  /** Kafka's default {@code message.max.bytes} of a broker (and so of a topic). */
  private static final int BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  @Test
  void largestCycleScoredFitsTheProducersRequestAndCompressedTheDefaultTopicLimit()
      throws IOException {
    Random random = new Random(11);
    List<ScoringInput> candidates = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      candidates.add(
          new ScoringInput(
              UUID.randomUUID(), noise(random), 252, 1, "d:120:1", 40, 1.3, 0.55, 50, 0.6, 0.4));
    }
    List<LiveReturns> live = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      live.add(new LiveReturns(UUID.randomUUID(), noise(random), "d:120:1"));
    }
    CycleScore score =
        new CycleScorer(16, 256)
            .score(candidates, live, TrialHistory.NONE, 0, ScoringWeights.DEFAULT);
    CycleScored event =
        new CycleScored(
            UUID.randomUUID(),
            1_000,
            1_000,
            0,
            score.ranking(),
            score.trials(),
            score.cycleTrials(),
            score.trialSharpeVariance(),
            score.overfitting(),
            ScoringWeights.DEFAULT,
            score.correlations(),
            Instant.now());

    byte[] json = EventJson.write(event).getBytes(StandardCharsets.UTF_8);
    Properties config = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      config.load(in);
    }
    int maxRequestSize =
        Integer.parseInt(config.getProperty("mp.messaging.outgoing.outbox.max.request.size"));
    assertThat(config.getProperty("mp.messaging.outgoing.outbox.compression.type"))
        .isEqualTo("zstd");

    // about 1 MB uncompressed: more than the producer's default 1 MiB allows with headers
    assertThat(json.length).isGreaterThan(900_000);
    assertThat(json.length).isLessThan(maxRequestSize / 2);
    // zstd at Kafka's default level 3: well within the broker's default limit
    assertThat(Zstd.compress(json, 3).length).isLessThan(BROKER_DEFAULT_MAX_MESSAGE_BYTES / 2);
  }

  /** 96 binary32 returns with a standard deviation of 1 %. */
  private static double[] noise(Random random) {
    double[] r = new double[96];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) (0.0005 + 0.01 * random.nextGaussian());
    }
    return r;
  }
}
