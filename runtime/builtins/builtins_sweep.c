/* builtins_sweep.c — parameter sweeps that run anywhere: grid, sweep,
 * sweep_merge.
 *
 * A sweep is a list of parameter points (records, usually from grid); task
 * i is point i (0-based).  sweep(points, f, path) runs the tasks of one
 * shard — task i belongs to shard s of N when i mod N = s — each as
 * f(point), and appends one CSV row per task ("task", the point's fields,
 * the result's fields) to PATH.partSofN with one write(2), so a killed run
 * leaves whole rows only.  Tasks already in any PATH.part* file are
 * skipped: a stopped or failed sweep resumes where it was.  The shard comes
 * from task = / tasks = (integers or decimal strings, e.g. script
 * arguments), else from SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN) and
 * SLURM_ARRAY_TASK_COUNT of a Slurm job array, else it is 0 of 1 (serial).
 * sweep_merge(path) gathers every PATH.part* into PATH sorted by task, so
 * the merged file is the same whichever way the tasks were spread (serial,
 * local processes, GNU parallel, a Slurm array).  No scheduling here: the
 * batch system, parallel or the shell starts the shards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "arith.h"
#include "builtins.h"
#include "interp.h"
#include "print.h"
#include "base/strbuf.h"

/* Largest number of points of a grid. */
#define SWEEP_MAX_POINTS 100000000L

/* ------------------------------------------------------------ grid */

static Value *bi_grid(Call *c, Value **a)
{
    const Value *kw = a[0];
    long n = kw->u.rec.n, total = 1;
    Value **axes = calloc((size_t)n + 1, sizeof(Value *));
    Value *err = NULL;
    for (long j = 0; j < n && !err; j++) {
        axes[j] = arith_iterable(kw->u.rec.vals[j], &c->span);
        if (val_is_error(axes[j])) {
            err = axes[j];
            axes[j] = NULL;
        } else if (axes[j]->u.list.n == 0) {
            err = call_error(c, "grid: axis %s has no values", kw->u.rec.keys[j]);
        } else if (total > SWEEP_MAX_POINTS / axes[j]->u.list.n) {
            err = call_error(c, "grid: more than %ld points", SWEEP_MAX_POINTS);
        } else {
            total *= axes[j]->u.list.n;
        }
    }
    if (!err && n == 0)
        err = call_error(c, "grid: give at least one axis, e.g. grid(m = 1:3)");
    Value *l = NULL;
    if (!err) {
        l = val_list_new(total);
        for (long i = 0; i < total; i++) {
            /* the first axis varies slowest, as in nested for loops */
            Value *r = val_record_new(NULL, n);
            long rest = i;
            for (long j = n - 1; j >= 0; j--) {
                long len = axes[j]->u.list.n;
                val_record_set(r, j, kw->u.rec.keys[j], val_ref(axes[j]->u.list.items[rest % len]));
                rest /= len;
            }
            val_list_set(l, i, r);
        }
    }
    for (long j = 0; j < n; j++)
        if (axes[j])
            val_unref(axes[j]);
    free(axes);
    return err ? err : l;
}

/* ------------------------------------------------------------ CSV rows */

/* One CSV field: strings as they are, reals with every digit their
   precision holds (17 significant digits for a double: they read back
   exactly), everything else as Sym prints it; quoted (with "" for ") when
   it holds a comma, quote or line break. */
static void csv_field(StrBuf *sb, const Value *v)
{
    StrBuf t = STRBUF_INIT;
    const char *s;
    size_t len;
    if (v->kind == VAL_STR) {
        s = v->u.str.s;
        len = v->u.str.len;
    } else if (v->kind == VAL_REAL) {
        long digits = (long)(mpfr_get_prec(v->u.r) * 0.30103) + 2;
        char *d = NULL;
        if (mpfr_asprintf(&d, "%.*Rg", (int)digits, v->u.r) < 0 || !d) {
            sb_puts(sb, "nan");
            return;
        }
        sb_puts(sb, d);
        mpfr_free_str(d);
        return;
    } else {
        print_value(&t, v, FMT_PLAIN);
        s = t.s ? t.s : "";
        len = t.len;
    }
    if (strcspn(s, ",\"\n\r") < len) {
        sb_putc(sb, '"');
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '"')
                sb_putc(sb, '"');
            sb_putc(sb, s[i]);
        }
        sb_putc(sb, '"');
    } else {
        sb_putn(sb, s, len);
    }
    sb_free(&t);
}

/* Header or row of task i: task, the point's fields, the result's fields
   (a non-record result is one field "value"). */
static void csv_line(StrBuf *sb, long i, const Value *pt, const Value *res, int header)
{
    if (header)
        sb_puts(sb, "task");
    else
        sb_printf(sb, "%ld", i);
    for (long j = 0; j < pt->u.rec.n; j++) {
        sb_putc(sb, ',');
        if (header)
            sb_puts(sb, pt->u.rec.keys[j]);
        else
            csv_field(sb, pt->u.rec.vals[j]);
    }
    if (res->kind == VAL_RECORD) {
        for (long j = 0; j < res->u.rec.n; j++) {
            sb_putc(sb, ',');
            if (header)
                sb_puts(sb, res->u.rec.keys[j]);
            else
                csv_field(sb, res->u.rec.vals[j]);
        }
    } else {
        sb_putc(sb, ',');
        if (header)
            sb_puts(sb, "value");
        else
            csv_field(sb, res);
    }
    sb_putc(sb, '\n');
}

/* ------------------------------------------------------------ part files */

typedef struct {
    long task;
    char *line; /* with its newline */
} Row;

typedef struct {
    Row *rows;
    long n, cap;
    char *header; /* the first header seen, with its newline */
} Rows;

static void rows_clear(Rows *R)
{
    for (long i = 0; i < R->n; i++)
        free(R->rows[i].line);
    free(R->rows);
    free(R->header);
}

/* Does name look like BASE.partSofN? */
static int part_name(const char *name, const char *base)
{
    size_t bl = strlen(base);
    long s, n;
    char tail;
    if (strncmp(name, base, bl) != 0 || strncmp(name + bl, ".part", 5) != 0)
        return 0;
    return sscanf(name + bl + 5, "%ldof%ld%c", &s, &n, &tail) == 2 && s >= 0 && s < n;
}

/* Read the complete rows of one part file ("task,..." first line is the
   header; a last line without its newline, from a killed writer, is not a
   row).  0 on success, else errno. */
static int rows_read_file(Rows *R, const char *path, char *why, size_t whylen)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    if (!f) {
        snprintf(why, whylen, "cannot read %s: %s", path, strerror(errno));
        return 1;
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[len - 1] != '\n')
            break;
        if (lineno == 1) {
            if (!R->header) {
                R->header = strdup(line);
            } else if (strcmp(R->header, line) != 0) {
                snprintf(why, whylen, "%s: its header differs from the other part files", path);
                free(line);
                fclose(f);
                return 1;
            }
            continue;
        }
        char *end;
        long t = strtol(line, &end, 10);
        if (end == line || *end != ',' || t < 0) {
            snprintf(why, whylen, "%s:%ld: not a sweep row", path, lineno);
            free(line);
            fclose(f);
            return 1;
        }
        if (R->n == R->cap) {
            R->cap = 2 * R->cap + 16;
            R->rows = realloc(R->rows, (size_t)R->cap * sizeof(Row));
        }
        R->rows[R->n].task = t;
        R->rows[R->n++].line = strdup(line);
    }
    free(line);
    fclose(f);
    return 0;
}

/* Every complete row of the part files of base (dir/name split). */
static int rows_read_parts(Rows *R, const char *base, char *why, size_t whylen)
{
    char *copy = strdup(base), *slash = strrchr(copy, '/');
    const char *dir = ".", *name = copy;
    if (slash) {
        *slash = '\0';
        dir = slash == copy ? "/" : copy;
        name = slash + 1;
    }
    DIR *d = opendir(dir);
    int st = 0;
    if (!d) {
        snprintf(why, whylen, "cannot read the directory %s: %s", dir, strerror(errno));
        free(copy);
        return 1;
    }
    /* sorted names, so that the first header seen does not depend on the
       directory order */
    char **names = NULL;
    long nn = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!part_name(e->d_name, name))
            continue;
        if (nn == cap) {
            cap = 2 * cap + 8;
            names = realloc(names, (size_t)cap * sizeof(char *));
        }
        names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    for (long i = 0; i < nn; i++)
        for (long j = i + 1; j < nn; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    for (long i = 0; i < nn && !st; i++) {
        StrBuf p = STRBUF_INIT;
        sb_printf(&p, "%s/%s", dir, names[i]);
        st = rows_read_file(R, p.s, why, whylen);
        sb_free(&p);
    }
    for (long i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    free(copy);
    return st;
}

static int row_cmp(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    if (x->task != y->task)
        return x->task < y->task ? -1 : 1;
    return strcmp(x->line, y->line);
}

/* Open the part file for appending, cutting a partial last line left by a
   killed writer.  -1 and why on failure. */
static int part_open(const char *path, char *why, size_t whylen)
{
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        snprintf(why, whylen, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    off_t end = sb.st_size;
    char ch;
    while (end > 0 && pread(fd, &ch, 1, end - 1) == 1 && ch != '\n')
        end--;
    if (end != sb.st_size && ftruncate(fd, end) != 0) {
        snprintf(why, whylen, "cannot repair %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int write_all(int fd, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, s, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        s += w;
        len -= (size_t)w;
    }
    return 0;
}

/* ------------------------------------------------------------ sweep */

/* An integer from a Sym integer or a decimal string; NULL or an error. */
static Value *shard_arg(Call *c, Value **a, int i, long *out)
{
    if (a[i]->kind == VAL_STR) {
        char *end;
        errno = 0;
        long v = strtol(a[i]->u.str.s, &end, 10);
        if (end == a[i]->u.str.s || *end || errno || v < 0)
            return arg_error(c, i, "\"%s\" is not a non-negative integer", a[i]->u.str.s);
        *out = v;
        return NULL;
    }
    return arg_long(c, a, i, 0, SWEEP_MAX_POINTS, out);
}

static int env_long(const char *name, long *out)
{
    const char *s = getenv(name);
    char *end;
    if (!s || !*s)
        return 0;
    errno = 0;
    *out = strtol(s, &end, 10);
    return !*end && !errno;
}

static Value *bi_sweep(Call *c, Value **a)
{
    Value *pts = a[0], *f = a[1], *err = NULL;
    long task = 0, tasks = 1, n;
    char why[512] = "";
    if (pts->kind != VAL_LIST)
        return arg_type_error(c, 0, "a list of records (see grid)", pts);
    n = pts->u.list.n;
    for (long i = 0; i < n; i++)
        if (pts->u.list.items[i]->kind != VAL_RECORD)
            return arg_error(c, 0, "point %ld is a %s, not a record", i + 1,
                             val_kind_name(pts->u.list.items[i]));
    if (f->kind != VAL_FUNC && f->kind != VAL_BUILTIN)
        return arg_type_error(c, 1, "a function of one point", f);
    if (a[2]->kind != VAL_STR || a[2]->u.str.len == 0)
        return arg_type_error(c, 2, "a file name", a[2]);
    const char *path = a[2]->u.str.s;
    if ((a[3] == NULL) != (a[4] == NULL))
        return call_error(c, "sweep: give both task = and tasks =, or neither");
    if (a[3]) {
        if ((err = shard_arg(c, a, 3, &task)) || (err = shard_arg(c, a, 4, &tasks)))
            return err;
    } else {
        long id, cnt, lo = 0;
        if (env_long("SLURM_ARRAY_TASK_ID", &id) && env_long("SLURM_ARRAY_TASK_COUNT", &cnt)) {
            env_long("SLURM_ARRAY_TASK_MIN", &lo);
            task = id - lo;
            tasks = cnt;
        }
    }
    if (tasks < 1 || task >= tasks)
        return call_error(c, "sweep: task %ld of %ld: the task index must be in 0..%ld", task,
                          tasks, tasks - 1);

    /* tasks already done, in any part file (resume) */
    Rows done = {0};
    if (rows_read_parts(&done, path, why, sizeof why)) {
        rows_clear(&done);
        return call_error(c, "sweep: %s", why);
    }
    char *have = calloc((size_t)n + 1, 1);
    for (long r = 0; r < done.n; r++)
        if (done.rows[r].task < n)
            have[done.rows[r].task] = 1;
    char *header = done.header ? strdup(done.header) : NULL;
    rows_clear(&done);

    StrBuf part = STRBUF_INIT;
    sb_printf(&part, "%s.part%ldof%ld", path, task, tasks);
    long ran = 0, skipped = 0, mine = 0;
    int fd = -1;
    for (long i = task; i < n && !err; i += tasks) {
        mine++;
        if (have[i]) {
            skipped++;
            continue;
        }
        Value *pt = pts->u.list.items[i];
        Value *res = interp_call(c->I, f, &pt, 1, &c->span);
        if (val_is_error(res)) {
            err = res;
            break;
        }
        StrBuf h = STRBUF_INIT, line = STRBUF_INIT;
        csv_line(&h, i, pt, res, 1);
        csv_line(&line, i, pt, res, 0);
        if (header && strcmp(header, h.s) != 0) {
            err = call_error(c, "sweep: task %ld gives the columns %.*s, not %.*s as before", i,
                             (int)h.len - 1, h.s, (int)strlen(header) - 1, header);
        } else {
            if (fd < 0 && (fd = part_open(part.s, why, sizeof why)) < 0)
                err = call_error(c, "sweep: %s", why);
            struct stat sb;
            if (!err && fstat(fd, &sb) == 0 && sb.st_size == 0 && write_all(fd, h.s, h.len) != 0)
                err = call_error(c, "sweep: cannot write %s: %s", part.s, strerror(errno));
            /* the whole row in one write: a killed run leaves whole rows */
            if (!err && write_all(fd, line.s, line.len) != 0)
                err = call_error(c, "sweep: cannot write %s: %s", part.s, strerror(errno));
            if (!header)
                header = strdup(h.s);
            ran++;
        }
        sb_free(&h);
        sb_free(&line);
        val_unref(res);
    }
    if (fd >= 0 && close(fd) != 0 && !err)
        err = call_error(c, "sweep: cannot write %s: %s", part.s, strerror(errno));
    free(header);
    free(have);
    if (err) {
        sb_free(&part);
        return err;
    }
    Value *r = val_record_new("sweep", 6);
    val_record_set(r, 0, "task", val_rat_si(task));
    val_record_set(r, 1, "tasks", val_rat_si(tasks));
    val_record_set(r, 2, "points", val_rat_si(mine));
    val_record_set(r, 3, "ran", val_rat_si(ran));
    val_record_set(r, 4, "skipped", val_rat_si(skipped));
    val_record_set(r, 5, "file", val_cstr(part.s));
    sb_free(&part);
    return r;
}

/* ------------------------------------------------------------ cputime */

/* The CPU time of this process, for benchmarks on shared machines where
   wall time also counts the time other processes hold the cores. */
static Value *bi_cputime(Call *c, Value **a)
{
    struct timespec ts;
    (void)a;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return call_error(c, "cputime: %s", strerror(errno));
    return val_real_d((double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec);
}

/* ------------------------------------------------------------ merge */

static Value *bi_sweep_merge(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR || a[0]->u.str.len == 0)
        return arg_type_error(c, 0, "a file name", a[0]);
    const char *path = a[0]->u.str.s;
    long npts = -1;
    if (a[1]) {
        if (a[1]->kind != VAL_LIST)
            return arg_type_error(c, 1, "the list of points", a[1]);
        npts = a[1]->u.list.n;
    }
    Rows R = {0};
    char why[512] = "";
    if (rows_read_parts(&R, path, why, sizeof why)) {
        rows_clear(&R);
        return call_error(c, "sweep_merge: %s", why);
    }
    if (!R.header) {
        rows_clear(&R);
        return call_error(c, "sweep_merge: no rows in %s.part*", path);
    }
    qsort(R.rows, (size_t)R.n, sizeof(Row), row_cmp);
    /* a task done twice (two shardings, a rerun) must agree */
    long k = 0;
    Value *err = NULL;
    for (long i = 0; i < R.n && !err; i++) {
        if (k > 0 && R.rows[k - 1].task == R.rows[i].task) {
            if (strcmp(R.rows[k - 1].line, R.rows[i].line) != 0)
                err = call_error(c, "sweep_merge: task %ld has two different rows", R.rows[i].task);
            free(R.rows[i].line);
            continue;
        }
        R.rows[k++] = R.rows[i];
    }
    R.n = k;
    if (!err && npts >= 0) {
        long missing = 0, first = -1, j = 0;
        for (long t = 0; t < npts; t++) {
            while (j < R.n && R.rows[j].task < t)
                j++;
            if (j == R.n || R.rows[j].task != t) {
                if (first < 0)
                    first = t;
                missing++;
            }
        }
        if (R.n > 0 && R.rows[R.n - 1].task >= npts)
            err = call_error(c, "sweep_merge: task %ld is past the %ld points",
                             R.rows[R.n - 1].task, npts);
        else if (missing)
            err = call_error(c, "sweep_merge: %ld of %ld tasks have no row yet (first: task %ld)",
                             missing, npts, first);
    }
    if (!err) {
        StrBuf tmp = STRBUF_INIT;
        sb_printf(&tmp, "%s.merging", path);
        FILE *f = fopen(tmp.s, "w");
        int bad = !f;
        if (f) {
            bad |= fputs(R.header, f) < 0;
            for (long i = 0; i < R.n; i++)
                bad |= fputs(R.rows[i].line, f) < 0;
            bad |= fclose(f) != 0;
        }
        if (bad || rename(tmp.s, path) != 0)
            err = call_error(c, "sweep_merge: cannot write %s: %s", path, strerror(errno));
        sb_free(&tmp);
    }
    long rows = R.n;
    rows_clear(&R);
    return err ? err : val_rat_si(rows);
}

const Builtin builtins_sweep[] = {
    {"cputime", "", bi_cputime, "core",
     "CPU seconds this process has used, user + system (for timing on a shared machine; "
     "clock() is wall time).",
     NULL, NULL},
    {"grid", "**axes", bi_grid, "sweeps",
     "The points of a parameter grid: one record per combination of the axes' values, "
     "the first axis varying slowest (as nested for loops).",
     "length(grid(m = [5, 10], seed = 0:2))", "6"},
    {"sweep", "points, f, path, task = 0, tasks = 1", bi_sweep, "sweeps",
     "Runs the tasks of one shard of a sweep: task i (point i, 0-based) when i mod tasks = "
     "task, as f(point), appending one CSV row (task, the point's fields, the result "
     "record's fields) to PATH.partTASKofTASKS.  Tasks with a row in any PATH.part* file are "
     "skipped (resume).  task/tasks: integers or decimal strings; by default "
     "SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, else 0 and 1.  "
     "Returns record(task, tasks, points, ran, skipped, file).",
     "sweep(grid(n = 1:4), p -> record(sq = p.n^2), \"/tmp/sym-help-sweep.csv\", "
     "task = 1, tasks = 2).points",
     "2"},
    {"sweep_merge", "path, points = nil", bi_sweep_merge, "sweeps",
     "Gathers the rows of every PATH.part* file into PATH sorted by task (the same file "
     "however the tasks were spread); with points, checks that every task has its row.  "
     "Returns the number of rows.",
     "s = sweep(grid(n = 1:3), p -> p.n^2, \"/tmp/sym-help-merge.csv\"); "
     "sweep_merge(\"/tmp/sym-help-merge.csv\")",
     "3"},
    {NULL}};
