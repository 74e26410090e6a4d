package dev.polyref.generic;

import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.internal.Bindings;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/** The generic package's half of {@link Bindings}: registered when this class is first loaded. */
final class GenericBindings implements Bindings.Generic {

    static {
        Bindings.register(new GenericBindings());
    }

    private GenericBindings() {}

    @Override
    public GenericResolver resolver(DSLContext dsl, ContentTypeRegistry registry, int chunkSize,
            boolean oneRoundTrip) {
        return new DefaultGenericResolver(dsl, registry, chunkSize, oneRoundTrip);
    }

    @Override
    public <P extends TableRecord<P>, C extends TableRecord<C>> RelatedObjects<P, C> relation(
            GenericRelation<P, C> relation, DSLContext dsl, ContentTypeRegistry registry) {
        return new DefaultRelatedObjects<>(relation, dsl, registry);
    }
}
