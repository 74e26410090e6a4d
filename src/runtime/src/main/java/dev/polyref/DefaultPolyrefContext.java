package dev.polyref;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.generic.GenericRelation;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.RelatedObjects;
import dev.polyref.integrity.GenericKeyIntegrity;
import dev.polyref.internal.Bindings;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/** A binding: the context and a registry over the shared cache; everything else is built on demand. */
final class DefaultPolyrefContext implements PolyrefContext {

    private final DSLContext dsl;
    private final ContentTypeRegistry registry;
    private final int chunkSize;
    private final boolean oneRoundTrip;

    DefaultPolyrefContext(DSLContext dsl, ContentTypeRegistry registry, int chunkSize, boolean oneRoundTrip) {
        this.dsl = dsl;
        this.registry = registry;
        this.chunkSize = chunkSize;
        this.oneRoundTrip = oneRoundTrip;
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public ContentTypeRegistry contentTypes() {
        return registry;
    }

    @Override
    public GenericResolver resolver() {
        return Bindings.generic().resolver(dsl, registry, chunkSize, oneRoundTrip);
    }

    @Override
    public <P extends TableRecord<P>, C extends TableRecord<C>> RelatedObjects<P, C> relation(
            GenericRelation<P, C> relation) {
        return Bindings.generic().relation(requireNonNull(relation, "relation"), dsl, registry);
    }

    @Override
    public GenericKeyIntegrity integrity() {
        return GenericKeyIntegrity.using(dsl);
    }
}
