package io.backtest.regime;

import io.backtest.support.testing.ServiceHealthChecks;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends ServiceHealthChecks {}
