package io.backtest.systemtests.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code deploy/local/services.tsv}: the one table of services, modules, ports, databases and the
 * gateway's URL variables that {@code ./stack} reads, and that the deployment files must follow.
 *
 * @param services the rows, in table order
 */
public record ServiceTable(List<Service> services) {

  /**
   * One row.
   *
   * @param name service name (also its Kubernetes and compose name)
   * @param module the Maven module that builds it
   * @param port HTTP port of the normal instance
   * @param database its PostgreSQL database, empty for none
   * @param urlEnv the gateway's environment variable holding its URL, empty for none
   */
  public record Service(
      String name, String module, int port, Optional<String> database, Optional<String> urlEnv) {}

  public ServiceTable {
    services = List.copyOf(services);
  }

  public static ServiceTable read(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rows separated by tabs or spaces, {@code #} comments, {@code -} for "none" (as ./stack reads
   * it).
   */
  public static ServiceTable parse(List<String> lines) {
    List<Service> rows = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] cols = trimmed.split("\\s+");
      if (cols.length < 5) {
        throw new IllegalArgumentException("services.tsv: 5 columns expected in: " + line);
      }
      rows.add(
          new Service(cols[0], cols[1], Integer.parseInt(cols[2]), dash(cols[3]), dash(cols[4])));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("services.tsv lists no service");
    }
    return new ServiceTable(rows);
  }

  /** The services whose URL the gateway gets. */
  public List<Service> backends() {
    return services.stream().filter(s -> s.urlEnv().isPresent()).toList();
  }

  public Optional<Service> find(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static Optional<String> dash(String value) {
    return "-".equals(value) ? Optional.empty() : Optional.of(value);
  }
}
