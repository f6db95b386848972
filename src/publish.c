/* publish.c: atomic publication of a report directory, see publish.h. */
#define _GNU_SOURCE /* renameat2, nftw */
#include "publish.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

static char *_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

static void _release(struct publication *pub)
{
    free(pub->output_dir);
    free(pub->final_dir);
    free(pub->tmp_dir);
    free(pub->tmp_name);
    free(pub->year_name);
    memset(pub, 0, sizeof *pub);
}

static int _rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    int rc = flag == FTW_DP ? rmdir(path) : unlink(path);
    if (rc != 0)
        log_warn("cannot remove %s: %s", path, strerror(errno));
    return 0;
}

/* Removes a directory tree without following symlinks. */
static void _remove_tree(const char *path)
{
    nftw(path, _rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int _fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Removes .tmp-* directories a killed run left in the output directory. */
static void _clean_leftovers(const char *output_dir)
{
    DIR *dir = opendir(output_dir);
    if (!dir)
        return;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, ".tmp-", 5) != 0)
            continue;
        char *path = _join(output_dir, e->d_name);
        if (path) {
            log_info("removing %s, left by an interrupted run", path);
            _remove_tree(path);
        }
        free(path);
    }
    closedir(dir);
}

enum ikz_status publish_lock(const char *output_dir, struct output_lock *lock)
{
    lock->fd = -1;
    if (mkdir(output_dir, 0777) != 0 && errno != EEXIST) {
        log_error("cannot create output directory %s: %s", output_dir, strerror(errno));
        return IKZ_ERR_CANTCREAT;
    }
    char *path = _join(output_dir, ".lock");
    if (!path)
        return IKZ_ERR_OSERR;
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        log_error("cannot open %s: %s", path, strerror(errno));
        free(path);
        return IKZ_ERR_CANTCREAT;
    }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        log_error("another run (pid %s) is writing to %s; nothing done, try again later", *pid ? pid : "?", output_dir);
        close(fd);
        free(path);
        return IKZ_ERR_TEMPFAIL;
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len)
        log_warn("cannot write the pid to %s: %s", path, strerror(errno));
    free(path);
    lock->fd = fd;
    _clean_leftovers(output_dir);
    return IKZ_OK;
}

void publish_unlock(struct output_lock *lock)
{
    if (lock->fd >= 0)
        close(lock->fd); /* closing drops the fcntl lock */
    lock->fd = -1;
}

enum ikz_status publish_file(const char *output_dir, const char *name, const char *data, size_t len)
{
    char tmp_name[256];
    snprintf(tmp_name, sizeof tmp_name, ".tmp-%s-%ld", name, (long)getpid());
    char *tmp = _join(output_dir, tmp_name), *final = _join(output_dir, name);
    enum ikz_status st = IKZ_OK;
    int fd = tmp && final ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666) : -1;
    if (fd < 0) {
        st = IKZ_ERR_CANTCREAT;
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        if (off < len || fsync(fd) != 0)
            st = IKZ_ERR_IO;
        if (close(fd) != 0 && st == IKZ_OK)
            st = IKZ_ERR_IO;
        if (st == IKZ_OK && rename(tmp, final) != 0)
            st = IKZ_ERR_CANTCREAT;
        if (st != IKZ_OK)
            unlink(tmp);
    }
    if (st != IKZ_OK)
        log_error("cannot write %s: %s", final ? final : name, strerror(errno));
    free(tmp);
    free(final);
    return st;
}

void publish_remove(const char *output_dir, const char *name)
{
    char *path = _join(output_dir, name);
    if (path && unlink(path) != 0 && errno != ENOENT)
        log_warn("cannot remove %s: %s", path, strerror(errno));
    free(path);
}

enum ikz_status publish_begin(const char *output_dir, int year, struct publication *pub)
{
    memset(pub, 0, sizeof *pub);
    if (mkdir(output_dir, 0777) != 0 && errno != EEXIST) {
        log_error("cannot create output directory %s: %s", output_dir, strerror(errno));
        return IKZ_ERR_CANTCREAT;
    }
    char year_name[16], tmp_name[32];
    snprintf(year_name, sizeof year_name, "%04d", year);
    snprintf(tmp_name, sizeof tmp_name, ".tmp-%04d-XXXXXX", year);
    pub->output_dir = strdup(output_dir);
    pub->year_name = strdup(year_name);
    pub->final_dir = _join(output_dir, year_name);
    pub->tmp_dir = _join(output_dir, tmp_name);
    if (!pub->output_dir || !pub->year_name || !pub->final_dir || !pub->tmp_dir) {
        _release(pub);
        return IKZ_ERR_OSERR;
    }
    if (!mkdtemp(pub->tmp_dir)) {
        log_error("cannot create a directory in %s: %s", output_dir, strerror(errno));
        _release(pub);
        return IKZ_ERR_CANTCREAT;
    }
    /* mkdtemp makes it 0700, and so it stays while files are written into
     * it: nobody else can plant a link for libxlsxwriter to follow. */
    pub->tmp_name = strdup(strrchr(pub->tmp_dir, '/') + 1);
    if (!pub->tmp_name) {
        publish_abort(pub);
        return IKZ_ERR_OSERR;
    }
    return IKZ_OK;
}

enum ikz_status publish_create(struct publication *pub, const char *relpath, FILE **fp)
{
    *fp = NULL;
    char *path = _join(pub->tmp_dir, relpath);
    if (!path)
        return IKZ_ERR_OSERR;
    const char *slash = strchr(relpath, '/');
    if (slash) {
        char *dir = strndup(path, strlen(pub->tmp_dir) + 1 + (size_t)(slash - relpath));
        if (!dir || (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
            log_error("cannot create %s: %s", dir ? dir : relpath, strerror(errno));
            free(dir);
            free(path);
            return IKZ_ERR_CANTCREAT;
        }
        free(dir);
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 || !(*fp = fdopen(fd, "wb"))) {
        log_error("cannot create %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(path);
        return IKZ_ERR_CANTCREAT;
    }
    free(path);
    return IKZ_OK;
}

enum ikz_status publish_finish(struct publication *pub, const char *relpath, FILE *fp)
{
    int err = 0;
    if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0)
        err = errno ? errno : EIO;
    if (fclose(fp) != 0 && !err)
        err = errno;
    if (err) {
        log_error("cannot write %s/%s: %s", pub->tmp_dir, relpath, strerror(err));
        return IKZ_ERR_IO;
    }
    return IKZ_OK;
}

char *publish_path(const struct publication *pub, const char *relpath) { return _join(pub->tmp_dir, relpath); }

enum ikz_status publish_sync(const struct publication *pub, const char *relpath)
{
    char *path = _join(pub->tmp_dir, relpath);
    if (!path)
        return IKZ_ERR_OSERR;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int rc = fd >= 0 ? fsync(fd) : -1;
    if (rc != 0)
        log_error("cannot sync %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    free(path);
    return rc == 0 ? IKZ_OK : IKZ_ERR_IO;
}

enum ikz_status publish_commit(struct publication *pub)
{
    char *csv_dir = _join(pub->tmp_dir, "csv");
    if (csv_dir)
        _fsync_dir(csv_dir);
    free(csv_dir);
    if (_fsync_dir(pub->tmp_dir) != 0) {
        log_error("cannot sync %s: %s", pub->tmp_dir, strerror(errno));
        publish_abort(pub);
        return IKZ_ERR_IO;
    }
    /* Now the report gets what the umask allows. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(pub->tmp_dir, 0777 & ~mask);
    int dfd = open(pub->output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        log_error("cannot open %s: %s", pub->output_dir, strerror(errno));
        publish_abort(pub);
        return IKZ_ERR_CANTCREAT;
    }
    bool swapped = false;
    if (renameat2(dfd, pub->tmp_name, dfd, pub->year_name, RENAME_EXCHANGE) == 0) {
        swapped = true; /* tmp_dir now holds the previous report */
    } else if (errno == ENOENT) {
        if (renameat2(dfd, pub->tmp_name, dfd, pub->year_name, RENAME_NOREPLACE) != 0) {
            log_error("cannot publish %s as %s: %s", pub->tmp_dir, pub->final_dir, strerror(errno));
            close(dfd);
            publish_abort(pub);
            return IKZ_ERR_CANTCREAT;
        }
    } else {
        log_error("cannot publish %s as %s: %s", pub->tmp_dir, pub->final_dir, strerror(errno));
        close(dfd);
        publish_abort(pub);
        return IKZ_ERR_CANTCREAT;
    }
    fsync(dfd);
    close(dfd);
    if (swapped)
        _remove_tree(pub->tmp_dir);
    _release(pub);
    return IKZ_OK;
}

void publish_abort(struct publication *pub)
{
    if (pub->tmp_dir)
        _remove_tree(pub->tmp_dir);
    _release(pub);
}
