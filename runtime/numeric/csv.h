/* csv.h — CSV files of named double columns, the storage format of Sym's
 * data sets (load, save).
 *
 * Reading: the first non-comment line is the header (column names, each
 * optionally in double quotes, "" escaping a quote); every further line is
 * a row of numbers separated by commas.  Lines whose first non-blank
 * character is '#' and blank lines are skipped; CRLF line ends are
 * accepted; spaces around cells are ignored.  A cell must be a decimal
 * number ([+-]digits[.digits][e[+-]digits], parsed with strtod in the C
 * locale whatever the process locale): nan, inf, hex and empty cells are
 * errors.  Errors name the file, the 1-based line and the 1-based column
 * (character position) of the bad cell, e.g.
 *     data.csv:4:7: cell 'abc' in column 'x2' is not a number
 *     data.csv:5: row has 3 cells, the header has 4
 *
 * Writing: the header, then one line per row with each value in the
 * shortest of %.15g, %.16g, %.17g that reads back to the same double, so
 * values round-trip exactly.  Only finite values can be written.
 *
 * Errors are returned as malloc'ed messages (*err, freed by the caller);
 * outputs are left empty on failure. */
#ifndef SYM_NUMERIC_CSV_H
#define SYM_NUMERIC_CSV_H

#include <stddef.h>
#include "dmat.h"

/* A table of named columns: names[j] names column j of data (rows x cols,
 * column-major).  Owned by the table; free with csv_table_clear. */
typedef struct CsvTable {
    int cols;
    char **names;
    DMat *data;
} CsvTable;

/* Sets t to the empty table (no columns, no data). */
void csv_table_init(CsvTable *t);

/* Frees what t owns and makes it empty again. */
void csv_table_clear(CsvTable *t);

/* Parses text[0 .. len) (it may contain NUL bytes, which are errors) into
 * *t, which must be empty.  fname is used in messages only.  Returns 0, or
 * -1 with *err set (t stays empty) for: no header (an empty file), an
 * empty or duplicate column name, a row with a different number of cells
 * than the header, a cell that is not a number or out of the double range,
 * an unterminated quote, more rows than fit an int, or no memory. */
int csv_parse(CsvTable *t, const char *text, size_t len, const char *fname, char **err);

/* Reads the file at path and parses it as csv_parse does (messages name the
 * file by path).  A file that cannot be opened or read gives
 * "cannot open 'PATH': <strerror>". */
int csv_read_file(CsvTable *t, const char *path, char **err);

/* A new malloc'ed CSV text of the columns A (rows x cols) named
 * names[0 .. cols).  Names containing a comma, quote, space or '#' are
 * quoted.  Returns NULL with *err set if a value is NaN or infinite, or
 * memory runs out. */
char *csv_format(const char *const *names, const DMat *A, char **err);

/* Writes csv_format(names, A) to path (replacing the file).  Returns 0, or
 * -1 with *err set ("cannot write 'PATH': <strerror>" or as csv_format). */
int csv_write_file(const char *path, const char *const *names, const DMat *A, char **err);

#endif
