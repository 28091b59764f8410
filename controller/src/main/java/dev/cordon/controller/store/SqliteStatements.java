package dev.cordon.controller.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection for the store's hot paths (a get, the revision row, a put
 * and its log row): an enrollment runs about twenty statements, and compiling each afresh cost as
 * much as running it. A connection is only ever used under its own lock, so its statements are too.
 * Callers must not close a statement they got here (its result sets, yes); {@link #forget} closes
 * them with the connection.
 */
final class SqliteStatements {
  private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION =
      new ConcurrentHashMap<>();

  private SqliteStatements() {}

  /** Call with the connection's lock held. */
  static PreparedStatement prepare(Connection conn, String sql) throws SQLException {
    Map<String, PreparedStatement> statements =
        BY_CONNECTION.computeIfAbsent(conn, c -> new HashMap<>());
    PreparedStatement st = statements.get(sql);
    if (st == null || st.isClosed()) {
      st = conn.prepareStatement(sql);
      statements.put(sql, st);
    }
    return st;
  }

  /** Closes the connection's statements; call before closing the connection. */
  static void forget(Connection conn) {
    Map<String, PreparedStatement> statements = BY_CONNECTION.remove(conn);
    if (statements == null) {
      return;
    }
    for (PreparedStatement st : statements.values()) {
      try {
        st.close();
      } catch (SQLException e) {
        // The connection closes next, which frees whatever is left.
      }
    }
  }
}
