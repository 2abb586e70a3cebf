package io.backtest.systemtests.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./stack} passes to the services, read from its function {@code service_env} (the one
 * place that names the variables) and its settings: the names every service gets, those only
 * services with a database get, those only the gateway gets (plus, there, every {@code url_env} of
 * the service table), and those of one named service (its secrets, such as audit-service's signing
 * key).
 *
 * @param forEveryService names every service gets
 * @param forDatabaseServices names only services with a database get
 * @param forGateway names only the gateway gets, besides the services' URLs
 * @param forService names only one service gets, by service name
 * @param gatewayGetsServiceUrls whether the gateway gets the table's {@code url_env} variables
 * @param gateway the name of the gateway service ({@code GATEWAY=})
 * @param settings the script's plain {@code NAME=value} settings (e.g. {@code OIDC_AUDIENCE})
 */
public record StackScript(
    Set<String> forEveryService,
    Set<String> forDatabaseServices,
    Set<String> forGateway,
    Map<String, Set<String>> forService,
    boolean gatewayGetsServiceUrls,
    String gateway,
    Map<String, String> settings) {

  private static final Pattern ECHO = Pattern.compile("^\\s*echo \"([A-Z][A-Z0-9_]*)=");
  private static final Pattern ONE_SERVICE =
      Pattern.compile("^if \\[\\[ \\$svc == \"?([a-z][a-z0-9-]*)\"? \\]\\]");
  private static final Pattern SETTING = Pattern.compile("^([A-Z][A-Z0-9_]*)=([^\\s$(]*)$");

  public static StackScript read(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@code service_env() { ... }}: echo lines before any {@code if} are for every service,
   * inside {@code if [[ ${SVC_DB[...]} ...]]} for services with a database, inside {@code if [[
   * $svc == "$GATEWAY" ]]} for the gateway, inside {@code if [[ $svc == audit-service ]]} for that
   * service alone.
   */
  public static StackScript parse(List<String> lines) {
    Set<String> every = new LinkedHashSet<>();
    Set<String> database = new LinkedHashSet<>();
    Set<String> gatewayOnly = new LinkedHashSet<>();
    Map<String, Set<String>> oneService = new LinkedHashMap<>();
    boolean urls = false;
    Map<String, String> settings = new LinkedHashMap<>();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher setting = SETTING.matcher(lines.get(i));
      if (setting.matches()) {
        settings.putIfAbsent(setting.group(1), setting.group(2));
      }
      if (start < 0 && lines.get(i).startsWith("service_env()")) {
        start = i;
      }
    }
    if (start < 0) {
      throw new IllegalArgumentException("./stack has no function service_env()");
    }
    Set<String> block = every;
    for (int i = start + 1; i < lines.size() && !lines.get(i).equals("}"); i++) {
      String line = lines.get(i).strip();
      Matcher named = ONE_SERVICE.matcher(line);
      if (named.find()) {
        block = oneService.computeIfAbsent(named.group(1), name -> new LinkedHashSet<>());
      } else if (line.startsWith("if ") && line.contains("SVC_DB[")) {
        block = database;
      } else if (line.startsWith("if ") && line.contains("$GATEWAY")) {
        block = gatewayOnly;
      } else if (line.equals("fi") && lines.get(i).startsWith("  fi")) {
        block = every;
      }
      Matcher echo = ECHO.matcher(lines.get(i));
      if (echo.find()) {
        block.add(echo.group(1));
      } else if (line.contains("SVC_URLENV[") && block == gatewayOnly) {
        urls = true;
      }
    }
    String gateway = settings.get("GATEWAY");
    if (every.isEmpty() || gateway == null) {
      throw new IllegalArgumentException(
          "./stack: service_env() names no variable, or GATEWAY= is missing; this reader needs"
              + " updating");
    }
    return new StackScript(every, database, gatewayOnly, oneService, urls, gateway, settings);
  }

  /** The variable names ./stack passes to {@code service}. */
  public Set<String> environmentOf(ServiceTable.Service service, ServiceTable table) {
    Set<String> names = new LinkedHashSet<>(forEveryService);
    if (service.database().isPresent()) {
      names.addAll(forDatabaseServices);
    }
    names.addAll(forService.getOrDefault(service.name(), Set.of()));
    if (service.name().equals(gateway)) {
      names.addAll(forGateway);
      if (gatewayGetsServiceUrls) {
        table.backends().forEach(b -> names.add(b.urlEnv().orElseThrow()));
      }
    }
    return names;
  }

  /** A plain setting of the script ({@code NAME=value} at the start of a line, no expansion). */
  public String setting(String name) {
    String value = settings.get(name);
    if (value == null) {
      throw new IllegalArgumentException("./stack has no plain setting " + name + "=");
    }
    return value;
  }
}
