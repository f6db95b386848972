/* texts.c: reads templates/texte.ini (inifile.c), see texts.h. */
#include "texts.h"

#include "inifile.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* A text that goes into the workbook's XML must be UTF-8 and hold only
 * characters XML allows: a texte.ini saved as Latin-1 or holding a U+FFFE
 * would otherwise make a workbook that no reader opens, found only when it
 * is read back (and then it looked like a disk fault). */
struct _load {
    struct texts *t;
    long not_xml; /* the line of the first entry refused as not UTF-8 or not XML-safe, or 0 */
};

static bool _on_entry(void *user, const char *section, const char *name, const char *value, long line)
{
    struct _load *ld = user;
    struct texts *t = ld->t;
    if (!text_xml_safe(section, strlen(section)) || !text_xml_safe(name, strlen(name)) ||
        !text_xml_safe(value, strlen(value))) {
        if (!ld->not_xml)
            ld->not_xml = line;
        return false;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        long *l = realloc(t->line, cap * sizeof *l);
        if (!l)
            return false;
        t->line = l;
        char **s = realloc(t->section, cap * sizeof *s);
        if (s)
            t->section = s;
        char **k = realloc(t->key, cap * sizeof *k);
        if (k)
            t->key = k;
        char **v = realloc(t->value, cap * sizeof *v);
        if (v)
            t->value = v;
        if (!s || !k || !v)
            return false;
        t->cap = cap;
    }
    t->line[t->n] = line;
    t->section[t->n] = strdup(section);
    t->key[t->n] = strdup(name);
    t->value[t->n] = strdup(value);
    t->n++;
    return t->section[t->n - 1] && t->key[t->n - 1] && t->value[t->n - 1];
}

enum ikz_status texts_load(const char *path, const char *display, struct texts *out, struct findings *findings)
{
    memset(out, 0, sizeof *out);
    out->display = display;
    long line;
    bool duplicate;
    struct _load ld = {out, 0};
    enum ikz_status st = inifile_parse(path, _on_entry, &ld, &line, &duplicate);
    if (st == IKZ_OK)
        return IKZ_OK;
    if (st == IKZ_ERR_NOINPUT)
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, 0, NULL, NULL, "Datei nicht lesbar");
    else if (ld.not_xml == line) /* the first error inih met was this one */
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, line, NULL, NULL,
                     "%s", TEXTS_NOT_XML_SAFE);
    else if (duplicate)
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, line, NULL, NULL,
                     "Schlüssel doppelt im selben Abschnitt");
    else
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, line, NULL, NULL,
                     "keine gültige INI-Zeile (Abschnitt [name] oder schluessel = text, höchstens 199 Bytes)");
    return IKZ_ERR_CONFIG;
}

const char *texts_get(const struct texts *t, const char *section, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->section[i], section) == 0 && strcmp(t->key[i], key) == 0)
            return t->value[i];
    return NULL;
}

void texts_free(struct texts *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->section[i]);
        free(t->key[i]);
        free(t->value[i]);
    }
    free(t->section);
    free(t->line);
    free(t->key);
    free(t->value);
    memset(t, 0, sizeof *t);
}
