/* findings.c: the table of finding codes and the list that collects them. */
#include "findings.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The longest value kept for a message; the rest is cut with "…". */
#define VALUE_MAX 60

static const struct {
    const char *name;
    enum finding_severity severity;
    const char *message; /* German: what is wrong and what to fix */
} _codes[FINDING__COUNT] = {
    [FINDING_DATEI_LEER] = {"DATEI_LEER", SEVERITY_FEHLER, "Datei ist leer oder hat keine Kopfzeile"},
    [FINDING_SPALTE_FEHLT] = {"SPALTE_FEHLT", SEVERITY_FEHLER, "Pflichtspalte fehlt in der Kopfzeile"},
    [FINDING_CSV_SYNTAX] = {"CSV_SYNTAX", SEVERITY_FEHLER, "CSV-Syntax fehlerhaft"},
    [FINDING_FELDANZAHL] = {"FELDANZAHL", SEVERITY_FEHLER, "Zeile hat eine andere Anzahl Felder als die Kopfzeile"},
    [FINDING_KODIERUNG] = {"KODIERUNG", SEVERITY_FEHLER, "Zeichenkodierung ungültig (Datei mischt UTF-8 mit anderen Bytes oder enthält Steuerzeichen)"},
    [FINDING_DATEI_KODIERUNG] = {"DATEI_KODIERUNG", SEVERITY_FEHLER, "Zeichenkodierung der Datei uneinheitlich oder ungültig; sie ist nicht verlässlich lesbar"},
    [FINDING_SPALTE_DOPPELT] = {"SPALTE_DOPPELT", SEVERITY_FEHLER, "Spalte steht mehrfach in der Kopfzeile; welche gemeint ist, ist unklar"},
    [FINDING_ZEICHEN_ERSETZT] = {"ZEICHEN_ERSETZT", SEVERITY_HINWEIS, "Steuerzeichen oder Nicht-Zeichen (in XML und Excel nicht erlaubt) durch das Ersatzzeichen U+FFFD ersetzt"},
    [FINDING_PFLICHTFELD_LEER] = {"PFLICHTFELD_LEER", SEVERITY_FEHLER, "Pflichtfeld ist leer"},
    [FINDING_REGISTER_AGS_UNGUELTIG] = {"REGISTER_AGS_UNGUELTIG", SEVERITY_FEHLER, "Gemeindeschlüssel im Verzeichnis ungültig (8 Ziffern für Gemeinden, 5 für Kreise)"},
    [FINDING_REGISTER_AGS_DOPPELT] = {"REGISTER_AGS_DOPPELT", SEVERITY_FEHLER, "Gemeindeschlüssel steht mehrfach im Verzeichnis"},
    [FINDING_REGISTER_ART_UNGUELTIG] = {"REGISTER_ART_UNGUELTIG", SEVERITY_FEHLER, "Art der Kommune unbekannt (Gemeinde, Stadt, kreisfreie Stadt, Landkreis)"},
    [FINDING_REGISTER_KREIS_FEHLT] = {"REGISTER_KREIS_FEHLT", SEVERITY_FEHLER, "Kreis der Gemeinde fehlt im Verzeichnis"},
    [FINDING_REGISTER_LEER] = {"REGISTER_LEER", SEVERITY_FEHLER, "Gemeindeverzeichnis enthält keine Kommune"},
    [FINDING_REGISTER_SATZ_UNGUELTIG] = {"REGISTER_SATZ_UNGUELTIG", SEVERITY_FEHLER, "Satz des Gemeindeverzeichnisses (GV100AD) ungültig: Satzart oder Länge stimmt nicht"},
    [FINDING_REGISTER_GEBIETSSTAND] = {"REGISTER_GEBIETSSTAND", SEVERITY_FEHLER, "Gebietsstand des Gemeindeverzeichnisses ungültig, nicht in allen Sätzen gleich oder ein anderer als im Dateinamen"},
    [FINDING_REGISTER_NACH_STICHTAG] = {"REGISTER_NACH_STICHTAG", SEVERITY_HINWEIS, "Gebietsstand des Gemeindeverzeichnisses liegt nach dem Stichtag"},
    [FINDING_EINWOHNER_UNGUELTIG] = {"EINWOHNER_UNGUELTIG", SEVERITY_FEHLER, "Einwohnerzahl ist keine ganze Zahl ab 0"},
    [FINDING_PROJEKT_DOPPELT] = {"PROJEKT_DOPPELT", SEVERITY_FEHLER, "projekt_id kommt mehrfach vor"},
    [FINDING_AUFGABENBEREICH_UNBEKANNT] = {"AUFGABENBEREICH_UNBEKANNT", SEVERITY_FEHLER, "Aufgabenbereich steht nicht in der Liste templates/aufgabenbereiche.csv"},
    [FINDING_DATUM_UNGUELTIG] = {"DATUM_UNGUELTIG", SEVERITY_FEHLER, "Datum ungültig (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)"},
    [FINDING_WIDERRUF_VOR_BEWILLIGUNG] = {"WIDERRUF_VOR_BEWILLIGUNG", SEVERITY_FEHLER, "Widerruf liegt vor der Bewilligung"},
    [FINDING_BETRAG_UNGUELTIG] = {"BETRAG_UNGUELTIG", SEVERITY_FEHLER, "Betrag ist keine Zahl (z. B. 86000, 86000.50, 86.000,50)"},
    [FINDING_BETRAG_NEGATIV] = {"BETRAG_NEGATIV", SEVERITY_FEHLER, "Betrag ist negativ"},
    [FINDING_BETRAG_ZU_GROSS] = {"BETRAG_ZU_GROSS", SEVERITY_FEHLER, "Betrag über 1.000.000.000 Euro; kein Förderbetrag und keine Einsparung ist so groß"},
    [FINDING_EINSPARUNG_UEBER_KOSTEN] = {"EINSPARUNG_UEBER_KOSTEN", SEVERITY_FEHLER, "Einsparung ist größer als die Ausgangskosten"},
    [FINDING_AGS_UNBEKANNT] = {"AGS_UNBEKANNT", SEVERITY_FEHLER, "Gemeindeschlüssel ist keine Kommune des Gemeindeverzeichnisses"},
    [FINDING_PROJEKT_UNBEKANNT] = {"PROJEKT_UNBEKANNT", SEVERITY_FEHLER, "Beteiligung an einem Projekt, das in projekte.csv fehlt"},
    [FINDING_ROLLE_UNGUELTIG] = {"ROLLE_UNGUELTIG", SEVERITY_FEHLER, "Rolle ungültig (erwartet federfuehrend oder beteiligt)"},
    [FINDING_BETEILIGUNG_DOPPELT] = {"BETEILIGUNG_DOPPELT", SEVERITY_HINWEIS, "Kommune ist an diesem Projekt mehrfach eingetragen; sie wird einmal gezählt"},
    [FINDING_BETEILIGUNG_ANDERES_LAND] = {"BETEILIGUNG_ANDERES_LAND", SEVERITY_HINWEIS, "Kommune eines anderen Landes; die Beteiligung wird nicht gezählt"},
    /* The database keeps the keys it was given: a rerun for an earlier year
     * needs them. So this hinweis asks nobody to rewrite a key. */
    [FINDING_AGS_UMGESCHLUESSELT] = {"AGS_UMGESCHLUESSELT", SEVERITY_HINWEIS, "Gemeindeschlüssel nach einer Gebietsänderung umgeschlüsselt; die Beteiligung zählt bei der Nachfolgerin"},
    [FINDING_AGS_ZURUECKGESCHLUESSELT] = {"AGS_ZURUECKGESCHLUESSELT", SEVERITY_HINWEIS, "Gemeindeschlüssel erst nach dem Gebietsstand durch Schlüsseländerung vergeben; die Beteiligung zählt beim früheren Schlüssel"},
    [FINDING_AGS_NACH_GEBIETSSTAND] = {"AGS_NACH_GEBIETSSTAND", SEVERITY_FEHLER, "Gemeindeschlüssel einer Kommune, die erst nach dem Gebietsstand aus einer Gebietsänderung hervorging; die Beteiligung lässt sich nicht auf die Vorgängerinnen aufteilen"},
    [FINDING_AGS_NICHT_GEPRUEFT] = {"AGS_NICHT_GEPRUEFT", SEVERITY_HINWEIS, "Gemeindeschlüssel ist keine Kommune des Gemeindeverzeichnisses; nicht geprüft und nicht gezählt, da das Projekt am Stichtag und ein Jahr davor nicht gefördert ist"},
    [FINDING_GEBIETSAENDERUNG_FEHLERHAFT] = {"GEBIETSAENDERUNG_FEHLERHAFT", SEVERITY_FEHLER, "Liste der Gebietsänderungen fehlerhaft"},
    [FINDING_PROJEKT_OHNE_BETEILIGTE] = {"PROJEKT_OHNE_BETEILIGTE", SEVERITY_FEHLER, "Projekt hat keine Beteiligten in beteiligungen.csv; eine Zusammenarbeit braucht mindestens zwei Kommunen"},
    [FINDING_PROJEKT_EIN_BETEILIGTER] = {"PROJEKT_EIN_BETEILIGTER", SEVERITY_FEHLER, "Projekt hat nur eine beteiligte Kommune; Zusammenarbeit braucht mindestens zwei"},
    [FINDING_FEDERFUEHRUNG_FEHLT] = {"FEDERFUEHRUNG_FEHLT", SEVERITY_HINWEIS, "Projekt hat keine federführende Kommune"},
    [FINDING_FEDERFUEHRUNG_MEHRFACH] = {"FEDERFUEHRUNG_MEHRFACH", SEVERITY_HINWEIS, "Projekt hat mehrere federführende Kommunen"},
    [FINDING_PROJEKTTEXT_OHNE_PROJEKT] = {"PROJEKTTEXT_OHNE_PROJEKT", SEVERITY_HINWEIS, "Für dieses Projekt ist ein Projekttext bestellt, es ist aber am Stichtag nicht gefördert; kein Text geschrieben"},
    [FINDING_PROJEKTTEXT_UNVOLLSTAENDIG] = {"PROJEKTTEXT_UNVOLLSTAENDIG", SEVERITY_HINWEIS, "Für dieses Projekt ist ein Projekttext bestellt, dem Projekt fehlt aber ein Wert, den der Text nennt; kein Text geschrieben"},
    [FINDING_ZELLE_GEKUERZT] = {"ZELLE_GEKUERZT", SEVERITY_HINWEIS, "Text länger als eine Zelle des Arbeitsblatts fasst; dort gekürzt und mit […] markiert"},
    [FINDING_VORLAGE_FEHLERHAFT] = {"VORLAGE_FEHLERHAFT", SEVERITY_FEHLER, "Vorlage in templates/ fehlerhaft"},
    [FINDING_LIEFERUNG_UNVOLLSTAENDIG] = {"LIEFERUNG_UNVOLLSTAENDIG", SEVERITY_FEHLER, "Lieferung stimmt nicht mit ihrer Prüfsummenliste SHA256SUMS überein; nicht verwendet"},
    [FINDING_LIEFERUNG_UEBERSPRUNGEN] = {"LIEFERUNG_UEBERSPRUNGEN", SEVERITY_HINWEIS, "Neuere Lieferung nicht verwendet, weil sie nicht vollständig versiegelt oder in die Zukunft datiert ist"},
    [FINDING_LIEFERUNG_ALT] = {"LIEFERUNG_ALT", SEVERITY_HINWEIS, "Die neueste vollständige Lieferung ist älter als warn_alter_tage; der Bericht beschreibt ihren Stand"},
    [FINDING_LIEFERUNG_RUECKGANG] = {"LIEFERUNG_RUECKGANG", SEVERITY_FEHLER, "Kennzahl gegenüber dem zuletzt veröffentlichten Bericht stärker gefallen als max_rueckgang_prozent erlaubt; nichts veröffentlicht"},
};

const char *finding_code_name(enum finding_code code) { return _codes[code].name; }
const char *finding_message(enum finding_code code) { return _codes[code].message; }
enum finding_severity finding_severity(enum finding_code code) { return _codes[code].severity; }

const char *finding_severity_name(enum finding_severity severity)
{
    return severity == SEVERITY_FEHLER ? "fehler" : "hinweis";
}

void findings_init(struct findings *f, size_t limit)
{
    memset(f, 0, sizeof *f);
    f->limit = limit;
}

void findings_free(struct findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->item[i].value);
        free(f->item[i].detail);
    }
    free(f->item);
    memset(f, 0, sizeof *f);
}

void findings_add(struct findings *f, enum finding_code code, const char *file, long line,
                  const char *column, const char *value, const char *detail, ...)
{
    f->total++;
    f->by_code[code]++;
    if (_codes[code].severity == SEVERITY_FEHLER)
        f->errors++;
    if (f->n >= f->limit)
        return;
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        if (cap > f->limit)
            cap = f->limit;
        struct finding *item = realloc(f->item, cap * sizeof *item);
        if (!item)
            return;
        f->item = item;
        f->cap = cap;
    }
    struct finding *fi = &f->item[f->n++];
    fi->code = code;
    fi->file = file;
    fi->line = line;
    fi->column = column;
    fi->value = NULL;
    fi->detail = NULL;
    fi->seq = f->total;
    if (value) {
        char buf[VALUE_MAX * 4 + 8];
        text_escape(value, buf, sizeof buf, VALUE_MAX);
        fi->value = strdup(buf);
    }
    if (detail) {
        char buf[512];
        va_list ap;
        va_start(ap, detail);
        vsnprintf(buf, sizeof buf, detail, ap);
        va_end(ap);
        fi->detail = strdup(buf);
    }
}

static int _cmp_line(const void *a, const void *b)
{
    const struct finding *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void findings_sort_from(struct findings *f, size_t start)
{
    if (start < f->n)
        qsort(f->item + start, f->n - start, sizeof *f->item, _cmp_line);
}

void findings_move(struct findings *dst, struct findings *src)
{
    for (size_t i = 0; i < src->n; i++) {
        if (dst->n == dst->cap && dst->n < dst->limit) {
            size_t cap = dst->cap ? 2 * dst->cap : 64;
            if (cap > dst->limit)
                cap = dst->limit;
            struct finding *item = realloc(dst->item, cap * sizeof *item);
            if (item) {
                dst->item = item;
                dst->cap = cap;
            }
        }
        if (dst->n < dst->cap) {
            dst->item[dst->n] = src->item[i];
            dst->item[dst->n++].seq = dst->total + i;
        } else {
            free(src->item[i].value);
            free(src->item[i].detail);
        }
    }
    dst->total += src->total;
    dst->errors += src->errors;
    for (int c = 0; c < FINDING__COUNT; c++)
        dst->by_code[c] += src->by_code[c];
    size_t limit = src->limit;
    free(src->item);
    memset(src, 0, sizeof *src);
    src->limit = limit;
}

void finding_format(const struct finding *fi, char *out, size_t outsz)
{
    size_t o = 0;
#define PUT(...)                                                                                   \
    do {                                                                                           \
        int k_ = snprintf(out + o, outsz - o, __VA_ARGS__);                                        \
        if (k_ > 0)                                                                                \
            o = o + (size_t)k_ < outsz ? o + (size_t)k_ : outsz - 1;                               \
    } while (0)
    if (outsz == 0)
        return;
    out[0] = '\0';
    PUT("%s", fi->file ? fi->file : "-");
    if (fi->line > 0)
        PUT(":%ld", fi->line);
    PUT(": ");
    if (fi->column)
        PUT("column '%s': ", fi->column);
    PUT("%s", _codes[fi->code].message);
    if (fi->value)
        PUT(" '%s'", fi->value);
    if (fi->detail)
        PUT(" (%s)", fi->detail);
    PUT(" [%s]", _codes[fi->code].name);
#undef PUT
}

enum ikz_status findings_print(const struct findings *f, FILE *fp, size_t max, bool with_hinweise)
{
    char line[1024];
    size_t shown = 0, total = with_hinweise ? f->total : f->errors;
    for (size_t i = 0; i < f->n && shown < max; i++) {
        if (!with_hinweise && finding_severity(f->item[i].code) != SEVERITY_FEHLER)
            continue;
        finding_format(&f->item[i], line, sizeof line);
        if (fprintf(fp, "ikz-report: %s\n", line) < 0)
            return IKZ_ERR_IO;
        shown++;
    }
    if (total > shown && fprintf(fp, "ikz-report: ... and %zu more findings (validate --befunde FILE writes them all)\n", total - shown) < 0)
        return IKZ_ERR_IO;
    return IKZ_OK;
}
