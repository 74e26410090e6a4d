package dev.polyref.spring;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.Model;
import dev.polyref.integrity.PolyrefExceptionTranslator;
import dev.polyref.migration.PolyrefMigrations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jooq.JooqAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Polyref in a Spring Boot application, over Boot's {@code DataSource}, Flyway and {@code DSLContext}. Every bean
 * backs off when the application defines its own.
 *
 * <ul>
 *   <li>{@link Polyref}: the entry point, with the generated models found by {@code polyref.models-classes} or by
 *       scanning {@code polyref.models-packages} (default: the application's package) for generated
 *       {@code Models} classes, and {@code polyref.chunk-size} / {@code polyref.one-round-trip};</li>
 *   <li>{@link PolyrefContext}: {@code polyref.using(dsl)} over Boot's {@code DSLContext}, whose connections come
 *       from a transaction-aware {@code DataSource}: inside a {@code @Transactional} method Polyref's statements run
 *       on the transaction's connection and roll back with it;</li>
 *   <li>Polyref's Flyway callback on Boot's Flyway: Polyref's schema before the application's migrations, the
 *       catalogue sync after them;</li>
 *   <li>{@link PolyrefExceptionTranslator} in jOOQ's configuration, after Boot's own translator, so a broken
 *       generic key surfaces as {@code DanglingReferenceException} and its kin rather than as a
 *       {@code DataIntegrityViolationException}.</li>
 * </ul>
 *
 * <pre>{@code
 * @Service
 * class Tags {
 *     private final PolyrefContext polyref;
 *     Tags(PolyrefContext polyref) { this.polyref = polyref; }
 *
 *     @Transactional
 *     public TaggedItemRecord tag(VideoRecord video, String tag) {
 *         return polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video, t -> t.setTag(tag));
 *     }
 * }
 * }</pre>
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
        JooqAutoConfiguration.class})
@ConditionalOnClass({Polyref.class, DSLContext.class})
@EnableConfigurationProperties(PolyrefProperties.class)
public class PolyrefAutoConfiguration {

    /** The bean name of Polyref's jOOQ listener provider; define a bean of this name to replace it. */
    public static final String EXCEPTION_TRANSLATOR = "polyrefExceptionTranslatorExecuteListenerProvider";

    /**
     * @param properties  {@code polyref.*}
     * @param beanFactory for the application's packages and class loader
     * @return the entry point
     */
    @Bean
    @ConditionalOnMissingBean
    public Polyref polyref(PolyrefProperties properties, BeanFactory beanFactory) {
        List<String> packages = new ArrayList<>(properties.getModelsPackages());
        if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        ClassLoader loader = beanFactory instanceof org.springframework.beans.factory.config.ConfigurableBeanFactory c
                && c.getBeanClassLoader() != null ? c.getBeanClassLoader() : getClass().getClassLoader();
        List<Model<?, ?>> models = GeneratedModels.find(properties.getModelsClasses(), packages, loader);
        return Polyref.configure()
                .models(models)
                .chunkSize(properties.getChunkSize())
                .oneRoundTrip(properties.isOneRoundTrip())
                .load();
    }

    /**
     * @param polyref the entry point
     * @param dsl     Boot's transaction-aware context
     * @return Polyref bound to it: safe to share, since each statement takes the current transaction's connection
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(DSLContext.class)
    public PolyrefContext polyrefContext(Polyref polyref, DSLContext dsl) {
        return polyref.using(dsl);
    }

    /**
     * Ordered last: Boot's own translator (order 0) has already turned the error into a Spring exception, whose
     * cause chain still holds PostgreSQL's error, and Polyref's replaces it only for generic-key violations.
     *
     * @return Polyref's exception translation for jOOQ
     */
    @Bean(EXCEPTION_TRANSLATOR)
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = EXCEPTION_TRANSLATOR)
    @ConditionalOnProperty(prefix = "polyref", name = "exception-translation", matchIfMissing = true)
    public ExecuteListenerProvider polyrefExceptionTranslatorExecuteListenerProvider() {
        return new DefaultExecuteListenerProvider(new PolyrefExceptionTranslator());
    }

    /** Polyref's callback on Boot's Flyway, when Flyway is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    @ConditionalOnProperty(prefix = "polyref", name = "flyway-callback", matchIfMissing = true)
    static class PolyrefFlywayConfiguration {

        /** @return a customizer that adds {@link PolyrefMigrations#callback()} to Boot's Flyway callbacks */
        @Bean
        @ConditionalOnMissingBean(name = "polyrefFlywayConfigurationCustomizer")
        FlywayConfigurationCustomizer polyrefFlywayConfigurationCustomizer() {
            return configuration -> {
                // Boot has set the application's callback beans already; keep them and add Polyref's
                List<Callback> callbacks = new ArrayList<>(Arrays.asList(configuration.getCallbacks()));
                callbacks.add(PolyrefMigrations.callback());
                configuration.callbacks(callbacks.toArray(Callback[]::new));
            };
        }
    }
}
