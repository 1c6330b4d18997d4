/* Prints gcc's layout of struct xs_permissions (libxen-dev's headers): "size <n>", "id <offset>", "perms <offset>". */
#include <stddef.h>
#include <stdio.h>
#include <xenstore.h>

int main(void)
{
    printf("size %zu\nid %zu\nperms %zu\n", sizeof(struct xs_permissions), offsetof(struct xs_permissions, id),
           offsetof(struct xs_permissions, perms));
    printf("read %d\nwrite %d\n", XS_PERM_READ, XS_PERM_WRITE);
    return 0;
}
