package dev.polyref.catalogue;

import dev.polyref.internal.Bindings;
import java.util.Collection;

/** The catalogue's half of {@link Bindings}: registered when this class is first loaded. */
final class CatalogueBindings implements Bindings.Catalogue {

    static {
        Bindings.register(new CatalogueBindings());
    }

    private CatalogueBindings() {}

    @Override
    public Bindings.SharedCatalogue newCatalogue(Collection<? extends Model<?, ?>> models) {
        ContentTypeCaches caches = new ContentTypeCaches(models);
        return dsl -> new DefaultContentTypeRegistry(dsl, caches);
    }
}
