package io.backtest.strategy.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An encrypted value as a key rotation reads it ({@code service.ParameterRotation}).
 *
 * @param id its row's id (part of the value's authenticated data)
 * @param value the encrypted value
 * @param keyId the id of its key
 */
public record SealedValue(UUID id, byte[] value, String keyId) {

  /**
   * Up to {@code limit} values of an entity's encrypted property whose key is one of {@code
   * keyIds}, with ids above {@code after} (null: from the first), by id.
   *
   * @param entity the entity's name
   * @param valueProperty the property holding the encrypted value
   * @param keyProperty the property holding its key id
   */
  static Uni<List<SealedValue>> page(
      String entity,
      String valueProperty,
      String keyProperty,
      Collection<String> keyIds,
      UUID after,
      int limit) {
    if (keyIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    String query =
        "select id, "
            + valueProperty
            + ", "
            + keyProperty
            + " from "
            + entity
            + " where "
            + keyProperty
            + " in :keys"
            + (after == null ? "" : " and id > :after")
            + " order by id";
    return Panache.getSession()
        .chain(
            s -> {
              var q =
                  s.createSelectionQuery(query, Object[].class)
                      .setParameter("keys", keyIds)
                      .setMaxResults(limit);
              if (after != null) {
                q.setParameter("after", after);
              }
              return q.getResultList();
            })
        .map(
            rows ->
                rows.stream()
                    .map(r -> new SealedValue((UUID) r[0], (byte[]) r[1], (String) r[2]))
                    .toList());
  }
}
