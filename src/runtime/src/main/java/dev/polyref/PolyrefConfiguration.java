package dev.polyref;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.Model;
import dev.polyref.generic.GenericResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How to build a {@link Polyref}, in the style of {@code Flyway.configure()}. Each method returns a new
 * configuration; {@link #load()} builds the immutable {@code Polyref}.
 *
 * <pre>{@code
 * Polyref polyref = Polyref.configure()
 *         .models(dev.app.db.Models.ALL)
 *         .models(dev.app.db.billing.Models.ALL)   // one call per generated schema
 *         .oneRoundTrip(true)
 *         .load();
 * }</pre>
 */
public final class PolyrefConfiguration {

    private final List<Model<?, ?>> models;
    private final int chunkSize;
    private final boolean oneRoundTrip;

    PolyrefConfiguration() {
        this(List.of(), GenericResolver.DEFAULT_CHUNK_SIZE, false);
    }

    private PolyrefConfiguration(List<Model<?, ?>> models, int chunkSize, boolean oneRoundTrip) {
        this.models = models;
        this.chunkSize = chunkSize;
        this.oneRoundTrip = oneRoundTrip;
    }

    /**
     * Adds the application's models, like Django's installed apps: content types without one are stale.
     *
     * @param more models to add, usually a generated {@code Models.ALL}
     * @return a configuration with these models too
     */
    public PolyrefConfiguration models(Collection<? extends Model<?, ?>> more) {
        List<Model<?, ?>> all = new ArrayList<>(models);
        for (Model<?, ?> model : requireNonNull(more, "models")) {
            all.add(requireNonNull(model, "models[]"));
        }
        return new PolyrefConfiguration(List.copyOf(all), chunkSize, oneRoundTrip);
    }

    /**
     * @param size the most ids one prefetch statement binds, at least 1 (default
     *             {@link GenericResolver#DEFAULT_CHUNK_SIZE})
     * @return a configuration with that chunk size
     * @throws InvalidArgumentException if {@code size} is less than 1
     */
    public PolyrefConfiguration chunkSize(int size) {
        if (size < 1) {
            throw new InvalidArgumentException("chunkSize must be at least 1, got " + size);
        }
        return new PolyrefConfiguration(models, size, oneRoundTrip);
    }

    /**
     * @param enabled whether a prefetch sends its per-type statements in one call (see
     *                {@link GenericResolver#withOneRoundTrip(boolean)})
     * @return a configuration with that setting
     */
    public PolyrefConfiguration oneRoundTrip(boolean enabled) {
        return new PolyrefConfiguration(models, chunkSize, enabled);
    }

    /**
     * @return the Polyref, with an empty catalogue cache
     * @throws MalformedDeclarationException if two models claim the same content type
     */
    public Polyref load() {
        return new Polyref(models, chunkSize, oneRoundTrip);
    }
}
