package dev.polyref.catalogue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * Which database a {@code DSLContext} talks to, so that each database gets its own catalogue cache (content-type ids
 * differ between databases: Django's cache is keyed by database alias, I74).
 *
 * <p>The key is the JDBC URL without its parameters plus the database the connection is in, both read from the
 * connection's metadata, which pgjdbc answers locally: finding the key runs no statement. A context over a
 * {@code DataSource} is asked once per data source (borrowing one connection the first time); a context over one
 * connection (a transaction's {@code tx.dsl()}) is asked each time it is bound, which costs a few calls on objects
 * the driver already has. Two URLs of one database (a host name and its address) give two keys: correct, only
 * each fills its cache separately.
 */
final class DatabaseKey {

    // Weak: a data source that the application drops is forgotten
    private static final Map<DataSource, String> BY_DATA_SOURCE = Collections.synchronizedMap(new WeakHashMap<>());

    private DatabaseKey() {}

    /**
     * @param dsl a context
     * @return its database's key; {@code ""} when the context has no JDBC connection to ask (one shared cache, as
     *         before there were keys)
     */
    static String of(DSLContext dsl) {
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        if (provider instanceof DataSourceConnectionProvider p) {
            return BY_DATA_SOURCE.computeIfAbsent(p.dataSource(), ds -> ask(provider));
        }
        return ask(provider);
    }

    private static String ask(ConnectionProvider provider) {
        Connection connection;
        try {
            connection = provider.acquire();
        } catch (RuntimeException e) {
            return "";
        }
        if (connection == null) {
            return "";
        }
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String url = meta.getURL();
            int parameters = url == null ? -1 : url.indexOf('?');
            return (parameters < 0 ? String.valueOf(url) : url.substring(0, parameters)) + "#" + connection.getCatalog();
        } catch (SQLException e) {
            return "";
        } finally {
            provider.release(connection);
        }
    }
}
