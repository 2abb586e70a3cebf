package io.backtest.scoring;

import io.backtest.support.testing.PlatformTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * One fresh database and topic prefix, on the real infrastructure, for all of this module's tests.
 */
@QuarkusTestResource(
    value = PlatformTestResources.class,
    initArgs = @ResourceArg(name = "database", value = "scoring"))
public class ScoringTestResources {}
