package io.xzone.it.xenstored;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own real xenstored (see {@link Xenstored}): started before the class's first test,
 * stopped after its last one, killed if the class fails. Tests and lifecycle methods receive the running
 * {@link Xenstored} as a parameter. Use it through {@link XenstoredTest}.
 */
public final class XenstoredExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(XenstoredExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        daemon(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Xenstored.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return daemon(context);
    }

    /** One daemon per test class; the store closes it (an AutoCloseable) when the class's context ends, whatever the outcome. */
    private static Xenstored daemon(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        XenstoredTest options = classContext.getRequiredTestClass().getAnnotation(XenstoredTest.class);
        boolean traced = options != null && options.traced();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(classContext.getRequiredTestClass(),
                key -> traced ? Xenstored.startTraced() : Xenstored.start(), Xenstored.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
