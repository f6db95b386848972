/* labels.c: loads templates/kennzahlen.csv, see labels.h. */
#include "labels.h"

#include <stdlib.h>
#include <string.h>

#include "csvfile.h"

struct _load {
    struct labels *labels;
    struct findings *findings;
    const char *display;
    bool bad;
};

static long _find(const struct labels *labels, const char *key)
{
    for (size_t i = 0; i < labels->n; i++)
        if (strcmp(labels->key[i], key) == 0)
            return (long)i;
    return -1;
}

static enum ikz_status _row(void *ctx, const struct csv_record *rec)
{
    struct _load *ld = ctx;
    if (rec->rejected) {
        ld->bad = true;
        return IKZ_OK;
    }
    struct labels *l = ld->labels;
    const char *key = rec->field[0];
    if (!key || !*key || !rec->field[1] || !*rec->field[1]) {
        findings_add(ld->findings, FINDING_VORLAGE_FEHLERHAFT, ld->display, rec->line,
                     !key || !*key ? "kennzahl" : "bezeichnung", NULL, "Feld ist leer");
        ld->bad = true;
        return IKZ_OK;
    }
    if (_find(l, key) >= 0) {
        findings_add(ld->findings, FINDING_VORLAGE_FEHLERHAFT, ld->display, rec->line, "kennzahl", key,
                     "Kennzahl doppelt");
        ld->bad = true;
        return IKZ_OK;
    }
    char **k = realloc(l->key, (l->n + 1) * sizeof *k);
    if (k)
        l->key = k;
    char **b = realloc(l->label, (l->n + 1) * sizeof *b);
    if (b)
        l->label = b;
    char **d = realloc(l->definition, (l->n + 1) * sizeof *d);
    if (d)
        l->definition = d;
    if (!k || !b || !d)
        return IKZ_ERR_OSERR;
    l->key[l->n] = strdup(key);
    l->label[l->n] = strdup(rec->field[1]);
    l->definition[l->n] = strdup(rec->field[2] ? rec->field[2] : "");
    l->n++;
    if (!l->key[l->n - 1] || !l->label[l->n - 1] || !l->definition[l->n - 1])
        return IKZ_ERR_OSERR;
    return IKZ_OK;
}

enum ikz_status labels_load(const char *path, const char *display, const struct csvfile_options *opt, struct labels *out,
                            struct findings *findings)
{
    memset(out, 0, sizeof *out);
    size_t errors_before = findings->errors; /* the reader's own, such as a character XML forbids */
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, display, opt, findings, &cf);
    if (st != IKZ_OK)
        return st == IKZ_ERR_OSERR ? st : IKZ_ERR_CONFIG;
    static const char *const names[] = {"kennzahl", "bezeichnung", "definition"};
    static const bool required[] = {true, true, false};
    struct _load ld = {out, findings, display, false};
    st = csvfile_bind(cf, names, required, 3);
    if (st == IKZ_OK)
        st = csvfile_each(cf, _row, &ld);
    csvfile_close(cf);
    if (st == IKZ_OK && !ld.bad && out->n == 0) {
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, 1, NULL, NULL, "die Liste hat keine Zeile");
        ld.bad = true;
    }
    if (st == IKZ_OK && (ld.bad || findings->errors > errors_before))
        st = IKZ_ERR_CONFIG;
    return st == IKZ_ERR_DATA ? IKZ_ERR_CONFIG : st;
}

const char *labels_label(const struct labels *labels, const char *key)
{
    long i = _find(labels, key);
    return i < 0 ? NULL : labels->label[i];
}

const char *labels_definition(const struct labels *labels, const char *key)
{
    long i = _find(labels, key);
    return i < 0 ? NULL : labels->definition[i];
}

void labels_free(struct labels *labels)
{
    for (size_t i = 0; i < labels->n; i++) {
        free(labels->key[i]);
        free(labels->label[i]);
        free(labels->definition[i]);
    }
    free(labels->key);
    free(labels->label);
    free(labels->definition);
    memset(labels, 0, sizeof *labels);
}
