package dev.polyref.spring;

import dev.polyref.generic.GenericResolver;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code polyref.*} properties of {@link PolyrefAutoConfiguration}.
 *
 * <pre>
 * polyref.models-packages=com.example.db      # where jOOQ generated the Models class (default: the application's package)
 * polyref.chunk-size=500
 * polyref.one-round-trip=true
 * </pre>
 */
@ConfigurationProperties(prefix = "polyref")
public class PolyrefProperties {

    /**
     * Generated Models classes whose {@code ALL} list Polyref uses, fully qualified (e.g.
     * {@code com.example.db.Models}). When empty, the {@code models-packages} are scanned for them.
     */
    private List<String> modelsClasses = new ArrayList<>();

    /**
     * Packages (and their sub-packages) scanned for generated Models classes when {@code models-classes} is empty.
     * Default: the application's auto-configuration packages (the {@code @SpringBootApplication} class's package).
     */
    private List<String> modelsPackages = new ArrayList<>();

    /** The most ids one prefetch statement binds. */
    private int chunkSize = GenericResolver.DEFAULT_CHUNK_SIZE;

    /** Whether a prefetch sends its per-content-type statements in one call. */
    private boolean oneRoundTrip = false;

    /** Whether Polyref's callback is added to Spring Boot's Flyway (installs Polyref's schema, syncs the catalogue). */
    private boolean flywayCallback = true;

    /** Whether jOOQ's configuration turns generic-key integrity errors into Polyref's exceptions. */
    private boolean exceptionTranslation = true;

    public List<String> getModelsClasses() {
        return modelsClasses;
    }

    public void setModelsClasses(List<String> modelsClasses) {
        this.modelsClasses = modelsClasses;
    }

    public List<String> getModelsPackages() {
        return modelsPackages;
    }

    public void setModelsPackages(List<String> modelsPackages) {
        this.modelsPackages = modelsPackages;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public boolean isOneRoundTrip() {
        return oneRoundTrip;
    }

    public void setOneRoundTrip(boolean oneRoundTrip) {
        this.oneRoundTrip = oneRoundTrip;
    }

    public boolean isFlywayCallback() {
        return flywayCallback;
    }

    public void setFlywayCallback(boolean flywayCallback) {
        this.flywayCallback = flywayCallback;
    }

    public boolean isExceptionTranslation() {
        return exceptionTranslation;
    }

    public void setExceptionTranslation(boolean exceptionTranslation) {
        this.exceptionTranslation = exceptionTranslation;
    }
}
