package io.xzone.cli;

import io.xzone.cli.zone.ZoneEnvironment;
import java.lang.reflect.Constructor;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates command objects, giving the {@link XenAccess} to those whose constructor asks for it, and, when it has one,
 * the {@link ZoneEnvironment} to those that ask for that (the resident daemon supervises zones in-process this way).
 */
final class XzoneFactory implements IFactory {
    private final XenAccess xen;
    private final Optional<ZoneEnvironment> zones;

    XzoneFactory(XenAccess xen) {
        this(xen, Optional.empty());
    }

    XzoneFactory(XenAccess xen, Optional<ZoneEnvironment> zones) {
        this.xen = xen;
        this.zones = zones;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (zones.isPresent()) {
            Optional<Constructor<K>> withZones = constructor(type, ZoneEnvironment.class);
            if (withZones.isPresent()) {
                return withZones.get().newInstance(zones.get());
            }
        }
        Optional<Constructor<K>> withXen = constructor(type, XenAccess.class);
        if (withXen.isPresent()) {
            return withXen.get().newInstance(xen);
        }
        return CommandLine.defaultFactory().create(type);
    }

    private static <K> Optional<Constructor<K>> constructor(Class<K> type, Class<?> parameter) {
        try {
            Constructor<K> constructor = type.getDeclaredConstructor(parameter);
            constructor.setAccessible(true);
            return Optional.of(constructor);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
