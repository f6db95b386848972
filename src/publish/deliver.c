/* deliver.c: a delivery copied, hashed, synced, sealed and renamed into
 * the drop in one step, see deliver.h. It is publish.c's pattern turned
 * round: there the job publishes what others read, here an exporter
 * delivers what the job reads. */
#define _GNU_SOURCE /* renameat2, nftw */
#include "deliver.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "text.h"

/* The files an export cannot be read without (docs/inputs.md). */
static const char *const _required[] = {"projekte.csv", "beteiligungen.csv"};

struct _file {
    char *name;
    char hex[DIGEST_HEX_LEN + 1];
};

struct _delivery {
    const struct deliver_options *opt;
    struct _file *files;
    size_t n, cap;
    int src_fd, drop_fd, tmp_fd;
    char *tmp_path; /* DROP/.einliefern-DATE-XXXXXX, NULL until made */
    const char *tmp_name;
};

/* ---- removing a directory tree ----------------------------------------- */

/* nftw has no context argument; the command is single-threaded, so the
 * first failure's errno is kept here for the message. */
static int _rm_errno;

static int _rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    /* Go on past a failure: remove as much as can be removed. */
    int r = flag == FTW_DP ? rmdir(path) : unlink(path);
    if (r != 0 && !_rm_errno)
        _rm_errno = errno;
    return 0;
}

/* Removes a tree without following links; 0, or the errno of what is left. */
static int _remove_tree(const char *path)
{
    _rm_errno = 0;
    nftw(path, _rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT)
        return 0;
    return _rm_errno ? _rm_errno : EBUSY;
}

/* ---- the source's files -------------------------------------------------- */

static int _by_name(const void *a, const void *b)
{
    /* Bytes, as `LC_ALL=C sort` orders them: the seal is the same on every
     * machine, whatever its locale. */
    return strcmp(((const struct _file *)a)->name, ((const struct _file *)b)->name);
}

/* Lists the files of SRC to copy into d->files, sorted by name. */
static enum ikz_status _list(struct _delivery *d, struct deliver_result *res, struct ikz_error *err)
{
    const char *src = d->opt->source_dir;
    int fd = dup(d->src_fd);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        if (fd >= 0)
            close(fd);
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: %s", src, strerror(errno));
    }
    enum ikz_status st = IKZ_OK;
    struct dirent *e;
    errno = 0;
    while (st == IKZ_OK && (e = readdir(dir)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.' || strcmp(name, DELIVER_SEAL) == 0) {
            /* Dotfiles are an editor's or a transfer's leftovers, not the
             * export; SRC's own seal would be a claim, the seal written
             * here is made from the bytes actually copied. */
            if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
                res->skipped++;
            continue;
        }
        struct stat sb;
        if (fstatat(d->src_fd, name, &sb, 0) != 0) {
            st = ikz_fail(err, IKZ_ERR_NOINPUT, "%s/%s: %s", src, name, strerror(errno));
            break;
        }
        if (S_ISDIR(sb.st_mode)) { /* an export is flat: a subdirectory is something else */
            res->skipped++;
            continue;
        }
        if (!S_ISREG(sb.st_mode)) {
            st = ikz_fail(err, IKZ_ERR_NOINPUT, "%s/%s: not a regular file", src, name);
            break;
        }
        /* sha256sum writes such a name escaped ("\\HASH  a\\nb"), which the
         * job's reader of the seal does not undo; no export is named so. */
        if (strpbrk(name, "\n\\")) {
            st = ikz_fail(err, IKZ_ERR_DATA, "%s: a file name with a newline or backslash cannot be sealed: '%s'",
                          src, name);
            break;
        }
        if (d->n == d->cap) {
            size_t cap = d->cap ? 2 * d->cap : 16;
            struct _file *files = realloc(d->files, cap * sizeof *files);
            if (!files) {
                st = ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
                break;
            }
            d->files = files;
            d->cap = cap;
        }
        d->files[d->n].name = strdup(name);
        if (!d->files[d->n].name) {
            st = ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
            break;
        }
        d->files[d->n++].hex[0] = '\0';
        errno = 0;
    }
    if (st == IKZ_OK && errno != 0)
        st = ikz_fail(err, IKZ_ERR_IO, "cannot read %s: %s", src, strerror(errno));
    closedir(dir);
    if (st != IKZ_OK)
        return st;
    /* qsort and bsearch must not see the NULL array of an empty SRC. */
    if (d->n > 0)
        qsort(d->files, d->n, sizeof *d->files, _by_name);
    for (size_t i = 0; i < sizeof _required / sizeof *_required; i++) {
        struct _file key = {.name = (char *)_required[i]};
        if (d->n == 0 || !bsearch(&key, d->files, d->n, sizeof *d->files, _by_name))
            return ikz_fail(err, IKZ_ERR_NOINPUT, "%s: no %s (an export has projekte.csv and beteiligungen.csv)",
                            src, _required[i]);
    }
    return IKZ_OK;
}

/* ---- writing into the temporary directory --------------------------------- */

static bool _write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        p += w;
        len -= (size_t)w;
    }
    return true;
}

/* Creates name in the temporary directory, 0640 whatever the umask. */
static enum ikz_status _create(struct _delivery *d, const char *name, int *fd, struct ikz_error *err)
{
    *fd = openat(d->tmp_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (*fd < 0 || fchmod(*fd, 0640) != 0) {
        int e = errno;
        if (*fd >= 0)
            close(*fd);
        *fd = -1;
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create %s/%s: %s", d->tmp_path, name, strerror(e));
    }
    return IKZ_OK;
}

/* Makes a written file durable and closes it. */
static enum ikz_status _finish(struct _delivery *d, const char *name, int fd, struct ikz_error *err)
{
    int e = fsync(fd) != 0 ? errno : 0;
    if (close(fd) != 0 && !e)
        e = errno;
    if (e)
        return ikz_fail(err, IKZ_ERR_IO, "cannot write %s/%s: %s", d->tmp_path, name, strerror(e));
    return IKZ_OK;
}

/* Copies one file of SRC and hashes it in the same pass. */
static enum ikz_status _copy(struct _delivery *d, struct _file *f, long long *bytes, struct ikz_error *err)
{
    const char *src = d->opt->source_dir;
    /* O_NONBLOCK: a FIFO put in a file's place since the listing fails
     * the check below instead of blocking. */
    int in = openat(d->src_fd, f->name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (in < 0)
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot open %s/%s: %s", src, f->name, strerror(errno));
    if (fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(in);
        return ikz_fail(err, IKZ_ERR_NOINPUT, "%s/%s: not a regular file", src, f->name);
    }
    fcntl(in, F_SETFL, fcntl(in, F_GETFL) & ~O_NONBLOCK);
    struct digest *dg = digest_new();
    if (!dg) {
        close(in);
        return ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
    }
    int out;
    enum ikz_status st = _create(d, f->name, &out, err);
    static unsigned char buf[1 << 16]; /* one copy at a time; off the stack */
    while (st == IKZ_OK) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            st = ikz_fail(err, IKZ_ERR_IO, "cannot read %s/%s: %s", src, f->name, strerror(errno));
            break;
        }
        if (r == 0)
            break;
        digest_update(dg, buf, (size_t)r);
        if (!_write_all(out, buf, (size_t)r)) {
            st = ikz_fail(err, IKZ_ERR_IO, "cannot write %s/%s: %s", d->tmp_path, f->name, strerror(errno));
            break;
        }
        *bytes += r;
    }
    if (st == IKZ_OK)
        st = _finish(d, f->name, out, err);
    else if (out >= 0)
        close(out);
    close(in); /* read only: nothing to learn from its close */
    digest_final(dg, f->hex);
    digest_free(dg);
    return st;
}

/* Writes SHA256SUMS as `sha256sum` would: "HASH  NAME\n", sorted. */
static enum ikz_status _seal(struct _delivery *d, struct ikz_error *err)
{
    size_t len = 0;
    for (size_t i = 0; i < d->n; i++)
        len += DIGEST_HEX_LEN + 2 + strlen(d->files[i].name) + 1;
    char *text = malloc(len + 1), *p = text;
    if (!text)
        return ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
    for (size_t i = 0; i < d->n; i++)
        p += sprintf(p, "%s  %s\n", d->files[i].hex, d->files[i].name);
    int fd;
    enum ikz_status st = _create(d, DELIVER_SEAL, &fd, err);
    if (st == IKZ_OK && !_write_all(fd, text, len)) {
        st = ikz_fail(err, IKZ_ERR_IO, "cannot write %s/%s: %s", d->tmp_path, DELIVER_SEAL, strerror(errno));
        close(fd);
    } else if (st == IKZ_OK) {
        st = _finish(d, DELIVER_SEAL, fd, err);
    }
    free(text);
    return st;
}

/* ---- putting it in place ----------------------------------------------------- */

/* Renames the sealed temporary directory to DATE and syncs the drop. */
static enum ikz_status _commit(struct _delivery *d, struct deliver_result *res, struct ikz_error *err)
{
    const char *drop = d->opt->drop_dir, *date = d->opt->date;
    /* The directory gets its final mode before it gets its name: 0770,
     * so that the job, in the drop's group, can remove it once it is past
     * aufbewahrung-tage (the seal, not the mode, guards its content), and
     * the setgid bit it inherited from a setgid drop, which keeps the
     * drop's group on everything later put into it. */
    struct stat sb;
    if (fstat(d->tmp_fd, &sb) != 0 || fchmod(d->tmp_fd, 0770 | (sb.st_mode & S_ISGID)) != 0)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot set the mode of %s: %s", d->tmp_path, strerror(errno));
    if (fsync(d->tmp_fd) != 0)
        return ikz_fail(err, IKZ_ERR_IO, "cannot sync %s: %s", d->tmp_path, strerror(errno));
    bool swapped = false;
    if (d->opt->replace && renameat2(d->drop_fd, d->tmp_name, d->drop_fd, date, RENAME_EXCHANGE) == 0)
        swapped = true; /* the temporary name now holds the previous delivery */
    else if ((d->opt->replace && errno != ENOENT) ||
             renameat2(d->drop_fd, d->tmp_name, d->drop_fd, date, RENAME_NOREPLACE) != 0) {
        if (errno == EEXIST) /* delivered meanwhile by someone else */
            return ikz_fail(err, IKZ_ERR_CANTCREAT, "%s/%s exists: a delivery of that date is there already; "
                            "--ersetzen replaces it", drop, date);
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot rename %s to %s/%s: %s", d->tmp_path, drop, date,
                        strerror(errno));
    }
    /* The rename must reach the disk, or a crash could take back a
     * delivery the exporter was told is there. If it cannot, undo it. */
    if (fsync(d->drop_fd) != 0) {
        int e = errno;
        bool undone = swapped ? renameat2(d->drop_fd, d->tmp_name, d->drop_fd, date, RENAME_EXCHANGE) == 0
                              : renameat2(d->drop_fd, date, d->drop_fd, d->tmp_name, RENAME_NOREPLACE) == 0;
        if (undone)
            return ikz_fail(err, IKZ_ERR_IO, "cannot sync %s: %s; nothing delivered%s", drop, strerror(e),
                            swapped ? ", the previous delivery is kept" : "");
        /* Complete and sealed, but perhaps not durable: say so. */
        ikz_fail(err, IKZ_ERR_IO, "cannot sync %s after renaming the delivery to %s: %s; it is complete, but a "
                 "crash could lose it: deliver again with --ersetzen", drop, date, strerror(e));
        if (!swapped) {
            free(d->tmp_path);
            d->tmp_path = NULL; /* it is the delivery now: not to be removed */
        }
        return IKZ_ERR_IO;
    }
    res->replaced = swapped;
    if (swapped) {
        int e = _remove_tree(d->tmp_path);
        if (e)
            ikz_fail(&res->warning, IKZ_ERR_IO, "cannot remove the replaced delivery, left as %s: %s; "
                     "remove it by hand", d->tmp_path, strerror(e));
    }
    free(d->tmp_path);
    d->tmp_path = NULL;
    return IKZ_OK;
}

/* ---- the whole delivery ------------------------------------------------------- */

static enum ikz_status _deliver(struct _delivery *d, struct deliver_result *res, struct ikz_error *err)
{
    const struct deliver_options *opt = d->opt;
    d->src_fd = open(opt->source_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->src_fd < 0)
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: %s", opt->source_dir, strerror(errno));
    enum ikz_status st = _list(d, res, err);
    if (st != IKZ_OK)
        return st;
    /* The drop is the package's: a mistyped one is an error, not made. */
    d->drop_fd = open(opt->drop_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->drop_fd < 0)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot deliver into %s: %s", opt->drop_dir, strerror(errno));
    struct stat sb;
    if (!opt->replace && fstatat(d->drop_fd, opt->date, &sb, AT_SYMLINK_NOFOLLOW) == 0)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "%s/%s exists: a delivery of that date is there already; "
                        "--ersetzen replaces it", opt->drop_dir, opt->date);
    char tmp_name[64];
    snprintf(tmp_name, sizeof tmp_name, ".einliefern-%s-XXXXXX", opt->date);
    char *tmp_path = text_path_join(opt->drop_dir, tmp_name);
    if (!tmp_path)
        return ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
    /* mkdtemp makes it 0700: nobody else reads or plants anything in it
     * until it is complete. */
    if (!mkdtemp(tmp_path)) {
        int e = errno;
        free(tmp_path);
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create a directory in %s: %s", opt->drop_dir, strerror(e));
    }
    d->tmp_path = tmp_path;
    d->tmp_name = strrchr(tmp_path, '/') + 1;
    d->tmp_fd = open(tmp_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->tmp_fd < 0)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot open %s: %s", tmp_path, strerror(errno));
    for (size_t i = 0; i < d->n && st == IKZ_OK; i++)
        st = _copy(d, &d->files[i], &res->bytes, err);
    if (st == IKZ_OK)
        st = _seal(d, err);
    if (st == IKZ_OK)
        st = _commit(d, res, err);
    if (st == IKZ_OK)
        res->files = d->n;
    return st;
}

enum ikz_status deliver_export(const struct deliver_options *opt, struct deliver_result *result,
                               struct ikz_error *err)
{
    memset(result, 0, sizeof *result);
    struct _delivery d = {.opt = opt, .src_fd = -1, .drop_fd = -1, .tmp_fd = -1};
    enum ikz_status st = _deliver(&d, result, err);
    if (d.tmp_fd >= 0)
        close(d.tmp_fd);
    if (d.tmp_path) /* a failure: no half delivery stays, not even under a dot-name */
        _remove_tree(d.tmp_path);
    if (d.src_fd >= 0)
        close(d.src_fd);
    if (d.drop_fd >= 0)
        close(d.drop_fd);
    for (size_t i = 0; i < d.n; i++)
        free(d.files[i].name);
    free(d.files);
    free(d.tmp_path);
    return st;
}
