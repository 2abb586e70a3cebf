package io.backtest.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.log.ChainVerifier;
import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.LogVerifier;
import io.backtest.audit.merkle.MerkleAppender;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.MerkleNode;
import io.backtest.support.testing.LocalInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A log written under V2 (one table, leaf hashes and subtrees) migrates to the monthly partitions
 * and the restricted role, and verifies afterwards with the classes the service's verification
 * uses. Runs Flyway itself on a database of its own, as the owner, without starting the service.
 */
class PartitionMigrationTest {
  private static final int ENTRIES = 300;
  private static final int MONTHS = 14;

  private final String suffix = Long.toHexString(System.nanoTime());
  private final String database = "audit_migration_" + suffix;
  private final String role = "audit_writer_m" + suffix;
  private final String host =
      LocalInfrastructure.postgresHost() + ":" + LocalInfrastructure.postgresPort();

  @BeforeEach
  void createDatabase() throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("create database \"" + database + "\"");
    }
  }

  @AfterEach
  void dropDatabaseAndRole() throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("drop database if exists \"" + database + "\" with (force)");
      s.execute("drop role if exists \"" + role + "\"");
    }
  }

  @Test
  void aV2LogMovesIntoMonthlyPartitionsAndStillVerifies() throws SQLException {
    flyway(MigrationVersion.fromVersion("2")).migrate();
    List<LogEntry> entries = new ArrayList<>();
    Sha256 root;
    try (Connection c = connect(database)) {
      root = writeV2Log(c, entries);
    }

    flyway(MigrationVersion.LATEST).migrate();

    try (Connection c = connect(database)) {
      // every entry in the partition of its month (UTC), none left in the DEFAULT partition
      assertThat(
              rows(
                  c,
                  "select count(*) from audit_entry where tableoid::regclass::text"
                      + " <> to_char(ingested_at at time zone 'UTC',"
                      + " '\"audit_entry_y\"YYYY\"m\"MM')"))
          .containsExactly("0");
      assertThat(rows(c, "select count(distinct tableoid) from audit_entry"))
          .containsExactly(String.valueOf(MONTHS));
      assertThat(rows(c, "select count(*) from audit_event_id"))
          .containsExactly(String.valueOf(ENTRIES));
      // the current month and three ahead exist before anything is appended
      assertThat(
              rows(
                  c,
                  "select count(*) from generate_series(0, 3) i where to_regclass(to_char("
                      + "(now() at time zone 'UTC') + make_interval(months => i),"
                      + " '\"audit_entry_y\"YYYY\"m\"MM')) is not null"))
          .containsExactly("4");
      // the role was created (it did not exist) with no more than it needs
      assertThat(
              rows(
                  c,
                  "select rolcanlogin || '/' || rolsuper || '/' || rolcreaterole"
                      + " from pg_roles where rolname = '"
                      + role
                      + "'"))
          .containsExactly("true/false/false");
      for (String table : List.of("audit_entry", "audit_event_id", "merkle_node", "tree_head")) {
        assertThat(
                rows(
                    c,
                    "select has_table_privilege('%s', '%s', 'SELECT') || '/'".formatted(role, table)
                        + " || has_table_privilege('%s', '%s', 'INSERT') || '/'"
                            .formatted(role, table)
                        + " || has_table_privilege('%s', '%s', 'UPDATE, DELETE, TRUNCATE')"
                            .formatted(role, table)))
            .as(table)
            .containsExactly("true/true/false");
      }
      assertThat(
              rows(
                  c,
                  "select count(*) from pg_inherits where inhparent = 'audit_entry'::regclass"
                      + " and has_table_privilege('"
                      + role
                      + "', inhrelid, 'UPDATE, DELETE, TRUNCATE')"))
          .containsExactly("0");
      // the partition ranges name the months' entries, for their export
      assertThat(
              rows(
                  c,
                  "select first_seq || '-' || last_seq from audit_partition_range("
                      + "(select min(ingested_at) from audit_entry)::date)"))
          .singleElement()
          .asString()
          .startsWith("1-");

      assertThat(verify(c)).isEqualTo(root);
      // the service's role reads and appends, and changes nothing
      try (Connection service = connectAs(database, role);
          Statement s = service.createStatement()) {
        assertThat(rows(service, "select count(*) from audit_entry"))
            .containsExactly(String.valueOf(ENTRIES));
        LogEntry next =
            entry(
                ENTRIES + 1,
                HashChain.hash(entries.getLast()),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        insert(service, next, true);
        entries.add(next);
        try (ResultSet r =
            s.executeQuery("select audit_fill_leaf_hash(1, decode(repeat('00', 32), 'hex'))")) {
          r.next();
          assertThat(r.getBoolean(1)).as("a leaf hash is never overwritten").isFalse();
        }
        assertThatThrownBy(() -> s.execute("update audit_entry set leaf_hash = null where seq = 1"))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
      }
    }
  }

  @Test
  void anEntryOfAMonthWithoutPartitionWaitsInTheDefaultPartitionUntilItsMonthIsCreated()
      throws SQLException {
    flyway(MigrationVersion.LATEST).migrate();
    List<LogEntry> entries = new ArrayList<>();
    Instant farAhead = Instant.parse("2099-05-17T10:00:00Z");
    try (Connection service = connectAs(database, role)) {
      // appended by the service's role, in a month no partition covers yet
      for (int seq = 1; seq <= 3; seq++) {
        LogEntry entry =
            entry(seq, seq == 1 ? Sha256.ZERO : HashChain.hash(entries.getLast()), farAhead);
        insert(service, entry, true);
        entries.add(entry);
      }
      assertThat(rows(service, "select distinct tableoid::regclass::text from audit_entry"))
          .containsExactly("audit_entry_default");
    }
    try (Connection owner = connect(database)) {
      assertThat(rows(owner, "select audit_create_partition('2099-05-01')::text"))
          .containsExactly("true");
      assertThat(rows(owner, "select distinct tableoid::regclass::text from audit_entry"))
          .containsExactly("audit_entry_y2099m05");
      // the moved rows are as append-only as any
      assertThatThrownBy(() -> rows(owner, "truncate audit_entry_y2099m05"))
          .hasMessageContaining("audit_entry is append-only: TRUNCATE is not allowed");
      assertThat(
              rows(
                  owner,
                  "select tgenabled from pg_trigger where tgrelid ="
                      + " 'audit_entry_default'::regclass and not tgisinternal"))
          .containsOnly("O");
      verify(owner);
    }
  }

  // --- a V2 log ---------------------------------------------------------------------------------

  /** Entries over {@link #MONTHS} months, with their subtrees; returns the tree's root. */
  private Sha256 writeV2Log(Connection c, List<LogEntry> entries) throws SQLException {
    Instant first =
        OffsetDateTime.now(ZoneOffset.UTC)
            .withDayOfMonth(15)
            .minusMonths(MONTHS - 1)
            .toInstant()
            .truncatedTo(ChronoUnit.MICROS);
    long step = ChronoUnit.MICROS.between(first, Instant.now()) / ENTRIES;
    MerkleAppender tree = new MerkleAppender();
    for (int seq = 1; seq <= ENTRIES; seq++) {
      Instant ingestedAt = first.plus(step * (seq - 1), ChronoUnit.MICROS);
      LogEntry entry =
          entry(seq, seq == 1 ? Sha256.ZERO : HashChain.hash(entries.getLast()), ingestedAt);
      insert(c, entry, true);
      for (MerkleNode node : tree.append(MerkleHash.leafHash(leaf(entry)))) {
        try (PreparedStatement s =
            c.prepareStatement("insert into merkle_node (level, idx, hash) values (?, ?, ?)")) {
          s.setInt(1, node.id().level());
          s.setLong(2, node.id().index());
          s.setBytes(3, node.hash().bytes());
          s.executeUpdate();
        }
      }
      entries.add(entry);
    }
    return tree.rootHash();
  }

  private static LogEntry entry(long seq, Sha256 prevHash, Instant ingestedAt) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("n", seq);
    payload.put("label", "entry " + seq + " é");
    return new LogEntry(
        seq,
        UUID.nameUUIDFromBytes(("migration-" + seq).getBytes(StandardCharsets.UTF_8)),
        "io.test.migration",
        "/migration-test",
        "SYM" + (seq % 7),
        "corr-" + (seq % 11),
        null,
        ingestedAt.minusSeconds(1),
        ingestedAt,
        "migration.test",
        0,
        seq,
        payload,
        "entry " + seq + " of a log written before the partitions",
        prevHash);
  }

  private static byte[] leaf(LogEntry entry) {
    return entry.canonicalJson().getBytes(StandardCharsets.UTF_8);
  }

  private static void insert(Connection c, LogEntry e, boolean withLeafHash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into audit_entry (seq, event_id, type, source, subject, correlation_id,"
                + " causation_id, event_time, ingested_at, topic, record_partition,"
                + " record_offset, payload, summary, prev_hash, hash"
                + (withLeafHash ? ", leaf_hash" : "")
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?"
                + (withLeafHash ? ", ?" : "")
                + ")")) {
      s.setLong(1, e.seq());
      s.setObject(2, e.eventId());
      s.setString(3, e.type());
      s.setString(4, e.source());
      s.setString(5, e.subject());
      s.setString(6, e.correlationId());
      s.setString(7, e.causationId());
      s.setObject(8, OffsetDateTime.ofInstant(e.eventTime(), ZoneOffset.UTC));
      s.setObject(9, OffsetDateTime.ofInstant(e.ingestedAt(), ZoneOffset.UTC));
      s.setString(10, e.topic());
      s.setInt(11, e.partition());
      s.setLong(12, e.offset());
      s.setString(13, CanonicalJson.canonicalize(e.payload()));
      s.setString(14, e.summary());
      s.setBytes(15, e.prevHash().bytes());
      s.setBytes(16, HashChain.hash(e).bytes());
      if (withLeafHash) {
        s.setBytes(17, MerkleHash.leafHash(leaf(e)).bytes());
      }
      s.executeUpdate();
    }
  }

  /**
   * Reads the stored log in seq order and checks it as the service's verification does: each stored
   * leaf hash (where present) against the entry, the tree, and the chain. Returns the root.
   */
  private static Sha256 verify(Connection c) throws SQLException {
    ChainVerifier chain = new ChainVerifier();
    LogVerifier merkle = new LogVerifier(KeyRing.of(), List.of());
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select seq, event_id, type, source, subject, correlation_id, causation_id,"
                    + " event_time, ingested_at, topic, record_partition, record_offset,"
                    + " cast(payload as text), summary, prev_hash, hash, leaf_hash"
                    + " from audit_entry order by seq")) {
      while (r.next()) {
        OffsetDateTime eventTime = r.getObject(8, OffsetDateTime.class);
        LogEntry entry =
            new LogEntry(
                r.getLong(1),
                r.getObject(2, UUID.class),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                eventTime == null ? null : eventTime.toInstant(),
                r.getObject(9, OffsetDateTime.class).toInstant(),
                r.getString(10),
                r.getInt(11),
                r.getLong(12),
                LogEntry.object(CanonicalJson.parse(r.getString(13))),
                r.getString(14),
                Sha256.of(r.getBytes(15)));
        byte[] storedLeaf = r.getBytes(17);
        Optional<LogVerifier.Result> leafFailure =
            merkle.accept(
                entry.seq(), leaf(entry), storedLeaf == null ? null : Sha256.of(storedLeaf));
        assertThat(leafFailure).as("entry %d", entry.seq()).isEmpty();
        assertThat(chain.accept(entry, Sha256.of(r.getBytes(16))))
            .as("entry %d", entry.seq())
            .isEmpty();
      }
    }
    LogVerifier.Result result = merkle.finish();
    assertThat(result.valid()).as(result.reason()).isTrue();
    return result.rootHash();
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private Flyway flyway(MigrationVersion target) {
    return Flyway.configure()
        .dataSource(
            "jdbc:postgresql://" + host + "/" + database,
            LocalInfrastructure.postgresUser(),
            LocalInfrastructure.postgresPassword())
        .locations("classpath:db/platform", "classpath:db/migration")
        .outOfOrder(true)
        .placeholders(Map.of("audit_writer_role", role))
        .target(target)
        .load();
  }

  private Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + "/" + name,
        LocalInfrastructure.postgresUser(),
        LocalInfrastructure.postgresPassword());
  }

  /** As the service's role; given a password first, in case the server asks for one. */
  private Connection connectAs(String name, String user) throws SQLException {
    String password = UUID.randomUUID().toString();
    try (Connection c = connect(name);
        Statement s = c.createStatement()) {
      s.execute("alter role \"" + user + "\" password '" + password + "'");
    }
    return DriverManager.getConnection("jdbc:postgresql://" + host + "/" + name, user, password);
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet r = s.getResultSet()) {
          while (r.next()) {
            rows.add(r.getString(1));
          }
        }
      }
    }
    return rows;
  }
}
