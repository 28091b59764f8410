package dev.cordon.controller.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded store's tables. {@code kv} holds current values; {@code log} holds every change by
 * revision, which is what watches replay from and what compaction trims; {@code lease} holds leases
 * with their deadline; {@code meta} holds the revision counters.
 */
final class SqliteSchema {
  static final String REVISION = "revision";
  static final String COMPACT_REVISION = "compact_revision";

  private static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT OR IGNORE INTO meta(name, value) VALUES ('schema', 1), ('revision', 0),"
        + " ('compact_revision', 0)",
    // Keys are UTF-8 BLOBs: BLOB comparison is memcmp, the same byte order etcd ranges use.
    "CREATE TABLE IF NOT EXISTS kv(key BLOB PRIMARY KEY, value BLOB NOT NULL,"
        + " create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL, version INTEGER NOT NULL,"
        + " lease INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS kv_by_lease ON kv(lease) WHERE lease != 0",
    "CREATE TABLE IF NOT EXISTS log(rev INTEGER NOT NULL, seq INTEGER NOT NULL,"
        + " key BLOB NOT NULL, deleted INTEGER NOT NULL, value BLOB NOT NULL,"
        + " create_rev INTEGER NOT NULL, version INTEGER NOT NULL, lease INTEGER NOT NULL,"
        + " PRIMARY KEY(rev, seq)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS lease(id INTEGER PRIMARY KEY AUTOINCREMENT,"
        + " ttl_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL)",
  };

  private SqliteSchema() {}

  static void create(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String ddl : DDL) {
        st.execute(ddl);
      }
    }
    conn.commit();
  }

  static long meta(Connection conn, String name) throws SQLException {
    PreparedStatement st = SqliteStatements.prepare(conn, "SELECT value FROM meta WHERE name = ?");
    st.setString(1, name);
    try (ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("meta row " + name + " is missing: the store file is damaged");
      }
      return rs.getLong(1);
    }
  }

  static void setMeta(Connection conn, String name, long value) throws SQLException {
    PreparedStatement st =
        SqliteStatements.prepare(conn, "UPDATE meta SET value = ? WHERE name = ?");
    st.setLong(1, value);
    st.setString(2, name);
    st.executeUpdate();
  }
}
