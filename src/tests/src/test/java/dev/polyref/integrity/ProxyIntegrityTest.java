package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.DanglingReferenceException;
import dev.polyref.MalformedDeclarationException;
import dev.polyref.RestrictedDeleteException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: integrity treats a proxy's rows as its base table's rows. A schema's table {@code t} has a proxy, the
 * view {@code v}; its key {@code r(ct, oid)} stores the proxy's own content type (for_concrete_model = false), or
 * allows only the proxy. Each test has a schema of its own.
 */
@PolyrefTest
class ProxyIntegrityTest {

    private final TestDatabase db;
    private final DSLContext dsl;

    ProxyIntegrityTest(TestDatabase db) {
        this.db = db;
        this.dsl = IntegritySchema.translating(db);
    }

    /** Schema {@code name}: t with rows 1..3, its proxy v (catalogued), r's key declared with these targets. */
    private IntegritySchema proxied(String name, OnDelete onDelete, String... targets) {
        IntegritySchema s = IntegritySchema.create(dsl, name);
        dsl.execute("create view " + name + ".v as select id, title from " + name + ".t");
        dsl.execute("select polyref.declare_proxy('" + name + ".v')");
        dsl.execute("insert into " + name + ".t (id, title) values (1, 'a'), (2, 'b'), (3, 'c')");
        s.declare(onDelete, targets);
        return s;
    }

    private void storeProxyTypes(String name) {
        dsl.execute("select polyref.set_generic_key_for_concrete_model('" + name + ".r', 'target', false)");
    }

    private void insert(IntegritySchema s, int ct, long oid) {
        dsl.execute("insert into " + s.name() + ".r (ct, oid) values (" + ct + ", " + oid + ")");
    }

    private long registryRows(int ct) {
        return dsl.fetchCount(dsl.selectFrom("polyref.object_bigint").where("content_type_id = " + ct));
    }

    private static String sqlState(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Test
    void aKeyStoringProxyTypesAcceptsAProxysRowAndRefusesAMissingOne() {
        IntegritySchema s = proxied("pstore", OnDelete.CASCADE, "t", "v");
        storeProxyTypes("pstore");
        int t = s.contentType("t");
        int v = s.contentType("v");

        EnforcementReport report = GenericKeyIntegrity.using(dsl).enforce(s.r(), IntegritySchema.KEY);

        assertThat(report.targets()).containsExactly("pstore.t", "pstore.v");
        assertThat(registryRows(t)).isEqualTo(3);
        assertThat(registryRows(v)).as("the base table's rows, under the proxy's type").isEqualTo(3);
        assertThat(report.validated()).isTrue();
        insert(s, v, 1);
        insert(s, t, 1);
        assertThatThrownBy(() -> insert(s, v, 99)).isInstanceOf(DanglingReferenceException.class)
                .hasMessageContaining("pstore.r").hasMessageContaining("99")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        // A row inserted later is the proxy's too, in the same statement's trigger
        dsl.execute("insert into pstore.t (id, title) values (4, 'd')");
        insert(s, v, 4);
        assertThat(registryRows(v)).isEqualTo(4);
        assertThat(registryRows(t)).isEqualTo(4);
    }

    @Test
    void deletingTheBaseRowAppliesTheKeysActionToProxyTypedReferences() {
        IntegritySchema cascade = proxied("pcascade", OnDelete.CASCADE, "t", "v");
        storeProxyTypes("pcascade");
        GenericKeyIntegrity.using(dsl).enforce(cascade.r(), IntegritySchema.KEY);
        int v = cascade.contentType("v");
        insert(cascade, v, 1);
        insert(cascade, v, 2);
        insert(cascade, cascade.contentType("t"), 1);

        dsl.execute("delete from pcascade.t where id = 1");

        assertThat(cascade.count("true")).as("both references to row 1 cascaded").isEqualTo(1);
        assertThat(cascade.count("ct = " + v + " and oid = 2")).isEqualTo(1);

        // A changed key follows (ON UPDATE CASCADE through the proxy's registry row)
        dsl.execute("update pcascade.t set id = 20 where id = 2");
        assertThat(cascade.count("ct = " + v + " and oid = 20")).isEqualTo(1);

        // TRUNCATE removes the proxy's registry rows as well
        dsl.execute("delete from pcascade.r");
        dsl.execute("truncate pcascade.t");
        assertThat(registryRows(v)).isZero();

        IntegritySchema restrict = proxied("prestrict", OnDelete.RESTRICT, "t", "v");
        storeProxyTypes("prestrict");
        GenericKeyIntegrity.using(dsl).enforce(restrict.r(), IntegritySchema.KEY);
        insert(restrict, restrict.contentType("v"), 3);
        assertThatThrownBy(() -> dsl.execute("delete from prestrict.t where id = 3"))
                .isInstanceOf(RestrictedDeleteException.class);
        assertThat(dsl.fetchCount(restrict.table("t"))).isEqualTo(3);
    }

    @Test
    void aKeyWithoutTargetsPointsAtProxiesOnlyWhenItStoresTheirTypes() {
        // Declared without targets: every catalogued table, and every proxy once it stores proxies' types
        IntegritySchema s = proxied("pconcrete", OnDelete.CASCADE);
        int v = s.contentType("v");
        EnforcementReport report = GenericKeyIntegrity.using(dsl).enforce(s.r(), IntegritySchema.KEY);
        assertThat(report.targets()).contains("pconcrete.t").doesNotContain("pconcrete.v");
        assertThat(registryRows(v)).isZero();
        assertThatThrownBy(() -> insert(s, v, 1)).isInstanceOf(TypeNotAllowedException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));

        // Changing the choice of an enforced key enforces it again: the proxy becomes a target
        storeProxyTypes("pconcrete");
        assertThat((String) dsl.fetchValue("select polyref.integrity_allowed(k)::text from polyref.generic_key k "
                + "where k.table_name = 'pconcrete.r'::regclass")).contains(String.valueOf(v));
        insert(s, v, 1);
        assertThat(registryRows(v)).isEqualTo(3);

        // ... and back: the proxy is not a target any more, its registry rows go (the row is now a violation)
        dsl.execute("delete from pconcrete.r");
        dsl.execute("select polyref.set_generic_key_for_concrete_model('pconcrete.r', 'target', true)");
        assertThat(registryRows(v)).isZero();
        assertThat(registryRows(s.contentType("t"))).isEqualTo(3);
        assertThatThrownBy(() -> insert(s, v, 1)).isInstanceOf(TypeNotAllowedException.class);
        // (no key without targets stays enforced: it would keep every other test's tables mirrored)
        GenericKeyIntegrity.using(dsl).unenforce(s.r(), IntegritySchema.KEY);
    }

    @Test
    void aProxyIsAnAllowedTargetOfItsOwnAndItsBaseTableIsNot() {
        IntegritySchema s = proxied("ptarget", OnDelete.CASCADE, "v");
        int t = s.contentType("t");
        int v = s.contentType("v");
        assertThat(dsl.fetchValue("select array_agg(content_type_id)::text from polyref.generic_key_target gt "
                + "join polyref.generic_key k on k.id = gt.generic_key_id where k.table_name = 'ptarget.r'::regclass"))
                .isEqualTo("{" + v + "}");

        EnforcementReport report = GenericKeyIntegrity.using(dsl).enforce(s.r(), IntegritySchema.KEY);

        assertThat(report.targets()).containsExactly("ptarget.v");
        insert(s, v, 2);
        assertThatThrownBy(() -> insert(s, v, 42)).isInstanceOf(DanglingReferenceException.class);
        assertThatThrownBy(() -> insert(s, t, 2)).isInstanceOf(TypeNotAllowedException.class)
                .hasMessageContaining("allowed: ptarget.v (" + v + ")");
        dsl.execute("delete from ptarget.t where id = 2");
        assertThat(s.count("true")).isZero();
        assertThat(dsl.fetch("select * from polyref.integrity_check() where detail like '%ptarget%'")).isEmpty();
        assertThat(dsl.fetch("select * from polyref.generic_key_problems() where table_schema = 'ptarget'"))
                .isEmpty();

        // The proxy's view dropped: check says the key lists a target that is gone
        dsl.execute("drop view ptarget.v");
        assertThat(dsl.fetch("select problem, detail from polyref.integrity_check() where detail like '%ptarget%'"))
                .extracting(r -> r.get(0, String.class) + ": " + r.get(1, String.class))
                .containsExactly("missing_target: generic key target on ptarget.r lists allowed target ptarget.v "
                        + "(content type " + v + "), whose table was dropped; declare the key again without it");
        assertThat(dsl.fetch("select problem from polyref.generic_key_problems() where table_schema = 'ptarget'"))
                .extracting(r -> r.get(0, String.class))
                .containsExactly("generic key target on ptarget.r: allowed target ptarget.v does not exist");

        // Unenforcing removes both the proxy's and (no longer needed) the base table's registry rows and triggers
        GenericKeyIntegrity.using(dsl).unenforce(s.r(), IntegritySchema.KEY);
        assertThat(registryRows(v)).isZero();
        assertThat(registryRows(t)).isZero();
        assertThat(dsl.fetchValue("select count(*) from pg_trigger where tgrelid = 'ptarget.t'::regclass "
                + "and tgname like 'polyref_registry_%'")).isEqualTo(0L);
    }

    @Test
    void aViewThatIsNotACataloguedProxyIsNotATarget() {
        IntegritySchema s = IntegritySchema.create(dsl, "pnotproxy");
        dsl.execute("create view pnotproxy.w as select id, title from pnotproxy.t");
        assertThatThrownBy(() -> s.declare(OnDelete.CASCADE, "w"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("allowed target pnotproxy.w is not a table or a catalogued proxy")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42P17"));
        assertThat(dsl.fetchValue("select count(*) from polyref.content_type where app_label = 'pnotproxy' "
                + "and model = 'w'")).isEqualTo(0L);
    }

    @Test
    void droppingTheBaseTableOrRemovingTheProxyAppliesTheActionToProxyTypedReferences() {
        IntegritySchema s = proxied("pdrop", OnDelete.CASCADE, "t", "v");
        storeProxyTypes("pdrop");
        GenericKeyIntegrity.using(dsl).enforce(s.r(), IntegritySchema.KEY);
        int v = s.contentType("v");
        insert(s, v, 1);
        insert(s, s.contentType("t"), 2);

        // The key stops allowing the proxy (its references deleted first): the proxy's registry rows go, and the
        // base table's trigger stops writing them
        dsl.execute("delete from pdrop.r where ct = " + v);
        s.declare(OnDelete.CASCADE, "t");
        assertThat(s.count("true")).isEqualTo(1);
        assertThat(registryRows(v)).isZero();
        dsl.execute("insert into pdrop.t (id, title) values (5, 'e')");
        assertThat(registryRows(v)).isZero();
        assertThat(registryRows(s.contentType("t"))).isEqualTo(4);

        // The base table dropped without the guard: integrity_repair removes the registry rows of it and its proxy
        dsl.execute("create view pdrop.v2 as select id, title from pdrop.t");
        dsl.execute("select polyref.declare_proxy('pdrop.v2')");
        s.declare(OnDelete.CASCADE, "t", "v2");
        int v2 = s.contentType("v2");
        insert(s, v2, 3);
        boolean guard = Boolean.TRUE.equals(dsl.fetchValue("select polyref.drop_guard_installed()"));
        dsl.execute("drop table pdrop.t cascade");
        if (!guard) {
            dsl.execute("select polyref.integrity_repair()");
        }
        assertThat(s.count("true")).as("every reference cascaded").isZero();
        assertThat(registryRows(v2)).isZero();
    }
}
