package dev.polyref.codegen;

import dev.polyref.migration.PolyrefMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jooq.codegen.AbstractDelegatingGeneratorStrategy;
import org.jooq.codegen.Generator;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.MatcherStrategy;
import org.jooq.meta.AbstractDatabase;
import org.jooq.meta.Database;

/**
 * What one code generation reads, as one SHA-256: every migration (name and content, under every configured
 * location), the generator's and the database's configuration, and the code that generates (Polyref's classes and
 * its own migrations, the generator, database and strategy classes, a matcher strategy's rules, jOOQ's version).
 * Equal digests generate equal sources, so {@link UpToDateCheck} may keep the sources of the last generation.
 *
 * <p>Empty when an input cannot be read without a database (a location other than {@code filesystem:} or
 * {@code classpath:}): then generation always runs, as before.
 */
final class GenerationInputs {

    /** Database getters that read configuration only, never the database (jOOQ's getIncluded() queries). */
    private static final List<String> DATABASE_CONFIGURATION = List.of("getConfigured", "getInclude", "getExclude",
            "getRecord", "getSynthetic", "getOverride", "getRegex", "getSql", "getForce", "getProperties",
            "embeddable", "readonly", "supportsUnsignedTypes", "integerDisplayWidths", "ignoreProcedureReturnValues",
            "dateAsTimestamp", "javaTimeTypes", "includeRelations", "tableValuedFunctions", "onError");
    private static final Set<String> QUERIES = Set.of("getIncluded", "getExcluded",
            // Deprecated since jOOQ 3.14: reading them logs a deprecation warning; <syntheticObjects> has them
            "getOverridePrimaryKeys", "getSyntheticIdentities", "getSyntheticPrimaryKeys");

    private final MessageDigest digest;

    private GenerationInputs() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /**
     * @param locations the database's Flyway locations, resolved as Flyway reads them
     * @return the inputs' digest in hex, or empty if a location cannot be read here
     */
    static Optional<String> digest(Generator generator, MigratedPostgresDatabase database, List<String> locations) {
        GenerationInputs inputs = new GenerationInputs();
        try {
            for (String location : locations) {
                if (!inputs.location(location, database.getClass().getClassLoader())) {
                    return Optional.empty();
                }
            }
            inputs.configuration(generator, database);
            GeneratorStrategy strategy = strategy(generator.getStrategy());
            if (strategy instanceof MatcherStrategy matchers) {
                inputs.put("matchers", render(matchers.getMatchers()));
            }
            inputs.code(List.of(PolyrefGenerator.class, PolyrefMigrations.class, generator.getClass(), database.getClass(),
                    strategy.getClass()));
            inputs.put("jooq", org.jooq.Constants.FULL_VERSION);
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(inputs.digest.digest()));
    }

    /** @return false if Polyref cannot list this kind of location */
    private boolean location(String location, ClassLoader loader) throws IOException, URISyntaxException {
        put("location", location);
        if (location.startsWith("filesystem:")) {
            tree(Path.of(location.substring("filesystem:".length())));
            return true;
        }
        if (location.contains(":") && !location.startsWith("classpath:")) {
            return false;
        }
        String path = location.substring(location.indexOf(':') + 1).replaceAll("^/+|/+$", "");
        for (URL url : Collections.list(loader.getResources(path))) {
            switch (url.getProtocol()) {
                case "file" -> tree(Path.of(url.toURI()));
                case "jar" -> jar(((JarURLConnection) url.openConnection()).getJarFile(), path + "/");
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every regular file under a directory (or the file itself), by relative name and content. */
    private void tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            put("missing", root.toString());
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (Path file : files) {
            put("file", root.relativize(file).toString().replace('\\', '/'));
            digest.update(Files.readAllBytes(file));
        }
    }

    private void jar(JarFile jar, String prefix) throws IOException {
        List<JarEntry> entries = jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix))
                .sorted(Comparator.comparing(JarEntry::getName)).toList();
        for (JarEntry entry : entries) {
            put("entry", entry.getName());
            try (InputStream in = jar.getInputStream(entry)) {
                digest.update(in.readAllBytes());
            }
        }
    }

    /** The jar or class directory of each class: a rebuilt Polyref or a changed custom generator regenerates. */
    private void code(List<Class<?>> classes) throws IOException, URISyntaxException {
        Set<URL> locations = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            put("class", type.getName());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                locations.add(source.getLocation());
            }
        }
        for (URL location : locations) {
            if (location.getProtocol().equals("file")) {
                tree(Path.of(location.toURI()));
            } else {
                put("code", location.toString());
            }
        }
    }

    /**
     * The configuration jOOQ gave the generator and the database, read through their getters (sorted by name) so
     * that every setting jOOQ has, now or later, takes part.
     */
    private void configuration(Generator generator, Database database) {
        getters(Generator.class, generator, name -> !name.equals("getStrategy"));
        getters(Database.class, database, name -> !QUERIES.contains(name)
                && DATABASE_CONFIGURATION.stream().anyMatch(name::startsWith));
        // <inputSchema>/<schemata>/<catalogs> have no getter that does not query the database when empty
        put("catalogs", render(field(database, "configuredCatalogs")));
        put("schemata", render(field(database, "configuredSchemata")));
    }

    private void getters(Class<?> type, Object target, java.util.function.Predicate<String> include) {
        Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0 && m.getReturnType() != void.class && include.test(m.getName()))
                .sorted(Comparator.comparing(Method::getName))
                .forEach(m -> put(m.getName(), render(invoke(m, target))));
    }

    /** The user's strategy (or jOOQ's default) inside the wrappers jOOQ puts around it. */
    private static GeneratorStrategy strategy(GeneratorStrategy strategy) {
        GeneratorStrategy current = strategy;
        while (current instanceof AbstractDelegatingGeneratorStrategy wrapper) {
            try {
                Field delegate = AbstractDelegatingGeneratorStrategy.class.getDeclaredField("delegate");
                delegate.setAccessible(true);
                current = (GeneratorStrategy) delegate.get(wrapper);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return current;
            }
        }
        return current;
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return e.getClass().getName();
        }
    }

    private static Object field(Database database, String name) {
        try {
            Field field = AbstractDatabase.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(database);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A jOOQ without the field: still a stable value, the configuration's other settings still count
            return "unknown";
        }
    }

    /** A value's text, never an identity hash (which would differ on every run and never skip). */
    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] array) {
            return render(Arrays.asList(array));
        }
        if (value instanceof Properties properties) {
            return new TreeMap<>(properties).toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(GenerationInputs::render).toList().toString();
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Locale || value instanceof Character
                // jOOQ's configuration classes print as their XML
                || value.getClass().getName().startsWith("org.jooq.meta.jaxb.")) {
            return value.toString();
        }
        return value.getClass().getName();
    }

    private void put(String key, String value) {
        digest.update((key + '\0' + value + '\0').getBytes(StandardCharsets.UTF_8));
    }
}
