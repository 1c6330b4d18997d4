/*
 * The reference for the xenstore benchmark: N write+read round trips through libxenstore, as a C toolstack does
 * them, on the daemon named by XENSTORED_PATH. Prints "<pairs> <nanoseconds>" for the timed part.
 * Usage: xenstore-roundtrips PATH WARMUP PAIRS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xenstore.h>

static int round_trips(struct xs_handle *h, const char *path, long pairs)
{
    char value[32];
    for (long i = 0; i < pairs; i++) {
        unsigned int len;
        int n = snprintf(value, sizeof(value), "%ld", i);
        if (!xs_write(h, XBT_NULL, path, value, n)) {
            perror("xs_write");
            return -1;
        }
        char *back = xs_read(h, XBT_NULL, path, &len);
        if (!back || len != (unsigned int)n || memcmp(back, value, n) != 0) {
            fprintf(stderr, "xs_read returned %s instead of %s\n", back ? back : "NULL", value);
            free(back);
            return -1;
        }
        free(back);
    }
    return 0;
}

static long long nanoseconds(const struct timespec *from, const struct timespec *to)
{
    return (long long)(to->tv_sec - from->tv_sec) * 1000000000LL + (to->tv_nsec - from->tv_nsec);
}

int main(int argc, char **argv)
{
    struct timespec start, end, cpu_start, cpu_end;
    struct xs_handle *h;

    if (argc != 4) {
        fprintf(stderr, "usage: %s PATH WARMUP PAIRS\n", argv[0]);
        return 2;
    }
    h = xs_open(0);
    if (!h) {
        perror("xs_open");
        return 1;
    }
    if (round_trips(h, argv[1], atol(argv[2])) != 0)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &start);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
    if (round_trips(h, argv[1], atol(argv[3])) != 0)
        return 1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld %lld %lld\n", atol(argv[3]), nanoseconds(&start, &end), nanoseconds(&cpu_start, &cpu_end));
    xs_close(h);
    return 0;
}
