package dev.cordon.controller.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one branch of writes inside the caller's SQL transaction, all at one revision, and
 * returns the events they make. Writes the current-state row and the log row together, so a watch
 * replaying the log sees exactly what readers saw.
 */
final class SqliteWrites {
  private final Connection conn;
  private final long revision;
  private final List<WatchEvent> events = new ArrayList<>();

  SqliteWrites(Connection conn, long revision) {
    this.conn = conn;
    this.revision = revision;
  }

  List<WatchEvent> events() {
    return events;
  }

  void apply(Op op) throws SQLException {
    switch (op) {
      case Op.Put put -> put(put);
      case Op.Delete delete -> delete(delete.key());
      case Op.DeletePrefix deletePrefix -> {
        for (KeyValue kv : SqliteRows.range(conn, deletePrefix.prefix())) {
          delete(kv.key());
        }
      }
    }
  }

  void put(Op.Put put) throws SQLException {
    KeyValue before = SqliteRows.get(conn, put.key());
    long created = before == null ? revision : before.createRevision();
    long version = before == null ? 1 : before.version() + 1;
    byte[] key = Keys.key(put.key());
    byte[] value = put.value();
    PreparedStatement st =
        SqliteStatements.prepare(
            conn,
            "INSERT OR REPLACE INTO kv(key, value, create_rev, mod_rev, version, lease)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
    st.setBytes(1, key);
    st.setBytes(2, value);
    st.setLong(3, created);
    st.setLong(4, revision);
    st.setLong(5, version);
    st.setLong(6, put.lease());
    st.executeUpdate();
    log(key, false, value, created, version, put.lease());
    events.add(
        new WatchEvent.Put(
            new KeyValue(put.key(), value, created, revision, version, put.lease())));
  }

  void delete(String key) throws SQLException {
    byte[] bytes = Keys.key(key);
    try (PreparedStatement st = conn.prepareStatement("DELETE FROM kv WHERE key = ?")) {
      st.setBytes(1, bytes);
      if (st.executeUpdate() == 0) {
        return; // deleting a missing key changes nothing and makes no event, as in etcd
      }
    }
    log(bytes, true, new byte[0], 0, 0, 0);
    events.add(new WatchEvent.Delete(key, revision));
  }

  private void log(
      byte[] key, boolean deleted, byte[] value, long created, long version, long lease)
      throws SQLException {
    PreparedStatement st =
        SqliteStatements.prepare(
            conn,
            "INSERT INTO log(rev, seq, key, deleted, value, create_rev, version, lease)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.setLong(1, revision);
    st.setLong(2, events.size());
    st.setBytes(3, key);
    st.setInt(4, deleted ? 1 : 0);
    st.setBytes(5, value);
    st.setLong(6, created);
    st.setLong(7, version);
    st.setLong(8, lease);
    st.executeUpdate();
  }
}
