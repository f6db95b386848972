/* publish.c: atomic publication of a report directory, see publish.h. */
#define _GNU_SOURCE /* renameat2, nftw, syncfs */
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

#include "text.h"


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
    /* Go on past a failure: remove as much as can be removed. nftw has no
     * context argument; the caller sees what is left by rmdir failing. */
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* Removes a directory tree without following symlinks; false if some of
 * it is left (the next run's lock removes what a failure left behind). */
static bool _remove_tree(const char *path)
{
    nftw(path, _rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    struct stat st;
    return lstat(path, &st) != 0 && errno == ENOENT;
}

/* Removes .tmp-* directories a killed run left in the output directory;
 * returns how many it removed. */
static size_t _clean_leftovers(const char *output_dir)
{
    DIR *dir = opendir(output_dir);
    if (!dir)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, ".tmp-", 5) != 0)
            continue;
        char *path = text_path_join(output_dir, e->d_name);
        if (path && _remove_tree(path))
            n++;
        free(path);
    }
    closedir(dir);
    return n;
}

enum ikz_status publish_lock(const char *output_dir, struct output_lock *lock, struct ikz_error *err)
{
    lock->fd = -1;
    lock->leftovers_removed = 0;
    lock->pid_written = false;
    if (mkdir(output_dir, 0777) != 0 && errno != EEXIST)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create output directory %s: %s", output_dir, strerror(errno));
    char *path = text_path_join(output_dir, ".lock");
    if (!path)
        return IKZ_ERR_OSERR;
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot open %s: %s", path, strerror(errno));
        free(path);
        return IKZ_ERR_CANTCREAT;
    }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        ikz_fail(err, IKZ_ERR_TEMPFAIL, "another run (pid %s) is writing to %s; nothing done, try again later",
                 *pid ? pid : "?", output_dir);
        close(fd);
        free(path);
        return IKZ_ERR_TEMPFAIL;
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    lock->pid_written = ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)len, 0) == len;
    free(path);
    lock->fd = fd;
    lock->leftovers_removed = _clean_leftovers(output_dir);
    return IKZ_OK;
}

void publish_unlock(struct output_lock *lock)
{
    if (lock->fd >= 0)
        close(lock->fd); /* closing drops the fcntl lock */
    lock->fd = -1;
}

enum ikz_status publish_file(const char *output_dir, const char *name, const char *data, size_t len,
                             struct ikz_error *err)
{
    int saved = 0;
    char tmp_name[256];
    snprintf(tmp_name, sizeof tmp_name, ".tmp-%s-%ld", name, (long)getpid());
    char *tmp = text_path_join(output_dir, tmp_name), *final = text_path_join(output_dir, name);
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
        saved = errno ? errno : EIO; /* before unlink() can change it */
        if (st != IKZ_OK)
            unlink(tmp);
    }
    if (fd < 0)
        saved = errno;
    if (st != IKZ_OK)
        ikz_fail(err, st, "cannot write %s: %s", final ? final : name, strerror(saved));
    free(tmp);
    free(final);
    return st;
}

enum ikz_status publish_remove(const char *output_dir, const char *name, struct ikz_error *err)
{
    char *path = text_path_join(output_dir, name);
    enum ikz_status st = IKZ_OK;
    if (!path)
        st = IKZ_ERR_OSERR;
    else if (unlink(path) != 0 && errno != ENOENT)
        st = ikz_fail(err, IKZ_ERR_IO, "cannot remove %s: %s", path, strerror(errno));
    free(path);
    return st;
}

/* The swap replaces OUTPUT/YYYY and deletes what was there: that may only
 * be a previous report of this job. A file, a link (even to a report) or a
 * directory without this job's manifest is somebody's, so it is left as
 * it is and nothing is published. IKZ_OK when OUTPUT/YYYY is absent or a
 * report; else IKZ_ERR_CANTCREAT, saying what is there. Under the output
 * lock no run of this job changes it between this check and the swap. */
static enum ikz_status _check_occupant(const struct publication *pub, struct ikz_error *err)
{
    struct stat st;
    if (lstat(pub->final_dir, &st) != 0)
        return errno == ENOENT ? IKZ_OK
                               : ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot publish to %s: %s", pub->final_dir,
                                          strerror(errno));
    if (S_ISDIR(st.st_mode) && pub->is_report(pub->final_dir))
        return IKZ_OK;
    char what[300] = "neither a file nor a directory";
    if (S_ISREG(st.st_mode)) {
        snprintf(what, sizeof what, "a regular file");
    } else if (S_ISDIR(st.st_mode)) {
        snprintf(what, sizeof what, "a directory");
    } else if (S_ISLNK(st.st_mode)) {
        char target[256];
        ssize_t n = readlink(pub->final_dir, target, sizeof target - 1);
        target[n > 0 ? n : 0] = '\0';
        snprintf(what, sizeof what, "a symbolic link to %s", target);
    }
    return ikz_fail(err, IKZ_ERR_CANTCREAT,
                    "cannot publish to %s: it is %s, not a report of ikz-report (no manifest.json of it); left as it "
                    "is, nothing published",
                    pub->final_dir, what);
}

enum ikz_status publish_begin(const char *output_dir, int year, publish_is_report_fn is_report,
                              struct publication *pub, struct ikz_error *err)
{
    memset(pub, 0, sizeof *pub);
    if (mkdir(output_dir, 0777) != 0 && errno != EEXIST)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create output directory %s: %s", output_dir, strerror(errno));
    char year_name[16], tmp_name[32];
    snprintf(year_name, sizeof year_name, "%04d", year);
    snprintf(tmp_name, sizeof tmp_name, ".tmp-%04d-XXXXXX", year);
    pub->output_dir = strdup(output_dir);
    pub->year_name = strdup(year_name);
    pub->final_dir = text_path_join(output_dir, year_name);
    pub->tmp_dir = text_path_join(output_dir, tmp_name);
    if (!pub->output_dir || !pub->year_name || !pub->final_dir || !pub->tmp_dir) {
        _release(pub);
        return IKZ_ERR_OSERR;
    }
    pub->is_report = is_report;
    enum ikz_status st = _check_occupant(pub, err);
    if (st != IKZ_OK) {
        _release(pub);
        return st;
    }
    if (!mkdtemp(pub->tmp_dir)) {
        ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create a directory in %s: %s", output_dir, strerror(errno));
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

enum ikz_status publish_create(const struct publication *pub, const char *relpath, FILE **fp, struct ikz_error *err)
{
    *fp = NULL;
    char *path = text_path_join(pub->tmp_dir, relpath);
    if (!path)
        return IKZ_ERR_OSERR;
    const char *slash = strchr(relpath, '/');
    if (slash) {
        char *dir = strndup(path, strlen(pub->tmp_dir) + 1 + (size_t)(slash - relpath));
        if (!dir || (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
            ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create %s: %s", dir ? dir : relpath, strerror(errno));
            free(dir);
            free(path);
            return IKZ_ERR_CANTCREAT;
        }
        free(dir);
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 || !(*fp = fdopen(fd, "wb"))) {
        ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(path);
        return IKZ_ERR_CANTCREAT;
    }
    free(path);
    return IKZ_OK;
}

/* A file is flushed and closed here and made durable with all the others
 * in publish_commit(): one syncfs() instead of one fsync() per file, which
 * at 'national' (326 regional paragraphs) was a fifth of the run. */
enum ikz_status publish_finish(const struct publication *pub, const char *relpath, FILE *fp, struct ikz_error *err)
{
    int e = 0;
    if (fflush(fp) != 0 || ferror(fp))
        e = errno ? errno : EIO;
    if (fclose(fp) != 0 && !e)
        e = errno;
    if (e)
        return ikz_fail(err, IKZ_ERR_IO, "cannot write %s/%s: %s", pub->tmp_dir, relpath, strerror(e));
    return IKZ_OK;
}

char *publish_path(const struct publication *pub, const char *relpath) { return text_path_join(pub->tmp_dir, relpath); }

enum ikz_status publish_commit(struct publication *pub, struct ikz_error *err)
{
    /* Every file and directory of the publication to disk at once: syncfs
     * writes back the whole file system the report is on and, since Linux
     * 5.8, reports a write-back error of any of its files. */
    int tfd = open(pub->tmp_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int synced = tfd >= 0 ? syncfs(tfd) : -1;
    int sync_errno = errno;
    if (tfd >= 0 && close(tfd) != 0 && synced == 0) {
        synced = -1;
        sync_errno = errno;
    }
    if (synced != 0) {
        ikz_fail(err, IKZ_ERR_IO, "cannot sync %s: %s", pub->tmp_dir, strerror(sync_errno));
        publish_abort(pub);
        return IKZ_ERR_IO;
    }
    /* Now the report gets what the umask allows. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(pub->tmp_dir, 0777 & ~mask);
    int dfd = open(pub->output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot open %s: %s", pub->output_dir, strerror(errno));
        publish_abort(pub);
        return IKZ_ERR_CANTCREAT;
    }
    enum ikz_status occupant = _check_occupant(pub, err);
    if (occupant != IKZ_OK) {
        close(dfd);
        publish_abort(pub);
        return occupant;
    }
    bool swapped = false;
    if (renameat2(dfd, pub->tmp_name, dfd, pub->year_name, RENAME_EXCHANGE) == 0) {
        swapped = true; /* tmp_dir now holds the previous report */
    } else if (errno == ENOENT) {
        if (renameat2(dfd, pub->tmp_name, dfd, pub->year_name, RENAME_NOREPLACE) != 0) {
            ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot publish %s as %s: %s", pub->tmp_dir, pub->final_dir,
                     strerror(errno));
            close(dfd);
            publish_abort(pub);
            return IKZ_ERR_CANTCREAT;
        }
    } else {
        ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot publish %s as %s: %s", pub->tmp_dir, pub->final_dir,
                 strerror(errno));
        close(dfd);
        publish_abort(pub);
        return IKZ_ERR_CANTCREAT;
    }
    /* The swap must reach the disk, or a crash could bring back the old
     * report after the run said it published. If it cannot, undo the swap:
     * the previous report stays as it was, and the run fails. */
    if (fsync(dfd) != 0) {
        int e = errno;
        bool undone = swapped ? renameat2(dfd, pub->tmp_name, dfd, pub->year_name, RENAME_EXCHANGE) == 0
                              : renameat2(dfd, pub->year_name, dfd, pub->tmp_name, RENAME_NOREPLACE) == 0;
        if (undone) {
            close(dfd);
            ikz_fail(err, IKZ_ERR_IO, "cannot sync %s after publishing %s: %s; the previous report is kept",
                     pub->output_dir, pub->year_name, strerror(e));
            publish_abort(pub);
            return IKZ_ERR_IO;
        }
        /* Neither durable nor undone: the new report, complete and read
         * back, is what OUTPUT/YYYY holds. Saying "failed" would be
         * untrue; the caller warns that a crash could bring back the old. */
        pub->not_durable = true;
    }
    close(dfd);
    if (swapped)
        _remove_tree(pub->tmp_dir); /* what is left, the next run's lock removes */
    bool not_durable = pub->not_durable;
    _release(pub);
    pub->not_durable = not_durable; /* the one member left after the release */
    return IKZ_OK;
}

void publish_abort(struct publication *pub)
{
    if (pub->tmp_dir)
        _remove_tree(pub->tmp_dir);
    _release(pub);
}
