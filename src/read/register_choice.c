/* register_choice.c: see register_choice.h. */
#include "register_choice.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"

ikz_date register_name_stand(const char *name)
{
    /* GV100AD_ + DDMMYY + .txt or .ASC, any case */
    if (strlen(name) != 18 || strncmp(name, "GV100AD_", 8) != 0 ||
        !(text_equal_nocase(name + 14, ".txt") || text_equal_nocase(name + 14, ".asc")))
        return 0;
    char digits[7], iso[11];
    memcpy(digits, name + 8, 6);
    digits[6] = '\0';
    if (!digits_exact(digits, 6))
        return 0;
    /* Two-digit years: Destatis has published GV100AD since the 1990s,
     * files this job reads are from 2000 on. */
    snprintf(iso, sizeof iso, "20%.2s-%.2s-%.2s", digits + 4, digits + 2, digits);
    ikz_date d;
    return date_parse(iso, &d) ? d : 0;
}

enum ikz_status register_choose(const char *path, ikz_date stichtag, struct register_choice *out,
                                struct ikz_error *err)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st) != 0)
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot open %s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        out->path = strdup(path);
        out->named_stand = register_name_stand(base);
        out->candidates = 1;
        return out->path ? IKZ_OK : IKZ_ERR_OSERR;
    }
    DIR *dir = opendir(path);
    if (!dir)
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: %s", path, strerror(errno));
    /* best: the latest on or before the Stichtag; oldest: the fallback. */
    char best[256] = "", oldest[256] = "";
    ikz_date best_d = 0, oldest_d = 0;
    bool csv = false;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        ikz_date d = register_name_stand(e->d_name);
        if (!d) {
            csv |= strcmp(e->d_name, "kommunen.csv") == 0;
            continue;
        }
        out->candidates++;
        if (d <= stichtag && (d > best_d || (d == best_d && strcmp(e->d_name, best) < 0))) {
            best_d = d;
            snprintf(best, sizeof best, "%s", e->d_name);
        }
        if (!oldest_d || d < oldest_d || (d == oldest_d && strcmp(e->d_name, oldest) < 0)) {
            oldest_d = d;
            snprintf(oldest, sizeof oldest, "%s", e->d_name);
        }
    }
    closedir(dir);
    const char *name = NULL;
    if (best_d) {
        name = best;
        out->named_stand = best_d;
    } else if (oldest_d) {
        name = oldest;
        out->named_stand = oldest_d;
        out->after_stichtag = true;
    } else if (csv) {
        name = "kommunen.csv";
        out->candidates = 1;
    } else {
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot open %s/kommunen.csv: No such file or directory (and no GV100AD_DDMMYY.txt in %s)",
                        path, path);
    }
    out->path = text_path_join(path, name);
    return out->path ? IKZ_OK : IKZ_ERR_OSERR;
}

void register_choice_free(struct register_choice *c)
{
    free(c->path);
    memset(c, 0, sizeof *c);
}
