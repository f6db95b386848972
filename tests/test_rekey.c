/* test_rekey.c: the change list and the re-keying of old keys: chains, a
 * Kreis key, a change after the Gebietsstand, counting once, every way a
 * list can be broken (exit 78 with file and line), and reruns with later
 * keys: followed backwards, a merger's key, projects not in the report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exports.h"
#include "fixture.h"
#include "gebietsaenderungen.h"
#include "rekey.h"
#include "rules.h"

static const char REGISTER[] = "ags;name;art;einwohner\n"
                               "06635;Waldeck-Frankenberg;Landkreis;\n"
                               "06635001;Allendorf (Eder);Gemeinde;7739\n"
                               "06635002;Battenberg (Eder);Stadt;5300\n"
                               "07315000;Mainz;kreisfreie Stadt;220000\n";

static const char HEADER[] = "wirksam_ab;ags_alt;name_alt;ags_neu;name_neu;art\n";

struct world {
    char *dir;
    struct findings f;
    struct kommune_register reg;
    struct gebietsaenderungen changes;
};

static int _setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_dir();
    findings_init(&w->f, 100);
    char *reg = fixture_write(w->dir, "kommunen.csv", REGISTER, (size_t)-1);
    assert_int_equal(register_load(reg, "kommunen.csv", NULL, "06", &w->reg, &w->f), IKZ_OK);
    free(reg);
    *state = w;
    return 0;
}

static int _teardown(void **state)
{
    struct world *w = *state;
    gebietsaenderungen_free(&w->changes);
    register_free(&w->reg);
    findings_free(&w->f);
    fixture_remove(w->dir);
    free(w);
    return 0;
}

/* Loads HEADER + rows as the change list and attaches it at `at`. */
static enum ikz_status _attach(struct world *w, const char *rows, ikz_date at)
{
    size_t n = sizeof HEADER + strlen(rows);
    char *content = malloc(n);
    snprintf(content, n, "%s%s", HEADER, rows);
    char *path = fixture_write(w->dir, "gebietsaenderungen.csv", content, (size_t)-1);
    free(content);
    gebietsaenderungen_free(&w->changes);
    enum ikz_status st = gebietsaenderungen_load(path, "gebietsaenderungen.csv", NULL, &w->changes, &w->f);
    free(path);
    return st == IKZ_OK ? rekey_attach(&w->reg, &w->changes, at, &w->f) : st;
}

static const char LIST[] =
    "01.01.2023;06635005;Bromskirchen;06635001;Allendorf (Eder);Eingliederung\n"
    "2019-07-01;06635099;Bromskirchen (alt);06635005;Bromskirchen;Schlüsseländerung\n"
    "2021-07-01;06699;Altkreis;06635;Waldeck-Frankenberg;Zusammenschluss\n"
    "2025-01-01;06635002;Battenberg (Eder);06635777;Neue Stadt;Zusammenschluss\n"
    "2022-01-01;06635088;Grenzort;07315000;Mainz;Eingliederung\n";

/* A chain (06635099 to 06635005 to 06635001), a Kreis key, another Land,
 * and a change after the Gebietsstand that is not applied. */
static void test_resolve(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w, LIST, 20231130), IKZ_OK);
    long k;
    const struct gebietsaenderung *last;
    assert_true(rekey_resolve(&w->reg, "06635005", &k, &last));
    assert_string_equal(w->reg.kommune[k].ags, "06635001");
    assert_true(rekey_resolve(&w->reg, "06635099", &k, &last));
    assert_string_equal(w->reg.kommune[k].ags, "06635001");
    assert_int_equal(last->line, 2);
    assert_true(rekey_resolve(&w->reg, "06699", &k, &last));
    assert_string_equal(w->reg.kommune[k].ags, "06635");
    assert_true(rekey_resolve(&w->reg, "06635088", &k, &last));
    assert_int_equal(k, -1); /* Mainz: another Land */
    assert_false(rekey_resolve(&w->reg, "06635002", &k, &last)); /* in the register: nothing to follow */
    assert_false(rekey_resolve(&w->reg, "06635003", &k, &last)); /* no change for it */
    assert_int_equal(w->f.total, 0);
}

/* On a register of 2022 the Eingliederung of 2023 is not in force:
 * 06635005 is not followed (that register still has Bromskirchen), and
 * the older key 06635099 ends there. */
static void test_older_register(void **state)
{
    struct world *w = *state;
    register_free(&w->reg);
    char *reg = fixture_write(w->dir, "kommunen-2022.csv",
                              "ags;name;art;einwohner\n06635;Waldeck-Frankenberg;Landkreis;\n"
                              "06635001;Allendorf (Eder);Gemeinde;5581\n06635002;Battenberg (Eder);Stadt;5300\n"
                              "06635005;Bromskirchen;Gemeinde;1800\n07315000;Mainz;kreisfreie Stadt;220000\n",
                              (size_t)-1);
    assert_int_equal(register_load(reg, "kommunen-2022.csv", NULL, "06", &w->reg, &w->f), IKZ_OK);
    free(reg);
    assert_int_equal(_attach(w, LIST, 20221231), IKZ_OK);
    long k;
    const struct gebietsaenderung *last;
    assert_false(rekey_resolve(&w->reg, "06635005", &k, &last));
    assert_true(rekey_resolve(&w->reg, "06635099", &k, &last));
    assert_string_equal(w->reg.kommune[k].ags, "06635005");
    assert_true(rekey_resolve(&w->reg, "06699", &k, &last));
}

/* Participations: one named by the old key is counted at the successor
 * with a hinweis; a project naming both counts the Kommune once. */
static void test_participations(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w, LIST, 20231130), IKZ_OK);
    struct task_areas areas;
    assert_int_equal(taskareas_load(IKZ_SOURCE_DIR "/templates/aufgabenbereiche.csv", "a", NULL, &areas, &w->f), IKZ_OK);
    char *proj = fixture_write(w->dir, "projekte.csv",
                               "projekt_id;titel;aufgabenbereich;bewilligt_am;foerderbetrag_eur\n"
                               "P1;a;BAU;2009-01-01;1000\nP2;b;BAU;2010-01-01;1000\n",
                               (size_t)-1);
    char *bet = fixture_write(w->dir, "beteiligungen.csv",
                              "projekt_id;ags;rolle\n"
                              "P1;06635005;federfuehrend\nP1;06635001;beteiligt\nP1;06635002;beteiligt\n"
                              "P2;06635005;federfuehrend\nP2;06635002;beteiligt\n",
                              (size_t)-1);
    struct exports ex;
    assert_int_equal(exports_load_projekte(proj, "projekte.csv", NULL, &areas, &ex, &w->f), IKZ_OK);
    assert_int_equal(exports_load_beteiligungen(bet, "beteiligungen.csv", NULL, &w->reg, 0, &ex, &w->f), IKZ_OK);
    assert_int_equal(ex.projekt[0].count, 2); /* Allendorf once, Battenberg */
    assert_int_equal(ex.beteiligung[0].lead, 1);
    assert_int_equal(ex.beteiligung[0].rekeyed, 0); /* also named by its own key */
    assert_int_equal(ex.projekt[1].count, 2);
    assert_int_equal(ex.beteiligung[ex.projekt[1].first].rekeyed, 1);
    fixture_assert_finding(&w->f, 0, "beteiligungen.csv:2: column 'ags': Gemeindeschlüssel nach einer Gebietsänderung "
                              "umgeschlüsselt; die Beteiligung zählt bei der Nachfolgerin '06635005' (Bromskirchen; "
                              "jetzt 06635001 Allendorf (Eder), Eingliederung zum 01.01.2023) [AGS_UMGESCHLUESSELT]");
    fixture_assert_finding(&w->f, 1, "beteiligungen.csv:5: column 'ags': Gemeindeschlüssel nach einer Gebietsänderung "
                              "umgeschlüsselt; die Beteiligung zählt bei der Nachfolgerin '06635005' (Bromskirchen; "
                              "jetzt 06635001 Allendorf (Eder), Eingliederung zum 01.01.2023) [AGS_UMGESCHLUESSELT]");
    assert_int_equal(w->f.total, 2); /* no BETEILIGUNG_DOPPELT for P1 */
    exports_free(&ex);
    taskareas_free(&areas);
    free(proj);
    free(bet);
}

/* A change takes effect on its own day: in force on a register of that
 * Gebietsstand, and its chain is checked then. */
static void test_on_the_day(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w, LIST, 20230101), IKZ_OK);
    long k;
    const struct gebietsaenderung *last;
    assert_true(rekey_resolve(&w->reg, "06635005", &k, &last));
    assert_string_equal(w->reg.kommune[k].ags, "06635001");
    assert_int_equal(_attach(w, "2023-11-30;06635002;B;06635444;X;Eingliederung\n", 20231130), IKZ_ERR_CONFIG);
}

static void test_cycle(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w,
                             "2020-01-01;06635010;A;06635011;B;Schlüsseländerung\n"
                             "2021-01-01;06635011;B;06635010;A;Schlüsseländerung\n",
                             20231130),
                     IKZ_ERR_CONFIG);
    fixture_assert_finding(&w->f, 0, "gebietsaenderungen.csv:2: column 'ags_alt': Liste der Gebietsänderungen fehlerhaft "
                              "'06635010' (Kreislauf: die Kette der Änderungen führt zu 06635010 zurück) "
                              "[GEBIETSAENDERUNG_FEHLERHAFT]");
}

static void test_two_successors(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w,
                             "2023-01-01;06635005;B;06635001;A;Eingliederung\n"
                             "2023-01-01;06635005;B;06635002;C;Eingliederung\n",
                             20231130),
                     IKZ_ERR_CONFIG);
    fixture_assert_finding(&w->f, 0, "gebietsaenderungen.csv:3: column 'ags_neu': Liste der Gebietsänderungen fehlerhaft "
                              "'06635002' (06635005 hat zum selben Tag schon die Nachfolgerin 06635001 (Zeile 2)) "
                              "[GEBIETSAENDERUNG_FEHLERHAFT]");
}

/* Three successors on one day: each later line names the first line whose
 * successor differs from its own, once (not once per earlier line). */
static void test_three_successors(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w,
                             "2023-01-01;06635005;B;06635001;A;Eingliederung\n"
                             "2023-01-01;06635005;B;06635001;A;Eingliederung\n"
                             "2023-01-01;06635005;B;06635002;C;Eingliederung\n",
                             20231130),
                     IKZ_ERR_CONFIG);
    assert_int_equal(w->f.total, 1);
    fixture_assert_finding(&w->f, 0, "gebietsaenderungen.csv:4: column 'ags_neu': Liste der Gebietsänderungen fehlerhaft "
                              "'06635002' (06635005 hat zum selben Tag schon die Nachfolgerin 06635001 (Zeile 2)) "
                              "[GEBIETSAENDERUNG_FEHLERHAFT]");
}

/* Two key changes that undo each other before the Gebietsstand, with a
 * later change out of the circle: whatever the Gebietsstand, the chain
 * ends at Allendorf; at 2010 it runs in a circle, which is named. */
static void test_cycle_at_gebietsstand(void **state)
{
    struct world *w = *state;
    static const char rows[] = "2000-01-01;06635010;A;06635011;B;Schlüsseländerung\n"
                               "2001-01-01;06635011;B;06635010;A;Schlüsseländerung\n"
                               "2020-01-01;06635011;B;06635001;Allendorf (Eder);Eingliederung\n";
    assert_int_equal(_attach(w, rows, 20231130), IKZ_OK);
    assert_int_equal(_attach(w, rows, 20100101), IKZ_ERR_CONFIG);
    fixture_assert_finding(&w->f, 0, "gebietsaenderungen.csv:2: column 'ags_alt': Liste der Gebietsänderungen fehlerhaft "
                              "'06635010' (Kreislauf: die Kette der Änderungen führt zu 06635010 zurück) "
                              "[GEBIETSAENDERUNG_FEHLERHAFT]");
}

/* A chain of 3,000 links, listed last link first: every key on it is
 * followed to Allendorf, the change applied last being the chain's end.
 * (bench/run times 10,000 links; a scan per step made 2,000 take 41 s.) */
static void test_long_chain(void **state)
{
    struct world *w = *state;
    enum { LINKS = 3000, ROW = 64 };
    char *rows = malloc((size_t)LINKS * ROW);
    size_t used = 0;
    for (int i = LINKS - 1; i >= 0; i--) {
        char neu[9];
        snprintf(neu, sizeof neu, i == LINKS - 1 ? "06635001" : "%08d", 6900001 + i);
        used += (size_t)snprintf(rows + used, ROW, "2000-01-01;%08d;A;%s;B;Eingliederung\n", 6900000 + i, neu);
    }
    assert_int_equal(_attach(w, rows, 20231130), IKZ_OK);
    free(rows);
    assert_int_equal(w->f.total, 0);
    long k;
    const struct gebietsaenderung *last;
    for (int i = 0; i < LINKS; i += 999) {
        char key[9];
        snprintf(key, sizeof key, "%08d", 6900000 + i);
        assert_true(rekey_resolve(&w->reg, key, &k, &last));
        assert_string_equal(w->reg.kommune[k].ags, "06635001");
        assert_int_equal(last->line, 2); /* the last link, listed first */
    }
    assert_false(rekey_resolve(&w->reg, "06635002", &k, &last));
}

static void test_chain_outside_register(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w, "2023-01-01;06635005;B;06635444;X;Eingliederung\n", 20231130), IKZ_ERR_CONFIG);
    fixture_assert_finding(&w->f, 0, "gebietsaenderungen.csv:2: column 'ags_neu': Liste der Gebietsänderungen fehlerhaft "
                              "'06635444' (die Kette endet bei 06635444, das im Gemeindeverzeichnis zum 30.11.2023 "
                              "fehlt) [GEBIETSAENDERUNG_FEHLERHAFT]");
}

static void test_bad_rows(void **state)
{
    struct world *w = *state;
    assert_int_equal(_attach(w,
                             "2023-13-01;06635005;B;06635001;A;Eingliederung\n"
                             "2023-01-01;0663500;B;06635001;A;Eingliederung\n"
                             "2023-01-01;06635005;B;06635;A;Eingliederung\n"
                             "2023-01-01;06635005;B;06635001;A;Fusion\n",
                             20231130),
                     IKZ_ERR_CONFIG);
    fixture_assert_finding(&w->f, 0, "gebietsaenderungen.csv:2: column 'wirksam_ab': Liste der Gebietsänderungen "
                              "fehlerhaft '2023-13-01' (Datum JJJJ-MM-TT oder TT.MM.JJJJ) [GEBIETSAENDERUNG_FEHLERHAFT]");
    fixture_assert_finding(&w->f, 1, "gebietsaenderungen.csv:3: column 'ags_alt': Liste der Gebietsänderungen "
                              "fehlerhaft '0663500' (8 Ziffern (Gemeinde) oder 5 (Kreis)) [GEBIETSAENDERUNG_FEHLERHAFT]");
    fixture_assert_finding(&w->f, 2, "gebietsaenderungen.csv:4: column 'ags_neu': Liste der Gebietsänderungen "
                              "fehlerhaft '06635' (alter und neuer Schlüssel müssen beide Gemeinden oder beide Kreise "
                              "sein) [GEBIETSAENDERUNG_FEHLERHAFT]");
    fixture_assert_finding(&w->f, 3, "gebietsaenderungen.csv:5: column 'art': Liste der Gebietsänderungen fehlerhaft "
                              "'Fusion' (Eingliederung, Zusammenschluss oder Schlüsseländerung) "
                              "[GEBIETSAENDERUNG_FEHLERHAFT]");
}

static const char REGISTER_2022[] = "ags;name;art;einwohner\n06635;Waldeck-Frankenberg;Landkreis;\n"
                                    "06635001;Allendorf (Eder);Gemeinde;5581\n06635002;Battenberg (Eder);Stadt;5300\n"
                                    "06635005;Bromskirchen;Gemeinde;1800\n06635006;Burgwald;Gemeinde;4900\n"
                                    "07315000;Mainz;kreisfreie Stadt;220000\n";

/* Changes after a Gebietsstand of 31.12.2022: a chain of two
 * Schlüsseländerungen, a Zusammenschluss of two and an Eingliederung. */
static const char LATER[] =
    "2024-01-01;06635005;Bromskirchen;06635905;Bromskirchen;Schlüsseländerung\n"
    "2025-01-01;06635905;Bromskirchen;06635906;Bromskirchen;Schlüsseländerung\n"
    "2024-01-01;06635001;Allendorf (Eder);06635800;Neustadt;Zusammenschluss\n"
    "2024-01-01;06635002;Battenberg (Eder);06635800;Neustadt;Zusammenschluss\n"
    "2024-06-01;06635006;Burgwald;06635700;Burgwald-Neu;Eingliederung\n";

static void _register_2022(struct world *w)
{
    register_free(&w->reg);
    char *reg = fixture_write(w->dir, "kommunen-2022.csv", REGISTER_2022, (size_t)-1);
    assert_int_equal(register_load(reg, "kommunen-2022.csv", NULL, "06", &w->reg, &w->f), IKZ_OK);
    free(reg);
    assert_int_equal(_attach(w, LATER, 20221231), IKZ_OK);
}

/* Backwards: a later key leads to the key of the Gebietsstand through a
 * chain of Schlüsseländerungen; a merger's key does not. */
static void test_backwards(void **state)
{
    struct world *w = *state;
    _register_2022(w);
    long k;
    const struct gebietsaenderung *ch;
    assert_int_equal(rekey_resolve_back(&w->reg, "06635905", &k, &ch), REKEY_BACK_KOMMUNE);
    assert_string_equal(w->reg.kommune[k].ags, "06635005");
    assert_int_equal(ch->line, 2);
    assert_int_equal(rekey_resolve_back(&w->reg, "06635906", &k, &ch), REKEY_BACK_KOMMUNE);
    assert_string_equal(w->reg.kommune[k].ags, "06635005");
    assert_int_equal(ch->line, 2);
    assert_int_equal(rekey_resolve_back(&w->reg, "06635800", &k, &ch), REKEY_BACK_MERGER);
    assert_int_equal(k, -1);
    assert_string_equal(ch->neu, "06635800");
    assert_int_equal(rekey_resolve_back(&w->reg, "06635700", &k, &ch), REKEY_BACK_MERGER);
    assert_int_equal(ch->art, CHANGE_EINGLIEDERUNG);
    assert_int_equal(rekey_resolve_back(&w->reg, "06635777", &k, &ch), REKEY_BACK_NONE);
    assert_null(ch);
    /* A key of the register that later gave way is nobody's successor. */
    assert_int_equal(rekey_resolve_back(&w->reg, "06635005", &k, &ch), REKEY_BACK_NONE);
    assert_int_equal(w->f.total, 0);
}

/* The rule's verdicts with their hints. */
static void test_backwards_rule(void **state)
{
    struct world *w = *state;
    _register_2022(w);
    struct ags_match m;
    struct rule_result why;
    assert_false(rule_ags_known(&w->reg, "06635906", &m, &why));
    assert_int_equal(why.code, FINDING_AGS_ZURUECKGESCHLUESSELT);
    assert_string_equal(w->reg.kommune[m.kommune].ags, "06635005");
    assert_string_equal(why.hint, "Schlüsseländerung von 06635005 zu 06635905 zum 01.01.2024; gezählt bei 06635005 "
                                  "Bromskirchen");
    assert_false(rule_ags_known(&w->reg, "06635800", &m, &why));
    assert_int_equal(why.code, FINDING_AGS_NACH_GEBIETSSTAND);
    assert_string_equal(why.hint, "Zusammenschluss zum 01.01.2024 aus 06635001, 06635002; Gebietsstand 31.12.2022");
    assert_false(rule_ags_known(&w->reg, "06635777", &m, &why));
    assert_int_equal(why.code, FINDING_AGS_UNBEKANNT);
}

/* A rerun at 31.12.2022: P1 (funded) names a later key, counted at the
 * old one; P2 (funded only a year before: revoked in 2022) names a
 * merger's key, a fehler; P3 and P4 (approved later) are not judged: one
 * hinweis per key left out, none for a key placed backwards. */
static void test_rerun_participations(void **state)
{
    struct world *w = *state;
    _register_2022(w);
    struct task_areas areas;
    assert_int_equal(taskareas_load(IKZ_SOURCE_DIR "/templates/aufgabenbereiche.csv", "a", NULL, &areas, &w->f), IKZ_OK);
    char *proj = fixture_write(w->dir, "projekte.csv",
                               "projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur\n"
                               "P1;a;BAU;2020-01-01;;1000\nP2;b;BAU;2021-06-01;2022-06-01;1000\n"
                               "P3;c;BAU;2023-05-01;;1000\nP4;d;BAU;2024-02-01;;1000\n",
                               (size_t)-1);
    char *bet = fixture_write(w->dir, "beteiligungen.csv",
                              "projekt_id;ags;rolle\n"
                              "P1;06635905;federfuehrend\nP1;06635002;beteiligt\n"
                              "P2;06635800;federfuehrend\nP2;06635001;beteiligt\n"
                              "P3;06635800;federfuehrend\nP3;06635999;beteiligt\nP3;06635906;beteiligt\n"
                              "P4;06635800;federfuehrend\n",
                              (size_t)-1);
    struct exports ex;
    assert_int_equal(exports_load_projekte(proj, "projekte.csv", NULL, &areas, &ex, &w->f), IKZ_OK);
    assert_int_equal(exports_load_beteiligungen(bet, "beteiligungen.csv", NULL, &w->reg, 20221231, &ex, &w->f),
                     IKZ_ERR_DATA);
    assert_int_equal(ex.projekt[0].count, 2);
    assert_string_equal(w->reg.kommune[ex.beteiligung[ex.projekt[0].first].kommune].ags, "06635002");
    assert_string_equal(w->reg.kommune[ex.beteiligung[ex.projekt[0].first + 1].kommune].ags, "06635005");
    assert_int_equal(ex.beteiligung[ex.projekt[0].first + 1].rekeyed, 0);
    assert_int_equal(ex.projekt[1].count, 1); /* the merger's row is left out */
    assert_int_equal(ex.projekt[2].count, 1); /* 06635906 placed at 06635005 */
    assert_string_equal(w->reg.kommune[ex.beteiligung[ex.projekt[2].first].kommune].ags, "06635005");
    assert_int_equal(ex.projekt[3].count, 0);
    assert_int_equal(ex.rejected_beteiligungen, 1);
    assert_int_equal(w->f.errors, 1);
    assert_int_equal(w->f.total, 4);
    fixture_assert_finding(&w->f, 0, "beteiligungen.csv:2: column 'ags': Gemeindeschlüssel erst nach dem "
                              "Gebietsstand durch Schlüsseländerung vergeben; die Beteiligung zählt beim früheren "
                              "Schlüssel '06635905' (Schlüsseländerung von 06635005 zu 06635905 zum 01.01.2024; "
                              "gezählt bei 06635005 Bromskirchen) [AGS_ZURUECKGESCHLUESSELT]");
    fixture_assert_finding(&w->f, 1, "beteiligungen.csv:4: column 'ags': Gemeindeschlüssel einer Kommune, die erst "
                              "nach dem Gebietsstand aus einer Gebietsänderung hervorging; die Beteiligung lässt sich "
                              "nicht auf die Vorgängerinnen aufteilen '06635800' (Zusammenschluss zum 01.01.2024 aus "
                              "06635001, 06635002; Gebietsstand 31.12.2022) [AGS_NACH_GEBIETSSTAND]");
    fixture_assert_finding(&w->f, 2, "beteiligungen.csv:6: column 'ags': Gemeindeschlüssel ist keine Kommune des "
                              "Gemeindeverzeichnisses; nicht geprüft und nicht gezählt, da das Projekt am Stichtag "
                              "und ein Jahr davor nicht gefördert ist '06635800' (projekt_id P3; 2 Zeilen mit diesem "
                              "Schlüssel; Zusammenschluss zum 01.01.2024 aus 06635001, 06635002; Gebietsstand "
                              "31.12.2022) [AGS_NICHT_GEPRUEFT]");
    fixture_assert_finding(&w->f, 3, "beteiligungen.csv:7: column 'ags': Gemeindeschlüssel ist keine Kommune des "
                              "Gemeindeverzeichnisses; nicht geprüft und nicht gezählt, da das Projekt am Stichtag "
                              "und ein Jahr davor nicht gefördert ist '06635999' (projekt_id P3) [AGS_NICHT_GEPRUEFT]");
    exports_free(&ex);

    /* Without a Stichtag every key is judged: three fehler more. */
    findings_free(&w->f);
    findings_init(&w->f, 100);
    assert_int_equal(exports_load_projekte(proj, "projekte.csv", NULL, &areas, &ex, &w->f), IKZ_OK);
    assert_int_equal(exports_load_beteiligungen(bet, "beteiligungen.csv", NULL, &w->reg, 0, &ex, &w->f), IKZ_ERR_DATA);
    assert_int_equal(w->f.errors, 4);
    assert_int_equal(w->f.by_code[FINDING_AGS_ZURUECKGESCHLUESSELT], 2);
    assert_int_equal(w->f.by_code[FINDING_AGS_NICHT_GEPRUEFT], 0);
    exports_free(&ex);
    taskareas_free(&areas);
    free(proj);
    free(bet);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_resolve, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_older_register, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_participations, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_on_the_day, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_cycle, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_two_successors, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_three_successors, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_cycle_at_gebietsstand, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_long_chain, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_chain_outside_register, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_bad_rows, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_backwards, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_backwards_rule, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_rerun_participations, _setup, _teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
