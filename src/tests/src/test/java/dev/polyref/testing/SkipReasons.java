package dev.polyref.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints why a test was skipped, one line each, into the build's output: Surefire's summary only counts skipped
 * tests, and a skip without its reason looks like a hidden failure. Registered for every test through
 * {@code META-INF/services} and {@code junit-platform.properties} (extension auto-detection).
 */
public final class SkipReasons implements TestWatcher {

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print(context, cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("disabled"));
    }

    private static void print(ExtensionContext context, String reason) {
        System.out.println("[skipped] " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getDisplayName() + ": " + String.valueOf(reason).strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
