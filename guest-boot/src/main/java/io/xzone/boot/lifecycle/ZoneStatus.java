package io.xzone.boot.lifecycle;

/**
 * One running domain as `xzone zone list` shows it, whether xzone or xl launched it.
 *
 * @param requested the backend its xzone spec asked for ("-" for domains xzone did not launch)
 * @param type      what it runs as: pv, pvh or hvm (libxl's record), or "hvm?"/"pv?" guessed from Xen's flags
 * @param state     xl's state letters: r running, b blocked, p paused, s shut down, c crashed, d dying
 */
public record ZoneStatus(String name, int domid, String requested, String type, String state, long memoryMib, int vcpus) {
}
