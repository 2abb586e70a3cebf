package io.backtest.audit.repository;

import io.backtest.audit.domain.StoredTreeHead;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The signed tree heads, by tree size. */
@ApplicationScoped
@WithSession
public class TreeHeadRepository implements PanacheRepositoryBase<StoredTreeHead, Long> {

  /** The head of the largest tree, or null before the first. */
  public Uni<StoredTreeHead> latest() {
    return find("order by treeSize desc").firstResult();
  }

  /** The heads of {@code first} to {@code last} entries (both inclusive), by size. */
  public Uni<List<StoredTreeHead>> sizesBetween(long first, long last) {
    return find("treeSize >= ?1 and treeSize <= ?2", Sort.by("treeSize"), first, last).list();
  }

  /** Every head in the order they were signed (sizes and times only grow). */
  public Uni<List<StoredTreeHead>> allInOrder() {
    return listAll(Sort.by("treeSize"));
  }
}
