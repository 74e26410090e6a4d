package dev.polyref.codegen;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.NaturalKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;

/** Reads the generic keys declared on one schema ({@code polyref.generic_keys()}), failing on any problem. */
final class GenericKeyDeclarations {

    /**
     * One declaration: the key's table and columns, its allowed targets (empty for any), its ON DELETE action
     * ({@code cascade}, {@code set null}, {@code restrict}, {@code no action}) and whether it is enforced.
     */
    record Declaration(String table, String name, String ctColumn, String idColumn, List<NaturalKey> targets,
            String onDelete, boolean enforced, boolean forConcreteModel) {}

    private static final Field<String> TABLE_NAME = field(name("gk", "table_name"), String.class);
    private static final Field<String> NAME = field(name("gk", "name"), String.class);
    private static final Field<String> CT_COLUMN = field(name("gk", "ct_column"), String.class);
    private static final Field<String> ID_COLUMN = field(name("gk", "id_column"), String.class);
    private static final Field<String> ON_DELETE = field(name("gk", "on_delete"), String.class);
    private static final Field<Boolean> ENFORCED = field(name("gk", "enforced"), Boolean.class);
    // Django's for_concrete_model (issue 12), read from the declaration's row
    private static final Field<Boolean> FOR_CONCRETE_MODEL = field("(select k.for_concrete_model from "
            + "polyref.generic_key k where k.id operator(pg_catalog.=) {0})", Boolean.class, field(name("gk", "id")));
    private static final Field<String> APP_LABEL = field(name("ct", "app_label"), String.class);
    private static final Field<String> MODEL = field(name("ct", "model"), String.class);

    private GenericKeyDeclarations() {}

    static List<Declaration> read(DSLContext dsl, String schema) {
        try {
            failOnProblems(dsl, schema);
            Map<List<String>, Declaration> byKey = new LinkedHashMap<>();
            dsl.select(TABLE_NAME, NAME, CT_COLUMN, ID_COLUMN, APP_LABEL, MODEL, ON_DELETE, ENFORCED, FOR_CONCRETE_MODEL)
                    .from(table("polyref.generic_keys()").as("gk"))
                    .leftJoin(table(name("polyref", "generic_key_target")).as("t"))
                    .on(field(name("t", "generic_key_id")).eq(field(name("gk", "id"))))
                    .leftJoin(table(name("polyref", "content_type")).as("ct"))
                    .on(field(name("ct", "id")).eq(field(name("t", "content_type_id"))))
                    .where(textEquals(field(name("gk", "table_schema"), String.class), schema))
                    .orderBy(TABLE_NAME, NAME, APP_LABEL, MODEL)
                    .forEach(r -> {
                        Declaration d = byKey.computeIfAbsent(List.of(r.value1(), r.value2()),
                                k -> new Declaration(r.value1(), r.value2(), r.value3(), r.value4(),
                                        new ArrayList<>(), r.value7(), r.value8(), !Boolean.FALSE.equals(r.value9())));
                        if (r.value5() != null) {
                            d.targets().add(NaturalKey.of(r.value5(), r.value6()));
                        }
                    });
            return List.copyOf(byKey.values());
        } catch (DataAccessException e) {
            throw new MalformedDeclarationException("Polyref: cannot read polyref.generic_key while generating "
                    + "schema " + schema + ": apply Polyref's migrations first. Cause: " + e.getMessage(), e);
        }
    }

    // A text column against a varchar bind: the operator is named, so no look-alike on the search path is taken
    private static Condition textEquals(Field<String> column, String value) {
        return condition("{0} operator(pg_catalog.=) {1}", column, val(value));
    }

    // The columns may have changed since the declaration: re-run the checks of polyref.declare_generic_key
    private static void failOnProblems(DSLContext dsl, String schema) {
        List<String> problems = dsl.select(field(name("problem"), String.class))
                .from("polyref.generic_key_problems()")
                .where(textEquals(field(name("table_schema"), String.class), schema))
                .fetch(0, String.class);
        if (!problems.isEmpty()) {
            throw new MalformedDeclarationException("Polyref: malformed generic key declaration(s):\n  "
                    + problems.stream().collect(Collectors.joining("\n  ")));
        }
    }
}
