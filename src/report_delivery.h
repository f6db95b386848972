/* report_delivery.h: which delivery a run reads, and the guards a nightly
 * run keeps around it (docs/operations.md, "Lieferungen").
 *
 * A job's input = DIR/ * makes DIR a drop: the run takes its newest
 * complete delivery, names every newer one it passes over (not sealed,
 * not complete, dated after today) in a warning and the Prüfbericht,
 * refuses one older than max-alter-tage, and afterwards removes
 * deliveries past aufbewahrung-tage. A plain --input DIR is read as it
 * is, its SHA256SUMS checked when there (or required, siegel = pflicht).
 * The hashes of the files the job reads are compared by report_read.c
 * from that same read; the rest are hashed here. Part of the pipeline, so
 * it logs like the report_*.c files; the drop's mechanics are in
 * read/delivery.c. */
#ifndef IKZ_REPORT_DELIVERY_H
#define IKZ_REPORT_DELIVERY_H

#include <stdbool.h>
#include <stddef.h>

#include "delivery.h"
#include "findings.h"
#include "report.h"

/* A delivery passed over, for the Prüfbericht: kept for the whole run so
 * that the findings can borrow its strings. */
struct delivery_note {
    char file[520]; /* "2026-12-03/SHA256SUMS" */
    long line;
    char text[320];
    enum finding_code code;
};

struct delivery_choice {
    const struct report_options *opt;
    struct drop_entry *entry; /* the drop's entries, newest delivery first */
    size_t n_entry, next;     /* next: the entry to consider next */
    const struct drop_entry *chosen; /* NULL for a plain directory */
    char *dir;                /* this attempt's input directory, owned */
    struct seal seal;
    bool sealed;              /* dir has a SHA256SUMS that parsed */
    bool seal_unreadable;     /* a plain directory's SHA256SUMS is there but broken: problem says how */
    struct delivery_problem problem;
    struct delivery_note *note;
    size_t n_note;
    bool tried_plain;
};

/* Lists the drop (when opt has one). IKZ_ERR_NOINPUT when it cannot be read. */
enum ikz_status delivery_begin(struct delivery_choice *dc, const struct report_options *opt);

/* The next input to try: for a drop the newest complete delivery not yet
 * tried, for a plain directory itself (once). IKZ_OK with dc->dir;
 * IKZ_ERR_NOINPUT when there is none (logged by the caller, who knows
 * whether that is a failure). */
enum ikz_status delivery_next(struct delivery_choice *dc);

/* The current delivery failed its seal while it was read: a warning line
 * and a note; the caller tries the next. */
void delivery_skip(struct delivery_choice *dc, const struct delivery_problem *why);

/* The notes as findings (hinweise LIEFERUNG_UEBERSPRUNGEN, LIEFERUNG_ALT). */
void delivery_add_findings(const struct delivery_choice *dc, struct findings *findings);

/* A nightly run's freshness check of the chosen delivery: IKZ_OK, with a
 * warning and a note past warn-alter-tage; IKZ_ERR_NOINPUT past
 * max-alter-tage, logged. */
enum ikz_status delivery_fresh(struct delivery_choice *dc);

/* After a nightly run published: removes complete deliveries older than
 * aufbewahrung-tage, except the chosen one and those a published report
 * in output_dir names. Each removal and each entry left alone is a log
 * line; nothing here fails the run. */
void delivery_retain(struct delivery_choice *dc, const char *output_dir);

void delivery_end(struct delivery_choice *dc);

#endif
