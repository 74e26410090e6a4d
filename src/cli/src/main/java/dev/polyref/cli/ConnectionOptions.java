package dev.polyref.cli;

import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --url}, {@code --user}, {@code --password}, shared by every command that works on a database. */
final class ConnectionOptions {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "--url", "POLYREF_URL",
            "--user", "POLYREF_USER",
            "--password", "POLYREF_PASSWORD");

    /** {@code //user:password@host} or {@code //user@host}. */
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:postgresql://[^/?]*@");

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "The database, jdbc:postgresql://host:port/database (default: $POLYREF_URL).")
    @Nullable String url;

    @Option(names = "--user", description = "Database user (default: $POLYREF_USER).")
    @Nullable String user;

    @Option(names = "--password", description = "Database password (default: $POLYREF_PASSWORD).")
    @Nullable String password;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The default of a connection option: its environment variable, if set. */
    static @Nullable String environmentDefault(OptionSpec option, Map<String, String> environment) {
        String variable = ENVIRONMENT.get(option.longestName());
        return variable == null ? null : environment.get(variable);
    }

    /**
     * @return a data source for the database (each connection opened on demand)
     * @throws ParameterException if no URL was given or it is not a PostgreSQL JDBC URL
     */
    DataSource dataSource() {
        if (url == null || url.isBlank()) {
            throw new ParameterException(command.commandLine(), "Missing --url (or set POLYREF_URL)");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(command.commandLine(),
                    "--url must be a PostgreSQL JDBC URL, jdbc:postgresql://host:port/database; got " + url);
        }
        if (USER_INFO.matcher(url).find()) {
            // pgjdbc has no user:password@ form: it would take the password for a port and log it
            throw new ParameterException(command.commandLine(), "--url cannot carry user:password@host; use --user "
                    + "and --password (or $POLYREF_USER, $POLYREF_PASSWORD)");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "Invalid --url " + url + ": " + e.getMessage());
        }
        if (user != null && !user.isEmpty()) {
            dataSource.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            dataSource.setPassword(password);
        }
        dataSource.setApplicationName("polyref");
        return dataSource;
    }

    /**
     * @return one open connection, for the duration of a command
     * @throws ParameterException if the options are unusable
     */
    Database open() {
        return Database.open(dataSource());
    }
}
