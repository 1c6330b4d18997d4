package io.xzone.cli.zone;

import java.nio.file.Path;

/**
 * What the zone commands need from the machine: a connection to Xen and a way to start a zone's supervisor. The real
 * one is {@link LocalZoneEnvironment}; tests give fakes.
 */
public interface ZoneEnvironment {
    /** Connects to Xen; throws io.xzone.xen.XenUnavailableException off Xen. */
    XenHost open();

    /** Where launched zones' specs are kept for their supervisors. */
    Path runDirectory();

    /**
     * Starts the supervisor that carries out the zone's on_poweroff/on_reboot/on_crash. It holds the zone's
     * {@link SupervisorClaim} while it supervises, so that no other supervisor (a daemon adopting zones) takes it on.
     *
     * @return its process id
     */
    long startSupervisor(String zone, int domid, Path spec);
}
