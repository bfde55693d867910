/* fuzz_parser.c — libFuzzer harness for the parser: any bytes in, a
 * well-formed tree and printable diagnostics out, no crash, no leak.
 * Build: see tests/fuzz/README. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ast_dump.h"
#include "parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Source *src = source_new("fuzz.sym", (const char *)data, size);
    if (src == NULL)
        return 0;
    ParseResult *r = parser_parse(src);
    const char *why = NULL;
    if (r == NULL || r->root == NULL || !ast_validate(r->root, src, &why)) {
        fprintf(stderr, "bad tree: %s\n", why ? why : "no result");
        abort();
    }
    if ((r->status == PARSE_OK) != (r->ndiags == 0) || r->ndiags > 20)
        abort();
    FILE *null = fopen("/dev/null", "w");
    if (null != NULL) {
        for (int i = 0; i < r->ndiags; i++)
            diag_print(null, "error", &r->diags[i].span, r->diags[i].message);
        ast_dump(null, r->root);
        fclose(null);
    }
    parse_result_free(r);
    source_free(src);
    return 0;
}
