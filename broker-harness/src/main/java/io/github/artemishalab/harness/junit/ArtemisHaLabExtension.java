package io.github.artemishalab.harness.junit;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.tls.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link ArtemisHaLab}: starts a pair before a test (or once per class), injects it as a
 * {@link Lab} parameter or field, and closes it after, pass or fail (JUnit closes the store it lives in: the
 * method's, or the class's). The lab directory, with the nodes' logs, stays
 * under {@code target/artemis-ha-lab/} for a look after a failure.
 */
public final class ArtemisHaLabExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ArtemisHaLabExtension.class);
    private static final String KEY = "lab";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty() && scope(context) == ArtemisHaLab.Scope.PER_METHOD) {
            throw new ParameterResolutionException("a Lab in " + parameter.getDeclaringExecutable()
                    + " would outlive its test: use @ArtemisHaLab(scope = PER_CLASS) to share one pair across the "
                    + "class, or take the Lab as a parameter of the test method");
        }
        return lab(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Class<?> c = test.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == Lab.class && !Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    f.set(test, lab(context));
                }
            }
        }
    }

    private Lab lab(ExtensionContext context) {
        ExtensionContext owner = scope(context) == ArtemisHaLab.Scope.PER_CLASS ? classContext(context) : context;
        return owner.getStore(NS).getOrComputeIfAbsent(KEY, k -> new StartedLab(start(owner)), StartedLab.class).lab;
    }

    private static Lab start(ExtensionContext owner) {
        ArtemisHaLab config = annotation(owner);
        String name = owner.getRequiredTestClass().getSimpleName()
                + owner.getTestMethod().map(m -> "-" + m.getName()).orElse("");
        Path dir = labDirectory(name);
        return Lab.builder().mode(config.mode()).failback(config.failback()).verbose(config.verbose()).dir(dir)
                .tls(new TlsOptions(config.tls() || config.clientAuth(), config.clientAuth())).build().start(Duration.ofSeconds(config.startupTimeoutSeconds()), n -> { });
    }

    private static Path labDirectory(String name) {
        try {
            Path base = Files.isDirectory(Path.of("target")) ? Path.of("target", "artemis-ha-lab")
                    : Files.createTempDirectory("artemis-ha-lab");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a lab directory", e);
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static ArtemisHaLab.Scope scope(ExtensionContext context) {
        return annotation(context).scope();
    }

    private static ArtemisHaLab annotation(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ArtemisHaLab.class)
                .orElseThrow(() -> new ExtensionConfigurationException("a Lab needs @ArtemisHaLab on the test class "
                        + context.getRequiredTestClass().getName() + " (not just @ExtendWith)"));
    }

    /** Closes the lab when JUnit drops the store it lives in, pass or fail. */
    private record StartedLab(Lab lab) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            lab.close();
        }
    }
}
