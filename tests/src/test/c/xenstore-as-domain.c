/*
 * One xenstore request made the way a guest makes it: through its ring page, so xenstored applies the domain's
 * permissions and quotas. Works with the harness daemon (xenstored-nohyp.c), where the ring of an introduced domain
 * is the file RUNDIR/ring-DOMID and writing a port to the FIFO RUNDIR/evtchn wakes the daemon.
 * Usage: xenstore-as-domain RUNDIR DOMID read|write|ls|rm PATH [VALUE]
 * Prints the reply (ls: one name a line); an error reply (e.g. EACCES) goes to stderr with exit status 1; bad usage
 * exits 2; no ring, no daemon or no reply exits 3.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <xen/io/xs_wire.h>

static void ring_write(struct xenstore_domain_interface *ring, const void *data, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        ring->req[MASK_XENSTORE_IDX(ring->req_prod + i)] = ((const char *)data)[i];
    __sync_synchronize();
    ring->req_prod += len;
}

/* Waits up to 10 s for len bytes of reply and copies them out. */
static int ring_read(struct xenstore_domain_interface *ring, void *data, uint32_t len)
{
    struct timespec pause = {0, 1000000};
    for (int waited = 0; ring->rsp_prod - ring->rsp_cons < len; waited++) {
        if (waited == 10000)
            return -1;
        nanosleep(&pause, NULL);
        __sync_synchronize();
    }
    for (uint32_t i = 0; i < len; i++)
        ((char *)data)[i] = ring->rsp[MASK_XENSTORE_IDX(ring->rsp_cons + i)];
    __sync_synchronize();
    ring->rsp_cons += len;
    return 0;
}

static int wake_daemon(const char *rundir)
{
    char path[4096];
    uint32_t port = 0;
    int fd, ok;

    snprintf(path, sizeof(path), "%s/evtchn", rundir);
    fd = open(path, O_WRONLY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    ok = write(fd, &port, sizeof(port)) == sizeof(port);
    close(fd);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    static const struct { const char *name; uint32_t type; } ops[] = {
        {"read", XS_READ}, {"write", XS_WRITE}, {"ls", XS_DIRECTORY}, {"rm", XS_RM}};
    struct xsd_sockmsg msg = {0}, reply;
    struct xenstore_domain_interface *ring;
    char path[4096], payload[XENSTORE_PAYLOAD_MAX + 1];
    size_t path_len;
    int fd;

    if (argc < 5) {
        fprintf(stderr, "usage: %s RUNDIR DOMID read|write|ls|rm PATH [VALUE]\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (strcmp(argv[3], ops[i].name) == 0)
            msg.type = ops[i].type;
    path_len = strlen(argv[4]) + 1;
    if (msg.type == 0 || (msg.type == XS_WRITE) != (argc == 6) || path_len > XENSTORE_PAYLOAD_MAX) {
        fprintf(stderr, "bad operation or arguments\n");
        return 2;
    }
    memcpy(payload, argv[4], path_len);
    msg.len = path_len;
    if (msg.type == XS_WRITE) {
        size_t value_len = strlen(argv[5]);
        if (msg.len + value_len > XENSTORE_PAYLOAD_MAX) {
            fprintf(stderr, "value too long\n");
            return 2;
        }
        memcpy(payload + msg.len, argv[5], value_len);
        msg.len += value_len;
    }
    msg.req_id = 1;

    snprintf(path, sizeof(path), "%s/ring-%s", argv[1], argv[2]);
    fd = open(path, O_RDWR);
    if (fd < 0) {
        perror(path);
        return 3;
    }
    ring = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (ring == MAP_FAILED) {
        perror("mmap");
        return 3;
    }
    ring_write(ring, &msg, sizeof(msg));
    ring_write(ring, payload, msg.len);
    if (wake_daemon(argv[1]) != 0) {
        perror("evtchn");
        return 3;
    }
    if (ring_read(ring, &reply, sizeof(reply)) != 0 || reply.len > XENSTORE_PAYLOAD_MAX
        || ring_read(ring, payload, reply.len) != 0) {
        fprintf(stderr, "no reply from xenstored within 10 s\n");
        return 3;
    }
    payload[reply.len] = '\0';
    if (reply.type == XS_ERROR) {
        fprintf(stderr, "%s\n", payload);
        return 1;
    }
    if (reply.type == XS_DIRECTORY)
        for (uint32_t i = 0; i < reply.len; i++)
            if (payload[i] == '\0')
                payload[i] = '\n';
    if (reply.type != XS_WRITE && reply.type != XS_RM)
        fputs(payload, stdout);
    return 0;
}
