package io.xzone.cli.zone;

import io.xzone.boot.backend.BackendUnavailableException;
import io.xzone.boot.kernel.KernelImageException;
import io.xzone.boot.launch.LaunchException;
import io.xzone.boot.launch.UnsupportedDeviceException;
import io.xzone.boot.lifecycle.ZoneDestroyIncompleteException;
import io.xzone.boot.lifecycle.ZoneNotFoundException;
import io.xzone.boot.spec.SpecException;
import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import io.xzone.xen.XenException;
import io.xzone.xen.XenUnavailableException;
import java.util.function.Supplier;

/** Maps what the layers below throw to the one-line failures and exit codes of the zone commands. */
final class ZoneFailures {
    private ZoneFailures() {
    }

    static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (SpecException | KernelImageException e) {
            throw new CommandFailure(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (BackendUnavailableException | UnsupportedDeviceException e) {
            throw new CommandFailure(ExitCode.UNSUPPORTED, e.getMessage(), e);
        } catch (XenUnavailableException e) {
            throw new CommandFailure(ExitCode.NO_XEN, e.getMessage(), e);
        } catch (ZoneNotFoundException e) {
            throw new CommandFailure(ExitCode.NOT_FOUND, e.getMessage(), e);
        } catch (LaunchException | ZoneDestroyIncompleteException | XenException e) {
            throw new CommandFailure(ExitCode.FAILED, e.getMessage(), e);
        }
    }

    static void run(Runnable work) {
        translate(() -> {
            work.run();
            return null;
        });
    }
}
