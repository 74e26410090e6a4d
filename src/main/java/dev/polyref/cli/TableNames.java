package dev.polyref.cli;

import java.util.List;
import org.jooq.Table;
import org.jooq.impl.DSL;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses {@code schema.table} options into jOOQ tables. */
final class TableNames {

    private TableNames() {}

    static List<Table<?>> parse(CommandLine commandLine, List<String> names) {
        return names.stream().<Table<?>>map(qualified -> {
            String[] parts = qualified.split("\\.", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ParameterException(commandLine,
                        "--table needs a schema-qualified table, schema.table; got '" + qualified + "'");
            }
            return DSL.table(DSL.name(parts[0], parts[1]));
        }).toList();
    }
}
