package io.backtest.strategy;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The tests that change the live set at will: a Quarkus application of their own, hence (through
 * {@link StrategyTestResources}) a database and topics of their own, so that neither they nor the
 * other test classes depend on what the others left live. They share this one application and reset
 * the live set themselves ({@link LiveSetFixtures#resetLiveSet}).
 */
public class LiveSetProfile implements QuarkusTestProfile {}
