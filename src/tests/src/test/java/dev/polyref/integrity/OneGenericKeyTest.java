package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Tables;
import dev.polyref.generic.GenericKey;
import dev.polyref.generic.GenericRelation;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One generic key, declared once (issue 9): for every key of the example, the declared allowed targets, the
 * targets the database's CHECK allows once enforced, and the generated code's allowed targets and reverse
 * relations are the same tables; redeclaring a key changes its enforcement with it.
 */
@PolyrefTest
class OneGenericKeyTest {

    /** {@code polyref.generic_key}'s (on_delete, enforced) per key, as migrated, before this class enforces. */
    private static final Map<String, List<Object>> AS_MIGRATED = new HashMap<>();
    /** The ON DELETE action each key's enforcement reported. */
    private static final Map<String, OnDelete> REPORTED = new HashMap<>();

    private final DSLContext dsl;

    OneGenericKeyTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @BeforeAll
    static void enforceAsDeclared(TestDatabase db) {
        for (GenericKey<?, ?> key : GenericKeys.ALL) {
            AS_MIGRATED.put(key.toString(), List.of(db.dsl().resultQuery("select on_delete, enforced "
                    + "from polyref.generic_key where table_name = {0}::regclass and name = {1}",
                    table(key), key.name()).fetchSingle().intoArray()));
        }
        GenericKeyIntegrity integrity = Polyref.configure().load().using(db.dsl()).integrity();
        for (GenericKey<?, ?> key : GenericKeys.ALL) {
            EnforcementReport report = integrity.enforce(key);
            assertThat(report.validated()).isTrue();
            REPORTED.put(key.toString(), report.onDelete());
        }
    }

    @Test
    void theGeneratedOnDeleteAndEnforcedAreTheDeclarationsAndWhatPostgresEnforces() {
        assertThat(GenericKeys.ALL).hasSize(4);
        assertThat(GenericKeys.COMMENT_SUBJECT.onDelete()).as("declared p_on_delete => 'restrict'")
                .isEqualTo(OnDelete.RESTRICT);
        for (GenericKey<?, ?> key : GenericKeys.ALL) {
            List<Object> migrated = AS_MIGRATED.get(key.toString());
            assertThat(key.onDelete()).as("onDelete of %s", key).isEqualTo(OnDelete.ofSql((String) migrated.get(0)));
            assertThat(key.enforced()).as("enforced of %s", key).isEqualTo(migrated.get(1));
            assertThat(REPORTED.get(key.toString())).as("enforcement of %s", key).isEqualTo(key.onDelete());
            // The foreign key PostgreSQL enforces carries the declared action
            String action = dsl.resultQuery("""
                    select c.confdeltype::text from pg_constraint c
                    join polyref.generic_key gk on gk.table_name = c.conrelid
                    where gk.table_name = {0}::regclass and gk.name = {1} and c.contype = 'f'
                      and c.conname = polyref.integrity_constraint_name('polyref_fk', gk.ct_column, gk.id_column)""",
                    table(key), key.name()).fetchSingle().get(0, String.class);
            assertThat(action).as("confdeltype of %s", key).isEqualTo(switch (key.onDelete()) {
                case CASCADE -> "c";
                case SET_NULL -> "n";
                case RESTRICT -> "r";
                case NO_ACTION -> "a";
            });
            assertThat(dsl.fetchValue("select enforced from polyref.generic_key where table_name = {0}::regclass "
                    + "and name = {1}", table(key), key.name())).as("enforced after enforce(%s)", key).isEqualTo(true);
        }
    }

    @Test
    void declaredTargetsDatabaseChecksAndGeneratedCodeAreTheSameTables() {
        for (GenericKey<?, ?> key : GenericKeys.ALL) {
            Set<NaturalKey> declared = declaredTargets(key);
            Set<NaturalKey> checked = checkedTargets(key);
            Set<NaturalKey> generated = key.allowedTargets().stream().map(m -> m.naturalKey())
                    .collect(Collectors.toSet());
            Set<NaturalKey> relations = GenericRelations.ALL.stream().filter(r -> r.key().equals(key))
                    .map(GenericRelation::parent).map(m -> m.naturalKey()).collect(Collectors.toSet());
            assertThat(generated).as("GenericKeys.%s", key.name()).isEqualTo(declared);
            assertThat(relations).as("GenericRelations of %s", key.name()).isNotEmpty();
            if (declared.isEmpty()) {
                // Any target: the CHECK allows every catalogued table the object id can hold, a generated
                // relation's parent among them
                assertThat(checked).as("CHECK of %s", key.name()).containsAll(relations);
            } else {
                assertThat(checked).as("CHECK of %s", key.name()).isEqualTo(declared);
                assertThat(relations).as("GenericRelations of %s", key.name()).isEqualTo(declared);
            }
        }
    }

    @Test
    void redeclaringAKeyChangesItsEnforcementAndTurningItOffRemovesIt() {
        try {
            dsl.execute("select polyref.declare_generic_key('example.activity', 'target', "
                    + "p_allowed_targets => array['example.video', 'example.song']::regclass[], p_enforced => true)");
            assertThat(checkedTargets(GenericKeys.ACTIVITY_TARGET)).isEqualTo(Set.of(
                    NaturalKey.of("example", "video"), NaturalKey.of("example", "song")));
            long post = dsl.insertInto(Tables.POST, Tables.POST.TITLE).values("p").returning(Tables.POST.ID)
                    .fetchSingle().getId();
            int postType = contentType("post");
            long user = dsl.insertInto(Tables.USERS, Tables.USERS.USERNAME).values("redeclaring")
                    .returning(Tables.USERS.ID).fetchSingle().getId();
            assertThatThrownBy(() -> dsl.execute("insert into example.activity (user_id, action, content_type_id, "
                    + "object_id) values ({0}, 'liked', {1}, {2})", user, postType, post))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("is not allowed");

            // The declaration says "not enforced": the constraints go
            dsl.execute("select polyref.declare_generic_key('example.activity', 'target', "
                    + "p_allowed_targets => array['example.video', 'example.song']::regclass[])");
            assertThat(polyrefConstraints("example.activity")).isEmpty();
            assertThat(dsl.fetchValue("select enforced from polyref.generic_key "
                    + "where table_name = 'example.activity'::regclass and name = 'target'")).isEqualTo(false);
        } finally {
            // As the example declares it, enforced again
            dsl.execute("select polyref.declare_generic_key('example.activity', 'target', p_allowed_targets => "
                    + "array['example.users', 'example.video', 'example.song', 'example.post', "
                    + "'example.bookmark']::regclass[], p_enforced => true)");
            dsl.execute("delete from example.post");
            dsl.execute("delete from example.users where username = 'redeclaring'");
        }
        assertThat(checkedTargets(GenericKeys.ACTIVITY_TARGET)).isEqualTo(declaredTargets(GenericKeys.ACTIVITY_TARGET));
        assertThat(polyrefConstraints("example.activity")).hasSize(2);
    }

    private Set<NaturalKey> declaredTargets(GenericKey<?, ?> key) {
        return Set.copyOf(dsl.fetch("""
                select ct.app_label, ct.model
                from polyref.generic_key gk
                join polyref.generic_key_target gt on gt.generic_key_id = gk.id
                join polyref.content_type ct on ct.id = gt.content_type_id
                where gk.table_name = {0}::regclass and gk.name = {1}""", table(key), key.name())
                .map(r -> NaturalKey.of(r.get(0, String.class), r.get(1, String.class))));
    }

    /** The content types the key's CHECK constraint lists, as PostgreSQL has it. */
    private Set<NaturalKey> checkedTargets(GenericKey<?, ?> key) {
        String definition = dsl.resultQuery("""
                select pg_get_constraintdef(c.oid) from pg_constraint c
                join polyref.generic_key gk on gk.table_name = c.conrelid
                where gk.table_name = {0}::regclass and gk.name = {1} and c.contype = 'c'
                  and c.conname = polyref.integrity_constraint_name('polyref_ck', gk.ct_column, gk.id_column)""",
                table(key), key.name()).fetchSingle().get(0, String.class);
        String ids = definition.replaceFirst("(?s).*'\\{([0-9,]*)\\}'.*", "$1");
        List<Integer> list = Arrays.stream(ids.split(",")).map(Integer::valueOf).toList();
        return Set.copyOf(dsl.fetch("select app_label, model from polyref.content_type where id = any ({0})",
                DSL.val(list.toArray(Integer[]::new))).map(r -> NaturalKey.of(r.get(0, String.class),
                r.get(1, String.class))));
    }

    private List<String> polyrefConstraints(String table) {
        return dsl.fetch("select conname::text from pg_constraint where conrelid = {0}::regclass "
                + "and conname like 'polyref%'", table).getValues(0, String.class);
    }

    private int contentType(String model) {
        return dsl.resultQuery("select id from polyref.content_type where app_label = 'example' and model = {0}",
                model).fetchSingle().get(0, Integer.class);
    }

    private static String table(GenericKey<?, ?> key) {
        NaturalKey natural = NaturalKey.of(key.table());
        return natural.appLabel() + "." + natural.model();
    }
}
