package dev.polyref.security;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.cli.Cli;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a clumsy user or an attacker would drive it: failed writes, special files, bad input. */
@PolyrefTest
class CliAttackTest {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;

    private final TestDatabase db;
    private final DSLContext dsl;

    @TempDir
    Path dir;

    CliAttackTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void rows() {
        dsl.execute("insert into example.users (id, username) values (1, 'ada')");
    }

    @AfterEach
    void emptyTables() {
        dsl.execute("truncate example.users cascade");
    }

    @Test
    void dumpToAStandardOutputThatFailsExitsTwo() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        Cli.Result result = polyref().stdout(broken).run(db, "dump", "--table", "example.users");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("polyref: error: Cannot write to standard output (closed pipe or full "
                + "disk?); the fixture is incomplete\n");
    }

    @Test
    void dumpToAFullDiskExitsTwo() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "/dev/full exists");
        try (FileOutputStream stream = new FileOutputStream(full.toFile())) {
            Cli.Result result = polyref().stdout(stream).run(db, "dump", "--table", "example.users");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("polyref: error: Cannot write to standard output").hasLineCount(1);
        }
    }

    @Test
    void dumpToAFifoWritesThroughItAndLeavesTheFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            // A plain read loop: FileInputStream.readAllBytes seeks, which a FIFO refuses on Java 17
            try (InputStream in = new FileInputStream(fifo.toFile())) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes.write(buffer, 0, n);
                }
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Cli.Result result = polyref().run(db, "dump", "--table", "example.users", "--file", fifo.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(read.get(30, TimeUnit.SECONDS)).contains("{\"id\": 1, \"username\": \"ada\"}");
        assertThat(fileType(fifo)).as("still a FIFO").isEqualTo(S_IFIFO);
    }

    @Test
    void dumpToASymlinkReplacesTheFileItPointsToAndKeepsTheLink() throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);

        Cli.Result result = polyref().run(db, "dump", "--table", "example.users", "--file", link.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("{\"id\": 1, \"username\": \"ada\"}");
    }

    @Test
    void dumpToADanglingSymlinkIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("nowhere/x.json"));

        Cli.Result result = polyref().run(db, "dump", "--table", "example.users", "--file", link.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("polyref: error: Cannot write " + link
                + ": it is a symbolic link to a file that does not exist\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void dumpToDevNullWritesThroughTheDevice() throws Exception {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(fileType(devNull) == S_IFCHR, "/dev/null is a device");

        Cli.Result result = polyref().run(db, "dump", "--table", "example.users", "--file", "/dev/null");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fileType(devNull)).as("still a device").isEqualTo(S_IFCHR);
    }

    @Test
    void aSchemaNameWithACommaPassesToSchemasQuotedAndTheOldFormsStillWork() {
        dsl.execute("create schema \"a,b\"; create table \"a,b\".t (id int primary key)");
        dsl.execute("create schema c1; create table c1.t (id int primary key)");
        dsl.execute("create schema c2; create table c2.t (id int primary key)");
        dsl.execute("create schema c3; create table c3.t (id int primary key)");
        try {
            Cli.Result quoted = polyref().run(db, "sync", "--schemas", "\"a,b\",c1");
            assertThat(quoted.exitCode()).as(quoted.toString()).isZero();
            assertThat(quoted.out()).matches("Added content type a,b\\.t \\(id \\d+\\)\n"
                    + "Added content type c1\\.t \\(id \\d+\\)\n");

            Cli.Result repeated = polyref().run(db, "sync", "--schemas", "c2", "--schemas", "c3");
            assertThat(repeated.out()).matches("Added content type c2\\.t \\(id \\d+\\)\n"
                    + "Added content type c3\\.t \\(id \\d+\\)\n");
        } finally {
            dsl.execute("drop schema \"a,b\", c1, c2, c3 cascade");
            dsl.execute("delete from polyref.content_type where app_label in ('a,b', 'c1', 'c2', 'c3')");
        }
    }

    @Test
    void anUnknownHostIsNamedInAOneLineMessage() {
        Cli.Result result = polyref().run("list", "--url", "jdbc:postgresql://no-such-host.invalid:5432/app");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("polyref: error: Cannot connect: unknown host 'no-such-host.invalid' "
                + "(check the host in --url)\n");
    }

    @Test
    void aPasswordInTheUrlIsNeverEchoed() {
        String secret = "s3cret-Pw";
        for (String url : new String[] {
                "jdbc:postgresql://no-such-host.invalid/app?user=bob&password=" + secret,
                "jdbc:postgresql://bob:" + secret + "@no-such-host.invalid/app",
                "jdbc:mysql://db/app?password=" + secret,
                "jdbc:postgresql://no-such-host.invalid/app?password=" + secret + "&ssl=maybe-not"}) {
            Cli.Result result = polyref().run("list", "--url", url, "--verbose");

            assertThat(result.exitCode()).as(url).isIn(1, 2);
            assertThat(result.err()).as(url).contains("polyref: ").doesNotContain(secret);
        }
        Cli.Result environment = polyref().environment(java.util.Map.of("POLYREF_URL",
                "jdbc:mysql://db/app?password=" + secret)).run("list");
        assertThat(environment.err()).contains("***").doesNotContain(secret);
    }

    @Test
    void migrateWithAMissingLocationExitsTwoBeforeMigrating() {
        Cli.Result filesystem = polyref().run(db, "migrate", "--locations", "filesystem:" + dir.resolve("nope"));
        assertThat(filesystem.exitCode()).isEqualTo(2);
        assertThat(filesystem.err()).isEqualTo("polyref: error: --locations filesystem:" + dir.resolve("nope")
                + ": no such folder " + dir.resolve("nope") + "; nothing was migrated\n");
        assertThat(filesystem.out()).isEmpty();

        Cli.Result classpath = polyref().run(db, "migrate", "--locations", "classpath:no/such/migrations");
        assertThat(classpath.exitCode()).isEqualTo(2);
        assertThat(classpath.err()).startsWith("polyref: error: --locations classpath:no/such/migrations: no such "
                + "folder on the class path");
    }

    @Test
    void dumpOfATableTheRoleCannotReadWritesNothingToStandardOutput() throws Exception {
        try (TestRoles roles = new TestRoles(db)) {
            TestRoles.Role reader = roles.create("reader");
            dsl.execute("grant usage on schema example, polyref to " + reader.quoted());
            dsl.execute("grant select on polyref.content_type, example.users to " + reader.quoted());

            Cli.Result result = polyref().run("dump", "--table", "example.users", "--table", "example.video",
                    "--url", db.jdbcUrl(), "--user", reader.name(), "--password", reader.password());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("polyref: error: Cannot dump example.video: permission denied")
                    .hasLineCount(1);
        }
    }

    private static int fileType(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
    }
}
