/*
 * LD_PRELOAD library that lets the unmodified C xenstored 4.17 run without a hypervisor, for tests.
 *
 * xenstored talks to Xen through a handful of libxenctrl, libxengnttab and libxenevtchn calls plus two files under
 * /proc/xen. This library answers those calls the way a quiet hypervisor would:
 *   - every domain asked about exists and runs (xc_domain_getinfo), so permissions naming it are kept;
 *   - a domain's ring page ("mapped" at introduce) is the shared file $XENSTORED_RUNDIR/ring-<domid>;
 *   - the event channel device is the FIFO $XENSTORED_RUNDIR/evtchn: writing a 4-byte port to it wakes xenstored,
 *     which then serves the requests waiting in every ring; binding a port hands out a fresh number;
 *   - /proc/xen/xsd_kva and /proc/xen/xsd_port (dom0's own ring and port) are plain files in $XENSTORED_RUNDIR.
 * Clients reach the daemon through its Unix socket ($XENSTORED_RUNDIR/socket) as dom0, or through a domain's ring file
 * as that (unprivileged) domain: see xenstore-as-domain.c.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>

/* Opaque handles: xenstored only hands them back to us. */
static int xc_token, gnttab_token;
static int evtchn_fd = -1;
static evtchn_port_t next_port = 10;

/* $XENSTORED_RUNDIR/<name> into path; false when the variable is unset or the path too long. */
static int rundir_path(char *path, size_t size, const char *name)
{
    const char *rundir = getenv("XENSTORED_RUNDIR");
    return rundir && snprintf(path, size, "%s/%s", rundir, name) < (int)size;
}

xc_interface *xc_interface_open(xentoollog_logger *logger, xentoollog_logger *dombuild_logger, unsigned open_flags)
{
    return (xc_interface *)&xc_token;
}

int xc_interface_close(xc_interface *xch)
{
    return 0;
}

int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid, unsigned int max_doms, xc_dominfo_t *info)
{
    if (max_doms == 0)
        return 0;
    memset(info, 0, sizeof(*info));
    info->domid = first_domid;
    info->running = 1;
    return 1;
}

xengnttab_handle *xengnttab_open(xentoollog_logger *logger, unsigned open_flags)
{
    return (xengnttab_handle *)&gnttab_token;
}

int xengnttab_close(xengnttab_handle *xgt)
{
    return 0;
}

int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
    return 0;
}

void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid, uint32_t ref, int prot)
{
    char name[32], path[4096];
    void *page;
    int fd;

    snprintf(name, sizeof(name), "ring-%u", domid);
    if (!rundir_path(path, sizeof(path), name)) {
        errno = ENOENT;
        return NULL;
    }
    fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0)
        return NULL;
    if (ftruncate(fd, getpagesize()) != 0) {
        close(fd);
        return NULL;
    }
    page = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count)
{
    return munmap(start_address, (size_t)count * getpagesize());
}

static xenevtchn_handle *open_evtchn(void)
{
    char path[4096];

    if (evtchn_fd >= 0)
        return (xenevtchn_handle *)&evtchn_fd;
    if (!rundir_path(path, sizeof(path), "evtchn") || (mkfifo(path, 0600) != 0 && errno != EEXIST))
        return NULL;
    /* Read-write, so the FIFO never reports end-of-file when no writer has it open. */
    evtchn_fd = open(path, O_RDWR | O_NONBLOCK);
    return evtchn_fd < 0 ? NULL : (xenevtchn_handle *)&evtchn_fd;
}

xenevtchn_handle *xenevtchn_open(xentoollog_logger *logger, unsigned open_flags)
{
    return open_evtchn();
}

xenevtchn_handle *xenevtchn_fdopen(xentoollog_logger *logger, int fd, unsigned open_flags)
{
    return open_evtchn();
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
    return evtchn_fd;
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    return 0;
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid, evtchn_port_t remote_port)
{
    return next_port++;
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    return next_port++;
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    return 0;
}

/* Called when the FIFO is readable: the port a client wrote to wake xenstored. */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    uint32_t port;

    if (read(evtchn_fd, &port, sizeof(port)) != sizeof(port)) {
        errno = EAGAIN;
        return -1;
    }
    return port;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    return 0;
}

/* Creates $XENSTORED_RUNDIR/<name> on first use: dom0's ring page (zeroed) or its event channel port. */
static int open_in_rundir(const char *name, int flags)
{
    char path[4096];
    int fd;

    if (!rundir_path(path, sizeof(path), name)) {
        errno = ENOENT;
        return -1;
    }
    fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0)
        return -1;
    if (strcmp(name, "xsd_kva") == 0) {
        if (ftruncate(fd, getpagesize()) != 0) {
            close(fd);
            return -1;
        }
    } else if (lseek(fd, 0, SEEK_END) == 0 && write(fd, "1\n", 2) != 2) {
        close(fd);
        return -1;
    }
    close(fd);
    return open(path, flags & ~O_CREAT);
}

int open(const char *path, int flags, ...)
{
    static int (*real_open)(const char *, int, ...);
    mode_t mode = 0;

    if (strcmp(path, "/proc/xen/xsd_kva") == 0)
        return open_in_rundir("xsd_kva", flags);
    if (strcmp(path, "/proc/xen/xsd_port") == 0)
        return open_in_rundir("xsd_port", flags);
    if (!real_open)
        real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    return real_open(path, flags, mode);
}
