package dev.polyref.security;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A throw-away schema for one security test, made as the test database's superuser: a target table {@code t}
 * (bigint key), a referencing table {@code r} with generic key {@code target (ct, oid)} declared ON DELETE CASCADE over
 * {@code t} and enforced, ten target rows and one reference to each.
 */
record IntegrityFixture(DSLContext dsl, String schema, int contentType) {

    static IntegrityFixture create(DSLContext dsl, String schema) {
        dsl.execute("create schema " + schema);
        dsl.execute("create table " + schema + ".t (id bigint primary key)");
        dsl.execute("create table " + schema + ".r (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        dsl.execute("select polyref.sync_content_types(array[{0}])", schema);
        dsl.execute("select polyref.declare_generic_key({0}::regclass, 'target', 'ct', 'oid', array[{1}]::regclass[], "
                + "'cascade', p_enforced => true)",
                schema + ".r", schema + ".t");
        int ct = dsl.resultQuery("select id from polyref.content_type where app_label = {0} and model = 't'", schema)
                .fetchSingle().get(0, Integer.class);
        dsl.execute("insert into " + schema + ".t select generate_series(1, 10)");
        dsl.execute("insert into " + schema + ".r (ct, oid) select " + ct + ", generate_series(1, 10)");
        return new IntegrityFixture(dsl, schema, ct);
    }

    /** @return the generated registry trigger function of {@code t}, as SQL */
    String registryFunction() {
        return "polyref.object_registry_ct" + contentType;
    }

    long registryRows() {
        return dsl.fetchCount(DSL.table("polyref.object_bigint"), DSL.condition("content_type_id = {0}", contentType));
    }

    long references() {
        return dsl.fetchCount(DSL.table(DSL.name(schema, "r")));
    }
}
