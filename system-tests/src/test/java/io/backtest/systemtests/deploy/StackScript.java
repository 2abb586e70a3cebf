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
 * services with a database get, and those only the gateway gets (plus, there, every {@code url_env}
 * of the service table).
 *
 * @param forEveryService names every service gets
 * @param forDatabaseServices names only services with a database get
 * @param forGateway names only the gateway gets, besides the services' URLs
 * @param gatewayGetsServiceUrls whether the gateway gets the table's {@code url_env} variables
 * @param gateway the name of the gateway service ({@code GATEWAY=})
 * @param settings the script's plain {@code NAME=value} settings (e.g. {@code OIDC_AUDIENCE})
 */
public record StackScript(
    Set<String> forEveryService,
    Set<String> forDatabaseServices,
    Set<String> forGateway,
    boolean gatewayGetsServiceUrls,
    String gateway,
    Map<String, String> settings) {

  private static final Pattern ECHO = Pattern.compile("^\\s*echo \"([A-Z][A-Z0-9_]*)=");
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
   * $svc == "$GATEWAY" ]]} for the gateway.
   */
  public static StackScript parse(List<String> lines) {
    Set<String> every = new LinkedHashSet<>();
    Set<String> database = new LinkedHashSet<>();
    Set<String> gatewayOnly = new LinkedHashSet<>();
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
      if (line.startsWith("if ") && line.contains("SVC_DB[")) {
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
    return new StackScript(every, database, gatewayOnly, urls, gateway, settings);
  }

  /** The variable names ./stack passes to {@code service}. */
  public Set<String> environmentOf(ServiceTable.Service service, ServiceTable table) {
    Set<String> names = new LinkedHashSet<>(forEveryService);
    if (service.database().isPresent()) {
      names.addAll(forDatabaseServices);
    }
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
