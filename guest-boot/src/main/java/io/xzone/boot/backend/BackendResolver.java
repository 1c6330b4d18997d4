package io.xzone.boot.backend;

import io.xzone.boot.kernel.KernelCapabilities;
import io.xzone.boot.spec.VirtBackend;
import io.xzone.xen.HostCapability;
import io.xzone.xen.PhysInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides PV, PVH or HVM before any hypercall. {@code auto} follows dom0 (PVH dom0 -> PVH, otherwise PV) and falls
 * back to the other paravirtual type only when the first cannot work; an explicit backend never falls back: it is
 * refused with one sentence naming what is missing and which {@code -V} values would work.
 */
public final class BackendResolver {
    private static final List<HostCapability> SHOWN = List.of(HostCapability.PV, HostCapability.HVM, HostCapability.HAP,
            HostCapability.SHADOW);

    private final Optional<GuestType> dom0;
    private final PhysInfo host;
    private final Optional<KernelCapabilities> kernel;

    /**
     * @param dom0   what dom0 booted as (empty if unknown)
     * @param host   the hypervisor's physinfo
     * @param kernel the zone's kernel, or empty when there is none to check (HVM, or asking about the host only)
     */
    public BackendResolver(Optional<GuestType> dom0, PhysInfo host, Optional<KernelCapabilities> kernel) {
        this.dom0 = dom0;
        this.host = host;
        this.kernel = kernel;
    }

    /** The backend to boot with, or a {@link BackendUnavailableException} saying why not. */
    public BackendChoice resolve(VirtBackend requested) {
        if (requested == VirtBackend.AUTO) {
            return auto();
        }
        GuestType type = GuestType.valueOf(requested.name());
        Optional<String> missing = missing(type);
        if (missing.isPresent()) {
            throw new BackendUnavailableException(missing.get() + alternatives(type));
        }
        return new BackendChoice(type, usesHap(type), "requested with -V " + requested.specName());
    }

    /** What {@code -V auto} picks here and why, without throwing: for {@code xzone host info}. */
    public Optional<BackendChoice> autoIfPossible() {
        try {
            return Optional.of(auto());
        } catch (BackendUnavailableException e) {
            return Optional.empty();
        }
    }

    /** The host's capabilities as an operator reads them, e.g. "pv, hvm, hap"; "nothing" when none. */
    public static String offers(PhysInfo host) {
        String offered = SHOWN.stream().filter(host::has).map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        return offered.isEmpty() ? "nothing" : offered;
    }

    private BackendChoice auto() {
        GuestType preferred = dom0.filter(t -> t == GuestType.PVH).isPresent() ? GuestType.PVH : GuestType.PV;
        GuestType other = preferred == GuestType.PVH ? GuestType.PV : GuestType.PVH;
        Optional<String> preferredMissing = missing(preferred);
        if (preferredMissing.isEmpty()) {
            String why = dom0.map(t -> "auto follows dom0, which booted as " + t)
                    .orElse("auto picks pv: dom0's guest type is unknown");
            return new BackendChoice(preferred, usesHap(preferred), why);
        }
        if (missing(other).isEmpty()) {
            String why = "auto picks " + other.cliName() + ": "
                    + dom0.map(t -> "dom0 booted as " + t + ", but ").orElse("") + preferredMissing.get();
            return new BackendChoice(other, usesHap(other), why);
        }
        throw new BackendUnavailableException("auto cannot boot this zone: " + preferredMissing.get() + "; "
                + missing(other).get());
    }

    /** Why {@code type} cannot work here, or empty when it can. */
    private Optional<String> missing(GuestType type) {
        String name = type.cliName();
        if (!type.hvmContainer()) {
            if (!host.has(HostCapability.PV)) {
                return Optional.of(name + " needs a hypervisor with PV guest support but this host offers: " + offers(host));
            }
            if (kernel.isPresent() && !kernel.get().pv()) {
                return Optional.of(name + " needs a kernel with Xen PV ELF notes but " + kernel.get().kernel()
                        + " supports " + kernel.get().describe());
            }
            return Optional.empty();
        }
        if (!host.has(HostCapability.HVM)) {
            return Optional.of(name + " needs hardware virtualization (VT-x/AMD-V) but this host offers: " + offers(host));
        }
        if (!host.has(HostCapability.HAP) && !host.has(HostCapability.SHADOW)) {
            return Optional.of(name + " needs hardware-assisted paging (HAP) or shadow paging but this host offers: "
                    + offers(host));
        }
        if (type == GuestType.PVH && kernel.isPresent() && !kernel.get().pvh()) {
            return Optional.of(name + " needs a kernel with the PVH entry point (ELF note PHYS32_ENTRY) but "
                    + kernel.get().kernel() + " supports " + kernel.get().describe());
        }
        return Optional.empty();
    }

    /** "; use -V auto or -V pv" listing the backends that would work, or nothing when none would. */
    private String alternatives(GuestType refused) {
        List<String> working = new ArrayList<>();
        if (autoIfPossible().isPresent()) {
            working.add("-V auto");
        }
        Stream.of(GuestType.values()).filter(t -> t != refused && missing(t).isEmpty())
                .forEach(t -> working.add("-V " + t.cliName()));
        return working.isEmpty() ? "" : "; use " + String.join(" or ", working);
    }

    private boolean usesHap(GuestType type) {
        return type.hvmContainer() && host.has(HostCapability.HAP);
    }
}
