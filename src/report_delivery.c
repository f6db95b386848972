/* report_delivery.c: choosing the delivery and the nightly guards, see
 * report_delivery.h. */
#define _GNU_SOURCE /* strdup */
#include "report_delivery.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "manifest.h"
#include "text.h"

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void _note(struct delivery_choice *dc, enum finding_code code, const char *file, long line, const char *fmt, ...)
{
    struct delivery_note *n = realloc(dc->note, (dc->n_note + 1) * sizeof *n);
    if (!n)
        return; /* the warning line is logged all the same */
    dc->note = n;
    n = &dc->note[dc->n_note++];
    snprintf(n->file, sizeof n->file, "%s", file);
    n->line = line;
    n->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->text, sizeof n->text, fmt, ap);
    va_end(ap);
}

/* A delivery passed over: one warning line naming it and why, and a note. */
static void _pass_over(struct delivery_choice *dc, const struct drop_entry *e, const struct delivery_problem *why)
{
    char file[520];
    snprintf(file, sizeof file, "%s/%s", e->name, why->file);
    if (why->line)
        log_warn("delivery %s/%s not used: %s:%ld: %s", dc->opt->drop_dir, e->name, file, why->line, why->text);
    else
        log_warn("delivery %s/%s not used: %s: %s", dc->opt->drop_dir, e->name, file, why->text);
    _note(dc, FINDING_LIEFERUNG_UEBERSPRUNGEN, file, why->line, "%s", why->text);
}

enum ikz_status delivery_begin(struct delivery_choice *dc, const struct report_options *opt)
{
    memset(dc, 0, sizeof *dc);
    dc->opt = opt;
    if (!opt->drop_dir)
        return IKZ_OK;
    struct ikz_error err = {0};
    enum ikz_status st = drop_list(opt->drop_dir, &dc->entry, &dc->n_entry, &err);
    if (st != IKZ_OK)
        log_error("%s", err.message);
    return st;
}

/* Loads dir's seal into dc. A plain directory's broken seal is kept as
 * the problem (its findings come after reading, with the rest). */
static enum ikz_status _load_seal(struct delivery_choice *dc, struct delivery_problem *why)
{
    seal_free(&dc->seal);
    dc->sealed = dc->seal_unreadable = false;
    enum ikz_status st = seal_load(dc->dir, &dc->seal, why);
    if (st == IKZ_OK)
        dc->sealed = true;
    return st;
}

static enum ikz_status _set_dir(struct delivery_choice *dc, const char *dir)
{
    free(dc->dir);
    dc->dir = strdup(dir);
    return dc->dir ? IKZ_OK : IKZ_ERR_OSERR;
}

enum ikz_status delivery_next(struct delivery_choice *dc)
{
    const struct report_options *opt = dc->opt;
    if (!opt->drop_dir) {
        if (dc->tried_plain)
            return IKZ_ERR_NOINPUT;
        dc->tried_plain = true;
        if (_set_dir(dc, opt->input_dir) != IKZ_OK)
            return IKZ_ERR_OSERR;
        enum ikz_status st = _load_seal(dc, &dc->problem);
        if (st == IKZ_ERR_NOINPUT && opt->seal == SEAL_REQUIRED) {
            log_error("%s/%s: missing: the exports are not a sealed delivery (siegel = pflicht)", dc->dir, SEAL_NAME);
            return IKZ_ERR_NOINPUT;
        }
        if (st == IKZ_ERR_DATA) /* reported with the other findings once read */
            dc->seal_unreadable = true;
        return st == IKZ_ERR_OSERR ? st : IKZ_OK;
    }
    while (dc->next < dc->n_entry) {
        const struct drop_entry *e = &dc->entry[dc->next++];
        if (!e->date)
            continue; /* a foreign entry; retention names it */
        if (e->date > opt->today) {
            char today[11];
            date_format_de(opt->today, today);
            log_warn("delivery %s/%s not used: dated after today (%s)", opt->drop_dir, e->name, today);
            _note(dc, FINDING_LIEFERUNG_UEBERSPRUNGEN, e->name, 0, "datiert nach dem heutigen Tag (%s): nie verwendet",
                  today);
            continue;
        }
        char *dir = text_path_join(opt->drop_dir, e->name);
        if (!dir || _set_dir(dc, dir) != IKZ_OK) {
            free(dir);
            return IKZ_ERR_OSERR;
        }
        free(dir);
        struct delivery_problem why;
        enum ikz_status st = _load_seal(dc, &why);
        if (st == IKZ_ERR_NOINPUT && opt->seal == SEAL_IF_PRESENT) {
            /* siegel = wenn-vorhanden: an unsealed delivery is taken as it is. */
            dc->chosen = e;
            log_info("delivery %s (not sealed; siegel = wenn-vorhanden)", dc->dir);
            return IKZ_OK;
        }
        if (st == IKZ_OK)
            st = seal_check_listing(&dc->seal, dc->dir, &why);
        if (st == IKZ_ERR_OSERR)
            return st;
        if (st != IKZ_OK) {
            _pass_over(dc, e, &why);
            continue;
        }
        dc->chosen = e;
        log_info("delivery %s (sealed, %zu files)", dc->dir, dc->seal.n);
        return IKZ_OK;
    }
    dc->chosen = NULL;
    return IKZ_ERR_NOINPUT;
}

void delivery_skip(struct delivery_choice *dc, const struct delivery_problem *why)
{
    if (dc->chosen)
        _pass_over(dc, dc->chosen, why);
}

void delivery_add_findings(const struct delivery_choice *dc, struct findings *findings)
{
    for (size_t i = 0; i < dc->n_note; i++) {
        const struct delivery_note *n = &dc->note[i];
        findings_add(findings, n->code, n->file, n->line, NULL, NULL, "%s", n->text);
    }
}

enum ikz_status delivery_fresh(struct delivery_choice *dc)
{
    const struct report_options *opt = dc->opt;
    if (!dc->chosen)
        return IKZ_OK;
    long age = date_to_days(opt->today) - date_to_days(dc->chosen->date);
    if (opt->max_alter_tage && age > (long)opt->max_alter_tage) {
        log_error("delivery %s is %ld days old, older than max-alter-tage %zu: the export has not been delivered "
                  "since; nothing published",
                  dc->dir, age, opt->max_alter_tage);
        return IKZ_ERR_NOINPUT;
    }
    if (age > (long)opt->warn_alter_tage) {
        log_warn("delivery %s is %ld days old (warn-alter-tage %zu): the report describes the exports of %s",
                 dc->dir, age, opt->warn_alter_tage, dc->chosen->name);
        _note(dc, FINDING_LIEFERUNG_ALT, dc->chosen->name, 0, "%ld Tage alt, mehr als warn_alter_tage %zu", age,
              opt->warn_alter_tage);
    }
    return IKZ_OK;
}

/* Removes a complete delivery: its listed files, its seal, itself. Stops
 * at the first failure, leaving the rest (it is incomplete then, and the
 * next run names it). */
static bool _remove(const char *dir, const struct seal *s, const char **failed, int *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *failed = dir;
        *err = errno;
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i <= s->n; i++) {
        const char *name = i < s->n ? s->entry[i].name : SEAL_NAME;
        if (unlinkat(fd, name, 0) != 0) {
            *failed = name;
            *err = errno;
            ok = false;
        }
    }
    close(fd);
    if (ok && rmdir(dir) != 0) {
        *failed = dir;
        *err = errno;
        ok = false;
    }
    return ok;
}

void delivery_retain(struct delivery_choice *dc, const char *output_dir)
{
    const struct report_options *opt = dc->opt;
    if (!opt->drop_dir || !opt->aufbewahrung_tage)
        return;
    struct published_report *pub = NULL;
    size_t n_pub = 0;
    struct ikz_error err = {0};
    if (manifest_published(output_dir, &pub, &n_pub, &err) != IKZ_OK) {
        /* Without knowing which deliveries the reports name, none is removed. */
        log_warn("%s; no delivery removed", err.message);
        return;
    }
    long limit = date_to_days(opt->today) - (long)opt->aufbewahrung_tage;
    for (size_t i = 0; i < dc->n_entry; i++) {
        const struct drop_entry *e = &dc->entry[i];
        if (!e->date) {
            log_warn("%s/%s left alone: not a delivery (a directory named YYYY-MM-DD)", opt->drop_dir, e->name);
            continue;
        }
        if (e == dc->chosen || date_to_days(e->date) >= limit)
            continue;
        bool named = false;
        for (size_t k = 0; k < n_pub && !named; k++)
            named = strcmp(pub[k].lieferung, e->name) == 0;
        if (named)
            continue;
        /* Only complete deliveries go: an incomplete one may be a
         * delivery that failed, kept for whoever looks into it. */
        char *dir = text_path_join(opt->drop_dir, e->name);
        struct seal s;
        struct delivery_problem why;
        if (!dir) {
            log_warn("out of memory: no delivery removed");
            break;
        }
        if (seal_load(dir, &s, &why) != IKZ_OK) {
            log_warn("%s left alone: older than aufbewahrung-tage %zu, but %s: %s", dir, opt->aufbewahrung_tage,
                     why.file, why.text);
        } else if (seal_check_listing(&s, dir, &why) != IKZ_OK) {
            log_warn("%s left alone: older than aufbewahrung-tage %zu, but %s: %s", dir, opt->aufbewahrung_tage,
                     why.file, why.text);
            seal_free(&s);
        } else {
            const char *failed = NULL;
            int e_no = 0;
            if (_remove(dir, &s, &failed, &e_no))
                log_info("removed delivery %s: older than aufbewahrung-tage %zu", dir, opt->aufbewahrung_tage);
            else
                log_warn("cannot remove delivery %s (%s: %s); left as it is", dir, failed, strerror(e_no));
            seal_free(&s);
        }
        free(dir);
    }
    free(pub);
}

void delivery_end(struct delivery_choice *dc)
{
    free(dc->entry);
    free(dc->dir);
    free(dc->note);
    seal_free(&dc->seal);
    memset(dc, 0, sizeof *dc);
}
