package io.backtest.support;

import io.backtest.support.testing.PlatformTestResources;
import io.quarkus.test.common.QuarkusTestResource;

/** One fresh database and topic prefix for all of this module's Quarkus tests. */
@QuarkusTestResource(
    value = PlatformTestResources.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "support"))
public class SupportTestResources {}
