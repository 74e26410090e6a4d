package dev.polyref.citus;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;

/** {@link ScaleOutContract} on one PostgreSQL server (the embedded one), over the same schema, not distributed. */
@PolyrefTest(locations = CitusCluster.LOCATIONS, schemas = "example")
class SingleServerScaleOutTest extends ScaleOutContract {

    private final TestDatabase db;

    SingleServerScaleOutTest(TestDatabase db) {
        this.db = db;
    }

    @Override
    protected Connected connect() {
        return new Connected(db.dsl(), db.counter());
    }
}
