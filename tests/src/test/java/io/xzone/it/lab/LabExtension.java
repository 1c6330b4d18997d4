package io.xzone.it.lab;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.LabException;
import io.xzone.cli.lab.LabListener;
import io.xzone.cli.lab.LabOptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives test methods (and constructors, and lifecycle methods) a booted {@link Lab}: the profile comes from the class's
 * {@link XenLab} annotation; each profile boots once per test run (JUnit root store) and powers off when the run ends.
 * A lab that failed to boot is not retried: every later test of that profile fails with the same message.
 */
public final class LabExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LabProfile profile = profile(context.getTestClass().orElse(null));
        BootedLab booted = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(profile, LabExtension::boot, BootedLab.class);
        return booted.lab();
    }

    /** The profile named by the class's (or an enclosing class's, for @Nested tests) {@link XenLab}. */
    private static LabProfile profile(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            var annotation = AnnotationSupport.findAnnotation(c, XenLab.class);
            if (annotation.isPresent()) {
                return annotation.get().value();
            }
        }
        return LabProfile.STANDARD;
    }

    private static BootedLab boot(LabProfile profile) {
        try {
            return new BootedLab(Lab.boot(profile.config(), LabOptions.forProject(LabOptions.findProjectRoot(),
                    new ConsoleListener(profile))), null);
        } catch (LabException e) {
            return new BootedLab(null, e);
        }
    }

    /** A lab, or why it did not boot; closed by JUnit when the root context ends. */
    private record BootedLab(Lab lab, LabException failure) implements AutoCloseable {
        @Override
        public Lab lab() {
            if (failure != null) {
                throw new IllegalStateException("the lab did not boot: " + failure.getMessage(), failure);
            }
            return lab;
        }

        @Override
        public void close() {
            if (lab != null) {
                lab.close();
            }
        }
    }

    /** Phases and script output on the test log, prefixed with the profile. */
    private record ConsoleListener(LabProfile profile) implements LabListener {
        @Override
        public void phase(String line) {
            System.out.println("[" + profile + "] " + line);
        }

        @Override
        public void output(String line) {
            System.out.println("[" + profile + "]   " + line);
        }
    }
}
