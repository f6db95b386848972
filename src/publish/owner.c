/* owner.c: a run as root refuses another user's output directory, see
 * owner.h. */
#define _GNU_SOURCE /* strdup */
#include "owner.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The owner of path or, while it does not exist, of the nearest existing
 * directory above it: what a run creates there would be root's inside a
 * directory that user must be able to clean. -1 when nothing can be
 * stat()ed (the run then fails on the directory itself, with its reason). */
static long _owner_uid(const char *path, char *shown, size_t size)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    long uid = -1;
    for (;;) {
        struct stat st;
        if (stat(*p ? p : ".", &st) == 0) {
            uid = (long)st.st_uid;
            snprintf(shown, size, "%s", *p ? p : ".");
            break;
        }
        if (errno != ENOENT)
            break;
        /* Up one level: "a/b/" -> "a", "a" -> "" (.), "/a" -> "/". */
        size_t n = strlen(p);
        while (n > 1 && p[n - 1] == '/')
            p[--n] = '\0';
        char *slash = strrchr(p, '/');
        if (!slash)
            p[0] = '\0';
        else if (slash == p)
            p[1] = '\0';
        else
            *slash = '\0';
    }
    free(p);
    return uid;
}

enum ikz_status owner_check(const char *output_dir, char *owner, size_t size, struct ikz_error *err)
{
    if (geteuid() != 0)
        return IKZ_OK;
    char shown[4096];
    long uid = _owner_uid(output_dir, shown, sizeof shown);
    if (uid <= 0)
        return IKZ_OK;
    const struct passwd *pw = getpwuid((uid_t)uid);
    if (pw)
        snprintf(owner, size, "%s", pw->pw_name);
    else
        snprintf(owner, size, "#%ld", uid);
    if (strcmp(shown, output_dir) == 0)
        return ikz_fail(err, IKZ_ERR_NOPERM,
                        "%s belongs to %s: a run as root would leave files there that %s cannot remove; nothing done",
                        output_dir, owner, owner);
    return ikz_fail(err, IKZ_ERR_NOPERM,
                    "%s would be made in %s, which belongs to %s: a run as root would leave files there that %s "
                    "cannot remove; nothing done",
                    output_dir, shown, owner, owner);
}
