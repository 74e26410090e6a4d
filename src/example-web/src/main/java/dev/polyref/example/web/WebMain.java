package dev.polyref.example.web;

import dev.polyref.Polyref;
import dev.polyref.embedded.EmbeddedPostgresServer;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's command for the web application: {@code mvn -q -B compile exec:java -Dweb}. Starts an embedded
 * PostgreSQL (no installation), lets Spring Boot's Flyway migrate it (Polyref's schema through the starter's
 * callback, then the example schema and the web tables), loads the demo data and serves http://localhost:8080/.
 * Stop it with Ctrl-C; the database is thrown away.
 */
public final class WebMain {

    private WebMain() {}

    /** @param args Spring Boot arguments, e.g. {@code --server.port=9090} */
    public static void main(String[] args) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        SpringApplication app = new SpringApplication(WebApplication.class);
        app.setDefaultProperties(Map.of(
                "spring.datasource.url", server.jdbcUrl("postgres"),
                "spring.datasource.username", EmbeddedPostgresServer.USER));
        ConfigurableApplicationContext context = app.run(args);
        DemoData.load(context.getBean(DSLContext.class), context.getBean(Polyref.class));
        System.out.println("Polyref example web application on PostgreSQL " + server.serverVersion()
                + ": http://localhost:" + context.getEnvironment().getProperty("local.server.port", "8080")
                + "/  (sign in as alice: every permission; bob: view only; dave: none)");
    }
}
