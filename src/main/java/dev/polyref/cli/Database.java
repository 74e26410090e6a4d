package dev.polyref.cli;

import dev.polyref.PolyrefException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** One connection held for the length of a command, and a DSLContext over it. */
final class Database implements AutoCloseable {

    private final Connection connection;
    private final DSLContext dsl;

    private Database(Connection connection) {
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    static Database open(DataSource dataSource) {
        try {
            return new Database(dataSource.getConnection());
        } catch (SQLException e) {
            throw new PolyrefException("Cannot connect: " + e.getMessage(), e);
        }
    }

    DSLContext dsl() {
        return dsl;
    }

    /**
     * @return the DSLContext, after checking Polyref's schema is there
     * @throws PolyrefException if it is not, saying to run {@code polyref migrate}
     */
    DSLContext polyref() {
        if (dsl.fetchValue("select to_regclass('polyref.content_type')") == null) {
            throw new PolyrefException("This database has no Polyref catalogue (polyref.content_type); "
                    + "run 'polyref migrate' first");
        }
        return dsl;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing after the work is done: nothing left to lose
        }
    }
}
