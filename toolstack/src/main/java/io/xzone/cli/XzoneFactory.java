package io.xzone.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates command objects, giving the {@link XenAccess} to those whose constructor asks for it. */
final class XzoneFactory implements IFactory {
    private final XenAccess xen;

    XzoneFactory(XenAccess xen) {
        this.xen = xen;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withXen;
        try {
            withXen = type.getDeclaredConstructor(XenAccess.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        withXen.setAccessible(true);
        return withXen.newInstance(xen);
    }
}
