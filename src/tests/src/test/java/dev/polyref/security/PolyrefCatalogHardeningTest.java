package dev.polyref.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What pg_proc says about every function in schema polyref, the generated registry trigger functions included
 * (issue 8, item 4): pinned search_path, no SECURITY DEFINER function executable by PUBLIC, EXECUTE for PUBLIC on
 * the public API only (docs/security.md has the privilege model).
 */
@PolyrefTest
class PolyrefCatalogHardeningTest {

    /** Functions PUBLIC may execute: the API and the read-only helpers it calls for its caller. */
    static final Set<String> PUBLIC_API = Set.of(
            "polyref.sync_content_types(text[],text[])",
            "polyref.stale_content_types()",
            "polyref.declare_generic_key(regclass,text,text,text,regclass[],text,boolean)",
            "polyref.generic_keys()",
            "polyref.generic_key_problems()",
            "polyref.dangling_references()",
            "polyref.enforce_generic_key(regclass,text)",
            "polyref.unenforce_generic_key(regclass,text)",
            "polyref.generic_key_violations(regclass,text,integer)",
            "polyref.integrity_check()",
            "polyref.integrity_repair()",
            "polyref.install_drop_guard()",
            "polyref.drop_guard_installed()",
            "polyref.integrity_type_not_allowed(regclass,name,integer,text)",
            "polyref.object_id_registry(text,text,text)",
            "polyref.generic_key_problem(regclass,text,name,name)",
            "polyref.generic_key_on_delete(text)",
            "polyref.column_type_of(regclass,name)",
            "polyref.primary_key_of(regclass)",
            "polyref.content_type_of(regclass)",
            "polyref.table_of_content_type(integer)",
            "polyref.integrity_require_installer(text)",
            "polyref.integrity_allowed(polyref.generic_key)",
            "polyref.integrity_constraint_name(text,name,name)",
            "polyref.integrity_violations(regclass,name,name,text,integer[],integer)",
            // issue 12: verbose names and proxies. The writers check their caller (integrity_require_installer)
            "polyref.content_type_name(text,regclass,text)",
            "polyref.set_content_type_label(regclass,text)",
            "polyref.proxy_base_of(regclass)",
            "polyref.declare_proxy(regclass,regclass)",
            "polyref.sync_proxies(text[])",
            "polyref.concrete_table_of_content_type(integer)",
            "polyref.set_generic_key_for_concrete_model(regclass,text,boolean)",
            // issue 14: Citus
            "polyref.distribute_catalogue()");

    /** SECURITY DEFINER functions PUBLIC may execute because they check their caller: none. */
    static final Set<String> CALLER_CHECKING_DEFINERS = Set.of();

    private static final String FUNCTIONS = """
            select p.oid::regprocedure::text as signature
            from pg_proc p
            where p.pronamespace = 'polyref'::regnamespace and %s
            order by 1""";
    private static final String PUBLIC_MAY_EXECUTE = """
            exists (select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                    where a.grantee = 0 and a.privilege_type = 'EXECUTE')""";

    private final DSLContext dsl;
    private final TestRoles roles;

    PolyrefCatalogHardeningTest(TestDatabase db) {
        this.dsl = db.dsl();
        this.roles = new TestRoles(db);
        if (!dsl.fetchExists(dsl.selectFrom("pg_namespace").where("nspname = 'catalog_fixture'"))) {
            IntegrityFixture.create(dsl, "catalog_fixture");
        }
    }

    @AfterEach
    void dropRoles() throws Exception {
        roles.close();
    }

    @Test
    void theGeneratedTriggerFunctionsAreAmongTheFunctionsLookedAt() {
        assertThat(functions("true")).anyMatch(f -> f.startsWith("polyref.object_registry_ct"))
                .contains("polyref.integrity_on_drop()");
    }

    @Test
    void everyFunctionPinsItsSearchPath() {
        assertThat(functions("not coalesce(p.proconfig @> array['search_path=pg_catalog, pg_temp'], false)"))
                .isEmpty();
    }

    @Test
    void noSecurityDefinerFunctionIsExecutableByPublicUnlessItChecksItsCaller() {
        assertThat(functions("p.prosecdef and " + PUBLIC_MAY_EXECUTE)).containsExactlyInAnyOrderElementsOf(
                CALLER_CHECKING_DEFINERS);
        assertThat(functions("p.prosecdef")).as("the SECURITY DEFINER functions there are")
                .allMatch(f -> f.equals("polyref.integrity_on_drop()") || f.startsWith("polyref.object_registry_ct"));
    }

    @Test
    void publicMayExecuteThePublicApiAndNothingElse() {
        assertThat(functions(PUBLIC_MAY_EXECUTE)).containsExactlyInAnyOrderElementsOf(PUBLIC_API);
    }

    @Test
    void thePublicApiIsTheSetOfFunctionsCommentedAsApi() {
        assertThat(functions("obj_description(p.oid, 'pg_proc') like 'Polyref API%'"))
                .containsExactlyInAnyOrderElementsOf(PUBLIC_API);
        assertThat(functions("obj_description(p.oid, 'pg_proc') is null")).isEmpty();
    }

    @Test
    void anOrdinaryRoleCanCallNoInternalFunction() {
        DSLContext attacker = ordinaryRoleWithUsage();
        List<String> internal = functions("not " + PUBLIC_MAY_EXECUTE);
        assertThat(internal).contains("polyref.integrity_install_triggers(integer)",
                "polyref.integrity_forget_targets(boolean,oid[])");
        for (String function : internal) {
            assertThatThrownBy(() -> attacker.execute("select " + callWithNulls(function)))
                    .as(function).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("permission denied for function");
        }
    }

    @Test
    void anOrdinaryRoleCanAttachNoPolyrefTriggerFunctionToItsOwnTable() {
        DSLContext attacker = ordinaryRoleWithUsage();
        attacker.execute("create temp table mine (id bigint primary key)");
        List<String> triggerFunctions = functions("p.prorettype = 'trigger'::regtype");
        assertThat(triggerFunctions).contains("polyref.integrity_target_removed()")
                .anyMatch(f -> f.startsWith("polyref.object_registry_ct"));
        for (String function : triggerFunctions) {
            assertThatThrownBy(() -> attacker.execute("create trigger t after insert on mine "
                    + "referencing new table as polyref_new for each statement execute function " + function))
                    .as(function).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("permission denied for function");
        }
    }

    @Test
    void anOrdinaryRoleIsToldThatEnforcingIsForTheInstaller() {
        DSLContext attacker = ordinaryRoleWithUsage();
        dsl.execute("grant usage on schema catalog_fixture to public");
        assertThatThrownBy(() -> attacker.execute("select polyref.enforce_generic_key("
                + "'catalog_fixture.r', 'target')"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("may not run Polyref's internal functions");
        assertThatThrownBy(() -> attacker.execute("select polyref.declare_generic_key("
                + "'catalog_fixture.r', 'other', 'ct', 'oid')"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("may not run Polyref's internal functions");
        assertThatThrownBy(() -> attacker.execute("select polyref.integrity_repair()"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("may not run Polyref's internal functions");
    }

    private DSLContext ordinaryRoleWithUsage() {
        TestRoles.Role role = roles.create("mallory");
        dsl.execute("grant usage on schema polyref to " + role.quoted());
        return roles.connect(role);
    }

    /** {@code polyref.f(null::t1, null::t2)} for signature {@code polyref.f(t1,t2)}. */
    private String callWithNulls(String signature) {
        return dsl.resultQuery("select format('%s(%s)', p.oid::regproc, "
                + "(select string_agg(case when p.provariadic <> 0 and i = p.pronargs then 'variadic ' else '' end "
                + "|| 'null::' || format_type(t, null), ', ' order by i) "
                + "from unnest(p.proargtypes::oid[]) with ordinality u (t, i))) "
                + "from pg_proc p where p.oid = {0}::regprocedure", signature).fetchSingle().get(0, String.class);
    }

    private List<String> functions(String condition) {
        return dsl.fetch(String.format(FUNCTIONS, condition)).getValues(0, String.class);
    }
}
