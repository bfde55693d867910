/* poly_print.c — polynomials and rationals as text: plain (readable back),
 * unicode and LaTeX.  The rules are documented at poly_to_string in poly.h. */
#include "exact/poly.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} StrBuf;

static void sb_put(StrBuf *b, const char *t, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (s == NULL) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_puts(StrBuf *b, const char *t)
{
    sb_put(b, t, strlen(t));
}

static void sb_fmpz(StrBuf *b, const fmpz_t z)
{
    size_t n = fmpz_sizeinbase(z, 10) + 2;
    char *t = malloc(n);
    if (t == NULL) {
        b->oom = 1;
        return;
    }
    fmpz_get_str(t, 10, z);
    sb_puts(b, t);
    free(t);
}

static void sb_ulong(StrBuf *b, ulong e)
{
    char t[32];
    int n = 0;
    do {
        t[n++] = (char)('0' + e % 10);
        e /= 10;
    } while (e > 0);
    while (n > 0)
        sb_put(b, &t[--n], 1);
}

static const char *const SUPERSCRIPT[10] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                            "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};

static void sb_superscript(StrBuf *b, ulong e)
{
    char t[32];
    int n = 0;
    do {
        t[n++] = (char)(e % 10);
        e /= 10;
    } while (e > 0);
    while (n > 0)
        sb_puts(b, SUPERSCRIPT[(int)t[--n]]);
}

/* Absolute value of c (not 1 when called for a non-constant monomial). */
static void sb_abs_rational(StrBuf *b, const fmpq_t c, int format, int paren)
{
    fmpz_t num;
    fmpz_init(num);
    fmpz_abs(num, fmpq_numref(c));
    if (fmpz_is_one(fmpq_denref(c))) {
        sb_fmpz(b, num);
    } else if (format == POLY_FMT_LATEX) {
        sb_puts(b, "\\frac{");
        sb_fmpz(b, num);
        sb_puts(b, "}{");
        sb_fmpz(b, fmpq_denref(c));
        sb_puts(b, "}");
    } else {
        if (paren)
            sb_puts(b, "(");
        sb_fmpz(b, num);
        sb_puts(b, "/");
        sb_fmpz(b, fmpq_denref(c));
        if (paren)
            sb_puts(b, ")");
    }
    fmpz_clear(num);
}

static const char *const GREEK[] = {
    "alpha",   "beta",   "gamma", "delta",   "epsilon", "zeta",  "eta",   "theta", "iota",
    "kappa",   "lambda", "mu",    "nu",      "xi",      "pi",    "rho",   "sigma", "tau",
    "upsilon", "phi",    "chi",   "psi",     "omega",   "Gamma", "Delta", "Theta", "Lambda",
    "Xi",      "Pi",     "Sigma", "Upsilon", "Phi",     "Psi",   "Omega", NULL};

static void sb_latex_name(StrBuf *b, const char *name)
{
    size_t n = strlen(name), k = n;
    while (k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9')
        k--;
    if (k == 0)
        k = n; /* all digits: not a valid identifier, print as is */
    int greek = 0;
    for (int i = 0; GREEK[i] != NULL; i++)
        if (strlen(GREEK[i]) == k && strncmp(GREEK[i], name, k) == 0)
            greek = 1;
    if (greek) {
        sb_puts(b, "\\");
        sb_put(b, name, k);
    } else if (k == 1) {
        sb_put(b, name, 1);
    } else {
        sb_puts(b, "\\mathrm{");
        for (size_t i = 0; i < k; i++) {
            if (name[i] == '_')
                sb_puts(b, "\\_");
            else
                sb_put(b, name + i, 1);
        }
        sb_puts(b, "}");
    }
    if (k < n) {
        sb_puts(b, "_{");
        sb_put(b, name + k, n - k);
        sb_puts(b, "}");
    }
}

/* 1 if s is exactly one UTF-8 code point. */
static int is_one_char(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    size_t n = strlen(s);
    size_t want = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return n == want;
}

char *poly_fmpq_to_string(const fmpq_t c, int format)
{
    if (format < POLY_FMT_PLAIN || format > POLY_FMT_LATEX)
        return NULL;
    StrBuf b = {NULL, 0, 0, 0};
    if (fmpq_sgn(c) < 0)
        sb_puts(&b, format == POLY_FMT_UNICODE ? "\u2212" : "-");
    sb_abs_rational(&b, c, format, 0);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

char *poly_to_string(const fmpq_mpoly_t p, const PolyRing *R, int format)
{
    if (format < POLY_FMT_PLAIN || format > POLY_FMT_LATEX)
        return NULL;
    StrBuf b = {NULL, 0, 0, 0};
    slong n = R->nvars, len = fmpq_mpoly_length(p, R->ctx);
    if (len == 0 || !fmpq_mpoly_degrees_fit_si(p, R->ctx)) {
        sb_puts(&b, len == 0 ? "0" : "<polynomial with huge exponents>");
        return b.oom ? (free(b.s), NULL) : b.s;
    }
    const char *mul = format == POLY_FMT_PLAIN ? "*" : format == POLY_FMT_LATEX ? " " : "";
    if (format == POLY_FMT_UNICODE)
        for (slong i = 0; i < n; i++)
            if (!is_one_char(R->names[i]))
                mul = "\u00b7";
    const char *minus = format == POLY_FMT_UNICODE ? "\u2212" : "-";
    ulong *e = malloc((size_t)(n > 0 ? n : 1) * sizeof(ulong));
    if (e == NULL)
        return NULL;
    fmpq_t c;
    fmpq_init(c);
    for (slong t = 0; t < len; t++) {
        fmpq_mpoly_get_term_coeff_fmpq(c, p, t, R->ctx);
        if (n > 0)
            fmpq_mpoly_get_term_exp_ui(e, p, t, R->ctx);
        int constant = 1;
        for (slong i = 0; i < n; i++)
            if (e[i] != 0)
                constant = 0;
        int neg = fmpq_sgn(c) < 0;
        if (t == 0) {
            if (neg)
                sb_puts(&b, minus);
        } else {
            sb_puts(&b, " ");
            sb_puts(&b, neg ? minus : "+");
            sb_puts(&b, " ");
        }
        int unit = fmpz_is_pm1(fmpq_numref(c)) && fmpz_is_one(fmpq_denref(c));
        int first = 1;
        if (constant || !unit) {
            sb_abs_rational(&b, c, format, format == POLY_FMT_UNICODE && !constant);
            first = 0;
        }
        for (slong i = 0; i < n; i++) {
            if (e[i] == 0)
                continue;
            if (!first)
                sb_puts(&b, mul);
            first = 0;
            if (format == POLY_FMT_LATEX)
                sb_latex_name(&b, R->names[i]);
            else
                sb_puts(&b, R->names[i]);
            if (e[i] > 1) {
                if (format == POLY_FMT_PLAIN) {
                    sb_puts(&b, "^");
                    sb_ulong(&b, e[i]);
                } else if (format == POLY_FMT_UNICODE) {
                    sb_superscript(&b, e[i]);
                } else {
                    sb_puts(&b, "^{");
                    sb_ulong(&b, e[i]);
                    sb_puts(&b, "}");
                }
            }
        }
    }
    fmpq_clear(c);
    free(e);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
