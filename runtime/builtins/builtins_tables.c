/* builtins_tables.c — the list of every binding's builtin table, read by
 * the registry (core/builtins.c: builtin_find, help, the session's globals).
 * Like Lua's linit.c: the one place that names all the bindings, so the
 * core layer names none.  Add a table here and declare it in builtins.h. */
#include "builtins.h"

const Builtin *const builtin_tables[] = {builtins_core,   builtins_matrix,   builtins_poly,
                                         builtins_lie,    builtins_rep,      builtins_bundle,
                                         builtins_model,  builtins_discover, builtins_numeric,
                                         builtins_data,   builtins_plot,     builtins_fit,
                                         builtins_kernel, builtins_language, builtins_field_plot,
                                         builtins_nn,     builtins_sweep,    NULL};
