package io.backtest.support.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Removes a test run's Redis keys (SCAN + UNLINK over plain RESP, no client library needed). */
public final class TestRedis {
  private TestRedis() {}

  public static int deleteKeys(String host, int port, String prefix) {
    int deleted = 0;
    try (Socket socket = new Socket(host, port)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String cursor = "0";
      do {
        send(out, "SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
        List<Object> reply = (List<Object>) read(in);
        cursor = (String) reply.get(0);
        List<Object> keys = (List<Object>) reply.get(1);
        if (!keys.isEmpty()) {
          List<String> command = new ArrayList<>();
          command.add("UNLINK");
          keys.forEach(k -> command.add((String) k));
          send(out, command.toArray(String[]::new));
          deleted += ((Long) read(in)).intValue();
        }
      } while (!"0".equals(cursor));
    } catch (IOException e) {
      throw new IllegalStateException("deleting Redis keys " + prefix + "* failed", e);
    }
    return deleted;
  }

  private static void send(OutputStream out, String... args) throws IOException {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
      b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
    }
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    return switch (type) {
      case '+' -> line;
      case '-' -> throw new IOException("Redis error: " + line);
      case ':' -> Long.parseLong(line);
      case '$' -> {
        int length = Integer.parseInt(line);
        if (length < 0) {
          yield null;
        }
        byte[] data = in.readNBytes(length + 2);
        yield new String(data, 0, length, StandardCharsets.UTF_8);
      }
      case '*' -> {
        int count = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        yield items;
      }
      default -> throw new IOException("unexpected Redis reply type " + (char) type);
    };
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      b.append((char) c);
    }
    in.read(); // \n
    return b.toString();
  }
}
