/* taskareas.c: loads templates/aufgabenbereiche.csv, see taskareas.h. */
#include "taskareas.h"

#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "text.h"

struct _load {
    struct task_areas *areas;
    struct findings *findings;
    const char *display;
    bool bad;
};

static enum ikz_status _row(void *ctx, const struct csv_record *rec)
{
    struct _load *ld = ctx;
    if (rec->rejected) {
        ld->bad = true;
        return IKZ_OK;
    }
    const char *code = rec->field[0], *label = rec->field[1];
    if (!code || !*code || !label || !*label) {
        findings_add(ld->findings, FINDING_VORLAGE_FEHLERHAFT, ld->display, rec->line,
                     !code || !*code ? "code" : "bezeichnung", NULL, "Feld ist leer");
        ld->bad = true;
        return IKZ_OK;
    }
    if (taskareas_find(ld->areas, code) >= 0 || taskareas_find(ld->areas, label) >= 0) {
        findings_add(ld->findings, FINDING_VORLAGE_FEHLERHAFT, ld->display, rec->line, "code", code,
                     "Aufgabenbereich doppelt in der Liste");
        ld->bad = true;
        return IKZ_OK;
    }
    struct task_areas *a = ld->areas;
    struct task_area *item = realloc(a->item, (a->n + 1) * sizeof *item);
    if (!item)
        return IKZ_ERR_OSERR;
    a->item = item;
    item[a->n].code = strdup(code);
    item[a->n].label = strdup(label);
    if (!item[a->n].code || !item[a->n].label)
        return IKZ_ERR_OSERR;
    if (text_equal_nocase(code, TASKAREA_OZG_CODE))
        a->ozg = (long)a->n;
    a->n++;
    return IKZ_OK;
}

enum ikz_status taskareas_load(const char *path, const char *display, const struct csvfile_options *opt,
                               struct task_areas *out,
                               struct findings *findings)
{
    memset(out, 0, sizeof *out);
    out->ozg = -1;
    size_t errors_before = findings->errors; /* the reader's own, such as a character XML forbids */
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, display, opt, findings, &cf);
    if (st != IKZ_OK)
        return st == IKZ_ERR_OSERR ? st : IKZ_ERR_CONFIG;
    static const char *const names[] = {"code", "bezeichnung"};
    static const bool required[] = {true, true};
    struct _load ld = {out, findings, display, false};
    st = csvfile_bind(cf, names, required, 2);
    if (st == IKZ_OK)
        st = csvfile_each(cf, _row, &ld);
    csvfile_close(cf);
    if (st == IKZ_OK && !ld.bad && out->n == 0)
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, 1, NULL, NULL, "die Liste hat keine Zeile");
    if (st == IKZ_OK && (ld.bad || out->n == 0 || findings->errors > errors_before))
        st = IKZ_ERR_CONFIG;
    if (st == IKZ_ERR_DATA)
        st = IKZ_ERR_CONFIG;
    return st;
}
