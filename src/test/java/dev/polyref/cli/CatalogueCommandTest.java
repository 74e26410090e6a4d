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
        assertThat(result.out()).isEqualTo("""
                Starting an embedded PostgreSQL 16...
                Applied 1 application migration (schema example), now at version 1.
                Synced the catalogue: 11 content types added.

                The catalogue, polyref.content_type (app_label = schema, model = table):
                ID  CONTENT TYPE            ROWS
                 1  example.activity           0
                 2  example.bookmark           0
                 3  example.comment            0
                 4  example.document           0
                 5  example.page               0
                 6  example.playlist_entry     0
                 7  example.post               0
                 8  example.song               0
                 9  example.tagged_item        0
                10  example.users              0
                11  example.video              0
                11 content types
                """);
    }
}
