package dev.polyref;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.Model;
import dev.polyref.internal.Bindings;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Polyref's one entry point: configured once per application, bound to a {@code DSLContext} per call.
 *
 * <pre>{@code
 * Polyref polyref = Polyref.configure().models(Models.ALL).load();   // once, at start-up
 *
 * dsl.transaction(tx -> {
 *     PolyrefContext p = polyref.using(tx.dsl());                          // cheap, per call
 *     ActivityRecord a = p.resolver().setTarget(GenericKeys.ACTIVITY_TARGET, tx.dsl().newRecord(ACTIVITY), video);
 *     a.store();
 *     p.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video, t -> t.setTag("cats"));
 * });                                                                      // both roll back together
 * }</pre>
 *
 * <p><b>The rule:</b> every statement runs on the {@code DSLContext} passed to {@link #using(DSLContext)}, so inside
 * {@code dsl.transaction(tx -> ...)} bind {@code tx.dsl()}, and Polyref's reads and writes are part of that
 * transaction. A {@code Polyref} holds no connection of its own: only the models and the catalogue cache, which
 * every binding shares and which caches only committed content types.
 *
 * <p>Immutable and thread-safe: keep one per database and application.
 */
public final class Polyref {

    private final List<Model<?, ?>> models;
    private final int chunkSize;
    private final boolean oneRoundTrip;
    private final Bindings.SharedCatalogue catalogue;

    Polyref(List<Model<?, ?>> models, int chunkSize, boolean oneRoundTrip) {
        this.models = List.copyOf(models);
        this.chunkSize = chunkSize;
        this.oneRoundTrip = oneRoundTrip;
        this.catalogue = Bindings.catalogue().newCatalogue(this.models);
    }

    /** @return a configuration with no models, the default chunk size and one statement per call */
    public static PolyrefConfiguration configure() {
        return new PolyrefConfiguration();
    }

    /**
     * Binds Polyref to the context every statement of the returned API runs on: a transaction's {@code tx.dsl()},
     * or an application's {@code DSLContext}. Costs a few small objects and no statement.
     *
     * @param dsl the context to run on
     * @return the bound API
     */
    public PolyrefContext using(DSLContext dsl) {
        requireNonNull(dsl, "dsl");
        return new DefaultPolyrefContext(dsl, catalogue.bind(dsl), chunkSize, oneRoundTrip);
    }

    /** @return the models this Polyref knows, usually generated {@code Models.ALL} */
    public List<Model<?, ?>> models() {
        return models;
    }

    @Override
    public String toString() {
        return "Polyref[" + models.size() + " models]";
    }
}
