/* io.c — save and load networks (format in io.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nn/io.h"
#include "base/atomic_file.h"

#define MAGIC "sym-network "

int nn_file_is_net(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char buf[16] = "";
    size_t n = fread(buf, 1, strlen(MAGIC), f);
    fclose(f);
    return n == strlen(MAGIC) && !memcmp(buf, MAGIC, n);
}

int nn_net_save(const Net *net, const char *path, char *err)
{
    /* the text is built in memory and written by the one atomic writer
       (base/atomic_file.h): on any error the old file stays */
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f)
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    fprintf(f, "%s%d\nkind %s\nactivation %s\nsizes %d", MAGIC, NN_FORMAT_VERSION,
            net->kind == NN_MLP ? "mlp" : "epnn", nn_act_name(net->act), net->nsizes);
    for (int i = 0; i < net->nsizes; i++)
        fprintf(f, " %d", net->sizes[i]);
    fprintf(f, "\ndims %d %d\nseed %llu\nparams %ld\n", net->din, net->dout,
            (unsigned long long)net->seed, net->nparams);
    for (long i = 0; i < net->nparams; i++)
        fprintf(f, "%a\n", net->theta[i]);
    long R = net->Nb ? net->nred : 0;
    fprintf(f, "reduced %ld %s\n", R, net->enforced_by[0] ? net->enforced_by : "-");
    for (long i = 0; i < R * net->nparams; i++)
        fprintf(f, "%a\n", net->Nb[i]);
    fprintf(f, "end\n");
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (bad) {
        free(text);
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    }
    if (atomic_write_file(path, text, n) != 0) {
        int e = errno;
        free(text);
        return nn_fail(err, NN_E_IO, "cannot write %s: %s", path, strerror(e));
    }
    free(text);
    return NN_OK;
}

typedef struct Reader {
    FILE *f;
    long line;
    char buf[512];
    const char *path;
} Reader;

/* The next line (without newline) in r->buf, or NULL at end of file. */
static char *next_line(Reader *r)
{
    if (!fgets(r->buf, sizeof r->buf, r->f))
        return NULL;
    r->line++;
    r->buf[strcspn(r->buf, "\n")] = 0;
    return r->buf;
}

static int bad(Reader *r, char *err, const char *what)
{
    return nn_fail(err, NN_E_FORMAT, "%s:%ld: %s", r->path, r->line + 1, what);
}

static int read_doubles(Reader *r, double *v, long n, char *err)
{
    for (long i = 0; i < n; i++) {
        char *s = next_line(r), *end;
        if (!s)
            return bad(r, err, "the file is truncated (fewer numbers than announced)");
        errno = 0;
        v[i] = strtod(s, &end);
        if (end == s || *end)
            return nn_fail(err, NN_E_FORMAT, "%s:%ld: not a number: \"%.40s\"", r->path, r->line,
                           s);
    }
    return NN_OK;
}

int nn_net_load(Net *net, const char *path, char *err)
{
    memset(net, 0, sizeof *net);
    Reader r = {fopen(path, "r"), 0, "", path};
    if (!r.f)
        return nn_fail(err, NN_E_IO, "cannot read %s: %s", path, strerror(errno));
    int st = NN_OK, version = 0, nsizes = 0, din = 0, dout = 0;
    char kind[16] = "", act[16] = "";
    int *sizes = NULL;
    unsigned long long seed = 0;
    long P = 0;
    char *s = next_line(&r);
    if (!s || strncmp(s, MAGIC, strlen(MAGIC)) || sscanf(s + strlen(MAGIC), "%d", &version) != 1) {
        st = nn_fail(err, NN_E_FORMAT, "%s is not a Sym network file", path);
        goto done;
    }
    if (version != NN_FORMAT_VERSION) {
        st = nn_fail(err, NN_E_FORMAT, "%s: network file format %d; this Sym reads format %d", path,
                     version, NN_FORMAT_VERSION);
        goto done;
    }
    if (!(s = next_line(&r)) || sscanf(s, "kind %15s", kind) != 1 || !(s = next_line(&r)) ||
        sscanf(s, "activation %15s", act) != 1 || !(s = next_line(&r)) ||
        sscanf(s, "sizes %d", &nsizes) != 1 || nsizes < 1 || nsizes > NN_MAX_LAYERS + 1) {
        st = bad(&r, err, s ? "bad header line" : "the file is truncated");
        goto done;
    }
    sizes = malloc(sizeof(int) * (size_t)nsizes);
    const char *p = s + 6;
    int used = 0;
    sscanf(p, "%*d%n", &used);
    p += used;
    for (int i = 0; i < nsizes && sizes; i++) {
        if (sscanf(p, "%d%n", sizes + i, &used) != 1) {
            st = bad(&r, err, "bad sizes line");
            goto done;
        }
        p += used;
    }
    if (!sizes || !(s = next_line(&r)) || sscanf(s, "dims %d %d", &din, &dout) != 2 ||
        !(s = next_line(&r)) || sscanf(s, "seed %llu", &seed) != 1 || !(s = next_line(&r)) ||
        sscanf(s, "params %ld", &P) != 1) {
        st = bad(&r, err, s ? "bad header line" : "the file is truncated");
        goto done;
    }
    NnAct a;
    if (nn_act_parse(&a, act)) {
        st = bad(&r, err, "unknown activation");
        goto done;
    }
    if (!strcmp(kind, "mlp"))
        st = nn_net_init_mlp(net, sizes, nsizes, a, err);
    else if (!strcmp(kind, "epnn"))
        st = nn_net_init_epnn(net, din, dout, sizes, nsizes, err);
    else
        st = nn_fail(err, NN_E_FORMAT, "%s: unknown network kind \"%s\"", path, kind);
    if (st)
        goto done;
    if (net->nparams != P || net->din != din || net->dout != dout) {
        st = nn_fail(err, NN_E_FORMAT,
                     "%s: the header does not match the architecture "
                     "(%ld parameters announced, %ld expected)",
                     path, P, net->nparams);
        goto done;
    }
    net->seed = seed;
    if ((st = read_doubles(&r, net->theta, P, err)))
        goto done;
    long R = 0;
    char label[64] = "";
    if (!(s = next_line(&r)) || sscanf(s, "reduced %ld %63s", &R, label) != 2 || R < 0 || R > P) {
        st = bad(&r, err, s ? "bad \"reduced\" line" : "the file is truncated");
        goto done;
    }
    if (R > 0) {
        net->Nb = malloc(sizeof(double) * (size_t)R * (size_t)P);
        if (!net->Nb) {
            st = nn_fail(err, NN_E_NOMEM, "out of memory");
            goto done;
        }
        net->nred = R;
        net->enforced = 1;
        snprintf(net->enforced_by, sizeof net->enforced_by, "%s", strcmp(label, "-") ? label : "");
        if ((st = read_doubles(&r, net->Nb, R * P, err)))
            goto done;
    }
    if (!(s = next_line(&r)) || strcmp(s, "end")) {
        st = bad(&r, err, s ? "expected \"end\"" : "the file is truncated (no \"end\" line)");
        goto done;
    }
done:
    fclose(r.f);
    free(sizes);
    if (st)
        nn_net_clear(net);
    return st;
}
