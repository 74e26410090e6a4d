package dev.polyref.integrity;

import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A throw-away schema for one integrity test: a target table {@code t} with a bigint key, a referencing table
 * {@code r} with a nullable generic key {@code (ct, oid)}, catalogued. Created in the test class's own database.
 */
record IntegritySchema(DSLContext dsl, String name) {

    /** @return the test database's DSLContext with Polyref's exception translation added */
    static DSLContext translating(TestDatabase db) {
        return db.dsl().configuration().deriveAppending(new PolyrefExceptionTranslator()).dsl();
    }

    static IntegritySchema create(DSLContext dsl, String name) {
        dsl.execute("create schema " + name);
        dsl.execute("create table " + name + ".t (id bigint primary key, title text)");
        dsl.execute("create table " + name + ".r (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        dsl.execute("create index on " + name + ".r (ct, oid)");
        dsl.execute("select polyref.sync_content_types(array['" + name + "'])");
        return new IntegritySchema(dsl, name);
    }

    /** Creates another table in this schema ({@code ddl} after {@code create table schema.}) and catalogues it. */
    IntegritySchema with(String ddl) {
        dsl.execute("create table " + name + "." + ddl);
        dsl.execute("select polyref.sync_content_types(array['" + name + "'])");
        return this;
    }

    Table<?> table(String table) {
        return DSL.table(DSL.name(name, table));
    }

    /** The referencing table {@code r}, whose generic key {@code (ct, oid)} is named {@link #KEY}. */
    Table<?> r() {
        return table("r");
    }

    /** The name of the generic key {@code r(ct, oid)}. */
    static final String KEY = "target";

    /**
     * Declares (or redeclares) the key {@code r(ct, oid)} with these targets of this schema and this action, not
     * enforced unless it already is (a redeclaration keeps the database's constraints equal to the declaration).
     */
    void declare(OnDelete onDelete, String... targets) {
        dsl.execute("select polyref.declare_generic_key({0}::regclass, {1}, 'ct', 'oid', {2}::regclass[], {3}, "
                + "coalesce((select enforced from polyref.generic_key where table_name = {0}::regclass and name = {1}), "
                + "false))", DSL.val(name + ".r"), DSL.val(KEY), DSL.val(qualified(targets)),
                DSL.val(onDelete.sql()));
    }

    /** Declares the key {@code r(ct, oid)} with these targets and action, and enforces it. */
    EnforcementReport enforce(OnDelete onDelete, String... targets) {
        declare(onDelete, targets);
        return GenericKeyIntegrity.using(dsl).enforce(r(), KEY);
    }

    private String[] qualified(String... tables) {
        return java.util.Arrays.stream(tables).map(t -> name + "." + t).toArray(String[]::new);
    }

    int contentType(String table) {
        return dsl.resultQuery("select id from polyref.content_type where app_label = {0} and model = {1}",
                DSL.val(name), DSL.val(table)).fetchSingle().get(0, Integer.class);
    }

    /** Inserts targets {@code from..to} and {@code perTarget} referencing rows for each. */
    void fill(int from, int to, int perTarget) {
        dsl.execute("insert into " + name + ".t (id, title) select g, 't' || g from generate_series(" + from + ", "
                + to + ") g");
        dsl.execute("insert into " + name + ".r (ct, oid) select " + contentType("t") + ", g from generate_series("
                + from + ", " + to + ") g, generate_series(1, " + perTarget + ")");
    }

    long count(String sqlCondition) {
        return dsl.fetchCount(table("r"), DSL.condition(sqlCondition));
    }
}
