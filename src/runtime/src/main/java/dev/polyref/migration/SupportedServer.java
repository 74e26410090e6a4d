package dev.polyref.migration;

import dev.polyref.UnsupportedServerVersionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The PostgreSQL versions Polyref can be installed on, and the check that refuses the others before anything is
 * created. The oldest supported one is 14: Polyref's SQL uses {@code CREATE OR REPLACE TRIGGER} (new in 14),
 * and 14 to 18 are the versions its test suite runs on.
 */
final class SupportedServer {

    /** The oldest supported major version. */
    static final int MINIMUM_MAJOR = 14;

    // Fully qualified, no operator, on a connection whose search_path is pinned (PinnedSearchPath): nothing in a
    // schema another role can create objects in is resolved
    private static final String VERSION_QUERY =
            "select pg_catalog.current_setting('server_version_num'), pg_catalog.current_setting('server_version')";

    private SupportedServer() {}

    /**
     * @param dataSource a data source whose connections have a pinned {@code search_path}
     * @throws UnsupportedServerVersionException if the server is older than PostgreSQL {@value #MINIMUM_MAJOR}
     * @throws dev.polyref.PolyrefException      if the version cannot be read
     */
    static void require(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(VERSION_QUERY);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            require(Integer.parseInt(rs.getString(1)), rs.getString(2));
        } catch (SQLException | NumberFormatException e) {
            throw new dev.polyref.PolyrefException(
                    "Could not read the PostgreSQL server's version before installing Polyref: " + e.getMessage(), e);
        }
    }

    /**
     * The decision, apart from the database.
     *
     * @param versionNum {@code server_version_num}, for example 180001 for 18.1 and 130023 for 13.23
     * @param version    {@code server_version}, for the message
     * @throws UnsupportedServerVersionException if {@code versionNum} is below {@value #MINIMUM_MAJOR}0000
     */
    static void require(int versionNum, String version) {
        if (versionNum < MINIMUM_MAJOR * 10000) {
            throw new UnsupportedServerVersionException("Polyref needs PostgreSQL " + MINIMUM_MAJOR + " or newer; "
                    + "this server is PostgreSQL " + version + " (server_version_num " + versionNum + "). Polyref "
                    + "created nothing: upgrade the server first.", versionNum);
        }
    }
}
