package io.xzone.xen;

/**
 * Where the builder put the guest's xenstore and console rings, for xs_introduce_domain and the console nodes.
 * For PV the frame numbers (mfn) come from the p2m; in an HVM container they equal the guest frame numbers (pfn).
 *
 * @param guestType  what the kernel was built for, e.g. "xen-3.0-x86_64" (PV) or "hvm-3.0-x86_32" (PVH)
 * @param storePfn   guest frame of the xenstore ring
 * @param storeMfn   machine frame of the xenstore ring (what xs_introduce_domain takes)
 * @param consolePfn guest frame of the console ring
 * @param consoleMfn machine frame of the console ring (console/ring-ref)
 */
public record BuiltImage(String guestType, long storePfn, long storeMfn, long consolePfn, long consoleMfn) {
}
