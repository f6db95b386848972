/* findings_table.c: findings as a typed table, see findings_table.h. */
#include "findings_table.h"

#include <stdio.h>

static const struct table_column _columns[] = {
    {"datei", COLUMN_TEXT, false}, {"zeile", COLUMN_CODE, false},   {"spalte", COLUMN_TEXT, false},
    {"wert", COLUMN_TEXT, false},  {"code", COLUMN_CODE, false},    {"schwere", COLUMN_TEXT, false},
    {"meldung", COLUMN_TEXT, false}};

enum ikz_status findings_table(const struct findings *f, struct table *t)
{
    table_init(t, "pruefbericht", _columns, sizeof _columns / sizeof _columns[0]);
    for (size_t i = 0; i < f->n; i++) {
        const struct finding *fi = &f->item[i];
        struct cell *row = table_add_row(t);
        char message[768];
        snprintf(message, sizeof message, "%s%s%s%s", finding_message(fi->code), fi->detail ? " (" : "",
                 fi->detail ? fi->detail : "", fi->detail ? ")" : "");
        const char *msg = row ? table_strdup(t, message) : NULL;
        if (!row || !msg)
            return IKZ_ERR_OSERR;
        cell_text(&row[0], fi->file);
        if (fi->line > 0)
            cell_int(&row[1], fi->line);
        cell_text(&row[2], fi->column);
        cell_text(&row[3], fi->value);
        cell_text(&row[4], finding_code_name(fi->code));
        cell_text(&row[5], finding_severity_name(finding_severity(fi->code)));
        cell_text(&row[6], msg);
    }
    return IKZ_OK;
}
