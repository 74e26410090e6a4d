package dev.polyref.internal;

import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import dev.polyref.generic.GenericRelation;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.RelatedObjects;
import java.util.Collection;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Lets {@link dev.polyref.Polyref} build the package-private implementations of the feature packages, so
 * that binding to a {@code DSLContext} is possible only through {@code Polyref.using(dsl)}. Each package registers
 * its half from a static initialiser, which {@link #catalogue()} and {@link #generic()} run on first use (the same
 * pattern as the JDK's own {@code SharedSecrets}).
 */
public final class Bindings {

    /** The catalogue's half: the shared cache and registries bound to a context. */
    public interface Catalogue {
        /**
         * @param models the application's models
         * @return a new, empty shared cache
         */
        SharedCatalogue newCatalogue(Collection<? extends Model<?, ?>> models);
    }

    /** One shared catalogue cache; binding it costs one small object. */
    public interface SharedCatalogue {
        /**
         * @param dsl where statements run
         * @return a registry over this cache running on {@code dsl}
         */
        ContentTypeRegistry bind(DSLContext dsl);
    }

    /** The generic package's half: resolvers and relations bound to a context. */
    public interface Generic {
        /**
         * @param dsl          where statements run
         * @param registry     the bound registry
         * @param chunkSize    ids per statement
         * @param oneRoundTrip whether per-type statements go in one call
         * @return a resolver
         */
        GenericResolver resolver(DSLContext dsl, ContentTypeRegistry registry, int chunkSize, boolean oneRoundTrip);

        /**
         * @param relation a generated relation
         * @param dsl      where statements run
         * @param registry the bound registry
         * @param <P>      the parent record type
         * @param <C>      the child record type
         * @return the bound relation
         */
        <P extends TableRecord<P>, C extends TableRecord<C>> RelatedObjects<P, C> relation(
                GenericRelation<P, C> relation, DSLContext dsl, ContentTypeRegistry registry);
    }

    private static final String CATALOGUE = "dev.polyref.catalogue.CatalogueBindings";
    private static final String GENERIC = "dev.polyref.generic.GenericBindings";

    private static volatile @Nullable Catalogue catalogue;
    private static volatile @Nullable Generic generic;

    private Bindings() {}

    /** @param half the catalogue's implementation; only Polyref's own, and only its first registration, counts */
    public static synchronized void register(Catalogue half) {
        if (catalogue == null && half.getClass().getName().equals(CATALOGUE)) {
            catalogue = half;
        }
    }

    /** @param half the generic package's implementation; only Polyref's own, and only its first registration, counts */
    public static synchronized void register(Generic half) {
        if (generic == null && half.getClass().getName().equals(GENERIC)) {
            generic = half;
        }
    }

    /** @return the catalogue's half */
    public static Catalogue catalogue() {
        if (catalogue == null) {
            initialise(CATALOGUE);
        }
        return java.util.Objects.requireNonNull(catalogue);
    }

    /** @return the generic package's half */
    public static Generic generic() {
        if (generic == null) {
            initialise(GENERIC);
        }
        return java.util.Objects.requireNonNull(generic);
    }

    private static void initialise(String className) {
        try {
            Class.forName(className, true, Bindings.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Polyref is incomplete: " + className + " is missing", e);
        }
    }
}
