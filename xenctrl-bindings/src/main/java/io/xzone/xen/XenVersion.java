package io.xzone.xen;

/**
 * The running hypervisor's version ({@code xc_version}: XENVER_version and XENVER_extraversion).
 *
 * @param major e.g. 4
 * @param minor e.g. 17
 * @param extra the extra version string as Xen reports it, e.g. ".7" (may be empty)
 */
public record XenVersion(int major, int minor, String extra) {
    /** Decodes XENVER_version's answer: major in the high 16 bits, minor in the low 16. */
    public static XenVersion fromPacked(int packed, String extra) {
        return new XenVersion(packed >>> 16, packed & 0xffff, extra == null ? "" : extra);
    }

    @Override
    public String toString() {
        return major + "." + minor + extra;
    }
}
