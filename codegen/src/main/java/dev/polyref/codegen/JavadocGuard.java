package dev.polyref.codegen;

import dev.polyref.MalformedDeclarationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.meta.Database;
import org.jooq.meta.Definition;
import org.jooq.meta.RoutineDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.UDTDefinition;

/**
 * Refuses to generate code from names and comments that jOOQ's own generated Javadoc cannot hold. jOOQ writes
 * every name, and every SQL comment, into Javadoc; it breaks up a literal star-slash and the lower-case escapes
 * of it, but not other Unicode escapes that javac reads as a star or a slash (upper-case hex digits, or several
 * u's as in backslash-uu002f). Such a name would end jOOQ's comment early and turn the rest of the name into
 * code of the generated class. Polyref's own classes escape names fully ({@link JavaText}); jOOQ's cannot be
 * fixed from here, so generation stops with the object named.
 */
final class JavadocGuard {

    // javac accepts any number of u's after the backslash
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+([0-9a-fA-F]{4})");

    private JavadocGuard() {}

    /** Fails when the name or comment of anything jOOQ generates from {@code database} hides a comment end. */
    static void check(Database database) {
        for (Definition definition : definitions(database)) {
            check(definition, "name", definition.getName());
            check(definition, "comment", definition.getComment());
        }
    }

    /**
     * @param text a name or a comment
     * @return whether javac would read a Unicode escape in it as {@code *} or {@code /}
     */
    static boolean escapesCommentDelimiter(String text) {
        Matcher m = UNICODE_ESCAPE.matcher(text);
        while (m.find()) {
            int c = Integer.parseInt(m.group(1), 16);
            if (c == '*' || c == '/') {
                return true;
            }
        }
        return false;
    }

    private static void check(Definition definition, String what, String text) {
        if (text != null && escapesCommentDelimiter(text)) {
            throw new MalformedDeclarationException("Polyref: the " + what + " of " + definition.getQualifiedName()
                    + " contains a Unicode escape of '*' or '/', which would end a Javadoc comment of jOOQ's "
                    + "generated code and turn the rest into code: rename it, change the comment, or exclude it "
                    + "from code generation");
        }
    }

    private static List<Definition> definitions(Database database) {
        List<Definition> all = new ArrayList<>();
        for (SchemaDefinition schema : database.getSchemata()) {
            all.add(schema);
            for (TableDefinition table : database.getTables(schema)) {
                all.add(table);
                all.addAll(table.getColumns());
            }
            for (UDTDefinition udt : database.getUDTs(schema)) {
                all.add(udt);
                all.addAll(udt.getAttributes());
            }
            for (RoutineDefinition routine : database.getRoutines(schema)) {
                all.add(routine);
                all.addAll(routine.getAllParameters());
            }
            all.addAll(database.getSequences(schema));
            all.addAll(database.getIndexes(schema));
            all.addAll(database.getKeys(schema));
            all.addAll(database.getForeignKeys(schema));
            all.addAll(database.getCheckConstraints(schema));
            all.addAll(database.getDomains(schema));
            all.addAll(database.getEnums(schema));
        }
        return all;
    }
}
