package dev.polyref.codegen;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.PolyrefException;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.integrity.OnDelete;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaGenerator;
import org.jooq.codegen.JavaWriter;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.Database;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.UniqueKeyDefinition;
import org.jooq.tools.JooqLogger;
import org.jspecify.annotations.Nullable;

/**
 * jOOQ's {@link JavaGenerator} plus Polyref's typed catalogue: for every schema it generates, a
 * {@code Models} class next to {@code Tables}, with one {@code Model} constant per table named as
 * jOOQ names the table ({@code Models.VIDEO} beside {@code Tables.VIDEO}) and a list {@code ALL}.
 *
 * <pre>{@code
 * <generator>
 *   <name>dev.polyref.codegen.PolyrefGenerator</name>
 *   ...
 * </generator>
 * }</pre>
 *
 * <p>For every schema with generic keys declared by {@code polyref.declare_generic_key}, a {@code GenericKeys}
 * class with one {@code GenericKey} constant per declaration, named after the table and key
 * ({@code GenericKeys.ACTIVITY_TARGET}). A declaration whose columns no longer fit (Django's checks E001-E004,
 * re-run by {@code polyref.generic_key_problems()}) or whose allowed target has no constant fails the build with
 * a message naming the table and column.
 *
 * <p>Beside it, a {@code GenericRelations} class with the reverse relations derived from those keys (no
 * declaration of their own): one {@code GenericRelation} constant per key and table it can point at, named
 * {@code <PARENT>__<KEY>} ({@code GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT}); see
 * {@code GenericRelationsWriter}.
 *
 * <p>Tables without a single-column primary key of a supported type (smallint, integer, bigint, text,
 * varchar, uuid) get no constant; the reason is logged. A schema whose tables are missing from
 * {@code polyref.content_type} fails the build with a message naming them.
 *
 * <p>jOOQ names each schema's own class after the schema, in the same package: for a schema named
 * {@code models}, {@code generic_keys} or {@code generic_relations}, Polyref's class is prefixed instead
 * ({@code PolyrefModels}, ...), and every schema refers to it by that name.
 *
 * <p>Names come from whoever can create objects in the database, so they are written only as escaped string
 * literals and Javadoc text ({@code JavaText}), never as code; two objects whose constants would share a name
 * fail the build naming both ({@code Constants}); names that jOOQ's own Javadoc cannot hold are refused
 * ({@code JavadocGuard}); and generation runs with the connection's {@code search_path} pinned to
 * {@code pg_catalog, pg_temp}.
 */
public class PolyrefGenerator extends JavaGenerator {

    static {
        QuietLogging.install();
    }

    private static final JooqLogger LOG = JooqLogger.getLogger(PolyrefGenerator.class);
    private static final String POLYREF_SCHEMA = "polyref";

    // Every key and relation of this generation, read once: records and DAOs are generated table by table
    private @Nullable KeyIndex index;

    // The catalogued proxies (issue 12), read once: [schema, view] -> the key column of the base table
    private @Nullable Map<List<String>, String> proxies;

    /**
     * Generates with the connection's {@code search_path} pinned to {@code pg_catalog, pg_temp} (restored after),
     * after refusing names that jOOQ's own Javadoc cannot hold (see {@link JavadocGuard}).
     */
    @Override
    public void generate(Database database) {
        UpToDateCheck upToDate = UpToDateCheck.of(this, database);
        if (upToDate.skip()) {
            return;
        }
        DSLContext dsl = database.create();
        // jOOQ's catalogue queries and Polyref's compare names with bound varchars and call built-ins unqualified:
        // with only pg_catalog on the path, no look-alike function or operator of another role is ever chosen
        String previous = dsl.resultQuery("select pg_catalog.current_setting('search_path')")
                .fetchOne(0, String.class);
        dsl.execute("select pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false)");
        try {
            JavadocGuard.check(database);
            index = null;
            proxies = null;
            super.generate(database);
            upToDate.recordGenerated();
        } catch (RuntimeException e) {
            throw polyrefCause(e);
        } finally {
            dsl.execute("select pg_catalog.set_config('search_path', {0}, false)", DSL.val(previous));
        }
    }

    /**
     * The Polyref exception behind a failure of jOOQ's generation, else the failure itself. jOOQ 3.19 wraps what
     * a schema's generation throws in a {@code GeneratorException} per schema and catalog, 3.20 and later do
     * not: unwrapped, {@code GenerationTool} throws Polyref's exception itself on every jOOQ line.
     */
    private static RuntimeException polyrefCause(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PolyrefException polyref) {
                return polyref;
            }
        }
        return e;
    }

    @Override
    protected void generateTableReferences(SchemaDefinition schema) {
        super.generateTableReferences(schema);
        if (!schema.getName().equals(POLYREF_SCHEMA)) {
            generateContentTypes(schema);
            List<GenericKeyDeclarations.Declaration> keys =
                    GenericKeyDeclarations.read(schema.getDatabase().create(), schema.getName());
            generateGenericKeys(schema, keys);
            new GenericRelationsWriter(this).write(schema, keys);
            new TypedTargetsWriter(this).write(schema, index(schema.getDatabase()));
        }
    }

    /** Adds the generic keys' navigation to a record class: see {@code RecordNavigationWriter}. */
    @Override
    protected void generateRecordClassFooter(TableDefinition table, JavaWriter out) {
        super.generateRecordClassFooter(table, out);
        if (!table.getSchema().getName().equals(POLYREF_SCHEMA) && hasRecordClass(table)) {
            new RecordNavigationWriter(this).write(index(table.getDatabase()), table, out);
        }
    }

    /** Adds the generic keys' queries to a DAO: see {@code DaoNavigationWriter}. */
    @Override
    protected void generateDaoClassFooter(TableDefinition table, JavaWriter out) {
        super.generateDaoClassFooter(table, out);
        if (!table.getSchema().getName().equals(POLYREF_SCHEMA)) {
            new DaoNavigationWriter(this, new RecordNavigationWriter(this)).write(index(table.getDatabase()), table,
                    out);
        }
    }

    private KeyIndex index(Database database) {
        KeyIndex built = index;
        if (built == null) {
            built = KeyIndex.build(this, database);
            index = built;
        }
        return built;
    }

    /** Whether jOOQ generates POJOs as Java records ({@code <pojosAsJavaRecordClasses>}). */
    boolean pojosAreJavaRecords() {
        return generatePojosAsJavaRecordClasses();
    }

    /** Closes a writer opened by {@link #openBesideTables}. */
    void close(JavaWriter out) {
        closeJavaWriter(out);
    }

    private void generateGenericKeys(SchemaDefinition schema, List<GenericKeyDeclarations.Declaration> keys) {
        if (keys.isEmpty()) {
            return;
        }
        JavaWriter out = openBesideTables(schema, "GenericKeys");
        String tables = out.ref(getStrategy().getGlobalReferencesFullJavaClassName(schema, TableDefinition.class));
        String keyType = out.ref("dev.polyref.generic.GenericKey");
        out.javadoc("The generic keys declared on schema <code>%s</code> with <code>polyref.declare_generic_key</code>, "
                + "one constant per declaration named after its table and key. Generated by Polyref.",
                JavaText.javadoc(schema.getName()));
        out.println("public final class %s {", polyrefClassName(schema, "GenericKeys"));
        Constants names = new Constants(schema, polyrefClassName(schema, "GenericKeys"));
        for (GenericKeyDeclarations.Declaration key : keys) {
            TableDefinition table = keyTable(schema, key);
            if (table == null) {
                LOG.info("Polyref skips generic key " + key.name(), "its table " + schema.getName() + "."
                        + key.table() + " is excluded from code generation, or jOOQ generates no record class "
                        + "for it");
                continue;
            }
            ColumnDefinition id = table.getColumn(key.idColumn());
            String constant = genericKeyConstant(table, key);
            String tableRef = tables + "." + getStrategy().getJavaIdentifier(table);
            List<String> targets = new ArrayList<>();
            for (NaturalKey target : key.targets()) {
                targets.add(contentTypeRef(out, schema, key, target));
            }
            out.javadoc("Generic key <code>%s</code> on <code>%s.%s</code>: content type in <code>%s</code>, object id "
                    + "in <code>%s</code> (%s); may point at %s; on delete %s%s.", JavaText.javadoc(key.name()),
                    JavaText.javadoc(schema.getName()), JavaText.javadoc(table.getName()),
                    JavaText.javadoc(key.ctColumn()), JavaText.javadoc(key.idColumn()),
                    JavaText.javadoc(id.getType().getType()),
                    key.targets().isEmpty() ? "any table" : key.targets().stream()
                            .map(t -> JavaText.javadoc(t.toString())).collect(Collectors.joining(", ")),
                    JavaText.javadoc(key.onDelete()), key.enforced() ? ", enforced" : "");
            // The ON DELETE action and enforcement come from the same declaration as the columns and targets
            String onDelete = out.ref(OnDelete.class.getName()) + "." + OnDelete.ofSql(key.onDelete()).name();
            out.println("public static final %s<%s, %s> %s = %s.of(%s, %s, %s.%s, %s.%s, %s, %s%s)%s;", keyType,
                    out.ref(getStrategy().getFullJavaClassName(table, Mode.RECORD)),
                    out.ref(getJavaType(id.getType(resolver(out)), out)), constant, keyType,
                    JavaText.literal(key.name()), tableRef,
                    tableRef, getStrategy().getJavaIdentifier(table.getColumn(key.ctColumn())), tableRef,
                    getStrategy().getJavaIdentifier(id), onDelete, key.enforced(),
                    targets.stream().map(t -> ", " + t).collect(Collectors.joining()),
                    key.forConcreteModel() ? "" : ".storingProxyTypes()");   // for_concrete_model = false
            names.add(constant, "generic key " + key.name() + " on " + schema.getName() + "." + table.getName());
        }
        closeWithAll(out, keyType, names, "Every generic key of schema <code>%s</code>.");
    }

    /**
     * The table of a generic key that gets a {@code GenericKeys} constant: one jOOQ generates, with its own record
     * class (see {@link #hasRecordClass}); else null.
     */
    @Nullable TableDefinition keyTable(SchemaDefinition schema, GenericKeyDeclarations.Declaration key) {
        TableDefinition table = table(schema.getDatabase(), schema.getName(), key.table());
        return table != null && hasRecordClass(table) ? table : null;
    }

    /**
     * Whether jOOQ generates a record class for the table. jOOQ 3.20 and later generate none for tables outside
     * {@code <recordsIncludes>} or inside {@code <recordsExcludes>} (the default, {@code .*}, also leaves out
     * names with line breaks); the table's class then uses {@code org.jooq.Record}, which cannot be the
     * {@code TableRecord} of Polyref's constants. jOOQ 3.19 always generates one.
     */
    boolean hasRecordClass(TableDefinition table) {
        return !getStrategy().getFullJavaClassName(table, Mode.RECORD).equals(Record.class.getName());
    }

    /** {@code GenericKeys.<TABLE>_<KEY>}'s name: the table as jOOQ names it, then the key's name. */
    String genericKeyConstant(TableDefinition table, GenericKeyDeclarations.Declaration key) {
        return JavaText.identifier(getStrategy().getJavaIdentifier(table) + "_" + key.name().toUpperCase(Locale.ROOT));
    }

    /**
     * The simple name of a class Polyref generates beside a schema's {@code Tables}: {@code base}
     * ({@code Models}, {@code GenericKeys}, {@code GenericRelations}), or {@code Polyref<base>} when jOOQ
     * already gives that name to the schema's own class (jOOQ names it after the schema: a schema named
     * {@code models} has a class {@code Models} in the same package). Every reference to the class,
     * from any schema, goes through here, so it is always the same name.
     */
    String polyrefClassName(SchemaDefinition schema, String base) {
        return getStrategy().getJavaClassName(schema).equals(base) ? "Polyref" + base : base;
    }

    /** The fully qualified name of {@link #polyrefClassName}. */
    String polyrefClass(SchemaDefinition schema, String base) {
        String tables = getStrategy().getGlobalReferencesFullJavaClassName(schema, TableDefinition.class);
        return tables.substring(0, tables.lastIndexOf('.') + 1) + polyrefClassName(schema, base);
    }

    /**
     * A writer for the class {@code base} in the package of jOOQ's {@code Tables} (named by
     * {@link #polyrefClassName}), with the package printed.
     */
    JavaWriter openBesideTables(SchemaDefinition schema, String base) {
        String className = polyrefClassName(schema, base);
        File file = new File(getStrategy().getGlobalReferencesFile(schema, TableDefinition.class).getParentFile(),
                className + ".java");
        JavaWriter out = newJavaWriter(file);
        printPackage(out, schema);
        return out;
    }

    /**
     * Ends a constants class with a list {@code ALL} of its constants and a private constructor.
     *
     * @param javadoc the list's Javadoc, with one {@code %s} for the schema's name
     */
    void closeWithAll(JavaWriter out, String elementType, Constants names, String javadoc) {
        out.javadoc(javadoc, JavaText.javadoc(names.schema().getName()));
        out.println("public static final %s<%s<?, ?>> ALL = %s.of(%s);", out.ref("java.util.List"), elementType,
                out.ref("java.util.List"), String.join(", ", names.names()));
        out.println();
        out.println("private %s() {}", names.className());
        out.println("}");
        closeJavaWriter(out);
    }

    /** {@code Models.X} of the target's schema; the target must be generated too. */
    String contentTypeRef(JavaWriter out, SchemaDefinition schema, GenericKeyDeclarations.Declaration key,
            NaturalKey target) {
        TableDefinition table = table(schema.getDatabase(), target.appLabel(), target.model());
        if (table == null || whyNoConstant(table) != null) {
            throw new MalformedDeclarationException("Polyref: generic key " + key.name() + " on " + schema.getName()
                    + "." + key.table() + " allows target " + target + ", which has no Models constant: "
                    + (table == null ? "add its schema and table to code generation"
                            : whyNoConstant(table)));
        }
        String contentTypes = polyrefClass(table.getSchema(), "Models");
        return out.ref(contentTypes) + "." + getStrategy().getJavaIdentifier(table);
    }

    /**
     * The generated table with exactly this schema and name, or null. Not jOOQ's {@code Database.getTable}: names
     * here are the database's own, whatever characters they hold, and must match exactly.
     */
    static @Nullable TableDefinition table(Database database, String schemaName, String tableName) {
        for (SchemaDefinition schema : database.getSchemata()) {
            if (schema.getName().equals(schemaName)) {
                for (TableDefinition table : database.getTables(schema)) {
                    if (table.getName().equals(tableName)) {
                        return table;
                    }
                }
            }
        }
        return null;
    }

    private void generateContentTypes(SchemaDefinition schema) {
        List<TableDefinition> catalogued = catalogued(schema);
        // Beside jOOQ's Tables class, in the same package
        JavaWriter out = openBesideTables(schema, "Models");
        String tables = out.ref(getStrategy().getGlobalReferencesFullJavaClassName(schema, TableDefinition.class));
        String modelType = out.ref("dev.polyref.catalogue.Model");
        out.javadoc("The content types of schema <code>%s</code>: one constant per table that generic keys can "
                + "point at, named like the tables in {@link %s}. Generated by Polyref from the migrated schema.",
                JavaText.javadoc(schema.getName()), tables);
        out.println("public final class %s {", polyrefClassName(schema, "Models"));
        Constants names = new Constants(schema, polyrefClassName(schema, "Models"));
        for (TableDefinition table : catalogued) {
            ColumnDefinition key = Objects.requireNonNull(keyColumn(table));   // catalogued() checked it
            String constant = getStrategy().getJavaIdentifier(table);
            String tableRef = tables + "." + constant;
            String recordType = out.ref(getStrategy().getFullJavaClassName(table, Mode.RECORD));
            String keyType = out.ref(getJavaType(key.getType(resolver(out)), out));
            if (table.isView()) {
                // A proxy's rows are its base table's, found by the base table's key (issue 12)
                out.javadoc("Content type <code>%s.%s</code>: a proxy, view {@link %s#%s} of its base table's rows, "
                        + "by the base table's key <code>%s</code>.", JavaText.javadoc(schema.getName()),
                        JavaText.javadoc(table.getName()), tables, constant, JavaText.javadoc(key.getName()));
            } else {
                out.javadoc("Content type <code>%s.%s</code>: table {@link %s#%s}, primary key <code>%s</code>.",
                        JavaText.javadoc(schema.getName()), JavaText.javadoc(table.getName()), tables, constant,
                        JavaText.javadoc(key.getName()));
            }
            out.println("public static final %s<%s, %s> %s = %s.of(%s, %s, %s, %s.%s);",
                    modelType, recordType, keyType, constant, modelType, JavaText.literal(schema.getName()),
                    JavaText.literal(table.getName()), tableRef, tableRef, getStrategy().getJavaIdentifier(key));
            names.add(constant, (table.isView() ? "proxy " : "table ") + table.getQualifiedName());
        }
        closeWithAll(out, modelType, names, "Every content type of schema <code>%s</code>, for "
                + "{@code Polyref.configure().load().using(dsl, Models.ALL).contentTypes()}.");
    }

    /** The tables that get a constant; fails when the catalogue does not match the schema. */
    List<TableDefinition> catalogued(SchemaDefinition schema) {
        Set<String> inCatalogue = catalogue(schema);
        List<TableDefinition> result = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (TableDefinition table : schema.getTables()) {
            // A view gets a constant only as a catalogued proxy (polyref.declare_proxy, polyref.sync_proxies)
            if ((table.isView() && !isProxy(table)) || table.isTableValuedFunction()
                    || table.getName().equals("flyway_schema_history")) {
                continue;
            }
            String skip = whyNoConstant(table);
            if (skip != null) {
                LOG.info("Polyref skips table " + table.getQualifiedName(), skip);
                continue;
            }
            if (!inCatalogue.contains(table.getName())) {
                missing.add(table.getQualifiedName());
                continue;
            }
            result.add(table);
        }
        if (!missing.isEmpty()) {
            throw new MalformedDeclarationException("Polyref: table(s) " + String.join(", ", missing)
                    + " missing from polyref.content_type: sync the catalogue after migrating "
                    + "(register PolyrefMigrations.callback() with Flyway, or call ContentTypeRegistry.sync)");
        }
        return result;
    }

    private @Nullable String whyNoConstant(TableDefinition table) {
        if (!hasRecordClass(table)) {
            return "jOOQ generates no record class for it (see <recordsIncludes> and <recordsExcludes>; "
                    + "(?s).* includes names with line breaks)";
        }
        UniqueKeyDefinition pk = table.getPrimaryKey();
        if (pk != null && pk.getKeyColumns().size() != 1) {
            return "its primary key has " + pk.getKeyColumns().size() + " columns; generic keys need one";
        }
        ColumnDefinition key = keyColumn(table);
        if (key == null) {
            return table.isView() && isProxy(table)
                    ? "it has no column named like its base table's primary key"
                    : "it has no primary key";
        }
        String type = key.getType().getType().toLowerCase();
        // A text object id holds every key type any object id can hold (polyref.object_id_registry)
        if (!dev.polyref.integrity.internal.ObjectIdRule.canHold("text", type)) {
            return "its primary key type " + type + " cannot be an object id (use bigint, integer, text or uuid)";
        }
        return null;
    }

    /**
     * The column that identifies a row of a table or proxy: its single-column primary key (a synthetic one
     * too); for a catalogued proxy without one, its column named like its base table's primary key (a proxy's
     * rows are its base table's rows, polyref.declare_proxy checked the column). Null when there is none.
     */
    @Nullable ColumnDefinition keyColumn(TableDefinition table) {
        UniqueKeyDefinition pk = table.getPrimaryKey();
        if (pk != null) {
            return pk.getKeyColumns().size() == 1 ? pk.getKeyColumns().get(0) : null;
        }
        if (!table.isView()) {
            return null;
        }
        String column = proxies(table.getDatabase()).get(List.of(table.getSchema().getName(), table.getName()));
        return column == null ? null : table.getColumn(column);
    }

    /** Whether the view is catalogued as a proxy whose base table still exists. */
    boolean isProxy(TableDefinition view) {
        return proxies(view.getDatabase()).containsKey(List.of(view.getSchema().getName(), view.getName()));
    }

    private Map<List<String>, String> proxies(Database database) {
        Map<List<String>, String> read = proxies;
        if (read == null) {
            Map<List<String>, String> found = new HashMap<>();
            try {
                for (Record r : database.create().resultQuery(
                        "select ct.app_label, ct.model, pk.column_name::pg_catalog.text "
                        + "from polyref.content_type ct "
                        + "cross join lateral polyref.primary_key_of(polyref.concrete_table_of_content_type(ct.id)) pk "
                        + "where ct.proxy_for is not null").fetch()) {
                    found.put(List.of(r.get(0, String.class), r.get(1, String.class)), r.get(2, String.class));
                }
            } catch (DataAccessException e) {
                throw new MalformedDeclarationException("Polyref: cannot read the catalogued proxies while "
                        + "generating: apply Polyref's migrations first. Cause: " + e.getMessage(), e);
            }
            read = Map.copyOf(found);
            proxies = read;
        }
        return read;
    }

    private Set<String> catalogue(SchemaDefinition schema) {
        DSLContext dsl = schema.getDatabase().create();
        try {
            // app_label is text, the bind a varchar: name the operator so no look-alike on the path is taken
            return Set.copyOf(dsl.resultQuery("select model from polyref.content_type "
                    + "where app_label operator(pg_catalog.=) {0}", DSL.val(schema.getName()))
                    .fetch(0, String.class));
        } catch (DataAccessException e) {
            throw new MalformedDeclarationException("Polyref: cannot read polyref.content_type while generating "
                    + "schema " + schema.getName() + ": apply Polyref's migrations first (PolyrefMigrations, or "
                    + "dev.polyref.codegen.MigratedPostgresDatabase does it for you). Cause: " + e.getMessage(), e);
        }
    }
}
