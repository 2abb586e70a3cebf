-- Strategy parameters encrypted at rest (README.md, "Parameters at rest"), in three steps, since the
-- keys are configuration that SQL never sees:
--   7    (this file) the columns of the encrypted values, nullable while the rows are converted;
--   7.1  V7_1__Parameters_encrypted (Java, src/main/java/db/migration) encrypts every stored value
--        with the current key;
--   7.2  drops the plaintext columns, makes the new ones required and rebuilds the live set's
--        uniqueness rule on the fingerprints.

-- The parameters' canonical JSON: AES-256-GCM (format byte, IV, ciphertext, tag), the id of its key,
-- and the HMAC-SHA256 of the plaintext under the fingerprint key (hex), equal for equal parameters.
alter table strategy
    add column parameters_enc         bytea,
    add column parameters_key_id      text,
    add column parameters_fingerprint char(64);

-- The walk-forward summary names the parameter sets each fold chose: encrypted the same way.
alter table backtest_run
    add column walk_forward_enc    bytea,
    add column walk_forward_key_id text;
