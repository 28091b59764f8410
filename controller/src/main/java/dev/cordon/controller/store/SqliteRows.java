package dev.cordon.controller.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads of the embedded store's tables: current values, prefix ranges and the change log. */
final class SqliteRows {
  private SqliteRows() {}

  static KeyValue get(Connection conn, String key) throws SQLException {
    PreparedStatement st =
        SqliteStatements.prepare(
            conn, "SELECT key, value, create_rev, mod_rev, version, lease FROM kv WHERE key = ?");
    st.setBytes(1, Keys.key(key));
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? keyValue(rs) : null;
    }
  }

  static List<KeyValue> range(Connection conn, String prefix) throws SQLException {
    byte[] start = Keys.prefix(prefix);
    byte[] end = Keys.prefixEnd(start);
    String sql =
        "SELECT key, value, create_rev, mod_rev, version, lease FROM kv WHERE key >= ?"
            + (end == null ? "" : " AND key < ?")
            + " ORDER BY key";
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      st.setBytes(1, start);
      if (end != null) {
        st.setBytes(2, end);
      }
      List<KeyValue> kvs = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          kvs.add(keyValue(rs));
        }
      }
      return kvs;
    }
  }

  static List<String> keysWithLease(Connection conn, long lease) throws SQLException {
    try (PreparedStatement st =
        conn.prepareStatement("SELECT key FROM kv WHERE lease = ? ORDER BY key")) {
      st.setLong(1, lease);
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(text(rs.getBytes(1)));
        }
      }
      return keys;
    }
  }

  /** The logged changes under {@code prefix} at {@code fromRevision} or later, in order. */
  static List<WatchEvent> history(Connection conn, String prefix, long fromRevision)
      throws SQLException {
    byte[] start = Keys.prefix(prefix);
    byte[] end = Keys.prefixEnd(start);
    String sql =
        "SELECT key, value, create_rev, rev, version, lease, deleted FROM log"
            + " WHERE rev >= ? AND key >= ?"
            + (end == null ? "" : " AND key < ?")
            + " ORDER BY rev, seq";
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      st.setLong(1, fromRevision);
      st.setBytes(2, start);
      if (end != null) {
        st.setBytes(3, end);
      }
      List<WatchEvent> events = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          events.add(
              rs.getInt(7) != 0
                  ? new WatchEvent.Delete(text(rs.getBytes(1)), rs.getLong(4))
                  : new WatchEvent.Put(keyValue(rs)));
        }
      }
      return events;
    }
  }

  /** Columns in the order key, value, create_rev, mod_rev, version, lease. */
  private static KeyValue keyValue(ResultSet rs) throws SQLException {
    return new KeyValue(
        text(rs.getBytes(1)),
        orEmpty(rs.getBytes(2)),
        rs.getLong(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6));
  }

  /** SQLite hands back a zero-length BLOB as null. */
  private static byte[] orEmpty(byte[] bytes) {
    return bytes == null ? new byte[0] : bytes;
  }

  private static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
