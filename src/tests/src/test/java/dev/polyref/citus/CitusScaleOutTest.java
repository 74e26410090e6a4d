package dev.polyref.citus;

import org.junit.jupiter.api.AfterEach;

/**
 * {@link ScaleOutContract} on the coordinator of a Citus cluster ({@link CitusCluster}): the example schema
 * distributed over the workers. Skipped, with the reason printed, when no cluster is reachable.
 */
class CitusScaleOutTest extends ScaleOutContract {

    private CitusCluster.Session session;

    @Override
    protected Connected connect() {
        CitusCluster.assumeAvailable();
        session = CitusCluster.open();
        // Joins between distributed tables that are not colocated (activity by user_id, video by id) are planned
        // as repartition joins only when the session allows them (docs/scale-out.md); off by default in Citus
        session.dsl().execute("set citus.enable_repartition_joins = on");
        return new Connected(session.dsl(), session.counter());
    }

    @AfterEach
    void disconnect() throws Exception {
        if (session != null) {
            session.close();
        }
    }
}
