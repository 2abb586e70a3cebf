package io.backtest.strategy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.data.BarsPerYear;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.service.DatasetService;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledDatasetTest {

  @Test
  void everyBundledFileLoadsAndItsBarsPerYearIsWhatInferenceGives() {
    assertThat(BundledDataset.ALL)
        .extracting(BundledDataset::id)
        .containsExactly("aapl-1d-2013", "eth-5m-2023", "btc-1m-2013");
    for (BundledDataset bundled : BundledDataset.ALL) {
      List<OhlcvBar> bars = DatasetService.readBundled(bundled);
      assertThat(BarsPerYear.infer(bars)).as(bundled.id()).isEqualTo(bundled.barsPerYear());
    }
  }

  @Test
  void bundledCountsAreThoseOfTheFiles() {
    assertThat(DatasetService.readBundled(BundledDataset.AAPL_1D_2013)).hasSize(252);
    assertThat(DatasetService.readBundled(BundledDataset.ETH_5M_2023)).hasSize(580);
    assertThat(DatasetService.readBundled(BundledDataset.BTC_1M_2013)).hasSize(9_399);
  }
}
