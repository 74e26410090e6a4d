package dev.polyref.cli;

import java.util.List;
import org.jooq.Table;
import org.jooq.impl.DSL;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses {@code schema.table} and schema options. */
final class TableNames {

    private TableNames() {}

    /**
     * @param names {@code schema.table}, split at the first dot as fixtures do (so a table name may hold dots, a
     *              schema name may not)
     */
    static List<Table<?>> parse(CommandLine commandLine, List<String> names) {
        return names.stream().<Table<?>>map(qualified -> {
            int dot = qualified.indexOf('.');
            if (dot <= 0 || dot == qualified.length() - 1) {
                throw new ParameterException(commandLine,
                        "--table needs a schema-qualified table, schema.table; got '" + Text.printable(qualified)
                                + "'");
            }
            return DSL.table(DSL.name(qualified.substring(0, dot), qualified.substring(dot + 1)));
        }).toList();
    }

    /**
     * The values of a {@code --schemas} option, which picocli splits at commas outside double quotes: a name in
     * double quotes, as SQL writes it ({@code "a,b"}, a quote doubled inside), is unquoted, so
     * {@code --schemas '"a,b",c'} means the schemas {@code a,b} and {@code c}. The option also repeats:
     * {@code --schemas a --schemas b}.
     */
    static List<String> schemas(List<String> values) {
        return values.stream().map(TableNames::unquote).toList();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\"\"", "\"");
        }
        return value;
    }
}
