/**
 * Polyref's test kit (artifact {@code polyref-test}): JUnit 5 tests of a service on Polyref, against a real
 * PostgreSQL, never a mock.
 *
 * <ul>
 *   <li>{@link dev.polyref.testing.PolyrefTest}: the service's migrations (and Polyref's schema and catalogue)
 *       migrated once per run into a template database; each test class gets a copy as a
 *       {@link dev.polyref.testing.TestDatabase} parameter. Embedded PostgreSQL by default, an external server by
 *       JDBC URL, or Testcontainers.</li>
 *   <li>{@link dev.polyref.testing.StatementCounter}: {@code assertStatements(n, () -> ...)}, Django's
 *       {@code assertNumQueries}; {@link dev.polyref.testing.RoundTrips} counts network round trips.</li>
 *   <li>{@link dev.polyref.testing.TestRoles}: ordinary login roles, for privilege tests.</li>
 * </ul>
 *
 * <pre>{@code
 * @PolyrefTest(locations = "classpath:db/migration", schemas = "app")
 * class RegistryTest {
 *     @Test
 *     void cachesLookups(TestDatabase db) {
 *         ContentTypeRegistry registry = Polyref.configure().load().using(db.dsl()).contentTypes();
 *         db.assertStatements(1, () -> registry.get(NaturalKey.of("app", "video")));
 *         db.assertStatements(0, () -> registry.get(NaturalKey.of("app", "video")));
 *     }
 * }
 * }</pre>
 */
@NullMarked
package dev.polyref.testing;

import org.jspecify.annotations.NullMarked;
