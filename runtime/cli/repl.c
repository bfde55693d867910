/* repl.c — the interactive loop: GNU Readline with a history file and tab
 * completion (or plain line input without Readline), continuation lines
 * for incomplete input, Ctrl-C to drop a line or stop a computation,
 * Ctrl-D to leave.  `?name` and `help name` are shorthands for help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "config.h"
#include "repl.h"
#include "builtins.h"
#include "stdlib_files.h"
#ifdef HAVE_READLINE
#include <readline/readline.h>
#include <readline/history.h>
#endif

static Interp *completion_interp;

void interp_load_prelude(Interp *I)
{
    const char *text = stdlib_file_text("prelude.sym");
    if (!text)
        return;
    int echo = I->echo;
    interp_run_source(I, source_new("<stdlib>/prelude.sym", text, strlen(text)), 0);
    I->echo = echo;
}

#ifdef HAVE_READLINE
static const char *const repl_keywords[] = {
    "if",       "elseif", "else",   "end", "for", "in",  "while", "function", "return", "break",
    "continue", "import", "coords", "and", "or",  "not", "true",  "false",    "nil",    NULL};

/* Completion: keywords, then every bound name (builtins included). */
static char *complete_name(const char *text, int state)
{
    static size_t kw, env_i;
    static size_t len;
    if (!state) {
        kw = 0;
        env_i = 0;
        len = strlen(text);
    }
    while (repl_keywords[kw]) {
        const char *k = repl_keywords[kw++];
        if (strncmp(k, text, len) == 0)
            return strdup(k);
    }
    const char *n;
    while ((n = env_name_at(completion_interp->globals, &env_i)))
        if (strncmp(n, text, len) == 0)
            return strdup(n);
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;
    rl_completion_append_character = '\0';
    return rl_completion_matches(text, complete_name);
}

static char *history_path(void)
{
    const char *p = getenv("SYM_HISTFILE");
    if (p)
        return strdup(p);
    const char *home = getenv("HOME");
    if (!home)
        return NULL;
    size_t n = strlen(home) + 32;
    char *s = malloc(n);
    snprintf(s, n, "%s/.sym_history", home);
    return s;
}

/* Ctrl-C at the prompt: drop the line, new prompt. */
static void sigint_at_prompt(int sig)
{
    (void)sig;
    sym_interrupted = 1;
    rl_replace_line("", 0);
    rl_set_prompt("sym> ");
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
}

static char *read_line(const char *prompt)
{
    return readline(prompt);
}
#else
static char *read_line(const char *prompt)
{
    fputs(prompt, stdout);
    fflush(stdout);
    StrBuf sb = STRBUF_INIT;
    int ch;
    while ((ch = getchar()) != EOF && ch != '\n')
        sb_putc(&sb, (char)ch);
    if (ch == EOF && sb.len == 0) {
        sb_free(&sb);
        return NULL;
    }
    return sb_take(&sb);
}
#endif

/* How much one line opens: function/if/for/while minus end, plus open
 * minus closed brackets (strings and # comments skipped).  A pending block
 * whose total is still positive cannot be complete, so the REPL does not
 * parse it (a pasted 5000-line function is parsed once, not 5000 times). */
static long line_depth(const char *s)
{
    long d = 0;
    for (const char *p = s; *p;) {
        if (*p == '#')
            break;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p)
                p++;
            continue;
        }
        if (*p == '(' || *p == '[')
            d++;
        else if (*p == ')' || *p == ']')
            d--;
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
            (unsigned char)*p >= 0x80) {
            const char *w = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
                   (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)
                p++;
            size_t n = (size_t)(p - w);
            int after_dot = w > s && w[-1] == '.';
            if (!after_dot &&
                ((n == 8 && strncmp(w, "function", 8) == 0) ||
                 (n == 2 && strncmp(w, "if", 2) == 0) || (n == 3 && strncmp(w, "for", 3) == 0) ||
                 (n == 5 && strncmp(w, "while", 5) == 0)))
                d++;
            else if (!after_dot && n == 3 && strncmp(w, "end", 3) == 0)
                d--;
            continue;
        }
        p++;
    }
    return d;
}

#ifdef HAVE_READLINE
/* Warn once that the history file cannot be written (a directory, no
   permission, a missing directory); returns 1 if it can. */
static int history_writable(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd >= 0) {
        close(fd);
        return 1;
    }
    fprintf(stderr, "sym: warning: the history will not be saved to '%s': %s\n", path,
            strerror(errno));
    return 0;
}
#endif

/* `?name` or `help name` -> help("name"). */
static char *rewrite_help(const char *line)
{
    const char *p = line;
    while (*p == ' ')
        p++;
    const char *word = NULL;
    if (*p == '?')
        word = p + 1;
    else if (strncmp(p, "help ", 5) == 0 && !strchr(p, '('))
        word = p + 5;
    if (!word)
        return NULL;
    while (*word == ' ')
        word++;
    size_t n = strlen(word);
    while (n && (word[n - 1] == ' ' || word[n - 1] == '\n'))
        n--;
    StrBuf sb = STRBUF_INIT;
    if (n == 0)
        sb_puts(&sb, "help()");
    else
        sb_printf(&sb, "help(\"%.*s\")", (int)n, word);
    return sb_take(&sb);
}

int repl_run(Interp *I, int quiet)
{
    completion_interp = I;
    I->interactive = 1;
#ifdef HAVE_READLINE
    rl_readline_name = "sym";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,[+-*/^:";
    char *hist = history_path();
    using_history();
    if (hist && !history_writable(hist)) {
        free(hist);
        hist = NULL;
    }
    if (hist)
        read_history(hist);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sigint_at_prompt;
    sigemptyset(&sa.sa_mask);
#endif
    if (!quiet)
        printf("Sym %s — type help, or help(\"enforce\"); Ctrl-D to leave\n", PACKAGE_VERSION);
    StrBuf pending = STRBUF_INIT;
    long depth = 0;        /* line_depth of the pending lines */
    size_t parsed_len = 0; /* length at the last parse of pending */
    int last = RUN_OK;
    for (;;) {
#ifdef HAVE_READLINE
        sigaction(SIGINT, &sa, &old);
#endif
        sym_interrupted = 0;
        char *line = read_line(pending.len ? "...> " : "sym> ");
#ifdef HAVE_READLINE
        sigaction(SIGINT, &old, NULL);
#endif
        if (sym_interrupted) {
            /* Ctrl-C while typing: the lines typed before it are dropped;
               the line returned now was typed after it and is kept. */
            sb_free(&pending);
            depth = 0;
            parsed_len = 0;
            sym_interrupted = 0;
        }
        if (!line) {
            putchar('\n');
            break;
        }
        char *help = pending.len ? NULL : rewrite_help(line);
        if (pending.len)
            sb_putc(&pending, '\n');
        sb_puts(&pending, help ? help : line);
        depth += line_depth(help ? help : line);
        free(help);
        free(line);
        /* An open block is not parsed, except when the pending text has
           doubled since the last parse (an early syntax error is still
           reported soon; the total work stays linear). */
        if (depth > 0 && pending.len < 2 * parsed_len + 4096)
            continue;
        parsed_len = pending.len;
        { /* incomplete parses are not kept by the session */
            Source *probe_src = source_new("<repl>", sb_str(&pending), pending.len);
            ParseResult *probe = parser_parse(probe_src);
            int incomplete = probe->status == PARSE_INCOMPLETE;
            parse_result_free(probe);
            source_free(probe_src);
            if (incomplete)
                continue;
        }
        Source *src = source_new("<repl>", sb_str(&pending), pending.len);
        ParseResult *pr = interp_parse(I, src);
#ifdef HAVE_READLINE
        if (pending.len && strspn(sb_str(&pending), " \t\n") != pending.len)
            add_history(sb_str(&pending));
#endif
        sb_free(&pending);
        depth = 0;
        parsed_len = 0;
        if (pr->status == PARSE_ERROR) {
            for (int i = 0; i < pr->ndiags; i++)
                diag_print(I->err, "error", &pr->diags[i].span, pr->diags[i].message);
            last = RUN_SYNTAX;
            continue;
        }
        last = interp_run_tree(I, pr->root, 1);
        sym_interrupted = 0;
    }
#ifdef HAVE_READLINE
    if (hist) {
        int e = write_history(hist);
        if (e != 0)
            fprintf(stderr, "sym: warning: the history was not saved to '%s': %s\n", hist,
                    strerror(e));
        else
            history_truncate_file(hist, 1000);
        free(hist);
    }
#endif
    sb_free(&pending);
    (void)last;
    return RUN_OK;
}
