package io.xzone.cli;

import io.xzone.boot.backend.Dom0;
import io.xzone.boot.backend.GuestType;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenControl;
import java.util.Optional;

/**
 * How commands reach Xen. The real one opens libxenctrl and reads dom0's sysfs; tests hand
 * {@link Xzone#commandLine(java.io.PrintWriter, java.io.PrintWriter, XenAccess)} a fake. A command gets it by declaring
 * a constructor that takes a {@code XenAccess}.
 */
public interface XenAccess {
    /** Opens the hypervisor; off Xen this throws XenUnavailableException (exit code 3). The caller closes it. */
    Hypervisor openHypervisor();

    /** What dom0 booted as (/sys/hypervisor/guest_type), empty when unknown. */
    Optional<GuestType> dom0GuestType();

    /** The real host. */
    static XenAccess system() {
        return new XenAccess() {
            @Override
            public Hypervisor openHypervisor() {
                return XenControl.open();
            }

            @Override
            public Optional<GuestType> dom0GuestType() {
                return Dom0.guestType(Dom0.GUEST_TYPE);
            }
        };
    }
}
