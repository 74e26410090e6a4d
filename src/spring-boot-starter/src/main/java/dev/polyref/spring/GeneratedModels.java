package dev.polyref.spring;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.Model;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import java.util.regex.Pattern;

/**
 * Finds the generated {@code Models} classes (Polyref's code generator writes one per schema, named {@code Models}, or
 * {@code PolyrefModels} when a table is called models) and reads their {@code ALL} lists: the Spring way of
 * {@code Polyref.configure().models(Models.ALL)} without naming the class.
 */
final class GeneratedModels {

    /** The generator's class names: {@code Models}, or a prefixed one when the schema has a table called models. */
    private static final Pattern NAME = Pattern.compile(".*\\.[A-Za-z0-9_]*Models");

    private GeneratedModels() {}

    /**
     * @param classNames fully qualified Models classes, used as they are
     * @param packages   scanned when {@code classNames} is empty
     * @param loader     the application's class loader
     * @return every model of those classes, in class-name order
     * @throws InvalidArgumentException if a named class is missing or has no {@code ALL} list of models
     */
    static List<Model<?, ?>> find(List<String> classNames, List<String> packages, ClassLoader loader) {
        Collection<String> names = classNames.isEmpty() ? scan(packages, loader) : classNames;
        List<Model<?, ?>> models = new ArrayList<>();
        for (String name : names) {
            models.addAll(read(name, loader, !classNames.isEmpty()));
        }
        return models;
    }

    private static Collection<String> scan(List<String> packages, ClassLoader loader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(loader));
        scanner.addIncludeFilter(new RegexPatternTypeFilter(NAME));
        TreeSet<String> found = new TreeSet<>();
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                found.add(candidate.getBeanClassName());
            }
        }
        return found;
    }

    /** @param named whether the user named the class (then a wrong class is an error, not a scan's near miss) */
    private static List<Model<?, ?>> read(String className, ClassLoader loader, boolean named) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            Field all = type.getField("ALL");
            if (Modifier.isStatic(all.getModifiers()) && all.get(null) instanceof List<?> list
                    && list.stream().allMatch(Model.class::isInstance)) {
                List<Model<?, ?>> models = new ArrayList<>();
                list.forEach(m -> models.add((Model<?, ?>) m));
                return models;
            }
        } catch (ClassNotFoundException e) {
            throw new InvalidArgumentException("polyref.models-classes: no class " + className + " on the class path");
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // not a generated Models class: reported below when named, skipped when scanned
        }
        if (named) {
            throw new InvalidArgumentException("polyref.models-classes: " + className
                    + " has no public static ALL list of dev.polyref.catalogue.Model (is it a generated Models class?)");
        }
        return List.of();
    }
}
