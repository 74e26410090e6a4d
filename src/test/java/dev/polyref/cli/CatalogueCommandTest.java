package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** README command 1 until the demo exists: no database to set up. */
class CatalogueCommandTest {

    @Test
    void printsTheExampleCatalogueFromAnEmbeddedDatabase() {
        Cli.Result result = polyref().run("catalogue");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        // whichever binaries -Dpostgres-binaries.version chose
        String out = result.out().replaceFirst("PostgreSQL \\d+\\.\\d+ is up", "PostgreSQL <version> is up");
        assertThat(out).startsWith("""
                Starting an embedded PostgreSQL...
                PostgreSQL <version> is up.
                Applied 2 application migrations (schema example), now at version 2.
                Synced the catalogue: 11 content types added.

                The catalogue, polyref.content_type (app_label = schema, model = table):
                ID  CONTENT TYPE            ROWS
                """).endsWith("11 content types\n");
        // Ids depend on the order migrations added the rows (a generic-key declaration adds its targets first)
        for (String model : new String[] {"activity", "bookmark", "comment", "document", "page", "playlist_entry",
                "post", "song", "tagged_item", "users", "video"}) {
            assertThat(result.out()).containsPattern("(?m)^ *\\d+  example\\." + model + " +0$");
        }
    }
}
