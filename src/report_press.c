/* report_press.c: the press paragraphs of a run, see run.h: the Land's,
 * one per Kreis and kreisfreie Stadt, and the projects the job asks for,
 * each rendered from its template with the values press_values gives. */
#include "run.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_text.h"

/* Renders one press paragraph from tpl with a project's or a Kreis's
 * values (pv, or NULL for the Land's) beside the key figures and the
 * Land's words. Running text never prints "k. A.": a placeholder the
 * paragraph prints without a value is IKZ_ERR_DATA and named in missing
 * (RENDER_MISSING_MAX bytes). */
enum ikz_status run_paragraph(struct run *r, const char *tpl, const char *path,
                              const struct press_values *pv, char **out, char *missing)
{
    struct text_values values = {.now = &r->fig,
                                 .before = &r->fig_before,
                                 .extra = pv ? pv->v : NULL,
                                 .n_extra = pv ? pv->n : 0,
                                 .common = r->common.v, /* run_compute made them */
                                 .n_common = TEXT_COMMON_VALUES,
                                 .strict = true,
                                 .missing = missing};
    missing[0] = '\0';
    return render_text(tpl, path, 1, &values, out, &r->findings);
}

/* A Land or Kreis paragraph that prints a value it does not have: the
 * template lacks the form for that case (docs/workbook.md), a template
 * error. */
enum ikz_status run_paragraph_lacks(struct run *r, const char *path, const char *missing, const char *whose)
{
    findings_add(&r->findings, FINDING_VORLAGE_FEHLERHAFT, run_display(path), 0, NULL, missing,
                 "%s: kein Wert für {%s}; die Vorlage braucht für diesen Fall eine Form {…?…|…|…}", whose, missing);
    return IKZ_ERR_CONFIG;
}

static enum ikz_status _add_paragraph(struct run *r, const char *rel, char *text, long projekt)
{
    struct paragraph *p = realloc(r->presse, (r->n_presse + 1) * sizeof *p);
    if (!p) {
        free(text);
        return IKZ_ERR_OSERR;
    }
    r->presse = p;
    snprintf(p[r->n_presse].rel, sizeof p->rel, "%s", rel);
    p[r->n_presse].projekt = projekt;
    p[r->n_presse++].text = text;
    return IKZ_OK;
}

/* A project id as part of a file name: letters, digits, '-', '_' and '.'
 * stay, anything else becomes '_'. */
static void _file_id(const char *id, char *out, size_t outsz)
{
    size_t o = 0;
    for (; *id && o + 1 < outsz; id++, o++) {
        bool keep = isalnum((unsigned char)*id) || *id == '-' || *id == '_' || (*id == '.' && o > 0);
        out[o] = keep ? *id : '_';
    }
    out[o] = '\0';
}

/* The regional editions, one per Kreis and kreisfreie Stadt, and the
 * paragraphs of the projects the job asks for. A project that is not
 * funded at the Stichtag (a rerun for an earlier year) gets no paragraph
 * and a hinweis, not a failed night. */
enum ikz_status run_paragraphs(struct run *r, const struct report_options *opt)
{
    struct figures_input in = {&r->reg, &r->areas, &r->ex, &r->agg, &r->labels, false};
    enum ikz_status st = IKZ_OK;
    for (size_t k = 0; st == IKZ_OK && k < r->reg.n_kreise; k++) {
        struct press_values pv;
        char *text = NULL, rel[96];
        char missing[RENDER_MISSING_MAX];
        st = press_values_kreis(&in, k, &pv);
        if (st == IKZ_OK)
            st = run_paragraph(r, r->kreis_template, r->path_kreistext, &pv, &text, missing);
        if (st == IKZ_ERR_DATA)
            st = run_paragraph_lacks(r, r->path_kreistext, missing, r->reg.kreis[k].key);
        press_values_free(&pv);
        snprintf(rel, sizeof rel, "presse/kreis-%s.txt", r->reg.kreis[k].key);
        if (st == IKZ_OK)
            st = _add_paragraph(r, rel, text, -1);
    }
    const char *list = opt->projekttexte ? opt->projekttexte : "";
    while (st == IKZ_OK && *list) {
        size_t skip = strspn(list, ", \t"), len = strcspn(list + skip, ", \t");
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id ? len : sizeof id - 1), list + skip);
        list += skip + len;
        if (!*id)
            continue;
        long i = press_find_projekt(&r->ex, id);
        if (i < 0 || !aggregate_is_active(&r->ex.projekt[i], opt->stichtag) || !aggregate_in_report(&r->ex.projekt[i])) {
            findings_add(&r->findings, FINDING_PROJEKTTEXT_OHNE_PROJEKT, opt->job_path ? run_display(opt->job_path) : "Kommandozeile",
                         0, "projekttexte", id, NULL);
            continue;
        }
        struct press_values pv;
        char *text = NULL, rel[96], safe[64], missing[RENDER_MISSING_MAX];
        st = press_values_projekt(&in, (size_t)i, &pv);
        if (st == IKZ_OK)
            st = run_paragraph(r, r->projekt_template, r->path_projekttext, &pv, &text, missing);
        press_values_free(&pv);
        if (st == IKZ_ERR_DATA) { /* the project lacks what its paragraph says: no paragraph, a hinweis */
            findings_add(&r->findings, FINDING_PROJEKTTEXT_UNVOLLSTAENDIG,
                         opt->job_path ? run_display(opt->job_path) : "Kommandozeile", 0, "projekttexte", id,
                         "kein Wert für {%s}", missing);
            st = IKZ_OK;
            continue;
        }
        /* A project asked for twice gets one paragraph. Two projects whose
         * ids make the same file name (IKZ/2021-003 and IKZ_2021-003) get
         * one each: the later in the list with "~2" (or "~3" ...) after its
         * name, a character no id keeps in a file name (_file_id), so the
         * name cannot be another project's; each paragraph names its id. */
        _file_id(id, safe, sizeof safe);
        snprintf(rel, sizeof rel, "presse/projekt-%s.txt", safe);
        for (int n = 2, clash = 1; st == IKZ_OK && text && clash; n++) {
            clash = 0;
            for (size_t j = 0; text && j < r->n_presse; j++) {
                if (strcmp(r->presse[j].rel, rel) != 0)
                    continue;
                if (r->presse[j].projekt == i) {
                    free(text);
                    text = NULL;
                } else {
                    snprintf(rel, sizeof rel, "presse/projekt-%s~%d.txt", safe, n);
                    clash = 1;
                }
            }
        }
        if (st == IKZ_OK && text)
            st = _add_paragraph(r, rel, text, i);
    }
    return st;
}

