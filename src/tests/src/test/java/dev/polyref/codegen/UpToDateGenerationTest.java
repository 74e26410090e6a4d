package dev.polyref.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.MatcherStrategy;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.MatcherRule;
import org.jooq.meta.jaxb.Matchers;
import org.jooq.meta.jaxb.MatchersTableType;
import org.jooq.meta.jaxb.Property;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation from migrations is skipped, the embedded PostgreSQL not started and the generated files left untouched,
 * when nothing it reads changed; a changed migration, a deleted generated file or a changed setting generates again.
 * Each generation here starts a real embedded PostgreSQL; {@link CountingDatabase} counts how often.
 */
class UpToDateGenerationTest {

    /** A MigratedPostgresDatabase that counts how often it starts PostgreSQL and migrates. */
    public static final class CountingDatabase extends MigratedPostgresDatabase {
        static final AtomicInteger STARTS = new AtomicInteger();

        @Override
        Connection migrate() {
            STARTS.incrementAndGet();
            return super.migrate();
        }
    }

    @TempDir
    Path work;
    Path migrations;
    Path target;

    @BeforeEach
    void copyExampleMigrations() throws IOException {
        migrations = Files.createDirectories(work.resolve("migrations"));
        target = work.resolve("generated");
        try (Stream<Path> files = Files.list(Path.of("migrations/example"))) {
            for (Path file : files.toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }
        CountingDatabase.STARTS.set(0);
    }

    @Test
    void unchangedMigrationsAndConfigurationSkipGenerationWithoutStartingPostgresqlOrTouchingFiles() throws Exception {
        generate(new Generate());
        assertThat(CountingDatabase.STARTS).hasValue(1);
        assertThat(record()).exists();
        Map<Path, FileTime> before = ageAllFiles();
        assertThat(before).containsKey(Path.of("Models.java")).hasSizeGreaterThan(10);

        generate(new Generate());

        assertThat(CountingDatabase.STARTS).as("PostgreSQL started again").hasValue(1);
        assertThat(modificationTimes()).isEqualTo(before);
    }

    @Test
    void aChangedMigrationGeneratesAgain() throws Exception {
        generate(new Generate());
        Files.writeString(migrations.resolve("V90__gadget.sql"),
                "create table example.gadget (id bigint primary key);\n");

        generate(new Generate());

        assertThat(CountingDatabase.STARTS).hasValue(2);
        assertThat(Files.readString(target.resolve("gen/Models.java"))).contains("GADGET");

        // An edit to an existing migration counts too, not only a new file
        Files.writeString(migrations.resolve("V90__gadget.sql"),
                "create table example.gizmo (id bigint primary key);\n");
        generate(new Generate());
        assertThat(CountingDatabase.STARTS).hasValue(3);
        assertThat(Files.readString(target.resolve("gen/Models.java"))).contains("GIZMO").doesNotContain("GADGET");
    }

    @Test
    void aDeletedGeneratedFileGeneratesAgain() throws Exception {
        generate(new Generate());
        Path contentTypes = target.resolve("gen/Models.java");
        String generated = Files.readString(contentTypes);
        Files.delete(contentTypes);

        generate(new Generate());

        assertThat(CountingDatabase.STARTS).hasValue(2);
        assertThat(contentTypes).hasContent(generated);
    }

    @Test
    void aChangedConfigurationGeneratesAgain() throws Exception {
        generate(new Generate());
        assertThat(Files.readString(target.resolve("gen/tables/records/VideoRecord.java")))
                .contains("public void setTitle(");

        generate(new Generate().withFluentSetters(true));

        assertThat(CountingDatabase.STARTS).hasValue(2);
        assertThat(Files.readString(target.resolve("gen/tables/records/VideoRecord.java")))
                .contains("public VideoRecord setTitle(");
    }

    @Test
    void aGeneratorStrategysRulesArePartOfTheInputs() {
        MigratedPostgresDatabase database = new MigratedPostgresDatabase();
        PolyrefGenerator generator = new PolyrefGenerator();
        List<String> locations = List.of("filesystem:" + migrations);

        generator.setStrategy(new MatcherStrategy(new Matchers()));
        generator.setTargetDirectory(target.toString());
        generator.setTargetPackage("gen");
        String plain = GenerationInputs.digest(generator, database, locations).orElseThrow();
        assertThat(GenerationInputs.digest(generator, database, locations)).as("the same inputs").hasValue(plain);

        generator.setStrategy(new MatcherStrategy(new Matchers().withTables(new MatchersTableType()
                .withTableClass(new MatcherRule().withExpression("T_$0")))));
        generator.setTargetDirectory(target.toString());
        generator.setTargetPackage("gen");
        assertThat(GenerationInputs.digest(generator, database, locations)).isPresent().get().isNotEqualTo(plain);
    }

    private void generate(Generate generate) throws Exception {
        GenerationTool.generate(new Configuration()
                .withLogging(Logging.WARN)
                .withGenerator(new Generator()
                        .withName(PolyrefGenerator.class.getName())
                        .withDatabase(new Database()
                                .withName(CountingDatabase.class.getName())
                                .withInputSchema("example")
                                .withExcludes("flyway_schema_history")
                                .withProperties(
                                        new Property().withKey("locations").withValue("filesystem:" + migrations),
                                        new Property().withKey("schemas").withValue("example")))
                        .withGenerate(generate)
                        .withTarget(new Target().withPackageName("gen").withDirectory(target.toString()))));
    }

    private Path record() {
        return target.resolve("gen").resolve(UpToDateCheck.RECORD);
    }

    /** Sets every generated file's modification time an hour back, so that any rewrite would show. */
    private Map<Path, FileTime> ageAllFiles() throws IOException {
        FileTime anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        for (Path file : modificationTimes().keySet()) {
            Files.setLastModifiedTime(target.resolve("gen").resolve(file), anHourAgo);
        }
        return modificationTimes();
    }

    private Map<Path, FileTime> modificationTimes() throws IOException {
        Path dir = target.resolve("gen");
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                times.put(dir.relativize(file), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
