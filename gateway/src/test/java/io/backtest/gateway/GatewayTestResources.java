package io.backtest.gateway;

import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.support.testing.PlatformTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Everything the module's tests run against, for one Quarkus start: the real Redis (a fresh key
 * prefix per run, deleted afterwards) and Keycloak, and in-process stubs of the five services.
 */
@QuarkusTestResource(
    value = PlatformTestResources.class,
    initArgs = {
      @ResourceArg(name = "kafka", value = "true"),
      @ResourceArg(name = "redis", value = "true"),
      @ResourceArg(name = "keycloak", value = "true")
    })
@QuarkusTestResource(DownstreamStubs.class)
public class GatewayTestResources {}
