package io.xzone.boot.backend;

/**
 * The backend a zone will boot with, and why.
 *
 * @param type   PV, PVH or HVM
 * @param hap    for PVH/HVM: build with hardware-assisted paging (CDF_hap), else shadow paging
 * @param reason one sentence for operators, e.g. "auto follows dom0, which booted as PV"
 */
public record BackendChoice(GuestType type, boolean hap, String reason) {
}
