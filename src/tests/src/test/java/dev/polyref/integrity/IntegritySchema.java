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
                + "ct integer, oid bigint)");
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

    GenericKeyColumns key() {
        return GenericKeyColumns.of(table("r"), "ct", "oid");
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
