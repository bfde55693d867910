/* builtins_nn.h — the network value kind and the network cases of builtins
 * defined elsewhere (enforce in builtins_model.c, discover in
 * builtins_discover.c, save and load in builtins_data.c). */
#ifndef SYM_BUILTINS_NN_H
#define SYM_BUILTINS_NN_H

#include "builtins.h"

extern const ObjType nn_net_type;
extern const Builtin builtins_nn[];

int nn_is_network(const Value *v);
/* enforce(net, G, discrete) with a[0] a network. */
Value *nn_builtin_enforce(Call *c, Value **a);
/* discover(net, G, box, tol = ...) with a[0] a network (discover's slots:
   a[2] = box, a[4] = tol). */
Value *nn_builtin_discover(Call *c, Value **a);
/* save(path, net) / load(path) of a network file (nn/io.h). */
Value *nn_builtin_save(Call *c, const char *path, Value *net);
Value *nn_builtin_load(Call *c, const char *path);
/* simulate(f, X0, dt, steps, ...) (builtins_simulate.c). */

#endif
