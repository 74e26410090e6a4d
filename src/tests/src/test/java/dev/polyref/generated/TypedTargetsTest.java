package dev.polyref.generated;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.TypeNotAllowedException;
import dev.polyref.example.db.GenericTargets.ActivityTarget;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.TypedPrefetched;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed targets: {@code GenericTargets.ActivityTarget} is exactly the five record types {@code activity.target}
 * allows, a visitor that misses one does not compile, and a prefetch comes back typed.
 */
@PolyrefTest
class TypedTargetsTest {

    /** Handles every target of activity.target; {@code %s} is replaced by the bookmark case, or nothing. */
    private static final String VISITOR = """
            package probe;

            import dev.polyref.example.db.GenericTargets.ActivityTarget;
            import dev.polyref.example.db.tables.records.*;

            class Describe {
                static String describe(ActivityTarget target) {
                    return target.accept(new ActivityTarget.Visitor<String>() {
                        @Override public String visit(UsersRecord u) { return "user " + u.getUsername(); }
                        @Override public String visit(VideoRecord v) { return "video " + v.getTitle(); }
                        @Override public String visit(SongRecord s) { return "song " + s.getTitle(); }
                        @Override public String visit(PostRecord p) { return "post " + p.getTitle(); }
                        %s
                    });
                }
            }
            """;
    private static final String BOOKMARK_CASE =
            "@Override public String visit(BookmarkRecord b) { return \"bookmark \" + b.getUrl(); }";

    private final TestDatabase db;
    private final DSLContext dsl;
    private GeneratedData data;

    TypedTargetsTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void freshData() {
        data = new GeneratedData(dsl);
    }

    @Test
    void aPrefetchOverFiveTypesIsTypedAndTakesOneStatementPerType() {
        BookmarkRecord bookmark = dsl.insertInto(BOOKMARK).set(BOOKMARK.URL, "https://www.jooq.org/").returning()
                .fetchSingle();
        data.activity(dsl, "followed", data.guido);
        data.activity(dsl, "liked", data.video);
        data.activity(dsl, "played", data.song);
        data.activity(dsl, "read", data.post);
        data.activity(dsl, "saved", bookmark);
        data.activity(dsl, "liked", data.otherVideo);
        Result<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();

        TypedPrefetched<ActivityRecord, ActivityTarget> targets = db.assertStatements(5,
                () -> ActivityRecord.prefetchTarget(data.polyref.using(dsl).resolver(), feed));

        List<String> described = db.assertStatements(0, () -> feed.stream()
                .map(a -> targets.find(a).map(TypedTargetsTest::describe).orElse("none")).toList());
        assertThat(described).containsExactly("user guido", "video cats", "song Imagine", "post Hello",
                "bookmark https://www.jooq.org/", "video dogs");
        assertThat(targets.size()).isEqualTo(6);
    }

    @Test
    void aKeyAllowingAnyTableStaysTableRecord() {
        TaggedItemRecord tag = dsl.newRecord(TAGGED_ITEM).setTag("doc").setContentObject(data.polyref, data.document);
        tag.store();
        TypedPrefetched<TaggedItemRecord, TableRecord<?>> targets = db.assertStatements(1,
                () -> TaggedItemRecord.prefetchContentObject(data.polyref.using(dsl).resolver(), List.of(tag)));
        assertThat(targets.find(tag)).contains(data.document);
    }

    @Test
    void typingARecordTheKeyDoesNotAllowFails() {
        assertThat(ActivityTarget.of(data.song)).isEqualTo(new ActivityTarget.Song(data.song));
        assertThatThrownBy(() -> ActivityTarget.of(data.document)).isExactlyInstanceOf(TypeNotAllowedException.class)
                .hasMessage("Generic key target on example.activity may not point at example.document; "
                        + "allowed: example.bookmark, example.post, example.song, example.users, example.video");
        assertThatThrownBy(() -> new ActivityTarget.Video(null)).isExactlyInstanceOf(NullPointerException.class);
    }

    @Test
    void aVisitorHandlingEveryTargetCompiles(@TempDir Path dir) throws Exception {
        assertThat(compile(dir, "Describe", VISITOR.formatted(BOOKMARK_CASE))).isEmpty();
    }

    @Test
    void aVisitorMissingATargetDoesNotCompile(@TempDir Path dir) throws Exception {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(dir, "Describe", VISITOR.formatted(""));
        assertThat(errors).extracting(Diagnostic::getCode).containsExactly("compiler.err.does.not.override.abstract");
        assertThat(errors.get(0).getMessage(null))
                .contains("visit(dev.polyref.example.db.tables.records.BookmarkRecord)");
    }

    @Test
    void noOtherTypeCanBeATarget(@TempDir Path dir) throws Exception {
        String source = """
                package probe;

                import dev.polyref.example.db.GenericTargets.ActivityTarget;

                record Forged(org.jooq.TableRecord<?> target) implements ActivityTarget {
                    public <T> T accept(ActivityTarget.Visitor<T> visitor) { return null; }
                }
                """;
        assertThat(compile(dir, "Forged", source)).extracting(Diagnostic::getCode)
                .containsExactly("compiler.err.cant.inherit.from.sealed");
    }

    private static String describe(ActivityTarget target) {
        return target.accept(new ActivityTarget.Visitor<>() {
            @Override
            public String visit(BookmarkRecord b) {
                return "bookmark " + b.getUrl();
            }

            @Override
            public String visit(PostRecord p) {
                return "post " + p.getTitle();
            }

            @Override
            public String visit(SongRecord s) {
                return "song " + s.getTitle();
            }

            @Override
            public String visit(UsersRecord u) {
                return "user " + u.getUsername();
            }

            @Override
            public String visit(VideoRecord v) {
                return "video " + v.getTitle();
            }
        });
    }

    /** Compiles one source against the test class path (the example's generated code); returns its errors. */
    private static List<Diagnostic<? extends JavaFileObject>> compile(Path dir, String className, String source)
            throws Exception {
        Path file = dir.resolve("probe").resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
            javac.getTask(null, files, diagnostics, List.of("-proc:none", "-d", dir.toString(), "-cp",
                    System.getProperty("java.class.path")), null, files.getJavaFileObjects(file)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .collect(Collectors.toList());
    }
}
