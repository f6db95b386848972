/* xmlpretty.c: the golden workbook's parts in a form a reviewer can read,
 * and their differences named by element, not by byte offset.
 *
 * libxlsxwriter writes each part of a workbook as one line of XML (a sheet
 * of the sample is 200 KB), so a diff of tests/golden/workbook/ showed one
 * changed line, and the old comparison showed 160 bytes around an offset:
 * nobody could tell which cell had changed. This helper of
 * tests/golden_workbook.sh parses a part with expat and
 *
 *   xmlpretty pretty PART
 *       prints it one element per line, indented two spaces per depth,
 *       attributes in document order, text exactly (escaped; line breaks,
 *       carriage returns and tabs as character references, so that a line
 *       stays one element). The reference is stored in this form, so that
 *       `git diff` shows a changed value with its cell and row above it.
 *   xmlpretty diff [--max N] [--strings OLD_SST NEW_SST] LABEL OLD NEW
 *       compares two parts (each as written or pretty-printed) and prints
 *       each difference, the first N (20) of them, as
 *           LABEL <sheetData/row r="5"/c r="E5">: 1.4 → 1.1
 *       The path runs from below the root element; each step names an
 *       element with its identifying attribute (r, ref, name, Id, ...) or
 *       its position among the siblings of the same name ([2], from 1 as in
 *       XPath). A cell shows its value: the number, the text in quotes, or
 *       = and the formula; a cell with t="s" shows its shared string's
 *       text when --strings names both sides' xl/sharedStrings.xml.
 *       An attribute shows as s="6" → s="7", an element only on one side
 *       as (none) on the other.
 *
 * What is compared is what an XML reader sees: the declaration, elements,
 * their attributes in order, text, comments and processing instructions.
 * Not compared are spellings no reader can tell apart (&#38; or &amp;,
 * <a/> or <a></a>, ' or ") and the whitespace between the elements of an
 * element that holds elements: the pretty form adds that whitespace
 * itself, and libxlsxwriter writes none. Text mixed with elements (there is
 * none in a workbook) keeps all its whitespace: such an element is printed
 * whole on one line.
 *
 * Exit: 0 the same, 1 different, 2 usage, or a file unreadable or not
 * well-formed. */
#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX 20
/* A longer summary of an element only on one side is cut here: the
 * reviewer needs to recognise the element, the pretty file has the rest. */
#define SUMMARY_BYTES 120
/* Children beyond this product are not aligned (a table of this many
 * entries); every one is reported as removed or added instead. */
#define ALIGN_CELLS ((size_t)16 * 1024 * 1024)

/* ---------------------------------------------------------------------
 * Memory and strings
 * ------------------------------------------------------------------- */

/* A test helper has no use for a half-built tree: out of memory ends it. */
static void *_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("xmlpretty: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(_xrealloc(NULL, n), s, n);
}

struct buf {
    char *s; /* always NUL-terminated once anything was put */
    size_t len, cap;
};

static void _put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = _xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void _puts(struct buf *b, const char *s) { _put(b, s, strlen(s)); }

static void _truncate(struct buf *b, size_t len)
{
    b->len = len;
    if (b->s)
        b->s[len] = '\0';
}

static const char *_str(const struct buf *b) { return b->s ? b->s : ""; }

/* XML escaping. Line breaks, carriage returns and tabs become character
 * references so that text and attribute values stay on their element's
 * line (an attribute value would lose them to normalisation otherwise). */
static void _escape(struct buf *b, const char *s, bool attribute)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': _puts(b, "&amp;"); break;
        case '<': _puts(b, "&lt;"); break;
        case '>': _puts(b, "&gt;"); break;
        case '\n': _puts(b, "&#10;"); break;
        case '\r': _puts(b, "&#13;"); break;
        case '\t': _puts(b, "&#9;"); break;
        case '"':
            _puts(b, attribute ? "&quot;" : "\"");
            break;
        default: _put(b, s, 1);
        }
    }
}

/* A value in a message: in quotes, with what would break the line shown as
 * C escapes. */
static void _quote(struct buf *b, const char *s)
{
    _puts(b, "\"");
    for (; *s; s++) {
        switch (*s) {
        case '"': _puts(b, "\\\""); break;
        case '\\': _puts(b, "\\\\"); break;
        case '\n': _puts(b, "\\n"); break;
        case '\r': _puts(b, "\\r"); break;
        case '\t': _puts(b, "\\t"); break;
        default: _put(b, s, 1);
        }
    }
    _puts(b, "\"");
}

static bool _blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* ---------------------------------------------------------------------
 * The tree
 * ------------------------------------------------------------------- */

enum kind { KIND_ELEMENT, KIND_TEXT, KIND_COMMENT, KIND_PI };

struct node {
    enum kind kind;
    char *name;  /* element (prefix as written) or PI target; else NULL */
    char **attr; /* element: name, value, ..., NULL; else NULL */
    char *text;  /* text, comment or PI data; else NULL */
    struct node *parent;
    struct node **child;
    size_t n, cap;
};

struct doc {
    char *decl;      /* the XML declaration as printed, or NULL */
    struct node top; /* holds the root element and comments or PIs around it */
};

static struct node *_add(struct node *parent, enum kind kind)
{
    struct node *c = _xrealloc(NULL, sizeof *c);
    *c = (struct node){.kind = kind, .parent = parent};
    if (parent->n == parent->cap) {
        parent->cap = parent->cap ? parent->cap * 2 : 4;
        parent->child = _xrealloc(parent->child, parent->cap * sizeof *parent->child);
    }
    parent->child[parent->n++] = c;
    return c;
}

static void _free_children(struct node *e)
{
    for (size_t i = 0; i < e->n; i++) {
        struct node *c = e->child[i];
        _free_children(c);
        free(c->name);
        free(c->text);
        for (size_t k = 0; c->attr && c->attr[k]; k++)
            free(c->attr[k]);
        free(c->attr);
        free(c);
    }
    free(e->child);
    e->child = NULL;
    e->n = e->cap = 0;
}

static void _doc_free(struct doc *d)
{
    _free_children(&d->top);
    free(d->decl);
    d->decl = NULL;
}

static const char *_attr(const struct node *e, const char *name)
{
    for (size_t k = 0; e->attr && e->attr[k]; k += 2)
        if (strcmp(e->attr[k], name) == 0)
            return e->attr[k + 1];
    return NULL;
}

static bool _text_only(const struct node *e)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->child[i]->kind != KIND_TEXT)
            return false;
    return true;
}

static bool _mixed(const struct node *e)
{
    bool text = false, other = false;
    for (size_t i = 0; i < e->n; i++) {
        if (e->child[i]->kind == KIND_TEXT)
            text = true;
        else
            other = true;
    }
    return text && other;
}

/* ---------------------------------------------------------------------
 * Reading with expat
 * ------------------------------------------------------------------- */

struct parse {
    struct doc *doc;
    struct node *cur;
    struct buf text; /* character data not yet a node */
};

/* Character data arrives in pieces; it becomes one text node at the next
 * tag, comment or PI. */
static void _flush(struct parse *p)
{
    if (p->text.len == 0)
        return;
    _add(p->cur, KIND_TEXT)->text = _xstrdup(p->text.s);
    _truncate(&p->text, 0);
}

static void XMLCALL _on_decl(void *data, const XML_Char *version, const XML_Char *encoding, int standalone)
{
    struct parse *p = data;
    struct buf b = {0};
    _puts(&b, "<?xml");
    if (version) {
        _puts(&b, " version=\"");
        _escape(&b, version, true);
        _puts(&b, "\"");
    }
    if (encoding) {
        _puts(&b, " encoding=\"");
        _escape(&b, encoding, true);
        _puts(&b, "\"");
    }
    if (standalone >= 0)
        _puts(&b, standalone ? " standalone=\"yes\"" : " standalone=\"no\"");
    _puts(&b, "?>");
    free(p->doc->decl);
    p->doc->decl = b.s;
}

static void XMLCALL _on_start(void *data, const XML_Char *name, const XML_Char **attr)
{
    struct parse *p = data;
    _flush(p);
    struct node *e = _add(p->cur, KIND_ELEMENT);
    e->name = _xstrdup(name);
    size_t n = 0;
    while (attr[n])
        n++;
    e->attr = _xrealloc(NULL, (n + 1) * sizeof *e->attr);
    for (size_t k = 0; k < n; k++)
        e->attr[k] = _xstrdup(attr[k]);
    e->attr[n] = NULL;
    p->cur = e;
}

/* An element that holds elements and only blank text between them: the
 * blanks are layout (the pretty form's indentation), not content. */
static void XMLCALL _on_end(void *data, const XML_Char *name)
{
    struct parse *p = data;
    (void)name;
    _flush(p);
    struct node *e = p->cur;
    bool layout = !_text_only(e);
    for (size_t i = 0; layout && i < e->n; i++)
        if (e->child[i]->kind == KIND_TEXT && !_blank(e->child[i]->text))
            layout = false;
    if (layout) {
        size_t kept = 0;
        for (size_t i = 0; i < e->n; i++) {
            struct node *c = e->child[i];
            if (c->kind == KIND_TEXT) {
                free(c->text);
                free(c);
            } else {
                e->child[kept++] = c;
            }
        }
        e->n = kept;
    }
    p->cur = e->parent;
}

static void XMLCALL _on_chars(void *data, const XML_Char *s, int len)
{
    struct parse *p = data;
    _put(&p->text, s, (size_t)len);
}

static void XMLCALL _on_comment(void *data, const XML_Char *s)
{
    struct parse *p = data;
    _flush(p);
    _add(p->cur, KIND_COMMENT)->text = _xstrdup(s);
}

static void XMLCALL _on_pi(void *data, const XML_Char *target, const XML_Char *s)
{
    struct parse *p = data;
    _flush(p);
    struct node *c = _add(p->cur, KIND_PI);
    c->name = _xstrdup(target);
    c->text = _xstrdup(s);
}

/* Reads PATH into *d. false with the reason on stderr. */
static bool _load(const char *path, struct doc *d)
{
    *d = (struct doc){0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "xmlpretty: %s: cannot open\n", path);
        return false;
    }
    XML_Parser x = XML_ParserCreate(NULL);
    if (!x) {
        fclose(f);
        fputs("xmlpretty: out of memory\n", stderr);
        return false;
    }
    struct parse p = {.doc = d, .cur = &d->top};
    XML_SetUserData(x, &p);
    XML_SetXmlDeclHandler(x, _on_decl);
    XML_SetElementHandler(x, _on_start, _on_end);
    XML_SetCharacterDataHandler(x, _on_chars);
    XML_SetCommentHandler(x, _on_comment);
    XML_SetProcessingInstructionHandler(x, _on_pi);
    char chunk[65536];
    bool ok = true;
    size_t n;
    do {
        n = fread(chunk, 1, sizeof chunk, f);
        if (ferror(f)) {
            fprintf(stderr, "xmlpretty: %s: read error\n", path);
            ok = false;
        } else if (XML_Parse(x, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            fprintf(stderr, "xmlpretty: %s:%lu:%lu: %s\n", path, (unsigned long)XML_GetCurrentLineNumber(x),
                    (unsigned long)XML_GetCurrentColumnNumber(x) + 1, XML_ErrorString(XML_GetErrorCode(x)));
            ok = false;
        }
    } while (ok && n > 0);
    XML_ParserFree(x);
    fclose(f);
    free(p.text.s);
    if (!ok)
        _doc_free(d);
    return ok;
}

/* ---------------------------------------------------------------------
 * Printing
 * ------------------------------------------------------------------- */

static void _open_tag(struct buf *b, const struct node *e)
{
    _puts(b, "<");
    _puts(b, e->name);
    for (size_t k = 0; e->attr[k]; k += 2) {
        _puts(b, " ");
        _puts(b, e->attr[k]);
        _puts(b, "=\"");
        _escape(b, e->attr[k + 1], true);
        _puts(b, "\"");
    }
}

/* A node on one line, its descendants included, without added layout. */
static void _compact(struct buf *b, const struct node *c)
{
    switch (c->kind) {
    case KIND_TEXT: _escape(b, c->text, false); break;
    case KIND_COMMENT:
        _puts(b, "<!--");
        _puts(b, c->text);
        _puts(b, "-->");
        break;
    case KIND_PI:
        _puts(b, "<?");
        _puts(b, c->name);
        if (*c->text) {
            _puts(b, " ");
            _puts(b, c->text);
        }
        _puts(b, "?>");
        break;
    case KIND_ELEMENT:
        _open_tag(b, c);
        if (c->n == 0) {
            _puts(b, "/>");
            break;
        }
        _puts(b, ">");
        for (size_t i = 0; i < c->n; i++)
            _compact(b, c->child[i]);
        _puts(b, "</");
        _puts(b, c->name);
        _puts(b, ">");
        break;
    }
}

static void _pretty_node(struct buf *b, const struct node *c, int depth)
{
    for (int i = 0; i < depth; i++)
        _puts(b, "  ");
    if (c->kind != KIND_ELEMENT || _text_only(c) || _mixed(c)) {
        _compact(b, c);
        _puts(b, "\n");
        return;
    }
    _open_tag(b, c);
    _puts(b, ">\n");
    for (size_t i = 0; i < c->n; i++)
        _pretty_node(b, c->child[i], depth + 1);
    for (int i = 0; i < depth; i++)
        _puts(b, "  ");
    _puts(b, "</");
    _puts(b, c->name);
    _puts(b, ">\n");
}

static void _pretty(struct buf *b, const struct doc *d)
{
    if (d->decl) {
        _puts(b, d->decl);
        _puts(b, "\n");
    }
    for (size_t i = 0; i < d->top.n; i++)
        _pretty_node(b, d->top.child[i], 0);
}

/* ---------------------------------------------------------------------
 * Cells and shared strings
 * ------------------------------------------------------------------- */

struct strings {
    char **s;
    size_t n;
};

/* The text of E's descendants, leaving out a <rPh> (a phonetic reading,
 * not part of the cell's text), and only of <t> elements when only_t. */
static void _text_of(struct buf *b, const struct node *e, bool only_t, bool in_t)
{
    for (size_t i = 0; i < e->n; i++) {
        const struct node *c = e->child[i];
        if (c->kind == KIND_TEXT && (in_t || !only_t))
            _puts(b, c->text);
        else if (c->kind == KIND_ELEMENT && strcmp(c->name, "rPh") != 0)
            _text_of(b, c, only_t, in_t || strcmp(c->name, "t") == 0);
    }
}

static const struct node *_child(const struct node *e, const char *name)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->child[i]->kind == KIND_ELEMENT && strcmp(e->child[i]->name, name) == 0)
            return e->child[i];
    return NULL;
}

/* Each <si> of a sharedStrings part, in order: the table t="s" indexes. */
static void _strings_collect(struct strings *st, const struct doc *d)
{
    for (size_t r = 0; r < d->top.n; r++) {
        const struct node *sst = d->top.child[r];
        if (sst->kind != KIND_ELEMENT || strcmp(sst->name, "sst") != 0)
            continue;
        for (size_t i = 0; i < sst->n; i++) {
            const struct node *si = sst->child[i];
            if (si->kind != KIND_ELEMENT || strcmp(si->name, "si") != 0)
                continue;
            struct buf b = {0};
            _text_of(&b, si, true, false);
            st->s = _xrealloc(st->s, (st->n + 1) * sizeof *st->s);
            st->s[st->n++] = b.s ? b.s : _xstrdup("");
        }
    }
}

static void _strings_free(struct strings *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->s[i]);
    free(st->s);
}

static bool _is_cell(const struct node *e)
{
    return e->kind == KIND_ELEMENT && strcmp(e->name, "c") == 0 && e->parent->kind == KIND_ELEMENT &&
           e->parent->name && strcmp(e->parent->name, "row") == 0;
}

/* What a person sees in the cell: its formula with its stored result, its
 * text in quotes (an inline string or the shared string it indexes), or
 * its number. */
static void _cell_value(struct buf *b, const struct node *c, const struct strings *st)
{
    const char *t = _attr(c, "t");
    const struct node *f = _child(c, "f"), *v = _child(c, "v"), *is = _child(c, "is");
    struct buf x = {0};
    if (f) {
        _text_of(&x, f, false, false);
        _puts(b, "=");
        _puts(b, _str(&x));
        if (v) { /* the result Excel shows until it recalculates */
            _truncate(&x, 0);
            _text_of(&x, v, false, false);
            _puts(b, " (");
            _puts(b, _str(&x));
            _puts(b, ")");
        }
    } else if (is) {
        _text_of(&x, is, true, false);
        _quote(b, _str(&x));
    } else if (v && t && strcmp(t, "s") == 0) {
        _text_of(&x, v, false, false);
        char *end;
        unsigned long i = strtoul(_str(&x), &end, 10);
        if (st && *_str(&x) && !*end && i < st->n) {
            _quote(b, st->s[i]);
        } else {
            _puts(b, "shared string ");
            _puts(b, _str(&x));
        }
    } else if (v && t && strcmp(t, "str") == 0) {
        _text_of(&x, v, false, false);
        _quote(b, _str(&x));
    } else if (v) {
        _text_of(&x, v, false, false);
        _puts(b, _str(&x));
    } else {
        _puts(b, "(empty)");
    }
    free(x.s);
}

/* ---------------------------------------------------------------------
 * Comparing
 * ------------------------------------------------------------------- */

struct diff {
    const char *label;
    size_t max, count;
    const struct strings *old_st, *new_st;
};

/* Attributes that tell siblings of one name apart, the first one present
 * naming the element: a row's or a cell's r, a range's ref, a sheet's
 * name, a relationship's Id, a content type's PartName or Extension, a
 * number format's id, a column range's first column. */
static const char *const _id_attrs[] = {"r", "ref", "name", "Id", "PartName", "Extension", "numFmtId", "sheetId",
                                        "min", NULL};

static const char *_id_attr(const struct node *e, const char **value)
{
    if (e->kind != KIND_ELEMENT)
        return NULL;
    for (size_t i = 0; _id_attrs[i]; i++)
        if ((*value = _attr(e, _id_attrs[i])))
            return _id_attrs[i];
    return NULL;
}

/* Whether A and B get the same step in a path (before any [index]). */
static bool _same_step(const struct node *a, const struct node *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == KIND_TEXT || a->kind == KIND_COMMENT)
        return true;
    if (strcmp(a->name, b->name) != 0)
        return false;
    const char *va, *vb;
    const char *ia = _id_attr(a, &va), *ib = _id_attr(b, &vb);
    if (!ia || !ib)
        return ia == ib;
    return strcmp(ia, ib) == 0 && strcmp(va, vb) == 0;
}

/* One step of a path: c r="E5", xf[3], text(). */
static void _step(struct buf *b, const struct node *c)
{
    const char *value, *id = _id_attr(c, &value);
    switch (c->kind) {
    case KIND_TEXT: _puts(b, "text()"); break;
    case KIND_COMMENT: _puts(b, "comment()"); break;
    case KIND_PI:
        _puts(b, "processing-instruction(");
        _puts(b, c->name);
        _puts(b, ")");
        break;
    case KIND_ELEMENT:
        _puts(b, c->name);
        if (id) {
            _puts(b, " ");
            _puts(b, id);
            _puts(b, "=\"");
            _escape(b, value, true);
            _puts(b, "\"");
        }
        break;
    }
    size_t same = 0, pos = 0;
    for (size_t i = 0; i < c->parent->n; i++) {
        if (_same_step(c->parent->child[i], c))
            same++;
        if (c->parent->child[i] == c)
            pos = same;
    }
    if (same > 1) {
        char s[32];
        snprintf(s, sizeof s, "[%zu]", pos);
        _puts(b, s);
    }
}

static void _report(struct diff *d, const struct buf *path, const struct node *at, const char *from, const char *to)
{
    if (++d->count > d->max)
        return;
    struct buf b = {0};
    if (path->len)
        _puts(&b, _str(path));
    else if (at)
        _step(&b, at);
    printf("%s <%s>: %s \u2192 %s\n", d->label, _str(&b), from, to);
    free(b.s);
}

/* Cuts B to SUMMARY_BYTES, between characters, marking the cut. */
static void _cut(struct buf *b)
{
    if (b->len <= SUMMARY_BYTES)
        return;
    size_t cut = SUMMARY_BYTES;
    while (cut > 0 && ((unsigned char)b->s[cut] & 0xC0) == 0x80)
        cut--;
    _truncate(b, cut);
    _puts(b, "\u2026");
}

/* An element only on one side, as the reviewer recognises it: a cell's
 * value, a row's values, else the element on one line, each cut short. */
static void _summary(struct buf *b, const struct node *c, const struct strings *st)
{
    struct buf x = {0};
    if (_is_cell(c)) {
        _cell_value(&x, c, st);
    } else if (c->kind == KIND_TEXT) {
        _quote(&x, c->text);
    } else if (c->kind == KIND_ELEMENT && strcmp(c->name, "row") == 0 && c->n && _is_cell(c->child[0])) {
        for (size_t i = 0; i < c->n && x.len <= SUMMARY_BYTES; i++) {
            if (i)
                _puts(&x, ", ");
            if (_is_cell(c->child[i]))
                _cell_value(&x, c->child[i], st);
            else
                _compact(&x, c->child[i]);
        }
    } else {
        _compact(&x, c);
    }
    _cut(&x);
    _puts(b, _str(&x));
    free(x.s);
}

static void _diff_node(struct diff *d, struct buf *path, const struct node *o, const struct node *n);

/* The children of an old and a new element being aligned. */
struct align {
    const struct node *o, *n;
    bool *repeated; /* the i-th old child's name repeats on either side */
};

/* Whether the i-th old and j-th new child may be the same node: same kind
 * and name, and where the name repeats among the children, the same
 * identifying attribute (a row is matched to the row of its number, not to
 * the one at its position). A lone element keeps its partner when its
 * identifying attribute changes (<dimension ref="A1:E5">), so that the
 * change reads as an attribute's. */
static bool _key_eq(const struct align *a, size_t i, size_t j)
{
    const struct node *x = a->o->child[i], *y = a->n->child[j];
    if (x->kind != y->kind)
        return false;
    if (x->kind == KIND_TEXT || x->kind == KIND_COMMENT)
        return true;
    if (strcmp(x->name, y->name) != 0)
        return false;
    if (x->kind == KIND_PI || !a->repeated[i])
        return true;
    const char *vx, *vy;
    const char *ix = _id_attr(x, &vx), *iy = _id_attr(y, &vy);
    if (!ix || !iy)
        return ix == iy;
    return strcmp(ix, iy) == 0 && strcmp(vx, vy) == 0;
}

static size_t _count_name(const struct node *e, const char *name)
{
    size_t k = 0;
    for (size_t i = 0; i < e->n; i++)
        if (e->child[i]->kind == KIND_ELEMENT && strcmp(e->child[i]->name, name) == 0)
            k++;
    return k;
}

static void _one_side(struct diff *d, struct buf *path, const struct node *c, bool old)
{
    struct buf s = {0};
    _summary(&s, c, old ? d->old_st : d->new_st);
    _report(d, path, c, old ? _str(&s) : "(none)", old ? "(none)" : _str(&s));
    free(s.s);
}

static void _descend(struct diff *d, struct buf *path, const struct node *c, const struct node *o,
                     const struct node *n, bool old)
{
    size_t mark = path->len;
    /* The root element is every path's start: it is left out. */
    if (c->parent->parent) {
        if (path->len)
            _puts(path, "/");
        _step(path, c);
    }
    if (o && n)
        _diff_node(d, path, o, n);
    else
        _one_side(d, path, c, old);
    _truncate(path, mark);
}

/* Aligns the children of O and N (a longest common subsequence of their
 * keys, after the common head and tail) and compares each pair; a child
 * without a partner is reported as removed or added, in document order. */
static void _diff_children(struct diff *d, struct buf *path, const struct node *o, const struct node *n)
{
    struct align a = {o, n, _xrealloc(NULL, o->n * sizeof(bool))};
    for (size_t i = 0; i < o->n; i++)
        a.repeated[i] = o->child[i]->kind == KIND_ELEMENT &&
                        (_count_name(o, o->child[i]->name) > 1 || _count_name(n, o->child[i]->name) > 1);
    size_t head = 0;
    while (head < o->n && head < n->n && _key_eq(&a, head, head))
        head++;
    size_t tail = 0;
    while (tail < o->n - head && tail < n->n - head && _key_eq(&a, o->n - 1 - tail, n->n - 1 - tail))
        tail++;
    size_t ro = o->n - head - tail, rn = n->n - head - tail; /* the middle's sizes */
    uint32_t *lcs = NULL;                                     /* lcs[i][j]: of old i.. and new j.. */
    if (ro && rn && (ro + 1) * (rn + 1) <= ALIGN_CELLS) {
        lcs = _xrealloc(NULL, (ro + 1) * (rn + 1) * sizeof *lcs);
#define L(i, j) lcs[(i) * (rn + 1) + (j)]
        for (size_t i = ro + 1; i-- > 0;)
            for (size_t j = rn + 1; j-- > 0;) {
                if (i == ro || j == rn)
                    L(i, j) = 0;
                else if (_key_eq(&a, head + i, head + j))
                    L(i, j) = L(i + 1, j + 1) + 1;
                else
                    L(i, j) = L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
            }
    }
    for (size_t k = 0; k < head; k++)
        _descend(d, path, o->child[k], o->child[k], n->child[k], true);
    size_t i = 0, j = 0;
    while (i < ro || j < rn) {
        if (i < ro && j < rn && lcs && _key_eq(&a, head + i, head + j)) {
            _descend(d, path, o->child[head + i], o->child[head + i], n->child[head + j], true);
            i++, j++;
        } else if (i < ro && (j == rn || !lcs || L(i + 1, j) >= L(i, j + 1))) {
            _descend(d, path, o->child[head + i], NULL, NULL, true);
            i++;
        } else {
            _descend(d, path, n->child[head + j], NULL, NULL, false);
            j++;
        }
    }
#undef L
    for (size_t k = 0; k < tail; k++)
        _descend(d, path, o->child[o->n - tail + k], o->child[o->n - tail + k], n->child[n->n - tail + k], true);
    free(lcs);
    free(a.repeated);
}

static void _attr_text(struct buf *b, const char *name, const char *value)
{
    _puts(b, name);
    _puts(b, "=\"");
    _escape(b, value, true);
    _puts(b, "\"");
}

/* Each attribute changed, removed or added; else a change of their order. */
static void _diff_attrs(struct diff *d, struct buf *path, const struct node *o, const struct node *n)
{
    size_t before = d->count;
    struct buf x = {0}, y = {0};
    for (size_t k = 0; o->attr[k]; k += 2) {
        const char *v = _attr(n, o->attr[k]);
        if (v && strcmp(v, o->attr[k + 1]) == 0)
            continue;
        _truncate(&x, 0), _truncate(&y, 0);
        _attr_text(&x, o->attr[k], o->attr[k + 1]);
        if (v)
            _attr_text(&y, o->attr[k], v);
        _report(d, path, o, _str(&x), v ? _str(&y) : "(none)");
    }
    for (size_t k = 0; n->attr[k]; k += 2) {
        if (_attr(o, n->attr[k]))
            continue;
        _truncate(&y, 0);
        _attr_text(&y, n->attr[k], n->attr[k + 1]);
        _report(d, path, o, "(none)", _str(&y));
    }
    if (d->count == before) {
        bool same_order = true;
        for (size_t k = 0; o->attr[k]; k += 2)
            if (strcmp(o->attr[k], n->attr[k]) != 0)
                same_order = false;
        if (!same_order) {
            _truncate(&x, 0), _truncate(&y, 0);
            _puts(&x, "attributes");
            _puts(&y, "attributes");
            for (size_t k = 0; o->attr[k]; k += 2) {
                _puts(&x, " "), _puts(&x, o->attr[k]);
                _puts(&y, " "), _puts(&y, n->attr[k]);
            }
            _report(d, path, o, _str(&x), _str(&y));
        }
    }
    free(x.s);
    free(y.s);
}

static void _diff_node(struct diff *d, struct buf *path, const struct node *o, const struct node *n)
{
    if (o->kind != KIND_ELEMENT) {
        if (strcmp(o->text, n->text) != 0 || (o->name && strcmp(o->name, n->name) != 0)) {
            struct buf x = {0}, y = {0};
            _summary(&x, o, d->old_st);
            _summary(&y, n, d->new_st);
            _report(d, path, o, _str(&x), _str(&y));
            free(x.s);
            free(y.s);
        }
        return;
    }
    if (_is_cell(o) && _is_cell(n)) {
        struct buf x = {0}, y = {0};
        _cell_value(&x, o, d->old_st);
        _cell_value(&y, n, d->new_st);
        bool differ = strcmp(_str(&x), _str(&y)) != 0;
        if (differ)
            _report(d, path, o, _str(&x), _str(&y));
        free(x.s);
        free(y.s);
        _diff_attrs(d, path, o, n);
        if (differ)
            return; /* the value said it; its <v> or <is> would say it again */
    } else {
        _diff_attrs(d, path, o, n);
    }
    if (_text_only(o) && _text_only(n)) {
        struct buf x = {0}, y = {0};
        _text_of(&x, o, false, false);
        _text_of(&y, n, false, false);
        if (strcmp(_str(&x), _str(&y)) != 0) {
            struct buf qx = {0}, qy = {0};
            _quote(&qx, _str(&x));
            _quote(&qy, _str(&y));
            _report(d, path, o, _str(&qx), _str(&qy));
            free(qx.s);
            free(qy.s);
        }
        free(x.s);
        free(y.s);
        return;
    }
    _diff_children(d, path, o, n);
}

/* ---------------------------------------------------------------------
 * The commands
 * ------------------------------------------------------------------- */

static int _usage(void)
{
    fputs("usage: xmlpretty pretty PART\n"
          "       xmlpretty diff [--max N] [--strings OLD_SST NEW_SST] LABEL OLD NEW\n",
          stderr);
    return 2;
}

static int _cmd_pretty(const char *path)
{
    struct doc d;
    if (!_load(path, &d))
        return 2;
    struct buf b = {0};
    _pretty(&b, &d);
    _doc_free(&d);
    bool ok = fwrite(_str(&b), 1, b.len, stdout) == b.len && fflush(stdout) == 0;
    free(b.s);
    if (!ok)
        fputs("xmlpretty: cannot write the output\n", stderr);
    return ok ? 0 : 2;
}

static bool _load_strings(const char *path, struct strings *st)
{
    struct doc d;
    if (!_load(path, &d))
        return false;
    _strings_collect(st, &d);
    _doc_free(&d);
    return true;
}

static int _cmd_diff(int argc, char **argv)
{
    struct diff d = {.max = DEFAULT_MAX};
    struct strings old_st = {0}, new_st = {0};
    int i = 0, rc = 2;
    struct doc o = {0}, n = {0};
    bool have_o = false, have_n = false;
    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        if (strcmp(argv[i], "--max") == 0 && i + 1 < argc) {
            char *end;
            d.max = strtoul(argv[i + 1], &end, 10);
            if (!*argv[i + 1] || *end)
                goto out_usage;
            i += 2;
        } else if (strcmp(argv[i], "--strings") == 0 && i + 2 < argc && !d.old_st) {
            if (!_load_strings(argv[i + 1], &old_st) || !_load_strings(argv[i + 2], &new_st))
                goto out;
            d.old_st = &old_st, d.new_st = &new_st;
            i += 3;
        } else {
            goto out_usage;
        }
    }
    if (argc - i != 3)
        goto out_usage;
    d.label = argv[i];
    if (!(have_o = _load(argv[i + 1], &o)) || !(have_n = _load(argv[i + 2], &n)))
        goto out;

    struct buf none = {0};
    if ((o.decl || n.decl) && (!o.decl || !n.decl || strcmp(o.decl, n.decl) != 0)) {
        _puts(&none, "?xml?");
        _report(&d, &none, NULL, o.decl ? o.decl : "(none)", n.decl ? n.decl : "(none)");
        _truncate(&none, 0);
    }
    _diff_children(&d, &none, &o.top, &n.top);
    free(none.s);

    /* The verdict is the pretty forms' equality, so that a difference the
     * messages above do not name still fails. */
    struct buf po = {0}, pn = {0};
    _pretty(&po, &o);
    _pretty(&pn, &n);
    bool same = po.len == pn.len && memcmp(_str(&po), _str(&pn), po.len) == 0;
    free(po.s);
    free(pn.s);
    if (d.count > d.max)
        printf("%s: %zu differences, the first %zu shown\n", d.label, d.count, d.max);
    else if (!same && d.count == 0)
        printf("%s: differs where no element is named; compare the pretty forms (xmlpretty pretty)\n", d.label);
    rc = same && d.count == 0 ? 0 : 1;
    if (fflush(stdout) != 0) {
        fputs("xmlpretty: cannot write the output\n", stderr);
        rc = 2;
    }
    goto out;
out_usage:
    rc = _usage();
out:
    if (have_o)
        _doc_free(&o);
    if (have_n)
        _doc_free(&n);
    _strings_free(&old_st);
    _strings_free(&new_st);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "pretty") == 0)
        return _cmd_pretty(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "diff") == 0)
        return _cmd_diff(argc - 2, argv + 2);
    return _usage();
}
