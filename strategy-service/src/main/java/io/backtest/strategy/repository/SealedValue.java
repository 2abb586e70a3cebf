package io.backtest.strategy.repository;

import java.util.UUID;

/**
 * An encrypted value as a key rotation reads it ({@code service.ParameterRotation}).
 *
 * @param id its row's id (part of the value's authenticated data)
 * @param value the encrypted value
 * @param keyId the id of its key
 */
public record SealedValue(UUID id, byte[] value, String keyId) {}
