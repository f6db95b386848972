/* german.c: Kommunen as German noun phrases, number words, months and the
 * Länder, see german.h. */
#include "german.h"

#include <string.h>


enum genus { MASKULIN, FEMININ, NEUTRUM };

/* A kind word and its forms: singular in the four cases, plural
 * (nominative, genitive, accusative) and dative plural. */
struct noun {
    const char *sg[4]; /* nom, gen, dat, akk */
    const char *pl, *dat_pl;
    enum genus genus;
};

static const struct noun N_GEMEINDE = {{"Gemeinde", "Gemeinde", "Gemeinde", "Gemeinde"}, "Gemeinden", "Gemeinden", FEMININ};
static const struct noun N_STADT = {{"Stadt", "Stadt", "Stadt", "Stadt"}, "Städte", "Städten", FEMININ};
static const struct noun N_MARKT = {{"Markt", "Marktes", "Markt", "Markt"}, "Märkte", "Märkten", MASKULIN};
static const struct noun N_LANDKREIS = {{"Landkreis", "Landkreises", "Landkreis", "Landkreis"}, "Landkreise",
                                        "Landkreisen", MASKULIN};
static const struct noun N_KREIS = {{"Kreis", "Kreises", "Kreis", "Kreis"}, "Kreise", "Kreisen", MASKULIN};
static const struct noun N_REGIONALVERBAND = {{"Regionalverband", "Regionalverbands", "Regionalverband", "Regionalverband"},
                                              "Regionalverbände", "Regionalverbänden", MASKULIN};
static const struct noun N_REGION = {{"Region", "Region", "Region", "Region"}, "Regionen", "Regionen", FEMININ};
static const struct noun N_STAEDTEREGION = {{"Städteregion", "Städteregion", "Städteregion", "Städteregion"},
                                            "Städteregionen", "Städteregionen", FEMININ};
/* The city states, whose one Gemeinde is the Land. */
static const struct noun N_LAND = {{"Land", "Landes", "Land", "Land"}, "Länder", "Ländern", NEUTRUM};
static const struct noun N_HANSESTADT = {
    {"Freie und Hansestadt", "Freien und Hansestadt", "Freien und Hansestadt", "Freie und Hansestadt"},
    "Freien und Hansestädte", "Freien und Hansestädten", FEMININ};

/* Kind words a name may start with: "Landkreis Rostock", "Region Hannover",
 * "Städteregion Aachen". The kind is the name's, never doubled. */
static const struct {
    const char *prefix;
    const struct noun *noun;
} _prefixes[] = {
    {"Landkreis ", &N_LANDKREIS}, {"Kreis ", &N_KREIS},   {"Regionalverband ", &N_REGIONALVERBAND},
    {"Region ", &N_REGION},       {"Städteregion ", &N_STAEDTEREGION}, {"Stadt ", &N_STADT},
    {"Markt ", &N_MARKT},         {"Gemeinde ", &N_GEMEINDE},
};

/* One Kommune as the text names it: a kind word (head) and a name, or a
 * name that is its own kind word ("Wetteraukreis"; head NULL). */
struct _member {
    const struct noun *head;
    const char *name;
    size_t len;
};

/* A name ending in "kreis" is a masculine compound of Kreis:
 * "Wetteraukreis", "Main-Kinzig-Kreis", "Hochsauerlandkreis". */
static bool _ends_in_kreis(const char *name, size_t len)
{
    const char *tail = name + len - 5;
    return len > 5 && (tail[0] == 'k' || tail[0] == 'K') && strncmp(tail + 1, "reis", 4) == 0;
}

static struct _member _member(const struct kommune *k)
{
    struct _member m = {NULL, k->name, kommune_name_length(k->name)};
    /* Hamburg and Berlin: the one Gemeinde of a city state is the Land. */
    if (strncmp(k->ags, "02", 2) == 0 && !kommune_art_is_kreis(k->art)) {
        m.head = &N_HANSESTADT;
        return m;
    }
    if (strncmp(k->ags, "11", 2) == 0 && !kommune_art_is_kreis(k->art)) {
        m.head = &N_LAND;
        return m;
    }
    for (size_t i = 0; i < sizeof _prefixes / sizeof _prefixes[0]; i++) {
        size_t pl = strlen(_prefixes[i].prefix);
        if (m.len > pl && strncmp(m.name, _prefixes[i].prefix, pl) == 0) {
            m.head = _prefixes[i].noun;
            m.name += pl;
            m.len -= pl;
            return m;
        }
    }
    switch (k->art) {
    case ART_GEMEINDE: m.head = &N_GEMEINDE; break;
    case ART_MARKT: m.head = &N_MARKT; break;
    case ART_STADT:
    case ART_KREISFREIE_STADT:
    case ART_STADTKREIS:
    case ART_GROSSE_KREISSTADT: m.head = &N_STADT; break;
    case ART_LANDKREIS: m.head = _ends_in_kreis(m.name, m.len) ? NULL : &N_LANDKREIS; break;
    case ART_KREIS: m.head = _ends_in_kreis(m.name, m.len) ? NULL : &N_KREIS; break;
    case ART_REGIONALVERBAND: m.head = &N_REGIONALVERBAND; break;
    case ART__COUNT: break;
    }
    return m;
}

/* The writer: one stream, the first letter capitalised if asked. */
struct _out {
    FILE *fp;
    bool capital;
    bool ok;
};

static void _put(struct _out *o, const char *s, size_t len)
{
    if (!len)
        return;
    if (o->capital && *s >= 'a' && *s <= 'z') {
        o->ok &= fputc(*s - 'a' + 'A', o->fp) != EOF;
        s++;
        len--;
    }
    o->capital = false;
    if (len)
        o->ok &= fwrite(s, 1, len, o->fp) == len;
}

static void _puts(struct _out *o, const char *s) { _put(o, s, strlen(s)); }

static const char *const _article_sg[3][4] = {
    [MASKULIN] = {"der", "des", "dem", "den"},
    [FEMININ] = {"die", "der", "der", "die"},
    [NEUTRUM] = {"das", "des", "dem", "das"},
};
static const char *const _article_pl[4] = {"die", "der", "den", "die"};

/* The article of a group in kasus; "in" contracts with the dative (the
 * first group only: "im Landkreis A und dem Kreis B"). */
static void _article(struct _out *o, enum genus genus, bool plural, enum kasus kasus, bool first)
{
    if (kasus == KASUS_NAME)
        return;
    if (kasus == KASUS_IN && first) {
        _puts(o, plural ? "in den " : genus == FEMININ ? "in der " : "im ");
        return;
    }
    int c = kasus == KASUS_IN ? 2 : (int)kasus - 1;
    _puts(o, plural ? _article_pl[c] : _article_sg[genus][c]);
    _puts(o, " ");
}

static int _case_index(enum kasus kasus) { return kasus == KASUS_IN ? 2 : kasus == KASUS_NAME ? 0 : (int)kasus - 1; }

/* The names m[0..n) joined "A, B und C"; last_and false joins all with ", "
 * (a count of further Kommunen follows). */
static void _names(struct _out *o, const struct _member *const *m, size_t n, bool last_and)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            _puts(o, i + 1 == n && last_and ? " und " : ", ");
        _put(o, m[i]->name, m[i]->len);
    }
}

/* One group in a case: the members of one kind word ("die Gemeinden A
 * und B"), or one name that is its own kind word ("des Wetteraukreises"). */
static void _group(struct _out *o, const struct _member *const *m, size_t n, enum kasus kasus, bool first,
                   bool last_and)
{
    const struct noun *head = m[0]->head;
    if (!head) {
        _article(o, MASKULIN, false, kasus, first);
        _put(o, m[0]->name, m[0]->len);
        if (kasus == KASUS_GEN)
            _puts(o, "es");
        return;
    }
    bool plural = n > 1;
    int c = _case_index(kasus);
    _article(o, head->genus, plural, kasus, first);
    _puts(o, plural ? (c == 2 ? head->dat_pl : head->pl) : head->sg[c]);
    _puts(o, " ");
    _names(o, m, n, last_and);
}

/* "und vier weitere Kommunen", declined. */
static void _further(struct _out *o, size_t n, enum kasus kasus)
{
    bool oblique = kasus == KASUS_GEN || kasus == KASUS_DAT || kasus == KASUS_IN;
    if (n == 1) {
        _puts(o, oblique ? "einer weiteren Kommune" : "eine weitere Kommune");
        return;
    }
    char digits[32];
    const char *word = german_number_word((long long)n);
    if (!word) {
        snprintf(digits, sizeof digits, "%zu", n);
        word = digits;
    }
    _puts(o, word);
    _puts(o, kasus == KASUS_GEN ? " weiterer Kommunen" : oblique ? " weiteren Kommunen" : " weitere Kommunen");
}

/* Without article and case, as a table or a list names them: the names of
 * Gemeinden and Städte alone, a Kreis with its kind ("Landkreis
 * Bergstraße"), joined "A, B und C". */
static void _bare(struct _out *o, const struct _member *m, size_t n, size_t shown)
{
    for (size_t i = 0; i < shown; i++) {
        if (i)
            _puts(o, i + 1 == shown && shown == n ? " und " : ", ");
        const struct noun *h = m[i].head;
        if (h && h != &N_GEMEINDE && h != &N_STADT && h != &N_MARKT) {
            _puts(o, h->sg[0]);
            _puts(o, " ");
        }
        _put(o, m[i].name, m[i].len);
    }
    if (shown < n) {
        _puts(o, " und ");
        _further(o, n - shown, KASUS_NOM);
    }
}

bool german_kommunen(FILE *fp, const struct kommune *const *k, size_t n, enum kasus kasus, bool capital)
{
    struct _out o = {fp, capital, true};
    size_t shown = n > GERMAN_LIST_MAX ? GERMAN_LIST_MAX : n;
    struct _member m[GERMAN_LIST_MAX];
    for (size_t i = 0; i < shown; i++)
        m[i] = _member(k[i]);
    if (kasus == KASUS_NAME) {
        _bare(&o, m, n, shown);
        return o.ok;
    }
    /* Groups in the order their first member appears: group[g] lists the
     * members of one kind word; a compound name is a group of its own. */
    const struct _member *grouped[GERMAN_LIST_MAX];
    size_t start[GERMAN_LIST_MAX + 1], n_groups = 0, filled = 0;
    bool taken[GERMAN_LIST_MAX] = {false};
    bool inner_and = false;
    for (size_t i = 0; i < shown; i++) {
        if (taken[i])
            continue;
        start[n_groups++] = filled;
        for (size_t j = i; j < shown; j++)
            if (!taken[j] && (j == i || (m[i].head && m[j].head == m[i].head))) {
                taken[j] = true;
                grouped[filled++] = &m[j];
            }
        inner_and |= filled - start[n_groups - 1] > 1;
    }
    start[n_groups] = filled;
    size_t further = n - shown;
    /* Groups are joined "A, B und C"; "sowie" before the last when a group
     * has an "und" of its own: "die Gemeinden A und B, die Stadt C sowie
     * der Landkreis D". */
    const char *last_join = inner_and ? " sowie " : " und ";
    size_t parts = n_groups + (further && n_groups > 1);
    for (size_t g = 0; g < n_groups; g++) {
        if (g)
            _puts(&o, g + 1 == parts ? last_join : ", ");
        bool alone = further && n_groups == 1; /* "die Gemeinden A, B und vier weitere Kommunen" */
        _group(&o, grouped + start[g], start[g + 1] - start[g], kasus, g == 0, !alone);
    }
    if (further) {
        _puts(&o, n_groups > 1 ? last_join : " und ");
        _further(&o, further, kasus);
    }
    return o.ok;
}

static const char *const _words[13] = {"null", "eins", "zwei", "drei", "vier", "fünf", "sechs",
                                       "sieben", "acht", "neun", "zehn", "elf", "zwölf"};

const char *german_number_word(long long n) { return n >= 0 && n <= 12 ? _words[n] : NULL; }

static const char *const _months[12] = {"Januar", "Februar", "März", "April", "Mai", "Juni",
                                        "Juli", "August", "September", "Oktober", "November", "Dezember"};

const char *german_month(int month) { return month >= 1 && month <= 12 ? _months[month - 1] : "?"; }

/* The 16 Länder by key, with the adjective a press office uses before
 * "Kommunen" ("die hessischen Kommunen", "die Berliner Bezirke"). */
static const struct german_land _laender[16] = {
    {"Schleswig-Holstein", "schleswig-holsteinischen"},
    {"Hamburg", "Hamburger"},
    {"Niedersachsen", "niedersächsischen"},
    {"Bremen", "bremischen"},
    {"Nordrhein-Westfalen", "nordrhein-westfälischen"},
    {"Hessen", "hessischen"},
    {"Rheinland-Pfalz", "rheinland-pfälzischen"},
    {"Baden-Württemberg", "baden-württembergischen"},
    {"Bayern", "bayerischen"},
    {"Saarland", "saarländischen"},
    {"Berlin", "Berliner"},
    {"Brandenburg", "brandenburgischen"},
    {"Mecklenburg-Vorpommern", "mecklenburg-vorpommerschen"},
    {"Sachsen", "sächsischen"},
    {"Sachsen-Anhalt", "sachsen-anhaltischen"},
    {"Thüringen", "thüringischen"},
};

struct german_land german_land(const char *key)
{
    struct german_land all = {"Deutschland", NULL};
    if (!key || strlen(key) != 2 || key[0] < '0' || key[0] > '1' || key[1] < '0' || key[1] > '9')
        return all;
    int i = (key[0] - '0') * 10 + (key[1] - '0');
    return i >= 1 && i <= 16 ? _laender[i - 1] : all;
}
