package io.xzone.xen.raw;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** libxentoollog.so.1: the loggers libxenctrl and libxenguest write to. */
public interface LibXenToolLog extends Library {
    String SONAME = "libxentoollog.so.1";

    int XTL_DEBUG = 1;
    int XTL_ERROR = 8;
    /** A minimum level above every real one: the logger prints nothing. */
    int XTL_NUM_LEVELS = 10;
    int XTL_STDIOSTREAM_HIDE_PROGRESS = 4;

    /** {@code fh} is a C {@code FILE *}. */
    XenToolLogger xtl_createlogger_stdiostream(Pointer fh, int minLevel, int flags);

    void xtl_logger_destroy(XenToolLogger logger);
}
