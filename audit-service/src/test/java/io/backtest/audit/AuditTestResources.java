package io.backtest.audit;

import io.backtest.support.testing.PlatformTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * One fresh database and topic prefix, on the real infrastructure, for all of this module's tests.
 * The service connects as a restricted role of the run (as {@code audit_writer} in production),
 * Flyway as the owner: every test shows that the service works without UPDATE, DELETE or TRUNCATE
 * on the log.
 */
@QuarkusTestResource(
    value = PlatformTestResources.class,
    initArgs = {
      @ResourceArg(name = "database", value = "audit"),
      @ResourceArg(name = "app-role", value = "audit_writer")
    })
public class AuditTestResources {}
