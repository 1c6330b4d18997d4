package io.xzone.xen;

/** How libxenguest builds the guest (xc_dom_image.container_type): PV, or an HVM container for PVH and HVM. */
public enum ImageContainer {
    PV(0),
    HVM(1);

    private final int code;

    ImageContainer(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
