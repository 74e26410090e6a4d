package dev.polyref.generic;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs several statements all-or-nothing inside whatever transaction the caller has. jOOQ's
 * {@code dsl.transaction(...)} is right for a context in auto-commit mode (a transaction of its own) and inside a
 * jOOQ transaction (a savepoint), but on a connection whose transaction the caller manages by hand
 * ({@code setAutoCommit(false)}) jOOQ's default provider would commit that transaction at the end. So: auto-commit
 * gets a jOOQ transaction, anything else a savepoint that is released or rolled back, and the caller commits.
 */
final class Atomically {

    private Atomically() {}

    static <T> T run(DSLContext dsl, Function<DSLContext, T> work) {
        return dsl.connectionResult(connection -> {
            // The same connection for every statement, with the caller's listeners and settings
            DSLContext on = dsl.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
            if (connection.getAutoCommit()) {
                return on.transactionResult(tx -> work.apply(tx.dsl()));
            }
            return inSavepoint(connection, on, work);
        });
    }

    private static <T> T inSavepoint(Connection connection, DSLContext on, Function<DSLContext, T> work)
            throws java.sql.SQLException {
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.apply(on);
        } catch (RuntimeException | Error e) {
            connection.rollback(savepoint);
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }
}
