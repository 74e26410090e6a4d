package dev.polyref.codegen;

import dev.polyref.MalformedDeclarationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;
import org.jooq.meta.SchemaDefinition;

/**
 * The constants of one class Polyref generates for a schema. Their names are derived from database names (by
 * jOOQ's generator strategy, and {@link JavaText#identifier}); two objects whose names differ can still get the
 * same constant ({@code a_b.c} and {@code a.b_c}), and a table named {@code all} would get the name of the list
 * {@code ALL}. Either would fail to compile, or worse, so generation stops naming both objects.
 */
final class Constants {

    private static final String LIST = "ALL";

    private final SchemaDefinition schema;
    private final String className;
    private final Map<String, String> described = new LinkedHashMap<>();

    /**
     * @param schema    the schema the class is generated for
     * @param className the class's simple name
     */
    Constants(SchemaDefinition schema, String className) {
        this.schema = schema;
        this.className = className;
    }

    /**
     * @param constant the constant's name
     * @param what     what it stands for, for the error message
     * @throws MalformedDeclarationException if the name is not a Java identifier or is taken
     */
    void add(String constant, String what) {
        if (!SourceVersion.isName(constant) || constant.contains(".")) {
            throw new MalformedDeclarationException("Polyref: the constant for " + what + " would be named "
                    + constant + ", which is not a Java identifier: fix the jOOQ generator strategy");
        }
        String taken = constant.equals(LIST) ? "the list of all constants" : described.get(constant);
        if (taken != null) {
            throw new MalformedDeclarationException("Polyref: " + className + "." + constant + " of schema "
                    + schema.getName() + " would stand for both " + taken + " and " + what + ": rename one "
                    + "(or give it another Java name with a jOOQ generator strategy)");
        }
        described.put(constant, what);
    }

    SchemaDefinition schema() {
        return schema;
    }

    String className() {
        return className;
    }

    List<String> names() {
        return List.copyOf(described.keySet());
    }
}
