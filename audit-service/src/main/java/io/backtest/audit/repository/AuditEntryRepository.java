package io.backtest.audit.repository;

import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.EntryFilter;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The stored audit log. Writers must hold the append lock ({@link #lockForAppend()}). */
@ApplicationScoped
@WithSession
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntry, Long> {
  /**
   * Key of the transaction-scoped advisory lock that serialises appends across every instance of
   * the service: "audit" in ASCII. Held until commit, so seq is assigned gaplessly.
   */
  static final long APPEND_LOCK_KEY = 0x6175646974L;

  /** Takes the append lock for the current transaction (released at commit or rollback). */
  public Uni<Void> lockForAppend() {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("select 1 from pg_advisory_xact_lock(:key)")
                    .setParameter("key", APPEND_LOCK_KEY)
                    .getSingleResult())
        .replaceWithVoid();
  }

  /**
   * Which of {@code eventIds} the log already holds, in one query: looked up in {@code
   * audit_event_id}, which holds every entry's id whatever partition the entry is in (or whether
   * its month was archived).
   */
  public Uni<Set<UUID>> knownEventIds(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        // one parameter, however many ids: no statement of a thousand parameters
                        "select event_id from audit_event_id"
                            + " where event_id = any(cast(string_to_array(:ids, ',') as uuid[]))",
                        UUID.class)
                    .setParameter(
                        "ids",
                        eventIds.stream().map(UUID::toString).collect(Collectors.joining(",")))
                    .getResultList())
        .map(HashSet::new);
  }

  /**
   * Inserts new entries, in their order, in one statement: the rows travel as one JSON array that
   * PostgreSQL turns into rows. One round trip and one execution of the insert (partition routing,
   * triggers set up once) whatever their number, where a statement batch executes it once per row.
   * The entities are not attached to the session: they are never read back in the same transaction.
   */
  public Uni<Integer> insertAll(List<AuditEntry> rows) {
    if (rows.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(INSERT_RECORDSET)
                    .setParameter("rows", AuditEntryMapper.toRecordset(rows))
                    .executeUpdate());
  }

  private static final String COLUMNS =
      "seq, event_id, type, source, subject, correlation_id, causation_id, event_time,"
          + " ingested_at, topic, record_partition, record_offset, payload, summary, prev_hash,"
          + " hash, leaf_hash";

  // the inner cast to text keeps the reactive client from binding the string as a JSON string
  private static final String INSERT_RECORDSET =
      "insert into audit_entry ("
          + COLUMNS
          + ") select "
          + COLUMNS
          + " from jsonb_populate_recordset(null::audit_entry, cast(cast(:rows as text) as jsonb))";

  /** The last entry, or null for an empty log. */
  public Uni<AuditEntry> head() {
    return find("order by seq desc").firstResult();
  }

  /** Seq of the last entry, 0 for an empty log. */
  public Uni<Long> headSeq() {
    return find("select coalesce(max(seq), 0) from AuditEntry").project(Long.class).firstResult();
  }

  /** How many entries after {@code seq} are not of {@code excludedType}. */
  public Uni<Long> countSince(long seq, String excludedType) {
    return count("seq > ?1 and type <> ?2", seq, excludedType);
  }

  /** Entries after {@code seq}, up to {@code last}, in order, at most {@code limit}. */
  public Uni<List<AuditEntry>> entriesAfter(long seq, long last, int limit) {
    return find("seq > ?1 and seq <= ?2", Sort.by("seq"), seq, last).range(0, limit - 1).list();
  }

  /** The entries whose seq is in {@code first..last}, in seq order (one per seq). */
  public Uni<List<AuditEntry>> entriesAt(long first, long last) {
    return find("seq >= ?1 and seq <= ?2", Sort.by("seq"), first, last).list();
  }

  /**
   * The first seq in {@code first..last} that more than one stored row claims, 0 when none. (A
   * query for entities cannot show it: the session holds one entity per seq.)
   */
  public Uni<Long> firstSeqStoredTwice(long first, long last) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select coalesce(min(seq), 0) from (select seq from audit_entry"
                            + " where seq >= :first and seq <= :last"
                            + " group by seq having count(*) > 1) twice",
                        Long.class)
                    .setParameter("first", first)
                    .setParameter("last", last)
                    .getSingleResult());
  }

  /**
   * What the entries sort by; by default in seq order, the log's own. Both keys are indexed over
   * the whole log: seq leads the primary key and every filter's index, and event time has its own.
   * Entries without an event time stay where PostgreSQL puts them (after the others ascending,
   * before them descending), the order that index serves both ways.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("seq")
          .field("seq", "seq")
          .field("eventTime", "eventTime")
          .byDefault("seq");

  /** One page of the entries that match, in {@code order}. */
  public Uni<List<AuditEntry>> search(EntryFilter filter, int page, int size, SortRequest order) {
    Query query = query(filter);
    Sort sort = PanacheSort.of(order);
    return (query.where.isEmpty() ? findAll(sort) : find(query.where, sort, query.parameters))
        .page(Page.of(page, size))
        .list();
  }

  /** How many entries match. */
  public Uni<Long> count(EntryFilter filter) {
    Query query = query(filter);
    return query.where.isEmpty() ? count() : count(query.where, query.parameters);
  }

  private record Query(String where, Parameters parameters) {}

  private static Query query(EntryFilter filter) {
    List<String> clauses = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (filter.correlationId() != null) {
      clauses.add("correlationId = :correlationId");
      parameters.and("correlationId", filter.correlationId());
    }
    if (filter.subject() != null) {
      clauses.add("subject = :subject");
      parameters.and("subject", filter.subject());
    }
    if (filter.type() != null) {
      clauses.add("type = :type");
      parameters.and("type", filter.type());
    }
    if (filter.from() != null) {
      clauses.add("eventTime >= :from");
      parameters.and("from", filter.from());
    }
    if (filter.to() != null) {
      clauses.add("eventTime < :to");
      parameters.and("to", filter.to());
    }
    return new Query(String.join(" and ", clauses), parameters);
  }
}
