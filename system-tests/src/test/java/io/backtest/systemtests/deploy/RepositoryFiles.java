package io.backtest.systemtests.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's deployment files are: docker-compose.yml, deploy/, ./stack. */
public final class RepositoryFiles {
  /** Set by the build (system-tests' pom) to the repository root. */
  public static final String ROOT_PROPERTY = "backtest.repository-root";

  private static final String MARKER = "deploy/local/services.tsv";

  private RepositoryFiles() {}

  /**
   * The repository root: the build's property, else the nearest parent holding the service table.
   */
  public static Path root() {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path root = Path.of(configured).toAbsolutePath().normalize();
      if (Files.exists(root.resolve(MARKER))) {
        return root;
      }
      throw new IllegalStateException(
          ROOT_PROPERTY + "=" + configured + " does not contain " + MARKER);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        MARKER
            + " not found above "
            + Path.of("").toAbsolutePath()
            + " (set -D"
            + ROOT_PROPERTY
            + ")");
  }

  public static Path serviceTable() {
    return root().resolve(MARKER);
  }

  public static Path stackScript() {
    return root().resolve("stack");
  }

  public static Path compose() {
    return root().resolve("docker-compose.yml");
  }

  public static Path kubernetes() {
    return root().resolve("deploy/k8s");
  }
}
