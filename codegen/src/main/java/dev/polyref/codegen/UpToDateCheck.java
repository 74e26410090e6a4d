package dev.polyref.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.codegen.Generator;
import org.jooq.meta.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips code generation from migrations when nothing it reads has changed: starting PostgreSQL and migrating
 * takes most of a build, and unchanged sources also spare the compiler.
 *
 * <p>After each generation by {@link MigratedPostgresDatabase}, a record {@value #RECORD} beside the generated
 * sources (in the target package's directory) holds the digest of the inputs ({@link GenerationInputs}) and of every
 * generated file. The next generation is skipped, the files left untouched, when the inputs' digest is the same and
 * every recorded file is still there with the same content. Anything else (a changed or added migration, a changed
 * setting, a rebuilt Polyref, a deleted or edited generated file, no record) generates as before; delete the record
 * to force it. The record is written only after a successful generation and removed before one starts, so a failed
 * generation is never skipped next time.
 */
final class UpToDateCheck {

    /** The record's file name, in the target package's directory. */
    static final String RECORD = ".polyref-codegen";

    private static final Logger LOG = LoggerFactory.getLogger(UpToDateCheck.class);
    private static final String INPUTS = "inputs ";

    private final @Nullable MigratedPostgresDatabase database;
    private final Path directory;
    private final @Nullable String inputs;

    private UpToDateCheck(@Nullable MigratedPostgresDatabase database, Path directory, @Nullable String inputs) {
        this.database = database;
        this.directory = directory;
        this.inputs = inputs;
    }

    /** The check for one generation; one that never skips unless the database is a {@link MigratedPostgresDatabase}. */
    static UpToDateCheck of(Generator generator, Database database) {
        Path directory = Path.of(generator.getTargetDirectory())
                .resolve(generator.getTargetPackage().replace('.', '/'));
        if (!(database instanceof MigratedPostgresDatabase migrated)) {
            // A live database: its schema is no file Polyref could fingerprint
            return new UpToDateCheck(null, directory, null);
        }
        Optional<String> inputs = migrated.locations()
                .flatMap(locations -> GenerationInputs.digest(generator, migrated, locations));
        return new UpToDateCheck(migrated, directory, inputs.orElse(null));
    }

    /**
     * @return true if the generated sources are up to date: then nothing is generated and PostgreSQL is not
     *         started. Otherwise the old record is removed and generation goes ahead.
     */
    boolean skip() {
        if (database == null || inputs == null) {
            return false;
        }
        Path record = directory.resolve(RECORD);
        try {
            List<String> lines = Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
            if (lines.contains(INPUTS + inputs) && filesUnchanged(lines)) {
                LOG.info("Polyref: skipping jOOQ code generation, {} is up to date (migrations, configuration and "
                        + "Polyref unchanged since it was generated; delete {} to force)", directory, record);
                database.generationSkipped();
                return true;
            }
            Files.deleteIfExists(record);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Polyref: cannot read {}, generating", record, e);
        }
        return false;
    }

    /** Writes the record of a generation that has just succeeded. */
    void recordGenerated() {
        if (database == null || inputs == null) {
            return;
        }
        Path record = directory.resolve(RECORD);
        List<String> lines = new ArrayList<>();
        lines.add("# What Polyref generated the sources in this directory from; delete this file to regenerate.");
        lines.add(INPUTS + inputs);
        try {
            for (Path file : generatedFiles()) {
                lines.add(sha256(file) + " " + directory.relativize(file).toString().replace('\\', '/'));
            }
            Files.write(record, lines, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            // Only the next build's speed depends on it
            LOG.warn("Polyref: cannot write {}, the next build generates again: {}", record, e.toString());
        }
    }

    /** Whether the record lists files and each is there with the recorded content. */
    private boolean filesUnchanged(List<String> lines) throws IOException {
        int files = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith(INPUTS)) {
                continue;
            }
            int space = line.indexOf(' ');
            Path file = directory.resolve(line.substring(space + 1));
            if (space < 0 || !Files.isRegularFile(file) || !sha256(file).equals(line.substring(0, space))) {
                return false;
            }
            files++;
        }
        return files > 0;
    }

    private List<Path> generatedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(RECORD))
                    .sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
