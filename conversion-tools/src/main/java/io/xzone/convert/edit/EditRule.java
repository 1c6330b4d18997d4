package io.xzone.convert.edit;

import io.xzone.convert.guestfs.GuestFsException;
import java.util.List;

/**
 * One kind of edit a PV guest needs to run as HVM. A rule looks at the guest and plans edits; it never writes. Rules
 * are idempotent: on a converted guest they plan nothing, which is what makes a rerun a no-op.
 */
public interface EditRule {

    List<Edit> plan(Guest guest) throws GuestFsException;

    /** The paths a rule reads, so they can all be looked up in one round trip before planning. */
    List<String> paths();
}
