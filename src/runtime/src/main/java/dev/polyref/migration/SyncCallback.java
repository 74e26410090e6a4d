package dev.polyref.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the catalogue sync on Flyway's connection and logs what it added. */
final class SyncCallback implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(PolyrefMigrations.class);

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        if (event == Event.BEFORE_MIGRATE) {
            PolyrefMigrations.migrate(configuration.getDataSource());
            return;
        }
        List<String> added = sync(context.getConnection(), configuration.getSchemas(), configuration.getTable());
        added.forEach(name -> LOG.info("Adding content type '{}'", name));
    }

    @Override
    public String getCallbackName() {
        return "polyref-sync";
    }

    private static List<String> sync(Connection connection, String[] schemas, String historyTable) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select app_label, model from polyref.sync_content_types(?, ?)")) {
            Array schemaArray = schemas.length == 0 ? null : connection.createArrayOf("text", schemas);
            statement.setArray(1, schemaArray);
            statement.setArray(2, connection.createArrayOf("text", new String[] {historyTable}));
            List<String> added = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    added.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
            return added;
        } catch (SQLException e) {
            throw new FlywayException("Polyref could not sync polyref.content_type: " + e.getMessage(), e);
        }
    }
}
