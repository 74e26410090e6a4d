package dev.polyref.generic;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.example.db.Models;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every resolver test starts from: fresh example data, a cold registry over {@code Models.ALL}, a
 * resolver, and a statement counter at zero. Subclasses are {@code @PolyrefTest} classes.
 */
abstract class ResolverTestBase {

    protected final DSLContext dsl;
    protected final StatementCounter statements;
    protected ExampleData data;
    /** The application's one Polyref, and it bound to {@link #dsl}. */
    protected Polyref root;
    protected PolyrefContext polyref;
    protected ContentTypeRegistry registry;
    protected GenericResolver resolver;

    ResolverTestBase(TestDatabase db) {
        this.dsl = db.dsl();
        this.statements = db.counter();
    }

    @BeforeEach
    void freshDataRegistryAndResolver() {
        data = new ExampleData(dsl);
        root = Polyref.configure().models(Models.ALL).load();
        polyref = root.using(dsl);
        registry = polyref.contentTypes();
        resolver = polyref.resolver();
        statements.reset();
    }
}
