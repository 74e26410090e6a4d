package dev.polyref.catalogue;

import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.StaleContentTypeException;
import dev.polyref.check.Checks;
import dev.polyref.check.Problem;
import dev.polyref.cli.Cli;
import dev.polyref.example.db.Models;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Django's ContentType.name and __str__ (A11, A12): a declared label, else the table's comment, else its name. */
@PolyrefTest
class VerboseNamesTest {

    private final TestDatabase db;
    private final DSLContext dsl;
    private final StatementCounter statements;

    VerboseNamesTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
        this.statements = db.counter();
    }

    @AfterEach
    void forgetNames() {
        dsl.execute("update polyref.content_type set label = null");
        dsl.execute("comment on table example.video is null");
        dsl.execute("delete from example.tagged_item");
    }

    private ContentTypeRegistry fresh() {
        return Polyref.configure().models(Models.ALL).load().using(dsl).contentTypes();
    }

    @Test
    void withoutALabelOrCommentTheNameIsTheTableNameAsInDjango() {
        ContentType video = fresh().get(VIDEO);

        assertThat(video.name()).isEqualTo("video");
        assertThat(video.appLabeledName()).isEqualTo("example | video");
        assertThat(video).hasToString("example.video (id " + video.id() + ")");
    }

    @Test
    void theFirstLineOfTheTableCommentNamesItAndADeclaredLabelWins() {
        dsl.execute("comment on table example.video is e'  Video clip \\nEverything uploaded, with its uploader.'");
        assertThat(fresh().get(VIDEO).name()).isEqualTo("Video clip");

        Object labelled = dsl.fetchValue("select (polyref.set_content_type_label('example.video', 'Film')).id");
        assertThat(dsl.fetchValue("select label from polyref.content_type where model = 'video'")).isEqualTo("Film");
        ContentType video = fresh().get(VIDEO);
        assertThat(video.name()).isEqualTo("Film");
        assertThat(video.appLabeledName()).isEqualTo("example | Film");
        assertThat(video).hasToString("example.video \"Film\" (id " + video.id() + ")");
        assertThat(labelled).isEqualTo(video.id());

        dsl.execute("select polyref.set_content_type_label('example.video', null)");
        assertThat(fresh().get(VIDEO).name()).as("cleared: the comment again").isEqualTo("Video clip");
        assertThat(dsl.fetchValue("select polyref.content_type_name(ct.label, ct.relation, ct.model) "
                + "from polyref.content_type ct where model = 'song'")).isEqualTo("song");
    }

    @Test
    void theNameIsReadWithTheContentTypeInTheSameStatement() {
        dsl.execute("select polyref.set_content_type_label('example.song', 'Track')");
        ContentTypeRegistry registry = fresh();
        statements.reset();

        ContentType song = db.assertStatements(1, () -> registry.get(SONG));
        assertThat(song.name()).isEqualTo("Track");
        assertThat(db.assertStatements(0, () -> registry.get(SONG).name())).isEqualTo("Track");
        assertThat(registry.fetchAll()).filteredOn(t -> t.model().equals("song")).extracting(ContentType::name)
                .containsExactly("Track");
    }

    @Test
    void errorMessagesNameTheContentTypeByItsHumanName() {
        dsl.execute("select polyref.set_content_type_label('example.video', 'Video clip')");
        ContentTypeRegistry withoutModels = Polyref.configure().load().using(dsl).contentTypes();
        ContentType video = withoutModels.get(VIDEO);

        assertThatThrownBy(() -> withoutModels.getModel(video)).isExactlyInstanceOf(StaleContentTypeException.class)
                .hasMessageStartingWith("Content type example.video \"Video clip\" (id " + video.id() + ") has no known");
    }

    @Test
    void checksNameTheTargetByItsHumanName() {
        dsl.execute("select polyref.set_content_type_label('example.video', 'Video clip')");
        int video = fresh().get(VIDEO).id();
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values ('x', " + video
                + ", '987654')");

        assertThat(Checks.danglingReferences().run(dsl)).extracting(Problem::message)
                .containsExactly("1 row of generic key content_object points at missing objects of example.video "
                        + "\"Video clip\" (content type " + video + "); delete or fix them, or let PostgreSQL "
                        + "enforce the key (polyref.enforce_generic_key)");
    }

    @Test
    void theCliListShowsTheNameNextToTheTable() {
        dsl.execute("select polyref.set_content_type_label('example.video', 'Video clip')");

        Cli.Result list = Cli.polyref().run(db, "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("\\d  example\\.video \"Video clip\" +0\n")
                .containsPattern("\\d  example\\.song +0\n");
    }

    @Test
    void labelsAreCheckedAndOnlyTheInstallingRoleMaySetThem() throws Exception {
        assertThatThrownBy(() -> dsl.execute("select polyref.set_content_type_label('example.video', '')"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("content_type_label_check");
        assertThatThrownBy(() -> dsl.execute("select polyref.set_content_type_label('example.video', e'a\\nb')"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("content_type_label_check");
        assertThatThrownBy(() -> dsl.execute("select polyref.set_content_type_label('example.video_with_uploader', 'x')"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("is not a catalogued table or proxy");

        try (TestRoles roles = new TestRoles(db)) {
            TestRoles.Role app = roles.create("labeller");
            dsl.execute("grant usage on schema polyref, example to " + app.quoted());
            dsl.execute("grant select on polyref.content_type to " + app.quoted());
            DSLContext asApp = roles.connect(app);
            assertThatThrownBy(() -> asApp.execute("select polyref.set_content_type_label('example.video', 'Mine')"))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("may not run Polyref's internal functions");
            assertThat(asApp.fetchValue("select polyref.content_type_name(ct.label, ct.relation, ct.model) "
                    + "from polyref.content_type ct where model = 'video'")).as("reading a name needs no privilege beyond the catalogue")
                    .isEqualTo("video");
        }
        assertThat(dsl.fetchValue("select label from polyref.content_type where model = 'video'")).isNull();
    }
}
