package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.integrity.internal.ObjectIdRule;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * One rule for the types of a generic key (issue 9): the SQL function {@code polyref.object_id_registry} and the
 * Java class {@link ObjectIdRule} give the same answer for every (content-type column, object-id column, target
 * key) type case, and declaring then enforcing a key agree with it on real tables.
 */
@PolyrefTest
class ObjectIdRuleParityTest {

    private static final List<String> CONTENT_TYPES = Arrays.asList(null, "integer", "bigint", "smallint", "text");
    private static final List<String> OBJECT_IDS = Arrays.asList(null, "smallint", "integer", "bigint", "text",
            "character varying", "character varying(12)", "uuid", "numeric", "timestamp with time zone");
    private static final List<String> KEYS = Arrays.asList(null, "smallint", "integer", "bigint", "text",
            "character varying", "character varying(40)", "uuid", "numeric(10,0)", "date");

    private final DSLContext dsl;

    ObjectIdRuleParityTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @Test
    void theSqlFunctionAndTheJavaClassAgreeOnEveryCase() {
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        for (String ct : CONTENT_TYPES) {
            for (String id : OBJECT_IDS) {
                for (String pk : KEYS) {
                    Optional<String> sql = Optional.ofNullable(dsl.resultQuery(
                            "select polyref.object_id_registry({0}, {1}, {2})", DSL.val(ct, String.class),
                            DSL.val(id, String.class), DSL.val(pk, String.class)).fetchSingle().get(0, String.class));
                    Optional<String> java = ObjectIdRule.registry(ct, id, pk);
                    cases++;
                    if (!sql.equals(java)) {
                        disagreements.add("(" + ct + ", " + id + ", " + pk + "): SQL " + sql + ", Java " + java);
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(5 * 10 * 10);
        assertThat(disagreements).isEmpty();
    }

    /** What the rule says, written out, so that both sides cannot drift the same way unnoticed. */
    @Test
    void theRuleIsTheDocumentedOne() {
        assertThat(ObjectIdRule.registry("integer", "bigint", "bigint")).contains("bigint");
        assertThat(ObjectIdRule.registry("integer", "bigint", "integer")).contains("bigint");
        assertThat(ObjectIdRule.registry("integer", "integer", "bigint")).as("narrower than the key").isEmpty();
        assertThat(ObjectIdRule.registry("bigint", "bigint", "bigint")).as("bigint content type").isEmpty();
        assertThat(ObjectIdRule.registry("integer", "character varying(12)", null)).as("bounded varchar").isEmpty();
        assertThat(ObjectIdRule.registry("integer", "text", "character varying(40)")).contains("text");
        assertThat(ObjectIdRule.registry("integer", "varchar", "uuid")).contains("text");
        assertThat(ObjectIdRule.registry("integer", "uuid", "bigint")).isEmpty();
        assertThat(ObjectIdRule.registry("int4", "int8", "int2")).as("jOOQ-meta spellings").contains("bigint");
        assertThat(ObjectIdRule.canHold(Long.class, Integer.class)).isTrue();
        assertThat(ObjectIdRule.canHold(Integer.class, Long.class)).isFalse();
        assertThat(ObjectIdRule.canHold(String.class, java.util.UUID.class)).isTrue();
    }

    /** Declaring refuses exactly what the rule refuses, and enforcing accepts every declared key. */
    @Test
    void declaringAndEnforcingAgreeWithTheRule() {
        dsl.execute("create schema rule");
        List<String> disagreements = new ArrayList<>();
        int n = 0;
        for (String ct : List.of("integer", "bigint")) {
            for (String id : OBJECT_IDS.subList(1, OBJECT_IDS.size())) {
                for (String pk : KEYS.subList(1, KEYS.size())) {
                    n++;
                    String target = "rule.t" + n;
                    String referencing = "rule.r" + n;
                    dsl.execute("create table " + target + " (id " + pk + " primary key)");
                    dsl.execute("create table " + referencing + " (id bigint primary key, ct " + ct
                            + " references polyref.content_type (id), oid " + id + ")");
                    boolean rule = ObjectIdRule.registry(ct, id, pk).isPresent();
                    boolean declared = succeeds("select polyref.declare_generic_key({0}::regclass, 'k', 'ct', 'oid', "
                            + "array[{1}]::regclass[])", referencing, target);
                    boolean enforced = declared && succeeds("select polyref.enforce_generic_key({0}::regclass, 'k')",
                            referencing, null);
                    if (declared != rule || enforced != declared) {
                        disagreements.add("(" + ct + ", " + id + ", " + pk + "): rule " + rule + ", declare "
                                + declared + ", enforce " + enforced);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
        dsl.execute("drop schema rule cascade");
    }

    private boolean succeeds(String sql, String first, String second) {
        try {
            dsl.transaction(tx -> tx.dsl().execute(sql, DSL.val(first), DSL.val(second, String.class)));
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }
}
